"""The dialogs the desk opens (shortcuts, outbox, preferences, accounts), apart from the window's
lanes and panes so that ``main_window`` stays about the queue.

A mixin of ``MainWindow``: each dialog is imported when it is first opened (none of them is in
the first frame) and kept on the window, since a dialog without a reference is collected at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.models.outbox_types import CONFLICT, FAILED, IN_FLIGHT, QUEUED, UNKNOWN
from desktop.views.actions import shortcut_table

if TYPE_CHECKING:
    from desktop.controller import DeskController

# What the outbox still holds of an account that removing it gives up (done ones are history).
UNSENT_STATES = (QUEUED, IN_FLIGHT, UNKNOWN, CONFLICT, FAILED)


class DeskDialogs:
    """Dialog openers of the main window (mixed into ``MainWindow``)."""

    controller: DeskController
    actions_: dict[str, QAction]
    _account: str | None
    open_item: Callable[[str], None]  # the window's: show an item a digest names

    def _window(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def show_shortcuts(self) -> None:
        from desktop.views.shortcuts_dialog import ShortcutsDialog

        self._shortcuts = ShortcutsDialog(shortcut_table(self.actions_), self._window())
        self._shortcuts.open()

    def open_outbox(self) -> None:
        from desktop.views.outbox_dialog import OutboxDialog

        dialog = OutboxDialog(self.controller, self._window())
        self._outbox = dialog
        dialog.open()

    def open_preferences(self) -> None:
        from desktop.views.preferences import PreferencesDialog

        alerts = self.controller.alerts
        missing = alerts is not None and alerts.bus.available is False
        notes = {"notify": QCoreApplication.translate(
            "MainWindow", "This computer has no desktop notification service: the desk "
                          "works without, the digest keeps what came in.")} if missing else None
        self._preferences = PreferencesDialog(self.controller.service.settings, self._window(),
                                              notes=notes)
        self._preferences.applied.connect(self.controller.settings_applied)
        self._preferences.open()

    def open_templates(self) -> None:
        from desktop.views.templates_dialog import TemplatesDialog

        self._templates_dialog = TemplatesDialog(self.controller.service.templates,
                                                 self._window())
        self._templates_dialog.open()

    def open_digest(self) -> None:
        from desktop.views.digest import DigestDialog

        alerts = self.controller.alerts
        self._digest = DigestDialog(alerts.digest if alerts else [], self.open_item,
                                    self._window())
        self._digest.open()

    def open_dashboard(self) -> None:
        from desktop.views.dashboard import DashboardDialog

        self._dashboard = DashboardDialog(self.controller.service, self._window())
        self._dashboard.open()

    def open_patch(self) -> None:
        from desktop.views.patch import PatchDialog

        self._patch = PatchDialog(self.controller.service, self.open_item, self._window())
        self._patch.open()

    def open_account_dialog(self) -> None:
        from desktop.views.account_dialog import AccountDialog

        self._account_dialog = AccountDialog(self.controller, self._window())
        self._account_dialog.open()

    def open_remove_account(self, name: str | None = None) -> None:
        """Ask before removing ``name`` (default: the account the sidebar shows, else the
        first); the dialog lets the person pick another."""
        from desktop.views.remove_account import RemoveAccountDialog

        names = [a.name for a in self.controller.accounts()]
        if not names:
            return
        unsent: dict[str, int] = {}
        for entry in self.controller.outbox_entries(UNSENT_STATES):
            unsent[entry.account] = unsent.get(entry.account, 0) + 1
        chosen = name or self._account or names[0]
        self._remove_account = RemoveAccountDialog(names, unsent, chosen, self._window())
        self._remove_account.confirmed.connect(self.controller.remove_account)
        self._remove_account.open()

    def _account_menu(self, name: str, pos: QPoint) -> None:
        """The sidebar's context menu on an account."""
        menu = QMenu(self._window())
        menu.setObjectName("account-menu")
        remove = menu.addAction(QCoreApplication.translate("DeskDialogs", "&Remove account “%1”…").replace("%1", name))
        remove.triggered.connect(lambda: self.open_remove_account(name))
        menu.addAction(self.actions_["account"])
        self._menu = menu
        menu.popup(pos)
