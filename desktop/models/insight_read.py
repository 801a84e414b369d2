"""The insight figures read from the derived facts (desktop/models/insight_facts.py): a
period's whole days from ``insight_days``, the whole hours of its partial days from
``insight_hours``, only its partial hours from the comments' period index and the input rows;
the rankings from all-time totals probed largest first. insight.py calls ``read`` when
``insight_facts.ready`` says the facts of the scope are current, and turns the sums into
figures (``kth`` picks the medians from the days' sorted runs).
"""

from __future__ import annotations

import array
import bisect
import collections
import heapq
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from desktop.models import triage
from desktop.models.insight_facts import DAY, HOUR, PUBLISHED

TOP = 10

Key = Callable[[int, str, float], Any]  # (acct, area rid or "", a time in it) → group


def _empty() -> dict[str, Any]:
    return {"comments": 0, "inputs": 0, "unanswered": 0, "oldest": None, "acked": 0,
            "waits": [], "first": 0, "returning": 0, "replies": 0, "posts": 0}


class Scope:
    """Which accounts and areas a read covers, as SQL over a table alias and in Python."""

    def __init__(self, accts: list[int], areas: set[tuple[int, str]] | None) -> None:
        self.accts = accts
        self.areas = areas
        self.args = {"accts": json.dumps(accts),
                     "areas": json.dumps(sorted(f"{a}:{r}" for a, r in areas or ()))}

    def sql(self, t: str, area: str, *, by_time: bool = False) -> str:
        """``by_time``: the read goes by a time or total index; the unary + keeps SQLite from
        taking an index on acct instead (on comments: every comment of the account)."""
        out = f" AND {'+' if by_time else ''}{t}.acct IN (SELECT value FROM json_each(:accts))"
        if self.areas is not None:
            out += (f" AND ({t}.acct || ':' || {area}) IN "
                    f"(SELECT value FROM json_each(:areas))")
        return out

    def has(self, acct: int, area: str) -> bool:
        return self.areas is None or (acct, area) in self.areas


Edges = list[tuple[float, float]]  # the partial days at either end of a period


def read(conn: sqlite3.Connection, scope: Scope, since: float, until: float, key: Key,
         leaders: list[str], tops: bool) -> tuple[dict[Any, dict[str, Any]], list[tuple[Any, ...]]]:
    """The figures of ``[since, until)`` per group (insight._run's shape, before its medians
    and shares): whole UTC days from the facts, the partial days at either end from the input
    rows and the comments' period index. Rows come grouped by day at most, so a group key
    is asked of a day's start (a week starts at a day's)."""
    groups: dict[Any, dict[str, Any]] = {}

    def slot(acct: int, area: str, day: int) -> dict[str, Any]:
        g = key(acct, area, day * DAY)
        if g not in groups:
            groups[g] = _empty()
        return groups[g]

    d0, d1 = math.ceil(since / DAY), math.floor(until / DAY)
    # each edge within one day (so within one week)
    edges = [(since, until)] if d0 > d1 else [
        (a, b) for a, b in ((since, d0 * DAY), (d1 * DAY, until)) if a < b]
    args: dict[str, Any] = {**scope.args, "d0": d0, "d1": d1}
    if d0 < d1:
        _spans(conn, scope, "insight_days", "day", d0, d1, 1, slot)
    # the edges, partial days: their whole hours from insight_hours, the rest (partial
    # hours) counted from the covering period index and the input rows
    chosen = _leader_set(scope, leaders)
    for lo, hi in edges:
        day = math.floor(lo / DAY)

        def in_day(acct: int, area: str, _unit: int, day: int = day) -> dict[str, Any]:
            return slot(acct, area, day)

        h0, h1 = math.ceil(lo / HOUR), math.floor(hi / HOUR)
        if h0 < h1:
            _spans(conn, scope, "insight_hours", "hour", h0, h1, 24, in_day)
        for a, b in ([(lo, hi)] if h0 > h1 else [(lo, h0 * HOUR), (h1 * HOUR, hi)]):
            if a < b:
                _partial(conn, scope, {**args, "lo": a, "hi": b}, in_day)
        for acct, rid in sorted(chosen):  # a leader's few comments, by the author index
            for area, n in conn.execute(
                    f"SELECT COALESCE(c.area_rid, ''), COUNT(*) FROM comments c "
                    f"WHERE c.acct = ? AND c.author_rid = ? AND c.created_at >= ? "
                    f"AND c.created_at < ? AND {PUBLISHED.format(t='c')} GROUP BY 1",
                    (acct, rid, lo, hi)):
                if scope.has(acct, area):
                    slot(acct, area, day)["replies"] += n
    if d0 < d1:
        for acct, area, day, n in _leader_days(conn, chosen, d0, d1):
            if scope.has(acct, area):
                slot(acct, area, day)["replies"] += n
    ranks = _tops(conn, scope, args, edges) if tops else []
    return groups, ranks


Slot = Callable[[int, str, int], dict[str, Any]]  # (acct, area, day or hour) → its sums


def _spans(conn: sqlite3.Connection, scope: Scope, table: str, unit: str, lo: int, hi: int,
           per_day: int, slot: Slot) -> None:
    """Add the rows of insight_days or insight_hours in [lo, hi) of their unit."""
    for (acct, k, area, comments, inputs, unanswered, oldest, acked, waits, first,
         back) in conn.execute(
            f"SELECT acct, {unit}, area_rid, comments, inputs, unanswered, oldest, acked, "
            f"waits, first, back FROM {table} d WHERE {unit} >= :lo AND {unit} < :hi"
            f"{scope.sql('d', 'd.area_rid')}", {**scope.args, "lo": lo, "hi": hi}):
        s = slot(acct, area, k // per_day)
        s["comments"] += comments
        s["first"] += first
        s["returning"] += back
        _add_input(s, inputs, unanswered, oldest, acked)
        if waits:
            s["waits"].append(array.array("d", waits))


def _partial(conn: sqlite3.Connection, scope: Scope, span: dict[str, Any], slot: Slot) -> None:
    """Add what was written in [lo, hi) of ``span``, less than an hour: from the comments'
    period index, the input rows and the people."""
    in_scope = scope.sql("c", "COALESCE(c.area_rid, '')", by_time=True)
    for acct, area, n in conn.execute(
            f"SELECT c.acct, COALESCE(c.area_rid, ''), COUNT(*) FROM comments c "
            f"WHERE c.created_at >= :lo AND c.created_at < :hi "
            f"AND {PUBLISHED.format(t='c')}{in_scope} GROUP BY 1, 2", span):
        slot(acct, area, 0)["comments"] += n
    edge_input = (f"FROM insight_input i WHERE created_at >= :lo AND created_at < :hi"
                  f"{scope.sql('i', 'i.area_rid', by_time=True)}")
    for acct, area, inputs, unanswered, oldest, acked in conn.execute(
            f"SELECT acct, area_rid, COUNT(*), SUM(replied_at IS NULL), "
            f"MIN(CASE WHEN replied_at IS NULL THEN created_at END), SUM(acked) "
            f"{edge_input} GROUP BY 1, 2", span):
        _add_input(slot(acct, area, 0), inputs, unanswered, oldest, acked)
    waits: dict[tuple[int, str], list[float]] = {}
    for acct, area, wait in conn.execute(
            f"SELECT acct, area_rid, replied_at - created_at {edge_input} "
            f"AND replied_at IS NOT NULL", span):
        waits.setdefault((acct, area), []).append(wait)
    for (acct, area), found in waits.items():
        slot(acct, area, 0)["waits"].append(sorted(found))
    for acct, area, first, returning in conn.execute(
            f"SELECT acct, area_rid, COUNT(*), SUM(returned) FROM insight_people f "
            f"WHERE first_at >= :lo AND first_at < :hi AND NOT team"
            f"{scope.sql('f', 'f.area_rid', by_time=True)} GROUP BY 1, 2", span):
        s = slot(acct, area, 0)
        s["first"] += first
        s["returning"] += returning


def kth(runs: Sequence[Sequence[float]], k: int) -> float:
    """The k-th smallest (1-based) of sorted runs together, without merging them: a pivot
    from the widest run left, counted in every run by bisection; each step halves that run
    (a median of a 28-day trend: ~40 steps instead of sorting 200k first-reply times)."""
    lo = [0] * len(runs)
    hi = [len(r) for r in runs]
    while True:
        widest = max(range(len(runs)), key=lambda i: hi[i] - lo[i])
        pivot = runs[widest][(lo[widest] + hi[widest]) // 2]
        below = [bisect.bisect_left(r, pivot, lo[i], hi[i]) for i, r in enumerate(runs)]
        upto = [bisect.bisect_right(r, pivot, lo[i], hi[i]) for i, r in enumerate(runs)]
        n_below = sum(b - a for a, b in zip(lo, below, strict=True))
        n_upto = sum(b - a for a, b in zip(lo, upto, strict=True))
        if k <= n_below:
            hi = below
        elif k <= n_upto:
            return pivot
        else:
            k -= n_upto
            lo = upto


def _add_input(s: dict[str, Any], inputs: int, unanswered: int, oldest: float | None,
               acked: int) -> None:
    s["inputs"] += inputs
    s["unanswered"] += unanswered
    s["acked"] += acked
    if oldest is not None:
        s["oldest"] = oldest if s["oldest"] is None else min(s["oldest"], oldest)


def _leader_set(scope: Scope, leaders: list[str]) -> set[tuple[int, str]]:
    chosen = set()
    for leader in leaders:
        text, rid = leader.split(":", 1)
        if int(text) in scope.accts:
            chosen.add((int(text), rid))
    return chosen


def _leader_days(conn: sqlite3.Connection, chosen: set[tuple[int, str]], d0: int, d1: int
                 ) -> Iterable[tuple[Any, ...]]:
    """(acct, area, day, comments) of the leaders over whole days."""
    for acct in sorted({a for a, _r in chosen}):
        rids = json.dumps(sorted(r for a, r in chosen if a == acct))
        yield from conn.execute(
            # SQLite cannot tell how few ids json_each gives; by days it read every count
            "SELECT acct, area_rid, day, SUM(n) FROM insight_counts INDEXED BY "
            "ix_insight_counts_rid WHERE acct = ? "
            "AND kind = 'w' AND rid IN (SELECT value FROM json_each(?)) AND day >= ? "
            "AND day < ? GROUP BY area_rid, day", (acct, rids, d0, d1))


def _tops(conn: sqlite3.Connection, scope: Scope, args: dict[str, Any], edges: Edges
          ) -> list[tuple[Any, ...]]:
    """The top posts (every comment) and contributors (outside the team): whole days from
    insight_counts, for every area only of ids whose total can reach the top (probed); the
    edges from the comments, of the probed ids alone by their own indexes, else by the
    period index; who is the team is asked only of contributors who can reach the top."""
    in_scope = scope.sql("c", "COALESCE(c.area_rid, '')", by_time=True)
    edge = (f"FROM comments c WHERE c.created_at >= :lo AND c.created_at < :hi "
            f"AND {PUBLISHED.format(t='c')}{in_scope}")
    posts = _days_bound(conn, scope, args, "p")
    people = _days_bound(conn, scope, args, "a")
    if not edges:
        return _ranked(conn, "tp", posts) + _ranked(conn, "tc", people)
    probed = scope.areas is None and args["d0"] < args["d1"]
    at_people: collections.Counter[tuple[int, str]] = collections.Counter()
    if probed:
        for column, counts, into in (("post_rid", posts, posts), ("author_rid", people,
                                                                  at_people)):
            for acct, rid in list(counts):
                for lo, hi in edges:  # by ix_comments_post / ix_comments_author
                    n = conn.execute(
                        f"SELECT COUNT(*) FROM comments c WHERE c.acct = ? AND c.{column} = ? "
                        f"AND c.created_at >= ? AND c.created_at < ? "
                        f"AND {PUBLISHED.format(t='c')}", (acct, rid, lo, hi)).fetchone()[0]
                    if n:
                        into[(acct, rid)] = into.get((acct, rid), 0) + n
    else:
        for column, counts in (("post_rid", posts), ("author_rid", at_people)):
            for lo, hi in edges:
                for acct, rid, n in conn.execute(
                        f"SELECT c.acct, c.{column}, COUNT(*) {edge} GROUP BY 1, 2",
                        {**args, "lo": lo, "hi": hi}):
                    counts[(acct, rid)] = counts.get((acct, rid), 0) + n
    lows = sorted(people.values(), reverse=True)
    floor = lows[TOP - 1] if len(lows) >= TOP else 1
    chosen = {k for k, n in at_people.items() if people.get(k, 0) + n >= floor}
    for k, n in _outsiders(conn, edges, edge, args, chosen, by_author=probed).items():
        people[k] = people.get(k, 0) + n
    return _ranked(conn, "tp", posts) + _ranked(conn, "tc", people)


def _outsiders(conn: sqlite3.Connection, edges: Edges, edge: str, args: dict[str, Any],
               chosen: set[tuple[int, str]], *, by_author: bool
               ) -> collections.Counter[tuple[int, str]]:
    """The comments at the edges of these authors that are not the team's word, decided by
    ``triage.is_responder`` itself (``team_sql`` is its SQL twin); read by the author index
    (``by_author``: every area) or from the period index."""
    out: collections.Counter[tuple[int, str]] = collections.Counter()
    if not chosen:
        return out
    mine: list[tuple[Any, ...]] = []
    if by_author:
        for acct, rid in sorted(chosen):
            for lo, hi in edges:
                mine.extend(conn.execute(
                    f"SELECT c.acct, c.area_rid, c.post_rid, c.author_rid FROM comments c "
                    f"WHERE c.acct = ? AND c.author_rid = ? AND c.created_at >= ? "
                    f"AND c.created_at < ? AND {PUBLISHED.format(t='c')}", (acct, rid, lo, hi)))
    else:
        picked = json.dumps(sorted(f"{a}:{r}" for a, r in chosen))
        for lo, hi in edges:
            mine.extend(conn.execute(
                f"SELECT c.acct, c.area_rid, c.post_rid, c.author_rid {edge} AND "
                f"(c.acct || ':' || c.author_rid) IN (SELECT value FROM json_each(:chosen))",
                {**args, "lo": lo, "hi": hi, "chosen": picked}))
    people: dict[tuple[int, str], tuple[str, frozenset[str]]] = {}
    authors: dict[tuple[int, str], str | None] = {}
    for acct in {r[0] for r in mine}:
        who = json.dumps(sorted({r[3] for r in mine if r[0] == acct}))
        people.update(((acct, rid), (role, frozenset(json.loads(areas))))
                      for rid, role, areas in conn.execute(
            "SELECT rid, role, areas FROM users WHERE acct = ? AND role != 'employee' "
            "AND rid IN (SELECT value FROM json_each(?))", (acct, who)))
        rids = json.dumps(sorted({r[2] for r in mine if r[0] == acct}))
        authors.update(((acct, rid), by) for rid, by in conn.execute(
            "SELECT rid, author_rid FROM posts WHERE acct = ? AND rid IN "
            "(SELECT value FROM json_each(?))", (acct, rids)))
    for a, area, post, who in mine:
        role, areas = people.get((a, who), ("employee", frozenset()))
        if not triage.is_responder(who, role, areas, authors.get((a, post)), area):
            out[(a, who)] += 1
    return out


def _days_bound(conn: sqlite3.Connection, scope: Scope, args: dict[str, Any], kind: str
                ) -> dict[tuple[int, str], int]:
    """Each id's count over the whole days, for every id that can reach the top. For all
    areas the all-time totals are read largest first, each probed for its days, until a
    total (≥ any period's count) falls below the tenth best so far; one area sums its days."""
    d0, d1 = args["d0"], args["d1"]
    if d0 >= d1:
        return {}
    if scope.areas is not None:
        # a day and an area at a time: the key's prefix (by days alone it read every area)
        sums: collections.Counter[tuple[int, str]] = collections.Counter()
        for acct, area in sorted(scope.areas):
            if acct not in scope.accts:
                continue
            for day in range(d0, d1):
                for rid, n in conn.execute(
                        "SELECT rid, n FROM insight_counts WHERE acct = ? AND day = ? "
                        "AND area_rid = ? AND kind = ?", (acct, day, area, kind)):
                    sums[(acct, rid)] += n
        return dict(sums)
    found: dict[tuple[int, str], int] = {}
    best: list[int] = []  # a heap of the TOP largest counts over the days
    probe = ("SELECT COALESCE(SUM(n), 0) FROM insight_counts INDEXED BY ix_insight_counts_rid "
             "WHERE acct = ? AND kind = ? "
             "AND rid = ? AND day >= ? AND day < ?")
    for acct, rid, total in conn.execute(
            f"SELECT acct, rid, n FROM insight_totals t WHERE kind = :kind"
            f"{scope.sql('t', 'NULL', by_time=True)} ORDER BY n DESC", {**args, "kind": kind}):
        if len(best) == TOP and total < best[0]:
            break
        n = conn.execute(probe, (acct, kind, rid, d0, d1)).fetchone()[0]
        found[(acct, rid)] = n
        if len(best) < TOP:
            heapq.heappush(best, n)
        elif n > best[0]:
            heapq.heapreplace(best, n)
    return found


def _ranked(conn: sqlite3.Connection, kind: str, counts: dict[tuple[int, str], int]
            ) -> list[tuple[Any, ...]]:
    """The TOP largest, ties by account, then id as the direct read orders them (SQLite's
    CAST, so the order is the same by construction)."""
    values = sorted((n for n in counts.values() if n > 0), reverse=True)
    if not values:
        return []
    floor = values[min(TOP, len(values)) - 1]
    near = json.dumps([[a, r, n] for (a, r), n in counts.items() if n >= floor and n > 0])
    return [(kind, a, r, n) for a, r, n in conn.execute(
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') AS rid, "
        "json_extract(value, '$[2]') AS n FROM json_each(?) "
        "ORDER BY n DESC, 1, CAST(rid AS INTEGER), rid LIMIT ?", (near, TOP))]
