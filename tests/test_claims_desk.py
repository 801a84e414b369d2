"""Who is on it, in the desk (pytest-qt, offscreen): another desk's claim shows on the item
and in the composer; typing a reply claims the item on the server, leaving it or sending
releases it. The truth is the demo server's own data file."""

from __future__ import annotations

import os
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
from PySide6.QtCore import Qt

from desktop.models.qt_models import ACCESSIBLE, CLAIM_ROLE
from desktop.views.composer import CLAIM_AFTER_MS

CTRL = Qt.KeyboardModifier.ControlModifier


def _rid(key: str) -> int:
    return int(key.split(":", 1)[1].lstrip("c"))


def _holder(d: Desk, key: str) -> int:
    """Who holds the item's unexpired claim on the server (0: nobody)."""
    return server_count(d.server, "SELECT COALESCE(MAX(user_id), 0) FROM claims WHERE "
                        "comment_id = ? AND user_id IS NOT NULL AND expires_at > "
                        "CAST(strftime('%s', 'now') AS REAL)", (_rid(key),))


def _kari(d: Desk) -> httpx.Client:
    return httpx.Client(base_url=d.server.url + "/api/v1",
                        headers={"Authorization": "Bearer " + d.server.tokens["kari"]})


def _written(d: Desk) -> None:
    """A moment of writing (the composer claims after CLAIM_AFTER_MS), then the calls' end."""
    d.run_for(CLAIM_AFTER_MS / 1000 + 0.3)
    d.settle()


def _row(d: Desk, key: str) -> int:
    return next(r for r in range(d.window.model.rowCount()) if d.window.model.key(r) == key)


def test_another_desks_claim_shows_and_warns(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    keys = [w.model.key(r) for r in range(min(4, w.model.rowCount()))]
    first, taken = keys[0], keys[2]
    with _kari(desk) as kari:
        assert kari.post(f"comments/{_rid(taken)}/claim").status_code == 200
    desk.controller.sync_now()
    desk.settle()
    index = w.model.index(_row(desk, taken), 0)
    assert index.data(CLAIM_ROLE) == "Kari is replying"
    assert index.data(ACCESSIBLE).startswith("Kari Nordmann is replying. ")
    assert w.model.index(_row(desk, first), 0).data(CLAIM_ROLE) is None

    # the composer warns before a word is written, in one line, not a modal
    w.select_row(_row(desk, taken))
    assert w.composer.claimed.isVisible()
    assert w.composer.claimed.text().startswith("Kari Nordmann is replying")
    # writing anyway is allowed; the claim attempt is refused and changes nothing on the server
    w.composer.edit.setFocus()
    qtbot.keyClicks(w.composer.edit, "Me too")
    _written(desk)
    assert _holder(desk, taken) == server_count(
        desk.server, "SELECT id FROM users WHERE username = 'kari'")
    assert w.composer.claimed.isVisible()
    assert w.composer.edit.toPlainText() == "Me too"


def test_typing_claims_and_leaving_or_sending_releases(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    erik = server_count(desk.server, "SELECT id FROM users WHERE username = 'erik'")
    key = w.selected_keys()[0]
    qtbot.keyClick(w.queue, Qt.Key.Key_R)
    qtbot.keyClicks(w.composer.edit, "Let me check")
    desk.settle()
    assert _holder(desk, key) == 0  # a keystroke is not yet a reply started
    _written(desk)
    assert _holder(desk, key) == erik
    assert not w.composer.claimed.isVisible()  # our own claim warns nobody here
    assert w.model.index(_row(desk, key), 0).data(CLAIM_ROLE) is None
    # Kari's desk sees it the other way round
    with _kari(desk) as kari:
        refused = kari.post(f"comments/{_rid(key)}/claim")
        assert refused.status_code == 409
        assert refused.json()["claim"]["user"]["display_name"] == "Erik Solberg"

    # leaving the item releases it (the draft stays)
    w.queue.setFocus()
    qtbot.keyClick(w.queue, Qt.Key.Key_J)
    desk.settle()
    assert _holder(desk, key) == 0

    # back, write, empty the box: discarded, released; write again and send: released
    qtbot.keyClick(w.queue, Qt.Key.Key_K)
    assert w.selected_keys()[0] == key
    w.composer.edit.setFocus()
    qtbot.keyClicks(w.composer.edit, ", then answer")
    _written(desk)
    assert _holder(desk, key) == erik
    w.composer.edit.selectAll()
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Delete)
    desk.settle()
    assert _holder(desk, key) == 0
    qtbot.keyClicks(w.composer.edit, "Answered: Monday at nine")
    _written(desk)
    assert _holder(desk, key) == erik
    qtbot.keyClick(w.composer.edit, Qt.Key.Key_Return, CTRL)
    desk.settle()
    assert _holder(desk, key) == 0


def test_quitting_releases_what_the_desk_holds(qtbot: Any, desk: Desk) -> None:
    w = desk.window
    key = w.selected_keys()[0]
    qtbot.keyClick(w.queue, Qt.Key.Key_R)
    qtbot.keyClicks(w.composer.edit, "Half a reply")
    _written(desk)
    assert _holder(desk, key) != 0
    desk.loop.run_until_complete(desk.controller.release_claims())
    assert _holder(desk, key) == 0
