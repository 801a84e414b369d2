"""Follow-ups that are kept: promises found in staff replies, and how each one is kept.

The triage finds a promise when a staff reply is stored (``triage.classify``: its lane is
Follow-up, due after the ``followup_due`` setting) and the ingest records it here, in
cache.db's ``promises``. It is kept by a later staff reply in the same thread, by a post that
links the thread, or by a decision note written in the desk (state.db's ``decisions``); a kept
promise leaves Follow-up at the next triage of its comment.

Runs on the writer thread inside the caller's transaction, like ``apply``. The work per page
is a set lookup per comment (is its thread one with an open promise?); the queries run only
for the threads that have one.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.models import db as dbmod
from desktop.models import triage
from desktop.models.ingest import chunks
from desktop.models.schema import FOLLOWUP

if TYPE_CHECKING:
    from desktop.models.records import CommentRecord, PostRecord
    from desktop.models.store import Store

_NO_PERSON: tuple[str, frozenset[str]] = ("employee", frozenset())
_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
KEPT_BY_REPLY, KEPT_BY_POST, KEPT_BY_NOTE = "reply", "post", "note"


def _norm_url(url: str) -> str:
    """A thread's address as a link to it may spell it: no fragment, no trailing slash."""
    return url.split("#", 1)[0].rstrip("/").lower()


def record(store: Store, acct: int, rows: Iterable[tuple[str, str, str | None, str, float,
                                                          float]]) -> None:
    """Note promises the triage found: (rid, post, area, author, created, due)."""
    rows = list(rows)
    if not rows:
        return
    store.cache.executemany(
        "INSERT OR IGNORE INTO promises (acct, rid, post_rid, area_rid, by_rid, at, due) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [(acct, *r) for r in rows])
    store.sync_cache(acct).promise_posts().update(r[1] for r in rows)


def record_new_rows(store: Store, acct: int, rows: Sequence[tuple[Any, ...]]) -> None:
    """The promises among comment rows just inserted (``apply._insert_new``'s row layout)."""
    record(store, acct, ((r[2], r[3], r[6], r[5], r[10], r[23]) for r in rows
                         if r[19] == FOLLOWUP and r[20] == "promise"))


def keep(store: Store, acct: int, comments: Sequence[CommentRecord],
         posts: Sequence[PostRecord]) -> set[int]:
    """Keep the open promises this batch keeps; returns the ids of their comments (to be
    triaged again, out of Follow-up)."""
    open_posts = store.sync_cache(acct).promise_posts()
    if not open_posts:
        return set()
    kept: list[tuple[float, str, str, int, str]] = []  # kept_at, how, by, acct, rid
    threads = {x["post_id"] for x in comments if x["post_id"] in open_posts}
    if threads:
        kept += _kept_in_threads(store, acct, sorted(threads))
    linking = [p for p in posts if "://" in (p.get("body_html") or "")]
    if linking:
        kept += _kept_by_posts(store, acct, linking)
    return _settle(store, acct, kept)


def _kept_in_threads(store: Store, acct: int, threads: list[str]
                     ) -> list[tuple[float, str, str, int, str]]:
    c = store.cache
    people = store.people_of(acct)
    account = _account(store, acct)
    kept: list[tuple[float, str, str, int, str]] = []
    for chunk in chunks(threads):
        q = ",".join("?" * len(chunk))
        for rid, post, at, area, post_author in c.execute(
            f"SELECT pr.rid, pr.post_rid, pr.at, pr.area_rid, p.author_rid FROM promises pr "
            f"LEFT JOIN posts p ON p.acct = pr.acct AND p.rid = pr.post_rid "
            f"WHERE pr.acct = ? AND pr.kept_at IS NULL AND pr.post_rid IN ({q})",
            (acct, *chunk),
        ).fetchall():
            found = None
            for author, created in c.execute(
                "SELECT author_rid, created_at FROM comments WHERE acct = ? AND post_rid = ? "
                "AND created_at > ? AND status = 'published' AND rid != ? "
                "AND rid NOT LIKE '~%' ORDER BY created_at", (acct, post, at, rid),
            ):
                if triage.is_responder(author, *people.get(author, _NO_PERSON), post_author,
                                       area):
                    found = (created, KEPT_BY_REPLY, author, acct, rid)
                    break
            note = store.state.execute(
                "SELECT MIN(at) FROM decisions WHERE account = ? AND post_rid = ? AND at > ?",
                (account, post, at)).fetchone()[0]  # laid again after a cache rebuild
            if note is not None and (found is None or note < found[0]):
                found = (note, KEPT_BY_NOTE, "", acct, rid)
            if found is not None:
                kept.append(found)
    return kept


def _kept_by_posts(store: Store, acct: int, posts: list[PostRecord]
                   ) -> list[tuple[float, str, str, int, str]]:
    threads: dict[str, str] = {}  # the address of a thread with an open promise → its post
    for url, post in store.cache.execute(
        "SELECT DISTINCT p.url, p.rid FROM promises pr JOIN posts p ON p.acct = pr.acct "
        "AND p.rid = pr.post_rid WHERE pr.acct = ? AND pr.kept_at IS NULL AND p.url IS NOT NULL",
        (acct,),
    ):
        threads[_norm_url(url)] = post
    if not threads:
        return []
    kept: list[tuple[float, str, str, int, str]] = []
    for p in posts:
        for url in _URL.findall(p.get("body_html") or ""):
            post = threads.get(_norm_url(url))
            if post is None or post == p["id"]:
                continue
            for (rid,) in store.cache.execute(
                "SELECT rid FROM promises WHERE acct = ? AND post_rid = ? AND kept_at IS NULL "
                "AND at < ?", (acct, post, p["created_at"]),
            ):
                kept.append((p["created_at"], KEPT_BY_POST, p.get("author_id") or "", acct, rid))
    return kept


def _settle(store: Store, acct: int, kept: list[tuple[float, str, str, int, str]]) -> set[int]:
    if not kept:
        return set()
    store.cache.executemany(
        "UPDATE promises SET kept_at = ?, kept_how = ?, kept_by = ? "
        "WHERE acct = ? AND rid = ? AND kept_at IS NULL", kept)
    ids: set[int] = set()
    for chunk in chunks(sorted({k[4] for k in kept})):
        q = ",".join("?" * len(chunk))
        ids.update(i for (i,) in store.cache.execute(
            f"SELECT id FROM comments WHERE acct = ? AND rid IN ({q})", (acct, *chunk)))
    return ids


def _account(store: Store, acct: int) -> str:
    row = store.cache.execute("SELECT account FROM sources WHERE id = ?", (acct,)).fetchone()
    return str(row[0]) if row else ""


# --- decision notes ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Decision:
    id: int
    item: str
    text: str
    at: float


def write_decision(store: Store, key: str, text: str, *, now: float | None = None) -> int:
    """Store a decision note on the thread of ``key`` and keep the thread's open promises;
    returns how many it kept. ValueError for an empty note; LookupError for an unknown item."""
    from desktop.models import keys

    text = text.strip()
    if not text:
        raise ValueError("A decision note needs some text")
    account, entity, rid = keys.parse(key)
    acct = store.acct_id(account)
    row = None if acct is None or entity != "comment" else store.cache.execute(
        "SELECT post_rid FROM comments WHERE acct = ? AND rid = ?", (acct, rid)).fetchone()
    if acct is None or row is None:
        raise LookupError(f"No comment {key} in the local cache (sync first, or check the id)")
    now = time.time() if now is None else now
    with dbmod.transaction(store.state):
        store.state.execute(
            "INSERT INTO decisions (item, account, post_rid, text, at) VALUES (?, ?, ?, ?, ?)",
            (key, account, row[0], text, now))
    with dbmod.transaction(store.cache):
        rids = [r for (r,) in store.cache.execute(
            "SELECT rid FROM promises WHERE acct = ? AND post_rid = ? AND kept_at IS NULL "
            "AND at <= ?", (acct, row[0], now))]
        ids = _settle(store, acct, [(now, KEPT_BY_NOTE, "", acct, r) for r in rids])
        if ids:
            store.retriage(acct, ids, now=now)
    return len(rids)


def decisions(store: Store, key: str) -> list[Decision]:
    """The decision notes written on the thread of ``key``, oldest first."""
    from desktop.models import keys

    account, entity, rid = keys.parse(key)
    acct = store.acct_id(account)
    if acct is None:
        return []
    table = "comments" if entity == "comment" else "posts"
    column = "post_rid" if entity == "comment" else "rid"
    row = store.cache.execute(f"SELECT {column} FROM {table} WHERE acct = ? AND rid = ?",
                              (acct, rid)).fetchone()
    if row is None:
        return []
    return [Decision(*r) for r in store.state.execute(
        "SELECT id, item, text, at FROM decisions WHERE account = ? AND post_rid = ? "
        "ORDER BY at, id", (account, row[0]))]


# --- insight -----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class KeptShare:
    """Promises made in a period: kept in time, kept late, missed (due, not kept) and open
    (not due yet, not kept: not decided, so not in the share)."""

    promises: int
    kept_in_time: int
    kept_late: int
    missed: int
    open: int

    @property
    def share(self) -> float | None:
        decided = self.kept_in_time + self.kept_late + self.missed
        return self.kept_in_time / decided if decided else None


def kept_share(store: Store, since: float, until: float, area: str | None = None,
               account: str | None = None, *, now: float | None = None) -> KeptShare:
    """The share of the promises made in [since, until) that were kept by their due time."""
    now = time.time() if now is None else now
    sql = ("SELECT pr.due, pr.kept_at FROM promises pr JOIN sources s ON s.id = pr.acct "
           "WHERE pr.at >= ? AND pr.at < ?")
    args: list[Any] = [since, until]
    if account is not None:
        sql += " AND s.account = ?"
        args.append(account)
    if area is not None:  # by name, as the queue shows it, or by id (as insight.py takes it)
        sql += (" AND pr.area_rid IN (SELECT rid FROM areas WHERE acct = pr.acct "
                "AND (name = ? OR rid = ?))")
        args += [area, area]
    in_time = late = missed = pending = total = 0
    for due, kept_at in store.cache.execute(sql, args):
        total += 1
        if kept_at is not None:
            if kept_at <= due:
                in_time += 1
            else:
                late += 1
        elif due < now:
            missed += 1
        else:
            pending += 1
    return KeptShare(total, in_time, late, missed, pending)
