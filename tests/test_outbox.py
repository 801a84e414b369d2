"""Overlays after a sync: reapply() lays marks and actions on the rows a sync inserted, and
only there, however many marks and done approvals the profile has piled up.

Every test drives a sync the way ``services.sync.sync_account`` does (mark, pages, finish,
reapply) on real SQLite files; rows an item "comes back" in are rows of a rebuilt cache, the
one way a record with a mark can be inserted again (a removed record is tombstoned for good).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import db as dbmod
from desktop.models import outbox, overlays, queries
from desktop.models.store import Store
from desktop.services.connectors.base import Batch

MARKED = 3000  # comments marked done or for follow-up over the years
APPROVED = 1000  # comments approved although the rules hold them, long since done
SHOUT = "THIS IS THE BEST CANTEEN EVER, REALLY"


def sync(store: Store, *batches: Batch, since: overlays.SyncMark | None = None) -> int:
    """One sync as sync_account runs it; returns how many items reapply() laid again."""
    mark = overlays.sync_mark(store, "intra") if since is None else since
    store.begin_sync("intra")
    for i, batch in enumerate(batches):
        store.apply_page("intra", page(batch, f"s{i}"), now=NOW)
    store.finish_sync("intra", now=NOW)
    return overlays.reapply(store, "intra", since=mark)


def first_load(store: Store, *comments: dict) -> None:
    b = base_batch()
    b.comments = list(comments)
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "0"), now=NOW)
    store.finish_sync("intra", now=NOW)


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every SQL statement either database runs meanwhile (SQLite's own trace)."""
    seen: list[str] = []
    store.cache.set_trace_callback(seen.append)
    store.state.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        store.cache.set_trace_callback(None)
        store.state.set_trace_callback(None)


def lane(store: Store, key: str) -> str | None:
    item = queries.item(store, key)
    assert item is not None, key
    return item.lane


def placeholders(store: Store) -> set[str]:
    return {rid for (rid,) in store.cache.execute(
        "SELECT rid FROM comments WHERE rid LIKE '~%'")}


@pytest.fixture
def big(store: Store) -> Store:
    """A profile with thousands of marks and done approvals, all laid on the cache.

    The marks and done entries are written straight into state.db as years of set_mark() and
    finished approvals leave them (one call each would take minutes of fsyncs); a few go
    through the real calls, and a full reapply lays them all.
    """
    first_load(store, *[comment(i, f"When does office {i} open?", post=str(1 + i % 2))
                        for i in range(MARKED)],
               *[comment(i, f"THIS IS THE BEST CANTEEN EVER, NUMBER {i}", post="2", author="51")
                 for i in range(MARKED, MARKED + APPROVED)])
    assert queries.lane_counts(store)["moderate"] == APPROVED  # shouting: the rules hold them
    outbox.set_mark(store, "intra:c0", "done", now=NOW)
    approved = outbox.enqueue(store, f"intra:c{MARKED}", "approve", now=NOW)
    outbox.start(store, approved.id, now=NOW)
    outbox.finish(store, approved.id, remote_id=None, now=NOW)
    with dbmod.transaction(store.state):
        store.state.executemany(
            "INSERT INTO marks (item, account, mark, at) VALUES (?, 'intra', ?, ?)",
            [(f"intra:c{i}", ("done", "followup")[i % 2], NOW - i) for i in range(1, MARKED)])
        store.state.executemany(
            "INSERT INTO outbox (action_id, account, kind, item, target_type, target_id, "
            "state, created_at, not_before, next_at, updated_at) "
            "VALUES (?, 'intra', 'approve', ?, 'comment', ?, 'done', ?, ?, ?, ?)",
            [(str(uuid.uuid4()), f"intra:c{i}", str(i), NOW, NOW, NOW, NOW)
             for i in range(MARKED + 1, MARKED + APPROVED)])
    assert overlays.reapply(store, "intra") == MARKED + APPROVED - 2  # all but the two laid
    counts = queries.lane_counts(store)
    assert (counts["done"], counts["followup"], counts["moderate"]) == (
        MARKED // 2, MARKED // 2, 0)
    return store


def test_a_sync_that_inserts_nothing_lays_nothing(big):
    changes = big.cache.total_changes
    # a page of records the cache already has, and an edit of one of them
    again = [comment(i, f"When does office {i} open?", post=str(1 + i % 2))
             for i in range(300)]
    again[5] = comment(5, "When does office 5 open, exactly?", post="2", version="2")
    mark = overlays.sync_mark(big, "intra")
    big.begin_sync("intra")
    big.apply_page("intra", page(Batch(comments=again), "s1"), now=NOW)
    big.finish_sync("intra", now=NOW)
    synced = big.cache.total_changes
    assert synced > changes  # the edit and the cursor were written

    with statements(big) as seen:
        assert overlays.reapply(big, "intra", since=mark) == 0
    assert big.cache.total_changes == synced  # not one row written
    # a handful of statements, where laying every item again ran ~12 per item (48,000 here)
    assert len(seen) < 10, seen
    assert lane(big, "intra:c5") == "followup"  # the edited row kept its mark
    assert queries.lane_counts(big)["done"] == MARKED // 2


def test_a_no_op_sync_then_a_full_check_finds_nothing_to_do(big):
    assert sync(big, Batch()) == 0
    with statements(big) as seen:
        assert overlays.reapply(big, "intra") == 0  # every item checked, none disagrees
    assert not [s for s in seen if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_a_full_check_lays_only_what_disagrees(big):
    # crashes between set_mark's two commits: state.db has the new mark, the cache the old one
    with dbmod.transaction(big.state):
        big.state.execute("UPDATE marks SET mark = 'done' WHERE item = 'intra:c7'")
        big.state.execute("DELETE FROM marks WHERE item = 'intra:c9'")
    assert (lane(big, "intra:c7"), lane(big, "intra:c9")) == ("followup", "followup")
    assert overlays.reapply(big, "intra") == 2
    assert (lane(big, "intra:c7"), lane(big, "intra:c9")) == ("done", "reply")


def test_rows_back_in_a_rebuilt_cache_get_their_marks_and_actions(store):
    first_load(store, comment(1, "When does it open?"),
               comment(2, SHOUT, author="51"),
               comment(3, "Where do I sign up?"),
               comment(4, "Is it vegan?"))
    assert lane(store, "intra:c2") == "moderate"
    outbox.set_mark(store, "intra:c1", "done", now=NOW)
    approve = outbox.enqueue(store, "intra:c2", "approve", now=NOW)
    outbox.start(store, approve.id, now=NOW)
    outbox.finish(store, approve.id, remote_id=None, now=NOW)
    reply = outbox.enqueue(store, "intra:c3", "reply", text="At the desk", now=NOW)
    assert placeholders(store) == {"~" + reply.action_id}
    outbox.enqueue(store, "intra:p1", "lock", now=NOW)

    store.rebuild_cache()
    assert placeholders(store) == set()
    b = base_batch()
    b.comments = [comment(1, "When does it open?"), comment(2, SHOUT, author="51"),
                  comment(3, "Where do I sign up?"), comment(4, "Is it vegan?")]
    assert sync(store, b) == 4

    assert lane(store, "intra:c1") == "done"
    assert lane(store, "intra:c2") == "acknowledge"  # approved: not back in Moderate
    assert lane(store, "intra:c3") is None  # answered by the reply on its way
    assert lane(store, "intra:c4") == "reply"
    assert placeholders(store) == {"~" + reply.action_id}
    assert store.cache.execute("SELECT o_locked FROM posts WHERE rid = '1'").fetchone() == (1,)
    thread = queries.thread(store, "intra:c3")
    [mine] = [c for c in thread.comments if c.rid.startswith("~")]
    assert mine.status == "pending" and "At the desk" in mine.body_html


def test_a_mark_taken_before_the_cache_was_rebuilt_checks_everything(store):
    first_load(store, comment(1, "When does it open?"))
    outbox.set_mark(store, "intra:c1", "done", now=NOW)
    stale = overlays.sync_mark(store, "intra")
    store.rebuild_cache()
    b = base_batch()
    b.comments = [comment(1, "When does it open?")]
    assert sync(store, b, since=stale) == 1
    assert lane(store, "intra:c1") == "done"


def test_an_open_reply_stays_visible_across_syncs(store):
    first_load(store, comment(1, "When does it open?"), comment(2, "Is it vegan?"))
    reply = outbox.enqueue(store, "intra:c1", "reply", text="Monday at nine", now=NOW)
    # the thread moves on: new comments around the placeholder, one of them below it
    assert sync(store, Batch(comments=[comment(5, "Me too, when?", parent="1", author="51"),
                                       comment(6, "Any news?")])) == 0
    assert sync(store, Batch()) == 0
    assert placeholders(store) == {"~" + reply.action_id}
    assert lane(store, "intra:c1") is None
    assert queries.item(store, "intra:c1").pending == 1
    assert lane(store, "intra:c6") == "reply"


def test_a_reused_id_is_not_mistaken_for_an_old_row(store):
    """The newest comment is removed, and the next new row takes its id (MAX(id) + 1)."""
    first_load(store, comment(99, "Where is the form?"))
    outbox.set_mark(store, "intra:c99", "followup", now=NOW)
    store.rebuild_cache()  # the mark outlives the cache; c99 comes back later in the feed
    first_load(store, *[comment(i, f"Question {i}?") for i in range(1, 6)])
    assert overlays.reapply(store, "intra") == 0  # c99 is not cached yet
    [(newest,)] = store.cache.execute("SELECT MAX(id) FROM comments").fetchall()

    assert sync(store, Batch(tombstones=[("comment", "5")]),
                Batch(comments=[comment(99, "Where is the form?")])) == 1
    assert queries.item(store, "intra:c99").local_id == newest  # the very same id
    assert lane(store, "intra:c99") == "followup"


def test_a_first_load_resumed_after_a_crash_lays_its_first_pages(store, profile):
    first_load(store, comment(1, "When does it open?"), comment(2, "Is it vegan?"))
    outbox.set_mark(store, "intra:c1", "done", now=NOW)
    outbox.set_mark(store, "intra:c2", "followup", now=NOW)
    store.rebuild_cache()
    # the refill stores its first page, then the process dies before reapply()
    overlays.sync_mark(store, "intra")
    store.begin_sync("intra")
    b = base_batch()
    b.comments = [comment(1, "When does it open?")]
    store.apply_page("intra", page(b, "p1"), now=NOW)
    store.close()

    again = Store(profile)
    try:
        assert sync(again, Batch(comments=[comment(2, "Is it vegan?")])) == 2
        assert lane(again, "intra:c1") == "done"
        assert lane(again, "intra:c2") == "followup"
    finally:
        again.close()


def test_a_big_sync_checks_every_item_instead(store, monkeypatch):
    first_load(store, comment(7, "Where is the form?"))
    outbox.set_mark(store, "intra:c7", "done", now=NOW)
    store.rebuild_cache()
    first_load(store, comment(1, "When does it open?"))
    # past this many new rows, reapply() checks every item rather than every new row
    monkeypatch.setattr(overlays, "_SCAN_LIMIT", 2)
    assert sync(store, Batch(comments=[comment(i, f"Question {i}?") for i in range(5, 10)])) == 1
    assert lane(store, "intra:c7") == "done"


def test_refresh_overlays_lays_many_items_in_one_go(store):
    first_load(store, *[comment(i, f"Question {i}?") for i in range(1, 41)])
    with dbmod.transaction(store.state):
        store.state.executemany(
            "INSERT INTO marks (item, account, mark, at) VALUES (?, 'intra', 'done', ?)",
            [(f"intra:c{i}", NOW) for i in range(1, 41)])
    items = [f"intra:c{i}" for i in range(1, 41)] + ["intra:c404", "not a key"]
    with statements(store) as seen:
        assert overlays.refresh_overlays(store, items, now=NOW) == 40
    # reads by the chunk, not by the item (a single refresh_overlay() reads as many)
    assert len([s for s in seen if s.startswith("SELECT")]) < 15
    assert queries.lane_counts(store)["done"] == 40
