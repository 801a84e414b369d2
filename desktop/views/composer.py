"""The reply box under the thread: Ctrl+Enter sends, @ completes names, a draft per item;
Ctrl+Space or # at the start of a word opens the saved replies (views/template_picker.py)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models import coaching
from desktop.models.qt_models import translate_triage
from desktop.models.triage import age_text
from desktop.views import icons

if TYPE_CHECKING:  # the picker is built when first opened
    from desktop.views.template_picker import TemplatePicker

_MENTION = re.compile(r"@([\w.\-]*)$")
Candidates = Callable[[str], list[tuple[str, str]]]  # prefix -> (username, display name)
USERNAME = Qt.ItemDataRole.UserRole  # what a chosen candidate inserts
CLAIM_AFTER_MS = 1000  # writing this long claims the item (tests shorten it)


class ComposerEdit(QPlainTextEdit):
    """A plain text editor that sends on Ctrl+Enter and completes @mentions.

    The list shows "Oliver Smith (olivers)" (people know names, the server knows usernames)
    with the first candidate selected, so Return or Tab after "@ol" inserts "@olivers ";
    Escape closes the list and keeps what was typed.
    """

    submit = Signal()
    templates_requested = Signal(str)  # the trigger: "#" typed at a word's start, or ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates: Candidates | None = None
        self._model = QStandardItemModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(self)
        # The candidates come filtered (by username or name) from the cache: a prefix filter
        # on the shown text would drop "Oliver Smith (osmith)" for "@os".
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        # What a chosen row hands to ``activated``: its username, not the text shown.
        self.completer.setCompletionRole(USERNAME)
        self.popup.setAccessibleName(self.tr("People to mention"))
        self.completer.activated.connect(self._insert_completion)
        self.setTabChangesFocus(True)

    @property
    def popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes one when first asked
        return popup

    def event(self, event: QEvent) -> bool:
        # With tabChangesFocus, Tab moves the focus before keyPressEvent sees it; while the
        # list is up it must reach the completer (which inserts the selected person) instead.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Tab and self.popup.isVisible()):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.popup.isVisible() and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape):
            event.ignore()  # the completer's popup handles these
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.submit.emit()
            return
        if self._is_template_key(event):
            self.templates_requested.emit("")
            return
        super().keyPressEvent(event)
        self._update_completion()
        if event.text() == "#" and self._hash_starts_word():
            self.templates_requested.emit("#")

    # --- saved replies -----------------------------------------------------------------

    @staticmethod
    def _is_template_key(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key() == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ControlModifier

    def _hash_starts_word(self) -> bool:
        """The '#' just typed opens a word (after a space or at a line's start), as in a
        hashtag-free reply; inside a word ("C#") it stays a character."""
        cur = self.textCursor()
        before = cur.block().text()[: cur.positionInBlock()]
        return before.endswith("#") and (len(before) == 1 or before[-2].isspace())

    def _prefix(self) -> str | None:
        cur = self.textCursor()
        block_text = cur.block().text()[: cur.positionInBlock()]
        match = _MENTION.search(block_text)
        return match.group(1) if match else None

    def _update_completion(self) -> None:
        prefix = self._prefix()
        if prefix is None or len(prefix) < 1 or self.candidates is None:
            self.popup.hide()
            return
        found = self.candidates(prefix)
        self._model.clear()
        for username, display in found:
            row = QStandardItem(f"{display} ({username})" if display and display != username
                                else username)
            row.setData(username, USERNAME)
            row.setEditable(False)
            self._model.appendRow(row)
        popup = self.popup
        if not found:
            popup.hide()
            return
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + 24)
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _insert_completion(self, username: str) -> None:
        prefix = self._prefix()
        if not username or prefix is None:
            return
        cur = self.textCursor()
        cur.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                         len(prefix))
        cur.insertText(username + " ")
        self.setTextCursor(cur)


class Composer(QWidget):
    """Emits ``send_requested(key, text)``; keeps drafts through ``save_draft(key, text)``."""

    send_requested = Signal(str, str)
    draft_changed = Signal(str, str)  # key, text: debounced, for saving
    # Who is on it (issue 15 §5): the first keystroke of a reply claims the item, sending it,
    # emptying the box or leaving the item releases it. Never blocks typing: the desk claims
    # in the background and answers with ``set_claimed_by`` when someone else holds it.
    claim_started = Signal(str)  # key
    claim_ended = Signal(str)  # key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: str | None = None
        self._loading = False
        self._templates: Any = None  # the desk service's templates (services/templates.py)
        self._picker: TemplatePicker | None = None
        self._trigger = ""
        self._filler: Callable[[str], tuple[str, tuple[str, ...]]] = lambda _tid: ("", ())
        self._answers_seen: set[str] | None = None  # answers there when the item opened
        self._claimed: str | None = None  # the item this composer asked to claim
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
            self.tr("Write a reply… (Ctrl+Enter sends, @ mentions someone, Ctrl+Space "
                    "inserts a saved reply)"))
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
        self._setup_claimed(layout)
        layout.addWidget(self.edit)
        self.coaching = CoachingLine(self)
        layout.addWidget(self.coaching)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(800)
        # A reply is "started" after a moment of writing, not at a stray keystroke in the box.
        self._claim_timer = QTimer(self)
        self._claim_timer.setSingleShot(True)
        self._claim_timer.setInterval(CLAIM_AFTER_MS)
        self.set_item(None, "")

    def _connect_signals(self) -> None:
        self.edit.submit.connect(self._on_submit)
        self.send.clicked.connect(self._on_submit)
        self.edit.textChanged.connect(self._on_text_changed)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._claim_timer.timeout.connect(self._on_claim_timer)
        self.edit.templates_requested.connect(self.open_templates)
        self.edit.textChanged.connect(self._coach)

    # --- public ------------------------------------------------------------------------

    @property
    def key(self) -> str | None:
        return self._key

    def set_candidates(self, candidates: Candidates | None) -> None:
        self.edit.candidates = candidates

    def set_item(self, key: str | None, draft: str, *, can_reply: bool = True) -> None:
        """Show the composer for another item, saving the previous item's draft first."""
        self.flush_draft()
        self._close_templates()
        if key != self._key:
            self.end_claim()
            self.set_claimed_by(None)
            self._answers_seen = None
            self.answered.setVisible(False)
            self.coaching.reset()
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

    # --- who is on it (issue 15 §5) --------------------------------------------------------

    def _setup_claimed(self, layout: QVBoxLayout) -> None:
        self.claimed = QLabel(self)
        self.claimed.setObjectName("claimed-by")
        self.claimed.setTextFormat(Qt.TextFormat.PlainText)
        self.claimed.setWordWrap(True)
        self.claimed.setAccessibleName(self.tr("Someone else is replying"))
        self.claimed.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.claimed.setForegroundRole(QPalette.ColorRole.Link)
        self.claimed.setVisible(False)
        layout.addWidget(self.claimed)

    def set_claimed_by(self, name: str | None) -> None:
        """Someone else is replying to the item on show (None: nobody): one line above the
        text, a warning, never a modal; writing a reply anyway stays possible."""
        if not name:
            self.claimed.setVisible(False)
            return
        self.claimed.setText(self.tr("%1 is replying — your answer may cross theirs")
                             .replace("%1", name))
        self.claimed.setVisible(True)

    def end_claim(self) -> None:
        """Give up the item's claim, if this composer took one (leaving it, quitting)."""
        self._claim_timer.stop()
        key, self._claimed = self._claimed, None
        if key is not None:
            self.claim_ended.emit(key)

    def _on_claim_timer(self) -> None:
        if self._key is not None and self._claimed != self._key \
                and self.edit.toPlainText().strip():
            self._claimed = self._key
            self.claim_started.emit(self._key)

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

    # --- saved replies -----------------------------------------------------------------

    def set_templates(self, templates: Any) -> None:
        """The desk service's templates: ``all()``, ``language_for(key)``,
        ``reply(template, key)``."""
        self._templates = templates

    @property
    def picker(self) -> TemplatePicker:
        if self._picker is None:
            from desktop.views.template_picker import TemplatePicker

            self._picker = TemplatePicker(self.window())
            self._picker.chosen.connect(self._insert_template)
            self._picker.closed.connect(self._on_templates_closed)
        return self._picker

    def open_templates(self, trigger: str = "") -> None:
        """The picker by the cursor, for the item on show (nothing without one)."""
        if self._templates is None or self._key is None or not self.edit.isEnabled():
            return
        popup = self.edit.completer.popup()  # an @name list open: the picker replaces it
        if popup is not None:
            popup.hide()
        key, templates = self._key, self._templates
        lang = templates.language_for(key)
        by_id = {t.id: t for t in templates.all()}
        entries = [(t.id, t.title_in(lang), t.body_in(lang)) for t in by_id.values()]

        def filler(tid: str) -> tuple[str, tuple[str, ...]]:
            filled = templates.reply(by_id[tid], key).filled
            return filled.text, (*filled.unknown, *filled.missing)

        self._trigger = trigger
        self._filler = filler
        rect = self.edit.cursorRect()
        top_left = self.edit.viewport().mapTo(self.window(), rect.topLeft())
        self.picker.open_over(rect.translated(top_left - rect.topLeft()), entries, filler)

    def _insert_template(self, tid: str) -> None:
        text, _left = self._filler(tid)
        cur = self.edit.textCursor()
        if self._trigger and cur.block().text()[: cur.positionInBlock()].endswith(
                self._trigger):
            cur.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                             len(self._trigger))
        cur.insertText(text)
        self.edit.setTextCursor(cur)
        self._trigger = ""
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def _close_templates(self) -> None:
        """Another item: a picker filled for the previous one must not insert here."""
        if self._picker is not None and self._picker.isVisible():
            self._picker.hide()
            self._trigger = ""

    def _on_templates_closed(self) -> None:
        self._trigger = ""  # a '#' that opened the picker stays: it may be meant
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    # --- coaching ------------------------------------------------------------------------

    def set_coaching(self, reason: str | None, author_username: str, enabled: bool) -> None:
        """What the reply on show answers (the item's triage reason and author) and whether
        hints show at all (the ``coaching`` setting)."""
        self.coaching.context = coaching.context_for(reason, author_username)
        self.coaching.enabled = enabled
        self._coach()

    def _coach(self) -> None:
        self.coaching.update_for(self.edit.toPlainText() if self._key is not None else "")

    # --- slots ---------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if not self._loading and self._key is not None:
            self._draft_timer.start()
            if not self.edit.toPlainText().strip():
                self.end_claim()  # the reply was discarded
            elif self._claimed != self._key and not self._claim_timer.isActive():
                self._claim_timer.start()

    def _on_submit(self) -> None:
        text = self.edit.toPlainText().strip()
        if self._key is None or not text:
            return
        key = self._key
        self.clear_sent()
        self.draft_changed.emit(key, "")
        self.send_requested.emit(key, text)
        self.end_claim()


class CoachingLine(QWidget):
    """One line under the reply box with the first hint not dismissed for this item; never
    a modal, never in the way of typing (the edit keeps the focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coaching")
        self.context = coaching.Context()
        self.enabled = True
        self.code: str | None = None  # the hint on show
        self._dismissed: set[str] = set()
        self.label = QLabel(self)
        self.label.setObjectName("coaching-hint")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.dismiss = QPushButton(self.tr("D&ismiss hint"), self)
        self.dismiss.setFlat(True)
        self.dismiss.setAccessibleName(self.tr("Dismiss hint"))
        self.dismiss.clicked.connect(self._dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self.hide()

    def reset(self) -> None:
        """Another item: hints dismissed for the previous one show again."""
        self._dismissed.clear()

    def update_for(self, text: str) -> None:
        codes = coaching.hints(text, self.context) if self.enabled else []
        shown = [c for c in codes if c not in self._dismissed]
        self.code = shown[0] if shown else None
        if self.code is None:
            self.hide()
            return
        self.label.setText(self._text(self.code, text))
        self.label.setAccessibleName(self.label.text())
        self.show()

    def _text(self, code: str, text: str) -> str:
        if code == "mention":
            return self.tr("Tip: @mention %1 so they see your answer.").replace(
                "%1", self.context.asker or "")
        if code == "question":
            return self.tr("Tip: end with a question to hear more about the idea.")
        return self.tr("Tip: %n words; replies under about 120 words are read more.", "",
                       coaching.words(text))

    def _dismiss(self) -> None:
        if self.code is not None:
            self._dismissed.add(self.code)
        parent = self.parentWidget()
        text = parent.edit.toPlainText() if isinstance(parent, Composer) else ""
        self.update_for(text)
        if isinstance(parent, Composer):
            parent.edit.setFocus(Qt.FocusReason.OtherFocusReason)
