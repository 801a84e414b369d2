"""The desk's queue updates itself: a comment on the demo server is painted within 2 s."""

from __future__ import annotations

import asyncio
import statistics
import sys
from pathlib import Path

from desk_fixtures import *  # noqa: F403

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is a tool of the checkout, not an installed package

from bench.live import PaintClock, one_run


def test_a_new_comment_is_painted_within_two_seconds(open_desk, own_demo_server):
    desk = open_desk(own_demo_server)
    window, controller = desk.window, desk.controller
    window.resize(1280, 800)
    clock = PaintClock(window)
    window.queue.viewport().installEventFilter(clock)
    entered: list = []
    controller.entered.connect(entered.extend)
    states: list[tuple[str, str]] = []
    controller.live_changed.connect(lambda name, state: states.append((name, state)))

    async def runs() -> list[float]:
        await controller.start_live()
        await asyncio.sleep(1.0)
        found = []
        for _ in range(3):
            found.append(await one_run(window, clock, own_demo_server.url,
                                       own_demo_server.tokens["kari"]))
            await asyncio.sleep(0.2)
        await controller.wait_idle()
        return found

    seconds = desk.loop.run_until_complete(runs())
    assert statistics.median(seconds) < 2.0, seconds
    # what a notifier hears: each new comment once, in the Reply lane
    new = [i for i in entered if "session start?" in i.excerpt]
    assert len(new) == 3 and {i.lane for i in new} == {"reply"}
    assert len({i.key for i in new}) == 3
    assert ("demo", "live") in states
    assert controller.online is True
