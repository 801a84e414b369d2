"""The sweep interval of the WordPress connector, against the real WordPress of
tests/wordpress_env.py, through a counting proxy on 127.0.0.1.

New posts and comments, and whatever the counts per status show, come on every sync
(tests/test_wordpress_polite.py); the sweep (every comment again, ``orderby=id``) only when the
last completed one began ``SWEEP_EVERY`` ago or more by the connector's clock, when
``request_sweep()`` asked for one, or when the counts cannot be explained otherwise. The clock is moved by hand; WordPress's own dates are real.
Every test works on comments it created itself (the instance is shared by the session).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from faultproxy import FaultProxy
from test_wordpress_connector import (
    ACCOUNT,
    StepClock,
    _ago,
    cached,
    connector,
)
from wordpress_env import WpEnv, wp_add_comment, wp_php

from desktop.models.store import Store
from desktop.models.writer import Writer
from desktop.services.connectors import create
from desktop.services.connectors.wordpress import SWEEP_EVERY, WordPressConnector
from desktop.services.connectors.wordpress import cursor as ws
from desktop.services.sync import Progress, sync_account

pytestmark = pytest.mark.wordpress


class Interrupted(Exception):
    """The sync stopped between two pages (the desk closed, the task cancelled)."""


@pytest.fixture
def proxy(wordpress: WpEnv) -> Iterator[FaultProxy]:
    with FaultProxy(wordpress.port) as p:
        yield p


def sweep_requests(proxy: FaultProxy, since: int = 0) -> list[str]:
    """Targets of the full sweep's requests seen so far: the comment lists read by id. The
    cheap check reads the short lists (held, spam, trash) by id too, never the approved
    comments: a read of ``status=all`` or ``status=approve`` by id is a sweep."""
    return [target for _, method, target, _ in list(proxy.log)[since:]
            if method == "GET" and "comments" in target and "orderby=id" in target
            and ("status=all" in target or "status=approve" in target)]


def sync(env: WpEnv, writer: Writer, proxy: FaultProxy, clock: StepClock, *,
         request_sweep: bool = False, progress: Progress | None = None,
         sweep_interval: float | None = None) -> None:
    async def go() -> None:
        if sweep_interval is None:
            conn = connector(env, url=proxy.url, clock=clock)
        else:  # the way the desk builds it: platform options through the registry
            user = env.users["editor1"]
            conn = cast(WordPressConnector, create(
                "wordpress", url=proxy.url, username=user.login, secret=user.app_password,
                options={"sweep_interval": sweep_interval, "clock": clock,
                         "an_option_of_another_platform": True}))
        try:
            if request_sweep:
                conn.request_sweep()
            await sync_account(writer, conn, ACCOUNT, progress=progress)
        finally:
            await conn.aclose()

    asyncio.run(go())


def stored_cursor(writer: Writer) -> dict[str, Any]:
    return json.loads(writer.call_sync(Store.cursor, ACCOUNT))


def changed_after_a_sync(env: WpEnv, writer: Writer, proxy: FaultProxy, label: str,
                         change: str) -> tuple[int, StepClock]:
    """A comment older than the sweep's window, synced, then changed on the server by the
    PHP ``change`` (``{id}`` stands for the comment): only a sweep can notice that."""
    post = env.seed["posts"][3]
    comment = wp_add_comment(env, post, f"{label} {uuid.uuid4()}", date_gmt=_ago(30))
    clock = StepClock()
    sync(env, writer, proxy, clock)
    wp_php(env, change.format(id=comment))
    return comment, clock


def test_the_sweep_waits_for_its_interval(wordpress: WpEnv, writer: Writer, proxy: FaultProxy,
                                          tmp_path: Path) -> None:
    post = wordpress.seed["posts"][3]
    tag = uuid.uuid4().hex[:8]
    edit = wp_add_comment(wordpress, post, f"edit later {tag}", date_gmt=_ago(30))
    clock = StepClock()
    start = clock.now
    sync(wordpress, writer, proxy, clock)  # the first run reads everything: that is a sweep
    assert sweep_requests(proxy) == []
    assert stored_cursor(writer)["swept"] == start

    # An edit of an old comment: no count changes, only the sweep can see it.
    wp_php(wordpress, f"wp_update_comment(['comment_ID' => {edit}, "
                      f"'comment_content' => 'edited in wp-admin {tag}']);")
    fresh = wp_add_comment(wordpress, post, f"fresh {tag}")
    clock.now = start + SWEEP_EVERY - 1  # the timer's syncs, just within the interval
    sync(wordpress, writer, proxy, clock)
    rows = cached(tmp_path)
    assert sweep_requests(proxy) == []
    assert rows[str(fresh)][0] == "published"  # new comments come on every sync
    assert "edited in wp-admin" not in rows[str(edit)][1]  # not swept yet

    clock.now = start + SWEEP_EVERY
    sync(wordpress, writer, proxy, clock)
    rows = cached(tmp_path)
    swept = len(sweep_requests(proxy))
    assert swept > 0
    assert f"edited in wp-admin {tag}" in rows[str(edit)][1]
    assert stored_cursor(writer)["swept"] == start + SWEEP_EVERY

    clock.now += 60  # measured from the new sweep
    sync(wordpress, writer, proxy, clock)
    assert len(sweep_requests(proxy)) == swept
    clock.now = start - 3600  # a clock set back must not stop the sweeps for an hour
    sync(wordpress, writer, proxy, clock)
    assert len(sweep_requests(proxy)) > swept


def test_a_cursor_from_before_the_interval_loads_and_sweeps(
        wordpress: WpEnv, writer: Writer, proxy: FaultProxy, tmp_path: Path) -> None:
    flip, clock = changed_after_a_sync(wordpress, writer, proxy, "hold later",
                                       "wp_set_comment_status({id}, 'hold');")
    # What the version before the interval stored: the same cursor without "swept".
    old = stored_cursor(writer)
    del old["swept"]
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        with db:
            db.execute("UPDATE sources SET cursor = ? WHERE account = ?",
                       (json.dumps(old), ACCOUNT))
    finally:
        db.close()
    loaded = ws.Cursor.load(json.dumps(old))
    assert loaded.swept_at is None and loaded.known and loaded.comments_hwm is not None

    seen = len(proxy.log)
    clock.now += 60
    sync(wordpress, writer, proxy, clock)
    targets = [target for _, _, target, _ in list(proxy.log)[seen:]]
    assert sweep_requests(proxy, seen)  # "never swept": due at once
    # not a full sync started over: no categories and users, new comments read from a date
    assert not any("v2/categories" in unquote(t) for t in targets)
    dated = [t for t in targets if "orderby=date_gmt" in t]
    assert dated and all("after=" in t for t in dated)
    assert cached(tmp_path)[str(flip)][0] == "held"
    assert stored_cursor(writer)["swept"] == clock.now


def test_a_requested_sweep_runs_within_the_interval_once(
        wordpress: WpEnv, writer: Writer, proxy: FaultProxy, tmp_path: Path) -> None:
    flip, clock = changed_after_a_sync(wordpress, writer, proxy, "spam later",
                                       "wp_set_comment_status({id}, 'spam');")

    async def go() -> list[int]:
        conn = connector(wordpress, url=proxy.url, clock=clock)
        counts = []
        try:
            conn.request_sweep()  # "Sync now", a minute after the last sync
            for _ in range(2):  # then the timer's next sync, with the same connector
                clock.now += 60
                await sync_account(writer, conn, ACCOUNT)
                counts.append(len(sweep_requests(proxy)))
        finally:
            await conn.aclose()
        return counts

    first, second = asyncio.run(go())
    assert first > 0 and cached(tmp_path)[str(flip)][0] == "spam"
    assert second == first  # the request was met: the next sync of that connector waits again


def test_an_interrupted_sweep_starts_over_and_counts_only_when_done(
        wordpress: WpEnv, writer: Writer, proxy: FaultProxy, tmp_path: Path) -> None:
    flip, clock = changed_after_a_sync(wordpress, writer, proxy, "trash later",
                                       "wp_trash_comment({id});")
    start = clock.now  # the first sync swept (the clock moves only by hand)

    def stop_in_the_sweep(done: int, total: int | None) -> None:
        # Called once a page is stored, before the next request: a sweep request seen means
        # the page just stored is the sweep's first.
        if sweep_requests(proxy):
            raise Interrupted

    clock.now = start + SWEEP_EVERY
    with pytest.raises(Interrupted):
        sync(wordpress, writer, proxy, clock, progress=stop_in_the_sweep)
    cursor = stored_cursor(writer)
    assert cursor["stage"] == "sweep" and cursor["swept"] == start  # not counted yet

    first_pages = len(sweep_requests(proxy))
    clock.now += 60
    sync(wordpress, writer, proxy, clock)
    again = sweep_requests(proxy)[first_pages:]
    # from the start of the first list again, not from where it stopped
    assert again and "status=all" in again[0] and "offset=0" in again[0]
    assert cached(tmp_path)[str(flip)][0] == "deleted"
    cursor = stored_cursor(writer)
    assert cursor["stage"] == "done" and cursor["swept"] == clock.now


def test_the_sweep_interval_is_an_option(wordpress: WpEnv, writer: Writer,
                                          proxy: FaultProxy) -> None:
    """Declared settings feed ``sweep_interval`` through connectors.create: a two-minute
    interval sweeps after two minutes, not fifteen."""
    clock = StepClock()
    start = clock.now
    sync(wordpress, writer, proxy, clock, sweep_interval=120)
    clock.now = start + 119
    sync(wordpress, writer, proxy, clock, sweep_interval=120)
    assert sweep_requests(proxy) == []
    clock.now = start + 120
    sync(wordpress, writer, proxy, clock, sweep_interval=120)
    assert sweep_requests(proxy)
    assert stored_cursor(writer)["swept"] == start + 120
