"""Desk measurements that need a fresh process: ``python -m bench.gui_probe MODE ARGS``.

Prints one JSON line. Modes:
  empty                     an empty QMainWindow with the desk's imports, shown and painted
  desk PROFILE              the desk's main window over PROFILE, shown and painted
  rss PROFILE               the queue over the biggest lane, scrolled end to end; RSS after
  paint PROFILE             each lane opened in a shown queue: time to painted rows
  lag URL TOKEN PROFILE     a sync from the demo server with the queue shown; heartbeat lag
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line[:5]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def _since_start() -> float:
    return (time.perf_counter() - _STARTED) * 1000


def empty() -> dict[str, float]:
    # the desk's imports (app.py imports these before building anything)
    import httpx  # noqa: F401
    import qasync  # noqa: F401
    import sqlite_utils  # noqa: F401
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    window.repaint()
    app.processEvents()
    return {"painted_ms": _since_start()}


def desk(profile: str) -> dict[str, float]:
    import asyncio
    from pathlib import Path

    import qasync
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window
    from desktop.controller import DeskController
    from desktop.services.desk import DeskService

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    service = DeskService(Path(profile))
    controller = DeskController(service, loop=loop, sync_interval_ms=0)
    window = build_window(controller, Path(profile))
    window.resize(1280, 800)
    window.show()
    window.repaint()
    app.processEvents()
    painted = _since_start()
    rows = window.model.total()
    service.writer.close()
    return {"painted_ms": painted, "rows": rows}


def _queue(profile: str):
    from pathlib import Path

    from PySide6.QtWidgets import QApplication, QListView

    from desktop.models.qt_models import QueueModel
    from desktop.models.store import Store

    app = QApplication(sys.argv[:1])
    store = Store(Path(profile), readonly=True)
    model = QueueModel(store)
    view = QListView()
    view.setUniformItemSizes(True)
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    return app, store, model, view


def paint(profile: str) -> dict[str, float]:
    from desktop.models import queries

    app, store, model, view = _queue(profile)
    out = {}
    for lane in ("reply", "moderate", "acknowledge"):
        samples = []
        for _ in range(5):
            model.set_query("done")  # empty: the next lane is read afresh
            app.processEvents()
            t0 = time.perf_counter()
            # as the window switches lanes: the first page now, the other ids from a thread
            model.set_query(lane, first_page=True)
            view.repaint()
            samples.append((time.perf_counter() - t0) * 1000)
            while model.partial:  # the ids' thread is done before the next sample
                app.processEvents()
                time.sleep(0.001)
        out[lane] = sorted(samples)[len(samples) // 2]
    out["worst_ms"] = max(out[lane] for lane in ("reply", "moderate", "acknowledge"))
    out["rows"] = queries.lane_counts(store)
    return out


def rss(profile: str) -> dict[str, float]:
    from desktop.models import queries

    app, store, model, view = _queue(profile)
    counts = queries.lane_counts(store)
    lane = max(("reply", "moderate", "acknowledge"), key=lambda name: counts[name])
    t0 = time.perf_counter()
    model.set_query(lane)
    view.repaint()
    opened = rss_mb()[0]
    total = model.total()
    model.expose(total - 1)  # one insertion: growing a QListView 200 rows at a time is O(n²)
    step = 200
    for row in range(0, total, step):  # every page of the lane is read and painted once
        view.scrollTo(model.index(row, 0))
        view.repaint()
    view.scrollToBottom()
    view.repaint()
    app.processEvents()
    current, peak = rss_mb()
    return {"lane": lane, "rows": total, "scroll_s": time.perf_counter() - t0,
            "rss_open_mb": opened, "rss_mb": current, "peak_mb": peak,
            "pages_fetched": model.pages_fetched}


def lag(url: str, token: str, profile: str) -> dict[str, float]:
    import asyncio
    import statistics
    from pathlib import Path

    import qasync
    from PySide6.QtCore import Qt, QTimer

    from desktop.models import accounts
    from desktop.models.writer import Writer
    from desktop.services.connectors.reference import ReferenceConnector
    from desktop.services.sync import sync_account
    from desktop.tuning import responsive_threads, sync_tuning

    # as the desk runs a sync: the composition root's thread pace (app.main), and the tuning
    # DeskService.sync enters around sync_account
    responsive_threads()
    app, _store, model, _view = _queue(profile)
    model.set_query("reply")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ticks: list[tuple[float, float]] = []  # (when, lateness ms)
    last = [time.perf_counter()]
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)

    def beat() -> None:
        now = time.perf_counter()
        ticks.append((now, max(0.0, (now - last[0]) * 1000 - 5)))
        last[0] = now

    timer.timeout.connect(beat)
    first_page: list[float] = []

    class Watch:
        """The connector, noting when the first page arrives ("after the first response")."""

        def __init__(self, inner: ReferenceConnector) -> None:
            self.inner = inner

        async def pull(self, cursor):
            async for page in self.inner.pull(cursor):
                if not first_page:
                    first_page.append(time.perf_counter())
                yield page

    async def run() -> dict[str, float]:
        writer = Writer(Path(profile))
        await writer.call(accounts.save_account, accounts.Account(
            "demo", "reference", url, "erik", user_id="0", role="editor"))
        # The desk's connector with its default page size, its HTTP client already built (the
        # desk builds it once; building one blocks the loop for tens of ms: Known traps).
        connector = ReferenceConnector(url=url, username="erik", secret=token)
        await connector.verify()
        await asyncio.sleep(0.3)
        timer.start()
        await asyncio.sleep(0.2)  # idle heartbeats first
        start = time.perf_counter()
        with sync_tuning():
            result = await sync_account(writer, Watch(connector), "demo")  # type: ignore[arg-type]
        end = time.perf_counter()
        model.refresh()
        await asyncio.sleep(0.1)
        timer.stop()
        await connector.aclose()
        writer.close()
        steady = [lag for when, lag in ticks if first_page[0] + 0.01 < when <= end]
        at_start = [lag for when, lag in ticks if start <= when <= first_page[0] + 0.01]
        steady.sort()
        return {
            "records": result.records, "seconds": end - start,
            "p50_ms": statistics.median(steady), "p99_ms": steady[int(len(steady) * 0.99)],
            "max_ms": steady[-1], "start_max_ms": max(at_start, default=0.0),
            "over_16ms": sum(1 for x in steady if x > 16), "ticks": len(steady),
        }

    with loop:
        return loop.run_until_complete(run())


def main() -> None:
    mode, *args = sys.argv[1:]
    result = {"empty": empty, "desk": desk, "rss": rss, "paint": paint, "lag": lag}[mode](*args)
    print("BENCH " + json.dumps(result), flush=True)
    os._exit(0)  # skip Qt's teardown: it is not what we measure


if __name__ == "__main__":
    main()
