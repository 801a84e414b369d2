"""Derived facts for the insight figures, kept as pages are stored, so that a figure reads
days and input rows instead of every comment of its period (issue 17: the dashboard in
< 300 ms at 1M comments; docs/benchmarks.md, "Insight").

Tables (schema step ``_cache_v6_insight_facts``): ``insight_input`` (one row per input
comment with its first team reply and whether it was acknowledged), ``insight_people`` (each
author's first comment ever and whether they came back), ``insight_days`` and
``insight_counts`` (per UTC day and area: the counts, the first-reply times, comments per
post and per outside author).

Keeping them current: an account's facts count once ``insight_state.built`` says so;
triggers then note in ``insight_dirty`` the posts, authors and days a write touched, whatever
wrote it (a page, an action's result, a sweep), and a change of who is the team (a role, an
ambassador's areas) marks the account to be built again. ``refresh`` — a writer job at the end
of every sync — recomputes what is noted. Reads use the facts only when everything in their
scope is built and nothing is noted; otherwise insight.py reads the comments as before, so a
figure is never stale, only slower.

The facts are computed by the same SQL expressions as the direct read (the team from
``team_sql``, published and synced from ``PUBLISHED``); tests/test_insight_facts.py holds
the two reads to the same figures.
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
from typing import TYPE_CHECKING, Any

from desktop.models import db as dbmod
from desktop.models import triage

if TYPE_CHECKING:
    from desktop.models.store import Store

DAY = 86400.0
HOUR = 3600.0
RETURN_WINDOW = 30 * DAY
TOP = 10

# Synced and published: local placeholders of replies in the outbox (``~…``) are not yet
# on the server.
PUBLISHED = "{t}.status = 'published' AND {t}.rid NOT LIKE '~%'"


def team_sql(acct: str, author: str, post_author: str, area: str) -> str:
    """``triage.is_responder`` as an SQL expression (0 or 1) over these column expressions,
    the roles read from ``users``: the roles come from the triage, so the two cannot drift
    apart (tests/test_insight.py holds them to the same answers on every combination)."""
    staff = ", ".join(f"'{r}'" for r in sorted(triage.STAFF_ROLES))
    # Sets, not a join: the few users with a role are looked up in an index built once per
    # statement (a join probed ``users`` for every comment, 2.4 of the ~5 µs a comment of the
    # period took at 100k). CASE, not OR: SQLite evaluates both sides of an OR, and the
    # ambassador's json_each ran on every row.
    return (
        f"(CASE WHEN ({acct}, {author}) IN (SELECT acct, rid FROM users WHERE role IN "
        f"({staff})) THEN 1 WHEN {author} = {post_author} THEN 1 "
        f"WHEN {area} IS NOT NULL AND ({acct}, {author}) IN (SELECT acct, rid FROM users "
        f"WHERE role = 'ambassador') THEN EXISTS (SELECT 1 FROM users a, json_each(a.areas) e "
        f"WHERE a.acct = {acct} AND a.rid = {author} AND e.value = {area}) ELSE 0 END)"
    )


# --- computing the facts ---------------------------------------------------------------------

_INPUT = f"""
INSERT INTO insight_input (acct, rid, post_rid, area_rid, author_rid, created_at, replied_at,
                           acked)
SELECT i.acct, i.rid, i.post_rid, COALESCE(i.area_rid, ''), i.author_rid, i.created_at,
  i.replied, CASE WHEN i.replied IS NOT NULL THEN 1 WHEN i.like_count > 0 THEN EXISTS (
    SELECT 1 FROM comments lc, json_each(lc.liked_by) j WHERE lc.id = i.id
    AND {team_sql("i.acct", "j.value", "i.post_author", "i.area_rid")}) ELSE 0 END
FROM (
  SELECT c.id, c.acct, c.rid, c.post_rid, c.area_rid, c.author_rid, c.created_at,
    c.like_count, po.author_rid AS post_author,
    (SELECT MIN(r.created_at) FROM comments r
      WHERE r.acct = c.acct AND r.parent_rid = c.rid AND {PUBLISHED.format(t="r")}
        AND {team_sql("r.acct", "r.author_rid", "po.author_rid", "c.area_rid")}) AS replied
  FROM comments c LEFT JOIN posts po ON po.acct = c.acct AND po.rid = c.post_rid
  WHERE c.acct = :acct AND c.parent_rid IS NULL AND {PUBLISHED.format(t="c")} {{posts}}
    AND NOT {team_sql("c.acct", "c.author_rid", "po.author_rid", "c.area_rid")}
) i
"""

# each author's first published comment (SQLite takes the bare id from the row of the MIN)
_PEOPLE = f"""
INSERT INTO insight_people (acct, author_rid, first_at, area_rid, team, returned)
SELECT f.acct, f.author_rid, f.first_at, COALESCE(c.area_rid, ''),
  {team_sql("c.acct", "c.author_rid", "po.author_rid", "c.area_rid")},
  EXISTS (SELECT 1 FROM comments x WHERE x.acct = f.acct AND x.author_rid = f.author_rid
    AND x.created_at > f.first_at AND x.created_at <= f.first_at + {RETURN_WINDOW}
    AND {PUBLISHED.format(t="x")})
FROM (SELECT acct, author_rid, MIN(created_at) AS first_at, id FROM comments c
      WHERE acct = :acct AND {PUBLISHED.format(t="c")} {{authors}}
      GROUP BY acct, author_rid) f
JOIN comments c ON c.id = f.id
LEFT JOIN posts po ON po.acct = c.acct AND po.rid = c.post_rid
"""

_COUNTS = f"""
WITH x AS MATERIALIZED (
  SELECT CAST(c.created_at / {DAY} AS INTEGER) AS day, COALESCE(c.area_rid, '') AS area,
    c.post_rid, c.author_rid,
    {team_sql("c.acct", "c.author_rid", "po.author_rid", "c.area_rid")} AS team
  FROM comments c LEFT JOIN posts po ON po.acct = c.acct AND po.rid = c.post_rid
  WHERE +c.acct = :acct AND {PUBLISHED.format(t="c")} {{days}}
)
INSERT INTO insight_counts (acct, day, area_rid, kind, rid, n)
SELECT :acct, day, area, 'p', post_rid, COUNT(*) FROM x GROUP BY day, area, post_rid
UNION ALL
SELECT :acct, day, area, 'w', author_rid, COUNT(*) FROM x GROUP BY day, area, author_rid
UNION ALL
SELECT :acct, day, area, 'a', author_rid, COUNT(*) FROM x WHERE NOT team
GROUP BY day, area, author_rid
"""

RANKED = ("p", "a")  # the kinds a ranking reads (w: only a leader's own days)


def _totals(conn: sqlite3.Connection, acct: int, keys: dict[str, set[str]] | None) -> None:
    """insight_totals of these (kind → ids), or of everything (None)."""
    if keys is None:
        conn.execute("INSERT INTO insight_totals (acct, kind, rid, n) SELECT acct, kind, rid, "
                     "SUM(n) FROM insight_counts WHERE acct = ? AND kind IN ('p', 'a') "
                     "GROUP BY kind, rid", (acct,))
        return
    for kind, rids in keys.items():
        if not rids:
            continue
        args = (acct, kind, _keys(rids))
        chosen = "acct = ? AND kind = ? AND rid IN (SELECT value FROM json_each(?))"
        conn.execute(f"DELETE FROM insight_totals WHERE {chosen}", args)
        conn.execute(f"INSERT INTO insight_totals (acct, kind, rid, n) SELECT acct, kind, rid, "
                     f"SUM(n) FROM insight_counts INDEXED BY ix_insight_counts_rid "
                     f"WHERE {chosen} GROUP BY rid", args)


def _day_keys(conn: sqlite3.Connection, acct: int, days: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {k: set() for k in RANKED}
    for kind, rid in conn.execute(
            "SELECT kind, rid FROM insight_counts WHERE acct = ? AND day IN "
            "(SELECT value FROM json_each(?)) AND kind IN ('p', 'a')", (acct, days)):
        out[kind].add(rid)
    return out


def _keys(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _fill_days(conn: sqlite3.Connection, acct: int, days: list[int] | None) -> None:
    """insight_days and insight_hours from insight_counts, the comments, insight_input and
    insight_people, of these days (None: all)."""
    where = "" if days is None else " AND day IN (SELECT value FROM json_each(:days))"
    args = {"acct": acct, "days": json.dumps(days)}
    per_day: dict[tuple[int, str], list[Any]] = {}
    per_hour: dict[tuple[int, str], list[Any]] = {}

    def rows(at: float, area: str) -> Iterable[list[Any]]:
        for table, size in ((per_day, DAY), (per_hour, HOUR)):
            k = (int(at // size), area)
            if k not in table:  # comments, input, unanswered, oldest, acked, waits, first, back
                table[k] = [0, 0, 0, None, 0, [], 0, 0]
            yield table[k]

    for day, area, n in conn.execute(
            f"SELECT day, area_rid, SUM(n) FROM insight_counts WHERE acct = :acct "
            f"AND kind = 'p'{where} GROUP BY day, area_rid", args):
        per_day[(day, area)] = [n, 0, 0, None, 0, [], 0, 0]
    spans = [(-math.inf, math.inf)] if days is None else [(d * DAY, (d + 1) * DAY) for d in days]
    for lo, hi in spans:  # a range each: the time indexes read only that day
        for hour, area, n in conn.execute(
                f"SELECT CAST(c.created_at / {HOUR} AS INTEGER), COALESCE(c.area_rid, ''), "
                f"COUNT(*) FROM comments c WHERE c.created_at >= ? AND c.created_at < ? "
                f"AND +c.acct = ? AND {PUBLISHED.format(t='c')} GROUP BY 1, 2", (lo, hi, acct)):
            per_hour[(hour, area)] = [n, 0, 0, None, 0, [], 0, 0]
        for area, at, replied, acked in conn.execute(
                "SELECT area_rid, created_at, replied_at, acked FROM insight_input WHERE "
                "created_at >= ? AND created_at < ? AND +acct = ?", (lo, hi, acct)):
            for r in rows(at, area):
                r[1] += 1
                r[4] += acked
                if replied is None:
                    r[2] += 1
                    r[3] = at if r[3] is None else min(r[3], at)
                else:
                    r[5].append(replied - at)
        for area, at, returned in conn.execute(
                "SELECT area_rid, first_at, returned FROM insight_people WHERE first_at >= ? "
                "AND first_at < ? AND +acct = ? AND NOT team", (lo, hi, acct)):
            for r in rows(at, area):
                r[6] += 1
                r[7] += returned
    for table, found in (("insight_days", per_day), ("insight_hours", per_hour)):
        unit = "day" if table == "insight_days" else "hour"
        conn.executemany(
            f"INSERT INTO {table} (acct, {unit}, area_rid, comments, inputs, unanswered, "
            f"oldest, acked, waits, first, back) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(acct, k, area, c, i, u, o, a, array.array("d", sorted(w)).tobytes(), f, b)
             for (k, area), (c, i, u, o, a, w, f, b) in found.items()])


def _build(conn: sqlite3.Connection, acct: int) -> None:
    for table in ("insight_input", "insight_people", "insight_days", "insight_hours",
                  "insight_counts", "insight_totals", "insight_dirty"):
        conn.execute(f"DELETE FROM {table} WHERE acct = ?", (acct,))
    conn.execute(_INPUT.format(posts=""), {"acct": acct})
    conn.execute(_PEOPLE.format(authors=""), {"acct": acct})
    conn.execute(_COUNTS.format(days=""), {"acct": acct})
    _totals(conn, acct, None)
    _fill_days(conn, acct, None)
    conn.execute("INSERT OR REPLACE INTO insight_state (acct, built) VALUES (?, 1)", (acct,))


def _input_rows(conn: sqlite3.Connection, acct: int, posts: str) -> set[tuple[Any, ...]]:
    return set(conn.execute(
        "SELECT rid, area_rid, created_at, replied_at, acked FROM insight_input "
        "INDEXED BY ix_insight_input_post WHERE acct = ? AND post_rid IN "
        "(SELECT value FROM json_each(?))", (acct, posts)))


def _update(conn: sqlite3.Connection, acct: int) -> None:
    """Recompute what the triggers noted for this account. A day's counts (per post, per
    author, who is the team) change only with its comments or a post of it; its figures
    also when an input row of it is answered or acknowledged, or a first-timer's row moves."""
    noted: dict[str, set[str]] = {"p": set(), "q": set(), "a": set(), "d": set()}
    for kind, key in conn.execute("SELECT kind, key FROM insight_dirty WHERE acct = ?", (acct,)):
        noted[kind].add(key)
    posts = noted["p"] | noted["q"]
    authors = noted["a"]
    counted = {int(d) for d in noted["d"]}  # counts and figures
    figures: set[int] = set()  # figures only
    if posts:
        keys = _keys(posts)
        before = _input_rows(conn, acct, keys)
        conn.execute("DELETE FROM insight_input INDEXED BY ix_insight_input_post WHERE acct = ? "
                     "AND post_rid IN (SELECT value FROM json_each(?))", (acct, keys))
        conn.execute(_INPUT.format(posts="AND c.post_rid IN (SELECT value FROM json_each(:posts))"),
                     {"acct": acct, "posts": keys})
        figures.update(int(row[2] // DAY) for row in before ^ _input_rows(conn, acct, keys))
    if noted["q"]:
        # a post's author or area decides who is the team on every comment of it
        q = _keys(noted["q"])
        for author, day in conn.execute(
                "SELECT DISTINCT author_rid, CAST(created_at / 86400.0 AS INTEGER) FROM comments "
                "WHERE acct = ? AND post_rid IN (SELECT value FROM json_each(?))", (acct, q)):
            authors.add(author)
            counted.add(int(day))
    if authors:
        keys = _keys(authors)
        firsts = ("SELECT CAST(first_at / 86400.0 AS INTEGER) FROM insight_people WHERE acct = ? "
                  "AND author_rid IN (SELECT value FROM json_each(?))")
        figures.update(int(d) for (d,) in conn.execute(firsts, (acct, keys)))
        conn.execute("DELETE FROM insight_people WHERE acct = ? AND author_rid IN "
                     "(SELECT value FROM json_each(?))", (acct, keys))
        conn.execute(_PEOPLE.format(authors="AND author_rid IN (SELECT value FROM "
                                            "json_each(:authors))"),
                     {"acct": acct, "authors": keys})
        figures.update(int(d) for (d,) in conn.execute(firsts, (acct, keys)))
    if counted:
        text = json.dumps(sorted(counted))
        ranked = _day_keys(conn, acct, text)
        conn.execute("DELETE FROM insight_counts WHERE acct = ? AND day IN "
                     "(SELECT value FROM json_each(?))", (acct, text))
        for day in sorted(counted):  # a range each: the period index reads only that day
            conn.execute(_COUNTS.format(days="AND c.created_at >= :lo AND c.created_at < :hi"),
                         {"acct": acct, "lo": day * DAY, "hi": (day + 1) * DAY})
        for kind, rids in _day_keys(conn, acct, text).items():
            ranked[kind] |= rids
        _totals(conn, acct, ranked)
    chosen = sorted(counted | figures)
    if chosen:
        conn.execute("DELETE FROM insight_days WHERE acct = ? AND day IN "
                     "(SELECT value FROM json_each(?))", (acct, json.dumps(chosen)))
        for day in chosen:
            conn.execute("DELETE FROM insight_hours WHERE acct = ? AND hour >= ? AND hour < ?",
                         (acct, day * 24, (day + 1) * 24))
        _fill_days(conn, acct, chosen)
    conn.execute("DELETE FROM insight_dirty WHERE acct = ?", (acct,))


def refresh(store: Store, account: str) -> None:
    """Bring the account's facts up to date (a writer job): built in full the first time and
    after the team changed, else recomputed for what the triggers noted."""
    acct = store.acct_id(account)
    if acct is None:
        return
    conn = store.cache
    with dbmod.transaction(conn):
        built = conn.execute("SELECT built FROM insight_state WHERE acct = ?", (acct,)).fetchone()
        if not built or not built[0]:
            _build(conn, acct)
        elif conn.execute("SELECT 1 FROM insight_dirty WHERE acct = ? LIMIT 1",
                          (acct,)).fetchone():
            _update(conn, acct)


# --- reading the figures from the facts ------------------------------------------------------

Key = Callable[[int, str, float], Any]  # (acct, area rid or "", a time in it) → group


def ready(conn: sqlite3.Connection, accts: list[int]) -> bool:
    """Whether the facts of these accounts are built and nothing of them is stale."""
    if not accts:
        return False
    ids = json.dumps(accts)
    try:
        built = conn.execute("SELECT COUNT(*) FROM insight_state WHERE built = 1 AND acct IN "
                             "(SELECT value FROM json_each(?))", (ids,)).fetchone()[0]
        stale = conn.execute("SELECT 1 FROM insight_dirty WHERE acct IN "
                             "(SELECT value FROM json_each(?)) LIMIT 1", (ids,)).fetchone()
    except sqlite3.OperationalError:  # a cache of an older schema opened read-only
        return False
    return built == len(accts) and stale is None


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
