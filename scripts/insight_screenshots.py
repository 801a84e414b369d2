"""Screenshots of the dashboard (light and dark) and the patch view, into docs/ (under Xvfb:
``xvfb-run -s '-screen 0 1280x800x24' .venv/bin/python scripts/insight_screenshots.py``).

A throwaway profile syncs from the built-in demo intranet as erik (an editor); the views open
as Ctrl+D and Ctrl+Shift+P open them.
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

from desktop.app import dark_palette, install_translators  # noqa: E402
from desktop.controller import DeskController  # noqa: E402
from desktop.demo.process import DemoServerProcess  # noqa: E402
from desktop.services.desk import DeskService  # noqa: E402


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
            from desktop.views.main_window import MainWindow

            window = MainWindow(controller, QSettings(str(profile / "desk.ini"),
                                                      QSettings.Format.IniFormat))
            window.resize(1280, 800)
            window.show()
            loop.run_until_complete(asyncio.sleep(1.0))
            for theme in ("light", "dark"):
                app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
                window.open_dashboard()
                dialog = window._dashboard
                while dialog.loading:
                    loop.run_until_complete(asyncio.sleep(0.2))
                loop.run_until_complete(asyncio.sleep(0.5))
                dialog.grab().save(str(REPO / "docs" / f"dashboard-{theme}.png"))
                dialog.close()
            app.setPalette(app.style().standardPalette())
            if hasattr(window, "open_patch"):
                try:
                    window.open_patch()
                except ImportError:
                    pass
                else:
                    patch = window._patch
                    while patch.loading:
                        loop.run_until_complete(asyncio.sleep(0.2))
                    loop.run_until_complete(asyncio.sleep(0.5))
                    patch.grab().save(str(REPO / "docs" / "patch.png"))
                    patch.close()
            window.close()
            loop.run_until_complete(controller.aclose())
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
