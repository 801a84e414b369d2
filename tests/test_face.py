"""One face: operations say what they changed, the window redraws only that, reads run on one
background runner, and no coroutine waits on the writer (the demo intranet on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    build_big_profile,
    desk_fixture,
    open_desk_fixture,
    qloop_fixture,
    sync_profile,
)
from PySide6.QtCore import QSettings

from desktop.controller import DeskController
from desktop.models import vocabulary
from desktop.services.desk import DeskService
from desktop.services.ops import Changes

ROOT = Path(__file__).resolve().parents[1]


class Recorder:
    """Counts a model's structural signals."""

    def __init__(self, model: Any) -> None:
        self.resets = 0
        self.removed: list[tuple[int, int]] = []
        self.changed_rows: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))
        model.dataChanged.connect(
            lambda tl, br, _roles=(): self.changed_rows.append((tl.row(), br.row())))

    def _reset(self) -> None:
        self.resets += 1


def _collect(controller: DeskController) -> list[Changes]:
    seen: list[Changes] = []
    controller.changed.connect(seen.append)
    return seen


def test_done_names_the_item_and_removes_its_row_without_a_reset(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    assert w.model.total() >= 3
    first, second = w.model.item(0), w.model.item(1)
    w.select_row(0)
    seen = _collect(desk.controller)
    rec = Recorder(w.model)
    desk.controller.act([first.key], "done")
    desk.settle()
    assert [c.items for c in seen] == [frozenset({first.key})]
    assert seen[0].counts and seen[0].lanes and not seen[0].outbox
    assert rec.resets == 0
    assert rec.removed == [(0, 0)]
    # the next item takes the selection, as before
    assert w.selected_keys() == [second.key]
    assert first.key not in [w.model.key(r) for r in range(w.model.rowCount())]


def test_a_touched_row_that_stays_is_redrawn_in_place(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    item = w.model.item(2)
    w.select_row(2)
    rec = Recorder(w.model)
    total = w.model.total()
    # Only the row's own data changed: the window redraws it where it is.
    w.apply_changes(Changes(frozenset({item.key}), counts=True))
    assert rec.resets == 0 and rec.removed == []
    assert (2, 2) in rec.changed_rows
    assert w.model.total() == total and w.selected_keys() == [item.key]


def test_undo_brings_the_row_back_without_a_reset(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    item = w.model.item(1)
    total = w.model.total()
    w.select_row(1)
    desk.controller.act([item.key], "snooze", until=vocabulary.tomorrow_morning())
    desk.settle()
    assert w.model.total() == total - 1
    rec = Recorder(w.model)
    seen = _collect(desk.controller)
    desk.controller.undo()
    desk.settle()
    assert item.key in seen[-1].items
    assert rec.resets == 0
    assert w.model.total() == total
    assert item.key in [w.model.key(r) for r in range(w.model.rowCount())]


def test_a_failed_action_says_so_on_its_own_path(qtbot: Any, desk: Desk) -> None:
    failures: list[tuple[str, str]] = []
    desk.controller.action_failed.connect(lambda kind, text: failures.append((kind, text)))
    desk.controller.act(["demo:c999999999"], "approve")
    desk.settle()
    assert failures and failures[0][0] == "approve"
    assert desk.window.banner.text() == failures[0][1]


def _runner_threads() -> set[str]:
    return {t.name for t in threading.enumerate()}


def test_lane_switches_read_ids_on_the_one_runner(qtbot: Any, qloop: Any, tmp_path: Path
                                                  ) -> None:
    from desktop.views.main_window import MainWindow

    profile = tmp_path / "big"
    build_big_profile(profile, 2_000)  # more than a page: the rest of the ids come later
    service = DeskService(profile)
    controller = DeskController(service, loop=qloop, sync_interval_ms=0)
    readers: list[str] = []
    background_store = controller.background_store

    def recording_store() -> Any:
        readers.append(threading.current_thread().name)
        return background_store()

    controller.background_store = recording_store  # type: ignore[method-assign]
    window = MainWindow(controller, QSettings(str(tmp_path / "desk.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        before = _runner_threads()
        for _ in range(12):
            with qtbot.waitSignal(window.model.ids_loaded, timeout=10_000):
                window.set_lane("reply")  # each a first page now, the other ids later
        new = _runner_threads() - before
        assert len(readers) >= 12
        assert {name.rsplit("_", 1)[0] for name in readers} == {"desk-runner"}
        # no thread per switch: at most the runner's own, however many switches
        assert all(name.startswith("desk-runner") for name in new), new
        assert len({t for t in _runner_threads() if t.startswith("desk-runner")}) <= 2
    finally:
        window.close()
        qloop.run_until_complete(controller.aclose())


def test_the_loop_keeps_ticking_while_the_writer_is_busy(qloop: Any, tmp_path: Path,
                                                         demo_server: Any) -> None:
    """act() and sync() used to read the accounts with call_sync: a busy writer froze the
    loop for as long as it was busy."""
    service = sync_profile(qloop, tmp_path / "p", demo_server)
    key = service.queue_page("reply", limit=1)[0].key

    async def scenario() -> tuple[float, float]:
        gaps: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = time.monotonic()
            while not stop.is_set():
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        tick = asyncio.ensure_future(ticker())
        await asyncio.sleep(0.05)
        busy = service.writer.submit(lambda _store: time.sleep(0.8))
        started = time.monotonic()
        await asyncio.gather(service.act(key, "followup"), service.sync())
        took = time.monotonic() - started
        busy.result()
        stop.set()
        await tick
        return took, max(gaps)

    try:
        took, worst_gap = qloop.run_until_complete(scenario())
    finally:
        qloop.run_until_complete(service.aclose())
    assert took >= 0.7  # they did wait for the writer…
    assert worst_gap < 0.3  # …without stopping the loop


def test_cli_and_views_go_through_the_service_only() -> None:
    import subprocess

    out = subprocess.run(
        ["git", "grep", "-n", r"queries\.\|outbox\.\|writer\.call", "--", "desktop/cli.py",
         "desktop/views", "desktop/controller.py"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert out.stdout == ""
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" /
                                                  "import_graph.py")
    assert spec is not None and spec.loader is not None
    graph_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(graph_mod)
    graph = graph_mod.import_graph(ROOT / "desktop")
    face = [m for m in graph if m == "desktop.cli" or m.startswith("desktop.views.")]
    assert face
    for module in face:
        assert not graph[module] & {"desktop.models.queries", "desktop.models.outbox"}, module
    # no import cycles: tests/test_layering.py


@pytest.mark.parametrize(("text", "hours"), [("3h", 3), ("2d", 48)])
def test_cli_and_menu_share_the_snooze_presets(text: str, hours: int) -> None:
    from desktop.cli import parse_when

    now = time.time()
    assert parse_when(text, now) == now + hours * 3600
    assert parse_when("tomorrow", now) == vocabulary.tomorrow_morning(now)
    assert parse_when("next-week", now) == vocabulary.next_week(now)
