"""The right pane: a post and its whole comment tree, the selected item framed, author context.

Every body is sanitised on its own (models/sanitize.py) and inserted into the SafeBrowser's
document with a cursor; the structure around it (names, indentation, the frame) is built with
QTextDocument formats, never from strings of HTML, so a name can never become markup. The
browser still refuses every resource load and opens no link by itself.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrameFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.qt_models import translate_triage
from desktop.models.sanitize import plain_text, sanitize_html
from desktop.models.triage import age_text
from desktop.services.reads import AuthorContext, Thread
from desktop.views.safe_browser import SafeBrowser

_INDENT_PX = 18
_MAX_INDENT = 8
# A big thread is laid out in steps so the window never waits for it: the biggest demo thread
# (1,130 comments) takes ~130 ms to lay out at once, several frames, and at start-up more than
# the rest of the window. The first step fills more than a screen; each later step waits for
# the browser to be painted, so what is there shows first (a pane nobody paints, e.g. hidden,
# goes on after _UNPAINTED_MS).
_FIRST_STEP = 30
_STEP = 40
_UNPAINTED_MS = 200


class ThreadView(QWidget):
    decision_written = Signal(str, str)  # item key, the decision note's text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thread: Thread | None = None
        self._selected: str | None = None
        self._context: AuthorContext | None = None
        self._cursor: QTextCursor | None = None  # where the next step of a big thread goes
        self._next = 0  # index of the next comment to lay out
        self._more = QTimer(self)  # the next step, once the browser has been painted
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(lambda: self._render_step(_STEP))
        self._unpainted = QTimer(self)
        self._unpainted.setSingleShot(True)
        self._unpainted.setInterval(_UNPAINTED_MS)
        self._unpainted.timeout.connect(lambda: self._render_step(_STEP))
        self._setup_ui()
        self.browser.viewport().installEventFilter(self)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(self.tr("Post title"))
        self.context = QLabel(self)
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.context.setWordWrap(True)
        self.context.setAccessibleName(self.tr("About the author"))
        self.browser = SafeBrowser(self)
        self.browser.setObjectName("thread")
        self.browser.setAccessibleName(self.tr("Thread"))
        # Decision notes: what was decided in this thread, written in the desk (N); one keeps
        # the thread's promises, so it leaves Follow-up.
        self.notes = QLabel(self)
        self.notes.setObjectName("decision-notes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName(self.tr("Decision notes"))
        self.notes.setFrameShape(QLabel.Shape.StyledPanel)
        self.note_button = QPushButton(self.tr("Decision &note…"), self)
        self.note_button.setObjectName("decision-note")
        self.note_button.setAccessibleName(self.tr("Write a decision note"))
        self.note_button.setToolTip(self.tr("Note what was decided in this thread; it keeps "
                                            "the thread's promises (N)"))
        self.note_button.clicked.connect(self.ask_decision)
        self._note_key = QShortcut(QKeySequence("N"), self)
        self._note_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self._note_key.activated.connect(self.ask_decision)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes, 1)
        notes_row.addWidget(self.note_button, 0,
                            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.title)
        layout.addWidget(self.context)
        layout.addLayout(notes_row)
        layout.addWidget(self.browser, 1)
        self.show_empty()

    # --- public ------------------------------------------------------------------------

    def show_empty(self, text: str | None = None) -> None:
        self._more.stop()
        self._unpainted.stop()
        self._thread = None
        self.show_decisions(())
        self.note_button.setEnabled(False)
        self.title.setText("")
        self.context.setText("")
        self.browser.clear()
        self.browser.setPlaceholderText(text or self.tr("Pick an item to see its thread"))

    def show_thread(self, thread: Thread | None, selected_key: str | None,
                    context: AuthorContext | None = None) -> None:
        if thread is None:
            self.show_empty(self.tr("This item is not in the cache any more"))
            return
        self._thread, self._selected, self._context = thread, selected_key, context
        self.note_button.setEnabled(selected_key is not None)
        self._render()

    def show_decisions(self, decisions: Sequence[Any]) -> None:
        """The thread's decision notes (``promises.Decision``), oldest first."""
        now = time.time()
        lines = [self.tr("Decided %1 ago: %2").replace(
                     "%1", age_text(now - d.at, translate_triage)).replace("%2", d.text)
                 for d in decisions]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def ask_decision(self) -> None:
        """Ask for a decision note on the selected item's thread (N)."""
        if self._thread is None or self._selected is None or not self.isVisible():
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Decision note"),
            self.tr("What was decided? The thread's promises count as kept."))
        if ok and text.strip():
            self.decision_written.emit(self._selected, text.strip())

    def rendering(self) -> bool:
        """Whether a big thread is still being laid out."""
        return self._thread is not None and self._next < len(self._thread.comments)

    def finish_rendering(self) -> None:
        """Lay out what is left of the thread now (tests; copying the whole thread)."""
        if self._thread is not None and self._next < len(self._thread.comments):
            self._render_step(len(self._thread.comments))

    # --- rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        thread = self._thread
        assert thread is not None
        now = time.time()
        title = plain_text(thread.title) or self.tr("(untitled post)")
        if thread.locked:
            title += " — " + self.tr("locked")
        self.title.setText(title)
        self.context.setText(self._context_text(now))
        palette = self.palette()
        doc = self.browser.document()
        self.browser.clear()
        cur = QTextCursor(doc)
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        muted = QTextCharFormat()
        muted.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        cur.insertText(plain_text(thread.author), head)
        cur.insertText("  " + age_text(now - thread.created_at, translate_triage)
                       + (" · " + plain_text(thread.area) if thread.area else ""), muted)
        cur.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._insert_body(cur, thread.body_html, 0)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self._cursor, self._next = cur, 0
        self._render_step(_FIRST_STEP)

    def _render_step(self, count: int) -> None:
        self._more.stop()
        self._unpainted.stop()
        thread, cur = self._thread, self._cursor
        if thread is None or cur is None:
            return
        now = time.time()
        palette = self.palette()
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        muted = QTextCharFormat()
        muted.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        end = min(len(thread.comments), self._next + count)
        selected_cursor = None
        for c in thread.comments[self._next:end]:
            indent = _INDENT_PX * (1 + min(c.depth, _MAX_INDENT))
            framed = c.key == self._selected
            if framed:
                frame = QTextFrameFormat()
                frame.setBorder(2)
                frame.setBorderBrush(palette.color(QPalette.ColorRole.Highlight))
                frame.setPadding(6)
                frame.setLeftMargin(indent - _INDENT_PX / 2)
                frame.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
                cur.insertFrame(frame)
                selected_cursor = QTextCursor(cur)
            else:
                block = QTextBlockFormat()
                block.setTopMargin(10)
                block.setLeftMargin(indent)
                cur.insertBlock(block, QTextCharFormat())
            cur.insertText(plain_text(c.author), head)
            extra = [age_text(now - c.created_at, translate_triage)]
            if c.author_role:
                extra.append(translate_triage(c.author_role))
            if c.pending:
                extra.append(self.tr("pending"))
            if c.status != "published" and not c.pending:
                extra.append(translate_triage(c.status))
            if c.like_count:
                extra.append(self.tr("%n likes", "", c.like_count))
            if c.flag_count:
                extra.append(self.tr("%n flags", "", c.flag_count))
            cur.insertText("  " + " · ".join(extra), muted)
            self._insert_body(cur, c.body_html, 0 if framed else indent)
            if framed:
                cur.movePosition(QTextCursor.MoveOperation.End)
        self._next = end
        if selected_cursor is not None:
            self.browser.setTextCursor(selected_cursor)
            self.browser.ensureCursorVisible()
        if end < len(thread.comments):
            self._unpainted.start()

    def _insert_body(self, cur: QTextCursor, body_html: str, indent: float) -> None:
        block = QTextBlockFormat()
        block.setLeftMargin(indent)
        cur.insertBlock(block, QTextCharFormat())
        start = cur.position()
        clean = sanitize_html(body_html, max_chars=65536, image_marker=self.tr("[image]"),
                              image_alt_marker=self.tr("[image: %1]"))
        cur.insertHtml(clean.html or "&nbsp;")
        # insertHtml makes its own blocks: give each the comment's indentation.
        end = cur.position()
        walker = QTextCursor(cur.document())
        walker.setPosition(start)
        while True:
            fmt = walker.blockFormat()
            fmt.setLeftMargin(indent + fmt.indent() * 12)
            walker.setBlockFormat(fmt)
            if walker.block().contains(end) or not walker.movePosition(
                    QTextCursor.MoveOperation.NextBlock):
                break
        cur.setCharFormat(QTextCharFormat())

    def _context_text(self, now: float) -> str:
        ctx = self._context
        if ctx is None:
            return ""
        if ctx.comments <= 1:
            return self.tr("First-time contributor")
        parts = [self.tr("%1 comments").replace("%1", str(ctx.comments))]
        if ctx.flags:
            parts.append(self.tr("flagged %n times", "", ctx.flags))
        if ctx.first_seen:
            parts.append(self.tr("here for %1").replace(
                "%1", age_text(now - ctx.first_seen, translate_triage)))
        return self.tr("Author: ") + ", ".join(parts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self._unpainted.isActive()
                and not self._more.isActive()):
            self._more.start()  # after this paint: the next step
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._thread is not None:
            self._render()
