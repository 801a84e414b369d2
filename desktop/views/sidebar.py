"""The left pane: lanes with live counts, accounts and their areas, saved searches."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.models.accounts import Account
from desktop.models.qt_models import translate_triage
from desktop.models.sanitize import plain_text
from desktop.views import icons

DATA = Qt.ItemDataRole.UserRole
LANE_ORDER = ("reply", "moderate", "acknowledge", "followup", "done", "snoozed", "removed")


class Sidebar(QTreeWidget):
    """Emits ``lane_chosen``, ``scope_chosen(account, area)``, ``search_chosen(text)`` and
    ``account_menu_requested(name, global position)`` (right click, the Menu key or Shift+F10
    on an account)."""

    lane_chosen = Signal(str)
    scope_chosen = Signal(object, object)  # account name | None, area | None
    search_chosen = Signal(str)
    account_menu_requested = Signal(str, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName(self.tr("Lanes, accounts and saved searches"))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self._names = {
            "reply": self.tr("Reply"), "moderate": self.tr("Moderate"),
            "acknowledge": self.tr("Acknowledge"), "followup": self.tr("Follow-up"),
            "done": self.tr("Done"), "snoozed": self.tr("Snoozed"),
            "removed": self.tr("Removed"),
        }
        self._lanes_root = self._section(self.tr("Lanes"))
        self._lanes: dict[str, QTreeWidgetItem] = {}
        for lane in LANE_ORDER:
            it = QTreeWidgetItem(self._lanes_root)
            it.setIcon(0, icons.icon("lane-" + lane))
            it.setData(0, DATA, ("lane", lane))
            self._lanes[lane] = it
        self._accounts_root = self._section(self.tr("Accounts"))
        self._searches_root = self._section(self.tr("Saved searches"))
        self.expandAll()
        self.set_counts({})
        self.itemActivated.connect(self._on_activated)
        self.currentItemChanged.connect(lambda cur, _prev: self._on_activated(cur, 0))

    def _section(self, title: str) -> QTreeWidgetItem:
        it = QTreeWidgetItem(self, [title])
        font = it.font(0)
        font.setBold(True)
        it.setFont(0, font)
        it.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return it

    # --- public ------------------------------------------------------------------------

    def lane_name(self, lane: str) -> str:
        return self._names.get(lane, lane)

    def set_counts(self, counts: dict[str, int]) -> None:
        for lane, it in self._lanes.items():
            n = counts.get(lane, 0)
            it.setText(0, f"{self._names[lane]}  ({n})")
            it.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                       self.tr("%1: %2 items").replace("%1", self._names[lane])
                       .replace("%2", str(n)))

    def set_lane(self, lane: str) -> None:
        it = self._lanes.get(lane)
        if it is not None and self.currentItem() is not it:
            self.blockSignals(True)
            self.setCurrentItem(it)
            self.blockSignals(False)

    def set_accounts(self, accounts: list[Account],
                     areas: dict[str, list[tuple[str, int]]]) -> None:
        """Accounts with their areas; an ambassador's own areas are listed as "My areas"."""
        self._accounts_root.takeChildren()
        everything = QTreeWidgetItem(self._accounts_root, [self.tr("All accounts")])
        everything.setData(0, DATA, ("scope", None, None))
        for acc in accounts:
            label = plain_text(acc.display_name or acc.username)
            it = QTreeWidgetItem(self._accounts_root,
                                 [f"{acc.name} — {label} ({translate_triage(acc.role)})"])
            it.setIcon(0, icons.icon("account"))
            it.setData(0, DATA, ("scope", acc.name, None))
            mine = set(acc.areas)
            for area, n in areas.get(acc.name, []):
                prefix = self.tr("My area: ") if area in mine else ""
                child = QTreeWidgetItem(it, [f"{prefix}{plain_text(area)}  ({n})"])
                child.setData(0, DATA, ("scope", acc.name, area))
        self._accounts_root.setExpanded(True)
        for i in range(self._accounts_root.childCount()):
            account_item = self._accounts_root.child(i)
            if account_item is not None:  # typed Optional; None only past childCount()
                account_item.setExpanded(False)

    def set_saved_searches(self, searches: list[str]) -> None:
        self._searches_root.takeChildren()
        for text in searches:
            it = QTreeWidgetItem(self._searches_root, [text])
            it.setIcon(0, icons.icon("search"))
            it.setData(0, DATA, ("search", text))
        self._searches_root.setExpanded(True)

    # --- events ----------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self._menu_for(self.currentItem(), None)
        else:
            self._menu_for(self.itemAt(event.pos()), event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Shift+F10 opens a context menu in most desktops; Qt itself only knows the Menu key.
        if (event.key() == Qt.Key.Key_Menu or (
                event.key() == Qt.Key.Key_F10
                and event.modifiers() == Qt.KeyboardModifier.ShiftModifier)):
            self._menu_for(self.currentItem(), None)
            event.accept()
            return
        super().keyPressEvent(event)

    def _menu_for(self, item: QTreeWidgetItem | None, at: QPoint | None) -> None:
        data = item.data(0, DATA) if item is not None else None
        if item is None or not data or data[0] != "scope" or data[1] is None:
            return
        if at is None:  # from the keyboard: under the item
            at = self.viewport().mapToGlobal(self.visualItemRect(item).bottomLeft())
        self.account_menu_requested.emit(data[1], at)

    # --- slots ---------------------------------------------------------------------------

    def _on_activated(self, item: QTreeWidgetItem | None, _column: int) -> None:
        data = item.data(0, DATA) if item is not None else None
        if not data:
            return
        if data[0] == "lane":
            self.lane_chosen.emit(data[1])
        elif data[0] == "scope":
            self.scope_chosen.emit(data[1], data[2])
        elif data[0] == "search":
            self.search_chosen.emit(data[1])
