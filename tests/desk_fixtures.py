"""Fixtures for the desk's GUI tests: a qasync loop driven by run_until_complete (no running
loop under pytest-qt), a synced profile (the keyring and demo server fixtures are in conftest.py)
and the main window on it. Import with ``from desk_fixtures import *`` in a test module.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings

from desktop.controller import DeskController
from desktop.demo.process import DemoServerProcess
from desktop.services.desk import DeskService

__all__ = [
    "Desk",
    "EmptyDesk",
    "build_big_profile",
    "desk_fixture",
    "empty_desk_fixture",
    "open_desk_fixture",
    "qloop_fixture",
    "server_count",
    "sync_profile",
]


def _dispose(loop: qasync.QEventLoop) -> None:
    """Delete qasync's QObjects on the GUI thread (else GC may free them elsewhere: segfault)."""
    if not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)
    shiboken6.delete(loop._timer)
    shiboken6.delete(loop._QEventLoop__call_soon_signaller)


@pytest.fixture(name="qloop")
def qloop_fixture(qapp: Any) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    _dispose(loop)


def server_count(server: DemoServerProcess, sql: str, args: tuple[Any, ...] = ()) -> int:
    """Read the demo intranet's data file read-only (the truth on the server)."""
    con = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        return int(con.execute(sql, args).fetchone()[0])
    finally:
        con.close()


def sync_profile(loop: qasync.QEventLoop, profile: Path, server: DemoServerProcess
                 ) -> DeskService:
    """A profile with the demo account (erik, an editor) added and synced."""
    service = DeskService(profile)
    loop.run_until_complete(service.add_account(
        "demo", "reference", server.url, "erik", server.tokens["erik"]))
    loop.run_until_complete(service.sync())
    return service


class Desk:
    """The main window on a synced profile, with helpers to let the loop run."""

    def __init__(self, window: Any, controller: DeskController, loop: qasync.QEventLoop,
                 server: DemoServerProcess, profile: Path) -> None:
        self.window, self.controller, self.loop = window, controller, loop
        self.server, self.profile = server, profile

    def settle(self, timeout: float = 20.0) -> None:
        """Run the loop until every task the controller started has finished."""
        self.loop.run_until_complete(self.controller.wait_idle(timeout))

    def run_for(self, seconds: float) -> None:
        self.loop.run_until_complete(asyncio.sleep(seconds))

    def until(self, predicate: Any, timeout: float = 10.0) -> None:
        async def wait() -> None:
            deadline = time.monotonic() + timeout
            while not predicate():
                if time.monotonic() > deadline:
                    raise TimeoutError("condition not met")
                await asyncio.sleep(0.02)
        self.loop.run_until_complete(wait())


@pytest.fixture(name="open_desk")
def open_desk_fixture(qtbot: Any, qloop: qasync.QEventLoop, tmp_path: Path, memory_keyring: Any
              ) -> Iterator[Callable[[DemoServerProcess], Desk]]:
    """Open the main window on a fresh profile synced from the given server."""
    from desktop.views.main_window import MainWindow

    opened: list[Desk] = []

    def open_(server: DemoServerProcess) -> Desk:
        profile = tmp_path / f"profile{len(opened)}"
        service = sync_profile(qloop, profile, server)
        controller = DeskController(service, loop=qloop, undo_seconds=0.3, sync_interval_ms=0)
        settings = QSettings(str(profile / "desk.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Single-key shortcuts only fire in the active window.
        qtbot.waitUntil(window.isActiveWindow)
        d = Desk(window, controller, qloop, server, profile)
        opened.append(d)
        return d

    yield open_
    for d in opened:
        d.window.close()
        qloop.run_until_complete(d.controller.aclose())


@pytest.fixture(name="desk")
def desk_fixture(open_desk: Callable[[DemoServerProcess], Desk], demo_server: DemoServerProcess) -> Desk:
    return open_desk(demo_server)


# --- a big profile without HTTP -----------------------------------------------------------------

def build_big_profile(profile: Path, comments: int = 100_000, *, per_post: int = 50) -> None:
    """Write ``comments`` synthetic questions straight into a Store, in pages, as a sync would."""
    from desktop.models.store import Store
    from desktop.services.connectors.base import Batch, Page

    store = Store(profile)
    try:
        store.set_identity("big", "u1", "erik", "editor", [])
        store.begin_sync("big")
        base = time.time() - 30 * 86400
        users = [{"id": f"u{i}", "username": f"user{i}", "display_name": f"User {i}",
                  "role": "employee"} for i in range(2, 202)]
        users.append({"id": "u1", "username": "erik", "display_name": "Erik", "role": "editor"})
        page_size = 5000
        for start in range(0, comments, page_size):
            posts, rows = [], []
            for n in range(start, min(comments, start + page_size)):
                post = n // per_post
                if n % per_post == 0:
                    posts.append({"id": f"p{post}", "area_id": "a1", "author_id": "u1",
                                  "title": f"News {post}", "body_html": f"<p>News {post}</p>",
                                  "created_at": base + post, "version": "1"})
                word = "budget" if n % 10 == 0 else "canteen"
                rows.append({"id": f"c{n}", "post_id": f"p{post}", "author_id": f"u{2 + n % 200}",
                             "body_html": f"<p>What about the {word} number {n}?</p>",
                             "created_at": base + n, "version": "1"})
            batch = Batch(areas=[{"id": "a1", "name": "News"}] if start == 0 else [],
                          users=users if start == 0 else [], posts=posts, comments=rows)
            store.apply_page("big", Page(cursor=str(start), parse=lambda b=batch: b,
                                         done=start, total=comments))
        store.finish_sync("big")
    finally:
        store.close()


class EmptyDesk:
    """The main window on a profile with no account (first run): the welcome page shows."""

    def __init__(self, window: Any, controller: DeskController, loop: qasync.QEventLoop,
                 service: DeskService) -> None:
        self.window, self.controller, self.loop, self.service = window, controller, loop, service

    def settle(self) -> None:
        self.loop.run_until_complete(self.controller.wait_idle(60))


@pytest.fixture(name="empty_desk")
def empty_desk_fixture(qtbot: Any, qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[EmptyDesk]:
    from desktop.views.main_window import MainWindow

    service = DeskService(tmp_path / "profile")
    controller = DeskController(service, loop=qloop, undo_seconds=0.3, sync_interval_ms=0)
    window = MainWindow(controller, QSettings(str(tmp_path / "desk.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield EmptyDesk(window, controller, qloop, service)
    window.close()
    qloop.run_until_complete(controller.aclose())
