"""Offline work, lost responses and interrupted syncs: every effect exactly once.

Through the Python API (the same DeskService the CLI and the desk use), against a real demo
intranet; network failures come from a fault-injecting proxy, never from mocks of our code.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from demo_data import count, server_db, server_id
from faultproxy import FaultProxy

from desktop.models import outbox, queries
from desktop.models.store import Store
from desktop.models.writer import Writer
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskService
from desktop.services.sync import sync_account


def run(coro):
    return asyncio.run(coro)


async def _desk(profile, url, token, user="mona"):
    desk = DeskService(profile)
    if not desk.accounts():
        await desk.add_account("demo", "reference", url, user, token)
    return desk


def _ledger_rows(server, action_id: str) -> int:
    return count(server, "SELECT COUNT(*) FROM idempotency WHERE key = ?", action_id)


def test_offline_actions_land_once_after_restart(own_demo_server, profile):
    server = own_demo_server
    token = server.tokens["mona"]

    async def act_offline():
        desk = await _desk(profile, server.url, token)
        try:
            await desk.sync()
            store = desk.reader()
            reply_item = queries.queue_page(store, "reply", limit=1)[0]
            held = next(i for i in queries.queue_page(store, "moderate", limit=500)
                        if i.reason == "held")
            ack = queries.queue_page(store, "acknowledge", limit=1)[0]
            store.close()
            server.stop()
            text = f"Offline answer {uuid.uuid4()}"
            await desk.act(reply_item.key, "reply", text=text)
            await desk.act(held.key, "approve")
            await desk.act(ack.key, "like")
            [pushed] = await desk.push()
            assert pushed.done == 0 and pushed.waiting == 3 and pushed.stopped_by
            store = desk.reader()
            # optimistic: the items left their lanes at once, marked pending
            assert reply_item.key not in {i.key for i in queries.queue_page(store, "reply")}
            assert outbox.counts(store).get("queued", 0) + outbox.counts(store).get(
                "unknown", 0) == 3
            store.close()
            return text, reply_item, held, ack
        finally:
            await desk.aclose()

    text, _reply_item, held, ack = run(act_offline())
    server.restart()

    async def push_later():
        desk = await _desk(profile, server.url, token)
        try:
            # pushing twice must not double anything
            [first] = await desk.push()
            [second] = await desk.push()
            store = desk.reader()
            states = [(e.kind, e.state, e.message) for e in outbox.entries(store)]
            store.close()
            assert (first.done, second.done) == (3, 0), states
            store = desk.reader()
            assert outbox.counts(store) == {"done": 3}
            store.close()
        finally:
            await desk.aclose()

    run(push_later())
    assert count(server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{text}%") == 1
    assert count(server, "SELECT COUNT(*) FROM comments WHERE id = ? AND status = "
                 "'published'", server_id(held.key)) == 1
    assert count(server, "SELECT COUNT(*) FROM likes WHERE comment_id = ?",
                 server_id(ack.key)) >= 1


@pytest.mark.parametrize("kind", ["reply", "approve"])
def test_lost_response_is_resolved_without_a_second_effect(own_demo_server, profile, kind):
    server = own_demo_server
    token = server.tokens["mona"]
    proxy = FaultProxy(server.port).start()
    try:
        async def act_and_lose_the_answer():
            desk = await _desk(profile, proxy.url, token)
            try:
                await desk.sync()
                store = desk.reader()
                lane = "reply" if kind == "reply" else "moderate"
                item = next(i for i in queries.queue_page(store, lane, limit=500)
                            if kind == "reply" or i.reason == "held")
                store.close()
                text = f"Lost answer {uuid.uuid4()}" if kind == "reply" else None
                entry = (await desk.act(item.key, kind, text=text)).value
                # the server applies it and the answer is lost; the session's own retries (same
                # Idempotency-Key) find the network gone too, so the action ends up unknown
                proxy.script(["reset_after"] + ["reset_before"] * 10)
                [pushed] = await desk.push()
                assert pushed.done == 0
                store = desk.reader()
                assert outbox.get(store, entry.id).state == "unknown"
                store.close()
                return item, text, entry
            finally:
                await desk.aclose()

        item, text, entry = run(act_and_lose_the_answer())
        assert _ledger_rows(server, entry.action_id) == 1  # it did reach the server

        async def restart_and_push():  # a new process, as after a crash or a reboot
            desk = await _desk(profile, proxy.url, token)
            try:
                [pushed] = await desk.push()
                assert pushed.done == 1
                store = desk.reader()
                assert outbox.get(store, entry.id).state == "done"
                store.close()
            finally:
                await desk.aclose()

        proxy.script([])
        run(restart_and_push())
    finally:
        proxy.stop()
    assert _ledger_rows(server, entry.action_id) == 1
    if kind == "reply":
        assert count(server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                     f"%{text}%") == 1
    else:
        assert count(server, "SELECT COUNT(*) FROM comments WHERE id = ? AND status = "
                     "'published'", server_id(item.key)) == 1


def _cache_rows(profile):
    store = Store(profile, readonly=True)
    try:
        return (
            store.cache.execute(
                "SELECT rid, post_rid, parent_rid, status, version, body_text, lane, reason "
                "FROM comments ORDER BY rid").fetchall(),
            store.cache.execute("SELECT rid, title, locked, version FROM posts ORDER BY rid"
                                ).fetchall(),
            store.cache.execute("SELECT rid, username, role FROM users ORDER BY rid").fetchall(),
            [h.key for h in __import__("desktop.models.queries", fromlist=["x"]).search(
                store, "the", limit=10_000)],
        )
    finally:
        store.close()


def test_interrupted_sync_resumes_without_gaps(demo_server, tmp_path):
    token = demo_server.tokens["mona"]

    async def sync(profile, stop_after):
        writer = Writer(profile)
        connector = ReferenceConnector(url=demo_server.url, username="mona", secret=token,
                                       page_size=40)
        try:
            ident = await connector.verify()
            await writer.call(Store.set_identity, "demo", ident.user_id, ident.username,
                              ident.role, ident.areas, ident.moderation_scope)
            return await sync_account(writer, connector, "demo", max_pages=stop_after)
        finally:
            await connector.aclose()
            writer.close()

    full = tmp_path / "full"
    resumed = tmp_path / "resumed"
    whole = run(sync(full, None))
    assert whole.pages > 3
    first = run(sync(resumed, 3))
    assert first.pages == 3
    rest = run(sync(resumed, None))
    assert first.records + rest.records == whole.records  # nothing fetched twice, no gap
    assert _cache_rows(resumed) == _cache_rows(full)
    conn = server_db(demo_server)
    conn.close()


def test_a_sync_collects_garbage_less_often_and_restores_the_pace(demo_server, tmp_path):
    """Pages keep many objects alive until stored: the service's sync raises the collector's
    threshold and lowers the switch interval (desktop/tuning.py, docs/benchmarks.md) and gives
    both back when it ends, even on failure, and leaves nothing frozen."""
    import gc
    import sys

    from desktop import tuning

    token = demo_server.tokens["mona"]
    before = gc.get_threshold()
    interval = sys.getswitchinterval()
    frozen = gc.get_freeze_count()
    seen: list[tuple[int, float]] = []

    async def sync(profile: str, fail: bool) -> None:
        desk = DeskService(tmp_path / profile)
        try:
            await desk.add_account("demo", "reference", demo_server.url, "mona", token)

            def progress(done: int, total: int | None) -> None:
                seen.append((gc.get_threshold()[0], sys.getswitchinterval()))
                if fail:
                    raise RuntimeError("stopped in the middle")

            await desk.sync(progress=progress)
        finally:
            await desk.aclose()

    run(sync("p", False))
    assert seen and set(seen) == {(max(tuning.SYNC_GC_THRESHOLD, before[0]),
                                   min(interval, tuning.SWITCH_INTERVAL))}
    assert gc.get_threshold() == before and sys.getswitchinterval() == interval
    assert gc.get_freeze_count() == frozen
    with pytest.raises(RuntimeError, match="stopped in the middle"):
        run(sync("q", True))
    assert gc.get_threshold() == before and sys.getswitchinterval() == interval
    assert gc.get_freeze_count() == frozen
