"""Connect an intranet: connector, address, user, secret — verified before it is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.controller import DeskController


class AccountDialog(QDialog):
    def __init__(self, controller: DeskController, parent: QWidget | None = None,
                 *, connectors: list[str] | None = None, keyring_message: str | None = None
                 ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Connect to your intranet"))
        self.setAccessibleName(self.tr("Connect to your intranet"))
        if connectors is None:
            from desktop.services import connectors as registry

            connectors = registry.available()
        self.name = QLineEdit("work", self)
        self.kind = QComboBox(self)
        self.kind.addItems(connectors)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://intranet.example.com")
        self.user = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        for w, name in ((self.name, self.tr("Account name")), (self.kind, self.tr("Connector")),
                        (self.url, self.tr("Address")), (self.user, self.tr("User name")),
                        (self.secret, self.tr("Token or application password"))):
            w.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Connector:"), self.kind)
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Secret:"), self.secret)
        self.keyring_note = QLabel(keyring_message or "", self)
        self.keyring_note.setObjectName("keyring-note")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.setVisible(bool(keyring_message))
        self.error = QLabel(self)
        self.error.setObjectName("account-error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()
        self._pending = False
        self._saved = False
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Verify and save"))
        self.buttons.accepted.connect(self._on_verify)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        controller.account_added.connect(self._on_added)
        controller.account_failed.connect(self._on_failed)
        if keyring_message is None:
            # Finding the keyring's backend takes 25-60 ms: asked on the background runner,
            # shown when it answers.
            controller.keyring_status.connect(self._on_keyring_status)
            controller.request_keyring_status()

    def _on_keyring_status(self, message: str) -> None:
        if self._saved:  # the account's warnings are showing there now
            return
        self.keyring_note.setText(message)
        self.keyring_note.setVisible(bool(message))

    @property
    def busy(self) -> bool:
        """A verification this dialog asked for is still running."""
        return self._pending

    def _on_verify(self) -> None:
        if self._saved:  # the account is in; the button now only closes the dialog
            self.accept()
            return
        self.error.hide()
        if not (self.url.text().strip() and self.user.text().strip() and self.secret.text()):
            self._show_error(self.tr("Please fill in the address, the user and the secret."))
            return
        self._pending = True
        self.buttons.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.status.setText(self.tr("Checking the account…"))
        self.status.show()
        self.controller.add_account(self.name.text().strip(), self.kind.currentText(),
                                    self.url.text().strip(), self.user.text().strip(),
                                    self.secret.text())

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _done_waiting(self) -> None:
        self._pending = False
        self.unsetCursor()
        self.buttons.setEnabled(True)
        self.status.hide()

    def _on_failed(self, message: str) -> None:
        if not self._pending:  # another dialog's request
            return
        self._done_waiting()
        self._show_error(message)

    def _on_added(self, name: str, warnings: list) -> None:
        if not self._pending:
            return
        self._done_waiting()
        self.secret.clear()
        self.controller.sync_and_push()
        if not warnings:
            self.accept()
            return
        # Saved, but the person must read this (e.g. no keyring: the secret lasts this run):
        # stay open with the warnings until they close the dialog.
        self._saved = True
        self.keyring_note.setText("\n".join(str(w) for w in warnings))
        self.keyring_note.show()
        for field in (self.name, self.kind, self.url, self.user, self.secret):
            field.setEnabled(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Close"))
        ok.setFocus(Qt.FocusReason.OtherFocusReason)
