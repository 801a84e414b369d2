"""Derived facts for the insight figures, kept as pages are stored, so that a figure reads
days and input rows instead of every comment of its period (issue 17: the dashboard in
< 300 ms at 1M comments; docs/benchmarks.md, "Insight").

Tables (schema step ``_cache_v7_insight_facts``): ``insight_input`` (one row per input
comment with its first team reply and whether it was acknowledged), ``insight_people`` (each
author's first comment ever and whether they came back), ``insight_days`` and
``insight_hours`` (per UTC day or hour and area: the counts, the first-reply times),
``insight_counts`` and ``insight_totals`` (per day and all-time: comments per post, per author
and per outside author). desktop/models/insight_read.py reads them.

Keeping them current: an account's facts count once ``insight_state.built`` says so;
triggers then note in ``insight_dirty`` the posts, authors and days a write touched, whatever
wrote it (a page, an action's result, a sweep), and a change of who is the team (a role, an
ambassador's areas) marks the account to be built again. ``refresh_slice`` — writer jobs after
every sync (``DeskService.sync``) — builds them slice by slice, or recomputes what is noted. Reads use
the facts only when everything in their scope is built and nothing is noted (``ready``);
otherwise insight.py reads the comments as before, so a figure is never stale, only slower.

The facts are computed by the same SQL expressions as the direct read (the team from
``team_sql``, published and synced from ``PUBLISHED``); tests/test_insight_facts.py holds
the two reads to the same figures.
"""

from __future__ import annotations

import array
import json
import math
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from desktop.models import db as dbmod
from desktop.models import schema, triage

if TYPE_CHECKING:
    from desktop.models.store import Store

DAY = 86400.0
HOUR = 3600.0
RETURN_WINDOW = 30 * DAY

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
SELECT * FROM (
SELECT :acct, day, area, 'p', post_rid, COUNT(*) FROM x GROUP BY day, area, post_rid
UNION ALL
SELECT :acct, day, area, 'w', author_rid, COUNT(*) FROM x GROUP BY day, area, author_rid
UNION ALL
SELECT :acct, day, area, 'a', author_rid, COUNT(*) FROM x WHERE NOT team
GROUP BY day, area, author_rid
) WHERE true
ON CONFLICT (acct, day, area_rid, kind, rid) DO UPDATE SET n = n + excluded.n
"""  # added up: a build's slice may end within a day (1M comments: ~16,000 a day)


def _recount(conn: sqlite3.Connection, acct: int, days: list[int], text: str) -> None:
    """The counts of these days computed again, and only what differs written: rewriting a
    day's ~29,000 rows (1M comments) dirtied pages all over ix_insight_counts_rid, and
    committing them took most of a second."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS insight_fresh (acct INTEGER, day INTEGER, "
                 "area_rid TEXT, kind TEXT, rid TEXT, n INTEGER, "
                 "PRIMARY KEY (acct, day, area_rid, kind, rid)) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.insight_fresh")
    fresh = _COUNTS.replace("INSERT INTO insight_counts", "INSERT INTO temp.insight_fresh")
    for day in days:  # a range each: the period index reads only that day
        conn.execute(fresh.format(days="AND c.created_at >= :lo AND c.created_at < :hi"),
                     {"acct": acct, "lo": day * DAY, "hi": (day + 1) * DAY})
    gone = conn.execute(
        "SELECT acct, day, area_rid, kind, rid FROM insight_counts WHERE acct = ? AND day IN "
        "(SELECT value FROM json_each(?)) EXCEPT SELECT acct, day, area_rid, kind, rid "
        "FROM temp.insight_fresh", (acct, text)).fetchall()
    conn.executemany("DELETE FROM insight_counts WHERE acct = ? AND day = ? AND area_rid = ? "
                     "AND kind = ? AND rid = ?", gone)
    conn.execute("INSERT INTO insight_counts (acct, day, area_rid, kind, rid, n) "
                 "SELECT acct, day, area_rid, kind, rid, n FROM temp.insight_fresh WHERE true "
                 "ON CONFLICT (acct, day, area_rid, kind, rid) DO UPDATE SET n = excluded.n "
                 "WHERE n != excluded.n")
    conn.execute("DELETE FROM temp.insight_fresh")


def _day_sums(conn: sqlite3.Connection, acct: int, days: str) -> dict[tuple[str, str], int]:
    """The ranked kinds' counts of these days (a JSON list) per (kind, id)."""
    return {(kind, rid): n for kind, rid, n in conn.execute(
        "SELECT kind, rid, SUM(n) FROM insight_counts WHERE acct = ? AND day IN "
        "(SELECT value FROM json_each(?)) AND kind IN ('p', 'a') GROUP BY kind, rid",
        (acct, days))}


def _keys(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _fill_days(conn: sqlite3.Connection, acct: int, spans: list[tuple[float, float]]) -> None:
    """insight_days and insight_hours from insight_counts, the comments, insight_input and
    insight_people, of these ranges of days (``[first, end)``, day numbers; ±inf: open)."""
    per_day: dict[tuple[int, str], list[Any]] = {}
    per_hour: dict[tuple[int, str], list[Any]] = {}

    def rows(at: float, area: str) -> Iterable[list[Any]]:
        for table, size in ((per_day, DAY), (per_hour, HOUR)):
            k = (int(at // size), area)
            if k not in table:  # comments, input, unanswered, oldest, acked, waits, first, back
                table[k] = [0, 0, 0, None, 0, [], 0, 0]
            yield table[k]

    for first, end in spans:
        for day, area, n in conn.execute(
                "SELECT day, area_rid, SUM(n) FROM insight_counts WHERE acct = ? AND day >= ? "
                "AND day < ? AND kind = 'p' GROUP BY day, area_rid", (acct, first, end)):
            per_day[(day, area)] = [n, 0, 0, None, 0, [], 0, 0]
    for lo, hi in ((first * DAY, end * DAY) for first, end in spans):
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


# --- building them, a slice per writer job ---------------------------------------------------
#
# Built in one job, the facts of 1M comments held the writer for 36 s: every reply, every
# moderation and the UI's writes waited behind it. So the build goes phase by phase through
# ranges of keys (posts, authors, days, ranked ids), each range about SLICE comments or facts,
# each a transaction of its own; between two, the writer runs whatever else was queued.
#
# While it runs, ``insight_state.built`` is 1 already, so the triggers note in insight_dirty
# whatever a write changes meanwhile, and a row of kind BUILDING there holds the cursor: the
# account is not ``ready`` (the figures come from the comments) until the last slice removes
# it, and the marks noted meanwhile are then recomputed like any others. The cursor is
# committed with its slice, so a build cut short by a quit or a crash goes on from there at the
# next sync; a change of the team (built set to 0) starts it again from the first slice.

SLICE = 2000
BUILDING = "b"

# Each phase: the table and column its slices are ranges of (the next bound: the key
# SLICE rows on, by an index), and the facts it makes.
_BOUND = {
    "input": "SELECT post_rid FROM comments WHERE acct = :acct{after} ORDER BY post_rid "
             "LIMIT 1 OFFSET :n",
    "people": "SELECT author_rid FROM comments WHERE acct = :acct{after} ORDER BY author_rid "
              "LIMIT 1 OFFSET :n",
    "counts": "SELECT created_at FROM comments INDEXED BY ix_comments_period "
              "WHERE status = 'published'{after} ORDER BY created_at LIMIT 1 OFFSET :n",
    "days": "SELECT CAST(created_at / 86400.0 AS INTEGER) FROM comments "
            "INDEXED BY ix_comments_period WHERE status = 'published'{after} "
            "ORDER BY created_at LIMIT 1 OFFSET :n",
    "totals_p": "SELECT rid FROM insight_counts INDEXED BY ix_insight_counts_rid "
                "WHERE acct = :acct AND kind = 'p'{after} ORDER BY rid LIMIT 1 OFFSET :n",
    "totals_a": "SELECT rid FROM insight_counts INDEXED BY ix_insight_counts_rid "
                "WHERE acct = :acct AND kind = 'a'{after} ORDER BY rid LIMIT 1 OFFSET :n",
}
_AFTER = {"input": "post_rid > :after", "people": "author_rid > :after",
          "counts": "created_at > :after", "totals_p": "rid > :after",
          "totals_a": "rid > :after", "days": "created_at >= (:after + 1) * 86400.0"}
PHASES = ("input", "people", "counts", "totals_p", "totals_a", "days")


def _within(column: str, after: Any, upto: Any) -> str:
    """``column`` in ``(after, upto]`` (None: open at that end), as a condition to append."""
    return ((f" AND {column} > :after" if after is not None else "")
            + (f" AND {column} <= :upto" if upto is not None else ""))


def _slice(conn: sqlite3.Connection, acct: int, phase: str, after: Any) -> Any:
    """Compute the facts of the phase's range after ``after``; the range's end (None: the
    phase is done)."""
    bound = _BOUND[phase].format(after=f" AND {_AFTER[phase]}" if after is not None else "")
    row = conn.execute(bound, {"acct": acct, "after": after, "n": SLICE}).fetchone()
    upto = None if row is None else row[0]
    args = {"acct": acct, "after": after, "upto": upto}
    if phase == "input":
        keys = _within("post_rid", after, upto)
        conn.execute(f"DELETE FROM insight_input INDEXED BY ix_insight_input_post "
                     f"WHERE acct = :acct{keys}", args)
        conn.execute(_INPUT.format(posts=_within("c.post_rid", after, upto)), args)
    elif phase == "people":
        conn.execute(f"DELETE FROM insight_people WHERE acct = :acct"
                     f"{_within('author_rid', after, upto)}", args)
        conn.execute(_PEOPLE.format(authors=_within("author_rid", after, upto)), args)
    elif phase == "counts":
        # by time, not by day (a day of 1M comments is ~16,000 of them): the comments in
        # [after, upto), added to the counts of their day; a day's old counts go when the
        # slice that reaches its start does, so its earlier slices' counts stay
        lo = -math.inf if after is None else after
        hi = math.inf if upto is None else upto
        conn.execute("DELETE FROM insight_counts WHERE acct = ? AND day >= ? AND day < ?",
                     (acct, math.ceil(lo / DAY) if after is not None else -math.inf,
                      math.ceil(hi / DAY) if upto is not None else math.inf))
        conn.execute(_COUNTS.format(days="AND c.created_at >= :lo AND c.created_at < :hi"),
                     {"acct": acct, "lo": lo, "hi": hi})
    elif phase in ("totals_p", "totals_a"):
        kind = phase[-1]
        keys = _within("rid", after, upto)
        conn.execute(f"DELETE FROM insight_totals WHERE acct = :acct AND kind = '{kind}'{keys}",
                     args)
        conn.execute(f"INSERT INTO insight_totals (acct, kind, rid, n) SELECT acct, kind, rid, "
                     f"SUM(n) FROM insight_counts INDEXED BY ix_insight_counts_rid "
                     f"WHERE acct = :acct AND kind = '{kind}'{keys} GROUP BY rid", args)
    else:
        first = -math.inf if after is None else after + 1
        end = math.inf if upto is None else upto + 1
        conn.execute("DELETE FROM insight_days WHERE acct = ? AND day >= ? AND day < ?",
                     (acct, first, end))
        conn.execute("DELETE FROM insight_hours WHERE acct = ? AND hour >= ? AND hour < ?",
                     (acct, first * 24, end * 24))
        _fill_days(conn, acct, [(first, end)])
    return upto


def _input_rows(conn: sqlite3.Connection, acct: int, posts: str) -> set[tuple[Any, ...]]:
    return set(conn.execute(
        "SELECT rid, area_rid, created_at, replied_at, acked FROM insight_input "
        "INDEXED BY ix_insight_input_post WHERE acct = ? AND post_rid IN "
        "(SELECT value FROM json_each(?))", (acct, posts)))


# What the triggers noted is recomputed a batch per writer job too (one job took 1.2–2 s at
# 1M): posts changed in themselves (q) first become marks of their authors and days, then
# input rows by post (p), people by author (a), each day's counts (d), and last the figures of
# the days (f) those changed — a day's counts and figures only with its comments or a post of
# them, its figures also when an input row of it is answered or acknowledged or a
# first-timer's row moves. A batch takes its marks off as it is done; a write meanwhile notes
# new ones, and the figures come last, so they are filled from current rows.
UPDATE_BATCH = {"q": 50, "p": 200, "a": 200, "d": 1, "f": 10}


def _noted(conn: sqlite3.Connection, acct: int, kind: str) -> list[str]:
    keys = [k for (k,) in conn.execute(
        "SELECT key FROM insight_dirty WHERE acct = ? AND kind = ? LIMIT ?",
        (acct, kind, UPDATE_BATCH[kind]))]
    conn.execute("DELETE FROM insight_dirty WHERE acct = ? AND kind = ? AND key IN "
                 "(SELECT value FROM json_each(?))", (acct, kind, json.dumps(keys)))
    return keys


def _note(conn: sqlite3.Connection, acct: int, kind: str, keys: Iterable[Any]) -> None:
    conn.executemany("INSERT OR IGNORE INTO insight_dirty (acct, kind, key) VALUES (?, ?, ?)",
                     [(acct, kind, str(k)) for k in keys])


def _update(conn: sqlite3.Connection, acct: int) -> bool:
    """Recompute one batch of what the triggers noted for this account (False: nothing)."""
    kind = next((k for k in UPDATE_BATCH if conn.execute(
        "SELECT 1 FROM insight_dirty WHERE acct = ? AND kind = ? LIMIT 1",
        (acct, k)).fetchone()), None)
    if kind is None:
        return False
    keys = _noted(conn, acct, kind)
    text = _keys(keys)
    if kind == "q":  # a post's author or area decides who is the team on every comment of it
        found = conn.execute(
            "SELECT DISTINCT author_rid, CAST(created_at / 86400.0 AS INTEGER) FROM comments "
            "WHERE acct = ? AND post_rid IN (SELECT value FROM json_each(?))",
            (acct, text)).fetchall()
        _note(conn, acct, "a", {author for author, _ in found})
        _note(conn, acct, "d", {int(day) for _, day in found})
    elif kind == "p":
        before = _input_rows(conn, acct, text)
        conn.execute("DELETE FROM insight_input INDEXED BY ix_insight_input_post WHERE acct = ? "
                     "AND post_rid IN (SELECT value FROM json_each(?))", (acct, text))
        conn.execute(_INPUT.format(posts="AND c.post_rid IN (SELECT value FROM json_each(:posts))"),
                     {"acct": acct, "posts": text})
        _note(conn, acct, "f", {int(row[2] // DAY) for row in before ^ _input_rows(
            conn, acct, text)})
    elif kind == "a":
        firsts = ("SELECT CAST(first_at / 86400.0 AS INTEGER) FROM insight_people WHERE acct = ? "
                  "AND author_rid IN (SELECT value FROM json_each(?))")
        days = {int(d) for (d,) in conn.execute(firsts, (acct, text))}
        conn.execute("DELETE FROM insight_people WHERE acct = ? AND author_rid IN "
                     "(SELECT value FROM json_each(?))", (acct, text))
        conn.execute(_PEOPLE.format(authors="AND author_rid IN (SELECT value FROM "
                                            "json_each(:authors))"),
                     {"acct": acct, "authors": text})
        days.update(int(d) for (d,) in conn.execute(firsts, (acct, text)))
        _note(conn, acct, "f", days)
    elif kind == "d":
        counted = sorted(int(d) for d in keys)
        days_text = json.dumps(counted)
        # the all-time totals moved by what the days' counts moved (summing each id's every
        # day again took ~0.9 s of a day's recount at 1M)
        was = _day_sums(conn, acct, days_text)
        _recount(conn, acct, counted, days_text)
        now = _day_sums(conn, acct, days_text)
        moved = [(acct, kind, rid, now.get((kind, rid), 0) - was.get((kind, rid), 0))
                 for kind, rid in was.keys() | now.keys()]
        moved = [m for m in moved if m[3]]
        conn.executemany("INSERT INTO insight_totals (acct, kind, rid, n) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (acct, kind, rid) DO UPDATE SET n = n + excluded.n",
                         moved)
        conn.executemany("DELETE FROM insight_totals WHERE acct = ? AND kind = ? AND rid = ? "
                         "AND n = 0", [m[:3] for m in moved if m[3] < 0])
        _note(conn, acct, "f", counted)
    else:
        chosen = sorted(int(d) for d in keys)
        conn.execute("DELETE FROM insight_days WHERE acct = ? AND day IN "
                     "(SELECT value FROM json_each(?))", (acct, json.dumps(chosen)))
        for day in chosen:
            conn.execute("DELETE FROM insight_hours WHERE acct = ? AND hour >= ? AND hour < ?",
                         (acct, day * 24, (day + 1) * 24))
        _fill_days(conn, acct, [(d, d + 1) for d in chosen])
    return True


def refresh_slice(store: Store, account: str) -> bool:
    """One writer job of bringing the account's facts up to date: a slice of the build (the
    first time and after the team changed), or else the recomputation of what the triggers
    noted. True while there is more to do: the caller submits the next job, so other jobs
    queued meanwhile run in between."""
    acct = store.acct_id(account)
    if acct is None:
        return False
    conn = store.cache
    if not all(schema.index_ready(conn, name) for name in schema.DEFERRED_INDEXES):
        return False  # a first load not finished: each slice would read every comment
    with dbmod.transaction(conn):
        built = conn.execute("SELECT built FROM insight_state WHERE acct = ?", (acct,)).fetchone()
        if not built or not built[0]:
            # from the start: every mark so far is covered by the build
            conn.execute("DELETE FROM insight_dirty WHERE acct = ?", (acct,))
            conn.execute("INSERT OR REPLACE INTO insight_state (acct, built) VALUES (?, 1)",
                         (acct,))
            cursor: list[Any] = [0, None]
        else:
            row = conn.execute("SELECT key FROM insight_dirty WHERE acct = ? AND kind = ?",
                               (acct, BUILDING)).fetchone()
            if row is None:
                return _update(conn, acct) and conn.execute(
                    "SELECT 1 FROM insight_dirty WHERE acct = ? LIMIT 1", (acct,)
                ).fetchone() is not None
            cursor = json.loads(row[0])
            conn.execute("DELETE FROM insight_dirty WHERE acct = ? AND kind = ?",
                         (acct, BUILDING))
        phase, after = cursor
        upto = _slice(conn, acct, PHASES[phase], after)
        if upto is None:
            phase, upto = phase + 1, None
        if phase < len(PHASES):
            conn.execute("INSERT INTO insight_dirty (acct, kind, key) VALUES (?, ?, ?)",
                         (acct, BUILDING, json.dumps([phase, upto])))
            return True
        # built: what was written meanwhile is noted, the next job recomputes it
        return conn.execute("SELECT 1 FROM insight_dirty WHERE acct = ? LIMIT 1",
                            (acct,)).fetchone() is not None


def refresh(store: Store, account: str) -> None:
    """Bring the account's facts up to date in one go (tests, benchmarks; the sync runs
    ``refresh_slice`` job by job)."""
    while refresh_slice(store, account):
        pass


# --- whether they can be read ------------------------------------------------------------

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
