"""ReferenceConnector against a small in-test server that answers as docs/reference-protocol.md
says (the real demo server gets its own end-to-end tests), with FaultProxy for broken networks."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import socket

import pytest
from faultproxy import AsgiServer, FaultProxy
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desktop.services.connectors import reference
from desktop.services.connectors.base import (
    Action,
    AuthError,
    BadResponse,
    Batch,
    ConflictError,
    Connector,
    NetworkError,
    NotFound,
    PermissionDenied,
    Rejected,
)
from desktop.services.connectors.reference import ReferenceConnector, parse_changes
from desktop.services.http import HttpSession, build_client

TOKEN = "CANARY-token-5d1e"
T0 = "2026-11-21T09:30:00Z"
T0_POSIX = 1795253400.0

COMMENT_KEYS = {
    "id", "post_id", "parent_id", "author_id", "body_html", "status", "created_at",
    "updated_at", "like_count", "liked_by", "flags", "url", "version",
}  # fmt: skip
POST_KEYS = {
    "id", "area_id", "author_id", "title", "body_html", "created_at", "updated_at", "locked",
    "status", "url", "version", "views",
}  # fmt: skip


def _error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **extra}, status_code=status)


class ProtocolServer:
    """Just enough of the reference protocol: me, changes, users, and the writes with
    Idempotency-Key (first response stored and replayed) and If-Match (412)."""

    def __init__(self) -> None:
        self.areas = {"a1": {"id": "a1", "name": "Oslo", "kind": "site", "version": "1"}}
        self.users = {
            "u1": {"id": "u1", "username": "kari", "display_name": "Kari Nordmann",
                   "role": "editor", "areas": ["a1"], "version": "1"},
            "u2": {"id": "u2", "username": "karl", "display_name": "Karl Berg",
                   "role": "employee", "areas": [], "version": "1"},
        }  # fmt: skip
        self.posts = {
            "p1": {"id": "p1", "area_id": "a1", "author_id": "u1", "title": "Canteen news",
                   "body_html": "<p>New menu</p>", "created_at": T0, "updated_at": T0,
                   "locked": False, "status": "published", "url": "http://x/posts/p1",
                   "version": "v1", "extra_field": "ignored"},
        }  # fmt: skip
        self.comments = {
            "c1": {"id": "c1", "post_id": "p1", "parent_id": None, "author_id": "u2",
                   "body_html": "<p>When does it open?</p>", "status": "held",
                   "created_at": "2026-11-21T09:31:00.250000+00:00",
                   "updated_at": "2026-11-21T09:31:00Z", "like_count": 0, "liked_by": [],
                   "flags": [{"reason": "spam", "count": 2}], "url": "http://x/c1",
                   "version": "v1"},
            "c2": {"id": "c2", "post_id": "p1", "parent_id": "c1", "author_id": "u1",
                   "body_html": "<p>Monday</p>", "status": "published", "created_at": T0,
                   "updated_at": T0, "like_count": 1, "liked_by": ["u2"], "flags": [],
                   "url": "http://x/c2", "version": "v1"},
        }  # fmt: skip
        self.feed: list[dict] = []
        for kind, record in [
            ("area", self.areas["a1"]),
            ("user", self.users["u1"]),
            ("user", self.users["u2"]),
            ("post", self.posts["p1"]),
            ("comment", self.comments["c1"]),
            ("comment", self.comments["c2"]),
            ("tombstone", {"entity": "comment", "id": "c0", "deleted_at": T0}),
        ]:
            self._change(kind, record)
        self.ledger: dict[str, tuple[str, str, int, bytes]] = {}
        self.effects = 0
        self.keys_seen: list[str | None] = []
        self.if_match_seen: list[str | None] = []
        self.protected = {"c2"}  # moderation on these → 403
        api = [
            Route("/api/v1/me", self.me),
            Route("/api/v1/changes", self.changes),
            Route("/api/v1/users", self.search),
            Route("/api/v1/posts/{id}/comments", self.reply, methods=["POST"]),
            Route("/api/v1/comments/{id}/moderation", self.moderate_comment, methods=["POST"]),
            Route("/api/v1/posts/{id}/moderation", self.moderate_post, methods=["POST"]),
            Route("/api/v1/comments/{id}/like", self.like, methods=["PUT", "DELETE"]),
        ]
        self.app = Starlette(routes=api)

    def _change(self, kind: str, record: dict) -> None:
        self.feed.append({"seq": len(self.feed) + 1, "type": kind, "data": copy.deepcopy(record)})

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {TOKEN}"

    async def me(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "Missing or wrong token")
        return JSONResponse(
            {
                "user": {k: v for k, v in self.users["u1"].items() if k != "version"},
                "capabilities": ["reply", "like", "approve", "hide", "lock", "teleport"],
                "server": {"name": "Test Intranet", "protocol": 1, "time": T0},
            }
        )

    async def changes(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "Missing or wrong token")
        after = int(request.query_params.get("cursor", "0"))
        limit = int(request.query_params.get("limit", "500"))
        rest = [c for c in self.feed if c["seq"] > after]
        page = rest[:limit]
        cursor = str(page[-1]["seq"]) if page else str(after)
        body = {"changes": page, "cursor": cursor, "has_more": len(rest) > limit,
                "remaining": len(rest) - len(page)}  # fmt: skip
        return JSONResponse(body)

    async def search(self, request: Request) -> Response:
        prefix = request.query_params["search"].lower()
        found = [
            u for u in self.users.values()
            if u["username"].startswith(prefix) or u["display_name"].lower().startswith(prefix)
        ]  # fmt: skip
        return JSONResponse({"users": found[: int(request.query_params.get("limit", 10))]})

    async def _write(self, request: Request, apply) -> Response:
        """Idempotency-Key ledger around a write, as the protocol describes."""
        if not self._authorised(request):
            return _error(401, "unauthorized", "Missing or wrong token")
        key = request.headers.get("idempotency-key")
        self.keys_seen.append(key)
        self.if_match_seen.append(request.headers.get("if-match"))
        if key in self.ledger:
            method, path, status, body = self.ledger[key]
            if (method, path) != (request.method, request.url.path):
                return _error(422, "invalid", "Idempotency-Key reused for another request")
            return Response(body, status, media_type="application/json",
                            headers={"Idempotent-Replayed": "true"})  # fmt: skip
        response = await apply(request)
        if key is not None:
            self.ledger[key] = (request.method, request.url.path, response.status_code,
                                response.body)  # fmt: skip
        return response

    def _check_version(self, request: Request, record: dict) -> Response | None:
        wanted = request.headers.get("if-match")
        if wanted is not None and wanted.strip('"') != record["version"]:
            return _error(412, "precondition_failed", "Changed since", current=record)
        return None

    def _bump(self, kind: str, record: dict) -> None:
        record["version"] = f"v{int(record['version'][1:]) + 1}"
        self._change(kind, record)
        self.effects += 1

    async def reply(self, request: Request) -> Response:
        async def apply(request: Request) -> Response:
            post = self.posts.get(request.path_params["id"])
            if post is None:
                return _error(404, "not_found", "No such post")
            if post["locked"]:
                return _error(409, "locked", "The thread is locked")
            doc = await request.json()
            if not doc.get("body", "").strip():
                return _error(422, "invalid", "The reply is empty")
            cid = f"c{len(self.comments) + 1}"
            comment = dict(self.comments["c2"], id=cid, parent_id=doc["parent_id"],
                           body_html=f"<p>{doc['body']}</p>", like_count=0, liked_by=[],
                           version="v0", author_id="u1")  # fmt: skip
            self.comments[cid] = comment
            self._bump("comment", comment)
            return JSONResponse(comment, status_code=201)

        return await self._write(request, apply)

    async def moderate_comment(self, request: Request) -> Response:
        async def apply(request: Request) -> Response:
            comment = self.comments.get(request.path_params["id"])
            if comment is None:
                return _error(404, "not_found", "No such comment")
            if comment["id"] in self.protected:
                return _error(403, "forbidden", "Not your area")
            if (conflict := self._check_version(request, comment)) is not None:
                return conflict
            action = (await request.json())["action"]
            status = {"approve": "published", "hide": "hidden", "spam": "spam",
                      "delete": "deleted", "restore": "published"}[action]  # fmt: skip
            if comment["status"] != status:
                comment["status"] = status
                self._bump("comment", comment)
            return JSONResponse(comment)

        return await self._write(request, apply)

    async def moderate_post(self, request: Request) -> Response:
        async def apply(request: Request) -> Response:
            post = self.posts[request.path_params["id"]]
            if (conflict := self._check_version(request, post)) is not None:
                return conflict
            post["locked"] = (await request.json())["action"] == "lock"
            self._bump("post", post)
            return JSONResponse(post)

        return await self._write(request, apply)

    async def like(self, request: Request) -> Response:
        async def apply(request: Request) -> Response:
            comment = self.comments[request.path_params["id"]]
            liked = set(comment["liked_by"])
            liked.add("u1") if request.method == "PUT" else liked.discard("u1")
            comment["liked_by"], comment["like_count"] = sorted(liked), len(liked)
            self._bump("comment", comment)
            return JSONResponse(comment)

        return await self._write(request, apply)


@pytest.fixture
def server():
    protocol = ProtocolServer()
    with AsgiServer(protocol.app) as running:
        running.protocol = protocol
        yield running


@pytest.fixture
def proxy(server):
    with FaultProxy(server.port, seed=3) as p:
        yield p


def connector(url: str, *, secret: str = TOKEN, page_size: int = 500, **session_kw):
    """A connector whose session retries fast (the default backoff would slow tests down)."""
    base = url.rstrip("/") + "/api/v1"
    session_kw.setdefault("backoff_base", 0.01)
    session_kw.setdefault("backoff_cap", 0.05)
    session = HttpSession(
        lambda: build_client(base_url=base, headers={"Authorization": f"Bearer {secret}"}),
        **session_kw,
    )
    return ReferenceConnector(
        url=url, username="kari", secret=secret, session=session, page_size=page_size
    )


def run(coro_fn, conn: ReferenceConnector):
    async def go():
        try:
            return await coro_fn(conn)
        finally:
            await conn.aclose()
            await conn.session.aclose()

    return asyncio.run(go())


def action(kind: str, target_id: str, *, target_type="comment", payload=None, base_version=None,
           action_id="a-1") -> Action:  # fmt: skip
    return Action(action_id, kind, target_type, target_id, payload or {}, base_version)


# -- verify -------------------------------------------------------------------------------


def test_is_a_connector():
    conn = ReferenceConnector(url="http://127.0.0.1:1/", username="kari", secret=TOKEN)
    assert isinstance(conn, Connector)
    assert conn.kind == "reference"
    assert TOKEN not in repr(vars(conn))  # the token lives only in the client's headers
    asyncio.run(conn.aclose())


def test_verify(server):
    identity = run(lambda c: c.verify(), connector(server.url + "/"))
    assert identity.user_id == "u1"
    assert identity.username == "kari"
    assert identity.display_name == "Kari Nordmann"
    assert identity.role == "editor"
    assert identity.areas == ("a1",)
    assert identity.capabilities == {"reply", "like", "approve", "hide", "lock"}
    assert identity.server_name == "Test Intranet"
    assert identity.warnings == ()


def test_verify_with_a_wrong_token(server):
    with pytest.raises(AuthError) as caught:
        run(lambda c: c.verify(), connector(server.url, secret="wrong"))
    assert str(caught.value) == "The server refused the token for kari — check it and try again"


def test_verify_against_something_else(proxy):
    proxy.script(["html"])
    with pytest.raises(BadResponse, match="does not look like a Dialogue Desk reference server"):
        run(lambda c: c.verify(), connector(proxy.url))


def test_verify_against_a_site_without_the_api():
    async def nothing(request: Request) -> Response:
        return Response("<html>Not found</html>", 404, media_type="text/html")

    app = Starlette(routes=[Route("/{path:path}", nothing)])
    with (
        AsgiServer(app) as other,
        pytest.raises(BadResponse, match=r"does not look like .* \(HTTP 404"),
    ):
        run(lambda c: c.verify(), connector(other.url))


def test_verify_unreachable():
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkError, match=rf"^Cannot reach http://127\.0\.0\.1:{port}"):
        run(lambda c: c.verify(), connector(f"http://127.0.0.1:{port}", max_attempts=2))


# -- pull ---------------------------------------------------------------------------------


def test_pull_pages_parse_and_progress(server):
    async def go(conn):
        pages = []
        async with contextlib.aclosing(conn.pull(None)) as feed:
            async for page in feed:
                pages.append((page.cursor, page.done, page.total, page.parse()))
        return pages

    pages = run(go, connector(server.url, page_size=3))
    assert [(c, d, t) for c, d, t, _ in pages] == [("3", 3, 7), ("6", 6, 7), ("7", 7, 7)]
    first, second, third = (b for *_, b in pages)
    assert first.areas == [{"id": "a1", "name": "Oslo", "kind": "site"}]
    assert first.users[0] == {"id": "u1", "username": "kari", "display_name": "Kari Nordmann",
                              "role": "editor", "areas": ["a1"], "leader": False}  # fmt: skip
    assert [p["id"] for p in second.posts] == ["p1"]
    assert set(second.posts[0]) == POST_KEYS
    assert second.posts[0]["created_at"] == T0_POSIX
    assert second.posts[0]["locked"] is False
    assert second.posts[0]["views"] is None  # not sent: unknown, never 0
    assert [c["id"] for c in second.comments] == ["c1", "c2"]
    c1 = second.comments[0]
    assert set(c1) == COMMENT_KEYS
    assert c1["created_at"] == T0_POSIX + 60.25
    assert c1["parent_id"] is None and second.comments[1]["parent_id"] == "c1"
    assert c1["flags"] == [{"reason": "spam", "count": 2}]
    assert third.tombstones == [("comment", "c0")]
    assert len(third) == 1


def test_pull_resumes_from_a_cursor(server):
    async def go(conn):
        return [page async for page in conn.pull("6")]

    (page,) = run(go, connector(server.url))
    assert (page.cursor, page.done, page.total) == ("7", 1, 1)
    assert page.parse().tombstones == [("comment", "c0")]


def test_pull_prefetches_one_page_while_the_caller_stores(proxy):
    seen: list[int] = []

    async def go(conn):
        async with contextlib.aclosing(conn.pull(None)) as feed:
            async for page in feed:
                await asyncio.sleep(0.2)  # "storing" the page
                seen.append(proxy.count("GET", "/api/v1/changes"))
                page.parse()

    run(go, connector(proxy.url, page_size=2))
    # while page n is stored, page n+1 has been requested — and never page n+2
    assert seen == [2, 3, 4, 4]


def test_stopping_a_pull_cancels_the_prefetch(proxy):
    proxy.script(["ok", "stall:5"])

    async def go(conn):
        async with contextlib.aclosing(conn.pull(None)) as feed:
            async for _page in feed:
                break
        await asyncio.sleep(0.05)
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    assert run(go, connector(proxy.url, page_size=2)) == []


def test_a_page_that_is_not_json_fails_in_parse(proxy):
    proxy.script(["ok", "html"])

    async def go(conn):
        return [page async for page in conn.pull(None)]

    first, bad = run(go, connector(proxy.url, page_size=3))
    first.parse()
    assert bad.cursor == "3"  # nothing new to resume from
    with pytest.raises(BadResponse, match="not the protocol's JSON"):
        bad.parse()


def test_pull_survives_a_truncated_page(proxy):
    proxy.script(["truncate"])

    async def go(conn):
        return [page.parse() async for page in conn.pull(None)]

    (batch,) = run(go, connector(proxy.url))
    assert len(batch) == 7
    assert proxy.count("GET", "/api/v1/changes") == 2


def test_pull_with_a_wrong_token(server):
    async def go(conn):
        return [page async for page in conn.pull(None)]

    with pytest.raises(AuthError):
        run(go, connector(server.url, secret="wrong"))


@pytest.mark.parametrize(
    "raw, message",
    [
        (b'{"changes": [', "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b'{"cursor": "3"}', "without 'changes' and 'cursor'"),
        (b'{"changes": []}', "without 'changes' and 'cursor'"),
        (b'{"changes": [{"seq": 9, "type": "post", "data": {"id": "p"}}], "cursor": "9"}',
         r"seq 9\) that does not fit"),
        (b'{"changes": [], "cursor": "4"}', "cursor could not be read"),
    ],
)  # fmt: skip
def test_parse_changes_rejects_malformed_pages(raw, message):
    with pytest.raises(BadResponse, match=message):
        parse_changes(raw, "9" if b"seq" in raw else "3")


def _wire_comment(**changes) -> dict:
    record = {
        "id": "c9", "post_id": "p1", "parent_id": None, "author_id": "u2",
        "body_html": "<p>Hei</p>", "status": "published", "created_at": T0,
        "updated_at": "2026-11-21T10:30:00+01:00", "like_count": 1, "liked_by": ["u1"],
        "flags": [], "url": "https://intra.example/p1#c9", "version": "3",
    }
    record.update(changes)
    return {k: v for k, v in record.items() if v is not ...}


@pytest.mark.parametrize(
    "changes",
    [
        {},  # the protocol's types: the decoded record is used in place
        {"updated_at": T0, "liked_by": []},
        {"parent_id": "c1"},
        {"id": 9, "post_id": 1, "author_id": 2, "version": 3},  # numbers are coerced
        {"parent_id": 7},
        {"like_count": True},  # a bool is no count
        {"like_count": None, "url": None},
        {"liked_by": ["u1", 5]},
        {"flags": [{"reason": "spam", "count": 2, "extra": 1}]},
        {"mood": "sunny"},  # a newer server's field is dropped
        {"url": ...},  # a missing optional field
    ],
)  # fmt: skip
def test_every_comment_record_is_normalised_the_same_way(changes):
    """The fast path for records already in the protocol's types must give what the
    field-by-field path gives, for every record (and the same keys, nothing more)."""
    page = {"changes": [{"seq": 1, "type": "comment", "data": _wire_comment(**changes)}],
            "cursor": "1"}
    (comment,) = parse_changes(json.dumps(page).encode(), "1").comments
    assert set(comment) == COMMENT_KEYS
    assert comment["created_at"] == T0_POSIX and comment["updated_at"] == T0_POSIX
    assert all(type(comment[k]) is str for k in ("id", "post_id", "author_id", "version", "url"))
    assert type(comment["like_count"]) is int
    assert all(type(u) is str for u in comment["liked_by"])
    assert comment["parent_id"] is None or type(comment["parent_id"]) is str
    assert all(set(f) == {"reason", "count"} for f in comment["flags"])


@pytest.mark.parametrize("record", [None, [], "c9", 7])
def test_a_comment_record_that_is_not_an_object_is_refused(record):
    """Not even looked at by the fast path: refused the way callers catch (an action's
    answer becomes a BadResponse, not a crash)."""
    with pytest.raises((TypeError, KeyError, ValueError)):
        reference._comment(record)
    page = {"changes": [{"seq": 4, "type": "comment", "data": record}], "cursor": "4"}
    with pytest.raises(BadResponse, match=r"seq 4\) that does not fit"):
        parse_changes(json.dumps(page).encode(), "4")


def test_parse_changes_skips_unknown_types():
    raw = json.dumps({"changes": [{"seq": 1, "type": "reaction", "data": {}}], "cursor": "1"})
    assert len(parse_changes(raw.encode(), "1")) == 0


# -- perform ------------------------------------------------------------------------------


def test_reply(server):
    reply = action("reply", "p1", target_type="post", action_id="key-reply-1",
                   payload={"body": "Thanks!", "post_id": "p1", "parent_id": "c1"})  # fmt: skip
    outcome = run(lambda c: c.perform(reply), connector(server.url))
    assert outcome.remote_id == "c3"
    assert outcome.already_applied is False
    (comment,) = outcome.batch.comments
    assert set(comment) == COMMENT_KEYS
    assert comment["parent_id"] == "c1" and comment["body_html"] == "<p>Thanks!</p>"
    assert server.protocol.keys_seen == ["key-reply-1"]
    assert server.protocol.if_match_seen == [None]


def test_lost_reply_response_is_replayed_not_duplicated(server, proxy):
    proxy.script(["reset_after"])
    reply = action("reply", "p1", target_type="post", action_id="key-lost-1",
                   payload={"body": "Once only", "post_id": "p1", "parent_id": None})  # fmt: skip
    outcome = run(lambda c: c.perform(reply), connector(proxy.url))
    assert outcome.already_applied is True
    assert outcome.remote_id == "c3"
    assert server.protocol.effects == 1
    assert server.protocol.keys_seen == ["key-lost-1", "key-lost-1"]


def test_moderation_sends_if_match_and_maps_conflicts(server):
    stale = action("approve", "c1", base_version="v0", action_id="k1")
    with pytest.raises(ConflictError) as caught:
        run(lambda c: c.perform(stale), connector(server.url))
    assert isinstance(caught.value.current, Batch)
    assert caught.value.current.comments[0]["version"] == "v1"
    assert server.protocol.if_match_seen == ['"v0"']

    fresh = action("approve", "c1", base_version="v1", action_id="k2")
    outcome = run(lambda c: c.perform(fresh), connector(server.url))
    assert outcome.batch.comments[0]["status"] == "published"
    assert outcome.remote_id == "c1"


def test_lock_then_reply_is_a_conflict(server):
    lock = action("lock", "p1", target_type="post", base_version="v1", action_id="k-lock")
    outcome = run(lambda c: c.perform(lock), connector(server.url))
    assert outcome.batch.posts[0]["locked"] is True
    assert set(outcome.batch.posts[0]) == POST_KEYS

    reply = action("reply", "p1", target_type="post", action_id="k-reply",
                   payload={"body": "Hello", "post_id": "p1", "parent_id": None})  # fmt: skip
    with pytest.raises(ConflictError, match=r"^The thread is locked$"):
        run(lambda c: c.perform(reply), connector(server.url))


def test_like_and_unlike(server):
    like = action("like", "c1", action_id="k-like")
    liked = run(lambda c: c.perform(like), connector(server.url))
    assert liked.batch.comments[0]["liked_by"] == ["u1"]
    unliked = run(lambda c: c.perform(action("unlike", "c1", action_id="k-unlike")),
                  connector(server.url))  # fmt: skip
    assert unliked.batch.comments[0]["like_count"] == 0


@pytest.mark.parametrize(
    "act, error, message",
    [
        (action("hide", "c404"), NotFound, "no longer exists"),
        (action("hide", "c2"), PermissionDenied, "kari may not hide this comment"),
        (action("reply", "p1", target_type="post",
                payload={"body": " ", "post_id": "p1", "parent_id": None}),
         Rejected, "^The reply is empty$"),
    ],
)  # fmt: skip
def test_perform_maps_refusals(server, act, error, message):
    with pytest.raises(error, match=message):
        run(lambda c: c.perform(act), connector(server.url))


def test_perform_with_a_wrong_token(server):
    with pytest.raises(AuthError):
        run(lambda c: c.perform(action("hide", "c1")), connector(server.url, secret="nope"))


def test_reused_key_for_another_request_is_rejected(server):
    run(lambda c: c.perform(action("like", "c1", action_id="same")), connector(server.url))
    with pytest.raises(Rejected, match="reused"):
        run(lambda c: c.perform(action("hide", "c1", action_id="same")), connector(server.url))


def test_search_users(server):
    users = run(lambda c: c.search_users("KAR"), connector(server.url))
    assert [u["username"] for u in users] == ["kari", "karl"]
    assert set(users[0]) == {"id", "username", "display_name", "role", "areas", "leader"}
