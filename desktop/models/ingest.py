"""The hot path of a sync: new comments decided from the page itself, in one pass.

A page of 1,000 new comments used to be written, read back with a join, decided, and written a
second time, with a ``GROUP BY author`` to find first-time contributors. Here the facts the rules
need come from the page's dicts and from small caches kept for the length of a sync (posts seen,
each author's first comment, the responders), so a new comment is decided before it is
inserted and written once. Rows already cached (an edit, a status change) still go through
``Store.retriage``, because their local overlays (marks, actions in flight) live in the row.

The verdicts are those of ``Store.retriage`` on the same data; tests/test_store.py and
tests/test_offline.py hold the two to the same lanes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.models import triage
from desktop.models.records import CommentRecord, PostRecord

_TAG = re.compile(r"<[^>]*>")
CHUNK = 400  # ids per IN (…) query; well under SQLite's variable limit
_NO_PERSON: tuple[str, frozenset[str]] = ("employee", frozenset())
_NEVER = float("inf")  # an author with no stored comment
MAX_TOMBSTONES_HELD = 100_000  # ~15 MB of keys; past that the database answers


def html_to_text(body: str) -> str:
    """Plain text of a comment body, for search and the rules (not for display)."""
    text = _TAG.sub(" ", body)
    if "&" in text:
        text = html.unescape(text)
    # str.split() and re's \s agree on what whitespace is; split/join is 3x faster
    return " ".join(text.split())


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def json_list(values: Any) -> str:
    """JSON of a list; user ids (short ASCII words) are joined directly, 10x faster than
    json.dumps, which would write the same text for them."""
    if not values:
        return "[]"
    if all(type(v) is str for v in values):
        plain = "".join(values)
        if plain.isascii() and plain.isprintable() and '"' not in plain and "\\" not in plain:
            return '["' + '", "'.join(values) + '"]'
    return json.dumps(list(values))


class SyncCache:
    """What the rules need about one account that does not change row by row.

    Lives between ``Store.begin_sync`` and ``finish_sync`` (or one ``apply_batch``), on the
    writer thread, the only place the cache database is written.
    """

    def __init__(self, conn: Any, acct: int, *, complete: bool = False) -> None:
        self.conn = conn
        self.acct = acct
        self.posts: dict[str, tuple[str | None, str | None]] = {}  # rid → (area, author)
        self.first_at: dict[str, float] = {}  # author → created_at of their first comment
        # complete: first_at holds every author with a stored comment, so an author missing
        # from it has none and needs no query. A first load reads the few stored rows once
        # (none, unless it resumes) and then never asks the database, whose author index is
        # deferred until the load ends (schema.DEFERRED_INDEXES).
        self.complete = complete
        if complete:
            self.first_at.update(self._stored_first_at(None))
        self._stones: dict[str, set[str]] | None = None  # entity → rids of records deleted
        self._stones_unheld = False  # too many to hold: the database answers
        self._promise_posts: set[str] | None = None

    def promise_posts(self) -> set[str]:
        """Threads (post rids) with a promise not kept yet, read once a sync: a page asks
        the database about its threads only when one of them has one (promises.keep)."""
        if self._promise_posts is None:
            self._promise_posts = {r for (r,) in self.conn.execute(
                "SELECT DISTINCT post_rid FROM promises WHERE acct = ? AND kept_at IS NULL",
                (self.acct,))}
        return self._promise_posts

    def dead(self, entity: str) -> set[str] | None:
        """The rids of this entity ("comment", "post") with a stored tombstone, from memory;
        None when the account has too many tombstones to hold (ask the database). One query
        per sync instead of one per page: a re-sync of 1M unchanged comments spent a tenth of
        its time asking (measured)."""
        if self._stones_unheld:
            return None
        if self._stones is None:
            n = self.conn.execute(
                "SELECT COUNT(*) FROM tombstones WHERE acct = ?", (self.acct,)).fetchone()[0]
            if n > MAX_TOMBSTONES_HELD:
                self._stones_unheld = True  # decided once a sync, not counted again per page
                return None
            self._stones = {"comment": set(), "post": set()}
            for e, rid in self.conn.execute(
                    "SELECT entity, rid FROM tombstones WHERE acct = ?", (self.acct,)):
                self._stones.setdefault(e, set()).add(rid)
        return self._stones.setdefault(entity, set())

    def note_tombstones(self, stones: Iterable[tuple[str, str]]) -> None:
        if self._stones is not None:
            for e, rid in stones:
                self._stones.setdefault(e, set()).add(rid)

    def _stored_first_at(self, authors: Sequence[str] | None) -> dict[str, float]:
        """author → earliest stored comment, for these authors (None: every author);
        local placeholders ``~…`` do not count."""
        where, args = "", tuple[str, ...]()
        if authors is not None:
            where, args = f"AND author_rid IN ({','.join('?' * len(authors))}) ", tuple(authors)
        return dict(self.conn.execute(
            f"SELECT author_rid, MIN(created_at) FROM comments WHERE acct = ? {where}"
            f"AND rid NOT LIKE '~%' GROUP BY author_rid", (self.acct, *args)))

    def post_info(self, rids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        missing = [r for r in set(rids) if r not in self.posts]
        for chunk in chunks(missing):
            q = ",".join("?" * len(chunk))
            for rid, area, author in self.conn.execute(
                f"SELECT rid, area_rid, author_rid FROM posts WHERE acct = ? AND rid IN ({q})",
                (self.acct, *chunk),
            ):
                self.posts[rid] = (area, author)
        return self.posts

    def note_posts(self, posts: Iterable[PostRecord]) -> None:
        for p in posts:
            self.posts[p["id"]] = (p.get("area_id"), p.get("author_id"))

    def first_comment_at(self, authors: Iterable[str]) -> dict[str, float]:
        """Each author's earliest stored comment (local placeholders ``~…`` do not count)."""
        if self.complete:
            return self.first_at
        missing = [a for a in set(authors) if a not in self.first_at]
        for chunk in chunks(missing):
            found = self._stored_first_at(chunk)
            for a in chunk:
                self.first_at[a] = found.get(a, _NEVER)
        return self.first_at

    def saw_comments(self, comments: Iterable[CommentRecord]) -> None:
        """A page's records count as stored from now on, as they will be: an author's first
        comment is the earliest seen (local placeholders ``~…`` do not count)."""
        first_at = self.first_at
        for x in comments:
            if not x["id"].startswith("~"):
                author, created = x.get("author_id") or "", x["created_at"]
                if created < first_at.get(author, _NEVER):
                    first_at[author] = created

    def forget_author(self, author: str) -> None:
        """A comment of theirs changed its time or went away: ask the database next time."""
        self.first_at.pop(author, None)
        if self.complete:  # no next time: ask now (rare during a first load)
            self.first_at.update(self._stored_first_at([author]))


def decide_new(
    cache: SyncCache,
    comments: list[CommentRecord],
    texts: list[str],
    people: dict[str, tuple[str, frozenset[str]]],
    me: triage.Me,
    now: float,
    answered: set[str],
    rules: triage.Rules = triage.DEFAULT_RULES,
) -> list[tuple[Any, ...]]:
    """(staff_replied, triage, reason, args, t_prio, t_sort) for comments not cached yet.

    ``answered``: rids with a responder's reply below them (in the page or in the cache).
    A new row has no marks and no actions in flight, so the rules' lane is the lane.
    """
    posts = cache.post_info(x["post_id"] for x in comments)
    first_at = cache.first_comment_at(x.get("author_id") or "" for x in comments)
    cache.saw_comments(comments)  # after the lookup
    is_responder = triage.is_responder
    facts_of = triage.Facts
    out: list[tuple[Any, ...]] = []
    # one pass per comment on the ingest path: positional arguments, no generators for the
    # empty lists most comments have (each of these cost ~0.3-1 µs a comment, measured)
    for x, text in zip(comments, texts, strict=True):
        area, post_author = posts.get(x["post_id"], (None, None))
        author = x.get("author_id") or ""
        role, areas = people.get(author, _NO_PERSON)
        post_role = people.get(post_author, _NO_PERSON)[0] if post_author else None
        liked_by = x.get("liked_by")
        liked = bool(liked_by) and any(
            is_responder(u, *people.get(u, _NO_PERSON), post_author, area) for u in liked_by)
        staff_replied = x["id"] in answered
        flags = x.get("flags")
        created = x["created_at"]
        facts = facts_of(
            x.get("status", "published"), text, created, author,
            is_responder(author, role, areas, post_author, area), post_author, post_role,
            staff_replied, liked,
            tuple((f.get("reason", ""), int(f.get("count", 1))) for f in flags) if flags else (),
            first_at.get(author) == created, area,
        )
        v = triage.classify(facts, me, now, rules)
        out.append((1 if staff_replied else 0, v.lane, v.reason, v.args_json, v.prio, v.sort))
    return out
