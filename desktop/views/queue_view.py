"""The centre of the desk: one lane as a list of cards painted by a delegate.

Colours come from the palette only, so light, dark and high-contrast themes all work. Names,
titles and excerpts are painted as plain text (drawText never interprets markup).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.models.qt_models import (
    CLAIM_ROLE,
    ITEM_ROLE,
    OVERDUE_ROLE,
    REASON_ROLE,
    translate_triage,
)
from desktop.models.sanitize import plain_text
from desktop.models.triage import age_text

_PAD = 8
_BAR = 4
_ELIDE = Qt.TextElideMode.ElideRight


class QueueDelegate(QStyledItemDelegate):
    """Three lines per item: author · post title · age / excerpt / reason (overdue marked)."""

    def _removed_as(self, status: str) -> str:
        """A removed comment has no lane, so no reason: what happened to it stands there."""
        return {"hidden": self.tr("Hidden"), "spam": self.tr("Marked as spam"),
                "deleted": self.tr("Deleted")}.get(status, "")

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                 ) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(320, 3 * line + 2 * _PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is None:
            return
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif index.row() % 2:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        text = palette.color(text_role)
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        overdue = bool(index.data(OVERDUE_ROLE))
        if overdue:
            # A bar in the accent colour: visible in any theme without a hard-coded red.
            painter.fillRect(QRect(rect.left(), rect.top(), _BAR, rect.height()),
                             palette.color(QPalette.ColorRole.Accent))
        fm = QFontMetrics(option.font)
        line = fm.lineSpacing()
        left = rect.left() + _PAD + _BAR
        width = rect.width() - 2 * _PAD - _BAR
        top = rect.top() + _PAD

        age = age_text(time.time() - item.created_at, translate_triage)
        if item.pending:
            age = self.tr("pending") + " · " + age
        age_w = fm.horizontalAdvance(age) + _PAD
        bold = QFont(option.font)
        bold.setBold(True)
        author = plain_text(item.author, max_chars=80)
        bfm = QFontMetrics(bold)
        author_w = min(bfm.horizontalAdvance(author), width // 2)
        painter.setFont(bold)
        painter.setPen(QPen(text))
        painter.drawText(QRect(left, top, author_w, line), Qt.AlignmentFlag.AlignLeft,
                         bfm.elidedText(author, _ELIDE, author_w))
        painter.setFont(option.font)
        painter.setPen(QPen(muted))
        title_w = max(0, width - author_w - age_w - _PAD)
        title = plain_text(item.post_title, max_chars=200)
        painter.drawText(QRect(left + author_w + _PAD, top, title_w, line),
                         Qt.AlignmentFlag.AlignLeft, fm.elidedText(title, _ELIDE, title_w))
        painter.drawText(QRect(left + width - age_w, top, age_w, line),
                         Qt.AlignmentFlag.AlignRight, age)
        painter.setPen(QPen(text))
        painter.drawText(QRect(left, top + line, width, line), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(plain_text(item.excerpt), _ELIDE, width))
        reason = index.data(REASON_ROLE) or self._removed_as(item.status)
        if overdue:
            reason = self.tr("Overdue") + " — " + reason
        reason_w = width
        claim = index.data(CLAIM_ROLE)
        if claim:
            # Someone else is replying: said at the end of the reason line, in bold and the
            # link colour, so a glance down the lane finds the items already taken.
            painter.setFont(bold)
            painter.setPen(QPen(text if selected else palette.color(QPalette.ColorRole.Link)))
            claim_w = min(bfm.horizontalAdvance(claim), width // 2)
            painter.drawText(QRect(left + width - claim_w, top + 2 * line, claim_w, line),
                             Qt.AlignmentFlag.AlignRight,
                             bfm.elidedText(claim, _ELIDE, claim_w))
            reason_w = max(0, width - claim_w - _PAD)
        italic = QFont(option.font)
        italic.setItalic(True)
        painter.setFont(italic)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Accent) if overdue and not selected
                            else muted))
        painter.drawText(QRect(left, top + 2 * line, reason_w, line), Qt.AlignmentFlag.AlignLeft,
                         QFontMetrics(italic).elidedText(reason, _ELIDE, reason_w))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight)))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()


class QueueView(QListView):
    """The lane list: multi-select, keyboard first, an empty state instead of a blank box."""

    context_menu_requested = Signal(object)  # QPoint in global coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""
        self.setObjectName("queue")
        self.setAccessibleName(self.tr("Queue"))
        self.setItemDelegate(QueueDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(self.viewport().mapToGlobal(pos)))

    def keyboardSearch(self, search: str) -> None:
        # Single letters are the desk's commands. A letter with no command here (Restore's T
        # outside the Removed view) must not jump the selection to an item starting with it,
        # where the next command would act on the wrong item.
        return

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        # Not before the first show (it paints everything anyway): PySide's first viewport()
        # call looks up every widget class of QtWidgets, ~12 ms on the way to the first frame.
        if self.isVisible():
            self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self._empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._empty_text)
            painter.end()
