"""First run: no account yet. Offer the demo intranet or connecting a real one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.views import icons


class WelcomePage(QWidget):
    demo_requested = Signal()
    connect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to Dialogue Desk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(self.tr(
            "Dialogue Desk gathers the comments on your intranet that need a reply, moderation "
            "or a thank-you into one queue you can clear with the keyboard, online or offline."
        ), self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_button = QPushButton(icons.icon("app"), self.tr("Try the &demo intranet"), self)
        self.demo_button.setAccessibleName(self.tr("Try the demo intranet"))
        self.connect_button = QPushButton(icons.icon("account"),
                                          self.tr("&Connect to your intranet…"), self)
        self.connect_button.setAccessibleName(self.tr("Connect to your intranet"))
        self.demo_button.clicked.connect(self.demo_requested)
        self.connect_button.clicked.connect(self.connect_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (title, text, self.demo_button, self.connect_button):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        text.setMaximumWidth(520)
        layout.addStretch(2)
