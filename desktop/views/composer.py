"""The reply box under the thread: Ctrl+Enter sends, @ completes names, a draft per item."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.qt_models import translate_triage
from desktop.models.triage import age_text
from desktop.views import icons

_MENTION = re.compile(r"@([\w.\-]*)$")
Candidates = Callable[[str], list[tuple[str, str]]]  # prefix -> (username, display name)


class ComposerEdit(QPlainTextEdit):
    """A plain text editor that sends on Ctrl+Enter and completes @mentions."""

    submit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates: Candidates | None = None
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self._insert_completion)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape):
            event.ignore()  # the completer's popup handles these
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.submit.emit()
            return
        super().keyPressEvent(event)
        self._update_completion()

    def _prefix(self) -> str | None:
        cur = self.textCursor()
        block_text = cur.block().text()[: cur.positionInBlock()]
        match = _MENTION.search(block_text)
        return match.group(1) if match else None

    def _update_completion(self) -> None:
        prefix = self._prefix()
        if prefix is None or len(prefix) < 1 or self.candidates is None:
            self.completer.popup().hide()
            return
        names = [username for username, _ in self.candidates(prefix)]
        self._model.setStringList(names)
        if not names:
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(prefix)
        rect = self.cursorRect()
        rect.setWidth(self.completer.popup().sizeHintForColumn(0) + 24)
        self.completer.complete(rect)

    def _insert_completion(self, username: str) -> None:
        prefix = self._prefix() or ""
        cur = self.textCursor()
        cur.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                         len(prefix))
        cur.insertText(username + " ")
        self.setTextCursor(cur)


class Composer(QWidget):
    """Emits ``send_requested(key, text)``; keeps drafts through ``save_draft(key, text)``."""

    send_requested = Signal(str, str)
    draft_changed = Signal(str, str)  # key, text: debounced, for saving

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: str | None = None
        self._loading = False
        self._answers_seen: set[str] | None = None  # answers there when the item opened
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.label = QLabel(self.tr("&Reply"), self)
        self.edit = ComposerEdit(self)
        self.edit.setObjectName("composer")
        self.edit.setAccessibleName(self.tr("Reply text"))
        self.edit.setPlaceholderText(
            self.tr("Write a reply… (Ctrl+Enter sends, @ mentions someone)"))
        self.edit.setMaximumHeight(120)
        self.label.setBuddy(self.edit)
        self.send = QPushButton(icons.icon("reply"), self.tr("Send reply"), self)
        self.send.setAccessibleName(self.tr("Send reply"))
        self.send.setToolTip(self.tr("Send reply (Ctrl+Enter)"))
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addStretch(1)
        row.addWidget(self.send)
        layout.addLayout(row)
        self._setup_answered(layout)
        layout.addWidget(self.edit)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(800)
        self.set_item(None, "")

    def _connect_signals(self) -> None:
        self.edit.submit.connect(self._on_submit)
        self.send.clicked.connect(self._on_submit)
        self.edit.textChanged.connect(self._on_text_changed)
        self._draft_timer.timeout.connect(self.flush_draft)

    # --- public ------------------------------------------------------------------------

    @property
    def key(self) -> str | None:
        return self._key

    def set_candidates(self, candidates: Candidates | None) -> None:
        self.edit.candidates = candidates

    def set_item(self, key: str | None, draft: str, *, can_reply: bool = True) -> None:
        """Show the composer for another item, saving the previous item's draft first."""
        self.flush_draft()
        if key != self._key:
            self._answers_seen = None
            self.answered.setVisible(False)
        self._key = key
        self._loading = True
        self.edit.setPlainText(draft)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)
        self._loading = False
        enabled = key is not None and can_reply
        self.edit.setEnabled(enabled)
        self.send.setEnabled(enabled)

    # --- answered meanwhile (issue 15 §4) -----------------------------------------------------

    def _setup_answered(self, layout: QVBoxLayout) -> None:
        self.answered = QLabel(self)
        self.answered.setObjectName("answered-meanwhile")
        self.answered.setTextFormat(Qt.TextFormat.PlainText)
        self.answered.setWordWrap(True)
        self.answered.setAccessibleName(self.tr("Answered meanwhile"))
        self.answered.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # its text, by keyboard too
        self.answered.setVisible(False)
        layout.addWidget(self.answered)

    def set_answers(self, answers: Sequence[Any], now: float | None = None) -> None:
        """Staff replies by others to this comment (Answer records). Those that were
        there when the item was opened are in the thread; one that arrives while the reply is
        being written shows above the text, its own text on hover."""
        if self._answers_seen is None:
            self._answers_seen = {a.rid for a in answers}
        new = [a for a in answers if a.rid not in self._answers_seen]
        if not new:
            self.answered.setVisible(False)
            return
        now = time.time() if now is None else now
        last = new[-1]
        self.answered.setText(self.tr("%1 answered %2 ago").replace("%1", last.by).replace(
            "%2", age_text(now - last.at, translate_triage)))
        self.answered.setToolTip(last.text)
        self.answered.setAccessibleDescription(last.text)
        self.answered.setVisible(True)

    def flush_draft(self) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            if self._key is not None:
                self.draft_changed.emit(self._key, self.edit.toPlainText())

    def clear_sent(self) -> None:
        self._draft_timer.stop()
        self._loading = True
        self.edit.clear()
        self._loading = False

    # --- slots ---------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if not self._loading and self._key is not None:
            self._draft_timer.start()

    def _on_submit(self) -> None:
        text = self.edit.toPlainText().strip()
        if self._key is None or not text:
            return
        key = self._key
        self.clear_sent()
        self.draft_changed.emit(key, "")
        self.send_requested.emit(key, text)
