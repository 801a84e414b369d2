"""Screenshots of the Follow-up lane and a held reply (docs/followup-lane.png, docs/held-reply.png).

Run under Xvfb (QT_QPA_PLATFORM=xcb, DISPLAY set): a throwaway demo intranet; Mona's desk makes
promises in three languages and, after Erik answered the same comment first, has a reply held.

    Xvfb :97 & DISPLAY=:97 QT_QPA_PLATFORM=xcb PYTHONPATH=. .venv/bin/python scripts/shot_followup.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import keyring
import qasync
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


PROMISES = ("Good question — I'll check with facilities and get back to you.",
            "Danke für den Hinweis, wir melden uns bis Freitag.",
            "Takk! Jeg sjekker med HR og kommer tilbake.")


async def prepare(tmp: Path, server: object) -> tuple[object, int]:
    from desktop.services.desk import DeskService

    tokens = server.tokens  # type: ignore[attr-defined]
    url = server.url  # type: ignore[attr-defined]
    mona = DeskService(tmp / "mona")
    erik = DeskService(tmp / "erik")
    await mona.add_account("demo", "reference", url, "mona", tokens["mona"])
    await erik.add_account("demo", "reference", url, "erik", tokens["erik"])
    await mona.sync()
    await erik.sync()
    items = mona.queue_page("reply", limit=5)
    for item, text in zip(items, PROMISES, strict=False):
        await mona.act(item.key, "reply", text=text)
    await mona.push()
    target = items[3].key
    held = (await mona.act(target, "reply", text="The new parking rules start in March.")).value
    await erik.act(target, "reply", text="From March 1st; details on the HR page.")
    await erik.push()
    await erik.aclose()
    await mona.sync()
    await mona.push()
    return mona, held.id  # type: ignore[union-attr]


def main() -> int:
    from desktop.app import apply_theme, install_translators  # noqa: F401 - Qt set-up
    from desktop.controller import DeskController
    from desktop.demo.process import DemoServerProcess
    from desktop.views.main_window import MainWindow

    keyring.set_keyring(_MemoryKeyring())
    app = QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        server = DemoServerProcess(tmp / "demo.db", seed=1, size="small", rate=0).start()
        try:
            service, held_id = loop.run_until_complete(prepare(tmp, server))
            controller = DeskController(service, loop=loop, sync_interval_ms=0)  # type: ignore[arg-type]
            window = MainWindow(controller, QSettings(str(tmp / "desk.ini"),
                                                      QSettings.Format.IniFormat))
            window.resize(1280, 760)
            window.show()
            loop.run_until_complete(asyncio.sleep(1.0))
            window.set_lane("followup")
            loop.run_until_complete(asyncio.sleep(1.0))
            window.select_row(0)
            loop.run_until_complete(asyncio.sleep(1.0))
            window.grab().save(str(ROOT / "docs" / "followup-lane.png"))
            window.open_outbox()
            loop.run_until_complete(asyncio.sleep(1.0))
            dialog = window._outbox
            for row in range(dialog.table.rowCount()):
                if dialog.table.item(row, 0).data(0x0100) == held_id:
                    dialog.table.selectRow(row)
            dialog.resize(900, 300)
            loop.run_until_complete(asyncio.sleep(0.5))
            dialog.grab().save(str(ROOT / "docs" / "held-reply.png"))
            dialog.close()
            window.close()
            loop.run_until_complete(service.aclose())  # type: ignore[attr-defined]
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
