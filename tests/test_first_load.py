"""A first load into an empty cache: the author index is deferred to its end, first-time
contributors are still found (from the sync's own memory), and nothing is left half-built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from records import NOW, base_batch, comment, page

from desktop import crashpoints
from desktop.models import accounts, queries, schema
from desktop.models.store import Store
from desktop.services.connectors.base import Batch

AUTHOR_INDEX = "ix_comments_author"


def first_page(store: Store, *comments) -> None:
    b = base_batch()
    b.comments = list(comments)
    assert store.begin_sync("intra") is True
    store.apply_page("intra", page(b, "1"), now=NOW)


def lane_of(store: Store, key: str) -> tuple[str | None, str | None]:
    item = queries.item(store, key)
    assert item is not None
    return item.lane, item.reason


def test_the_author_index_is_built_when_the_first_load_ends(store):
    first_page(store, comment(1, "Great news", post="2", author="50", age=7200))
    assert not schema.index_ready(store.cache, AUTHOR_INDEX)
    # the desk asks for the author's context while the load runs: no full scan, no answer
    assert queries.author_context(store, "intra:c1") is None
    store.apply_page("intra", page(Batch(comments=[comment(2, "Me too", post="2", author="50")]), "2"),
                     now=NOW)
    store.finish_sync("intra", now=NOW)
    assert schema.index_ready(store.cache, AUTHOR_INDEX)
    context = queries.author_context(store, "intra:c1")
    assert context is not None and context.comments == 2
    plan = " ".join(str(r) for r in store.cache.execute(
        "EXPLAIN QUERY PLAN SELECT MIN(created_at) FROM comments WHERE acct = 1 "
        "AND author_rid = '50'"))
    assert AUTHOR_INDEX in plan


def test_first_time_contributors_are_found_without_the_index(store):
    # kari's first comment arrives on page 1, a later one on page 2, an earlier one (an older
    # comment delivered late) on page 3: only the earliest is her first.
    first_page(store, comment(1, "Great news", post="2", author="50", age=7200))
    assert lane_of(store, "intra:c1") == ("acknowledge", "first_time")
    store.apply_page("intra", page(Batch(comments=[comment(2, "Lovely", post="2", author="50", age=3600)]),
                                   "2"), now=NOW)
    assert lane_of(store, "intra:c2") == ("acknowledge", "unseen")
    store.apply_page("intra", page(Batch(comments=[
        comment(3, "Nice", post="2", author="51", age=600)]), "3"), now=NOW)
    assert lane_of(store, "intra:c3") == ("acknowledge", "first_time")
    store.finish_sync("intra", now=NOW)
    # and the same verdicts as an incremental sync decides from the database afterwards
    store.apply_page("intra", page(Batch(comments=[comment(4, "Again", post="2", author="51", age=60)]),
                                   "4"), now=NOW)
    assert lane_of(store, "intra:c4") == ("acknowledge", "unseen")


def test_a_moved_comment_is_recounted_during_the_first_load(store):
    first_page(store, comment(1, "Great news", post="2", author="50", age=7200),
               comment(2, "Lovely", post="2", author="50", age=3600))
    assert lane_of(store, "intra:c2") == ("acknowledge", "unseen")
    # the first one is deleted on the server: the second is now kari's first comment
    store.apply_page("intra", page(Batch(tombstones=[("comment", "1")]), "2"), now=NOW)
    store.apply_page("intra", page(Batch(comments=[comment(5, "Hi", post="2", author="50", age=60)]), "3"),
                     now=NOW)
    assert lane_of(store, "intra:c5") == ("acknowledge", "unseen")
    cache = store.sync_cache(store.acct_id("intra"))
    assert cache.first_at["50"] == NOW - 3600


def test_an_interrupted_first_load_resumes_and_a_removed_one_repairs(store, profile):
    first_page(store, comment(1, "Great news", post="2", author="50"))
    store.close()
    resumed = Store(profile)  # the app restarted mid-load: still a first load, still deferred
    assert resumed.begin_sync("intra") is True
    assert not schema.index_ready(resumed.cache, AUTHOR_INDEX)
    assert accounts.remove_account(resumed, "intra")
    resumed.close()
    reopened = Store(profile)  # no first load runs any more: the index is built at once
    try:
        assert schema.index_ready(reopened.cache, AUTHOR_INDEX)
    finally:
        reopened.close()


def test_a_second_account_keeps_the_index_for_the_first(store):
    first_page(store, comment(1, "Great news", post="2", author="50"))
    store.finish_sync("intra", now=NOW)
    accounts.save_account(store, accounts.Account(
        "other", "reference", "http://other.test", "erik", user_id="10", role="editor"))
    assert store.begin_sync("other") is True
    assert schema.index_ready(store.cache, AUTHOR_INDEX)
    assert queries.author_context(store, "intra:c1") is not None


# Replies before the comments they answer, across pages: c12 (a moderator) answers c11 before
# c11 arrives; c23 answers c22, which answers c21 before c21 arrives; c31 asks below c21 later.
REPLIES_FIRST = [
    [comment(5, "Unrelated"), comment(12, "Monday", parent="11", author="11"),
     comment(22, "Same question", parent="21", author="51"),
     comment(23, "Friday", parent="22", author="11")],
    [comment(11, "When does it open?", author="51"), comment(21, "Is it vegan?")],
    [comment(31, "And gluten free?", parent="21", author="51"),
     comment(32, "Thanks!", parent="5", author="11")],
]


def answers(store: Store) -> dict[str, tuple[int, str | None, str | None]]:
    return {rid: (staff, lane, reason) for rid, staff, lane, reason in store.cache.execute(
        "SELECT rid, staff_replied, lane, reason FROM comments WHERE rid != '99'")}


def test_replies_before_their_parents_answer_them_in_a_first_load(store, profile):
    first_page(store, *REPLIES_FIRST[0])
    for n, comments in enumerate(REPLIES_FIRST[1:], 2):
        store.apply_page("intra", page(Batch(comments=comments), str(n)), now=NOW)
    store.finish_sync("intra", now=NOW)
    first_load = answers(store)
    assert first_load["11"][:2] == (1, None) and first_load["21"][:2] == (1, None)
    assert first_load["31"][1] == "reply"

    # the same pages as an incremental sync: the same verdicts
    other = Store(profile.parent / "incremental")
    try:
        accounts.save_account(other, accounts.Account(
            "intra", "reference", "http://intranet.test", "erik", user_id="10", role="editor"))
        b = base_batch()
        b.comments = [comment(99, "Welcome", post="2", author="10")]
        other.begin_sync("intra")
        other.apply_page("intra", page(b, "0"), now=NOW)
        other.finish_sync("intra", now=NOW)
        assert other.begin_sync("intra") is False
        for n, comments in enumerate(REPLIES_FIRST, 1):
            other.apply_page("intra", page(Batch(comments=comments), str(n)), now=NOW)
        assert answers(other) == first_load
    finally:
        other.close()


def test_an_answer_hidden_during_the_first_load_is_taken_back(store):
    # c3 (a moderator) answers c2, which asks below c1; c1 comes last
    first_page(store, comment(2, "Me too, when?", parent="1", author="51"),
               comment(3, "Monday", parent="2", author="11"))
    assert queries.item(store, "intra:c2").lane is None
    hidden = comment(3, "Monday", parent="2", author="11", status="hidden", version="2")
    store.apply_page("intra", page(Batch(comments=[hidden]), "2"), now=NOW)
    assert lane_of(store, "intra:c2")[0] == "reply"  # the answer was taken away
    store.apply_page("intra", page(Batch(comments=[comment(1, "When does it open?")]), "3"),
                     now=NOW)
    assert lane_of(store, "intra:c1")[0] == "reply"  # nobody answered below it any more


# --- a first load killed mid-way ----------------------------------------------------------

WORKER = Path(__file__).with_name("first_load_worker.py")


def _run_worker(profile: Path, server: Any, crashpoint: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != crashpoints.ENV}
    if crashpoint:
        env[crashpoints.ENV] = crashpoint
    return subprocess.run(
        [sys.executable, str(WORKER), str(profile), server.url, server.tokens["mona"], "40"],
        env=env, capture_output=True, text=True, timeout=120, check=False)


def _snapshot(profile: Path) -> tuple[Any, ...]:
    store = Store(profile, readonly=True)
    try:
        c = store.cache
        indexes = {name for (name,) in c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'")}
        return (
            indexes,
            c.execute("SELECT rid, status, version, lane, reason, staff_replied "
                      "FROM comments ORDER BY rid").fetchall(),
            # the search index, built when the load ends, answers as an uninterrupted one
            sorted(h.key for h in queries.search(store, "the", limit=10_000)),
            {lane: [i.key for i in queries.queue_page(store, lane, limit=10_000)]
             for lane in schema.LANES},
            queries.lane_counts(store),
        )
    finally:
        store.close()


def test_a_first_load_killed_mid_way_resumes_to_the_same_cache(demo_server, tmp_path):
    whole = tmp_path / "whole"
    assert "synced" in _run_worker(whole, demo_server, None).stdout
    killed = tmp_path / "killed"
    died = _run_worker(killed, demo_server, "mid_page:4")
    assert "synced" not in died.stdout and died.returncode != 0
    store = Store(killed)  # reopened mid-load: the deferred indexes are still to be built
    try:
        assert store.cache.execute("SELECT bulk FROM sources").fetchone() == (1,)
        assert store.cache.execute("SELECT COUNT(*) FROM comments").fetchone()[0] > 0
        assert not any(schema.index_ready(store.cache, n) for n in schema.DEFERRED_INDEXES)
    finally:
        store.close()
    assert "synced" in _run_worker(killed, demo_server, None).stdout
    resumed, expected = _snapshot(killed), _snapshot(whole)
    assert set(schema.DEFERRED_INDEXES) <= resumed[0]
    assert resumed == expected
    assert expected[2] and any(expected[3].values())
