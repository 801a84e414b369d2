"""My patch (Ctrl+Shift+P): threads gone quiet, posts nobody commented on, and the week in the
areas the account looks after (``desktop/models/patch.py``), read offline on the desk
service's background runner.

Enter (or a double click) on a quiet thread opens its last comment in the desk; a silent post
shows what to do about it. Escape closes the dialog.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.models.patch import Patch

KEY_ROLE = Qt.ItemDataRole.UserRole


def _date(t: float) -> str:
    return datetime.datetime.fromtimestamp(t).strftime("%Y-%m-%d")


class PatchDialog(QDialog):
    _read = Signal(object)  # the Patch or an exception: from the runner

    def __init__(self, service: Any, open_item: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._open_item = open_item
        self.patch: Patch | None = None
        self._setup_ui()
        self._read.connect(self._on_read)
        self.buttons.rejected.connect(self.reject)
        self.quiet.itemActivated.connect(self._open)
        future = service.run_in_background(service.patch)
        future.add_done_callback(self._deliver)

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("My patch"))
        self.setAccessibleName(self.tr("My patch"))
        self.scope = QLabel(self.tr("Reading the cache…"), self)
        self.scope.setObjectName("patch-scope")
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        self.scope.setWordWrap(True)
        self.quiet = self._list("patch-quiet", self.tr("Gone quiet"))
        self.silent = self._list("patch-silent", self.tr("No comment after 3 days"))
        self.week = self._list("patch-week", self.tr("This week"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        for label, widget, stretch in (
                (self.tr("&Gone quiet (Enter opens the thread)"), self.quiet, 3),
                (self.tr("&No comment after 3 days"), self.silent, 3),
                (self.tr("&This week"), self.week, 2)):
            title = QLabel(label, self)
            title.setBuddy(widget)
            layout.addWidget(title)
            layout.addWidget(widget, stretch)
        layout.addWidget(self.buttons)
        self.resize(760, 700)

    def _list(self, name: str, title: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        widget.setWordWrap(True)
        return widget

    @property
    def loading(self) -> bool:
        return self.patch is None and self.scope.text() == self.tr("Reading the cache…")

    def _deliver(self, future: Any) -> None:
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - shown as one line in the dialog
            result = exc
        try:
            self._read.emit(result)
        except RuntimeError:
            pass  # the dialog was closed and deleted meanwhile

    def _on_read(self, result: object) -> None:
        if isinstance(result, Exception):
            self.scope.setText(self.tr("The patch could not be read: %1").replace(
                "%1", str(result).splitlines()[0] if str(result) else type(result).__name__))
            return
        p: Patch = result  # type: ignore[assignment]
        self.patch = p
        self.scope.setText(self.tr("Your areas: %1").replace("%1", ", ".join(p.areas))
                           if p.areas else self.tr("All areas"))
        # plain text rows: titles and names come from the server
        for q in p.quiet:
            what = self.tr("an open question") if q.kind == "question" else \
                self.tr("a discussion, %n comment(s)", "", q.comments)
            row = QListWidgetItem(
                f"{q.title}\n" + self.tr("%1 · %2 · quiet since %3").replace("%1", q.area or "–")
                .replace("%2", what).replace("%3", _date(q.last_at)), self.quiet)
            row.setData(KEY_ROLE, q.key)
        if not p.quiet:
            QListWidgetItem(self.tr("Nothing has gone quiet."), self.quiet)
        for s in p.silent:
            tip = self.tr("Ask a question at the end of the post") if s.suggestion == "question" \
                else self.tr("@mention someone who knows the answer")
            QListWidgetItem(f"{s.title}\n" + self.tr("%1 · posted %2 · %3")
                            .replace("%1", s.area or "–").replace("%2", _date(s.created_at))
                            .replace("%3", tip), self.silent)
        if not p.silent:
            QListWidgetItem(self.tr("Every recent post has comments."), self.silent)
        w = p.week
        for text in (
                self.tr("%n comment(s) came in", "", w.came_in),
                self.tr("%1 of %2 new comments answered by the team").replace("%1", str(w.answered))
                .replace("%2", str(w.input)),
                self.tr("%n new contributor(s)", "", len(w.new_people))
                + (": " + ", ".join(w.new_people) if w.new_people else "")):
            QListWidgetItem(text, self.week)
        for widget in (self.quiet, self.silent, self.week):
            widget.setCurrentRow(0)
        self.quiet.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, row: QListWidgetItem) -> None:
        key = row.data(KEY_ROLE)
        if key:
            self._open_item(key)
            self.accept()
