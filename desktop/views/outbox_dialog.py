"""The outbox: actions waiting, in doubt, in conflict or failed — retry, edit, or discard."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.controller import DeskController
from desktop.models import outbox
from desktop.models.qt_models import translate_triage
from desktop.models.sanitize import plain_text
from desktop.models.triage import age_text

SHOWN_STATES = (outbox.QUEUED, outbox.IN_FLIGHT, outbox.UNKNOWN, outbox.CONFLICT, outbox.FAILED)
ID_ROLE = Qt.ItemDataRole.UserRole


class OutboxDialog(QDialog):
    def __init__(self, controller: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._entries: list[outbox.Entry] = []
        self.setWindowTitle(self.tr("Outbox"))
        self.setAccessibleName(self.tr("Outbox"))
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("outbox-table")
        self.table.setAccessibleName(self.tr("Actions in the outbox"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Item"), self.tr("State"), self.tr("Age"),
             self.tr("Message")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self.tr("The outbox is empty: everything you did has arrived."),
                            self)
        self.retry = QPushButton(self.tr("&Retry"), self)
        self.edit = QPushButton(self.tr("&Edit reply…"), self)
        self.discard = QPushButton(self.tr("&Discard"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.retry, self.edit, self.discard):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(760, 400)
        self.retry.clicked.connect(self._on_retry)
        self.edit.clicked.connect(self._on_edit)
        self.discard.clicked.connect(self._on_discard)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        controller.outbox_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self._entries = outbox.entries(self.controller.reader, SHOWN_STATES)
        names = {
            outbox.QUEUED: self.tr("waiting"), outbox.IN_FLIGHT: self.tr("sending"),
            outbox.UNKNOWN: self.tr("unknown — will check"),
            outbox.CONFLICT: self.tr("conflict"), outbox.FAILED: self.tr("failed"),
        }
        self.table.setRowCount(len(self._entries))
        now = time.time()
        for row, e in enumerate(self._entries):
            text = e.kind + (": " + e.payload.get("body", "")[:60] if e.kind == "reply" else "")
            cells = [plain_text(text), e.item, names.get(e.state, e.state),
                     age_text(now - e.created_at, translate_triage),
                     plain_text(e.message or "")]
            for col, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, e.id)
                self.table.setItem(row, col, cell)
        self.empty.setVisible(not self._entries)
        self._update_buttons()

    def _selected(self) -> outbox.Entry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._entries[rows[0].row()] if rows[0].row() < len(self._entries) else None

    def _update_buttons(self) -> None:
        e = self._selected()
        stuck = e is not None and e.state in (outbox.CONFLICT, outbox.FAILED)
        self.retry.setEnabled(e is not None and e.state in (outbox.CONFLICT, outbox.FAILED,
                                                             outbox.UNKNOWN, outbox.QUEUED))
        self.edit.setEnabled(stuck and e is not None and e.kind == "reply")
        self.discard.setEnabled(stuck)

    def _on_retry(self) -> None:
        e = self._selected()
        if e is not None:
            self.controller.retry(e.id)

    def _on_edit(self) -> None:
        e = self._selected()
        if e is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Edit reply"), self.tr("Reply text:"), e.payload.get("body", ""))
        if ok and text.strip():
            self.controller.retry(e.id, text)

    def _on_discard(self) -> None:
        e = self._selected()
        if e is not None:
            self.controller.discard(e.id)
