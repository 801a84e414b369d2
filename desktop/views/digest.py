"""The digest: what came in since the last digest notification, newest first.

Enter (or a double click) opens the selected item in the desk; Escape closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.notifications import Event

KEY_ROLE = Qt.ItemDataRole.UserRole


class DigestDialog(QDialog):
    def __init__(self, events: Sequence[Event], open_item: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_item = open_item
        self._setup_ui(events)
        self._connect_signals()

    def _setup_ui(self, events: Sequence[Event]) -> None:
        self.setWindowTitle(self.tr("Digest"))
        self.setAccessibleName(self.tr("Digest"))
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setText(self.tr("%n item(s) came in since the last digest", "",
                                     len(events)))
        self.list = QListWidget(self)
        self.list.setObjectName("digest-list")
        self.list.setAccessibleName(self.tr("Items since the last digest"))
        self.list.setWordWrap(True)
        for e in events:
            # plain text: names and excerpts come from the server
            row = QListWidgetItem(f"{e.title}\n{e.text}", self.list)
            row.setData(KEY_ROLE, e.key)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("&Open in the desk"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(self.list.count() > 0)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 420)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.open_selected)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.open_selected())

    def open_selected(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        self._open_item(row.data(KEY_ROLE))
        self.accept()
