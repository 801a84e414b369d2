"""Connector for the Dialogue Desk reference protocol (docs/reference-protocol.md).

The protocol gives us everything exactly-once sync needs: a change feed with a cursor,
tombstones, Idempotency-Key on every write and If-Match on writes to existing entities. So every
write here is sent as idempotent: a retry after a lost response is answered from the server's
ledger (``Idempotent-Replayed: true``) and has no second effect.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, cast
from urllib.parse import quote

import httpx
import orjson

from desktop.models.records import AreaRecord, ClaimRecord, CommentRecord, PostRecord, UserRecord
from desktop.models.timefmt import parse_iso
from desktop.services.connectors.base import (
    CAPABILITIES,
    Action,
    AuthError,
    BadResponse,
    Batch,
    ClaimTaken,
    ConflictError,
    Identity,
    NotFound,
    Outcome,
    Page,
    PermissionDenied,
    Rejected,
)
from desktop.services.http import HttpSession, build_client, json_or_none

LONG_POLL_MAX = 30  # the protocol's bound on ``wait`` (docs/reference-protocol.md)
_COMMENT_ACTIONS = {"approve", "hide", "spam", "delete", "restore"}
_POST_ACTIONS = {"lock", "unlock"}


class ReferenceConnector:
    """One account on a reference-protocol server (the demo intranet, or an adapter)."""

    kind = "reference"

    def __init__(
        self,
        *,
        url: str,
        username: str,
        secret: str,
        session: HttpSession | None = None,
        page_size: int = 500,
        **_options: object,  # platform options of other connectors: none apply here
    ) -> None:
        self.site = url.rstrip("/")
        self.username = username
        self.page_size = max(1, min(page_size, 1000))
        self._owns_session = session is None
        if session is None:
            base = self.site + "/api/v1"
            # The token lives only in the client's default headers (rebuilt by the factory
            # after a PoolTimeout), never in an attribute, a URL or a message.
            headers = {"Authorization": f"Bearer {secret}"}
            session = HttpSession(lambda: build_client(base_url=base, headers=headers))
        self.session = session
        self._live: HttpSession | None = None

    # -- reading --------------------------------------------------------------------------

    async def verify(self) -> Identity:
        response = await self.session.request("GET", "me", idempotent=True)
        if response.status_code == 401:
            raise self._auth_error()
        if response.status_code == 403:
            raise PermissionDenied(f"The server does not let {self.username} sign in")
        doc = json_or_none(response) if response.status_code == 200 else None
        try:
            user = doc["user"]  # type: ignore[index]
            server = doc.get("server") or {}  # type: ignore[union-attr]
            identity = Identity(
                user_id=str(user["id"]),
                username=str(user["username"]),
                display_name=str(user.get("display_name") or user["username"]),
                role=str(user["role"]),
                areas=tuple(str(a) for a in user.get("areas") or ()),
                capabilities=frozenset(
                    c
                    for c in doc.get("capabilities") or ()  # type: ignore[union-attr]
                    if c in CAPABILITIES
                ),
                server_name=str(server.get("name") or ""),
                warnings=_role_warnings(str(user["role"])),
                moderation_scope=str(
                    doc.get("moderation_scope")  # type: ignore[union-attr]
                    or _ROLE_SCOPE.get(str(user["role"]), "none")
                ),
            )
        except (KeyError, TypeError, AttributeError):
            raise BadResponse(
                f"{self.site} does not look like a Dialogue Desk reference server "
                f"({_what_it_sent(response)})"
            ) from None
        return identity

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        """Pages of the change feed from ``cursor``; the next page downloads while the caller
        stores this one. Use ``contextlib.aclosing`` so a stop cancels the prefetch."""
        done = 0
        fetch: asyncio.Future[bytes] | None = asyncio.ensure_future(self._fetch_changes(cursor))
        try:
            while fetch is not None:
                raw = await fetch
                fetch = None
                meta = _peek_meta(raw)
                if meta is None:
                    # Not the protocol's JSON: hand over a page that fails in parse(), so the
                    # store commits nothing and the sync reports why.
                    yield Page(cursor=cursor, parse=_failing_parse(self.site), done=done)
                    return
                next_cursor, has_more, remaining, count = meta
                if has_more and next_cursor is not None and next_cursor != cursor:
                    fetch = asyncio.ensure_future(self._fetch_changes(next_cursor))
                done += count
                total = done + remaining if remaining is not None else None
                yield Page(
                    cursor=next_cursor,
                    parse=_page_parser(raw, next_cursor, self.site),
                    done=done,
                    total=total,
                )
                cursor = next_cursor
        finally:
            if fetch is not None:
                fetch.cancel()
                with contextlib.suppress(BaseException):
                    await fetch

    async def _fetch_changes(self, cursor: str | None) -> bytes:
        params: dict[str, Any] = {"limit": self.page_size}
        if cursor is not None:
            params["cursor"] = cursor
        response = await self.session.request("GET", "changes", idempotent=True, params=params)
        if response.status_code == 200:
            return response.content
        raise self._error_for(response, "the change feed")

    async def wait_for_change(self, cursor: str | None, wait: float) -> bool:
        """Whether the feed has something after ``cursor``: a long-poll that the server answers
        as soon as something changes, or with an empty page after ``wait`` seconds. The page
        itself is not stored (a normal sync fetches it), so this never moves the cursor."""
        seconds = max(0, min(int(wait), LONG_POLL_MAX))
        params: dict[str, Any] = {"limit": 1, "wait": seconds}
        if cursor is not None:
            params["cursor"] = cursor
        response = await self._live_session().request(
            "GET", "changes", idempotent=True, params=params,
            timeout=httpx.Timeout(10.0, read=seconds + 10.0),
        )
        if response.status_code != 200:
            raise self._error_for(response, "the change feed")
        doc = json_or_none(response)
        if not isinstance(doc, dict) or not isinstance(doc.get("changes"), list) \
                or "cursor" not in doc:
            raise BadResponse(f"{self.site} answered a wait for changes with something that "
                              "is not a page of changes")
        return bool(doc["changes"])

    def _live_session(self) -> HttpSession:
        # Its own client and pool: a long-poll must not hold one of the session's slots for
        # 25 s, and one attempt only: the live loop has its own backoff and fallback.
        if self._live is None:
            main = self.session.client
            base, headers = str(main.base_url), dict(main.headers)
            self._live = HttpSession(
                lambda: build_client(base_url=base, headers=headers, max_connections=2),
                deadline=LONG_POLL_MAX + 20.0, max_attempts=1, concurrency=1,
            )
        return self._live

    async def search_users(self, prefix: str, limit: int = 10) -> list[UserRecord]:
        response = await self.session.request(
            "GET", "users", idempotent=True, params={"search": prefix, "limit": limit}
        )
        if response.status_code != 200:
            raise self._error_for(response, "the user list")
        doc = json_or_none(response)
        try:
            return [_user(u) for u in doc["users"]]
        except (KeyError, TypeError, ValueError):
            raise BadResponse(
                f"{self.site} sent a user list that does not fit the protocol"
            ) from None

    # -- writing --------------------------------------------------------------------------

    async def perform(self, action: Action) -> Outcome:
        method, path, body, entity = self._request_for(action)
        headers = {"Idempotency-Key": action.action_id}
        if action.base_version is not None and action.kind != "reply":
            headers["If-Match"] = f'"{action.base_version}"'
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["json"] = body
        # Idempotent thanks to the key: a retry after a lost answer replays the first answer.
        response = await self.session.request(method, path, idempotent=True, **kwargs)
        status = response.status_code
        if status in (200, 201):
            doc = json_or_none(response)
            record = _unwrap(doc, entity)
            try:
                batch = (Batch(comments=[_comment(record)]) if entity == "comment"
                         else Batch(posts=[_post(record)]))
            except (KeyError, TypeError, ValueError):
                raise BadResponse(
                    f"{self.site} answered the {action.kind} with something that does not fit "
                    "the protocol"
                ) from None
            remote_id = (batch.comments or batch.posts)[0]["id"]
            replayed = response.headers.get("idempotent-replayed", "").lower() == "true"
            return Outcome(remote_id=remote_id, batch=batch, already_applied=replayed)
        if status == 412:
            doc = json_or_none(response)
            current = None
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                record = doc["current"]
                current = (
                    Batch(comments=[_comment(record)])
                    if entity == "comment"
                    else Batch(posts=[_post(record)])
                )
            raise ConflictError(
                f"The {action.target_type} changed on the server after you acted on it", current
            )
        if status == 409:
            code, message = _error_of(response)
            if code == "locked":
                raise ConflictError("The thread is locked")
            raise ConflictError(message or "The server refused the action because of a conflict")
        if status == 404:
            raise NotFound(f"The {action.target_type} no longer exists on the server")
        if status == 403:
            raise PermissionDenied(
                f"{self.username} may not {action.kind} this {action.target_type}"
            )
        raise self._error_for(response, f"the {action.kind}")

    # -- claims: who is replying (not outbox actions: a claim made offline and sent hours
    # later would say someone is replying who left long ago) ------------------------------

    async def claim(self, comment_id: str) -> ClaimRecord:
        """Take or renew the claim on a comment; ``ClaimTaken`` while someone else holds it.
        Safe to retry: a claim the account holds already is renewed, not doubled."""
        response = await self._claim_request("POST", comment_id)
        if response.status_code == 200:
            doc = json_or_none(response)
            try:
                return _claim(doc["claim"])
            except (KeyError, TypeError, ValueError):
                raise BadResponse(
                    f"{self.site} answered the claim with something that does not fit the "
                    "protocol") from None
        raise self._claim_error(response, "claim")

    async def release(self, comment_id: str) -> None:
        """Give a claim up. A comment that is free already (released, expired) is no error:
        a retry after a lost answer ends the same way."""
        response = await self._claim_request("DELETE", comment_id)
        if response.status_code in (200, 204):
            return
        raise self._claim_error(response, "release")

    async def _claim_request(self, method: str, comment_id: str) -> httpx.Response:
        return await self.session.request(
            method, f"comments/{quote(comment_id, safe='')}/claim", idempotent=True)

    def _claim_error(self, response: httpx.Response, what: str) -> Exception:
        status = response.status_code
        if status == 409:
            doc = json_or_none(response)
            claim = None
            with contextlib.suppress(KeyError, TypeError, ValueError):
                claim = _claim(doc["claim"])
            name = claim["name"] if claim and claim["name"] else "someone else"
            return ClaimTaken(f"{name} is replying to this comment", claim)
        if status == 404 and _error_of(response)[0] == "not_found":
            return NotFound("The comment no longer exists on the server")
        if status in (404, 405):  # a server of the protocol without claims: no such route
            return Rejected(f"{self.site} does not support claims")
        return self._error_for(response, f"the {what}")

    def _request_for(self, action: Action) -> tuple[str, str, dict[str, Any] | None, str]:
        """(method, path, JSON body, entity answered) for one outbox action."""
        target = quote(action.target_id, safe="")
        if action.kind == "reply":
            post = quote(str(action.payload.get("post_id") or action.target_id), safe="")
            body = {"body": action.payload["body"], "parent_id": action.payload.get("parent_id")}
            return "POST", f"posts/{post}/comments", body, "comment"
        if action.kind in _COMMENT_ACTIONS:
            return "POST", f"comments/{target}/moderation", {"action": action.kind}, "comment"
        if action.kind in _POST_ACTIONS:
            return "POST", f"posts/{target}/moderation", {"action": action.kind}, "post"
        if action.kind == "like":
            return "PUT", f"comments/{target}/like", None, "comment"
        if action.kind == "unlike":
            return "DELETE", f"comments/{target}/like", None, "comment"
        raise Rejected(f"The reference protocol has no action {action.kind!r}")

    # -- errors ---------------------------------------------------------------------------

    def _auth_error(self) -> AuthError:
        return AuthError(
            f"The server refused the token for {self.username} — check it and try again"
        )

    def _error_for(self, response: httpx.Response, what: str) -> Exception:
        status = response.status_code
        if status == 401:
            return self._auth_error()
        if status == 403:
            return PermissionDenied(f"{self.username} may not read {what}")
        if status in (400, 422):
            _, message = _error_of(response)
            return Rejected(message or f"The server refused {what} (HTTP {status})")
        if status == 404:
            return BadResponse(
                f"{self.site} does not look like a Dialogue Desk reference server (no {what} there)"
            )
        if 300 <= status < 400:
            return BadResponse(
                f"{self.site} redirects elsewhere (HTTP {status}); check the address "
                "(http or https?) and whether a login page sits in front of the server"
            )
        return BadResponse(f"{self.site} answered {what} with HTTP {status}")

    async def aclose(self) -> None:
        if self._live is not None:
            live, self._live = self._live, None
            await live.aclose()
        if self._owns_session:
            await self.session.aclose()


# -- helpers: JSON, peeking, normalisation -------------------------------------------------


def _what_it_sent(response: httpx.Response) -> str:
    if response.status_code != 200:
        return f"HTTP {response.status_code} for /api/v1/me"
    kind = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
    return f"it answered {kind}, not the protocol's JSON"


def _error_of(response: httpx.Response) -> tuple[str, str]:
    """(code, message) of a protocol error body; the message cut to one short line."""
    doc = json_or_none(response)
    try:
        error = doc["error"]
        code, message = str(error.get("code") or ""), str(error.get("message") or "")
    except (KeyError, TypeError, AttributeError):
        return "", ""
    message = re.sub(r"[\x00-\x1f\x7f]+", " ", message).strip()
    return code, message[:300]


def _unwrap(doc: Any, entity: str) -> Any:
    """The entity of a write's answer: bare, or wrapped as {"comment": {...}}."""
    if isinstance(doc, dict) and "id" not in doc and isinstance(doc.get(entity), dict):
        return doc[entity]
    return doc


# Where each role may moderate, as the protocol documents it (a server may say otherwise in
# "moderation_scope").
_ROLE_SCOPE = {"admin": "all", "moderator": "all", "editor": "own_posts",
               "ambassador": "areas", "employee": "none"}


def _role_warnings(role: str) -> tuple[str, ...]:
    if role == "admin":
        warning = (
            "This account is an administrator: a moderator or editor account is enough for "
            "the work done here and is less dangerous if the token leaks."
        )
        return (warning,)
    return ()


_MISSING = object()
# A JSON scalar at the start of the bytes: a string (escapes included), or a number, true,
# false, null up to the next delimiter.
_SCALAR = re.compile(rb'"(?:[^"\\]|\\.)*"|[^,}\]\s]+')


def _peek(raw: bytes, key: str) -> Any:
    """The value of the LAST ``"key":`` in raw JSON, without parsing the whole document.

    In JSON text a quote inside a string is always escaped, so the bytes ``"key"`` followed by
    a colon are a key. The protocol's top-level keys (cursor, has_more, remaining) appear in no
    entity, and parse() checks the real value anyway, so a wrong peek can cost a wasted prefetch
    but never a wrong commit.
    """
    needle = f'"{key}"'.encode()
    end = len(raw)
    while True:
        at = raw.rfind(needle, 0, end)
        if at < 0:
            return _MISSING
        rest = raw[at + len(needle) : at + len(needle) + 2048].lstrip()
        if rest.startswith(b":"):
            # The protocol's top-level values are scalars; anything else is not a page.
            token = _SCALAR.match(rest[1:].lstrip())
            try:
                return orjson.loads(token.group()) if token else _MISSING
            except orjson.JSONDecodeError:
                return _MISSING
        end = at


def _peek_meta(raw: bytes) -> tuple[str | None, bool, int | None, int] | None:
    """(cursor, has_more, remaining, number of changes) of a changes page, or None if the bytes
    do not look like one. Runs on the event loop, so it stays a few byte scans."""
    if not raw.lstrip().startswith(b"{") or b'"changes"' not in raw:
        return None
    cursor = _peek(raw, "cursor")
    if cursor is _MISSING or not (cursor is None or isinstance(cursor, (str, int))):
        return None
    has_more = _peek(raw, "has_more")
    remaining = _peek(raw, "remaining")
    count = raw.count(b'"seq"')  # one per change; only for progress bars
    return (
        None if cursor is None else str(cursor),
        has_more is True,
        remaining if isinstance(remaining, int) and not isinstance(remaining, bool) else None,
        count,
    )


def _failing_parse(site: str) -> Callable[[], Batch]:
    def parse() -> Batch:
        raise BadResponse(f"{site} sent a page of changes that is not the protocol's JSON")

    return parse


def _page_parser(raw: bytes, expected_cursor: str | None, site: str) -> Callable[[], Batch]:
    def parse() -> Batch:
        return parse_changes(raw, expected_cursor, site)

    return parse


def parse_changes(raw: bytes, expected_cursor: str | None, site: str = "The server") -> Batch:
    """Decode and normalise one page of ``GET /changes`` (runs on the store's writer thread)."""
    try:
        # orjson: the page decodes in half the time of json (3.6 → 2.0 µs a record, measured)
        doc = orjson.loads(raw)
    except ValueError:
        raise BadResponse(f"{site} sent a page of changes that is not valid JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("changes"), list) or "cursor" not in doc:
        raise BadResponse(f"{site} sent a page without 'changes' and 'cursor'")
    cursor = doc["cursor"]
    if (None if cursor is None else str(cursor)) != expected_cursor:
        raise BadResponse(f"{site} sent a page whose cursor could not be read reliably")
    batch = Batch()
    for change in doc["changes"]:
        try:
            kind, data = change["type"], change["data"]
            if kind == "comment":
                batch.comments.append(_comment(data))
            elif kind == "post":
                batch.posts.append(_post(data))
            elif kind == "user":
                batch.users.append(_user(data))
            elif kind == "area":
                batch.areas.append(_area(data))
            elif kind == "claim":
                batch.claims.append(_claim(data))
            elif kind == "tombstone" and data["entity"] in ("comment", "post"):
                batch.tombstones.append((data["entity"], str(data["id"])))
            # Unknown types come from a newer server: skipping them keeps old clients working.
        except (KeyError, TypeError, ValueError, AttributeError):
            seq = change.get("seq") if isinstance(change, dict) else None
            raise BadResponse(
                f"{site} sent a change (seq {seq}) that does not fit the protocol"
            ) from None
    return batch


# ISO 8601 → POSIX seconds. A value that is not a string raises TypeError, which the callers
# catch like the ValueError of a bad date; no wrapper: it runs twice per comment.
_time = parse_iso


def _opt_id(value: Any) -> str | None:
    return None if value is None else str(value)


def _area(d: dict[str, Any]) -> AreaRecord:
    return {"id": str(d["id"]), "name": str(d["name"]), "kind": str(d["kind"])}


def _user(d: dict[str, Any]) -> UserRecord:
    return {
        "id": str(d["id"]),
        "username": str(d["username"]),
        "display_name": str(d.get("display_name") or d["username"]),
        "role": str(d["role"]),
        "areas": [str(a) for a in d.get("areas") or ()],
        "leader": d.get("leader") is True,
    }


def _post(d: dict[str, Any]) -> PostRecord:
    return {
        "id": str(d["id"]),
        "area_id": _opt_id(d["area_id"]),
        "author_id": _opt_id(d["author_id"]),
        "title": str(d["title"]),
        "body_html": str(d["body_html"]),
        "created_at": _time(d["created_at"]),
        "updated_at": _time(d["updated_at"]),
        "locked": bool(d["locked"]),
        "status": str(d["status"]),
        "url": str(d.get("url") or ""),
        "version": str(d["version"]),
        "views": _opt_count(d.get("views")),
    }


def _claim(d: dict[str, Any]) -> ClaimRecord:
    """A claim, its expiry moved onto this machine's clock (``expires_in`` from now)."""
    user = d.get("user")
    left = d.get("expires_in")
    if user is None or not isinstance(left, (int, float)) or isinstance(left, bool) \
            or left <= 0:
        return {"comment_id": str(d["comment_id"]), "user_id": None, "name": "",
                "expires_at": 0.0}
    return {"comment_id": str(d["comment_id"]), "user_id": str(user["id"]),
            "name": str(user.get("display_name") or user["id"]),
            "expires_at": time.time() + min(float(left), 86400.0)}


def _opt_count(value: Any) -> int | None:
    """A count the protocol marks optional: an int of 0 or more, else unknown (None)."""
    return value if type(value) is int and value >= 0 else None


# The wire fields of a comment, exactly (protocol.md); a record with these and the protocol's
# types is used as it came (see _comment).
_COMMENT_WIRE = frozenset({
    "id", "post_id", "parent_id", "author_id", "body_html", "status", "created_at",
    "updated_at", "like_count", "liked_by", "flags", "url", "version",
})


def _comment(d: dict[str, Any]) -> CommentRecord:
    """A comment record, normalised: ids as strings, times as POSIX seconds.

    Nearly every record already has the protocol's types: then the decoded dict itself is
    normalised in place (only the times change), 1.6 instead of 5 µs a record (measured on
    the demo's feed), a tenth of a first load's parsing. Anything else, a record that is not
    an object included, is rebuilt field by field, coerced, or rejected with the KeyError,
    TypeError or ValueError its callers catch.
    """
    if (type(d) is dict and d.keys() == _COMMENT_WIRE
            and type(d["id"]) is str and type(d["post_id"]) is str
            and type(d["author_id"]) is str and type(d["body_html"]) is str
            and type(d["status"]) is str and type(d["version"]) is str
            and type(d["url"]) is str and type(d["like_count"]) is int
            and (d["parent_id"] is None or type(d["parent_id"]) is str)
            and type(d["flags"]) is list and not d["flags"] and type(d["liked_by"]) is list
            and (not d["liked_by"] or all(type(u) is str for u in d["liked_by"]))):
        created_wire = d["created_at"]
        created = _time(created_wire)
        d["updated_at"] = created if d["updated_at"] == created_wire else _time(d["updated_at"])
        d["created_at"] = created
        return cast(CommentRecord, d)  # checked key by key above
    return _rebuilt_comment(d)


def _rebuilt_comment(d: dict[str, Any]) -> CommentRecord:
    created = _time(d["created_at"])
    updated = created if d["updated_at"] == d["created_at"] else _time(d["updated_at"])
    return {
        "id": str(d["id"]),
        "post_id": str(d["post_id"]),
        "parent_id": _opt_id(d.get("parent_id")),
        "author_id": _opt_id(d["author_id"]),
        "body_html": str(d["body_html"]),
        "status": str(d["status"]),
        "created_at": created,
        "updated_at": updated,
        "like_count": int(d.get("like_count") or 0),
        "liked_by": [str(u) for u in d.get("liked_by") or ()],
        "flags": [
            {"reason": str(f["reason"]), "count": int(f["count"])} for f in d.get("flags") or ()
        ],
        "url": str(d.get("url") or ""),
        "version": str(d["version"]),
    }
