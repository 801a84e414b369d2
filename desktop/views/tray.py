"""The tray icon: the open count at a glance, a click brings the desk to the front.

Only where the platform has a tray (none under offscreen or a bare X server): elsewhere the
object does nothing and says nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from desktop.views import icons

OPEN_LANES = ("reply", "moderate", "acknowledge")


class DeskTray(QObject):
    show_requested = Signal()
    digest_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        self.open_count = 0
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.icon = QSystemTrayIcon(icons.icon("app"), self)
        menu = QMenu(parent)
        menu.addAction(self.tr("Show the desk"), self.show_requested.emit)
        menu.addAction(self.tr("Digest…"), self.digest_requested.emit)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.show()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self.open_count = sum(int(counts.get(lane, 0)) for lane in OPEN_LANES)
        if self.icon is not None:
            self.icon.setToolTip(self.tr("Dialogue Desk: %n open", "", self.open_count))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()


def attach(window: QWidget, controller: QObject) -> DeskTray:
    """The tray, the digest and a notification's "open" wired to the window."""
    tray = DeskTray(window)
    tray.show_requested.connect(lambda: bring_to_front(window))
    tray.digest_requested.connect(window.open_digest)  # type: ignore[attr-defined]
    controller.open_requested.connect(window.open_item)  # type: ignore[attr-defined]
    if tray.icon is not None:
        controller.changed.connect(  # type: ignore[attr-defined]
            lambda _changes: tray.set_counts(controller.lane_counts()))  # type: ignore[attr-defined]
    return tray


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
