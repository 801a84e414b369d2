"""The WordPress round trip through the desk (pytest-qt, offscreen) against the real WordPress
on 127.0.0.1: connect with an application password in the account dialog, sync, moderate a
held comment by key, reply by keyboard. The truth is read from WordPress's own database.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import EmptyDesk, empty_desk_fixture, qloop_fixture  # noqa: F401 - fixtures
from PySide6.QtCore import Qt
from wordpress_env import WpEnv, wp_add_comment, wp_db_query, wp_php  # the fixture: conftest

from desktop.models import outbox, queries
from desktop.views.actions import shortcut_table

pytestmark = [pytest.mark.wordpress]
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")




def _found(d: EmptyDesk, text: str) -> set[str]:
    """Keys of the cached comments whose text has ``text`` (the search index)."""
    return {h.key for h in queries.search(d.controller.reader, text)}


def _status(env: WpEnv, cid: int) -> str | None:
    rows = wp_db_query(env, f"SELECT comment_approved FROM wp_comments WHERE comment_ID = {cid}")
    return rows[0][0] if rows else None


def _select(qtbot: Any, d: EmptyDesk, key: str) -> None:
    """Walk the lane with j until the item is selected (as a person would)."""
    w = d.window
    row = w.model.row_of_id(next(w.model.item(r).local_id for r in range(w.model.total())
                                 if w.model.key(r) == key))
    w.select_row(0)
    for _ in range(row):
        qtbot.keyClick(w.queue, Qt.Key.Key_J)
    assert w.selected_keys() == [key]


def test_round_trip_through_the_desk(qtbot: Any, empty_desk: EmptyDesk, wordpress: WpEnv,
                                     memory_keyring: Any) -> None:
    d, w = empty_desk, empty_desk.window
    editor = wordpress.users["editor1"]
    post = wordpress.seed["posts"][2]
    tag = uuid.uuid4().hex[:8]
    held = [wp_add_comment(wordpress, post, f"Held for the desk {i} {tag}", status="0",
                           date_gmt=_ago(2)) for i in range(2)]
    question = wp_add_comment(wordpress, post, f"Where do I sign up for the desk {tag}?",
                              date_gmt=_ago(1))

    # -- connect: the account dialog, reached from the welcome page, verified and saved.
    assert w.stack.currentWidget() is w.welcome
    with qtbot.waitSignal(w.welcome.connect_button.clicked, timeout=2000):
        qtbot.keyClick(w.welcome, Qt.Key.Key_C, ALT)
    dialog = w._account_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "wp")
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "wordpress")  # a combo box selects by typing
    assert dialog.kind.currentText() == "wordpress"
    qtbot.keyClicks(dialog.url, wordpress.url)
    qtbot.keyClicks(dialog.user, "editor1")
    qtbot.keyClicks(dialog.secret, editor.app_password)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    d.settle()  # verify, save, then the first sync the dialog starts
    assert not dialog.isVisible(), dialog.error.text()
    [account] = d.service.accounts()
    assert (account.name, account.connector, account.role) == ("wp", "wordpress", "editor")
    assert not account.can("like")  # core WordPress has no likes: not offered
    assert memory_keyring.entries == {("dialogue-desk", "wp"): editor.app_password}
    assert w.stack.currentWidget() is w.splitter
    assert not w.actions_["like"].isVisible()

    # -- the held comments wait in Moderate (single keys work in the active window).
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.queue, Qt.Key.Key_2)
    assert w.model.lane == "moderate"
    lane = {w.model.key(r) for r in range(w.model.total())}
    assert {f"wp:c{h}" for h in held} <= lane
    hold_in_db = {f"wp:c{r[0]}" for r in wp_db_query(
        wordpress, "SELECT comment_ID FROM wp_comments WHERE comment_approved = '0'")}
    assert hold_in_db <= lane

    # -- approve one by key: approved in WordPress, gone from the lane.
    _select(qtbot, d, f"wp:c{held[0]}")
    qtbot.keyClick(w.queue, Qt.Key.Key_A)
    d.settle()
    assert _status(wordpress, held[0]) == "1"
    assert _status(wordpress, held[1]) == "0"
    assert f"wp:c{held[0]}" not in {w.model.key(r) for r in range(w.model.total())}

    # -- reply by keyboard: exactly one comment in WordPress, nested under the question.
    qtbot.keyClick(w.queue, Qt.Key.Key_1)
    _select(qtbot, d, f"wp:c{question}")
    qtbot.keyClick(w.queue, Qt.Key.Key_R)
    assert w.composer.edit.hasFocus()
    text = f"Sign up on the desk page, {tag}."
    qtbot.keyClicks(w.composer.edit, text)
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return, CTRL)
    d.settle()
    rows = wp_db_query(wordpress, "SELECT comment_parent, user_id, comment_approved FROM "
                                  f"wp_comments WHERE comment_content LIKE '%{tag}.%'")
    assert rows == [(str(question), str(editor.id), "1")]
    assert f"wp:c{question}" not in {w.model.key(r) for r in range(w.model.total())}
    assert outbox.entries(d.controller.reader, outbox.ATTENTION_STATES + outbox.OPEN_STATES) \
        == []
    assert queries.lane_counts(d.controller.reader)["reply"] == w.model.total()

    # -- another moderator approves the other held comment on the web: the counts per status
    # change, so the timer's sync finds it without a sweep (docs/wordpress.md).
    wp_db_query(wordpress, f"UPDATE wp_comments SET comment_approved = '1' "
                           f"WHERE comment_ID = {held[1]}")
    qtbot.keyClick(w.queue, Qt.Key.Key_2)
    d.controller.sync_and_push()
    d.settle()
    assert f"wp:c{held[1]}" not in {w.model.key(r) for r in range(w.model.total())}
    # -- and edits the question: no count changes. Neither the timer nor F5 ("Sync now")
    # sweeps within the interval; Shift+F5 ("Full check") does.
    wp_php(wordpress, f"wp_update_comment(['comment_ID' => {question}, "
                      f"'comment_content' => 'Edited on the web {tag}']);")
    qtbot.keyClick(w.queue, Qt.Key.Key_F5)
    d.settle()
    assert _found(d, f"Edited on the web {tag}") == set()
    qtbot.keyClick(w.queue, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    d.settle()
    assert _found(d, f"Edited on the web {tag}") == {f"wp:c{question}"}
    assert ("Shift+F5", "Full check") in shortcut_table(w.actions_)  # listed under ?
