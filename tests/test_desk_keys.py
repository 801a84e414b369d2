"""Every desk key pressed as a person presses it: real key events to the focused queue
(``qtbot.keyClick``), never ``QAction.trigger()``. The truth is the demo server's own file."""

from __future__ import annotations

import os
import sqlite3
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import Qt

from desktop.models import queries

SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def press(qtbot: Any, d: Desk, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    d.window.queue.setFocus()
    qtbot.keyClick(d.window.queue, key, modifier)


def status_on_server(d: Desk, key: str) -> str:
    con = sqlite3.connect(f"file:{d.server.data}?mode=ro", uri=True)
    try:
        comment = int(key.split(":", 1)[1].lstrip("c"))
        return con.execute("SELECT status FROM comments WHERE id = ?", (comment,)).fetchone()[0]
    finally:
        con.close()


def counts(d: Desk) -> dict[str, int]:
    return queries.lane_counts(d.controller.reader)


def test_spam_and_delete_keys_reach_the_server(qtbot: Any, open_desk: Any,
                                               own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    press(qtbot, d, Qt.Key.Key_2)
    assert w._lane == "moderate"
    held = [w.model.item(r) for r in range(w.model.total())]
    spam, gone = [i for i in held if i is not None and i.status == "held"][:2]

    w.select_row(w.model.row_of_id(spam.local_id))
    press(qtbot, d, Qt.Key.Key_S)
    d.settle()
    assert status_on_server(d, spam.key) == "spam"

    w.select_row(w.model.row_of_id(gone.local_id))
    press(qtbot, d, Qt.Key.Key_Delete)
    d.settle()
    assert status_on_server(d, gone.key) == "deleted"
    assert {spam.key, gone.key}.isdisjoint(w.model.key(r) for r in range(w.model.rowCount()))


def test_follow_up_snooze_and_navigation_keys(qtbot: Any, open_desk: Any,
                                              own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    press(qtbot, d, Qt.Key.Key_1)
    assert w.model.total() >= 4
    first = w.selected_keys()
    press(qtbot, d, Qt.Key.Key_J)
    second = w.selected_keys()
    assert len(second) == 1 and second != first
    press(qtbot, d, Qt.Key.Key_K)
    assert w.selected_keys() == first

    followups = counts(d)["followup"]  # the demo's staff make promises too
    press(qtbot, d, Qt.Key.Key_F)
    d.settle()
    assert counts(d)["followup"] == followups + 1
    assert queries.item(d.controller.reader, first[0]).lane == "followup"

    target = w.selected_keys()
    assert target and target != first
    press(qtbot, d, Qt.Key.Key_Z)
    qtbot.waitUntil(w.snooze_menu.isVisible)
    # The menu's mnemonic: "&Tomorrow morning".
    qtbot.keyClick(w.snooze_menu, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: not w.snooze_menu.isVisible())
    w.activateWindow()
    d.settle()
    assert counts(d)["snoozed"] == 1
    assert queries.item(d.controller.reader, target[0]).lane == "snoozed"


def test_shift_j_and_k_extend_the_selection_for_a_bulk_action(qtbot: Any, open_desk: Any,
                                                              own_demo_server: Any) -> None:
    d = open_desk(own_demo_server)
    w = d.window
    press(qtbot, d, Qt.Key.Key_1)
    total = w.model.total()
    assert total >= 5
    press(qtbot, d, Qt.Key.Key_J)  # start on the second row, so Shift+K has a row above
    press(qtbot, d, Qt.Key.Key_J, SHIFT)
    press(qtbot, d, Qt.Key.Key_J, SHIFT)
    assert len(w.selected_keys()) == 3
    press(qtbot, d, Qt.Key.Key_K)  # a plain move collapses the selection again
    assert len(w.selected_keys()) == 1
    press(qtbot, d, Qt.Key.Key_J)  # row 3
    press(qtbot, d, Qt.Key.Key_K, SHIFT)
    press(qtbot, d, Qt.Key.Key_K, SHIFT)
    chosen = w.selected_keys()
    assert len(chosen) == 3 and chosen == [w.model.key(r) for r in (1, 2, 3)]

    press(qtbot, d, Qt.Key.Key_E)
    d.settle()
    assert counts(d)["done"] == 3
    assert all(queries.item(d.controller.reader, k).lane == "done" for k in chosen)
    assert w.model.total() == total - 3
