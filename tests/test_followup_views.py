"""Follow-ups and double answers in the window (issue 15 §3, §4), against the demo intranet:
the composer says when a colleague answered meanwhile, a held reply is sent anyway from the
outbox by keyboard, and a decision note (N) shows in the thread and keeps its promises."""

from __future__ import annotations

import os
import uuid
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    desk_fixture,
    open_desk_fixture,
    qloop_fixture,
    server_count,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.demo.process import DemoServerProcess
from desktop.models import outbox, promises, queries
from desktop.views.outbox_dialog import ID_ROLE

ALT = Qt.KeyboardModifier.AltModifier


def _mona_answers(server: DemoServerProcess, key: str, post_key: str, text: str) -> None:
    res = httpx.post(f"{server.url}/api/v1/posts/{post_key.split(':p', 1)[1]}/comments",
                     json={"body": text, "parent_id": key.split(":c", 1)[1]},
                     headers={"Authorization": f"Bearer {server.tokens['mona']}"}, timeout=10)
    assert res.status_code == 201, res.text


def test_the_composer_says_who_answered_meanwhile(qtbot: Any) -> None:
    from desktop.views.composer import Composer

    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    earlier = outbox.Answer("7", "Anna Becker", 1000.0, "Seen before")
    composer.set_item("demo:c1", "")
    composer.set_answers([earlier], now=1060.0)  # there when the item opened: in the thread
    assert not composer.answered.isVisible()
    composer.edit.setPlainText("My answer")
    composer.set_answers([earlier, outbox.Answer("9", "Erik Solberg", 1100.0, "Monday.")],
                         now=1160.0)
    assert composer.answered.isVisible()
    assert composer.answered.text() == "Erik Solberg answered 1 min ago"
    assert composer.answered.toolTip() == "Monday."
    assert composer.edit.toPlainText() == "My answer"  # nothing lost
    composer.set_item("demo:c2", "")
    assert not composer.answered.isVisible()


def test_a_held_reply_goes_anyway_from_the_outbox(qtbot: Any, desk: Desk) -> None:
    d, w = desk, desk.window
    item = w.model.item(0)
    assert item is not None
    tag = uuid.uuid4().hex[:8]
    # Erik's desk: queued, not pushed yet; Mona answers on the server; the desk syncs.
    entry = d.loop.run_until_complete(d.controller.service.act(
        item.key, "reply", text=f"Erik's reply {tag}")).value
    thread = queries.thread(d.controller.reader, item.key)
    _mona_answers(d.server, item.key, thread.post_key, f"Mona was first {tag}")
    d.controller.sync()
    d.settle()
    [pushed] = d.loop.run_until_complete(d.controller.service.push())
    assert pushed.held == 1
    d.controller.changed.emit(d.controller.service._entry_changes(None, True))
    qtbot.keyClick(w.queue, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(w, "_outbox", None) is not None and w._outbox.isVisible())
    dialog = w._outbox
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    rows = [r for r in range(dialog.table.rowCount())
            if dialog.table.item(r, 0).data(ID_ROLE) == entry.id]
    assert rows
    dialog.table.setFocus()
    dialog.table.selectRow(rows[0])
    assert dialog.table.item(rows[0], 2).text() == "held: already answered"
    assert dialog.table.item(rows[0], 4).text().startswith("Already answered by Mona Lindqvist")
    assert dialog.retry.text() == "&Send anyway"
    with qtbot.waitSignal(dialog.retry.clicked, timeout=2000):
        qtbot.keyClick(dialog.table, Qt.Key.Key_S, ALT)
    d.settle()
    d.loop.run_until_complete(d.controller.service.push())
    assert server_count(d.server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                        (f"%Erik's reply {tag}%",)) == 1
    dialog.close()  # a modal dialog left open would take the next test's key presses


def test_a_decision_note_by_keyboard_keeps_the_promise(qtbot: Any, desk: Desk) -> None:
    d, w = desk, desk.window
    item = w.model.item(0)
    assert item is not None
    tag = uuid.uuid4().hex[:8]
    d.controller.act([item.key], "reply", text=f"Let me find out ({tag}).")
    d.settle()
    store = d.controller.reader
    kept_before = promises.kept_share(store, 0, 2e9).kept_in_time
    [promise] = [i for i in queries.queue_page(store, "followup") if f"({tag})" in i.excerpt]
    # the note goes on the promise's thread: show it (the reply lane moved on meanwhile)
    w.set_lane("followup")
    w.select_row(w.model.row_of_id(promise.local_id))
    d.settle()
    d.until(lambda: w.thread_view._selected == promise.key)
    w.queue.setFocus()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(f"Decided: opens Monday {tag}")
        dialog.accept()

    QTimer.singleShot(200, answer)
    qtbot.keyClick(w.queue, Qt.Key.Key_N)
    d.settle()
    # the kept promise leaves Follow-up (the window moves on); its thread shows the note
    d.until(lambda: not any(f"({tag})" in i.excerpt
                            for i in queries.queue_page(store, "followup")))
    assert [x.text for x in d.controller.decisions(promise.key)] == [
        f"Decided: opens Monday {tag}"]
    w.thread_view.show_thread(d.controller.comment_thread(promise.key), promise.key)
    w.thread_view.show_decisions(d.controller.decisions(promise.key))
    assert f"opens Monday {tag}" in w.thread_view.notes.text()
    assert w.thread_view.notes.isVisible()
    assert promises.kept_share(store, 0, 2e9).kept_in_time == kept_before + 1
