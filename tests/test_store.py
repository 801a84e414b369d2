"""The cache and state databases: ingest, lanes, overlays, tombstones, durability."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import accounts, ingest, outbox, overlays, queries
from desktop.models.db import NewerDatabaseError
from desktop.models.store import Store
from desktop.services.connectors.base import BadResponse, Batch, Page


def load(store: Store, *comments, cursor: str = "1") -> None:
    b = base_batch()
    b.comments = list(comments)
    store.begin_sync("intra")
    store.apply_page("intra", page(b, cursor), now=NOW)
    store.finish_sync("intra", now=NOW)


def test_lanes_and_counts(store):
    load(store,
         comment(1, "When does it open?"),
         comment(2, "Hello", status="held", post="2"),
         comment(3, "Nice work", post="2", author="51"),
         comment(4, "Mine", author="10"))
    assert queries.lane_counts(store) == {"reply": 1, "moderate": 1, "acknowledge": 1,
                                          "done": 0, "snoozed": 0, "followup": 0,
                                          "removed": 0}
    assert queries.lane_counts(store, area="Finance")["moderate"] == 1
    assert queries.lane_counts(store, area="Oslo")["moderate"] == 0
    [item] = queries.queue_page(store, "reply")
    assert item.key == "intra:c1"
    assert item.author == "Kari Nordmann" and item.post_title == "Canteen reopens"


def test_kept_lane_counts_equal_a_recount(store):
    """New rows are counted per page by the store, changes by triggers: both must agree with
    counting the rows, through inserts, lane changes and deletions."""
    def kept() -> dict[tuple[str, str], int]:
        return {(lane, area): n for lane, area, n in store.cache.execute(
            "SELECT lane, area_rid, n FROM lane_counts WHERE n != 0")}

    def recount() -> dict[tuple[str, str], int]:
        return {(lane, area): n for lane, area, n in store.cache.execute(
            "SELECT lane, COALESCE(area_rid, ''), COUNT(*) FROM comments "
            "WHERE lane IS NOT NULL GROUP BY 1, 2")}

    load(store, comment(1, "When does it open?"), comment(2, "Hello", status="held", post="2"),
         comment(3, "Nice work", post="2", author="51"), comment(4, "Why?", post="2"),
         comment(5, "YOU ARE ALL IDIOTS AND CLOWNS", author="51"))
    assert kept() == recount() and sum(kept().values()) == 5
    b = Batch(comments=[comment(6, "Monday", parent="1", author="11"),
                        comment(2, "Hello", post="2", version="2"),
                        comment(7, "How about Tuesday?", post="2")],
              tombstones=[("comment", "4")])
    store.apply_page("intra", page(b, "2"), now=NOW)
    assert kept() == recount()
    assert kept()[("reply", "2")] == 1  # 4 went away, 7 came


def test_a_staff_reply_answers_the_whole_chain(store):
    load(store, comment(1, "When does it open?"),
         comment(2, "Me too, when?", parent="1", author="51"))
    assert queries.lane_counts(store)["reply"] == 2
    b = Batch(comments=[comment(3, "Monday", parent="2", author="11")])
    store.apply_page("intra", page(b, "2"), now=NOW)
    assert queries.lane_counts(store)["reply"] == 0


def test_unchanged_records_are_not_rewritten(store):
    load(store, comment(1, "When does it open?"))
    before = store.cache.total_changes
    store.apply_page("intra", page(Batch(comments=[comment(1, "When does it open?")]), "2"))
    # only the cursor row changed
    assert store.cache.total_changes - before == 1


@pytest.mark.parametrize("held", [100_000, -1], ids=["known-in-memory", "asked-each-page"])
def test_tombstones_never_come_back(store, monkeypatch, held):
    monkeypatch.setattr(ingest, "MAX_TOMBSTONES_HELD", held)
    load(store, comment(1, "When does it open?"))
    store.apply_page("intra", page(Batch(comments=[comment(2, "Soon")],
                                         tombstones=[("comment", "1")]), "2"))
    assert queries.item(store, "intra:c1") is None
    # a stale page replayed later must not resurrect it
    store.apply_page("intra", page(Batch(comments=[comment(1, "When does it open?",
                                                           version="2")]), "3"))
    assert queries.item(store, "intra:c1") is None
    assert queries.search(store, "open") == []
    # nor one in the next sync, which learns the tombstones afresh
    store.begin_sync("intra")
    store.apply_page("intra", page(Batch(comments=[comment(1, "When does it open?",
                                                           version="3")]), "4"))
    assert queries.item(store, "intra:c1") is None


def test_a_deleted_post_never_comes_back_either(store):
    load(store, comment(1, "When does it open?"))
    post = dict(base_batch().posts[0], id="3", title="Gone soon")
    store.apply_page("intra", page(Batch(posts=[post], tombstones=[("post", "3")]), "2"))
    store.apply_page("intra", page(Batch(posts=[dict(post, version="2")]), "3"))
    assert store.cache.execute("SELECT COUNT(*) FROM posts WHERE rid = '3'").fetchone()[0] == 0


def test_users_are_written_only_when_they_changed(store):
    load(store, comment(1, "When does it open?", author="51"))
    users = base_batch().users
    before = store.cache.total_changes
    store.apply_page("intra", page(Batch(users=users), "2"))  # every sync lists them all
    assert store.cache.total_changes - before == 1  # the cursor, no user
    promoted = [dict(u, role="moderator") if u["id"] == "51" else u for u in users]
    store.apply_page("intra", page(Batch(users=promoted), "3"))
    assert store.cache.execute(
        "SELECT role FROM users WHERE rid = '51'").fetchone()[0] == "moderator"


def test_sweep_and_partial_updates(store):
    load(store, comment(1, "When does it open?"), comment(2, "Hello there", author="51"))
    b = Batch(partial_comments=[{"id": "1", "status": "held"}], sweep_ids={"1"})
    store.apply_page("intra", page(b, "2"))
    assert queries.item(store, "intra:c2") is None
    assert queries.item(store, "intra:c1").lane == "moderate"


def test_search_newest_first_and_safe_syntax(store):
    load(store, comment(1, "canteen menu question", age=7200),
         comment(2, "the canteen is great", age=60))
    assert [h.key for h in queries.search(store, "canteen")][:2] == ["intra:c2", "intra:c1"]
    queries.search(store, 'cant" OR NEAR(')  # user input never reaches FTS5 syntax
    assert [h.key for h in queries.search(store, "cant")][:2] == ["intra:c2", "intra:c1"]
    assert queries.search(store, "***") == []


def test_ranked_search_puts_the_best_matches_first_among_the_newest(store, monkeypatch):
    # stored in this order (the rank window is of the matches stored last)
    load(store, comment(2, "a long note that mentions the canteen once among many other words",
                        age=60),
         comment(3, "canteen opening hours, canteen menu", age=30),
         comment(4, "canteen canteen canteen canteen", age=90_000),
         comment(1, "canteen canteen canteen", age=7200))
    ranked = [h.key for h in queries.search(store, "canteen", ranked=True)
              if h.kind == "comment"]
    assert ranked == ["intra:c4", "intra:c1", "intra:c3", "intra:c2"]
    assert [h.key for h in queries.search(store, "canteen", ranked=True, limit=2)] == [
        "intra:c4", "intra:c1"]
    # bounded: only the matches stored last are ranked, so the first one stored drops out
    monkeypatch.setattr(queries, "RANK_WINDOW", 3)
    assert [h.key for h in queries.search(store, "canteen", ranked=True)
            if h.kind == "comment"] == ["intra:c4", "intra:c1", "intra:c3"]


def test_short_words_match_whole_words_three_letters_a_prefix(store):
    load(store, comment(1, "a quick note", age=7200), comment(2, "an answer", age=60),
         comment(3, "quite so", age=30))
    # one or two letters have no prefix index: only the word itself, not every word it starts
    assert [h.key for h in queries.search(store, "a") if h.kind == "comment"] == ["intra:c1"]
    assert [h.key for h in queries.search(store, "an") if h.kind == "comment"] == ["intra:c2"]
    assert [h.key for h in queries.search(store, "qu") if h.kind == "comment"] == []
    assert [h.key for h in queries.search(store, "qui") if h.kind == "comment"] == [
        "intra:c3", "intra:c1"]
    assert [h.key for h in queries.search(store, "quic") if h.kind == "comment"] == ["intra:c1"]


def test_bad_page_commits_nothing(store):
    load(store, comment(1, "When does it open?"))

    def broken() -> Batch:
        raise BadResponse("truncated JSON")

    with pytest.raises(BadResponse):
        store.apply_page("intra", Page(cursor="99", parse=broken))
    assert store.cursor("intra") == "1"


def test_optimistic_actions_and_conflict_returns_item(store):
    load(store, comment(1, "When does it open?"),
         comment(2, "Hello", status="held", post="2"))
    reply = outbox.enqueue(store, "intra:c1", "reply", text="Monday at nine", now=NOW)
    approve = outbox.enqueue(store, "intra:c2", "approve", now=NOW)
    assert queries.lane_counts(store)["reply"] == 0
    assert queries.lane_counts(store)["moderate"] == 0
    thread = queries.thread(store, "intra:c1")
    assert [(c.status, c.depth) for c in thread.comments if c.rid.startswith("~")] == [
        ("pending", 1)]
    # the server says the held comment changed meanwhile: it comes back to its lane
    outbox.start(store, approve.id)
    outbox.settle(store, approve.id, state="conflict", message="changed on the server")
    assert queries.lane_counts(store)["moderate"] == 1
    assert {e.state for e in outbox.entries(store)} == {"queued", "conflict"}
    # undo of the not-yet-sent reply
    assert outbox.cancel(store, reply.id)
    assert queries.lane_counts(store)["reply"] == 1
    assert not [c for c in queries.thread(store, "intra:c1").comments if c.rid.startswith("~")]


def test_marks_done_and_snooze_wake(store):
    load(store, comment(1, "When does it open?"))
    outbox.set_mark(store, "intra:c1", "snoozed", until=NOW + 60, now=NOW)
    assert queries.lane_counts(store)["snoozed"] == 1
    assert store.wake_snoozed(NOW + 61) == 1
    assert queries.lane_counts(store)["reply"] == 1
    outbox.set_mark(store, "intra:c1", "done", now=NOW)
    assert queries.lane_counts(store)["done"] == 1
    # marks are precious: they survive a rebuilt cache once the records come back
    store.rebuild_cache()
    load(store, comment(1, "When does it open?"))
    overlays.reapply(store, "intra")
    assert queries.lane_counts(store)["done"] == 1


def test_files_are_private_and_state_is_durable(store, profile):
    load(store, comment(1, "When does it open?"))
    for name in ("cache.db", "state.db", "cache.db-wal", "state.db-wal"):
        path = profile / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert store.state.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.cache.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_lane_queries_use_the_partial_index(store):
    load(store, comment(1, "When does it open?"))
    plan = " ".join(r[3] for r in store.cache.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM comments WHERE lane = 'reply' "
        "ORDER BY prio, sort_ts, id LIMIT 200"))
    assert "ix_comments_lane" in plan and "SCAN comments" not in plan


def test_corrupt_cache_is_rebuilt_and_state_kept(profile):
    s = Store(profile)
    accounts.save_account(s, accounts.Account("intra", "reference", "http://x", "erik"))
    s.close()
    (profile / "cache.db").write_bytes(b"this is not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (profile / f"cache.db{suffix}").unlink(missing_ok=True)
    s = Store(profile)
    try:
        assert s.cache_rebuilt is not None and s.cache_rebuilt.exists()
        assert [a.name for a in accounts.list_accounts(s)] == ["intra"]
    finally:
        s.close()


def test_newer_database_is_refused(profile):
    Store(profile).close()
    conn = sqlite3.connect(profile / "state.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        Store(profile)


def test_a_reply_that_arrives_before_its_parent_still_answers_it(store):
    load(store, comment(5, "Unrelated"))
    # the staff answer comes first, the question it answers in a later page
    store.apply_page("intra", page(Batch(comments=[
        comment(3, "Monday", parent="2", author="11")]), "2"), now=NOW)
    store.apply_page("intra", page(Batch(comments=[
        comment(2, "When does it open?", author="51")]), "3"), now=NOW)
    assert queries.item(store, "intra:c2").lane is None


def test_an_approved_comment_that_breaks_a_rule_stays_approved(store):
    spammy = "Look http://a.example http://b.example http://c.example"
    load(store, comment(1, spammy, status="held"))
    assert queries.item(store, "intra:c1").reason == "held"
    entry = outbox.enqueue(store, "intra:c1", "approve", now=NOW)
    outbox.start(store, entry.id)
    outbox.finish(store, entry.id, remote_id=None, batch=Batch(comments=[
        comment(1, spammy, status="published", version="2")]))
    # the moderator has seen the links and approved it: not back in Moderate as "rule"
    assert queries.item(store, "intra:c1").lane != "moderate"
    # …until someone flags it again
    store.apply_page("intra", page(Batch(comments=[comment(
        1, spammy, version="3", flags=[{"reason": "spam", "count": 1}])]), "9"), now=NOW)
    assert queries.item(store, "intra:c1").reason == "flagged"
