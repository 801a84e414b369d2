"""The status bar: online/offline, last sync, a progress bar while syncing, outbox counts."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from desktop.models.qt_models import translate_triage
from desktop.models.triage import age_text
from desktop.views import icons


class DeskStatusBar(QStatusBar):
    outbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last_sync: float | None = None
        self._live: dict[str, str] = {}  # account -> "live", "polling" or "offline"
        self.online = QLabel(self)
        self.online.setTextFormat(Qt.TextFormat.PlainText)
        self.online.setAccessibleName(self.tr("Connection"))
        self.last_sync = QLabel(self)
        self.last_sync.setTextFormat(Qt.TextFormat.PlainText)
        self.last_sync.setAccessibleName(self.tr("Last sync"))
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.outbox_button = QToolButton(self)
        self.outbox_button.setObjectName("outbox-button")
        self.outbox_button.setIcon(icons.icon("outbox"))
        self.outbox_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.outbox_button.setAccessibleName(self.tr("Outbox"))
        self.outbox_button.setToolTip(self.tr("Open the outbox"))
        self.outbox_button.clicked.connect(self.outbox_requested)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.last_sync)
        self.addPermanentWidget(self.online)
        self.addPermanentWidget(self.outbox_button)
        self.set_online(None)
        self.set_outbox_counts({})
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._show_last_sync)
        self._tick.start(30_000)
        self._show_last_sync()

    def set_online(self, online: bool | None) -> None:
        if online is None:
            self.online.setText(self.tr("Not synced yet"))
        elif online:
            self.online.setText(self.tr("Online"))
        else:
            self.online.setText(self.tr("Offline — your actions wait in the outbox"))

    def set_live(self, account: str, state: str) -> None:
        """An account's live updates changed (said once per change, not per attempt)."""
        previous = self._live.get(account)
        if previous == state:
            return
        self._live[account] = state
        if state == "polling":
            self.showMessage(self.tr("%1: live updates are unavailable; checking for news at "
                                     "intervals instead").replace("%1", account), 10_000)
        elif state == "live" and previous == "polling":
            self.showMessage(self.tr("%1: live updates again").replace("%1", account), 5000)
        polling = sorted(name for name, s in self._live.items() if s == "polling")
        self.online.setToolTip(self.tr("Checking at intervals: %1").replace(
            "%1", ", ".join(polling)) if polling else "")

    def sync_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()

    def sync_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def sync_finished(self, summary: str, when: float | None) -> None:
        self.progress.hide()
        if when is not None:
            self._last_sync = when
        self._show_last_sync()
        if summary:
            self.showMessage(summary, 5000)

    def set_outbox_counts(self, counts: dict[str, int]) -> None:
        pending = sum(counts.get(s, 0) for s in ("queued", "in_flight"))
        parts = [self.tr("%1 pending").replace("%1", str(pending))]
        for state, label in (("unknown", self.tr("%1 unknown")),
                             ("conflict", self.tr("%1 in conflict")),
                             ("failed", self.tr("%1 failed"))):
            if counts.get(state):
                parts.append(label.replace("%1", str(counts[state])))
        text = " · ".join(parts)
        self.outbox_button.setText(text)
        self.outbox_button.setAccessibleDescription(text)
        attention = any(counts.get(s) for s in ("unknown", "conflict", "failed"))
        self.outbox_button.setIcon(icons.icon("warning" if attention else "outbox"))

    def _show_last_sync(self) -> None:
        if self._last_sync is None:
            self.last_sync.setText("")
        else:
            ago = age_text(time.time() - self._last_sync, translate_triage)
            self.last_sync.setText(self.tr("Synced %1 ago").replace("%1", ago))
