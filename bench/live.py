"""Live queue: from a comment committed on the demo server to its row painted in the desk.

``python -m bench.live [--runs N] [--out docs/benchmarks.md]``

The desk's main window is shown (offscreen, 1280×800) over a profile synced as ``erik`` from a
small demo intranet of its own (300 comments, no rate limit), with the live service started (the reference long-poll) and no periodic sync. Each run
posts a new question as an employee through the demo's write API from another thread and
waits, on the desk's loop, until the item is in the shown Reply lane's model, scrolled into
view, and the queue's viewport has painted after that. The latency is that paint's wall-clock
time minus the comment's ``created_at`` (the server stamps it inside the committing
transaction, on the same machine's clock), so it includes the long-poll's answer, the
incremental sync, the lane's re-read and the paint. 0.3 s pass between comments.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from PySide6.QtCore import QEvent, QObject

from desktop.models.timefmt import parse_iso

TARGET_SECONDS = 2.0


class PaintClock(QObject):
    """Records when a widget last painted (an event filter on the queue's viewport)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.last = time.time()
        return False


def post_comment(url: str, token: str, text: str, post: int = 3) -> dict[str, Any]:
    response = httpx.post(f"{url}/api/v1/posts/{post}/comments", json={"body": text},
                          headers={"Authorization": f"Bearer {token}"}, timeout=10)
    response.raise_for_status()
    return response.json()


def _row_of(model: Any, key: str) -> int:
    for row in range(model.total()):
        if model.key(row) == key:
            return row
    return -1


async def one_run(window: Any, clock: PaintClock, url: str, token: str,
                  timeout: float = 15.0) -> float:  # noqa: ASYNC109 - the run's own deadline
    """Seconds from the server's commit of a new comment to its row painted."""
    marker = uuid.uuid4().hex[:8]
    posted: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: posted.update(
        post_comment(url, token, f"When does the {marker} session start?")))
    thread.start()
    deadline = time.monotonic() + timeout
    row = -1
    while row < 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the comment {marker} did not show within {timeout} s")
        await asyncio.sleep(0.005)
        if posted:
            row = _row_of(window.model, f"demo:c{posted['id']}")
    shown = time.time()
    window.queue.scrollTo(window.model.index(row))
    while clock.last < shown:
        if time.monotonic() > deadline:
            raise TimeoutError("the queue did not paint")
        await asyncio.sleep(0.002)
    thread.join()
    return clock.last - parse_iso(posted["created_at"])


def measure(runs: int, work: Path) -> list[float]:
    import keyring
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.controller import DeskController
    from desktop.demo.process import DemoServerProcess
    from desktop.services.credentials import MemoryKeyring
    from desktop.services.desk import DeskService
    from desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    server = DemoServerProcess(work / "demo.db", seed=1, size="small", rate=0).start()
    try:
        keyring.set_keyring(MemoryKeyring())  # never the machine's own keyring
        service = DeskService(work / "profile")
        loop.run_until_complete(service.add_account(
            "demo", "reference", server.url, "erik", server.tokens["erik"]))
        loop.run_until_complete(service.sync())
        controller = DeskController(service, loop=loop, sync_interval_ms=0)
        window = MainWindow(controller, QSettings(str(work / "desk.ini"),
                                                  QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        clock = PaintClock(window)
        window.queue.viewport().installEventFilter(clock)
        # One coroutine for the whole run: the live follower's task must only ever step
        # while the loop runs (qasync outside run_until_complete has no running loop).
        results = loop.run_until_complete(_runs(window, controller, clock, server, runs))
        window.close()
        loop.run_until_complete(controller.aclose())
        return results
    finally:
        server.stop()


async def _runs(window: Any, controller: Any, clock: PaintClock, server: Any,
                runs: int) -> list[float]:
    await controller.start_live()
    await asyncio.sleep(1.0)  # the long-poll is waiting
    results = []
    for _ in range(runs):
        results.append(await one_run(window, clock, server.url, server.tokens["kari"]))
        await asyncio.sleep(0.3)
    return results


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None,
                        help="write the figures into this benchmarks.md's 'Live queue' section")
    args = parser.parse_args(argv)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder:
        values = measure(args.runs, Path(folder))
    median, top = statistics.median(values), p95(values)
    ok = "yes" if top < TARGET_SECONDS else "NO"
    line = (f"live queue: {len(values)} comments, median {median * 1000:.0f} ms, "
            f"p95 {top * 1000:.0f} ms, max {max(values) * 1000:.0f} ms "
            f"(target < {TARGET_SECONDS:g} s: {ok})")
    print(line)
    if args.out is not None:
        write_section(args.out, section(values, started))
    return 0 if top < TARGET_SECONDS else 1


def section(values: list[float], started: float) -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(started))
    median, top = statistics.median(values), p95(values)
    ok = "yes" if top < TARGET_SECONDS else "**no**"
    method = " ".join(line.strip() for line in (__doc__ or "").split("\n\n", 2)[2].split())
    return (
        "## Live queue\n\n"
        f"Generated by `python -m bench.live --runs {len(values)} --out docs/benchmarks.md` on "
        f"{when} (same machine as above).\n\n"
        f"Method: {method}\n\n"
        "| figure | unit | value | target | holds |\n|---|---|---|---|---|\n"
        f"| server commit → row painted, median | ms | {median * 1000:.0f} | | |\n"
        f"| server commit → row painted, p95 | ms | {top * 1000:.0f} | < 2000 | {ok} |\n"
        f"| server commit → row painted, max | ms | {max(values) * 1000:.0f} | | |\n"
        f"| comments | | {len(values)} | | |\n"
    )


def write_section(path: Path, text: str) -> None:
    """Replace the 'Live queue' section of ``path`` (or add it at the end)."""
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    start = doc.find("## Live queue")
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        end = doc.find("\n## ", start + 1)
        doc = doc[:start] + text + ("" if end < 0 else "\n" + doc[end + 1:])
    path.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
