"""Heated threads: many replies in a short time, or several flagged ones, become one Moderate
item with the thread's numbers (triage.heated, apply.mark_heated)."""

from __future__ import annotations

import random

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import queries, triage
from desktop.models.settings import Change, apply_changes
from desktop.services.connectors.base import Batch

HEAT = triage.Heat(replies=10, window=1800, flags=3)


def thread(n: int, span: float, *, flagged: int = 0, ago: float = 0.0,
           seed: int = 1) -> list[tuple[float, bool]]:
    """``n`` replies spread at random over ``span`` seconds ending ``ago`` before NOW."""
    rng = random.Random(seed)
    end = NOW - ago
    times = sorted([end, end - span] + [end - rng.uniform(0, span) for _ in range(n - 2)])
    marks = [True] * flagged + [False] * (n - flagged)
    rng.shuffle(marks)
    return list(zip(times, marks, strict=True))


@pytest.mark.parametrize(("replies", "now", "expected"), [
    (thread(14, 20 * 60, flagged=3), NOW, {"replies": 14, "minutes": 20, "flagged": 3}),
    (thread(10, 25 * 60), NOW, {"replies": 10, "minutes": 25, "flagged": 0}),
    (thread(9, 25 * 60), NOW, None),  # one reply short
    (thread(9, 25 * 60, flagged=3), NOW, {"replies": 9, "minutes": 25, "flagged": 3}),
    (thread(9, 25 * 60, flagged=2), NOW, None),
    (thread(120, 3 * 3600), NOW, "some"),  # a long thread: only the last 30 min count
    (thread(14, 20 * 60, flagged=3, ago=86400), NOW, None),  # busy yesterday, calm now
    (thread(14, 20 * 60), NOW - 3600, None),  # replies after "now" do not count
    ([], NOW, None),
    (thread(3, 60, flagged=3), NOW, {"replies": 3, "minutes": 1, "flagged": 3}),
])
def test_heated_table(replies, now, expected):
    got = triage.heated(replies, now, HEAT)
    if expected == "some":
        assert got is not None and 10 <= got["replies"] < 120 and got["minutes"] <= 30
    else:
        assert got == expected


def test_heated_reason_text():
    text = triage.describe("heated", {"replies": 14, "minutes": 20, "flagged": 3},
                           author="x", created_at=NOW, now=NOW)
    assert text.startswith("Heated: 14 replies in 20 min, 3 flagged")
    assert "lock" in text


def burst(n: int, *, first: int = 100, post: str = "1", flagged: int = 0) -> list[dict]:
    return [comment(first + i, f"Reply number {i} about the canteen", post=post,
                    author="51" if i % 2 else "50", age=60.0 * (n - i),
                    flags=[{"reason": "insulting", "count": 1}] if i < flagged else None)
            for i in range(n)]


def load_first(store) -> None:
    b = base_batch()
    b.comments = [comment(1, "When does it open?")]
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "1"), now=NOW)
    store.finish_sync("intra", now=NOW)


def heated_items(store) -> list[tuple[str, str, str]]:
    return store.cache.execute(
        "SELECT rid, lane, reason_args FROM comments WHERE reason = 'heated'").fetchall()


def test_a_burst_becomes_one_moderate_item_and_stays(store):
    load_first(store)
    before = queries.lane_counts(store)["moderate"]
    store.apply_page("intra", page(Batch(comments=burst(14, flagged=3)), "2"), now=NOW)
    [(rid, lane, args)] = heated_items(store)
    assert lane == "moderate" and rid == "100"  # the burst's first reply stands for it
    assert '"replies": 14' in args and '"flagged": 3' in args
    # the three flagged replies are Moderate items of their own, the heated one among them
    assert queries.lane_counts(store)["moderate"] == before + 3
    [item] = [i for i in queries.queue_page(store, "moderate") if i.key == "intra:c100"]
    # more replies update the same item, never a second one
    store.apply_page("intra", page(Batch(comments=burst(3, first=200)), "3"), now=NOW + 30)
    [(rid, _, args)] = heated_items(store)
    assert rid == "100" and '"replies": 17' in args
    # a change of the rules triages every comment again: the heated item stays
    apply_changes(store, [Change("max_links_en", 5, "intra")], now=NOW + 60)
    assert [r[0] for r in heated_items(store)] == ["100"]


def test_a_calm_thread_or_another_threshold(store):
    load_first(store)
    store.apply_page("intra", page(Batch(comments=burst(6, post="2")), "2"), now=NOW)
    assert heated_items(store) == []
    store.settings.write([Change("heated_replies", 5, "intra")])
    store.apply_page("intra", page(Batch(comments=burst(1, first=300, post="2")), "3"),
                     now=NOW)
    assert [r[1] for r in heated_items(store)] == ["moderate"]


def test_a_locked_thread_is_not_heated(store):
    load_first(store)
    b = base_batch()
    b.posts[0]["locked"] = True
    b.posts[0]["version"] = "2"
    b.comments = burst(14)
    store.apply_page("intra", page(b, "2"), now=NOW)
    assert heated_items(store) == []


def test_demo_activity_boils_a_thread_over_now_and_then(tmp_path):
    from desktop.demo import activity
    from desktop.demo.store import DemoStore

    demo = DemoStore(tmp_path / "live.db")
    try:
        demo.populate(seed=2, comments=200)
        rng = random.Random(7)
        kinds = [k for _ in range(200) for k in demo.transaction(lambda tx: activity.step(tx, rng))]
        assert 1 <= kinds.count("heated") <= 20  # now and then, not all the time
        # one burst is one thread with enough replies and flags for the default thresholds
        def boil(tx):
            top = tx.conn.execute("SELECT MAX(id) FROM comments").fetchone()[0]
            assert activity._heated(tx, rng, "heated")
            return tx.conn.execute(
                "SELECT COUNT(DISTINCT post_id), COUNT(*), (SELECT COUNT(DISTINCT comment_id) "
                "FROM flags WHERE comment_id > ?) FROM comments WHERE id > ?",
                (top, top)).fetchone()

        posts, replies, flagged = demo.transaction(boil)
        assert posts == 1 and replies >= HEAT.replies and flagged >= 1
    finally:
        demo.close()
