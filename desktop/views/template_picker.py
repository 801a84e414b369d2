"""The saved-reply picker over the composer: type to filter, Return inserts, Escape closes.

A child of the window laid over it (not a popup window): it stays inside the desk's frame,
shows in screenshots and takes no grab, so Escape and a click elsewhere simply close it. The
preview under the list is the reply as it will be inserted, filled for the item in its
language; what cannot be filled is named under it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
# (id, title, body) in the item's language
Entry = tuple[str, str, str]
# id -> (the filled text, the placeholders left as written)
Filler = Callable[[str], tuple[str, tuple[str, ...]]]
_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5,
          Qt.Key.Key_PageDown: 5}


class TemplatePicker(QFrame):
    chosen = Signal(str)  # the template's id
    closed = Signal()  # closed without a choice

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._filler: Filler | None = None
        self._setup_ui()
        self._connect_signals()
        self.hide()

    def _setup_ui(self) -> None:
        self.setObjectName("template-picker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("template-filter")
        self.filter.setAccessibleName(self.tr("Filter saved replies"))
        self.filter.setPlaceholderText(self.tr("Type to filter saved replies (Return inserts, "
                                               "Escape closes)"))
        self.list = QListWidget(self)
        self.list.setObjectName("template-list")
        self.list.setAccessibleName(self.tr("Saved replies"))
        # the filter keeps the keyboard (Up/Down there move this list): focus given to the
        # list, by Tab or a click, goes to the filter
        self.list.setFocusProxy(self.filter)
        self.preview = QLabel(self)
        self.preview.setObjectName("template-preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Preview of the reply"))
        self.warning = QLabel(self)
        self.warning.setObjectName("template-warning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setForegroundRole(QPalette.ColorRole.Link)  # stands out in any theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.warning)
        self.resize(440, 300)

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list.currentRowChanged.connect(self._show_preview)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.itemClicked.connect(lambda _item: self.accept())

    # --- public ------------------------------------------------------------------------

    def open_over(self, anchor: QRect, entries: list[Entry], filler: Filler) -> None:
        """Show the list by ``anchor`` (a rectangle in the parent's coordinates: the
        composer's cursor), above it when there is room, the first match selected."""
        self._entries, self._filler = entries, filler
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self._apply_filter("")
        self._fit(len(entries))
        parent = self.parentWidget()
        area = parent.rect() if parent is not None else QRect(0, 0, 1280, 800)
        width = min(self.width(), area.width())
        height = min(self.height(), area.height())
        y = anchor.top() - height - 4
        if y < area.top():
            y = anchor.bottom() + 4
        x = max(area.left(), min(anchor.left(), area.right() - width))
        y = max(area.top(), min(y, area.bottom() - height))
        self.setGeometry(QRect(QPoint(x, y), self.size().boundedTo(area.size())))
        self.show()
        self.raise_()
        self.filter.setFocus(Qt.FocusReason.PopupFocusReason)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def accept(self) -> None:
        tid = self.current_id()
        if tid is None:
            return
        self.hide()
        self.chosen.emit(tid)

    def reject(self) -> None:
        self.hide()
        self.closed.emit()

    # --- internals ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.reject()
                return True
            if key in _MOVES and self.list.count():
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + _MOVES[key]))
                self.list.setCurrentRow(row)
                return True
        if (watched is self.filter and event.type() == QEvent.Type.FocusOut
                and isinstance(event, QFocusEvent)
                and event.reason() == Qt.FocusReason.MouseFocusReason):
            # after the click has moved the focus: is it still in the picker?
            QTimer.singleShot(0, self._close_if_left)
        return super().eventFilter(watched, event)

    def _fit(self, rows: int) -> None:
        """As tall as the saved replies need (up to ten rows); filtering does not resize it,
        so the list never jumps under the person's eyes."""
        row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 2)
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(min(max(rows, 3), 10) * row + frame + 2)
        self.resize(self.width(), self.sizeHint().height())

    def _close_if_left(self) -> None:
        """A click elsewhere in the desk: the picker goes quietly (the focus stays where the
        click put it) and the text stays as it was."""
        focus = QApplication.focusWidget()
        if self.isVisible() and (focus is None or not self.isAncestorOf(focus)):
            self.hide()

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        self.list.clear()
        # replies whose name or title match come first, then those that match by their text
        ranked: list[tuple[int, Entry]] = []
        for entry in self._entries:
            tid, title, body = entry
            named = f"{tid} {title}".casefold()
            if all(w in named for w in words):
                ranked.append((0, entry))
            elif all(w in f"{named} {body.casefold()}" for w in words):
                ranked.append((1, entry))
        for _rank, (tid, title, body) in sorted(ranked, key=lambda r: r[0]):
            item = QListWidgetItem(title, self.list)
            item.setData(ID_ROLE, tid)
            item.setToolTip(body)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.preview.setText(self.tr("No saved reply matches"))
            self.warning.clear()

    def _show_preview(self, _row: int) -> None:
        tid = self.current_id()
        if tid is None or self._filler is None:
            return
        text, left = self._filler(tid)
        self.preview.setText(text)
        self.warning.setText(
            self.tr("Left as written: %1").replace("%1", ", ".join("{" + p + "}" for p in left))
            if left else "")
