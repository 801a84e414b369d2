"""Healed once per process: a mark committed in state.db whose overlay never reached the cache
(the process died between set_mark()'s two commits) shows in its lane once the desk is up, even
when no sync brings its row again — here the intranet cannot be reached at all.

Real SQLite files; the crash is simulated by writing the state.db row set_mark() commits first
and leaving the cache as it was, which is what a kill between the two commits leaves behind.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_data import cli_json
from records import NOW, base_batch, comment, page

from desktop.models import accounts, queries
from desktop.models import db as dbmod
from desktop.models.store import Store
from desktop.services.desk import DeskError, DeskService


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The intranet's address: a port on 127.0.0.1 that is bound but never listens."""
    monkeypatch.setenv("DIALOGUE_DESK_SECRET_INTRA", "not-a-real-token")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def crashed_mark(profile: Path, url: str) -> None:
    """A synced profile where intra:c1 was marked for follow-up and the process died before
    the mark reached the cache."""
    store = Store(profile)
    try:
        accounts.save_account(store, accounts.Account(
            "intra", "reference", url, "erik", user_id="10", role="editor",
            capabilities=frozenset({"reply", "approve"})))
        b = base_batch()
        b.comments = [comment(1, "When does it open?"), comment(2, "Is it vegan?")]
        store.begin_sync("intra")
        store.apply_page("intra", page(b, "1"), now=NOW)
        store.finish_sync("intra", now=NOW)
        with dbmod.transaction(store.state):
            store.state.execute("INSERT INTO marks (item, account, mark, at) "
                                "VALUES ('intra:c1', 'intra', 'followup', ?)", (NOW,))
    finally:
        store.close()


def lane(desk: DeskService, key: str) -> str | None:
    reader = desk.reader()
    try:
        item = queries.item(reader, key)
        assert item is not None, key
        return item.lane
    finally:
        reader.close()


async def first_sync(desk: DeskService) -> None:
    with pytest.raises(DeskError):  # offline: nothing is pulled, no row is inserted
        await desk.sync()


async def first_push(desk: DeskService) -> None:
    [pushed] = await desk.push()
    assert pushed.done == pushed.waiting == 0  # nothing to send: no request is made


@pytest.mark.parametrize("start", [first_sync, first_push], ids=["sync", "push"])
def test_a_mark_cut_short_by_a_crash_shows_once_the_desk_is_up(profile, unreachable, start):
    crashed_mark(profile, unreachable)
    desk = DeskService(profile)
    try:
        # the recovery alone leaves it where it was: it looks at what actions were doing
        assert lane(desk, "intra:c1") == "reply"
        # what the desk starts after its first frame (app.py: sync, then push)
        asyncio.run(start(desk))
        assert lane(desk, "intra:c1") == "followup"
        assert lane(desk, "intra:c2") == "reply"
        # once per process: the check that laid it is the one every later call gets
        assert desk.heal().result(timeout=10) == 1
        asyncio.run(first_push(desk))
        assert desk.heal().result(timeout=10) == 1
    finally:
        asyncio.run(desk.aclose())


def test_the_command_line_lists_a_mark_cut_short_in_its_lane(profile, unreachable):
    """A one-shot read heals first too: `queue` and `search` show the lane the window would."""
    crashed_mark(profile, unreachable)
    followup = cli_json(profile, "queue", "--lane", "followup")
    assert [i["id"] for i in followup] == ["intra:c1"]
    reply = cli_json(profile, "queue", "--lane", "reply")
    assert [i["id"] for i in reply] == ["intra:c2"]
    [hit] = cli_json(profile, "search", "open")
    assert (hit["id"], hit["lane"]) == ("intra:c1", "followup")
