"""The outbox: actions waiting, in doubt, in conflict or failed — retry, edit, or discard."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.controller import DeskController
from desktop.models.outbox_types import CONFLICT, FAILED, IN_FLIGHT, QUEUED, UNKNOWN, Entry
from desktop.models.qt_models import translate_triage
from desktop.models.sanitize import plain_text
from desktop.models.triage import age_text
from desktop.services.ops import Changes

SHOWN_STATES = (QUEUED, IN_FLIGHT, UNKNOWN, CONFLICT, FAILED)
ID_ROLE = Qt.ItemDataRole.UserRole


class OutboxDialog(QDialog):
    def __init__(self, controller: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._entries: list[Entry] = []
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
        controller.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.outbox:
            self.reload()

    def reload(self) -> None:
        """Re-read the outbox; the selected entry stays selected while it is there."""
        selected = self._selected()
        self._entries = self.controller.outbox_entries(SHOWN_STATES)
        names = {
            QUEUED: self.tr("waiting"), IN_FLIGHT: self.tr("sending"),
            UNKNOWN: self.tr("unknown — will check"),
            CONFLICT: self.tr("conflict"), FAILED: self.tr("failed"),
        }
        self.table.setRowCount(len(self._entries))
        now = time.time()
        for row, e in enumerate(self._entries):
            text = e.kind + (": " + e.payload.get("body", "")[:60] if e.kind == "reply" else "")
            # a held reply says who answered meanwhile, and how long ago, in the person's words
            state = self.tr("held: already answered") if e.held else names.get(e.state, e.state)
            message = e.held_text(now, translate_triage) if e.held else e.message or ""
            cells = [plain_text(text), e.item, state,
                     age_text(now - e.created_at, translate_triage), plain_text(message)]
            for col, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, e.id)
                self.table.setItem(row, col, cell)
        self.empty.setVisible(not self._entries)
        ids = [e.id for e in self._entries]
        if self._entries:
            row = ids.index(selected.id) if selected is not None and selected.id in ids else 0
            self.table.selectRow(row)
        self._update_buttons()

    def _selected(self) -> Entry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._entries[rows[0].row()] if rows[0].row() < len(self._entries) else None

    def _update_buttons(self) -> None:
        e = self._selected()
        stuck = e is not None and e.state in (CONFLICT, FAILED)
        self.retry.setEnabled(e is not None and e.state in (CONFLICT, FAILED, UNKNOWN, QUEUED))
        # a held reply goes only on the person's say: "send anyway", not a mere retry
        self.retry.setText(self.tr("&Send anyway") if e is not None and e.held
                           else self.tr("&Retry"))
        self.edit.setEnabled(stuck and e is not None and e.kind == "reply")
        self.discard.setEnabled(stuck)

    def _on_retry(self) -> None:
        e = self._selected()
        if e is not None:
            self.controller.retry(e.id)

    def _on_edit(self) -> None:
        e = self._selected()
        if e is None or e.kind != "reply":
            return
        # open(), not exec(): no nested event loop under qasync, and tests can reach it.
        self.editor = EditReplyDialog(e.payload.get("body", ""), self)
        self.editor.accepted.connect(lambda entry_id=e.id: self._on_edited(entry_id))
        self.editor.open()

    def _on_edited(self, entry_id: int) -> None:
        text = self.editor.text().strip()
        if text:
            self.controller.retry(entry_id, text)

    def _on_discard(self) -> None:
        e = self._selected()
        if e is not None:
            self.controller.discard(e.id)


class EditReplyDialog(QDialog):
    """Change the text of a reply that did not arrive, then send it again (Ctrl+Enter)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit reply"))
        self.setAccessibleName(self.tr("Edit reply"))
        label = QLabel(self.tr("&Reply text:"), self)
        self.edit = QPlainTextEdit(text, self)
        self.edit.setObjectName("outbox-edit")
        self.edit.setAccessibleName(self.tr("Reply text"))
        self.edit.setTabChangesFocus(True)
        label.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Send again"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            self.tr("Send again (Ctrl+Enter)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(520, 240)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.edit.toPlainText()
