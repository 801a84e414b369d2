"""Connector for WordPress (REST API wp/v2, application passwords). See docs/wordpress.md.

WordPress gives a sync client far less than the reference protocol: no change feed, no
modified date on comments, exclusive date filters, no idempotency keys, no If-Match. So:

- posts come by ``modified_gmt`` and new comments by creation date, each with a one-second
  overlap and a keyset position (wordpress_sync.Position), so new things arrive first, on
  every sync;
- then, at most every ``SWEEP_EVERY`` (or when ``request_sweep()`` asked for it), a sweep
  re-reads every comment (``_fields`` keeps it to ~30 pages/s, only ~20 % slower than ids and
  statuses alone; docs/wordpress.md): it finds status changes, edits and hard deletes, and
  the store writes only what changed (``version``). A comment missing from the sweep is looked
  up again before it becomes a tombstone. The cursor keeps when the last completed sweep
  began (``swept_at``), so the interval holds across restarts;
- before a write that may have been sent already, the server is asked whether it happened.
"""

from __future__ import annotations

import html
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from desktop.services.connectors import wordpress_sync as ws
from desktop.services.connectors.base import (
    Action,
    AuthError,
    BadResponse,
    Batch,
    ConflictError,
    Identity,
    NotFound,
    Outcome,
    Page,
    PermissionDenied,
    RateLimited,
    Rejected,
)
from desktop.services.http import HttpSession, build_client

PER_PAGE = 100  # WordPress's maximum
SWEEP_OVERLAP = 10  # items each sweep page repeats from the one before
# The desk syncs every minute. A sweep costs one request per 100 comments in every list: on a
# site with 100,000 comments ~1,000 requests, ~30 s of a PHP worker at ~30 pages/s. Every
# minute that is half the server's time for one desk; every 15 minutes ~3 %. What only a sweep
# finds (another moderator's status change, an edit, a purge) is rare, and the desk's own
# actions come back in their answers, so a quarter of an hour late is acceptable for it, while
# new posts and comments still come on every sync and "Sync now" can ask for a sweep at once.
SWEEP_EVERY = 15 * 60.0
META_EVERY = 6 * 3600.0  # categories and users
REPLY_SKEW = 300.0  # clock difference tolerated when looking for a reply we may have sent
FLOOD_WAIT = 15.0  # WordPress's comment flood interval for non-moderators

_MOD_LISTS = ("all", "spam", "trash")  # "all" = approved + hold


class WordPressConnector:
    """One account on a WordPress site; the secret is an application password."""

    kind = "wordpress"

    def __init__(self, *, url: str, username: str, secret: str,
                 session: HttpSession | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.site = url.rstrip("/")
        self.username = username
        self._clock = clock
        self._owns_session = session is None
        if session is None:
            # The password lives only inside the client's auth, never in an attribute,
            # a URL or a message.
            auth = httpx.BasicAuth(username, secret)
            session = HttpSession(lambda: build_client(base_url=self.site + "/", auth=auth))
        self.session = session
        self._plain: bool | None = None  # ?rest_route= instead of /wp-json/ (plain permalinks)
        self._me: dict[str, Any] | None = None
        # request_sweep() calls, and how many of them a completed sweep has answered
        self._sweeps_asked = 0
        self._sweeps_done = 0

    # -- requests -------------------------------------------------------------------------

    async def _request(self, method: str, route: str, *, idempotent: bool,
                       params: dict[str, Any] | None = None,
                       body: dict[str, Any] | None = None) -> httpx.Response:
        """One REST call to ``/wp/v2/<route>`` (or the index for route ""), only ever on the
        configured site: links in WordPress's answers are never followed."""
        for plain in ((self._plain,) if self._plain is not None else (False, True)):
            args = dict(params or {})
            if plain:
                url = ""
                args["rest_route"] = "/" + (f"wp/v2/{route}" if route else "")
            else:
                url = "wp-json/" + (f"wp/v2/{route}" if route else "")
            kwargs: dict[str, Any] = {"params": args}
            if body is not None:
                kwargs["json"] = body
            response = await self.session.request(method, url, idempotent=idempotent, **kwargs)
            if self._plain is None:
                if response.status_code == 404 and not ws.is_json(response) and not plain:
                    continue  # no pretty permalinks: try ?rest_route=
                if ws.is_json(response):
                    self._plain = plain
            return response
        return response

    async def _get(self, route: str, params: dict[str, Any] | None = None, *,
                   what: str) -> httpx.Response:
        response = await self._request("GET", route, idempotent=True, params=params)
        if response.status_code != 200:
            raise self._error_for(response, what)
        return response

    # -- verify -------------------------------------------------------------------------------

    async def verify(self) -> Identity:
        index = await self._request("GET", "", idempotent=True)
        doc = ws.json_or_none(index) if index.status_code == 200 else None
        if not isinstance(doc, dict) or "namespaces" not in doc:
            raise self._not_wordpress(index)
        if "wp/v2" not in (doc.get("namespaces") or []):
            raise BadResponse(f"{self.site} runs WordPress, but its REST API (wp/v2) is "
                              "switched off; ask the site's administrator to enable it")
        me = await self._load_me()
        caps = {k for k, v in (me.get("capabilities") or {}).items() if v}
        capabilities = {"reply"}
        if "moderate_comments" in caps:
            capabilities |= {"approve", "hide", "spam", "delete", "restore", "flags"}
        if "edit_others_posts" in caps:
            capabilities.add("lock")
        warnings = []
        if "manage_options" in caps:
            warnings.append(
                f"{self.username} is a WordPress administrator (manage_options). An editor "
                "account is enough for answering and moderating, and an application password "
                "carries all of its user's power: better use a dedicated editor account."
            )
        if "moderate_comments" not in caps:
            warnings.append(f"{self.username} may not moderate comments on this site: "
                            "replies only.")
        return Identity(
            user_id=str(me["id"]), username=str(me.get("username") or me.get("slug") or ""),
            display_name=html.unescape(str(me.get("name") or self.username)),
            role=ws.role_of(list(me.get("roles") or []), me.get("capabilities")),
            capabilities=frozenset(capabilities),
            server_name=html.unescape(str(doc.get("name") or "")),
            moderation_scope="all" if "moderate_comments" in caps else "none",
            warnings=tuple(warnings),
        )

    async def _load_me(self) -> dict[str, Any]:
        if self._me is None:
            response = await self._request("GET", "users/me", idempotent=True,
                                           params={"context": "edit"})
            if response.status_code != 200:
                raise self._error_for(response, "your user profile")
            me = ws.json_or_none(response)
            if not isinstance(me, dict) or "id" not in me:
                raise self._not_wordpress(response)
            self._me = me
        return self._me

    async def _caps(self) -> set[str]:
        me = await self._load_me()
        return {k for k, v in (me.get("capabilities") or {}).items() if v}

    # -- pull ---------------------------------------------------------------------------------

    def request_sweep(self) -> None:
        """Make a sync sweep every comment even if the last sweep is younger than
        ``SWEEP_EVERY``: for a sync a person asked for ("Sync now"), not for the timer.

        The request holds until a sweep that began after it has been stored: a pull already
        past its new comments, a sweep already running, or a sync stopped before its end leave
        it for the next pull of this connector."""
        self._sweeps_asked += 1

    def _sweep_due(self, state: ws.Cursor, now: float) -> bool:
        if self._sweeps_asked > self._sweeps_done or state.swept_at is None:
            return True
        age = now - state.swept_at
        return age >= SWEEP_EVERY or age < 0  # a clock set back must not stop the sweeps

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        """Pages from where ``cursor`` left off: categories and users, posts by modification
        date, new comments by creation date, then, when due, the sweep over every comment."""
        caps = await self._caps()
        moderator = "moderate_comments" in caps
        state = ws.Cursor.load(cursor)
        if state.moderator != moderator:
            state = ws.Cursor(moderator=moderator)  # other rights, other lists: start afresh
        now = self._clock()
        if state.stage == "done":
            state.stage = "meta" if now - state.meta_at > META_EVERY else "posts"
            state.list_index = 0
            state.run_from = state.comments_hwm
            state.run = ws.Position(state.run_from)
        done = 0
        if state.stage == "meta":
            done += 1
            yield await self._meta_page(state, caps, now)
        stages = (("posts", lambda: self._posts_pages(state)),
                  ("comments", lambda: self._comment_pages(state, now)),
                  ("sweep", lambda: self._sweep_pages(state, now)))
        for stage, pages in stages:
            if state.stage == stage:
                async for page in pages():
                    done += 1
                    page.done = done
                    yield page

    async def _all_pages(self, route: str, params: dict[str, Any], what: str) -> list[bytes]:
        raws, page = [], 1
        while True:
            response = await self._get(route, {**params, "per_page": PER_PAGE, "page": page},
                                       what=what)
            raws.append(response.content)
            if page >= int(response.headers.get("x-wp-totalpages") or 1):
                return raws
            page += 1

    async def _meta_page(self, state: ws.Cursor, caps: set[str], now: float) -> Page:
        categories = await self._all_pages("categories", {"_fields": "id,name"}, "categories")
        full = "list_users" in caps
        params = ({"context": "edit", "_fields": "id,username,name,slug,roles,capabilities"}
                  if full else {"_fields": "id,name,slug"})
        users = await self._all_pages("users", params, "the user list")
        state.stage, state.meta_at = "posts", now
        state.users = sorted({i for raw in users for i in ws.peek_ids(raw)})
        site = self.site
        return Page(cursor=state.to_json(),
                    parse=lambda: ws.parse_meta(categories, users, full, site))

    async def _keyset(self, route: str, params: dict[str, Any], after: str, pos: ws.Position,
                      what: str) -> bytes:
        args = {**params, "per_page": PER_PAGE, "order": "asc"}
        if pos.t is not None:
            args[after] = ws.iso_z(pos.t - 1)  # exclusive filter: re-read second t
        if pos.o:
            args["offset"] = pos.o
        response = await self._request("GET", route, idempotent=True, params=args)
        if response.status_code == 400 and ws.code(response) == "rest_post_invalid_page_number":
            return b"[]"
        if response.status_code != 200:
            raise self._error_for(response, what)
        if not ws.peek_list(response.content):
            raise BadResponse(f"{self.site} answered {what} with something that is not a list")
        return response.content

    async def _posts_pages(self, state: ws.Cursor) -> AsyncIterator[Page]:
        params = {"orderby": "modified", "_fields": ws.POST_FIELDS}
        while True:
            raw = await self._keyset("posts", params, "modified_after", state.posts, "posts")
            items = ws.peek_posts(raw)
            if items is None:
                raise BadResponse(f"{self.site} sent a post list that could not be read")
            full = len(items) >= PER_PAGE
            if items:
                state.posts = state.posts.advance([t for _, t in items])
                state.posts.o = state.posts.o if full else 0
            if not full:
                state.stage = "comments"
            yield Page(cursor=state.to_json(),
                       parse=lambda raw=raw, site=self.site: ws.parse_posts(raw, site))
            if not full:
                return

    async def _comment_pages(self, state: ws.Cursor, now: float) -> AsyncIterator[Page]:
        """New comments of every list, by creation date (so they show up first). Whether the
        sweep follows is decided at the end, so a request_sweep() made meanwhile counts."""
        lists = _MOD_LISTS if state.moderator else ("approve",)
        while state.list_index < len(lists):
            params: dict[str, Any] = {"orderby": "date_gmt", "status": lists[state.list_index],
                                      "_fields": ws.COMMENT_FIELDS}
            if state.moderator:
                params["context"] = "edit"
            raw = await self._keyset("comments", params, "after", state.run, "comments")
            items = ws.peek_comments(raw)
            if items is None:
                raise BadResponse(f"{self.site} sent a comment list that could not be read")
            for cid, created, wp_status in items:
                state.known[cid] = ws.STATUS_CHAR.get(wp_status, "x")
                if state.comments_hwm is None or created > state.comments_hwm:
                    state.comments_hwm = created
            if len(items) >= PER_PAGE:
                state.run = state.run.advance([t for _, t, _ in items])
            else:
                state.list_index += 1
                state.run = ws.Position(state.run_from)
                if state.list_index >= len(lists):
                    if state.run_from is None:
                        # A run that read every list from the start has nothing to sweep for,
                        # and counts as a sweep for the interval.
                        state.stage, state.swept_at = "done", now
                    else:
                        state.stage = "sweep" if self._sweep_due(state, now) else "done"
            if items or state.stage != "comments":
                listed = frozenset(state.users)
                yield Page(cursor=state.to_json(),
                           parse=lambda raw=raw, site=self.site, listed=listed:
                           ws.parse_comments([raw], site, listed))

    async def _sweep_pages(self, state: ws.Cursor, now: float) -> AsyncIterator[Page]:
        """Every comment again, in full, by id: status changes and edits change no date in
        WordPress, and hard deletes leave no trace. The store writes only what changed
        (``version``). Paged by offset with an overlap: a comment leaving the list meanwhile
        shifts the pages, and the overlap proves nothing was skipped (else read further back).
        An interrupted sweep starts over (always within one pull: ``now``, when this pull
        began, is before it); it is idempotent. Only its last page's cursor records ``swept_at``,
        so an interrupted sweep does not count for the interval."""
        asked = self._sweeps_asked
        lists = _MOD_LISTS if state.moderator else ("approve",)
        seen: dict[int, str] = {}
        resume_at = state.to_json()  # the state does not change until the last page
        site, listed = self.site, frozenset(state.users)
        for status in lists:
            offset, last = 0, 0
            while True:
                params: dict[str, Any] = {"status": status, "orderby": "id", "order": "asc",
                                          "per_page": PER_PAGE, "offset": offset,
                                          "_fields": ws.COMMENT_FIELDS}
                if state.moderator:
                    params["context"] = "edit"
                raw = (await self._get("comments", params, what="the comment list")).content
                items = ws.peek_comments(raw)
                if items is None:
                    raise BadResponse(f"{self.site} sent a comment list that could not be read")
                if offset and items and items[0][0] > last:
                    offset = max(0, offset - PER_PAGE)  # a gap is possible: step back
                    continue
                seen.update((cid, st) for cid, _, st in items)
                if items:
                    yield Page(cursor=resume_at,
                               parse=lambda raw=raw: ws.parse_comments([raw], site, listed))
                if len(items) < PER_PAGE:
                    break
                last = items[-1][0]
                offset += len(items) - SWEEP_OVERLAP
        state.swept_at = now
        yield await self._sweep_end(state, seen)
        # Resumed only once the consumer has stored that last page (sync_account asks for the
        # next one after apply_page): then the requests made before the sweep began are met.
        self._sweeps_done = max(self._sweeps_done, asked)

    async def _fetch_ids(self, wanted: dict[str, list[int]], moderator: bool) -> list[bytes]:
        """Full records of comments, by status list to look them up in (``include=``)."""
        raws = []
        for status, ids in wanted.items():
            for i in range(0, len(ids), PER_PAGE):
                params: dict[str, Any] = {"include": ",".join(map(str, ids[i:i + PER_PAGE])),
                                          "status": status, "per_page": PER_PAGE,
                                          "_fields": ws.COMMENT_FIELDS}
                if moderator:
                    params["context"] = "edit"
                response = await self._get("comments", params, what="comments")
                raws.append(response.content)
        return raws

    async def _sweep_end(self, state: ws.Cursor, seen: dict[int, str]) -> Page:
        """The sweep's verdict on comments it did not see: tombstones (moderators, after a
        second look) or hidden (others, who cannot tell held from deleted)."""
        missing = sorted(set(state.known) - set(seen))
        tombstones: list[tuple[str, str]] = []
        partial: list[dict[str, Any]] = []
        raws: list[bytes] = []
        if state.moderator and missing:
            # A comment may have changed lists while we swept: look before burying it.
            raws = await self._fetch_ids({s: missing for s in _MOD_LISTS}, True)
            found = ws.ids_in(raws)
            seen.update(found)
            tombstones = [("comment", str(c)) for c in missing if c not in found]
        elif missing:
            # Hidden, never buried: it may come back. The version changes too, so the record
            # read when it comes back is stored.
            partial = [{"id": str(c), "status": "hidden", "version": "vanished"}
                       for c in missing if state.known.get(c) != "x"]
        state.known = {cid: ws.STATUS_CHAR.get(st, "x") for cid, st in seen.items()}
        if not state.moderator:
            state.known.update({c: "x" for c in missing})
        state.stage = "done"
        sweep_ids = {str(c) for c in seen} if state.moderator else None
        site, listed = self.site, frozenset(state.users)

        def parse() -> Batch:
            batch = ws.parse_comments(raws, site, listed)
            batch.tombstones.extend(tombstones)
            batch.partial_comments.extend(partial)
            batch.sweep_ids = sweep_ids
            return batch

        return Page(cursor=state.to_json(), parse=parse)

    async def search_users(self, prefix: str, limit: int = 10) -> list[dict[str, Any]]:
        full = "list_users" in await self._caps()
        params: dict[str, Any] = {"search": prefix, "per_page": max(1, min(limit, PER_PAGE))}
        params["_fields"] = "id,username,name,slug,roles,capabilities" if full else \
            "id,name,slug"
        if full:
            params["context"] = "edit"
        response = await self._get("users", params, what="the user list")
        try:
            return [ws.user(u, full=full) for u in response.json()]
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadResponse(f"{self.site} sent a user list that could not be read") from None

    # -- perform ------------------------------------------------------------------------------

    async def perform(self, action: Action) -> Outcome:
        if action.kind == "reply":
            return await self._reply(action)
        if action.kind in ("lock", "unlock"):
            return await self._lock(action)
        if action.kind in ("approve", "hide", "spam", "delete", "restore"):
            return await self._moderate(action)
        raise Rejected(f"WordPress has no '{action.kind}' (core WordPress has no likes)")

    async def _reply(self, action: Action) -> Outcome:
        body = str(action.payload["body"])
        post_id = int(action.payload.get("post_id") or action.target_id)
        parent = int(action.payload.get("parent_id") or 0)
        if action.maybe_sent:
            found = await self._find_reply(post_id, parent, body, action.sent_at)
            if found is not None:
                return found
        response = await self._request(
            "POST", "comments", idempotent=False,
            body={"post": post_id, "parent": parent, "content": body},
        )
        status, code = response.status_code, ws.code(response)
        if status == 201:
            return self._comment_outcome(response, "the reply")
        if status == 409 and code == "comment_duplicate":
            # WordPress refuses the same text twice on the same parent: it is there already.
            found = await self._find_reply(post_id, parent, body, action.sent_at)
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
        raise self._error_for(response, "the reply")

    async def _find_reply(self, post_id: int, parent: int, body: str,
                          sent_at: float | None) -> Outcome | None:
        """My comment with this text under this parent, if an earlier attempt created it."""
        me = await self._load_me()
        moderator = "moderate_comments" in await self._caps()
        params: dict[str, Any] = {"post": post_id, "parent": parent, "per_page": PER_PAGE,
                                  "orderby": "date_gmt", "order": "desc",
                                  "_fields": ws.COMMENT_FIELDS}
        if sent_at is not None:
            params["after"] = ws.iso_z(sent_at - REPLY_SKEW)
        if moderator:
            params.update(context="edit", status="all")
        response = await self._get("comments", params, what="your recent replies")
        want = ws.plain(body)
        for d in ws.json_or_none(response) or ():
            content = d.get("content") or {}
            texts = {ws.plain(str(content.get("raw") or "")),
                     ws.plain(str(content.get("rendered") or ""))}
            if int(d.get("author") or 0) == int(me["id"]) and want in texts:
                record, _ = ws.comment(d)
                return Outcome(remote_id=record["id"], batch=Batch(comments=[record]),
                               already_applied=True)
        return None

    async def _current(self, comment_id: str) -> dict[str, Any]:
        response = await self._request("GET", f"comments/{int(comment_id)}", idempotent=True,
                                       params={"context": "edit"})
        if response.status_code == 404:
            raise NotFound("The comment no longer exists on the server")
        if response.status_code != 200:
            raise self._error_for(response, "the comment")
        doc = ws.json_or_none(response)
        if not isinstance(doc, dict) or "status" not in doc:
            raise BadResponse(f"{self.site} sent a comment that could not be read")
        return doc

    async def _moderate(self, action: Action) -> Outcome:
        cid = action.target_id
        current = await self._current(cid)
        record, _ = ws.comment(current)
        now_status = str(current["status"])
        wanted = ws.wanted_status(action.kind, now_status)
        if wanted is None:  # the comment is already where the action would put it
            return Outcome(remote_id=cid, batch=Batch(comments=[record]), already_applied=True)
        if action.base_version is not None and record["version"] != action.base_version:
            raise ConflictError("The comment changed on the server after you acted on it",
                                Batch(comments=[record]))
        send, accept = wanted
        if send == "trash":
            response = await self._request("DELETE", f"comments/{int(cid)}", idempotent=True)
            if response.status_code == 410:  # rest_already_trashed
                record, _ = ws.comment(await self._current(cid))
                return Outcome(remote_id=cid, batch=Batch(comments=[record]),
                               already_applied=True)
        else:
            response = await self._request("POST", f"comments/{int(cid)}", idempotent=True,
                                           body={"status": send})
        if response.status_code != 200:
            if response.status_code == 404:
                raise NotFound("The comment no longer exists on the server")
            if response.status_code in (401, 403):
                raise PermissionDenied(f"{self.username} may not {action.kind} this comment "
                                       "on WordPress")
            raise self._error_for(response, f"the {action.kind}")
        outcome = self._comment_outcome(response, f"the {action.kind}")
        got = str((ws.json_or_none(response) or {}).get("status") or "")
        # An unknown status value answers 200 and changes nothing: check what happened.
        if not accept(got):
            raise Rejected(f"WordPress did not {action.kind} the comment (it is still {got})")
        return outcome

    async def _lock(self, action: Action) -> Outcome:
        value = "closed" if action.kind == "lock" else "open"
        response = await self._request(
            "POST", f"posts/{int(action.target_id)}", idempotent=True,
            params={"_fields": ws.POST_FIELDS}, body={"comment_status": value},
        )
        if response.status_code == 404:
            raise NotFound("The post no longer exists on the server")
        if response.status_code in (401, 403):
            raise PermissionDenied(f"{self.username} may not {action.kind} comments on this post")
        if response.status_code != 200:
            raise self._error_for(response, f"the {action.kind}")
        doc = ws.json_or_none(response)
        try:
            record = ws.post(doc)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadResponse(f"{self.site} answered the {action.kind} with an unreadable "
                              "post") from None
        if record["locked"] != (value == "closed"):
            raise Rejected(f"WordPress did not {action.kind} the comments of this post")
        return Outcome(remote_id=record["id"], batch=Batch(posts=[record]))

    def _comment_outcome(self, response: httpx.Response, what: str) -> Outcome:
        try:
            record, guest = ws.comment(response.json())
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadResponse(f"{self.site} answered {what} with an unreadable comment") \
                from None
        return Outcome(remote_id=record["id"], batch=Batch(
            comments=[record], users=[guest] if guest else []))

    # -- errors -------------------------------------------------------------------------------

    def _not_wordpress(self, response: httpx.Response) -> BadResponse:
        status = response.status_code
        if 300 <= status < 400:
            return BadResponse(f"{self.site} redirects elsewhere (HTTP {status}); check the "
                               "address (http or https? www?) and whether a login page sits "
                               "in front of the site")
        if ws.is_json(response) and status in (401, 403):
            return BadResponse(f"{self.site} runs WordPress, but its REST API is closed to "
                               f"applications ({ws.code(response) or status}); ask the site's "
                               "administrator to allow it")
        return BadResponse(f"{self.site} does not look like WordPress, or its REST API is "
                           f"switched off (no JSON at /wp-json/, HTTP {status})")

    def _auth_error(self) -> AuthError:
        https = "" if self.site.startswith("https://") or ws.is_local(self.site) else (
            " WordPress accepts application passwords only over HTTPS: use the https:// "
            "address.")
        return AuthError(
            f"WordPress did not accept the password for {self.username}. Use an application "
            "password (your profile in wp-admin → Application Passwords), not the login "
            f"password.{https} If it is right, the web server may drop the Authorization "
            "header (ask the administrator)."
        )

    def _error_for(self, response: httpx.Response, what: str) -> Exception:
        status, code = response.status_code, ws.code(response)
        message = ws.message(response)
        if status == 401 and code in ("rest_not_logged_in", "incorrect_password",
                                      "invalid_username", "invalid_email",
                                      "application_passwords_disabled", ""):
            return self._auth_error()
        if status in (401, 403):
            return PermissionDenied(f"{self.username} may not read or change {what} on "
                                    f"WordPress ({message or code or status})")
        if status == 404 and not ws.is_json(response):
            return self._not_wordpress(response)
        if status == 404:
            return NotFound(message or f"WordPress has no {what}")
        if status in (400, 409, 422):
            return Rejected(message or f"WordPress refused {what} (HTTP {status})")
        if 300 <= status < 400:
            return self._not_wordpress(response)
        return BadResponse(f"{self.site} answered {what} with HTTP {status}")

    async def aclose(self) -> None:
        if self._owns_session:
            await self.session.aclose()
