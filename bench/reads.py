"""Reads on a synced profile: lanes, counts, search, threads, each with its "before"."""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.models import keys, queries
from desktop.models.store import Store

LANES = ("reply", "moderate", "acknowledge")
REPEAT = 15  # executions per measurement; the median of them is one run's value


def timed(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    """Median milliseconds of ``fn`` (warm page cache, as in the desk after the first use)."""
    fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def search_words(profile: Path) -> dict[str, str]:
    """A word in most comments, one in ~1 %, a rare one, and a 3-letter prefix."""
    conn = sqlite3.connect(profile / "cache.db")
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, comments_fts, row)")
        total = conn.execute("SELECT COUNT(*) FROM comments").fetchone()[0] or 1
        words = conn.execute(
            "SELECT term, doc FROM temp.vocab WHERE length(term) > 2 AND term GLOB '[a-z]*' "
            "ORDER BY doc DESC"
        ).fetchall()
    finally:
        conn.close()
    common = words[0][0]
    one_pct = min(words, key=lambda w: abs(w[1] - total / 100))[0]
    rare = min(words, key=lambda w: abs(w[1] - 10))[0]
    return {"common": common, "1%": one_pct, "rare": rare, "prefix": one_pct[:3]}


def biggest_thread(store: Store) -> str:
    rid = store.cache.execute(
        "SELECT post_rid FROM comments GROUP BY post_rid ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    return keys.make("demo", "post", rid)


def measure(profile: Path) -> dict[str, Any]:
    """One run of every read. Values in ms; ``*_before`` are the designs we replaced."""
    store = Store(profile, readonly=True)
    try:
        words = search_words(profile)
        thread_key = biggest_thread(store)
        sizes = queries.lane_counts(store)
        big_lane = max(LANES, key=lambda lane: sizes[lane])
        out: dict[str, Any] = {"lane_sizes": sizes, "words": words}
        out["lane_first_200"] = max(
            timed(lambda lane=lane: queries.queue_page(store, lane, limit=200)) for lane in LANES
        )
        out["lane_first_200_sql"] = max(timed(lambda lane=lane: store.cache.execute(
            queries._SELECT + "WHERE c.lane = ? ORDER BY c.prio, c.sort_ts, c.id LIMIT 200",
            (lane,)).fetchall()) for lane in LANES)
        out["lane_first_200_before"] = timed(lambda: store.cache.execute(
            queries._SELECT.replace("FROM comments c ", "FROM comments c NOT INDEXED ")
            + "WHERE c.lane = ? ORDER BY c.prio, c.sort_ts, c.id LIMIT 200", (big_lane,)
        ).fetchall(), repeat=3)
        out["lane_ids_biggest"] = timed(lambda: queries.queue_ids(store, big_lane), repeat=5)
        areas = [a for (a,) in store.cache.execute("SELECT name FROM areas")]

        def all_counts() -> None:
            queries.lane_counts(store)
            for lane in LANES:
                queries.area_counts(store, lane)

        out["all_counts"] = timed(all_counts)
        out["area_filter_counts"] = timed(
            lambda: [queries.lane_counts(store, area=a) for a in areas[:5]]) / max(
            1, min(5, len(areas)))

        def counts_before() -> None:
            store.cache.execute("SELECT lane, COUNT(*) FROM comments WHERE lane IS NOT NULL "
                                "GROUP BY lane").fetchall()
            for lane in LANES:
                store.cache.execute("SELECT acct, area_rid, COUNT(*) FROM comments "
                                    "WHERE lane = ? GROUP BY acct, area_rid", (lane,)).fetchall()

        out["all_counts_before"] = timed(counts_before, repeat=3)
        out["search"] = {k: timed(lambda w=w: queries.search(store, w)) for k, w in words.items()}
        out["search_worst"] = max(out["search"].values())
        out["search_ranked_worst"] = max(
            timed(lambda w=w: queries.search(store, w, ranked=True), repeat=5)
            for w in words.values())
        common = queries.fts_query(words["common"])
        out["search_ranked_before"] = timed(lambda: store.cache.execute(
            "SELECT rowid FROM comments_fts WHERE comments_fts MATCH ? ORDER BY rank LIMIT 50",
            (common,)).fetchall(), repeat=1)
        out["thread_open"] = timed(lambda: queries.thread(store, thread_key))
        out["thread_size"] = len(queries.thread(store, thread_key).comments)  # type: ignore[union-attr]
        return out
    finally:
        store.close()
