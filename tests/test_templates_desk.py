"""Saved replies in the desk: the picker in the composer driven by real keys, the dialog, and
a picked reply that reaches the demo server once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo_data import count
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    desk_fixture,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier


def _composer_on_first_reply(qtbot: Any, d: Desk) -> Any:
    w = d.window
    qtbot.waitUntil(lambda: w.started)
    w.set_lane("reply")
    assert w.model.total() > 0
    w.queue.setFocus()
    qtbot.keyClick(w.queue, Qt.Key.Key_R)  # R: the composer, as a person gets there
    composer = w.composer
    qtbot.waitUntil(composer.edit.hasFocus)
    return composer


def _facts(d: Desk, key: str) -> Any:
    from desktop.models import templates as tmpl

    return tmpl.item_facts(d.controller.reader, key)


def test_ctrl_space_filter_and_return_insert_the_filled_reply(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    key = composer.key
    qtbot.keyClicks(composer.edit, "Hello. ")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space, CTRL)
    picker = composer.picker
    assert picker.isVisible() and picker.filter.hasFocus()
    assert picker.current_id() == desk.controller.service.templates.all()[0].id  # first match
    qtbot.keyClicks(picker.filter, "feedb")
    assert picker.list.count() == 1 and picker.current_id() == "thanks-feedback"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible() and composer.edit.hasFocus()
    facts = _facts(desk, key)
    first = facts.author.split()[0]
    text = composer.edit.toPlainText()
    assert text.startswith("Hello. ")
    assert first in text and (facts.area or "") in text and "{" not in text
    # typing goes on where the reply ended
    qtbot.keyClicks(composer.edit, " Bye")
    assert composer.edit.toPlainText().endswith(". Bye")


def test_hash_at_a_words_start_opens_the_picker_and_is_replaced(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    qtbot.keyClicks(composer.edit, "C#")  # inside a word: a character
    assert composer._picker is None or not composer.picker.isVisible()
    qtbot.keyClicks(composer.edit, " #")
    picker = composer.picker
    assert picker.isVisible()
    qtbot.keyClicks(picker.filter, "civil")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)  # one match: stays on it
    assert picker.current_id() == "keep-civil"
    assert "{" not in picker.preview.text() and picker.preview.text()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Enter)
    text = composer.edit.toPlainText()
    assert text.startswith("C# ") and "#" not in text[3:]
    assert _facts(desk, composer.key).author in text


def test_escape_closes_and_keeps_the_text(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    qtbot.keyClicks(composer.edit, "Price #")
    assert composer.picker.isVisible()
    qtbot.keyClicks(composer.picker.filter, "zzzz")
    assert composer.picker.list.count() == 0
    qtbot.keyClick(composer.picker.filter, Qt.Key.Key_Return)  # nothing to insert
    assert composer.picker.isVisible()
    qtbot.keyClick(composer.picker.filter, Qt.Key.Key_Escape)
    assert not composer.picker.isVisible() and composer.edit.hasFocus()
    assert composer.edit.toPlainText() == "Price #"


def test_a_picked_reply_lands_once_on_the_server(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    key = composer.key
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space, CTRL)
    qtbot.keyClicks(composer.picker.filter, "fixed")
    qtbot.keyClick(composer.picker.filter, Qt.Key.Key_Return)
    text = composer.edit.toPlainText()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, CTRL)
    desk.settle()
    rid = int(key.split(":c")[1])
    assert count(desk.server, "SELECT COUNT(*) FROM comments WHERE parent_id = ? AND "
                 "body_html LIKE ?", rid, f"%{text.split('!')[0][-20:]}%") == 1


def test_the_dialog_adds_edits_flags_deletes_and_survives_a_bad_import(
        qtbot: Any, desk: Desk, tmp_path: Path) -> None:
    from desktop.views.actions import shortcut_table

    w = desk.window
    qtbot.waitUntil(lambda: w.started)
    assert ("Ctrl+Shift+R", "Saved replies…") in shortcut_table(w.actions_)  # the ? dialog
    w.queue.setFocus()
    qtbot.keyClick(w.queue, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = w._templates_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    service = desk.controller.service.templates
    before = len(service.all())

    qtbot.keyClick(dialog.list, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &New
    qtbot.waitUntil(dialog.name.hasFocus)
    qtbot.keyClicks(dialog.name, "lunch")
    qtbot.keyClicks(dialog.titles["en"], "Lunch")
    dialog.bodies["de"].setFocus()
    qtbot.keyClicks(dialog.bodies["de"], "Guten Appetit, {vorname}!")
    assert "{vorname}" in dialog.flag.text()  # flagged while typing
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "lunch" in dialog.template_ids() and len(service.all()) == before + 1
    saved = service.find("lunch")
    assert saved.body == {"de": "Guten Appetit, {vorname}!"}  # kept literally
    assert "⚠" in dialog.list.currentItem().text()

    # a bad file: one message, nothing lost
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"templates": [{"id": "x", "body": {"xx": "?"}}]}))
    every = service.all()
    assert not dialog.import_file(bad)
    assert "cannot be imported" in dialog.message.text() and "unchanged" in dialog.message.text()
    assert service.all() == every and dialog.template_ids() == [t.id for t in every]
    assert not dialog.import_file(tmp_path / "missing.json")
    assert service.all() == every

    out = tmp_path / "team.json"
    assert dialog.export_file(out)
    assert dialog.list.currentItem() is not None
    dialog.list.setCurrentRow(dialog.template_ids().index("lunch"))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "lunch" not in dialog.template_ids()
    assert dialog.import_file(out)  # the team's file brings it back
    assert service.find("lunch") is not None


def test_a_click_chooses_and_a_click_elsewhere_closes_quietly(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space, CTRL)
    picker = composer.picker
    second = picker.list.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=picker.list.visualItemRect(picker.list.item(1)).center())
    assert not picker.isVisible()
    filled = desk.controller.service.templates.reply(
        desk.controller.service.templates.find(second), composer.key).text
    assert composer.edit.toPlainText() == filled

    composer.edit.clear()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space, CTRL)
    assert picker.isVisible()
    search = desk.window.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert search.hasFocus() and composer.edit.toPlainText() == ""


def test_title_matches_come_before_text_matches(qtbot: Any, desk: Desk) -> None:
    composer = _composer_on_first_reply(qtbot, desk)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space, CTRL)
    qtbot.keyClicks(composer.picker.filter, "thanks")
    shown = [composer.picker.list.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(composer.picker.list.count())]
    assert shown[:2] == ["thanks-idea", "thanks-feedback"]
    assert "answered-elsewhere" in shown[2:]  # "Thanks for asking" in its text
    assert composer.picker.current_id() == "thanks-idea"
