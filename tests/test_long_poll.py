"""The change feed's long-poll (``GET /changes?wait=N``) on the demo intranet."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from pathlib import Path

import httpx
import pytest
from faultproxy import AsgiServer

from desktop.demo import activity
from desktop.demo.server import create_app
from desktop.demo.store import DemoStore


@pytest.fixture
def served(tmp_path: Path):
    store = DemoStore(tmp_path / "demo.db")
    store.populate(seed=3, comments=200)
    tokens = store.ensure_tokens()
    app = create_app(store, rate=0)
    with AsgiServer(app) as server:
        store.site_url = server.url
        yield server, app, store, {name: info["token"] for name, info in tokens.items()}
    store.close()


def _head(url: str, token: str) -> str:
    page = httpx.get(f"{url}/api/v1/changes", params={"limit": 1000},
                     headers={"Authorization": f"Bearer {token}"}).json()
    while page["has_more"]:
        page = httpx.get(f"{url}/api/v1/changes", params={"limit": 1000, "cursor": page["cursor"]},
                         headers={"Authorization": f"Bearer {token}"}).json()
    return page["cursor"]


def _wait(url: str, token: str, cursor: str, wait: int) -> tuple[float, httpx.Response]:
    started = time.monotonic()
    response = httpx.get(f"{url}/api/v1/changes",
                         params={"cursor": cursor, "wait": wait, "limit": 10},
                         headers={"Authorization": f"Bearer {token}"}, timeout=wait + 10)
    return time.monotonic() - started, response


def test_a_wait_answers_as_soon_as_a_comment_is_committed(served):
    server, _, _, tokens = served
    cursor = _head(server.url, tokens["kari"])
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(_wait, server.url, tokens["kari"], cursor, 20)
        time.sleep(0.5)
        posted = httpx.post(f"{server.url}/api/v1/posts/2/comments", json={"body": "Now?"},
                            headers={"Authorization": f"Bearer {tokens['kari']}"})
        assert posted.status_code == 201
        took, response = waiting.result(timeout=20)
    assert response.status_code == 200
    ids = [c["data"]["id"] for c in response.json()["changes"]]
    assert posted.json()["id"] in ids
    assert took < 1.5, took  # 0.5 s before the write, then at once


def test_a_wait_with_no_news_answers_empty_after_the_wait(served):
    server, _, _, tokens = served
    cursor = _head(server.url, tokens["kari"])
    took, response = _wait(server.url, tokens["kari"], cursor, 1)
    assert response.status_code == 200
    assert response.json() == {"changes": [], "cursor": cursor, "has_more": False,
                               "remaining": 0}
    assert 0.9 < took < 3


def test_a_wait_with_news_pending_answers_at_once(served):
    server, _, _, tokens = served
    took, response = _wait(server.url, tokens["kari"], "0", 20)
    assert response.status_code == 200 and len(response.json()["changes"]) == 10
    assert took < 1


@pytest.mark.parametrize("wait", ["31", "-1", "x", "2.5"])
def test_a_wait_out_of_bounds_is_a_400(served, wait):
    server, _, _, tokens = served
    response = httpx.get(f"{server.url}/api/v1/changes", params={"wait": wait},
                         headers={"Authorization": f"Bearer {tokens['kari']}"})
    assert response.status_code == 400
    assert "wait must be an integer from 0 to 30" in response.json()["error"]["message"]


def test_a_write_by_another_process_is_seen_within_the_recheck(served):
    server, _, store, tokens = served
    cursor = _head(server.url, tokens["kari"])
    other = DemoStore(store.path)
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(_wait, server.url, tokens["kari"], cursor, 20)
            time.sleep(0.3)
            other.hard_delete("comment", 5)  # a tool on the same data file: no wake-up call
            took, response = waiting.result(timeout=20)
    finally:
        other.close()
    assert [c["type"] for c in response.json()["changes"]] == ["tombstone"]
    assert took < 3.5, took  # the 2 s look at the feed, not the 20 s wait


def test_waiters_hold_no_thread_and_are_bounded(served):
    """100 waiters, more than starlette's thread pool (40): a thread per waiter would leave
    none for other requests."""
    server, app, _, tokens = served
    app.state.feed.max_waiters = 100
    cursor = _head(server.url, tokens["kari"])
    figures: dict[str, float] = {}

    async def many() -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=30,
                                     limits=httpx.Limits(max_connections=120)) as client:
            headers = {"Authorization": f"Bearer {tokens['kari']}"}
            params = {"cursor": cursor, "wait": 5}
            waits = [asyncio.create_task(client.get("/api/v1/changes", params=params,
                                                    headers=headers)) for _ in range(100)]
            await asyncio.sleep(2)
            assert app.state.feed.waiters == 100
            figures["threads"] = threading.active_count()
            started = time.monotonic()
            me = await client.get("/api/v1/me", headers=headers)
            figures["me"] = time.monotonic() - started
            assert me.status_code == 200
            extra = await client.get("/api/v1/changes", params=params, headers=headers)
            assert extra.status_code == 429 and extra.headers["retry-after"] == "5"
            answers = await asyncio.gather(*waits)
            assert {a.status_code for a in answers} == {200}

    asyncio.run(many())
    assert figures["me"] < 1.0, figures
    assert figures["threads"] < 50, figures  # the pool's readers, not one per waiter
    assert app.state.feed.waiters == 0


def test_demo_activity_wakes_the_waiters(tmp_path):
    store = DemoStore(tmp_path / "act.db")
    store.populate(seed=2, comments=100)
    commits: list[float] = []

    async def tick() -> None:
        task = asyncio.create_task(activity.run(store, 0.05, on_commit=lambda: commits.append(1)))
        await asyncio.sleep(0.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    try:
        asyncio.run(tick())
    finally:
        store.close()
    assert len(commits) >= 3


def test_the_reference_connector_waits_for_a_change(served):
    from faultproxy import FaultProxy

    from desktop.services.connectors.base import BadResponse
    from desktop.services.connectors.reference import ReferenceConnector

    server, _, _, tokens = served
    cursor = _head(server.url, tokens["kari"])

    async def check(url: str) -> tuple[bool, bool, float]:
        connector = ReferenceConnector(url=url, username="kari", secret=tokens["kari"])
        try:
            pending = await connector.wait_for_change("0", 5)
            started = time.monotonic()
            quiet = await connector.wait_for_change(cursor, 1)
            return pending, quiet, time.monotonic() - started
        finally:
            await connector.aclose()

    pending, quiet, took = asyncio.run(check(server.url))
    assert pending is True and quiet is False and 0.9 < took < 3
    with FaultProxy(server.port) as proxy:
        proxy.script(["html"])

        async def garbage() -> None:
            connector = ReferenceConnector(url=proxy.url, username="kari",
                                           secret=tokens["kari"])
            try:
                await connector.wait_for_change(cursor, 1)
            finally:
                await connector.aclose()

        with pytest.raises(BadResponse, match="not a page of changes"):
            asyncio.run(garbage())


def test_a_client_that_hangs_up_frees_its_waiter_at_once(served):
    server, app, _, tokens = served
    cursor = _head(server.url, tokens["kari"])

    async def hang_up() -> float:
        async with httpx.AsyncClient(base_url=server.url) as client:
            request = asyncio.create_task(client.get(
                "/api/v1/changes", params={"cursor": cursor, "wait": 20},
                headers={"Authorization": f"Bearer {tokens['kari']}"}))
            began = time.monotonic()
            while app.state.feed.waiters == 0:
                assert time.monotonic() - began < 5, "the request never waited"
                await asyncio.sleep(0.01)
            request.cancel()
        started = time.monotonic()
        while app.state.feed.waiters:
            assert time.monotonic() - started < 5
            await asyncio.sleep(0.01)
        return time.monotonic() - started

    assert asyncio.run(hang_up()) < 1.0


def test_stopping_the_server_ends_the_waits_at_once(tmp_path):
    from desktop.demo.process import DemoServerProcess

    server = DemoServerProcess(tmp_path / "stop.db", seed=2, size="small", rate=0).start()
    try:
        token = server.tokens["kari"]
        cursor = _head(server.url, token)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(_wait, server.url, token, cursor, 25)
            time.sleep(0.5)
            started = time.monotonic()
            server.stop()
            stopped = time.monotonic() - started
            took, response = waiting.result(timeout=10)
    finally:
        server.stop()
    assert response.status_code == 200 and response.json()["changes"] == []
    assert stopped < 1.5 and took < 2.5, (stopped, took)


def test_the_probe_for_platforms_without_a_long_poll_is_a_tcp_connect():
    import socket

    from desktop.services.live import _tcp_reachable

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(1)
    port = listening.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    free = closed.getsockname()[1]
    closed.close()
    try:
        assert asyncio.run(_tcp_reachable(f"http://127.0.0.1:{port}/wp")) is True
        assert asyncio.run(_tcp_reachable(f"http://127.0.0.1:{free}/wp")) is False
        assert asyncio.run(_tcp_reachable("not a url")) is False
    finally:
        listening.close()
