"""The Preferences dialog, driven by keyboard over a real profile's settings on the writer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_fixtures import empty_desk_fixture, qloop_fixture  # noqa: F401 - fixtures
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPlainTextEdit, QSpinBox
from records import NOW, base_batch, comment, page

from desktop.models import accounts
from desktop.models.settings import GROUPS, SETTINGS, Change
from desktop.models.store import Store
from desktop.views.actions import shortcut_table
from desktop.views.preferences import PreferencesDialog

OK = QDialogButtonBox.StandardButton.Ok
APPLY = QDialogButtonBox.StandardButton.Apply


class Profile:
    def __init__(self, path: Path) -> None:
        from desktop.services.desk import DeskService

        store = Store(path)
        accounts.save_account(store, accounts.Account(
            "intra", "reference", "http://intranet.test", "erik", user_id="10", role="editor"))
        b = base_batch()
        b.comments = [comment(1, "When does it open?")]
        store.begin_sync("intra")
        store.apply_page("intra", page(b, "1"), now=NOW)
        store.finish_sync("intra", now=NOW)
        store.close()
        self.service = DeskService(path)
        self.source = self.service.settings

    def get(self, key: str, account: str | None = None, area: str | None = None) -> Any:
        return self.source.lookup(key, account, area)[0]


@pytest.fixture
def prefs(tmp_path: Path) -> Iterator[Profile]:
    p = Profile(tmp_path / "p")
    yield p
    asyncio.run(p.service.aclose())


def _open(qtbot: Any, prefs: Profile) -> PreferencesDialog:
    dialog = PreferencesDialog(prefs.source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _focus(qtbot: Any, dialog: PreferencesDialog, key: str) -> None:
    """Reach a field by its label's mnemonic, as a person would (Alt+letter)."""
    label = next(lbl for lbl in dialog.findChildren(QLabel)
                 if lbl.buddy() is dialog.editors[key].widget)
    letter = label.text()[label.text().index("&") + 1]
    widget = dialog.editors[key].widget
    for _ in range(4):  # a mnemonic shared by several labels cycles through them
        qtbot.keyClick(QApplication.focusWidget() or dialog, letter,
                       Qt.KeyboardModifier.AltModifier)
        if QApplication.focusWidget() is widget:
            return
    raise AssertionError(f"Alt+{letter} does not reach {key}")


def _type(qtbot: Any, text: str) -> None:
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_change_a_value_by_keyboard_and_apply_stores_it(qtbot: Any, prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Sync
    assert dialog.tabs.currentIndex() == 1
    _focus(qtbot, dialog, "sync_interval")
    spin = dialog.editors["sync_interval"].widget
    assert isinstance(spin, QSpinBox) and spin.suffix().strip() == "min"
    _type(qtbot, "5")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert prefs.get("sync_interval") == 60  # nothing stored before Apply
    with qtbot.waitSignal(dialog.applied):
        qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Apply
    assert prefs.get("sync_interval") == 300
    assert dialog.isVisible()
    assert "restart" in dialog.message.text()


def test_cancel_keeps_nothing(qtbot: Any, prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    _focus(qtbot, dialog, "theme")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert dialog.editors["theme"].widget.currentData() == "light"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert prefs.get("theme") == "system"


def test_an_invalid_word_shows_a_message_and_keeps_ok_disabled(qtbot: Any,
                                                             prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    dialog.tabs.setCurrentIndex(list(GROUPS).index(SETTINGS["insults_en"].group))
    _focus(qtbot, dialog, "insults_en")
    edit = dialog.editors["insults_en"].widget
    assert isinstance(edit, QPlainTextEdit)
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "l33t")
    assert "'l33t' is not a word or phrase" in dialog.message.text()
    assert not dialog.buttons.button(OK).isEnabled()
    assert not dialog.buttons.button(APPLY).isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter in the list is a new line, not OK
    assert dialog.isVisible()
    for _ in range(5):  # "l33t" and the line break before the next one
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "fart")
    assert dialog.buttons.button(OK).isEnabled() and dialog.message.text() == ""
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # Tab leaves the list
    assert QApplication.focusWidget() is not edit
    dialog.buttons.button(OK).click()
    assert not dialog.isVisible()
    assert prefs.get("insults_en")[-1] == "fart"


def test_the_scope_selector_stores_per_account_and_area(qtbot: Any, prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    labels = [dialog.scope.itemText(i) for i in range(dialog.scope.count())]
    assert labels == ["Every account", "intra", "intra › Finance", "intra › Oslo"]
    assert dialog.editors["sync_interval"].widget.isEnabled()
    dialog.scope.setCurrentIndex(2)  # Finance
    assert not dialog.editors["sync_interval"].widget.isEnabled()  # app only
    assert not dialog.editors["insults_en"].widget.isEnabled()  # per account, not area
    deadline = dialog.editors["deadline_question"].widget
    assert deadline.isEnabled() and deadline.suffix().strip() == "h" and deadline.value() == 24
    deadline.setValue(2)
    results: list[Any] = []
    dialog.applied.connect(results.append)
    assert dialog.apply()
    results[0].result(timeout=30)  # the re-triage on the writer
    assert prefs.get("deadline_question", "intra", "2") == 7200
    assert prefs.get("deadline_question", "intra", "1") == 24 * 3600
    assert prefs.get("deadline_question") == 24 * 3600


def test_restore_defaults_forgets_the_values_of_this_scope(qtbot: Any, prefs: Profile) -> None:
    prefs.source.apply([Change("max_links_en", 7), Change("max_links_en", 9, "intra")]).result()
    dialog = _open(qtbot, prefs)
    dialog.scope.setCurrentIndex(1)  # intra
    assert dialog.editors["max_links_en"].widget.value() == 9
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.editors["max_links_en"].widget.value() == 7  # what every account has
    assert dialog.apply()
    assert prefs.source.lookup("max_links_en", "intra") == (7, "app")


def test_every_field_has_a_label_buddy_and_an_accessible_name(qtbot: Any,
                                                             prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    buddies = {lbl.buddy() for lbl in dialog.findChildren(QLabel) if "&" in lbl.text()}
    for key, editor in dialog.editors.items():
        w = editor.widget
        assert w in buddies, key
        assert w.accessibleName() and w.accessibleDescription(), key
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, key


def test_every_field_of_a_page_is_reached_by_tab(qtbot: Any, prefs: Profile) -> None:
    dialog = _open(qtbot, prefs)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        page = dialog.tabs.currentWidget()
        wanted = {e.widget for e in dialog.editors.values()
                  if page.isAncestorOf(e.widget)}
        dialog.scope.setFocus()
        seen = set()
        for _ in range(40):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen.add(QApplication.focusWidget())
        assert wanted <= seen, dialog.tabs.tabText(index)


def test_ctrl_comma_opens_preferences_from_the_desk(qtbot: Any, empty_desk: Any) -> None:
    window = empty_desk.window
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "_preferences", None) is not None
                    and window._preferences.isVisible())
    rows = {what: keys for keys, what in shortcut_table(window.actions_)}
    assert rows["Preferences…"] == "Ctrl+,"  # and so in the ? dialog
    window._preferences.reject()



def test_labels_and_messages_are_translated_where_shown(qtbot: Any, prefs: Profile) -> None:
    from desktop.app import install_translators

    app = QApplication.instance()
    installed = install_translators(app, "de")
    try:
        dialog = _open(qtbot, prefs)
        assert dialog.tabs.tabText(0) == "Allgemein"
        assert dialog.editors["theme"].widget.itemText(2) == "Dunkel"
        dialog.tabs.setCurrentIndex(list(GROUPS).index("rules_en"))
        dialog.editors["insults_en"].widget.setPlainText("l33t")
        assert "ist kein Wort" in dialog.message.text()
    finally:
        for t in installed:
            app.removeTranslator(t)
