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
    print(f"\ncommit to painted row: {', '.join(f'{s * 1000:.0f} ms' for s in seconds)}")
    # what a notifier hears: each new comment once, in the Reply lane
    new = [i for i in entered if "session start?" in i.excerpt]
    assert len(new) == 3 and {i.lane for i in new} == {"reply"}
    assert len({i.key for i in new}) == 3
    assert ("demo", "live") in states
    assert controller.online is True


def test_back_online_is_noticed_within_seconds_and_the_outbox_goes_out(qloop, qtbot, tmp_path,
                                                                       own_demo_server):
    import time

    from faultproxy import FaultProxy

    from desktop.controller import DeskController
    from desktop.services.desk import DeskService

    server = own_demo_server
    states: list[str] = []
    figures: dict[str, float] = {}
    with FaultProxy(server.port) as proxy:
        service = DeskService(tmp_path / "p")
        controller = DeskController(service, loop=qloop, undo_seconds=0, sync_interval_ms=0)
        controller.live_changed.connect(lambda _name, state: states.append(state))

        async def until(predicate, timeout: float) -> float:
            started = time.monotonic()
            while not predicate():
                assert time.monotonic() - started < timeout, (states, controller.online)
                await asyncio.sleep(0.05)
            return time.monotonic() - started

        async def scenario() -> None:
            await service.add_account("demo", "reference", proxy.url, "mona",
                                      server.tokens["mona"])
            await service.sync()
            await controller.start_live()
            await asyncio.sleep(0.5)
            proxy.go_offline()
            figures["noticed"] = await until(lambda: controller.online is False, 10)
            key = service.queue_page("reply", limit=1)[0].key
            await controller.act([key], "like")
            await controller.wait_idle()
            assert [e.state for e in service.outbox_entries(("queued", "unknown"))] != []
            proxy.go_online()
            figures["back"] = await until(
                lambda: controller.online is True and not service.outbox_entries(
                    ("queued", "in_flight", "unknown")), 10)
            await controller.wait_idle()

        try:
            qloop.run_until_complete(scenario())
        finally:
            qloop.run_until_complete(controller.aclose())
    assert figures["noticed"] < 3 and figures["back"] < 6, figures
    assert states[:2] == ["offline", "live"], states
    print(f"\nlost server noticed in {figures['noticed']:.2f} s; back, synced and the outbox "
          f"sent {figures['back']:.2f} s after it returned")


def test_the_status_bar_says_a_fallback_to_polling_once(qtbot):
    from desktop.views.status import DeskStatusBar

    bar = DeskStatusBar()
    qtbot.addWidget(bar)
    bar.set_live("demo", "live")
    assert bar.currentMessage() == ""
    bar.set_live("demo", "polling")
    assert "demo: live updates are unavailable" in bar.currentMessage()
    assert bar.online.toolTip() == "Checking at intervals: demo"
    bar.clearMessage()
    bar.set_live("demo", "polling")  # again: nothing new to say
    assert bar.currentMessage() == ""
    bar.set_live("demo", "live")
    assert bar.currentMessage() == "demo: live updates again"
    assert bar.online.toolTip() == ""
