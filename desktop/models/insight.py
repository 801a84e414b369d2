"""The engagement figures of issue 17: how fast the team answers, what waits, what is
acknowledged, who is new and comes back, what is discussed, whether leaders take part.

Qt-free and read-only: the command line (``dialogue-desk report``), the dashboard and the
tests read the same functions. Every figure is one SQL statement over the cache's indexes
(``ix_comments_period`` for the period and ``ix_comments_replies`` for the first replies,
both covering, ``ix_comments_author`` for first-time contributors), grouped by nothing (``report``), by ISO
week (``weekly``) or by area (``by_area``), so a trend of twelve weeks costs one pass, not
twelve.

Definitions (issue 17, word for word in the tests):

- period ``[since, until)`` on a comment's creation time; default the last 28 days;
- only comments published on the server count (held, hidden, spam, deleted do not), and
  only synced ones (a reply still in the outbox does not);
- **team**: whose reply answers a question in the triage (``triage.is_responder``: admin,
  moderator and editor roles, a post's author on their own post, an area's ambassador in it);
- **input**: published top-level comments by people outside the team;
- a **reply** is a direct child comment; the first team reply may come after ``until``
  (answered "now", as the cache knows it);
- median: the mean of the two middle values for an even count; p90 by nearest rank;
  seconds are whole (rounded half up); ``unanswered_oldest_s`` is the age at ``until``, or
  now when ``until`` is later;
- first-time contributors: people whose first published comment ever (in the cache) is in
  the period and was not the team's word; they come back with another one within 30 days;
- leaders: flagged by the server (``users.leader``) or named in the ``leaders`` setting;
  their posts and their comments (replies to a post or to a comment) count;
- ties in the rankings break by account, then id.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import json
import math
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from desktop.models import insight_facts, insight_read, keys, promises
from desktop.models.insight_facts import team_sql

if TYPE_CHECKING:
    from desktop.models.store import Store

DAY = 86400.0
WEEK = 7 * DAY
DEFAULT_DAYS = 28
RETURN_WINDOW = 30 * DAY  # a first-timer who comments again within this comes back
TOP = 10

__all__ = ["Contributor", "Figures", "Leaders", "Report", "TopPost", "by_area", "report",
           "team_sql", "weekly"]


# --- the records ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Leaders:
    """Posts and comments (replies to a post or to a comment) by leaders in the period."""

    posts: int = 0
    replies: int = 0

    def as_json(self) -> dict[str, int]:
        return {"posts": self.posts, "replies": self.replies}


@dataclasses.dataclass(frozen=True)
class TopPost:
    id: str  # the desk's item key, ACCOUNT:p<id>
    title: str
    comments: int
    views: int | None  # None: the platform does not count readers

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "comments": self.comments,
                "views": self.views}


@dataclasses.dataclass(frozen=True)
class Contributor:
    author: str  # display name, as the queue shows it
    comments: int

    def as_json(self) -> dict[str, Any]:
        return {"author": self.author, "comments": self.comments}


@dataclasses.dataclass(frozen=True)
class Figures:
    """The figures of one period (and area): every key of the report but the rankings."""

    since: float
    until: float
    area: str | None
    comments: int  # published comments in the period
    first_reply_median_s: int | None
    first_reply_p90_s: int | None
    unanswered: int
    unanswered_oldest_s: int | None
    acknowledged_share: float | None
    followed_up_share: float | None
    first_time_contributors: int
    returning_first_timers: int
    leaders: Leaders

    @property
    def week(self) -> str:
        """The ISO week the period starts in, ``2026-W49``."""
        year, week, _ = datetime.datetime.fromtimestamp(self.since, datetime.UTC).isocalendar()
        return f"{year}-W{week:02d}"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("since", "until"):
                value = iso(value)
            elif isinstance(value, tuple):
                value = [v.as_json() for v in value]
            elif hasattr(value, "as_json"):
                value = value.as_json()
            out[f.name] = value
        return out

    def csv_row(self) -> dict[str, Any]:
        """The scalar figures, for one row of a CSV (rankings do not fit a row)."""
        row = {k: v for k, v in self.as_json().items() if not isinstance(v, (list, dict))}
        row["leader_posts"] = self.leaders.posts
        row["leader_replies"] = self.leaders.replies
        return row


@dataclasses.dataclass(frozen=True)
class Report(Figures):
    """``Figures`` with the rankings: what ``dialogue-desk report --json`` prints."""

    top_posts: tuple[TopPost, ...] = ()
    top_contributors: tuple[Contributor, ...] = ()


CSV_COLUMNS = tuple(k for k in Figures.__dataclass_fields__ if k != "leaders") + (
    "leader_posts", "leader_replies")


def iso(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def week_start(t: float) -> float:
    """The Monday 00:00 UTC on or before ``t``."""
    g = time.gmtime(t)
    midnight = calendar.timegm((g.tm_year, g.tm_mon, g.tm_mday, 0, 0, 0))
    return float(midnight - g.tm_wday * DAY)


# --- the statement --------------------------------------------------------------------------

_COUNTS = insight_facts.PUBLISHED


def _statement(group: str, filters: str, tops: bool) -> str:
    """One statement, one pass over the period; rows (kind, group, a, b, c)."""
    team_c = team_sql("c.acct", "c.author_rid", "po.author_rid", "c.area_rid")
    team_r = team_sql("r.acct", "r.author_rid", "p.post_author", "p.area_rid")
    team_l = team_sql("i.acct", "j.value", "i.post_author", "i.area_rid")
    published = _COUNTS.format(t="c")
    sql = f"""
WITH p AS MATERIALIZED (
  SELECT c.id, c.acct, c.rid, c.parent_rid, c.author_rid, c.post_rid, c.area_rid,
         c.created_at, c.like_count, po.author_rid AS post_author, {group.format(t="c")} AS g,
         {team_c} AS team
  FROM comments c
  LEFT JOIN posts po ON po.acct = c.acct AND po.rid = c.post_rid
  WHERE c.created_at >= :since AND c.created_at < :until AND {published} {filters}
),
i AS MATERIALIZED (
  SELECT p.id, p.acct, p.post_author, p.area_rid, p.like_count, p.g, p.created_at,
    (SELECT MIN(r.created_at) FROM comments r
      WHERE r.acct = p.acct AND r.parent_rid = p.rid AND {_COUNTS.format(t="r")}
        AND {team_r}) AS replied
  FROM p WHERE p.parent_rid IS NULL AND NOT p.team
),
f AS MATERIALIZED (
  -- each author's first comment of the period (SQLite takes the bare columns from the
  -- row of the MIN)
  SELECT acct, author_rid, MIN(created_at) AS first_at, g, team FROM p
  GROUP BY acct, author_rid
)
SELECT 'c', g, COUNT(*), NULL, NULL FROM p GROUP BY g
UNION ALL
SELECT 'i', g, SUM(replied IS NULL), MIN(CASE WHEN replied IS NULL THEN created_at END),
       -- the likers (a JSON list in the row) are read only for input nobody answered
       1.0 * SUM(CASE WHEN replied IS NOT NULL THEN 1 WHEN i.like_count > 0 THEN EXISTS (
         SELECT 1 FROM comments lc, json_each(lc.liked_by) j WHERE lc.id = i.id
         AND {team_l}) ELSE 0 END) / COUNT(*) FROM i GROUP BY g
UNION ALL
SELECT 'd', g, k, n, d FROM (
  SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS k,
         COUNT(*) OVER (PARTITION BY g) AS n
  FROM (SELECT g, replied - created_at AS d FROM i WHERE replied IS NOT NULL))
WHERE k IN ((n + 1) / 2, n / 2 + 1, (9 * n + 9) / 10)
UNION ALL
SELECT 'f', g, COUNT(*), SUM(EXISTS (
    SELECT 1 FROM comments x WHERE x.acct = f.acct AND x.author_rid = f.author_rid
      AND x.created_at > f.first_at AND x.created_at <= f.first_at + {RETURN_WINDOW}
      AND {_COUNTS.format(t="x")})), NULL
FROM f WHERE NOT team AND NOT EXISTS (
    SELECT 1 FROM comments x WHERE x.acct = f.acct AND x.author_rid = f.author_rid
      AND x.created_at < f.first_at AND {_COUNTS.format(t="x")})
GROUP BY g
UNION ALL
SELECT 'l', g, COUNT(*), NULL, NULL FROM p
WHERE (acct || ':' || author_rid) IN (SELECT value FROM json_each(:leaders)) GROUP BY g
"""
    if tops:
        sql += """
UNION ALL
SELECT * FROM (SELECT 'tp', acct, post_rid, COUNT(*) AS n, NULL FROM p
  GROUP BY acct, post_rid ORDER BY n DESC, acct, CAST(post_rid AS INTEGER), post_rid
  LIMIT :top)
UNION ALL
SELECT * FROM (SELECT 'tc', acct, author_rid, COUNT(*) AS n, NULL FROM p WHERE NOT team
  GROUP BY acct, author_rid ORDER BY n DESC, acct, CAST(author_rid AS INTEGER), author_rid
  LIMIT :top)
"""
    return sql


def _filters(t: str, account: str | None, area: str | None) -> str:
    sql = ""
    if account is not None:
        sql += f" AND {t}.acct = :acct"
    if area is not None:
        sql += (f" AND ({t}.acct, {t}.area_rid) IN (SELECT acct, rid FROM areas "
                f"WHERE name = :area OR rid = :area)")
    return sql


def _leaders(store: Store, account_id: int | None) -> list[str]:
    """``acct:rid`` of every leader: flagged by the server, or named in the account's
    ``leaders`` setting (platforms without the flag)."""
    one = {"acct": account_id}
    found = {f"{a}:{r}" for a, r in store.cache.execute(
        "SELECT acct, rid FROM users WHERE leader = 1 AND (:acct IS NULL OR acct = :acct)", one)}
    for acct, account in store.cache.execute(
            "SELECT id, account FROM sources WHERE :acct IS NULL OR id = :acct", one):
        names = store.settings.get("leaders", account)
        if names:
            found.update(f"{acct}:{r}" for (r,) in store.cache.execute(
                "SELECT rid FROM users WHERE acct = ? AND lower(username) IN "
                "(SELECT value FROM json_each(?))", (acct, json.dumps(list(names)))))
    return sorted(found)


class UnknownAccount(LookupError):
    pass


def _account_id(store: Store, account: str | None) -> int | None:
    if account is None:
        return None
    row = store.cache.execute("SELECT id FROM sources WHERE account = ?", (account,)).fetchone()
    if row is None:
        raise UnknownAccount(account)
    return int(row[0])


def _period(since: float | None, until: float | None, now: float | None
            ) -> tuple[float, float, float]:
    now = time.time() if now is None else now
    until = now if until is None else until
    since = until - DEFAULT_DAYS * DAY if since is None else since
    return since, until, now


def _median(lo: float | None, hi: float | None) -> float | None:
    return None if lo is None or hi is None else (lo + hi) / 2


def _seconds(value: float | None) -> int | None:
    return None if value is None else math.floor(value + 0.5)


def _followed_up_share(store: Store, since: float, until: float, area: str | None,
                       account: str | None, now: float) -> float | None:
    """Share of the promises made in the period that were kept by their due date; a promise
    not kept and not due yet is not decided and counts on neither side (models/promises.py).
    null when no promise of the period is decided."""
    share = promises.kept_share(store, since, until, area, account, now=now).share
    return None if share is None else round(share, 3)


def _from_facts(store: Store, since: float, until: float, acct: int | None,
                area: str | None, key: insight_read.Key, leaders: list[str], tops: bool
                ) -> tuple[dict[Any, dict[str, Any]], list[tuple[Any, ...]]] | None:
    """The groups from the derived facts, or None when they are not ready (not built yet,
    or a write since the last refresh made part of them stale)."""
    accts = [a for (a,) in store.cache.execute(
        "SELECT id FROM sources WHERE :acct IS NULL OR id = :acct", {"acct": acct})]
    if not insight_facts.ready(store.cache, accts):
        return None
    areas = None if area is None else {(a, r) for a, r in store.cache.execute(
        "SELECT acct, rid FROM areas WHERE name = ? OR rid = ?", (area, area))}
    scope = insight_read.Scope(accts, areas)
    raw, ranks = insight_read.read(store.cache, scope, since, until, key, leaders, tops)
    groups: dict[Any, dict[str, Any]] = {}
    for g, r in raw.items():
        waits = [w for w in r["waits"] if len(w)]  # sorted runs: a day's, an hour's…
        n = sum(len(w) for w in waits)
        positions = {(n + 1) // 2, n // 2 + 1, (9 * n + 9) // 10} if n else set()
        groups[g] = {
            "comments": r["comments"], "unanswered": r["unanswered"] if r["inputs"] else 0,
            "oldest": r["oldest"], "ack": r["acked"] / r["inputs"] if r["inputs"] else None,
            "ranks": {k: insight_read.kth(waits, k) for k in positions}, "first": r["first"],
            "returning": r["returning"], "replies": r["replies"], "posts": 0,
            **({"n": n} if n else {})}
    return groups, ranks


def _run(store: Store, since: float, until: float, now: float, *, account: str | None,
         area: str | None, group: str, tops: bool, key: insight_read.Key, facts: bool
         ) -> tuple[dict[Any, dict[str, Any]], list[tuple[Any, ...]]]:
    """Every figure per group key, and the ranking rows (kind, acct, rid, n): from the
    derived facts when they are ready (``facts``), else from the comments in one statement.
    ``group`` (SQL) and ``key`` (Python) say the same grouping."""
    acct = _account_id(store, account)
    leaders = _leaders(store, acct)
    args = {"since": since, "until": until, "acct": acct, "area": area, "top": TOP,
            "leaders": json.dumps(leaders)}
    found = _from_facts(store, since, until, acct, area, key, leaders, tops) if facts else None
    if found is not None:
        groups, ranks = found
        _leader_posts(store, group, account, area, args, groups)
        return groups, ranks
    groups = {}
    ranks = []

    def slot(g: Any) -> dict[str, Any]:
        if g not in groups:
            groups[g] = {"comments": 0, "unanswered": 0, "oldest": None, "ack": None,
                         "ranks": {}, "first": 0, "returning": 0, "replies": 0, "posts": 0}
        return groups[g]

    sql = _statement(group, _filters("c", account, area), tops)
    for kind, g, a, b, c in store.cache.execute(sql, args):
        if kind in ("tp", "tc"):
            ranks.append((kind, g, a, b))
            continue
        s = slot(g)
        if kind == "c":
            s["comments"] = a
        elif kind == "i":
            s["unanswered"], s["oldest"], s["ack"] = a, b, c
        elif kind == "d":
            s["ranks"][a] = c
            s["n"] = b
        elif kind == "f":
            s["first"], s["returning"] = a, b
        elif kind == "l":
            s["replies"] = a
    _leader_posts(store, group, account, area, args, groups)
    return groups, ranks


def _leader_posts(store: Store, group: str, account: str | None, area: str | None,
                  args: dict[str, Any], groups: dict[Any, dict[str, Any]]) -> None:
    posts_sql = (
        f"SELECT {group.format(t='po')}, COUNT(*) FROM posts po "
        f"WHERE po.created_at >= :since AND po.created_at < :until "
        f"AND po.status = 'published' "
        f"AND (po.acct || ':' || po.author_rid) IN (SELECT value FROM json_each(:leaders))"
        f"{_filters('po', account, area)} GROUP BY 1")
    for g, n in store.cache.execute(posts_sql, args):
        groups.setdefault(g, {"comments": 0, "unanswered": 0, "oldest": None, "ack": None,
                              "ranks": {}, "first": 0, "returning": 0, "replies": 0})
        groups[g]["posts"] = n


def _kept_shares(store: Store, since: float, until: float, area: str | None,
                 account: str | None, now: float, group: str) -> dict[Any, float | None]:
    """``_followed_up_share`` of every group (``group``: SQL over ``pr.at``) in one statement (``promises.kept_share``'s
    selection and counts, in SQL: at 1M comments one call a week cost 90 ms of a trend)."""
    sql = (f"SELECT {group}, SUM(pr.kept_at IS NOT NULL AND pr.kept_at <= pr.due), "
           f"SUM(pr.kept_at IS NOT NULL AND pr.kept_at > pr.due) + "
           f"SUM(pr.kept_at IS NULL AND pr.due < :now) "
           f"FROM promises pr JOIN sources s ON s.id = pr.acct "
           f"WHERE pr.at >= :since AND pr.at < :until")
    if account is not None:
        sql += " AND s.account = :account"
    if area is not None:
        sql += (" AND (pr.acct, pr.area_rid) IN (SELECT acct, rid FROM areas "
                "WHERE name = :area OR rid = :area)")
    args = {"since": since, "until": until, "now": now, "account": account, "area": area}
    out: dict[Any, float | None] = {}
    for g, kept, other in store.cache.execute(sql + " GROUP BY 1", args):
        out[g] = round(kept / (kept + other), 3) if kept + other else None
    return out


_ASK = object()  # _figures: read the share kept of the promises itself


def _figures(cls: type[Figures], store: Store, s: dict[str, Any] | None, since: float,
             until: float, now: float, area: str | None, account: str | None,
             area_key: str | None, *, followed: Any = _ASK, **extra: Any) -> Figures:
    s = s or {"comments": 0, "unanswered": 0, "oldest": None, "ack": None, "ranks": {},
              "first": 0, "returning": 0, "replies": 0, "posts": 0}
    n = s.get("n", 0)
    median = p90 = None
    if n:
        ranks = s["ranks"]
        median = _median(ranks.get((n + 1) // 2), ranks.get(n // 2 + 1))
        p90 = ranks.get((9 * n + 9) // 10)
    oldest = s["oldest"]
    return cls(
        since=since, until=until, area=area,
        comments=int(s["comments"]),
        first_reply_median_s=_seconds(median),
        first_reply_p90_s=_seconds(p90),
        unanswered=int(s["unanswered"] or 0),
        unanswered_oldest_s=None if oldest is None else _seconds(min(until, now) - oldest),
        acknowledged_share=None if s["ack"] is None else round(s["ack"], 3),
        followed_up_share=_followed_up_share(store, since, until, area_key, account, now)
        if followed is _ASK else followed,
        first_time_contributors=int(s["first"] or 0),
        returning_first_timers=int(s["returning"] or 0),
        leaders=Leaders(posts=int(s["posts"]), replies=int(s["replies"] or 0)),
        **extra,
    )


# --- the three reads ------------------------------------------------------------------------

def report(store: Store, *, since: float | None = None, until: float | None = None,
           area: str | None = None, account: str | None = None,
           now: float | None = None, facts: bool = True) -> Report:
    """Every figure of ``[since, until)`` (default: the 28 days before now), of one area
    (name or id) or all, of one account or all. Raises UnknownAccount."""
    since, until, now = _period(since, until, now)
    groups, ranks = _run(store, since, until, now, account=account, area=area,
                         group="0", tops=True, key=lambda acct, a, t: 0, facts=facts)
    tops: list[TopPost] = []
    people: list[Contributor] = []
    names = dict(store.cache.execute("SELECT id, account FROM sources"))
    for kind, acct, rid, n in ranks:
        if kind == "tp":
            row = store.cache.execute("SELECT title, views FROM posts WHERE acct = ? AND rid = ?",
                                      (acct, rid)).fetchone()
            tops.append(TopPost(keys.make(names[acct], "post", rid), row[0] if row else "",
                                int(n), row[1] if row else None))
        else:
            row = store.cache.execute("SELECT display_name FROM users WHERE acct = ? AND rid = ?",
                                      (acct, rid)).fetchone()
            people.append(Contributor(row[0] if row else rid, int(n)))
    kept = _kept_shares(store, since, until, area, account, now, "0")
    out = _figures(Report, store, groups.get(0), since, until, now, area, account, area,
                   followed=kept.get(0),
                   top_posts=tuple(tops), top_contributors=tuple(people))
    assert isinstance(out, Report)
    return out


def weekly(store: Store, *, since: float | None = None, until: float | None = None,
           area: str | None = None, account: str | None = None,
           now: float | None = None, facts: bool = True) -> list[Figures]:
    """The figures per ISO week (Monday 00:00 UTC) of the period, oldest first; the first
    and last weeks are cut to the period. One pass for all weeks."""
    since, until, now = _period(since, until, now)
    origin = week_start(since)
    group = f"CAST(({{t}}.created_at - {origin!r}) / {WEEK!r} AS INTEGER)"
    groups, _ = _run(store, since, until, now, account=account, area=area, group=group,
                     tops=False, key=lambda acct, a, t: int((t - origin) / WEEK), facts=facts)
    kept = _kept_shares(store, since, until, area, account, now,
                        f"CAST((pr.at - {origin!r}) / {WEEK!r} AS INTEGER)")
    out: list[Figures] = []
    k = 0
    while origin + k * WEEK < until:
        start, end = max(since, origin + k * WEEK), min(until, origin + (k + 1) * WEEK)
        out.append(_figures(Figures, store, groups.get(k), start, end, now, area, account,
                            area, followed=kept.get(k)))
        k += 1
    return out


def by_area(store: Store, *, since: float | None = None, until: float | None = None,
            area: str | None = None, account: str | None = None,
            now: float | None = None, facts: bool = True) -> list[Figures]:
    """The figures of each area (every area the cache knows, of the account if one is
    given; comments on posts of no known area under ""), sorted by name. One pass."""
    since, until, now = _period(since, until, now)
    group = "({t}.acct || ':' || COALESCE({t}.area_rid, ''))"
    groups, _ = _run(store, since, until, now, account=account, area=area, group=group,
                     tops=False, key=lambda acct, a, t: f"{acct}:{a}", facts=facts)
    acct = _account_id(store, account)
    several = store.cache.execute("SELECT COUNT(*) FROM sources").fetchone()[0] > 1
    known: dict[str, tuple[str, str]] = {}
    for a, rid, name, label in store.cache.execute(
            "SELECT a.acct, a.rid, a.name, s.account FROM areas a JOIN sources s "
            "ON s.id = a.acct WHERE (:acct IS NULL OR a.acct = :acct) "
            "AND (:area IS NULL OR a.name = :area OR a.rid = :area)",
            {"acct": acct, "area": area}):
        known[f"{a}:{rid}"] = (f"{label}/{name}" if several and account is None else name, rid)
    for g in groups:
        known.setdefault(g, ("", g.split(":", 1)[1]))
    kept = _kept_by_area(store, since, until, account, now) if facts else None
    rows = [
        _figures(Figures, store, groups.get(g), since, until, now, name, account, rid,
                 **({} if kept is None else {"followed": kept.get(rid)}))
        for g, (name, rid) in sorted(known.items(), key=lambda kv: (kv[1][0].casefold(), kv[0]))
    ]
    return rows


def _kept_by_area(store: Store, since: float, until: float, account: str | None,
                  now: float) -> dict[str, float | None]:
    """``_followed_up_share`` of each area key at once (one call per area cost ~35 ms at 1M).
    ``promises.kept_share`` takes a key as an area's name or id, in the promise's account:
    so a promise counts under its area's id and under its area's name."""
    sql = ("SELECT a.rid, a.name, SUM(pr.kept_at IS NOT NULL AND pr.kept_at <= pr.due), "
           "SUM(pr.kept_at IS NOT NULL AND pr.kept_at > pr.due) + "
           "SUM(pr.kept_at IS NULL AND pr.due < :now) FROM promises pr "
           "JOIN sources s ON s.id = pr.acct "
           "JOIN areas a ON a.acct = pr.acct AND a.rid = pr.area_rid "
           "WHERE pr.at >= :since AND pr.at < :until")
    if account is not None:
        sql += " AND s.account = :account"
    sums: dict[str, list[int]] = {}
    for rid, name, kept, other in store.cache.execute(
            sql + " GROUP BY a.acct, a.rid",
            {"since": since, "until": until, "now": now, "account": account}):
        for k in {rid, name}:
            total = sums.setdefault(k, [0, 0])
            total[0] += kept
            total[1] += other
    return {k: round(a / (a + b), 3) if a + b else None for k, (a, b) in sums.items()}


def rows_json(figures: Iterable[Figures]) -> list[dict[str, Any]]:
    return [f.as_json() for f in figures]
