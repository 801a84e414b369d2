"""Actions on Plone: reply, delete, and moderation through the site's own form.

plone.restapi has no route for comment moderation, so publish / reject / spam / recall go
through ``@@transmit-comment`` with the CSRF token of ``@@authenticator/token``. That form
answers 302 whether it did something or not (without a valid token the change is silently
rolled back), so every moderation reads the state from the catalogue before and after.

Exactly once: a reply's answer (204) carries no id. The new comment is found by listing the
item (author, parent, text, time), and a retry of a reply that may have been sent looks for it
the same way before sending again. A delete or a moderation is checked against the server's
state first, so a repeat after a lost answer finds the effect and does nothing.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from desktop.models.records import CommentRecord
from desktop.services.connectors.base import (
    Action,
    BadResponse,
    Batch,
    ConflictError,
    NotFound,
    Outcome,
    PermissionDenied,
    Rejected,
)
from desktop.services.connectors.plone import errors
from desktop.services.connectors.plone import records as rec
from desktop.services.connectors.plone.pull import COMMENT, CONVERSATION, Puller

if TYPE_CHECKING:
    from desktop.services.connectors.plone.client import PloneClient

REPLY_SKEW = 300.0  # clock difference tolerated when looking for a reply we may have sent
# our action → (Plone transition, the state it leads to)
TRANSITION = {"approve": ("publish", "published"), "hide": ("reject", "rejected"),
              "spam": ("mark_as_spam", "spam"), "restore": ("recall", "pending")}


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<br\s*/?>", "\n", text))
    return " ".join(text.split())


class Actions:
    def __init__(self, client: PloneClient, puller: Puller) -> None:
        self.client = client
        self.puller = puller

    async def post_path(self, uid: str) -> str:
        hits = await self.client.search("the post", [("UID", uid)])
        if not hits:
            raise NotFound("The post no longer exists on the server")
        return self.client.path_of(str(hits[0]["@id"]))

    async def state(self, path: str, cid: str) -> tuple[str, str] | None:
        """(review state, modified) of one comment from the catalogue, None when gone."""
        hits = await self.client.search("the comment", [
            ("portal_type", COMMENT), ("path.query",
                                       self.client.catalog_path(f"{path}{CONVERSATION}{cid}")),
            ("path.depth", "0"), ("metadata_fields", "review_state"),
            ("metadata_fields", "modified")])
        if not hits:
            return None
        return str(hits[0].get("review_state") or ""), str(hits[0].get("modified") or "")

    async def record(self, path: str, uid: str, cid: str, state: str) -> CommentRecord | None:
        for item in await self.puller.list_comments(path):
            if str(item.get("comment_id")) == cid:
                return rec.comment(item, uid, state, f"{self.client.site}/{path}")
        return None

    # -- reply --------------------------------------------------------------------------------

    async def reply(self, action: Action, me: str) -> Outcome:
        body = str(action.payload["body"])
        uid = str(action.payload.get("post_id") or action.target_id)
        parent = action.payload.get("parent_id")
        parent_cid = rec.split_rid(str(parent))[1] if parent else None
        path = await self.post_path(uid)
        if action.maybe_sent:
            found = await self._find_reply(path, uid, parent_cid, body, me, action.sent_at)
            if found is not None:
                return found
        route = f"{path}/@comments" + (f"/{parent_cid}" if parent_cid else "")
        response = await self.client.request("POST", route, idempotent=False,
                                             json={"text": body})
        status = response.status_code
        if status in (200, 201, 204):
            found = await self._find_reply(path, uid, parent_cid, body, me, None)
            if found is None:
                raise BadResponse(f"{self.client.site} accepted the reply but does not list it")
            return Outcome(remote_id=found.remote_id, batch=found.batch)
        if status == 404 and parent_cid:
            raise NotFound("The comment you answered no longer exists on the server")
        if status in (401, 403):
            doc = await self.client.get_json(f"{path}/@comments", "the comments", b_size=1)
            if not (doc.get("permissions") or {}).get("can_reply", True):
                raise ConflictError("Comments are closed on this post; the reply was not sent")
            raise PermissionDenied(f"{self.client.username} may not comment on this post")
        raise errors.for_response(self.client.site, self.client.username, response, "the reply")

    async def _find_reply(self, path: str, uid: str, parent: str | None, body: str, me: str,
                          sent_at: float | None) -> Outcome | None:
        """My newest comment with this text under this parent, if it is there."""
        want = _plain(body)
        best: dict[str, Any] | None = None
        for item in await self.puller.list_comments(path):
            if str(item.get("author_username") or "") != me:
                continue
            if (item.get("in_reply_to") or None) != parent:
                continue
            if _plain(str((item.get("text") or {}).get("data") or "")) != want:
                continue
            created = rec.ts(item.get("creation_date"))
            if sent_at is not None and created < sent_at - REPLY_SKEW:
                continue
            if best is None or created >= rec.ts(best.get("creation_date")):
                best = item
        if best is None:
            return None
        cid = str(best["comment_id"])
        found = await self.state(path, cid)
        state = found[0] if found else "pending"
        record = rec.comment(best, uid, state, f"{self.client.site}/{path}")
        return Outcome(remote_id=record["id"], batch=Batch(comments=[record]),
                       already_applied=sent_at is not None)

    # -- delete and moderation ----------------------------------------------------------------

    async def _target(self, action: Action) -> tuple[str, str, str, tuple[str, str] | None]:
        uid, cid = rec.split_rid(action.target_id)
        path = await self.post_path(uid)
        return uid, cid, path, await self.state(path, cid)

    async def _check_version(self, action: Action, path: str, uid: str, cid: str,
                             state: str) -> CommentRecord | None:
        """The current record; a ConflictError when it is not the version the user saw."""
        record = await self.record(path, uid, cid, state)
        if action.base_version is not None and record is not None and \
                record["version"] != action.base_version:
            raise ConflictError("The comment changed on the server after you acted on it",
                                Batch(comments=[record]))
        return record

    async def delete(self, action: Action) -> Outcome:
        try:
            _, cid, path, now = await self._target(action)
        except NotFound:
            return Outcome(remote_id=action.target_id, already_applied=True,
                           batch=Batch(tombstones=[("comment", action.target_id)]))
        gone = Outcome(remote_id=action.target_id,
                       batch=Batch(tombstones=[("comment", action.target_id)]))
        if now is None:  # deleted already (by an earlier attempt whose answer was lost?)
            gone.already_applied = True
            return gone
        if action.base_version is not None:
            await self._check_version(action, path, action.target_id.rpartition("-")[0], cid,
                                      now[0])
        response = await self.client.request("DELETE", f"{path}/@comments/{cid}",
                                             idempotent=True)
        if response.status_code == 404:
            gone.already_applied = True
            return gone
        if response.status_code in (401, 403):
            raise PermissionDenied(f"{self.client.username} may not delete this comment")
        if response.status_code not in (200, 204):
            raise errors.for_response(self.client.site, self.client.username, response,
                                      "the delete")
        if await self.state(path, cid) is not None:
            raise Rejected("Plone did not delete the comment")
        return gone

    async def moderate(self, action: Action) -> Outcome:
        transition, target = TRANSITION[action.kind]
        uid, cid, path, now = await self._target(action)
        if now is None:
            raise NotFound("The comment no longer exists on the server")
        if now[0] == target or (action.kind == "restore" and now[0] in ("pending", "published")):
            record = await self.record(path, uid, cid, now[0])
            return Outcome(remote_id=action.target_id, already_applied=True,
                           batch=Batch(comments=[record] if record else []))
        await self._check_version(action, path, uid, cid, now[0])
        token = await self._csrf_token()
        response = await self.client.request(
            # Not repeated blindly: after a lost answer the outbox asks again, and the state
            # read first then tells whether it happened.
            "POST", f"{path}{CONVERSATION}{cid}/@@transmit-comment", idempotent=False,
            data={"workflow_action": transition, "_authenticator": token})
        if response.status_code in (401, 403):
            raise PermissionDenied(f"{self.client.username} may not moderate comments on "
                                   "this site")
        if response.status_code not in (200, 302, 303):
            raise errors.for_response(self.client.site, self.client.username, response,
                                      f"the {action.kind}")
        after = await self.state(path, cid)
        if after is None:
            raise NotFound("The comment no longer exists on the server")
        if after[0] != target:
            # The form's redirect says nothing: a refused token or a missing permission
            # look the same. The catalogue has the truth.
            raise Rejected(f"Plone did not {action.kind} the comment (it is still {after[0]})")
        record = await self.record(path, uid, cid, after[0])
        return Outcome(remote_id=action.target_id,
                       batch=Batch(comments=[record] if record else []))

    async def _csrf_token(self) -> str:
        response = await self.client.request("GET", "@@authenticator/token", idempotent=True)
        token = response.text.strip().strip('"')
        if response.status_code != 200 or not re.fullmatch(r"[0-9a-f]{20,128}", token):
            raise BadResponse(f"{self.client.site} gave no CSRF token for its moderation form")
        return token
