"""How a batch of synced records lands in the cache: areas, users, posts, comments (new ones
decided by ``ingest.decide_new`` and written once), partial updates and tombstones, and the
"answered" bookkeeping that a reply or a deletion changes for the comments above it.

Runs on the writer thread inside the caller's transaction (``Store.apply_page`` and
``Store.apply_batch``); rows already cached go through ``Store.retriage``, which lays the
user's marks over the rules' lane.
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.models import claims, promises, triage
from desktop.models.ingest import SyncCache, chunks, decide_new, html_to_text, json_list
from desktop.models.records import CommentRecord, PartialComment, PostRecord
from desktop.models.settings import heat_for, rules_for

if TYPE_CHECKING:
    from desktop.models.store import Store
    from desktop.services.connectors.base import Batch

_Record = TypeVar("_Record", bound=Mapping[str, Any])  # a PostRecord or a CommentRecord


def apply_batch(store: Store, acct: int, batch: Batch, *, now: float | None) -> None:
    now = time.time() if now is None else now
    bulk = bool(
        store.cache.execute("SELECT bulk FROM sources WHERE id = ?", (acct,)).fetchone()[0]
    )
    c = store.cache
    cache = store.sync_cache(acct)
    if batch.areas:
        c.executemany(
            "INSERT INTO areas (acct, rid, name, kind) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (acct, rid) DO UPDATE SET name = excluded.name, kind = excluded.kind",
            [(acct, a["id"], a.get("name", ""), a.get("kind")) for a in batch.areas],
        )
    if batch.users:
        c.executemany(
            "INSERT INTO users (acct, rid, username, display_name, role, areas, leader) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (acct, rid) DO UPDATE SET "
            "username = excluded.username, display_name = excluded.display_name, "
            "role = excluded.role, areas = excluded.areas, leader = excluded.leader "
            # a user who did not change is not written again (every sync lists them all)
            "WHERE (username, display_name, role, areas, leader) IS NOT (excluded.username, "
            "excluded.display_name, excluded.role, excluded.areas, excluded.leader)",
            [
                (acct, u["id"], u.get("username", ""),
                 u.get("display_name") or u.get("username", ""),
                 u.get("role") or "employee", json.dumps(list(u.get("areas") or [])),
                 1 if u.get("leader") else 0)
                for u in batch.users
            ],
        )
        store.forget_people(acct)
    if batch.posts:
        posts = _alive(store, acct, "post", batch.posts, batch.tombstones)
        _upsert_posts(store, acct, posts, bulk)
        cache.note_posts(posts)
    touched: set[int] = set()
    if batch.comments:
        touched = _upsert_comments(
            store, acct, _alive(store, acct, "comment", batch.comments, batch.tombstones),
            bulk, cache, now,
        )
    if batch.partial_comments:
        touched |= _apply_partial(store, acct, batch.partial_comments, bulk)
    stones = list(batch.tombstones)
    if batch.sweep_ids is not None:
        stones += [
            ("comment", rid) for (rid,) in c.execute(
                "SELECT rid FROM comments WHERE acct = ? AND rid NOT LIKE '~%'", (acct,)
            ) if rid not in batch.sweep_ids
        ]
    # A changed or removed reply may have been the answer its thread counted on (a staff
    # reply hidden later): recount "answered" upwards from their parents.
    parents: set[str] = set()
    for chunk in chunks(sorted(touched)):
        q = ",".join("?" * len(chunk))
        parents.update(p for (p,) in c.execute(
            f"SELECT parent_rid FROM comments WHERE id IN ({q}) AND parent_rid IS NOT NULL",
            chunk))
    if stones:
        parents |= _apply_tombstones(store, acct, stones, bulk, now)
        touched = {t for t in touched if c.execute(
            "SELECT 1 FROM comments WHERE id = ?", (t,)).fetchone()}
    if parents:
        touched |= _recount_answered(store, acct, parents)
    if batch.comments or batch.posts:
        touched |= promises.keep(store, acct, batch.comments or [], batch.posts or [])
    if touched:
        store.retriage(acct, touched, now=now)
    if batch.comments and not bulk:
        mark_heated(store, acct, {x["post_id"] for x in batch.comments}, now)
    if batch.claims:  # who is replying: a table of its own, no lane changes (models/claims.py)
        claims.store_claims(store, acct, batch.claims)


def mark_heated(store: Store, acct: int, post_rids: Iterable[str], now: float) -> set[int]:
    """Make one Moderate item of each of these threads that is heated now.

    Computed here because the writer already holds the page: a thread's recent replies are a
    range of the (acct, post_rid, created_at) index. The thread's item is the comment that
    already stands for it, else the first reply of the burst; it keeps the heated reason
    (Store.retriage leaves it) until the thread is locked or the item is handled.
    """
    c = store.cache
    heat = heat_for(store, acct)
    changed: set[int] = set()
    for post in sorted(post_rids):
        locked = c.execute("SELECT locked FROM posts WHERE acct = ? AND rid = ?",
                           (acct, post)).fetchone()
        if locked and locked[0]:
            continue
        rows = c.execute(
            "SELECT id, created_at, flag_count > 0 OR reason = 'rule' FROM comments "
            "WHERE acct = ? AND post_rid = ? AND created_at >= ? "
            "AND status NOT IN ('hidden', 'spam', 'deleted') ORDER BY created_at",
            (acct, post, now - heat.window)).fetchall()
        args = triage.heated(((r[1], bool(r[2])) for r in rows), now, heat)
        if args is None:
            continue
        held = c.execute("SELECT id FROM comments WHERE acct = ? AND post_rid = ? "
                         "AND reason = 'heated'", (acct, post)).fetchone()
        cid = held[0] if held else rows[0][0]
        c.execute(
            "UPDATE comments SET triage = 'moderate', reason = 'heated', reason_args = ?, "
            "t_prio = 0, t_sort = created_at, lane = CASE WHEN mark IS NULL THEN 'moderate' "
            "ELSE lane END, prio = CASE WHEN mark IS NULL THEN 0 ELSE prio END, "
            "sort_ts = CASE WHEN mark IS NULL THEN created_at ELSE sort_ts END WHERE id = ?",
            (json.dumps(args), cid))
        changed.add(cid)
    return changed

def _alive(store: Store, acct: int, entity: str, records: list[_Record],
           stones: Iterable[tuple[str, str]]) -> list[_Record]:
    """The records without a tombstone, stored or in the same batch (``stones``): a record
    deleted once never comes back."""
    dead = store.sync_cache(acct).dead(entity)
    if dead is None:  # too many to hold: the database answers
        dead = set()
        rids = [x["id"] for x in records]
        for chunk in chunks(rids):
            q = ",".join("?" * len(chunk))
            dead.update(r for (r,) in store.cache.execute(
                f"SELECT rid FROM tombstones WHERE acct = ? AND entity = ? AND rid IN ({q})",
                (acct, entity, *chunk)))
    gone = [r for e, r in stones if e == entity]
    if gone:
        dead = dead | set(gone)
    if not dead:
        return records
    return [x for x in records if x["id"] not in dead]


def _upsert_posts(store: Store, acct: int, posts: list[PostRecord], bulk: bool) -> None:
    c = store.cache
    existing: dict[str, tuple[int, str | None, str, str, int | None]] = {}
    for chunk in chunks([p["id"] for p in posts]):
        q = ",".join("?" * len(chunk))
        for pid, rid, version, title, text, views in c.execute(
            f"SELECT id, rid, version, title, body_text, views FROM posts "
            f"WHERE acct = ? AND rid IN ({q})", (acct, *chunk)
        ):
            existing[rid] = (pid, version, title, text, views)
    for p in posts:
        text = html_to_text(p.get("body_html", ""))
        row = (
            p.get("area_id"), p.get("author_id"), p.get("title", ""), p.get("body_html", ""),
            text, p["created_at"], p.get("updated_at", p["created_at"]),
            1 if p.get("locked") else 0, p.get("status", "published"), p.get("url"),
            p.get("version"), p.get("views"),
        )
        old = existing.get(p["id"])
        if old is None:
            cur = c.execute(
                "INSERT INTO posts (acct, rid, area_rid, author_rid, title, body_html, "
                "body_text, created_at, updated_at, locked, status, url, version, views) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (acct, p["id"], *row),
            )
            if not bulk:
                c.execute("INSERT INTO posts_fts (rowid, title, body_text) VALUES (?, ?, ?)",
                          (cur.lastrowid, p.get("title", ""), text))
        # a count of readers may move without a new version of the post
        elif (old[1] != p.get("version") or p.get("version") is None
              or old[4] != p.get("views")):
            c.execute(
                "UPDATE posts SET area_rid = ?, author_rid = ?, title = ?, body_html = ?, "
                "body_text = ?, created_at = ?, updated_at = ?, locked = ?, status = ?, "
                "url = ?, version = ?, views = ? WHERE id = ?", (*row, old[0]),
            )
            if not bulk and (old[2] != p.get("title", "") or old[3] != text):
                c.execute(
                    "INSERT INTO posts_fts (posts_fts, rowid, title, body_text) "
                    "VALUES ('delete', ?, ?, ?)", (old[0], old[2], old[3]),
                )
                c.execute("INSERT INTO posts_fts (rowid, title, body_text) VALUES (?, ?, ?)",
                          (old[0], p.get("title", ""), text))

def _upsert_comments(store: Store, acct: int, comments: list[CommentRecord], bulk: bool,
                     cache: SyncCache, now: float) -> set[int]:
    """Insert new comments already decided, update changed ones; returns the cached ids
    whose lane must be decided again from the database (changed, or newly answered)."""
    c = store.cache
    incoming = {x["id"]: x.get("version") for x in comments}  # rid → version
    if len(incoming) != len(comments):
        comments = list({x["id"]: x for x in comments}.values())  # the last copy wins
    # A re-sync of unchanged records costs one lookup per page, of the version alone: the
    # rest of a cached row is read only for the records that changed (a re-sync of 1M
    # unchanged rows 7.9-9.2 -> 4.2-5.9 s with _alive's one pass, docs/benchmarks.md).
    versions: dict[str, str | None] = {}  # rid → stored version (dict() reads rows in C)
    for chunk in chunks(list(incoming)):
        q = ",".join("?" * len(chunk))
        versions.update(c.execute(
            f"SELECT rid, version FROM comments WHERE acct = ? AND rid IN ({q})",
            (acct, *chunk)))
    existing: dict[str, tuple[int, str | None, str, float, str]] = {}
    if versions:
        # the same version is the same record; a record without one is always written
        if incoming.items() <= versions.items() and None not in incoming.values():
            return set()  # nothing changed: compared in C, not row by row
        missing = object()
        comments = [x for x in comments if (old := versions.get(x["id"], missing)) is missing
                    or (v := x.get("version")) is None or old != v]
        if not comments:
            return set()
        changed = [x["id"] for x in comments if x["id"] in versions]
        for chunk in chunks(changed):
            q = ",".join("?" * len(chunk))
            for cid, rid, version, text, created, author in c.execute(
                f"SELECT id, rid, version, body_text, created_at, author_rid FROM comments "
                f"WHERE acct = ? AND rid IN ({q})", (acct, *chunk),
            ):
                existing[rid] = (cid, version, text, created, author)
    post_info = cache.post_info(x["post_id"] for x in comments)
    people = store.people_of(acct)
    touched: set[int] = set()
    new: list[CommentRecord] = []
    new_texts: list[str] = []
    responder_parents: list[str] = []
    is_responder = triage.is_responder
    for x in comments:
        area, post_author = post_info.get(x["post_id"], (None, None))
        text = html_to_text(x.get("body_html", ""))
        author = x.get("author_id") or ""
        old = existing.get(x["id"])
        if old is None:
            new.append(x)
            new_texts.append(text)
        else:
            flags = x.get("flags") or []
            c.execute(
                "UPDATE comments SET post_rid = ?, parent_rid = ?, author_rid = ?, "
                "area_rid = ?, body_html = ?, body_text = ?, status = ?, created_at = ?, "
                "updated_at = ?, version = ?, like_count = ?, liked_by = ?, flag_count = ?, "
                "flags = ?, url = ? WHERE id = ?",
                (x["post_id"], x.get("parent_id"), author, area, x.get("body_html", ""),
                 text, x.get("status", "published"), x["created_at"],
                 x.get("updated_at", x["created_at"]), x.get("version"),
                 int(x.get("like_count") or 0), json_list(x.get("liked_by")),
                 sum(int(f.get("count", 1)) for f in flags), json_list(flags),
                 x.get("url"), old[0]),
            )
            touched.add(old[0])
            if old[3] != x["created_at"] or old[4] != author:
                cache.forget_author(old[4])
                cache.forget_author(author)
            if not bulk and old[2] != text:
                c.execute("INSERT INTO comments_fts (comments_fts, rowid, body_text) "
                          "VALUES ('delete', ?, ?)", (old[0], old[2]))
                c.execute("INSERT INTO comments_fts (rowid, body_text) VALUES (?, ?)",
                          (old[0], text))
        parent = x.get("parent_id")
        if parent and x.get("status", "published") == "published":
            role, areas = people.get(author, ("employee", frozenset()))
            if is_responder(author, role, areas, post_author, area):
                responder_parents.append(parent)
    if new:
        _insert_new(store, acct, new, new_texts, bulk, cache, people, post_info,
                         responder_parents, now)
    if responder_parents:
        touched |= _mark_answered(store, acct, responder_parents)
    return touched

def _insert_new(store: Store, acct: int, new: list[CommentRecord], texts: list[str], bulk: bool,
                cache: SyncCache, people: dict[str, tuple[str, frozenset[str]]],
                post_info: dict[str, tuple[str | None, str | None]],
                responder_parents: list[str], now: float) -> None:
    """Decide and insert comments the cache does not have, with their lane, in one go."""
    c = store.cache
    # The feed may deliver a reply before its parent (a parent that changed later moves
    # behind it): a new comment whose cached children hold a responder's answer, or are
    # answered themselves, is answered too.
    answered_below = _answered_by_children(store, acct, [x["id"] for x in new], people,
                                                post_info)
    responder_parents.extend(answered_below)
    decided = decide_new(cache, new, texts, people, store.me(acct), now,
                         set(responder_parents), rules_for(store, acct))
    first_id = int(c.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0]) + 1
    rows = []
    for i, (x, text, (staff, lane, reason, args, t_prio, t_sort)) in enumerate(
            zip(new, texts, decided, strict=True)):
        flags = x.get("flags") or ()
        rows.append((
            first_id + i, acct, x["id"], x["post_id"], x.get("parent_id"),
            x.get("author_id") or "", post_info.get(x["post_id"], (None, None))[0],
            x.get("body_html", ""), text, x.get("status", "published"), x["created_at"],
            x.get("updated_at", x["created_at"]), x.get("version"),
            int(x.get("like_count") or 0), json_list(x.get("liked_by")),
            sum(int(f.get("count", 1)) for f in flags) if flags else 0, json_list(flags),
            x.get("url"), staff, lane, reason, args, t_prio, t_sort,
        ))
    # A new row has no marks: its lane and order are the rules' (?20, ?23, ?24 again, bound
    # once: each bound value costs on a million rows)
    c.executemany(
        "INSERT INTO comments (id, acct, rid, post_rid, parent_rid, author_rid, area_rid, "
        "body_html, body_text, status, created_at, updated_at, version, like_count, "
        "liked_by, flag_count, flags, url, staff_replied, triage, reason, reason_args, "
        "t_prio, t_sort, lane, prio, sort_ts) VALUES (" + _NEW_ROW + ")", rows,
    )
    promises.record_new_rows(store, acct, rows)
    count_new_lanes(c, acct, collections.Counter(
        (row[19], row[6] or "") for row in rows if row[19] is not None))
    if not bulk:
        c.executemany("INSERT INTO comments_fts (rowid, body_text) VALUES (?, ?)",
                      [(first_id + i, text) for i, text in enumerate(texts)])


_NEW_ROW = ", ".join([f"?{i}" for i in range(1, 25)] + ["?20", "?23", "?24"])


def count_new_lanes(c: Any, acct: int, counts: collections.Counter[tuple[str, str]]) -> None:
    """Add inserted rows to the lane badges' counts: once per page, not by a trigger per row
    (schema v2). Every INSERT of a row with a lane must come through here."""
    if counts:
        c.executemany(
            "INSERT INTO lane_counts (acct, lane, area_rid, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(acct, lane, area, n) for (lane, area), n in counts.items()],
        )

def _answered_by_children(
    store: Store, acct: int, rids: list[str], people: dict[str, tuple[str, frozenset[str]]],
    post_info: dict[str, tuple[str | None, str | None]],
) -> list[str]:
    answered: list[str] = []
    for chunk in chunks(rids):
        q = ",".join("?" * len(chunk))
        for parent, author, staff_replied, status, post in store.cache.execute(
            f"SELECT parent_rid, author_rid, staff_replied, status, post_rid FROM comments "
            f"WHERE acct = ? AND parent_rid IN ({q})", (acct, *chunk),
        ):
            area, post_author = post_info.get(post, (None, None))
            role, areas = people.get(author, ("employee", frozenset()))
            if staff_replied or (status == "published" and triage.is_responder(
                    author, role, areas, post_author, area)):
                answered.append(parent)
    return answered

_PARTIAL = frozenset({"status", "body_html", "parent_id", "like_count", "liked_by", "flags",
                      "version", "updated_at"})

def _apply_partial(store: Store, acct: int, updates: list[PartialComment], bulk: bool
                   ) -> set[int]:
    """Apply field updates to cached comments (ids we do not have are skipped)."""
    c = store.cache
    touched: set[int] = set()
    for u in updates:
        row = c.execute("SELECT id, body_text FROM comments WHERE acct = ? AND rid = ?",
                        (acct, u["id"])).fetchone()
        if row is None:
            continue
        sets: dict[str, Any] = {}
        fields: Mapping[str, Any] = u  # walked key by key: each value has its key's type
        for key, value in fields.items():
            if key not in _PARTIAL:
                continue
            if key == "parent_id":
                sets["parent_rid"] = value
            elif key in ("liked_by", "flags"):
                sets[key] = json.dumps(list(value or []))
                if key == "flags":
                    sets["flag_count"] = sum(int(f.get("count", 1)) for f in value or [])
            else:
                sets[key] = value
        if "body_html" in sets:
            text = html_to_text(sets["body_html"])
            sets["body_text"] = text
            if not bulk and text != row[1]:
                c.execute("INSERT INTO comments_fts (comments_fts, rowid, body_text) "
                          "VALUES ('delete', ?, ?)", (row[0], row[1]))
                c.execute("INSERT INTO comments_fts (rowid, body_text) VALUES (?, ?)",
                          (row[0], text))
        if sets:
            c.execute(f"UPDATE comments SET {', '.join(k + ' = ?' for k in sets)} "
                      f"WHERE id = ?", (*sets.values(), row[0]))
            touched.add(row[0])
    return touched

def _mark_answered(store: Store, acct: int, parents: list[str]) -> set[int]:
    """A responder replied below these comments: flag them and their ancestors.

    Returns the ids whose flag changed (only their lane can change because of it).
    """
    flipped: set[int] = set()
    seen: set[str] = set()
    frontier = [p for p in parents if p]
    for _depth in range(32):  # threads are shallow; the bound guards against cycles
        frontier = [p for p in set(frontier) if p not in seen]
        if not frontier:
            break
        seen.update(frontier)
        nxt: list[str] = []
        for chunk in chunks(frontier):
            q = ",".join("?" * len(chunk))
            for cid, parent, staff in store.cache.execute(
                f"SELECT id, parent_rid, staff_replied FROM comments "
                f"WHERE acct = ? AND rid IN ({q})", (acct, *chunk),
            ).fetchall():
                if not staff:
                    flipped.add(cid)
                if parent:
                    nxt.append(parent)
        frontier = nxt
    if flipped:
        ids = sorted(flipped)
        for chunk in chunks(ids):
            q = ",".join("?" * len(chunk))
            store.cache.execute(
                f"UPDATE comments SET staff_replied = 1 WHERE id IN ({q})", chunk
            )
    return flipped

def _recount_answered(store: Store, acct: int, rids: set[str]) -> set[int]:
    """Decide "a responder answered below" again for these comments from their children,
    walking up while the answer changes. Returns the ids whose flag changed."""
    c = store.cache
    people = store.people_of(acct)
    flipped: set[int] = set()
    seen: set[str] = set()
    frontier = set(rids)
    for _depth in range(32):  # threads are shallow; the bound guards against cycles
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        nxt: set[str] = set()
        for rid in sorted(frontier):
            row = c.execute("SELECT id, parent_rid, staff_replied FROM comments "
                            "WHERE acct = ? AND rid = ?", (acct, rid)).fetchone()
            if row is None:
                continue
            answered = any(
                staff or (status == "published" and triage.is_responder(
                    author, *people.get(author, ("employee", frozenset())), post_author,
                    area))
                for author, status, staff, post_author, area in c.execute(
                    "SELECT c.author_rid, c.status, c.staff_replied, p.author_rid, "
                    "c.area_rid FROM comments c LEFT JOIN posts p ON p.acct = c.acct "
                    "AND p.rid = c.post_rid WHERE c.acct = ? AND c.parent_rid = ?",
                    (acct, rid))
            )
            if answered != bool(row[2]):
                c.execute("UPDATE comments SET staff_replied = ? WHERE id = ?",
                          (1 if answered else 0, row[0]))
                flipped.add(row[0])
                if row[1]:
                    nxt.add(row[1])
        frontier = nxt
    return flipped

def _apply_tombstones(store: Store, acct: int, stones: list[tuple[str, str]], bulk: bool,
                      now: float) -> set[str]:
    """Remove tombstoned records; returns the parents of the comments removed."""
    c = store.cache
    parents: set[str] = set()
    c.executemany(
        "INSERT OR IGNORE INTO tombstones (acct, entity, rid, deleted_at) VALUES (?, ?, ?, ?)",
        [(acct, e, r, now) for e, r in stones],
    )
    cache = store.sync_cache(acct)
    cache.note_tombstones(stones)
    for entity, rid in stones:
        table = "comments" if entity == "comment" else "posts"
        row = c.execute(f"SELECT id, body_text, {'title' if table == 'posts' else 'author_rid'}, "
                        f"{'NULL' if table == 'posts' else 'parent_rid'} "
                        f"FROM {table} WHERE acct = ? AND rid = ?", (acct, rid)).fetchone()
        if row is None:
            continue
        if table == "comments":
            if row[3]:
                parents.add(row[3])
        else:
            cache.posts.pop(rid, None)
        if not bulk:
            if table == "comments":
                c.execute("INSERT INTO comments_fts (comments_fts, rowid, body_text) "
                          "VALUES ('delete', ?, ?)", (row[0], row[1]))
            else:
                c.execute("INSERT INTO posts_fts (posts_fts, rowid, title, body_text) "
                          "VALUES ('delete', ?, ?, ?)", (row[0], row[2], row[1]))
        c.execute(f"DELETE FROM {table} WHERE id = ?", (row[0],))
        if table == "comments":  # after the delete: a complete cache asks at once
            cache.forget_author(row[2])
    return parents

