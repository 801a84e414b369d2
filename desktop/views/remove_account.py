"""The confirmation before an account is removed: what goes, what stays, and how many unsent
actions of the account the outbox gives up.

Removing an account cannot be undone from the desk (the cache comes back with a sync after the
account is added again, the unsent actions do not), so the dialog says both before anything is
lost, and Cancel is the default button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RemoveAccountDialog(QDialog):
    """Emits ``confirmed(name)`` when the person chose Remove."""

    confirmed = Signal(str)

    def __init__(self, accounts: list[str], unsent: dict[str, int], chosen: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unsent = unsent
        self.setObjectName("remove-account")
        self.setWindowTitle(self.tr("Remove account"))
        self.setAccessibleName(self.tr("Remove account"))
        self.account = QComboBox(self)
        self.account.setObjectName("remove-account-name")
        self.account.setAccessibleName(self.tr("Account to remove"))
        self.account.addItems(accounts)
        if chosen in accounts:
            self.account.setCurrentText(chosen)
        self.lost = self._label("remove-account-lost")
        self.unsent = self._label("remove-account-unsent")
        buttons = QDialogButtonBox(self)
        self.remove = QPushButton(self.tr("&Remove account"), self)
        self.remove.setObjectName("remove-account-confirm")
        self.remove.setAutoDefault(False)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setDefault(True)
        buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove.clicked.connect(self._on_remove)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        label = QLabel(self.tr("&Account:"), self)
        label.setBuddy(self.account)
        form.addRow(label, self.account)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lost)
        layout.addWidget(self.unsent)
        layout.addWidget(buttons)
        # One account: nothing to choose (the combo stays for a screen reader's summary).
        self.account.setEnabled(len(accounts) > 1)
        self.account.currentTextChanged.connect(self._describe)
        self._describe(self.account.currentText())
        self.resize(460, 0)
        self.cancel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # account names are the person's text
        label.setWordWrap(True)
        return label

    def _describe(self, name: str) -> None:
        self.lost.setText(self.tr(
            "Removed from this computer: the posts, comments and people cached for “%1”, its "
            "marks (done, snoozed, follow-up), its drafts and its saved secret. Nothing changes "
            "on the server; adding the account again fetches the cache anew.").replace("%1", name))
        n = self._unsent.get(name, 0)
        if n:
            text = self.tr("%n actions of this account not yet sent will be discarded: they "
                           "will never reach the server.", "", n)
        else:
            text = self.tr("No action of this account waits to be sent.")
        self.unsent.setText(text + " " + self.tr("Other accounts' actions stay queued."))

    def _on_remove(self) -> None:
        name = self.account.currentText()
        if name:
            self.confirmed.emit(name)
        self.accept()
