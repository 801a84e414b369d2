"""Reads for the queue, search and threads. Every lane read uses a partial index.

Shared by the CLI and the desk (the Qt item models page through ``queue_page``), so a rule or an
order lives in one place.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from typing import Any

from desktop.models import keys, schema, triage
from desktop.models.claims import Claim
from desktop.models.schema import LANES, REMOVED, VIEWS
from desktop.models.store import Store

EXCERPT = 160


@dataclasses.dataclass(frozen=True, slots=True)
class QueueItem:
    """One row of a lane, with what the list shows and what the reason needs."""

    local_id: int
    key: str
    account: str
    lane: str | None
    reason: str | None
    reason_args: dict[str, Any] | None
    author: str
    author_username: str
    post_title: str
    excerpt: str
    created_at: float
    status: str
    url: str | None
    area: str | None
    pending: int
    prio: int
    sort_ts: float
    mark_until: float | None
    due_at: float | None
    claim: Claim | None = None  # someone replying (maybe expired since: see claimed_by)

    def claimed_by(self, now: float | None = None) -> Claim | None:
        """The claim on this item still in force, or None when it is free."""
        return self.claim if self.claim is not None and self.claim.held(now) else None

    def describe(self, now: float | None = None,
                 tr: triage.Translate | None = None) -> str:
        return triage.describe(
            self.reason, self.reason_args, author=self.author, created_at=self.created_at,
            now=time.time() if now is None else now, lane=self.lane,
            mark_until=self.mark_until, tr=tr or (lambda s: s),
        )

    def overdue(self, now: float) -> bool:
        return (self.lane == "reply" or (self.lane == "followup" and self.reason == "promise")
                ) and self.due_at is not None and self.due_at < now

    def as_json(self, now: float | None = None) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.lane == "followup":  # a promise's; a manual mark names nobody and no time
            promise = self.reason == "promise"
            extra = {"promised_by": self.author if promise else None,
                     "promised_at": _iso(self.created_at) if promise else None,
                     "due": _iso(self.due_at) if promise and self.due_at else None}
        claim = self.claimed_by()  # this machine's real clock, as the expiry is (not ``now``)
        return {
            "id": self.key,
            "account": self.account,
            "lane": self.lane,
            "reason": self.describe(now),
            "author": self.author,
            "post_title": self.post_title,
            "excerpt": self.excerpt,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created_at)),
            "status": ("pending" if self.pending else self.status),
            "url": self.url,
            "claimed_by": claim.as_json() if claim else None,
            **extra,
        }


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


_SELECT = (
    "SELECT c.id, s.account, c.rid, c.lane, c.reason, c.reason_args, "
    "COALESCE(u.display_name, c.author_rid), COALESCE(u.username, ''), "
    "COALESCE(p.title, ''), substr(c.body_text, 1, 400), c.created_at, "
    "COALESCE(c.o_status, c.status), c.url, a.name, c.pending, c.prio, c.sort_ts, c.mark_until, "
    "c.t_sort, k.user_rid, k.name, k.expires_at, s.user_id "
    "FROM comments c JOIN sources s ON s.id = c.acct "
    "LEFT JOIN claims k ON k.acct = c.acct AND k.comment_rid = c.rid "
    "LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid "
    "LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid "
    "LEFT JOIN areas a ON a.acct = c.acct AND a.rid = c.area_rid "
)


def _item(row: tuple[Any, ...]) -> QueueItem:
    (cid, account, rid, lane, reason, args, author, username, title, text, created, status,
     url, area, pending, prio, sort_ts, until, t_sort, k_user, k_name, k_until, me) = row
    excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"
    return QueueItem(
        cid, keys.make(account, "comment", rid), account, lane, reason,
        json.loads(args) if args else None, author, username, title, excerpt, created, status,
        url, area, pending, prio or 0, sort_ts or 0.0, until,
        t_sort if reason in ("question", "mention", "own_post", "promise") else None,
        None if k_user is None else Claim(k_user, k_name, k_until, k_user == me),
    )


def _filters(account: str | None, area: str | None, table: str = "c"
             ) -> tuple[str, list[Any]]:
    """SQL conditions (and their arguments) for an account and an area on ``table``."""
    sql, args = "", []
    if account:
        sql += f" AND {table}.acct = (SELECT id FROM sources WHERE account = ?)"
        args.append(account)
    if area:
        sql += f" AND {table}.area_rid IN (SELECT rid FROM areas WHERE name = ? OR rid = ?)"
        args += [area, area]
    return sql, args


# Exactly the partial index's condition (schema._cache_v3), or SQLite would not use it.
REMOVED_WHERE = "COALESCE(c.o_status, c.status) IN ('hidden', 'spam', 'deleted')"
_LANE_ORDER = " ORDER BY c.prio, c.sort_ts, c.id"
_REMOVED_ORDER = " ORDER BY c.created_at DESC, c.id DESC"


def _view(lane: str) -> tuple[str, list[Any], str]:
    """The condition, its arguments and the order of a lane or the Removed view."""
    if lane == REMOVED:
        return REMOVED_WHERE, [], _REMOVED_ORDER
    if lane not in LANES:
        raise ValueError(f"unknown lane {lane!r}")
    return "c.lane = ?", [lane], _LANE_ORDER


def _search_filter(search: str | None) -> tuple[str, list[Any]] | None:
    """The full-text condition for ``search`` ('' without one); None when it can match
    nothing (no word in it)."""
    if not search:
        return "", []
    match = fts_query(search)
    if match is None:
        return None
    return " AND c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)", [match]


def queue_page(
    store: Store,
    lane: str,
    *,
    account: str | None = None,
    area: str | None = None,
    search: str | None = None,
    after: tuple[int, float, int] | None = None,
    limit: int = 200,
) -> list[QueueItem]:
    """Up to ``limit`` items of a lane (or the Removed view) in its order, after the keyset
    ``(prio, sort, id)`` of a lane's last item (lanes only)."""
    cond, args, order = _view(lane)
    where, filter_args = _filters(account, area)
    found = _search_filter(search)
    if found is None:
        return []
    sql = _SELECT + "WHERE " + cond + where + found[0]
    args = [*args, *filter_args, *found[1]]
    if after is not None:
        if lane == REMOVED:
            raise ValueError("the Removed view is read whole, not after a keyset")
        sql += " AND (c.prio, c.sort_ts, c.id) > (?, ?, ?)"
        args.extend(after)
    sql += order + " LIMIT ?"
    args.append(limit)
    return [_item(r) for r in store.cache.execute(sql, args)]


def queue_ids(store: Store, lane: str, *, account: str | None = None, area: str | None = None,
              search: str | None = None) -> list[int]:
    """Every id of a lane (or the Removed view) in order (the desk's model holds ids only and
    fetches rows by id)."""
    cond, args, order = _view(lane)
    where, filter_args = _filters(account, area)
    found = _search_filter(search)
    if found is None:
        return []
    sql = "SELECT c.id FROM comments c WHERE " + cond + where + found[0] + order
    args = [*args, *filter_args, *found[1]]
    # One string of all ids, decoded by json's C parser: 2.6x faster than a row per id (a
    # 300k-id lane must come back well inside a frame budget). The aggregate reads the
    # ordered subquery in its order (it is not flattened: the outer query aggregates).
    row = store.cache.execute(
        f"SELECT '[' || group_concat(id) || ']' FROM ({sql} LIMIT -1)", args
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else []


def items_by_id(store: Store, ids: list[int]) -> dict[int, QueueItem]:
    if not ids:
        return {}
    q = ",".join("?" * len(ids))
    return {r[0]: _item(r) for r in store.cache.execute(_SELECT + f"WHERE c.id IN ({q})", ids)}


def item(store: Store, key: str) -> QueueItem | None:
    account, entity, rid = keys.parse(key)
    if entity != "comment":
        return None
    row = store.cache.execute(
        _SELECT + "WHERE s.account = ? AND c.rid = ?", (account, rid)
    ).fetchone()
    return _item(row) if row else None


def lane_counts(store: Store, *, account: str | None = None, area: str | None = None
                ) -> dict[str, int]:
    """Items per lane, from the counts the cache keeps on every write (schema: lane_counts)."""
    where, args = _filters(account, area, "k")
    sql = "SELECT k.lane, SUM(k.n) FROM lane_counts k WHERE k.n != 0" + where
    counts = dict.fromkeys(VIEWS, 0)
    counts.update(store.cache.execute(sql + " GROUP BY k.lane", args))
    where, args = _filters(account, area)
    counts[REMOVED] = store.cache.execute(
        "SELECT COUNT(*) FROM comments c WHERE " + REMOVED_WHERE + where, args).fetchone()[0]
    return counts


def area_counts(store: Store, lane: str) -> list[tuple[str, str, int]]:
    """(account, area name, count) for one lane, for the sidebar."""
    return store.cache.execute(
        "SELECT s.account, COALESCE(a.name, NULLIF(k.area_rid, '')), k.n FROM lane_counts k "
        "JOIN sources s ON s.id = k.acct "
        "LEFT JOIN areas a ON a.acct = k.acct AND a.rid = k.area_rid "
        "WHERE k.lane = ? AND k.n != 0 ORDER BY 2", (lane,),
    ).fetchall()


# --- search --------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
# The search index keeps a prefix index for 3 letters (schema v2). Shorter prefixes have none
# and merge every word they start (40-70 ms for one letter, 27-39 ms for two at 1M comments,
# measured): the first two letters typed match whole words only.
MIN_PREFIX = 3


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every word must match, the last one as a prefix (search as you type)
    once it has ``MIN_PREFIX`` letters.

    User input never reaches FTS5's query syntax directly (quotes, NEAR, column filters…).
    """
    words = _TOKEN.findall(text)
    if not words:
        return None
    parts = ['"' + w.replace('"', "") + '"' for w in words]
    if len(words[-1]) >= MIN_PREFIX:
        parts[-1] += "*"
    return " AND ".join(parts)


@dataclasses.dataclass(frozen=True)
class SearchHit:
    key: str
    kind: str  # "comment" or "post"
    account: str
    title: str
    excerpt: str
    author: str
    created_at: float
    lane: str | None
    url: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.key, "type": self.kind, "account": self.account, "title": self.title,
            "excerpt": self.excerpt, "author": self.author, "lane": self.lane, "url": self.url,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created_at)),
        }


RANK_WINDOW = 1000  # ranked search ranks only the newest matches: bounded on any word


def search(store: Store, text: str, *, limit: int = 50, ranked: bool = False
           ) -> list[SearchHit]:
    """Newest first (ranking by relevance takes seconds on common words; Known traps).

    ``ranked``: best matches first, ranked among the newest ``RANK_WINDOW`` matches of each
    kind, so a word in every comment costs milliseconds, not seconds.
    """
    match = fts_query(text)
    if match is None:
        return []
    if ranked:
        return _ranked(store, match, limit)
    hits: list[SearchHit] = []
    for (account, rid, title, body, author, created, lane, url) in store.cache.execute(
        "SELECT s.account, c.rid, COALESCE(p.title, ''), substr(c.body_text, 1, 400), "
        "COALESCE(u.display_name, c.author_rid), c.created_at, c.lane, c.url "
        "FROM (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ? "
        "      ORDER BY rowid DESC LIMIT ?) f "
        "JOIN comments c ON c.id = f.rowid JOIN sources s ON s.id = c.acct "
        "LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid "
        "LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid", (match, limit),
    ):
        hits.append(SearchHit(keys.make(account, "comment", rid), "comment", account, title,
                              _cut(body), author, created, lane, url))
    for (account, rid, title, body, author, created, url) in store.cache.execute(
        "SELECT s.account, p.rid, p.title, substr(p.body_text, 1, 400), "
        "COALESCE(u.display_name, p.author_rid), p.created_at, p.url "
        "FROM (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? "
        "      ORDER BY rowid DESC LIMIT ?) f "
        "JOIN posts p ON p.id = f.rowid JOIN sources s ON s.id = p.acct "
        "LEFT JOIN users u ON u.acct = p.acct AND u.rid = p.author_rid", (match, limit),
    ):
        hits.append(SearchHit(keys.make(account, "post", rid), "post", account, title,
                              _cut(body), author, created, None, url))
    hits.sort(key=lambda h: h.created_at, reverse=True)
    return hits[:limit]


# The best ``limit`` of the newest RANK_WINDOW matches, ranked before anything is joined: the
# joins then read `limit` rows, not RANK_WINDOW (most common word at 1M: 23.7 -> 14.4 ms).
_BEST = ("SELECT rowid, rank FROM (SELECT rowid, rank FROM {table} WHERE {table} MATCH ? "
         "ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?")


def _ranked(store: Store, match: str, limit: int) -> list[SearchHit]:
    hits: list[tuple[float, SearchHit]] = []
    for (rank, account, rid, title, body, author, created, lane, url) in store.cache.execute(
        "SELECT f.rank, s.account, c.rid, COALESCE(p.title, ''), substr(c.body_text, 1, 400), "
        "COALESCE(u.display_name, c.author_rid), c.created_at, c.lane, c.url "
        "FROM (" + _BEST.format(table="comments_fts") + ") f "
        "JOIN comments c ON c.id = f.rowid JOIN sources s ON s.id = c.acct "
        "LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid "
        "LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid "
        "ORDER BY f.rank", (match, RANK_WINDOW, limit),
    ):
        hits.append((rank, SearchHit(keys.make(account, "comment", rid), "comment", account,
                                     title, _cut(body), author, created, lane, url)))
    for (rank, account, rid, title, body, author, created, url) in store.cache.execute(
        "SELECT f.rank, s.account, p.rid, p.title, substr(p.body_text, 1, 400), "
        "COALESCE(u.display_name, p.author_rid), p.created_at, p.url "
        "FROM (" + _BEST.format(table="posts_fts") + ") f "
        "JOIN posts p ON p.id = f.rowid JOIN sources s ON s.id = p.acct "
        "LEFT JOIN users u ON u.acct = p.acct AND u.rid = p.author_rid "
        "ORDER BY f.rank", (match, RANK_WINDOW, limit),
    ):
        hits.append((rank, SearchHit(keys.make(account, "post", rid), "post", account, title,
                                     _cut(body), author, created, None, url)))
    hits.sort(key=lambda rh: rh[0])  # bm25 ranks: lower is better
    return [h for _, h in hits[:limit]]


def _cut(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


# --- threads -------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ThreadComment:
    key: str
    rid: str
    parent_rid: str | None
    depth: int
    author: str
    author_username: str
    author_role: str
    body_html: str
    created_at: float
    status: str
    pending: bool
    like_count: int
    flag_count: int


@dataclasses.dataclass(frozen=True)
class Thread:
    post_key: str
    account: str
    title: str
    body_html: str
    author: str
    created_at: float
    locked: bool
    url: str | None
    area: str | None
    comments: list[ThreadComment]


def thread(store: Store, key: str) -> Thread | None:
    """The post of an item with its whole comment tree, depth-first in reply order."""
    account, entity, rid = keys.parse(key)
    acct = store.acct_id(account)
    if acct is None:
        return None
    if entity == "comment":
        row = store.cache.execute(
            "SELECT post_rid FROM comments WHERE acct = ? AND rid = ?", (acct, rid)
        ).fetchone()
        if row is None:
            return None
        post_rid = row[0]
    else:
        post_rid = rid
    post = store.cache.execute(
        "SELECT p.title, p.body_html, COALESCE(u.display_name, p.author_rid), p.created_at, "
        "COALESCE(p.o_locked, p.locked), p.url, a.name FROM posts p "
        "LEFT JOIN users u ON u.acct = p.acct AND u.rid = p.author_rid "
        "LEFT JOIN areas a ON a.acct = p.acct AND a.rid = p.area_rid "
        "WHERE p.acct = ? AND p.rid = ?", (acct, post_rid),
    ).fetchone()
    rows = store.cache.execute(
        "SELECT c.rid, c.parent_rid, COALESCE(u.display_name, c.author_rid), "
        "COALESCE(u.username, ''), COALESCE(u.role, ''), c.body_html, c.created_at, "
        "COALESCE(c.o_status, c.status), c.pending, c.like_count, c.flag_count "
        "FROM comments c LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid "
        "WHERE c.acct = ? AND c.post_rid = ? ORDER BY c.created_at, c.id", (acct, post_rid),
    ).fetchall()
    children: dict[str | None, list[tuple[Any, ...]]] = {}
    known = {r[0] for r in rows}
    for r in rows:
        parent = r[1] if r[1] in known else None  # orphans of deleted parents go top level
        children.setdefault(parent, []).append(r)
    ordered: list[ThreadComment] = []

    def walk(parent: str | None, depth: int) -> None:
        for r in children.get(parent, []):
            ordered.append(ThreadComment(
                keys.make(account, "comment", r[0]), r[0], r[1], depth, r[2], r[3], r[4], r[5],
                r[6], r[7], bool(r[8]), r[9], r[10],
            ))
            if depth < 64:
                walk(r[0], depth + 1)

    walk(None, 0)
    if post is None:
        return Thread(keys.make(account, "post", post_rid), account, "", "", "", 0.0, False,
                      None, None, ordered)
    return Thread(keys.make(account, "post", post_rid), account, post[0], post[1], post[2],
                  post[3], bool(post[4]), post[5], post[6], ordered)


@dataclasses.dataclass(frozen=True)
class AuthorContext:
    comments: int
    flags: int
    first_seen: float | None


def author_context(store: Store, key: str) -> AuthorContext | None:
    account, _entity, rid = keys.parse(key)
    acct = store.acct_id(account)
    if acct is None:
        return None
    row = store.cache.execute(
        "SELECT author_rid FROM comments WHERE acct = ? AND rid = ?", (acct, rid)
    ).fetchone()
    if row is None:
        return None
    if not schema.index_ready(store.cache, "ix_comments_author"):
        return None  # a first load is filling the cache; counting now would scan it all
    n, flags, first = store.cache.execute(
        "SELECT COUNT(*), COALESCE(SUM(flag_count), 0), MIN(created_at) FROM comments "
        "WHERE acct = ? AND author_rid = ?", (acct, row[0]),
    ).fetchone()
    return AuthorContext(n, flags, first)


def mention_candidates(store: Store, account: str, prefix: str, limit: int = 10
                       ) -> list[tuple[str, str]]:
    """(username, display name) of cached users whose username or name starts with ``prefix``
    (for @completion); a user without a display name is shown by the username."""
    acct = store.acct_id(account)
    if acct is None:
        return []
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return store.cache.execute(
        "SELECT username, COALESCE(NULLIF(TRIM(display_name), ''), username) FROM users "
        "WHERE acct = ? AND "
        "(username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\') "
        "ORDER BY username LIMIT ?", (acct, like, like, limit),
    ).fetchall()

