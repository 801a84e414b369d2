"""Bad input everywhere: wrong URLs, answers that are not the protocol, huge bodies, unknown and
missing fields, clock skew. The person gets one clear line; the cache and the outbox stay as
they were.

The server here is a small starlette app speaking just enough of the reference protocol, whose
``/changes`` answer is switched per test to something broken. A profile first syncs a good
page and queues an action; after each broken sync both databases must hold exactly what they
held before (records, cursor, outbox).
"""

from __future__ import annotations

import asyncio
import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from faultproxy import AsgiServer, FaultProxy
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from desktop.models import outbox, queries
from desktop.services.desk import DeskError, DeskService

TOKEN = "bad-input-token"


def _iso(offset: float = 0.0) -> str:
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=offset)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _comment(cid: int, text: str, *, skew: float = 0.0, **extra: Any) -> dict[str, Any]:
    doc = {"id": str(cid), "post_id": "1", "parent_id": None, "author_id": "5",
           "body_html": f"<p>{text}</p>", "status": "published",
           "created_at": _iso(skew - 7200), "updated_at": _iso(skew - 7200), "like_count": 0,
           "liked_by": [], "flags": [], "url": f"http://x/posts/1#comment-{cid}",
           "version": "1"}
    doc.update(extra)
    return doc


def _page(changes: list[dict[str, Any]], cursor: str, **extra: Any) -> dict[str, Any]:
    return {"changes": changes, "cursor": cursor, "has_more": False, "remaining": 0, **extra}


def _good_page(skew: float = 0.0) -> dict[str, Any]:
    return _page([
        {"seq": 1, "type": "area", "data": {"id": "1", "name": "Oslo", "kind": "site"}},
        {"seq": 2, "type": "user", "data": {"id": "5", "username": "kari",
                                            "display_name": "Kari", "role": "employee",
                                            "areas": []}},
        {"seq": 3, "type": "post", "data": {
            "id": "1", "area_id": "1", "author_id": "7", "title": "Canteen",
            "body_html": "<p>News</p>", "created_at": _iso(skew - 86400),
            "updated_at": _iso(skew - 86400), "locked": False, "status": "published",
            "url": "http://x/posts/1", "version": "1"}},
        {"seq": 4, "type": "comment", "data": _comment(1, "When does it open?", skew=skew)},
        {"seq": 5, "type": "comment", "data": _comment(2, "Is there coffee?", skew=skew)},
    ], "5")


class FakeIntranet:
    """Answers /me properly and /changes with whatever ``mode`` says."""

    def __init__(self) -> None:
        self.mode = "good"
        self.skew = 0.0
        self.app = Starlette(routes=[
            Route("/api/v1/me", self.me),
            Route("/api/v1/changes", self.changes),
            Route("/api/v1/comments/{cid}/like", self.like, methods=["PUT"]),
            Route("/", self.home),
        ])

    async def home(self, request: Request) -> Response:
        return Response("<html><body>Welcome to the intranet</body></html>",
                        media_type="text/html")

    async def me(self, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"error": {"code": "unauthorized", "message": "no"}}, 401)
        return JSONResponse({
            "user": {"id": "7", "username": "mona", "display_name": "Mona",
                     "role": "moderator", "areas": []},
            "capabilities": ["reply", "like", "approve", "hide"],
            "server": {"name": "Fake", "protocol": 1, "time": _iso(self.skew)}})

    async def like(self, request: Request) -> Response:
        return Response("<html><body>502 Bad Gateway</body></html>", 502,
                        media_type="text/html")

    async def changes(self, request: Request) -> Response:
        mode = self.mode
        if mode == "good":
            return JSONResponse(_good_page(self.skew))
        if mode == "not_json":
            return PlainTextResponse("OK then")
        if mode == "html_200":
            return Response("<html><body>Please sign in</body></html>", media_type="text/html")
        if mode == "html_502":
            return Response("<html><body>502 Bad Gateway</body></html>", 502,
                            media_type="text/html")
        if mode == "json_garbage":
            return Response(b'{"changes": [{"seq": 6, "type": "comm', media_type="application/json")
        if mode == "huge":
            # 24 MB that start like the protocol and never become valid JSON
            blob = b'{"changes": [' + b'{"seq": 6, "type": "comment", "data": {"x": "' + (
                b"A" * (24 * 1024 * 1024)) + b'"}}'
            return Response(blob, media_type="application/json")
        if mode == "missing_fields":
            broken = _comment(3, "No version here")
            del broken["version"], broken["post_id"]
            return JSONResponse(_page([{"seq": 6, "type": "comment", "data": broken}], "6"))
        if mode == "wrong_types":
            return JSONResponse({"changes": "all of them", "cursor": {"at": 6}})
        if mode == "wrong_field_types":
            return JSONResponse(_page([{"seq": 6, "type": "comment",
                                        "data": _comment(3, "x", created_at="yesterday")}], "6"))
        if mode == "unknown_fields":
            page = _page([
                {"seq": 6, "type": "comment", "data": _comment(3, "New one", mood="happy")},
                {"seq": 7, "type": "reaction", "data": {"id": "9", "emoji": "tada"}},
            ], "7", server_hint="from a newer server")
            page["changes"][0]["extra"] = {"nested": [1, 2, 3]}
            return JSONResponse(page)
        raise AssertionError(mode)


@pytest.fixture(scope="module")
def fake():
    intranet = FakeIntranet()
    with AsgiServer(intranet.app) as server:
        server.state = intranet
        yield server


def _snapshot(profile: Path) -> tuple[Any, ...]:
    cache = sqlite3.connect(f"file:{profile / 'cache.db'}?mode=ro", uri=True)
    state = sqlite3.connect(f"file:{profile / 'state.db'}?mode=ro", uri=True)
    try:
        return (
            cache.execute("SELECT rid, status, version, body_html, lane, pending, o_liked "
                          "FROM comments ORDER BY rid").fetchall(),
            cache.execute("SELECT rid, version FROM posts ORDER BY rid").fetchall(),
            cache.execute("SELECT account, cursor FROM sources").fetchall(),
            state.execute("SELECT action_id, kind, item, state, payload FROM outbox "
                          "ORDER BY id").fetchall(),
        )
    finally:
        cache.close()
        state.close()


def _one_line(message: str) -> None:
    assert message and "\n" not in message and len(message) < 300, message
    assert "Traceback" not in message and TOKEN not in message


@pytest.fixture
def synced(fake, tmp_path):
    """A profile with a good sync and one queued (unsent) like."""
    fake.state.mode, fake.state.skew = "good", 0.0
    profile = tmp_path / "p"

    async def setup() -> None:
        desk = DeskService(profile)
        try:
            await desk.add_account("demo", "reference", fake.url, "mona", TOKEN)
            await desk.sync()
            await desk.act("demo:c1", "like")
        finally:
            await desk.aclose()

    asyncio.run(setup())
    return profile


BROKEN = {
    "not_json": "not the protocol's JSON",
    "html_200": "not the protocol's JSON",
    "html_502": "HTTP 502",
    "json_garbage": "not the protocol's JSON",
    "huge": "not the protocol's JSON",
    "missing_fields": "does not fit the protocol",
    "wrong_types": "not the protocol's JSON",
    "wrong_field_types": "does not fit the protocol",
}


async def _failing_sync(profile) -> str:
    """Sync the profile, which must fail with a DeskError; returns its message."""
    desk = DeskService(profile)
    try:
        with pytest.raises(DeskError) as caught:
            await desk.sync()
        return str(caught.value)
    finally:
        await desk.aclose()


@pytest.mark.parametrize("mode", sorted(BROKEN))
def test_a_broken_answer_is_one_clear_line_and_changes_nothing(fake, synced, mode):
    before = _snapshot(synced)
    fake.state.mode = mode
    message = asyncio.run(asyncio.wait_for(_failing_sync(synced), 60))
    _one_line(message)
    assert BROKEN[mode] in message
    assert _snapshot(synced) == before


def test_a_truncated_answer_changes_nothing(fake, synced):
    before = _snapshot(synced)
    with FaultProxy(fake.port) as proxy:
        # the account's URL is the fake itself; this profile reaches it through the proxy
        state = sqlite3.connect(str(synced / "state.db"))
        state.execute("UPDATE accounts SET url = ?", (proxy.url,))
        state.commit()
        state.close()
        proxy.script(["truncate"] * 10)
        fake.state.mode = "good"
        message = asyncio.run(_failing_sync(synced))
    _one_line(message)
    assert "No complete answer" in message
    assert _snapshot(synced) == before


def test_unknown_fields_and_change_types_are_ignored(fake, synced):
    fake.state.mode = "unknown_fields"

    async def sync() -> None:
        desk = DeskService(synced)
        try:
            await desk.sync()
        finally:
            await desk.aclose()

    asyncio.run(sync())
    rows = _snapshot(synced)[0]
    assert [r[0] for r in rows] == ["1", "2", "3"]  # the new comment, nothing else
    assert _snapshot(synced)[2] == [("demo", "7")]


def test_a_broken_answer_to_an_action_keeps_it_queued(fake, synced):
    async def push() -> tuple[Any, list[outbox.Entry]]:
        desk = DeskService(synced)
        try:
            [result] = await desk.push()
            return result, await desk.writer.call(outbox.entries)
        finally:
            await desk.aclose()

    result, entries = asyncio.run(push())
    _one_line(result.stopped_by)
    assert "HTTP 502" in result.stopped_by
    [entry] = entries
    assert entry.state == "unknown" and entry.kind == "like"  # kept, to be checked and retried
    assert _snapshot(synced)[0][0][6] == 1  # still shown as liked (pending)


@pytest.mark.parametrize("skew", [3 * 3600.0, -3 * 3600.0])
def test_clock_skew_between_client_and_server_is_harmless(fake, tmp_path, skew):
    fake.state.mode, fake.state.skew = "good", skew
    profile = tmp_path / "p"

    async def go() -> list[Any]:
        desk = DeskService(profile)
        try:
            await desk.add_account("demo", "reference", fake.url, "mona", TOKEN)
            await desk.sync()
            store = desk.reader()
            try:
                return queries.queue_page(store, "reply")
            finally:
                store.close()
        finally:
            await desk.aclose()

    items = asyncio.run(go())
    fake.state.skew = 0.0
    # Both questions are in the lane whatever the clocks say, with a sane age (never negative).
    assert sorted(i.key for i in items) == ["demo:c1", "demo:c2"]
    for item in items:
        text = item.describe()
        assert "-" not in text and "unanswered for" in text, text


def _cli(profile: Path, *args: str, stdin: str | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=60,
                          check=False)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wrong_urls_are_one_clear_line(fake, tmp_path):
    closed = _free_port()  # nothing listens there
    cases = {
        "intranet.example.com": "is not a web address",
        "ftp://127.0.0.1/": "is not a web address",
        f"http://127.0.0.1:{closed}": "connection refused",
        fake.url + "/some/where": "does not look like a Dialogue Desk reference server",
        "http://127.0.0.1:99999": "not a valid URL",
    }
    for url, expected in cases.items():
        proc = _cli(tmp_path / "p", "account", "add", "--name", "demo", "--url", url,
                    "--user", "mona", stdin=TOKEN + "\n")
        assert proc.returncode == 1, (url, proc.stdout)
        _one_line(proc.stderr.strip())
        assert expected in proc.stderr, (url, proc.stderr)
    assert "No accounts" in _cli(tmp_path / "p", "account", "list").stdout
