"""Carrying out outbox actions on WordPress: reply, moderate, lock.

WordPress has no idempotency keys and no If-Match, so exactly-once is ours to keep: before a
reply that may have been sent already the server is asked whether it is there
(``find_reply``), and a moderation reads the comment first and does nothing when it is already
where the action would put it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from desktop.models.ingest import html_to_text
from desktop.models.records import CommentRecord
from desktop.models.timefmt import iso_z
from desktop.services.connectors.base import (
    Action,
    BadResponse,
    Batch,
    ConflictError,
    NotFound,
    Outcome,
    PermissionDenied,
    RateLimited,
    Rejected,
)
from desktop.services.connectors.wordpress import errors
from desktop.services.connectors.wordpress import records as wr
from desktop.services.connectors.wordpress.client import PER_PAGE, WordPressClient
from desktop.services.http import json_or_none

REPLY_SKEW = 300.0  # clock difference tolerated when looking for a reply we may have sent
FLOOD_WAIT = 15.0  # WordPress's comment flood interval for non-moderators

_SET_STATUS = {"approve": "approved", "hide": "hold", "spam": "spam"}
_READ_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


async def perform(client: WordPressClient, action: Action) -> Outcome:
    if action.kind == "reply":
        return await _reply(client, action)
    if action.kind in ("lock", "unlock"):
        return await _lock(client, action)
    if action.kind in ("approve", "hide", "spam", "delete", "restore"):
        return await _moderate(client, action)
    raise Rejected(f"WordPress has no '{action.kind}' (core WordPress has no likes)")


def wanted_status(kind: str, status: str) -> tuple[str, Callable[[str], bool]] | None:
    """(status to send, test of the answer), or None when nothing is left to do."""
    if kind in _SET_STATUS:
        target = _SET_STATUS[kind]
        return None if status == target else (target, lambda s: s == target)
    if kind == "delete":
        return None if status == "trash" else ("trash", lambda s: s == "trash")
    # restore: undo trash or spam; WordPress puts the comment back where it was (approved
    # or held). A held ("hidden") comment is restored by approving it.
    if status == "trash":
        return "untrash", lambda s: s not in ("trash", "spam")
    if status == "spam":
        return "unspam", lambda s: s not in ("trash", "spam")
    if status == "hold":
        return "approved", lambda s: s == "approved"
    return None


async def _reply(client: WordPressClient, action: Action) -> Outcome:
    body = str(action.payload["body"])
    post_id = int(action.payload.get("post_id") or action.target_id)
    parent = int(action.payload.get("parent_id") or 0)
    if action.maybe_sent:
        found = await find_reply(client, post_id, parent, body, action.sent_at)
        if found is not None:
            return found
    response = await client.request(
        "POST", "comments", idempotent=False,
        body={"post": post_id, "parent": parent, "content": body},
    )
    status, code = response.status_code, errors.code(response)
    if status == 201:
        return _comment_outcome(client, response, "the reply")
    if status == 409 and code == "comment_duplicate":
        # WordPress refuses the same text twice on the same parent: it is there already.
        found = await find_reply(client, post_id, parent, body, action.sent_at)
        return found or Outcome(already_applied=True)
    if code == "rest_comment_closed":
        raise ConflictError("Comments are closed on this post; the reply was not sent")
    if code == "comment_flood":
        raise RateLimited("WordPress refuses comments this close together; sending again "
                          f"in {FLOOD_WAIT:g} s", FLOOD_WAIT)
    if code in ("rest_post_invalid_id", "rest_comment_invalid_post_id"):
        raise NotFound("The post no longer exists on the server")
    if code in ("rest_comment_invalid_parent", "rest_comment_parent_invalid"):
        raise NotFound("The comment you answered no longer exists on the server")
    raise client.error_for(response, "the reply")


async def find_reply(client: WordPressClient, post_id: int, parent: int, body: str,
                     sent_at: float | None) -> Outcome | None:
    """My comment with this text under this parent, if an earlier attempt created it."""
    me = await client.me()
    moderator = "moderate_comments" in await client.caps()
    params: dict[str, Any] = {"post": post_id, "parent": parent, "per_page": PER_PAGE,
                              "orderby": "date_gmt", "order": "desc",
                              "_fields": wr.COMMENT_FIELDS}
    if sent_at is not None:
        params["after"] = iso_z(sent_at - REPLY_SKEW)
    if moderator:
        params.update(context="edit", status="all")
    docs, _ = await client.get_list("comments", params, what="your recent replies")
    want = html_to_text(body)
    for d in docs:
        content = d.get("content") or {}
        texts = {html_to_text(str(content.get("raw") or "")),
                 html_to_text(str(content.get("rendered") or ""))}
        if int(d.get("author") or 0) == int(me["id"]) and want in texts:
            try:
                record, _ = wr.comment(d)
            except _READ_ERRORS:
                raise BadResponse(f"{client.site} sent a comment that could not be read") \
                    from None
            return Outcome(remote_id=record["id"], batch=Batch(comments=[record]),
                           already_applied=True)
    return None


async def _current(client: WordPressClient, comment_id: str) -> wr.Doc:
    response = await client.request("GET", f"comments/{int(comment_id)}", idempotent=True,
                                    params={"context": "edit"})
    if response.status_code == 404:
        raise NotFound("The comment no longer exists on the server")
    if response.status_code != 200:
        raise client.error_for(response, "the comment")
    doc = json_or_none(response)
    if not isinstance(doc, dict) or "status" not in doc:
        raise BadResponse(f"{client.site} sent a comment that could not be read")
    return doc


def _record(client: WordPressClient, doc: wr.Doc) -> CommentRecord:
    try:
        return wr.comment(doc)[0]
    except _READ_ERRORS:
        raise BadResponse(f"{client.site} sent a comment that could not be read") from None


async def _moderate(client: WordPressClient, action: Action) -> Outcome:
    cid = action.target_id
    current = await _current(client, cid)
    record = _record(client, current)
    wanted = wanted_status(action.kind, str(current["status"]))
    if wanted is None:  # the comment is already where the action would put it
        return Outcome(remote_id=cid, batch=Batch(comments=[record]), already_applied=True)
    if action.base_version is not None and record["version"] != action.base_version:
        raise ConflictError("The comment changed on the server after you acted on it",
                            Batch(comments=[record]))
    send, accept = wanted
    if send == "trash":
        response = await client.request("DELETE", f"comments/{int(cid)}", idempotent=True)
        if response.status_code == 410:  # rest_already_trashed
            record = _record(client, await _current(client, cid))
            return Outcome(remote_id=cid, batch=Batch(comments=[record]),
                           already_applied=True)
    else:
        response = await client.request("POST", f"comments/{int(cid)}", idempotent=True,
                                        body={"status": send})
    if response.status_code != 200:
        if response.status_code == 404:
            raise NotFound("The comment no longer exists on the server")
        if response.status_code in (401, 403):
            raise PermissionDenied(f"{client.username} may not {action.kind} this comment "
                                   "on WordPress")
        raise client.error_for(response, f"the {action.kind}")
    outcome = _comment_outcome(client, response, f"the {action.kind}")
    answer = json_or_none(response)
    got = str(answer.get("status") or "") if isinstance(answer, dict) else ""
    # An unknown status value answers 200 and changes nothing: check what happened.
    if not accept(got):
        raise Rejected(f"WordPress did not {action.kind} the comment (it is still {got})")
    return outcome


async def _lock(client: WordPressClient, action: Action) -> Outcome:
    value = "closed" if action.kind == "lock" else "open"
    response = await client.request(
        "POST", f"posts/{int(action.target_id)}", idempotent=True,
        params={"_fields": wr.POST_FIELDS}, body={"comment_status": value},
    )
    if response.status_code == 404:
        raise NotFound("The post no longer exists on the server")
    if response.status_code in (401, 403):
        raise PermissionDenied(f"{client.username} may not {action.kind} comments on this post")
    if response.status_code != 200:
        raise client.error_for(response, f"the {action.kind}")
    try:
        record = wr.post(json_or_none(response))
    except _READ_ERRORS:
        raise BadResponse(f"{client.site} answered the {action.kind} with an unreadable "
                          "post") from None
    if record["locked"] != (value == "closed"):
        raise Rejected(f"WordPress did not {action.kind} the comments of this post")
    return Outcome(remote_id=record["id"], batch=Batch(posts=[record]))


def _comment_outcome(client: WordPressClient, response: httpx.Response, what: str) -> Outcome:
    try:
        record, guest = wr.comment(json_or_none(response))
    except _READ_ERRORS:
        raise BadResponse(f"{client.site} answered {what} with an unreadable comment") \
            from None
    return Outcome(remote_id=record["id"], batch=Batch(
        comments=[record], users=[guest] if guest else []))
