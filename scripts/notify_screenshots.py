"""Screenshots of the notification settings and a heated thread, into docs/ (run under Xvfb:
``xvfb-run -s '-screen 0 1280x800x24' .venv/bin/python scripts/notify_screenshots.py``).

A throwaway profile syncs from the built-in demo intranet; a thread then boils over on the
server (14 replies, 3 flagged), the desk syncs again and shows its heated item selected.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.app import build_alerts, install_translators  # noqa: E402
from desktop.controller import DeskController  # noqa: E402
from desktop.demo.process import DemoServerProcess  # noqa: E402
from desktop.demo.store import DemoStore  # noqa: E402
from desktop.demo.writes import add_flag, insert_comment  # noqa: E402
from desktop.services.desk import DeskService  # noqa: E402


def boil_over(server: DemoServerProcess) -> None:
    store = DemoStore(server.data)

    def add(tx) -> None:
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
    store.transaction(add)
    store.close()


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "en", REPO / "i18n")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp:
        server = DemoServerProcess(Path(tmp) / "demo.db", seed=1, size="small", rate=0).start()
        try:
            profile = Path(tmp) / "profile"
            service = DeskService(profile)
            loop.run_until_complete(service.add_account(
                "demo", "reference", server.url, "erik", server.tokens["erik"]))
            loop.run_until_complete(service.sync())
            controller = DeskController(service, loop=loop, sync_interval_ms=0)
            controller.alerts = build_alerts(service, controller)
            from desktop.views.main_window import MainWindow

            window = MainWindow(controller, QSettings(str(profile / "desk.ini"),
                                                      QSettings.Format.IniFormat))
            window.resize(1280, 800)
            window.show()
            loop.run_until_complete(asyncio.sleep(1.5))
            boil_over(server)
            loop.run_until_complete(controller.sync())
            loop.run_until_complete(controller.wait_idle())
            key = service.read_store().cache.execute(
                "SELECT 'demo:c' || rid FROM comments WHERE reason = 'heated'").fetchone()[0]
            window.open_item(key)
            loop.run_until_complete(asyncio.sleep(1.5))
            window.grab().save(str(REPO / "docs" / "heated-thread.png"))
            loop.run_until_complete(controller.alerts.bus.probe())
            window.open_preferences()
            dialog = window._preferences
            dialog.resize(760, 620)
            dialog.tabs.setCurrentIndex(list(__import__("desktop.models.settings",
                                                        fromlist=["GROUPS"]).GROUPS).index(
                "notify"))
            loop.run_until_complete(asyncio.sleep(1.0))
            dialog.grab().save(str(REPO / "docs" / "notification-settings.png"))
            dialog.close()
            window.close()
            loop.run_until_complete(controller.aclose())
            controller.alerts.bus.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
