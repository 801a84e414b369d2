"""The desk's dialogs driven like a person would, against the demo intranet on 127.0.0.1:
the account dialog (wrong address, wrong token, right token, no keyring), the outbox (retry,
edit, discard a conflicted reply by keyboard), @mention completion and the first-run page.

The truth is read from the demo server's own SQLite file and from the keyring, never from the
widgets alone.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import keyring
import keyring.backends.fail
import pytest
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    EmptyDesk,
    desk_fixture,
    empty_desk_fixture,
    open_desk_fixture,
    qloop_fixture,
    server_count,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.demo.process import DemoServerProcess
from desktop.models import outbox, queries
from desktop.views.account_dialog import AccountDialog
from desktop.views.outbox_dialog import ID_ROLE, OutboxDialog

# Offscreen has no window manager: popups cannot grab or raise (harmless, platform notes).
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier




def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _open_account_dialog(qtbot: Any, d: EmptyDesk) -> AccountDialog:
    """First run: the welcome page's "Connect" button, reached with its mnemonic (Alt+C)."""
    qtbot.keyClick(d.window.welcome, Qt.Key.Key_C, ALT)
    # A mnemonic "animates" the click: the button fires ~100 ms later.
    qtbot.waitUntil(lambda: getattr(d.window, "_account_dialog", None) is not None)
    dialog = d.window._account_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _fill_and_verify(qtbot: Any, d: EmptyDesk, dialog: AccountDialog, *, url: str, user: str,
                     secret: str) -> None:
    for field, text in ((dialog.url, url), (dialog.user, user), (dialog.secret, secret)):
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)  # the default button: verify and save
    d.settle()
    assert not dialog.busy


def test_welcome_page_offers_the_demo_and_connecting(qtbot: Any, empty_desk: EmptyDesk
                                                     ) -> None:
    w = empty_desk.window
    assert w.stack.currentWidget() is w.welcome
    assert w.welcome.demo_button.isVisible() and w.welcome.connect_button.isVisible()
    with qtbot.waitSignal(w.welcome.demo_requested, timeout=2000):
        qtbot.keyClick(w.welcome, Qt.Key.Key_D, ALT)
    dialog = _open_account_dialog(qtbot, empty_desk)
    assert dialog.windowTitle() == "Connect to your intranet"
    dialog.reject()


def test_wrong_address_and_wrong_token_save_nothing(qtbot: Any, empty_desk: EmptyDesk,
                                                    demo_server: DemoServerProcess,
                                                    memory_keyring: Any) -> None:
    d = empty_desk
    dialog = _open_account_dialog(qtbot, d)
    token = demo_server.tokens["erik"]

    _fill_and_verify(qtbot, d, dialog, url=f"http://127.0.0.1:{_free_port()}", user="erik",
                     secret=token)
    assert dialog.error.isVisible() and "Cannot reach" in dialog.error.text()

    _fill_and_verify(qtbot, d, dialog, url=demo_server.url + "/not-the-api", user="erik",
                     secret=token)
    assert "does not look like a Dialogue Desk reference server" in dialog.error.text()

    _fill_and_verify(qtbot, d, dialog, url="intranet.example", user="erik", secret=token)
    assert "is not a web address" in dialog.error.text()

    _fill_and_verify(qtbot, d, dialog, url=demo_server.url, user="erik", secret="not-the-token")
    assert "refused the token" in dialog.error.text()
    assert "not-the-token" not in dialog.error.text()

    assert dialog.isVisible()  # still open, to correct the mistake
    assert d.service.accounts() == [] and d.controller.accounts() == []
    assert memory_keyring.entries == {}
    assert d.window.stack.currentWidget() is d.window.welcome


def test_right_token_saves_the_account_and_opens_the_queue(qtbot: Any, empty_desk: EmptyDesk,
                                                           demo_server: DemoServerProcess,
                                                           memory_keyring: Any) -> None:
    d = empty_desk
    dialog = _open_account_dialog(qtbot, d)
    assert not dialog.keyring_note.isVisible()  # a working keyring: nothing to warn about
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "intranet")
    token = demo_server.tokens["erik"]
    _fill_and_verify(qtbot, d, dialog, url=demo_server.url, user="erik", secret=token)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [a.name for a in d.service.accounts()] == ["intranet"]
    assert memory_keyring.entries == {("dialogue-desk", "intranet"): token}
    d.settle()  # the dialog started the first sync
    assert d.window.stack.currentWidget() is d.window.splitter
    assert d.window.model.total() == queries.lane_counts(d.controller.reader)["reply"] > 0


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """Headless Linux: only the failing backend (restored by conftest's keyring fixture)."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield


def test_no_keyring_is_said_before_and_after_saving(qtbot: Any, no_keyring: None,
                                                    empty_desk: EmptyDesk,
                                                    demo_server: DemoServerProcess) -> None:
    d = empty_desk
    dialog = _open_account_dialog(qtbot, d)
    # read on the background runner, off the GUI thread: it arrives a moment later
    qtbot.waitUntil(dialog.keyring_note.isVisible, timeout=5000)
    assert "No system keyring is available" in dialog.keyring_note.text()
    _fill_and_verify(qtbot, d, dialog, url=demo_server.url, user="erik",
                     secret=demo_server.tokens["erik"])
    # Saved, with the secret kept for this session only; the dialog stays open to say so.
    assert [a.name for a in d.service.accounts()] == ["work"]
    assert dialog.isVisible() and not dialog.error.isVisible()
    assert "No system keyring is available" in dialog.keyring_note.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Close" and not dialog.secret.isEnabled()
    qtbot.keyClick(ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    d.settle()
    assert d.window.model.total() > 0  # the session secret is used by the sync


# --- outbox --------------------------------------------------------------------------------

def _moderate_post(server: DemoServerProcess, post_id: str, action: str) -> None:
    """An admin locks or unlocks a thread on the server (someone else, not this desk)."""
    res = httpx.post(f"{server.url}/api/v1/posts/{post_id}/moderation",
                     json={"action": action},
                     headers={"Authorization": f"Bearer {server.tokens['admin']}"}, timeout=10)
    assert res.status_code == 200, res.text


def _mnemonic(qtbot: Any, focus: Any, button: Any, key: Qt.Key) -> None:
    """Alt+key on a dialog; a mnemonic "animates" the click, so wait for it to land."""
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.keyClick(focus, key, ALT)


def _select_entry(qtbot: Any, dialog: OutboxDialog, entry_id: int) -> None:
    """Walk the outbox table with the arrow keys until the entry is selected."""
    table = dialog.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, CTRL)
    for _ in range(table.rowCount()):
        if table.currentRow() >= 0 and table.item(table.currentRow(), 0).data(ID_ROLE) == \
                entry_id:
            return
        qtbot.keyClick(table, Qt.Key.Key_Down)
    raise AssertionError(f"entry {entry_id} is not in the outbox table")


@pytest.fixture
def conflicts(qtbot: Any, open_desk: Any, own_demo_server: DemoServerProcess
              ) -> tuple[Desk, OutboxDialog, dict[str, int]]:
    """Three replies that came back in conflict (the thread was locked on the server after we
    saw it; then it was unlocked again), and the outbox opened with Ctrl+O.

    Returns the desk, the dialog and the outbox entry ids by reply text."""
    d: Desk = open_desk(own_demo_server)
    w = d.window
    item = w.model.item(0)
    assert item is not None
    thread = queries.thread(d.controller.reader, item.key)
    post_id = thread.post_key.split(":", 1)[1].lstrip("p")
    tag = uuid.uuid4().hex[:8]
    _moderate_post(own_demo_server, post_id, "lock")
    for what in ("edit", "retry", "discard"):
        d.controller.act([item.key], "reply", text=f"{what} reply {tag}")
        d.settle()
    conflicted = outbox.entries(d.controller.reader, (outbox.CONFLICT,))
    assert len(conflicted) == 3
    assert "3 in conflict" in w.status.outbox_button.text()
    _moderate_post(own_demo_server, post_id, "unlock")

    qtbot.keyClick(w.queue, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: getattr(w, "_outbox", None) is not None and w._outbox.isVisible())
    dialog = w._outbox
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.rowCount() == 3
    return d, dialog, {e.payload["body"]: e.id for e in conflicted}


def _on_server(d: Desk, text: str) -> int:
    return server_count(d.server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                        (f"%{text}%",))


def test_outbox_discard_by_keyboard(qtbot: Any, conflicts: Any) -> None:
    d, dialog, ids = conflicts
    discard = next(t for t in ids if t.startswith("discard"))
    assert discard in d.window.thread_view.browser.toPlainText()  # shown, marked pending
    _select_entry(qtbot, dialog, ids[discard])
    assert dialog.discard.isEnabled() and dialog.edit.isEnabled()
    _mnemonic(qtbot, dialog.table, dialog.discard, Qt.Key.Key_D)
    d.settle()
    assert ids[discard] not in [e.id for e in outbox.entries(d.controller.reader)]
    assert dialog.table.rowCount() == 2
    assert "2 in conflict" in d.window.status.outbox_button.text()
    assert _on_server(d, discard) == 0
    # The discarded reply's placeholder left the thread too.
    assert discard not in d.window.thread_view.browser.toPlainText()


def test_outbox_retry_and_edit_by_keyboard(qtbot: Any, conflicts: Any) -> None:
    d, dialog, ids = conflicts
    texts = {t.split(" ", 1)[0]: t for t in ids}
    tag = texts["edit"].rsplit(" ", 1)[1]

    # Edit: Alt+E opens the text, Ctrl+Enter sends the new one.
    _select_entry(qtbot, dialog, ids[texts["edit"]])
    _mnemonic(qtbot, dialog.table, dialog.edit, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: getattr(dialog, "editor", None) is not None
                    and dialog.editor.isVisible())
    editor = dialog.editor
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert editor.text() == texts["edit"]
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, CTRL)
    edited = f"Edited after the conflict {tag}"
    qtbot.keyClicks(editor.edit, edited)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible())
    d.settle()

    # Retry as it was: Alt+R.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _select_entry(qtbot, dialog, ids[texts["retry"]])
    _mnemonic(qtbot, dialog.table, dialog.retry, Qt.Key.Key_R)
    d.settle()

    assert _on_server(d, edited) == 1
    assert _on_server(d, texts["edit"]) == 0
    assert _on_server(d, texts["retry"]) == 1
    left = outbox.entries(d.controller.reader, outbox.ATTENTION_STATES + outbox.OPEN_STATES)
    assert [e.payload["body"] for e in left] == [texts["discard"]]
    assert dialog.table.rowCount() == 1
    assert "1 in conflict" in d.window.status.outbox_button.text()


# --- composer --------------------------------------------------------------------------------

def test_mention_completion_offers_cached_users(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    qtbot.keyClick(w.queue, Qt.Key.Key_R)
    edit = w.composer.edit
    assert edit.hasFocus()
    qtbot.keyClicks(edit, "Thanks @erik")
    popup = edit.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    # people are offered by name and username, the best match selected
    assert popup.currentIndex().row() == 0
    assert popup.currentIndex().data() == "Erik Solberg (erik)"
    assert all(u.lower().startswith("erik") or d.lower().startswith("erik")
               for u, d in queries.mention_candidates(desk.controller.reader,
                                                      w.model.item(0).account, "erik"))
    # A person types on while the popup is up: the keys reach the popup first.
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.toPlainText() == "Thanks @erik "
    assert not popup.isVisible()
    # Nothing cached starts with this: no popup.
    qtbot.keyClicks(edit, "@zzq")
    assert not popup.isVisible()
