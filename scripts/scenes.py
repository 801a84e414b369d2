"""Screenshots of the desk's views, one named scene each, into docs/.

    scripts/screenshots.sh scenes              # every scene, under the script's own Xvfb
    scripts/screenshots.sh scenes dashboard    # some of them
    python scripts/scenes.py --list

Every scene gets a throwaway demo intranet (seed 1, small), profiles in a temporary directory
and a keyring in memory (no token reaches the machine's keyring). Widgets are grabbed, not the
screen, so a scene's picture does not depend on a window manager.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import keyring
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
sys.path.insert(0, str(REPO))

from desktop.app import build_alerts, dark_palette, install_translators  # noqa: E402
from desktop.controller import DeskController  # noqa: E402
from desktop.demo.process import DemoServerProcess  # noqa: E402
from desktop.demo.store import DemoStore  # noqa: E402
from desktop.demo.writes import add_flag, insert_comment  # noqa: E402
from desktop.services.credentials import MemoryKeyring  # noqa: E402
from desktop.services.desk import DeskService  # noqa: E402


class Stage:
    """A demo intranet, the Qt loop, and desks on it as its users."""

    def __init__(self, app: QApplication, loop: qasync.QEventLoop, tmp: Path,
                 server: DemoServerProcess) -> None:
        self.app, self.loop, self.tmp, self.server = app, loop, tmp, server
        self._closing: list[Callable[[], Any]] = []

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)

    def wait(self, seconds: float) -> None:
        self.run(asyncio.sleep(seconds))

    def until(self, ready: Callable[[], bool], timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > end:
                raise TimeoutError("the scene did not get ready")
            self.wait(0.2)

    def desk(self, user: str) -> DeskService:
        """A profile for ``user`` with the demo account, synced."""
        service = DeskService(self.tmp / user)
        self.run(service.add_account("demo", "reference", self.server.url, user,
                                     self.server.tokens[user]))
        self.run(service.sync())
        self._closing.append(lambda: self.run(service.aclose()))
        return service

    def window(self, service: DeskService, *, alerts: bool = False,
               size: tuple[int, int] = (1280, 800)) -> tuple[DeskController, Any]:
        from desktop.views.main_window import MainWindow

        controller = DeskController(service, loop=self.loop, sync_interval_ms=0)
        if alerts:
            controller.alerts = build_alerts(service, controller)
        window = MainWindow(controller, QSettings(str(self.tmp / f"{id(service)}.ini"),
                                                  QSettings.Format.IniFormat))
        window.resize(*size)
        window.show()
        self.wait(1.0)

        def close() -> None:
            window.close()
            self.run(controller.aclose())  # the service too: its desk() closing comes later
            if controller.alerts is not None:
                controller.alerts.bus.close()
        self._closing.append(close)
        return controller, window

    def theme(self, dark: bool) -> None:
        self.app.setPalette(dark_palette() if dark else self.app.style().standardPalette())

    def close(self) -> None:
        for close in reversed(self._closing):
            close()
        self._closing.clear()


OUT = [DOCS]  # where save() writes (--out)


def save(widget: QWidget, name: str) -> None:
    path = OUT[0] / name
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


@contextmanager
def staged(app: QApplication, loop: qasync.QEventLoop) -> Iterator[Stage]:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        server = DemoServerProcess(tmp / "demo.db", seed=1, size="small", rate=0).start()
        stage = Stage(app, loop, tmp, server)
        try:
            yield stage
        finally:
            stage.close()
            stage.theme(dark=False)
            server.stop()


# --- the scenes ----------------------------------------------------------------------------

def dashboard(stage: Stage) -> None:
    """docs/dashboard-light.png, docs/dashboard-dark.png: Ctrl+D as erik (an editor)."""
    _, window = stage.window(stage.desk("erik"))
    for theme in ("light", "dark"):
        stage.theme(dark=theme == "dark")
        window.open_dashboard()
        dialog = window._dashboard
        stage.until(lambda d=dialog: not d.loading)
        stage.wait(0.5)
        save(dialog, f"dashboard-{theme}.png")
        dialog.close()


def patch(stage: Stage) -> None:
    """docs/patch.png: the ambassador's patch (Ctrl+Shift+P)."""
    _, window = stage.window(stage.desk("erik"))
    window.open_patch()
    view = window._patch
    stage.until(lambda: not view.loading)
    stage.wait(0.5)
    save(view, "patch.png")
    view.close()


def _boil_over(server: DemoServerProcess) -> None:
    """A thread boils over on the server: 14 angry replies, 3 of them flagged."""
    store = DemoStore(server.data)

    def add(tx: Any) -> None:
        post = tx.conn.execute("SELECT id FROM posts WHERE status = 'published' AND locked = 0 "
                               "ORDER BY id DESC LIMIT 1").fetchone()[0]
        users = [u for (u,) in tx.conn.execute(
            "SELECT id FROM users WHERE role = 'employee' ORDER BY id LIMIT 20")]
        for i in range(14):
            cid = insert_comment(tx, post, None, users[i % len(users)],
                                 "<p>This parking decision is a disgrace, nobody asked us"
                                 f"{'!' * (i % 3 + 1)}</p>")
            if i < 3:
                add_flag(tx, cid, users[(i + 5) % len(users)], "insulting")
    try:
        store.transaction(add)
    finally:
        store.close()


def notify(stage: Stage) -> None:
    """docs/heated-thread.png and docs/notification-settings.png."""
    from desktop.models.settings import GROUPS

    service = stage.desk("erik")
    controller, window = stage.window(service, alerts=True)
    _boil_over(stage.server)
    stage.run(controller.sync())
    stage.run(controller.wait_idle())
    key = service.read_store().cache.execute(
        "SELECT 'demo:c' || rid FROM comments WHERE reason = 'heated'").fetchone()[0]
    window.open_item(key)
    stage.wait(1.5)
    save(window, "heated-thread.png")
    assert controller.alerts is not None
    stage.run(controller.alerts.bus.probe())
    window.open_preferences()
    dialog = window._preferences
    dialog.resize(760, 620)
    dialog.tabs.setCurrentIndex(list(GROUPS).index("notify"))
    stage.wait(1.0)
    save(dialog, "notification-settings.png")
    dialog.close()


PROMISES = ("Good question — I'll check with facilities and get back to you.",
            "Danke für den Hinweis, wir melden uns bis Freitag.",
            "Takk! Jeg sjekker med HR og kommer tilbake.")


def followup(stage: Stage) -> None:
    """docs/followup-lane.png and docs/held-reply.png: Mona promises in three languages;
    Erik answers a comment first, so Mona's reply to it is held."""
    mona, erik = stage.desk("mona"), stage.desk("erik")

    async def play() -> int:
        items = mona.queue_page("reply", limit=5)
        for item, text in zip(items, PROMISES, strict=False):
            await mona.act(item.key, "reply", text=text)
        await mona.push()
        target = items[3].key
        held = (await mona.act(target, "reply",
                               text="The new parking rules start in March.")).value
        await erik.act(target, "reply", text="From March 1st; details on the HR page.")
        await erik.push()
        await mona.sync()
        await mona.push()
        return int(held.id)  # type: ignore[union-attr]

    held_id = stage.run(play())
    _, window = stage.window(mona, size=(1280, 760))
    window.set_lane("followup")
    stage.wait(1.0)
    window.select_row(0)
    stage.wait(1.0)
    save(window, "followup-lane.png")
    window.open_outbox()
    stage.wait(1.0)
    dialog = window._outbox
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).data(0x0100) == held_id:
            dialog.table.selectRow(row)
    dialog.resize(900, 300)
    stage.wait(0.5)
    save(dialog, "held-reply.png")
    dialog.close()


def claims(stage: Stage) -> None:
    """docs/claimed-item.png: Kari is replying to two of the items in Erik's Reply lane."""
    kari = stage.desk("kari")
    erik = stage.desk("erik")
    items = erik.queue_page("reply", limit=4)
    for item in (items[1], items[3]):
        stage.run(kari.claim(item.key))
    stage.run(erik.sync())
    _, window = stage.window(erik)
    window.set_lane("reply")
    stage.wait(1.0)
    window.select_row(1)
    stage.wait(1.5)
    save(window, "claimed-item.png")


SCENES: dict[str, Callable[[Stage], None]] = {
    "dashboard": dashboard, "patch": patch, "notify": notify, "followup": followup,
    "claims": claims,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", metavar="SCENE",
                        help="scenes to take (default: all): " + ", ".join(SCENES))
    parser.add_argument("--list", action="store_true", help="list the scenes and exit")
    parser.add_argument("--out", type=Path, default=DOCS, help="directory (default: docs/)")
    args = parser.parse_args(argv)
    OUT[0] = args.out
    if args.list:
        for name, scene in SCENES.items():
            print(f"{name}: {(scene.__doc__ or '').splitlines()[0]}")
        return 0
    unknown = [name for name in args.scenes if name not in SCENES]
    if unknown:
        parser.error(f"unknown scene {unknown[0]!r}; known: {', '.join(SCENES)}")
    keyring.set_keyring(MemoryKeyring())
    app = QApplication(sys.argv)
    install_translators(app, "en", REPO / "i18n")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    for name in args.scenes or SCENES:
        with staged(app, loop) as stage:
            SCENES[name](stage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
