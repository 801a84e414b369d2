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
        if keyring_message is None:
            status = controller.service.credentials.backend_status()
            keyring_message = status.message
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
        self.keyring_note = QLabel(keyring_message, self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.setVisible(bool(keyring_message))
        self.error = QLabel(self)
        self.error.setObjectName("account-error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
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
        layout.addWidget(self.buttons)
        controller.account_added.connect(self._on_added)
        controller.account_failed.connect(self._on_failed)

    def _on_verify(self) -> None:
        self.error.hide()
        self.buttons.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.controller.add_account(self.name.text().strip(), self.kind.currentText(),
                                    self.url.text().strip(), self.user.text().strip(),
                                    self.secret.text())

    def _on_failed(self, message: str) -> None:
        self.unsetCursor()
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()

    def _on_added(self, name: str, warnings: list) -> None:
        self.unsetCursor()
        self.buttons.setEnabled(True)
        self.secret.clear()
        if warnings:
            self.keyring_note.setText("\n".join(str(w) for w in warnings))
            self.keyring_note.show()
        self.controller.sync_and_push()
        self.accept()
