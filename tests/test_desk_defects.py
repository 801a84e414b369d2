"""Small defects seen from outside (issue 14, part 6), each pressed as a person presses it:
the welcome page's demo button, the Removed view and its Restore, lane keys 6 and 7, removing
an account, and the @mention list. The truth is the demo server's own file and the profile's
databases, read back through the models."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    EmptyDesk,
    empty_desk_fixture,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import SIGNAL, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMenu, QTableWidget

from desktop.models import outbox, queries
from desktop.views.composer import Composer
from desktop.views.remove_account import RemoveAccountDialog

ERIK = 3  # the demo's editor (desktop/demo/generator.py FIXED_USERS)


def press(qtbot: Any, d: Desk, key: Qt.Key) -> None:
    d.window.queue.setFocus()
    qtbot.keyClick(d.window.queue, key)


def server(d: Desk, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{d.server.data}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def comment_id(key: str) -> int:
    return int(key.split(":", 1)[1].lstrip("c"))


def keys_in_view(d: Desk) -> list[str]:
    w = d.window
    w.model.expose(max(0, w.model.total() - 1))
    return [w.model.key(r) for r in range(w.model.rowCount())]


# --- the welcome page ------------------------------------------------------------------------

def test_one_click_on_try_the_demo_asks_for_one_demo(qtbot: Any, empty_desk: EmptyDesk) -> None:
    w = empty_desk.window
    assert w.stack.currentWidget() is w.welcome
    requests: list[bool] = []
    w.demo_requested.connect(lambda: requests.append(True))
    # The welcome page has one listener (the window, which passes the request on to the
    # composition root): a second handler would start a second thing.
    assert w.welcome.receivers(SIGNAL("demo_requested()")) == 1
    qtbot.mouseClick(w.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert requests == [True]
    assert not w.banner.isVisible()  # no "start it yourself" message besides the demo
    w.welcome.demo_button.setFocus()
    qtbot.keyClick(w.welcome.demo_button, Qt.Key.Key_Space)
    assert requests == [True, True]


# --- the Removed view ------------------------------------------------------------------------

def test_hide_then_restore_from_the_removed_view_by_keys(qtbot: Any, open_desk: Any,
                                                         own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    press(qtbot, d, Qt.Key.Key_1)
    assert w._lane == "reply"
    assert not w.actions_["restore"].isVisible()  # nothing in a lane can be restored
    # a published comment on erik's own post: an editor may moderate it
    mine = {f"demo:c{cid}" for (cid,) in server(
        d, "SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id "
        "WHERE p.author_id = ? AND c.status = 'published'", ERIK)}
    key = next(k for k in keys_in_view(d) if k in mine)
    w.select_row(w.model.row_of_id(queries.item(d.controller.reader, key).local_id))
    press(qtbot, d, Qt.Key.Key_T)  # Restore's key does nothing outside the Removed view,
    d.settle()
    assert not outbox.entries(d.controller.reader, None)
    assert w.selected_keys() == [key]  # nor does it jump to an item starting with a T

    press(qtbot, d, Qt.Key.Key_H)
    d.settle()
    assert server(d, "SELECT status FROM comments WHERE id = ?", comment_id(key)) == [
        ("hidden",)]
    assert key not in keys_in_view(d)

    press(qtbot, d, Qt.Key.Key_7)
    assert w._lane == "removed"
    assert w.sidebar.currentItem() is w.sidebar._lanes["removed"]
    assert w.actions_["restore"].isVisible() and w.actions_["restore"].isEnabled()
    assert key in keys_in_view(d)
    w.select_row(w.model.row_of_id(queries.item(d.controller.reader, key).local_id))
    assert w.selected_keys() == [key]
    press(qtbot, d, Qt.Key.Key_T)
    d.settle()
    assert server(d, "SELECT status FROM comments WHERE id = ?", comment_id(key)) == [
        ("published",)]
    assert key not in keys_in_view(d)
    # sent once: one hide and one restore in the server's idempotency ledger for the comment
    ledger = server(d, "SELECT path FROM idempotency WHERE user_id = ? AND path LIKE ?",
                    ERIK, f"%/comments/{comment_id(key)}%")
    assert len(ledger) == 2, ledger

    press(qtbot, d, Qt.Key.Key_1)
    assert key in keys_in_view(d)
    assert queries.item(d.controller.reader, key).lane == "reply"


def test_restore_is_not_offered_to_an_account_that_may_not_restore(
        qtbot: Any, qloop: Any, tmp_path: Any, memory_keyring: Any,
        own_demo_server: Any) -> None:
    from PySide6.QtCore import QSettings

    from desktop.controller import DeskController
    from desktop.services.desk import DeskService
    from desktop.views.main_window import MainWindow

    service = DeskService(tmp_path / "kari")  # an employee: reply and like only
    qloop.run_until_complete(service.add_account(
        "demo", "reference", own_demo_server.url, "kari", own_demo_server.tokens["kari"]))
    qloop.run_until_complete(service.sync())
    controller = DeskController(service, loop=qloop, undo_seconds=0.3, sync_interval_ms=0)
    w = MainWindow(controller, QSettings(str(tmp_path / "desk.ini"),
                                         QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    try:
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        d = Desk(w, controller, qloop, own_demo_server, tmp_path / "kari")
        press(qtbot, d, Qt.Key.Key_7)
        assert w._lane == "removed"
        assert not w.actions_["restore"].isVisible()
        assert not w.actions_["restore"].isEnabled()
        press(qtbot, d, Qt.Key.Key_T)
        d.settle()
        assert not outbox.entries(controller.reader, None)
    finally:
        w.close()
        qloop.run_until_complete(controller.aclose())


def test_the_removed_view_says_what_it_is_for(qtbot: Any, open_desk: Any,
                                             own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    press(qtbot, d, Qt.Key.Key_7)
    # the text the list shows when it is empty (the small demo may have removed comments)
    assert "hidden, spam and deleted comments show here" in d.window.queue._empty_text
    press(qtbot, d, Qt.Key.Key_1)
    assert "hidden, spam" not in d.window.queue._empty_text


def test_keys_six_and_seven_and_the_shortcuts_dialog(qtbot: Any, open_desk: Any,
                                                     own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    press(qtbot, d, Qt.Key.Key_6)
    assert w._lane == "followup"
    assert w.sidebar.currentItem() is w.sidebar._lanes["followup"]
    press(qtbot, d, Qt.Key.Key_7)
    assert w._lane == "removed"
    w.queue.setFocus()
    qtbot.keyClicks(w.queue, "?")
    qtbot.waitUntil(lambda: getattr(w, "_shortcuts", None) is not None)
    table = w._shortcuts.findChild(QTableWidget, "shortcuts")
    rows = {(table.item(r, 0).text(), table.item(r, 1).text())
            for r in range(table.rowCount())}
    assert ("6", "Lane: Follow-up") in rows
    assert ("7", "Removed: hidden, spam and deleted") in rows
    assert ("T", "Restore") in rows
    w._shortcuts.close()


# --- removing an account ---------------------------------------------------------------------

def test_remove_an_account_from_the_sidebar_by_keyboard(qtbot: Any, open_desk: Any,
                                                        own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    reader = d.controller.reader
    assert sum(queries.lane_counts(reader).values()) > 0
    # Two actions that cannot be sent (the server is gone) wait in the outbox.
    own_demo_server.stop()
    press(qtbot, d, Qt.Key.Key_1)
    press(qtbot, d, Qt.Key.Key_L)
    d.settle()
    press(qtbot, d, Qt.Key.Key_J)
    press(qtbot, d, Qt.Key.Key_L)
    d.settle()
    waiting = outbox.entries(reader, outbox.OPEN_STATES + outbox.ATTENTION_STATES)
    assert len(waiting) == 2

    sidebar = w.sidebar
    sidebar.setFocus()
    account = next(sidebar._accounts_root.child(i)
                   for i in range(sidebar._accounts_root.childCount())
                   if sidebar._accounts_root.child(i).data(0, Qt.ItemDataRole.UserRole)[1])
    sidebar.setCurrentItem(account)
    qtbot.keyClick(sidebar, Qt.Key.Key_Menu)
    menu = w._menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_R)  # "&Remove account “demo”…"
    qtbot.waitUntil(lambda: getattr(w, "_remove_account", None) is not None
                    and w._remove_account.isVisible())
    dialog: RemoveAccountDialog = w._remove_account
    assert dialog.account.currentText() == "demo"
    assert "2 actions of this account not yet sent will be discarded" in dialog.unsent.text()
    assert "cached" in dialog.lost.text()
    # Return is Cancel (the default): nothing is lost by a stray Enter
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [a.name for a in d.controller.accounts()] == ["demo"]

    # the tool bar's entry (and its key) asks the same question
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.queue, Qt.Key.Key_Delete,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w._remove_account is not dialog
    dialog = w._remove_account
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # mnemonics work in the active window (a window manager's job)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    # a mnemonic clicks its button a moment later (animateClick): run the loop until then
    d.until(lambda: not dialog.isVisible())
    d.settle()
    assert d.controller.accounts() == []
    assert outbox.entries(reader, None) == []
    assert sum(queries.lane_counts(reader).values()) == 0
    assert w.stack.currentWidget() is w.welcome


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The catalogue the desk installs for English: "1 action", "4 actions"."""
    from desktop.app import install_translators

    installed = install_translators(qapp, "en")
    yield
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_the_confirmation_counts_only_that_accounts_unsent_actions(qtbot: Any,
                                                                    english: None) -> None:
    dialog = RemoveAccountDialog(["intra", "news"], {"intra": 1, "news": 4}, "news")
    qtbot.addWidget(dialog)
    assert "4 actions" in dialog.unsent.text()
    dialog.account.setCurrentText("intra")
    assert "1 action of this account" in dialog.unsent.text()
    assert "Other accounts' actions stay queued" in dialog.unsent.text()
    chosen: list[str] = []
    dialog.confirmed.connect(chosen.append)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: chosen == ["intra"])
    assert not dialog.isVisible()


# --- @mentions ---------------------------------------------------------------------------------

PEOPLE = [("olivers", "Oliver Smith"), ("olav", "Olav Hansen"), ("osmith", "")]


def _composer(qtbot: Any) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_candidates(
        lambda prefix: [(u, d) for u, d in PEOPLE
                        if u.startswith(prefix.lower()) or d.lower().startswith(prefix.lower())])
    composer.set_item("intra:c1", "")
    composer.show()
    qtbot.waitExposed(composer)
    composer.activateWindow()
    qtbot.waitUntil(composer.isActiveWindow)
    composer.edit.setFocus()
    return composer


def _popup_key(qtbot: Any, composer: Composer, key: Qt.Key) -> None:
    # While the list is up, a person's keys go to it (it grabs the keyboard).
    target = QApplication.activePopupWidget() or composer.edit.popup
    qtbot.keyClick(target, key)


def test_return_after_a_prefix_inserts_the_first_username(qtbot: Any) -> None:
    composer = _composer(qtbot)
    edit = composer.edit
    qtbot.keyClicks(edit, "Hi @ol")
    qtbot.waitUntil(edit.popup.isVisible)
    shown = [edit.popup.model().index(r, 0).data() for r in range(edit.popup.model().rowCount())]
    assert shown == ["Oliver Smith (olivers)", "Olav Hansen (olav)"]
    assert edit.popup.currentIndex().row() == 0  # preselected
    _popup_key(qtbot, composer, Qt.Key.Key_Return)
    assert edit.toPlainText() == "Hi @olivers "
    assert not edit.popup.isVisible()


def test_tab_inserts_and_escape_closes(qtbot: Any) -> None:
    composer = _composer(qtbot)
    edit = composer.edit
    qtbot.keyClicks(edit, "@ol")
    qtbot.waitUntil(edit.popup.isVisible)
    _popup_key(qtbot, composer, Qt.Key.Key_Down)
    _popup_key(qtbot, composer, Qt.Key.Key_Tab)
    assert edit.toPlainText() == "@olav "
    qtbot.keyClicks(edit, "and @os")
    qtbot.waitUntil(edit.popup.isVisible)
    # a user without a name is shown by the username
    assert edit.popup.currentIndex().data() == "osmith"
    _popup_key(qtbot, composer, Qt.Key.Key_Escape)
    assert not edit.popup.isVisible()
    assert edit.toPlainText() == "@olav and @os"
    assert edit.hasFocus()
