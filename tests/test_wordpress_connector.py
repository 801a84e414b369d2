"""The WordPress connector against the real WordPress of tests/wordpress_env.py.

The instance is shared by the whole session, so every test that changes something works on
comments it created itself (``wp_add_comment``) and compares its own ids, never global counts.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from faultproxy import AsgiServer, FaultProxy
from wordpress_env import WpEnv, wp_add_comment, wp_db_query, wp_php  # the fixture: conftest

from desktop.models import outbox
from desktop.models.timefmt import iso_z
from desktop.models.writer import Writer
from desktop.services.connectors import base, create
from desktop.services.connectors.wordpress import SWEEP_EVERY, WordPressConnector, errors
from desktop.services.connectors.wordpress import cursor as ws
from desktop.services.sync import push_account, sync_account

pytestmark = pytest.mark.wordpress
ACCOUNT = "wp"


def connector(env: WpEnv, login: str = "editor1", *, url: str | None = None,
              clock: Any = time.time) -> WordPressConnector:
    user = env.users[login]
    return WordPressConnector(url=url or env.url, username=user.login,
                              secret=user.app_password, clock=clock)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


class StepClock:
    """The connector's clock, moved by hand: the sweep interval passes without waiting."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def _db_status(env: WpEnv, cid: int | str) -> str | None:
    rows = wp_db_query(env, f"SELECT comment_approved FROM wp_comments WHERE comment_ID = {cid}")
    return rows[0][0] if rows else None


def cached(tmp_path: Path) -> dict[str, tuple[str, str, str | None]]:
    """rid → (status, body_html, parent) of every cached comment of the account."""
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        return {rid: (status, body, parent) for rid, status, body, parent in db.execute(
            "SELECT rid, status, body_html, parent_rid FROM comments")}
    finally:
        db.close()


def tombstones(tmp_path: Path) -> set[str]:
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        return {r for (r,) in db.execute("SELECT rid FROM tombstones WHERE entity = 'comment'")}
    finally:
        db.close()


async def _sync(writer: Writer, conn: WordPressConnector) -> Any:
    return await sync_account(writer, conn, ACCOUNT)


# ---- verify ---------------------------------------------------------------------------------

def test_verify_reports_roles_and_capabilities(wordpress: WpEnv) -> None:
    async def go() -> dict[str, base.Identity]:
        out = {}
        for login in ("editor1", "admin", "sub1"):
            conn = connector(wordpress, login)
            try:
                out[login] = await conn.verify()
            finally:
                await conn.aclose()
        return out

    ids = run(go())
    editor, admin, sub = ids["editor1"], ids["admin"], ids["sub1"]
    assert editor.role == "editor" and editor.user_id == str(wordpress.users["editor1"].id)
    assert editor.capabilities == {"reply", "approve", "hide", "spam", "delete", "restore",
                                   "lock", "flags"}
    assert "like" not in editor.capabilities and editor.warnings == ()
    assert editor.server_name == "Dialogue Desk test intranet"
    assert admin.role == "admin" and any("manage_options" in w for w in admin.warnings)
    assert sub.capabilities == {"reply"} and sub.moderation_scope == "none"
    assert sub.role == "employee"


def test_wrong_password_explains_application_passwords(wordpress: WpEnv) -> None:
    conn = WordPressConnector(url=wordpress.url, username="editor1", secret="x" * 24)
    with pytest.raises(base.AuthError) as info:
        run(_verify_and_close(conn))
    assert "application password" in str(info.value)
    assert "x" * 24 not in str(info.value)
    # Over plain http to a non-local host the hint says why: HTTPS.
    assert "HTTPS" in str(errors.auth_error("http://intranet.example", "u"))


async def _verify_and_close(conn: WordPressConnector) -> base.Identity:
    try:
        return await conn.verify()
    finally:
        await conn.aclose()


def test_a_site_that_is_not_wordpress_says_so() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"<html>Not found</html>"})

    with AsgiServer(app) as server:
        conn = create("wordpress", url=server.url, username="u", secret="s")
        with pytest.raises(base.BadResponse, match="does not look like WordPress"):
            run(_verify_and_close(conn))  # type: ignore[arg-type]


# ---- sync -----------------------------------------------------------------------------------

def test_full_sync_maps_every_status(wordpress: WpEnv, writer: Writer, tmp_path: Path) -> None:
    # Our own comment in each status, so the check does not depend on other tests.
    post = wordpress.seed["posts"][1]
    mine = {status: wp_add_comment(wordpress, post, f"status {status} {uuid.uuid4()}",
                                   status=status, date_gmt=_ago(12))
            for status in ("1", "0", "spam", "trash")}

    async def go() -> None:
        conn = connector(wordpress)
        try:
            await _sync(writer, conn)
        finally:
            await conn.aclose()

    run(go())
    rows = cached(tmp_path)
    expected = {"1": "published", "0": "held", "spam": "spam", "trash": "deleted"}
    for status, cid in mine.items():
        assert rows[str(cid)][0] == expected[status]
    # Everything WordPress holds is cached, in the right status.
    in_db = {cid: expected[st] for cid, st in wp_db_query(
        wordpress, "SELECT comment_ID, comment_approved FROM wp_comments")}
    assert {rid: r[0] for rid, r in rows.items()} == in_db
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        areas = {name for (name,) in db.execute("SELECT name FROM areas")}
        locked = {rid for (rid,) in db.execute("SELECT rid FROM posts WHERE locked = 1")}
        url = db.execute("SELECT url FROM comments WHERE rid = ?",
                         (str(mine["1"]),)).fetchone()[0]
        guest = db.execute("SELECT display_name FROM users WHERE rid = 'guest:Guest Tester'"
                           ).fetchone()
    finally:
        db.close()
    assert {"News", "Workplace"} <= areas
    assert str(wordpress.seed["closed_post"]) in locked
    assert url.endswith(f"#comment-{mine['1']}")
    assert guest == ("Guest Tester",)


def test_incremental_sync_sees_exactly_the_changes(wordpress: WpEnv, writer: Writer,
                                                   tmp_path: Path) -> None:
    post = wordpress.seed["posts"][2]
    tag = uuid.uuid4().hex[:8]
    flip = wp_add_comment(wordpress, post, f"flip me {tag}", date_gmt=_ago(20))
    edit = wp_add_comment(wordpress, post, f"edit me {tag}", date_gmt=_ago(25))
    gone = wp_add_comment(wordpress, post, f"purge me {tag}", date_gmt=_ago(20))
    question = wp_add_comment(wordpress, post, f"Who answers this {tag}?", date_gmt=_ago(15))
    clock = StepClock()

    async def sync_once() -> Any:
        conn = connector(wordpress, clock=clock)
        try:
            return await _sync(writer, conn)
        finally:
            await conn.aclose()

    run(sync_once())
    before = cached(tmp_path)
    wp_php(wordpress, f"wp_set_comment_status({flip}, 'spam');"
                      f"wp_update_comment(['comment_ID' => {edit}, "
                      f"'comment_content' => 'edited {tag}']);"
                      f"wp_delete_comment({gone}, true);")
    staff = wp_add_comment(wordpress, post, f"Staff answer {tag}", parent=question, user="admin")
    clock.now += SWEEP_EVERY  # the sweep is due (tests/test_wordpress_sweep.py: the interval)
    run(sync_once())
    after = cached(tmp_path)

    changed = {rid for rid in set(before) | set(after) if before.get(rid) != after.get(rid)}
    assert changed == {str(flip), str(edit), str(gone), str(staff)}
    assert after[str(flip)][0] == "spam"
    assert f"edited {tag}" in after[str(edit)][1]
    assert str(gone) not in after and str(gone) in tombstones(tmp_path)
    assert after[str(staff)][2] == str(question)
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        answered = db.execute("SELECT staff_replied FROM comments WHERE rid = ?",
                              (str(question),)).fetchone()[0]
    finally:
        db.close()
    assert answered == 1


def test_subscriber_sees_approved_only_and_vanished_comments_hide(
        wordpress: WpEnv, writer: Writer, tmp_path: Path) -> None:
    post = wordpress.seed["posts"][4]
    visible = wp_add_comment(wordpress, post, f"visible {uuid.uuid4()}", date_gmt=_ago(9))
    held = wp_add_comment(wordpress, post, f"held {uuid.uuid4()}", status="0",
                          date_gmt=_ago(9))
    clock = StepClock()

    async def sync_once() -> None:
        clock.now += SWEEP_EVERY  # every run sweeps: only a sweep sees an old comment change
        conn = connector(wordpress, "sub1", clock=clock)
        try:
            await _sync(writer, conn)
        finally:
            await conn.aclose()

    run(sync_once())
    rows = cached(tmp_path)
    assert str(visible) in rows and str(held) not in rows
    assert {r[0] for r in rows.values()} == {"published"}
    wp_php(wordpress, f"wp_set_comment_status({visible}, 'hold');")
    run(sync_once())
    # A subscriber cannot tell held from deleted: hidden, not a tombstone (it may come back).
    assert cached(tmp_path)[str(visible)][0] == "hidden"
    assert str(visible) not in tombstones(tmp_path)
    wp_php(wordpress, f"wp_set_comment_status({visible}, 'approve');")
    run(sync_once())
    assert cached(tmp_path)[str(visible)][0] == "published"


def test_cursor_round_trip_and_keyset_positions() -> None:
    known = dict.fromkeys(range(1, 30000), "a")
    known.update({7: "h", 29999: "t", 123456: "s"})
    cur = ws.Cursor(moderator=True, stage="comments", known=known, users=[1, 2],
                    posts=ws.Position(100.0, 3), swept_at=1_763_000_000.25)
    back = ws.Cursor.load(cur.to_json())
    assert back == cur
    assert len(cur.to_json()) < 2000  # dense ids compress to almost nothing
    assert ws.Cursor.load('{"not": "ours"}') == ws.Cursor()
    assert ws.Position(None, 0).advance([5.0, 6.0, 6.0]) == ws.Position(6.0, 2)
    assert ws.Position(6.0, 2).advance([6.0] * 3) == ws.Position(6.0, 5)
    assert iso_z(0) == "1970-01-01T00:00:00Z"


# ---- actions --------------------------------------------------------------------------------

def _action(kind: str, target: str, *, payload: dict[str, Any] | None = None,
            base_version: str | None = None, maybe_sent: bool = False,
            target_type: str = "comment") -> base.Action:
    return base.Action(action_id=str(uuid.uuid4()), kind=kind, target_type=target_type,
                       target_id=target, payload=payload or {}, base_version=base_version,
                       maybe_sent=maybe_sent, sent_at=time.time() - 5 if maybe_sent else None)


async def _perform(env: WpEnv, action: base.Action, login: str = "editor1") -> base.Outcome:
    conn = connector(env, login)
    try:
        return await conn.perform(action)
    finally:
        await conn.aclose()


def test_moderation_checks_the_server_before_and_after(wordpress: WpEnv) -> None:
    post = wordpress.seed["posts"][0]
    cid = wp_add_comment(wordpress, post, f"moderate {uuid.uuid4()}", status="0")
    steps = [("approve", "1"), ("hide", "0"), ("spam", "spam"), ("restore", "0"),
             ("delete", "trash"), ("restore", "0"), ("restore", "1")]
    for kind, stored in steps:
        outcome = run(_perform(wordpress, _action(kind, str(cid))))
        assert _db_status(wordpress, cid) == stored, kind
        assert outcome.batch is not None and outcome.batch.comments[0]["id"] == str(cid)
    # Asked again, nothing changes and the server's word is "already applied".
    again = run(_perform(wordpress, _action("approve", str(cid))))
    assert again.already_applied and _db_status(wordpress, cid) == "1"


def test_stale_base_version_is_a_conflict_with_the_current_record(wordpress: WpEnv) -> None:
    cid = wp_add_comment(wordpress, wordpress.seed["posts"][0], f"v1 {uuid.uuid4()}",
                         status="0")
    seen = run(_perform(wordpress, _action("hide", str(cid))))  # already held: just a read
    version = seen.batch.comments[0]["version"]  # type: ignore[union-attr]
    wp_php(wordpress, f"wp_update_comment(['comment_ID' => {cid}, 'comment_content' => 'v2']);")
    with pytest.raises(base.ConflictError) as info:
        run(_perform(wordpress, _action("approve", str(cid), base_version=version)))
    assert info.value.current is not None
    assert "v2" in info.value.current.comments[0]["body_html"]
    assert _db_status(wordpress, cid) == "0"


def test_reply_retry_finds_the_first_attempt(wordpress: WpEnv) -> None:
    post = wordpress.seed["posts"][0]
    question = wp_add_comment(wordpress, post, f"Retry? {uuid.uuid4()}")
    text = f"Answer {uuid.uuid4()}"
    payload = {"body": text, "post_id": str(post), "parent_id": str(question)}
    first = run(_perform(wordpress, _action("reply", str(post), payload=payload,
                                            target_type="post")))
    assert first.remote_id and not first.already_applied
    # The response was "lost": the retry looks first and finds it.
    again = run(_perform(wordpress, _action("reply", str(post), payload=payload,
                                            target_type="post", maybe_sent=True)))
    assert again.already_applied and again.remote_id == first.remote_id
    # Even sent blindly, WordPress's duplicate check (409) stops a second copy.
    blind = run(_perform(wordpress, _action("reply", str(post), payload=payload,
                                            target_type="post")))
    assert blind.already_applied
    count = wp_db_query(wordpress, f"SELECT COUNT(*) FROM wp_comments WHERE comment_content "
                                   f"= '{text}'")
    assert count == [("1",)]


def test_reply_errors_a_user_can_act_on(wordpress: WpEnv) -> None:
    closed = wordpress.seed["closed_post"]
    with pytest.raises(base.ConflictError, match="closed"):
        run(_perform(wordpress, _action("reply", str(closed), target_type="post",
                                        payload={"body": f"x {uuid.uuid4()}",
                                                 "post_id": str(closed), "parent_id": None})))
    with pytest.raises(base.PermissionDenied):
        run(_perform(wordpress, _action("approve", str(wordpress.seed["comments"]["hold"][0])),
                     "sub1"))
    with pytest.raises(base.Rejected, match="likes"):
        run(_perform(wordpress, _action("like", "1")))
    # A subscriber posting twice within 15 s meets WordPress's flood limit.
    post = str(wordpress.seed["posts"][5])
    for i in range(2):
        act = _action("reply", post, target_type="post",
                      payload={"body": f"flood {i} {uuid.uuid4()}", "post_id": post})
        if i == 0:
            assert run(_perform(wordpress, act, "sub2")).remote_id
        else:
            with pytest.raises(base.RateLimited) as info:
                run(_perform(wordpress, act, "sub2"))
            assert info.value.retry_after == 15


def test_lock_and_unlock_a_thread(wordpress: WpEnv) -> None:
    post = str(wordpress.seed["posts"][6])
    for kind, value in (("lock", "closed"), ("unlock", "open")):
        outcome = run(_perform(wordpress, _action(kind, post, target_type="post")))
        assert outcome.batch is not None and outcome.batch.posts[0]["locked"] == (kind == "lock")
        rows = wp_db_query(wordpress, f"SELECT comment_status FROM wp_posts WHERE ID = {post}")
        assert rows == [(value,)]


# ---- lost responses, rate limits: through a faulty network ------------------------------------

@pytest.fixture
def proxy(wordpress: WpEnv) -> Iterator[FaultProxy]:
    with FaultProxy(wordpress.port) as p:
        yield p


def _enqueue_sync(writer: Writer, key: str, kind: str, text: str | None = None) -> int:
    return writer.call_sync(outbox.enqueue, key, kind, text=text).id


def test_lost_responses_on_reply_and_trash_give_one_effect(
        wordpress: WpEnv, proxy: FaultProxy, writer: Writer, tmp_path: Path) -> None:
    post = wordpress.seed["posts"][0]
    question = wp_add_comment(wordpress, post, f"Lost? {uuid.uuid4()}", date_gmt=_ago(1))
    victim = wp_add_comment(wordpress, post, f"Trash me {uuid.uuid4()}", date_gmt=_ago(1))
    text = f"Reply through a bad network {uuid.uuid4()}"
    later = [time.time()]

    async def go() -> None:
        # Only the proxy's address is configured: WordPress's absolute links are never used.
        conn = connector(wordpress, url=proxy.url)
        try:
            await _sync(writer, conn)
            reply_id = _enqueue_sync(writer, f"{ACCOUNT}:c{question}", "reply", text)
            proxy.script(["reset_after"])  # the POST reaches WordPress, its answer is lost
            first = await push_account(writer, conn, ACCOUNT)
            assert first.done == 0 and first.waiting == 1
            assert writer.call_sync(outbox.get, reply_id).state == "unknown"
            later[0] += 3600
            second = await push_account(writer, conn, ACCOUNT, clock=lambda: later[0])
            entry = writer.call_sync(outbox.get, reply_id)
            assert second.done == 1 and entry.state == "done"
            assert entry.message == "already applied on the server" and entry.remote_id

            trash_id = _enqueue_sync(writer, f"{ACCOUNT}:c{victim}", "delete")
            proxy.script(["ok", "reset_after"])  # the GET passes, the DELETE's answer is lost
            await push_account(writer, conn, ACCOUNT, clock=lambda: later[0])
            if writer.call_sync(outbox.get, trash_id).state != "done":
                later[0] += 3600
                await push_account(writer, conn, ACCOUNT, clock=lambda: later[0])
            assert writer.call_sync(outbox.get, trash_id).state == "done"
        finally:
            await conn.aclose()

    run(go())
    count = wp_db_query(wordpress, f"SELECT COUNT(*) FROM wp_comments WHERE comment_content "
                                   f"= '{text}'")
    assert count == [("1",)]
    assert _db_status(wordpress, victim) == "trash"
    assert proxy.count("DELETE") == 2  # the lost one and the retry that met 410
    trashed_once = wp_db_query(wordpress, f"SELECT COUNT(*) FROM wp_commentmeta WHERE comment_id "
                                          f"= {victim} AND meta_key = '_wp_trash_meta_status'")
    assert trashed_once == [("1",)]


def test_waf_429_with_retry_after_is_waited_out(wordpress: WpEnv, proxy: FaultProxy,
                                                writer: Writer, tmp_path: Path) -> None:
    async def go() -> float:
        conn = connector(wordpress, url=proxy.url)
        try:
            proxy.script(["ok", "429:1"])
            started = time.monotonic()
            await _sync(writer, conn)
            return time.monotonic() - started
        finally:
            await conn.aclose()

    took = run(go())
    assert took >= 1.0
    assert any(fault == "429:1" for *_, fault in proxy.log)
    assert cached(tmp_path)  # the sync finished after the wait
