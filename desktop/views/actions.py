"""The desk's actions: one QAction each, with icon, shortcut and accessible text.

Defined once and used by the toolbar, the context menu and the keyboard, so a shortcut shown
in the ? dialog is the one that works.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop.models import vocabulary
from desktop.views import icons


def _t(text: object) -> str:
    """Translate a label marked with QT_TRANSLATE_NOOP("Actions", …) below.

    lupdate only sees literal strings, so the tables mark theirs where they are written and
    this looks them up at run time. The marker hands back its str, but is typed ``object``.
    """
    return QCoreApplication.translate("Actions", str(text))


# kind, icon, label, shortcuts; kinds that are also DeskService.act() kinds act on items.
ITEM_ACTIONS: tuple[tuple[str, str, object, tuple[str, ...]], ...] = (
    ("reply", "reply", QT_TRANSLATE_NOOP("Actions", "&Reply"), ("R",)),
    ("approve", "approve", QT_TRANSLATE_NOOP("Actions", "&Approve"), ("A",)),
    ("hide", "hide", QT_TRANSLATE_NOOP("Actions", "&Hide"), ("H",)),
    ("spam", "spam", QT_TRANSLATE_NOOP("Actions", "Mark as &spam"), ("S",)),
    ("delete", "delete", QT_TRANSLATE_NOOP("Actions", "&Delete"), ("Del",)),
    # Offered in the Removed view only (main_window._update_actions).
    ("restore", "restore", QT_TRANSLATE_NOOP("Actions", "Res&tore"), ("T",)),
    ("like", "like", QT_TRANSLATE_NOOP("Actions", "&Like / thank"), ("L",)),
    ("lock", "lock", QT_TRANSLATE_NOOP("Actions", "Lock or unlock the &thread"), ("Shift+L",)),
    ("done", "done", QT_TRANSLATE_NOOP("Actions", "Mark &done"), ("E",)),
    ("snooze", "snooze", QT_TRANSLATE_NOOP("Actions", "S&nooze…"), ("Z",)),
    ("followup", "followup", QT_TRANSLATE_NOOP("Actions", "&Follow up later"), ("F",)),
    ("reopen", "lane-reply", QT_TRANSLATE_NOOP("Actions", "Re&open"), ()),
)
# Actions that work on a multi-selection.
BULK = frozenset({"approve", "hide", "spam", "delete", "restore", "like", "done", "snooze",
                  "followup", "reopen"})

def _keys(view: str) -> tuple[str, ...]:
    return (vocabulary.VIEW_KEYS[view],)


NAV_ACTIONS: tuple[tuple[str, object, tuple[str, ...]], ...] = (
    ("next", QT_TRANSLATE_NOOP("Actions", "&Next item"), ("J",)),
    ("previous", QT_TRANSLATE_NOOP("Actions", "&Previous item"), ("K",)),
    # Shift+J/K grow the selection for a bulk action, as J/K move it.
    ("extend_next", QT_TRANSLATE_NOOP("Actions", "Add the next item to the selection"),
     ("Shift+J",)),
    ("extend_previous", QT_TRANSLATE_NOOP("Actions", "Add the previous item to the selection"),
     ("Shift+K",)),
    ("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), ("Ctrl+Z", "U")),
    ("search", QT_TRANSLATE_NOOP("Actions", "&Search"), ("/",)),
    ("save_search", QT_TRANSLATE_NOOP("Actions", "Sa&ve this search"), ("Ctrl+S",)),
    ("sync", QT_TRANSLATE_NOOP("Actions", "S&ync now"), ("F5",)),
    # re-reads every comment of a site that only a sweep can check (WordPress edits)
    ("full_check", QT_TRANSLATE_NOOP("Actions", "Full &check"), ("Shift+F5",)),
    ("outbox", QT_TRANSLATE_NOOP("Actions", "&Outbox…"), ("Ctrl+O",)),
    ("account", QT_TRANSLATE_NOOP("Actions", "&Add an account…"), ()),
    ("remove_account", QT_TRANSLATE_NOOP("Actions", "Re&move account…"), ("Ctrl+Shift+Del",)),
    ("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"), ("?",)),
    ("preferences", QT_TRANSLATE_NOOP("Actions", "P&references…"), ("Ctrl+,",)),
    ("templates", QT_TRANSLATE_NOOP("Actions", "Saved re&plies…"), ("Ctrl+Shift+R",)),
    ("digest", QT_TRANSLATE_NOOP("Actions", "&Digest…"), ("Ctrl+Shift+D",)),
    ("dashboard", QT_TRANSLATE_NOOP("Actions", "Das&hboard…"), ("Ctrl+D",)),
    ("patch", QT_TRANSLATE_NOOP("Actions", "My &patch…"), ("Ctrl+Shift+P",)),
    ("lane_reply", QT_TRANSLATE_NOOP("Actions", "Lane: Reply"), _keys("reply")),
    ("lane_moderate", QT_TRANSLATE_NOOP("Actions", "Lane: Moderate"), _keys("moderate")),
    ("lane_acknowledge", QT_TRANSLATE_NOOP("Actions", "Lane: Acknowledge"),
     _keys("acknowledge")),
    ("lane_done", QT_TRANSLATE_NOOP("Actions", "Lane: Done"), _keys("done")),
    ("lane_snoozed", QT_TRANSLATE_NOOP("Actions", "Lane: Snoozed"), _keys("snoozed")),
    ("lane_followup", QT_TRANSLATE_NOOP("Actions", "Lane: Follow-up"), _keys("followup")),
    ("lane_removed", QT_TRANSLATE_NOOP("Actions", "Removed: hidden, spam and deleted"),
     _keys("removed")),
    ("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",)),
)
NAV_ICONS = {"undo": "restore", "search": "search", "sync": "sync", "outbox": "outbox",
             "account": "account", "remove_account": "account"}


def build_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for kind, icon_name, label, keys in ITEM_ACTIONS:
        actions[kind] = _action(parent, kind, _t(label), keys, icon_name)
    for name, label, keys in NAV_ACTIONS:
        actions[name] = _action(parent, name, _t(label), keys, NAV_ICONS.get(name))
    return actions


def _action(parent: QWidget, name: str, label: str, keys: tuple[str, ...],
            icon_name: str | None) -> QAction:
    action = QAction(label, parent)
    action.setObjectName("action-" + name)
    if icon_name:
        action.setIcon(icons.icon(icon_name))
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                          for k in keys)
        action.setToolTip(f"{label.replace('&', '')} ({shown})")
    parent.addAction(action)
    return action


def shortcut_table(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions.values():
        keys = action.shortcuts()
        if keys:
            rows.append((", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                   for k in keys), action.text().replace("&", "")))
    return rows


# --- snooze --------------------------------------------------------------------------------

class SnoozeMenu(QMenu):
    """Tomorrow / next week / a date; emits the chosen time through ``chosen``."""

    def __init__(self, parent: QWidget, on_chosen) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Snooze until"))
        self.setObjectName("snooze-menu")
        self.setIcon(icons.icon("snooze"))
        self._on_chosen = on_chosen
        self.tomorrow = self.addAction(self.tr("&Tomorrow morning"))
        self.next_week = self.addAction(self.tr("&Next week"))
        self.pick = self.addAction(self.tr("&Pick a date…"))
        self.tomorrow.triggered.connect(lambda: self._on_chosen(vocabulary.preset(vocabulary.TOMORROW)))
        self.next_week.triggered.connect(lambda: self._on_chosen(vocabulary.preset(vocabulary.NEXT_WEEK)))
        self.pick.triggered.connect(self._pick)

    def _pick(self) -> None:
        # Imported here: the date picker is rare, and nothing of it belongs in the first frame.
        from PySide6.QtCore import QDate, QDateTime, QTime
        from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout

        dialog = QDialog(self.parentWidget())
        dialog.setWindowTitle(self.tr("Snooze until"))
        calendar = QCalendarWidget(dialog)
        calendar.setMinimumDate(QDate.currentDate().addDays(1))
        calendar.setAccessibleName(self.tr("Snooze until"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            when = QDateTime(calendar.selectedDate(), QTime(vocabulary.MORNING_HOUR, 0))
            self._on_chosen(when.toSecsSinceEpoch())
