"""The profile's two databases and every write to them.

``Store`` owns one connection to ``cache.db`` (synced records, disposable) and one to
``state.db`` (accounts, outbox, marks, drafts: precious, ``synchronous=FULL``). All writes go
through one Store living on one writer thread (see ``writer.py``); readers open their own
read-only Store. A synced page and the cursor after it commit in one transaction, so a crash
resumes where it stopped.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop import crashpoints
from desktop.models import db as dbmod
from desktop.models import schema, triage
from desktop.models.ingest import SyncCache, chunks, decide_new, html_to_text, json_list
from desktop.models.schema import CACHE_MIGRATIONS, DONE, FOLLOWUP, SNOOZED, STATE_MIGRATIONS

log = logging.getLogger(__name__)

# Kept importable from here: the CLI and older callers use store.html_to_text.
__all__ = ["Store", "html_to_text"]
_chunks = chunks
BULK_CHECKPOINT_PAGES = 10_000


class Store:
    """Both databases of one profile directory."""

    def __init__(self, profile: Path, *, readonly: bool = False) -> None:
        self.profile = Path(profile)
        self.readonly = readonly
        self.cache_path = self.profile / "cache.db"
        self.state_path = self.profile / "state.db"
        self.cache_rebuilt: Path | None = None  # where a corrupt cache was moved, if it was
        if not readonly:
            self.profile.mkdir(parents=True, exist_ok=True)
            try:
                self.profile.chmod(0o700)
            except OSError:
                pass
        # state first: it is precious, and a broken cache must never take it along.
        self.state = dbmod.connect(self.state_path, synchronous="FULL", readonly=readonly)
        if not readonly:
            dbmod.migrate(self.state, STATE_MIGRATIONS, path=self.state_path, label="state.db")
        self.cache = self._open_cache()
        self._people: dict[int, dict[str, tuple[str, frozenset[str]]]] = {}
        self._acct_ids: dict[str, int] = {}
        self._caches: dict[int, SyncCache] = {}  # per account, for the length of a sync

    def _sync_cache(self, acct: int) -> SyncCache:
        cache = self._caches.get(acct)
        if cache is None or cache.conn is not self.cache:
            row = self.cache.execute("SELECT bulk FROM sources WHERE id = ?", (acct,)).fetchone()
            # during a first load the cache is complete: the author index may be deferred
            complete = bool(row and row[0])
            cache = self._caches[acct] = SyncCache(self.cache, acct, complete=complete)
        return cache

    def _forget_caches(self) -> None:
        self._caches.clear()
        self._people.clear()

    def _open_cache(self) -> sqlite3.Connection:
        try:
            conn = dbmod.connect(self.cache_path, readonly=self.readonly)
            if not self.readonly:
                dbmod.migrate(conn, CACHE_MIGRATIONS, path=self.cache_path, label="cache.db")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not self.readonly:
                self._repair_indexes(conn)
            return conn
        except dbmod.NewerDatabaseError:
            raise
        except (dbmod.CorruptDatabaseError, sqlite3.DatabaseError) as exc:
            if self.readonly:
                raise dbmod.CorruptDatabaseError(f"cache.db is damaged: {exc}") from exc
            log.warning("cache.db is damaged (%s); moving it aside and starting afresh", exc)
            try:
                conn.close()  # type: ignore[possibly-undefined]
            except Exception:  # the connection may not exist
                log.debug("closing the damaged cache failed", exc_info=True)
            self.cache_rebuilt = dbmod.move_aside(self.cache_path)
            conn = dbmod.connect(self.cache_path)
            dbmod.migrate(conn, CACHE_MIGRATIONS, path=None, label="cache.db")
            return conn

    @staticmethod
    def _repair_indexes(conn: sqlite3.Connection) -> None:
        """A first load defers some indexes; if it never finished (its account was removed
        while it ran), build them now."""
        loading = conn.execute("SELECT 1 FROM sources WHERE bulk = 1 LIMIT 1").fetchone()
        if loading is None and not all(
                schema.index_ready(conn, name) for name in schema.DEFERRED_INDEXES):
            with dbmod.transaction(conn):
                schema.restore_indexes(conn)

    def close(self) -> None:
        for conn in (self.cache, self.state):
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def check_cache(self) -> bool:
        """``PRAGMA quick_check`` of the cache (seconds on a big cache: call it off the GUI)."""
        return dbmod.quick_check(self.cache)

    def rebuild_cache(self) -> Path:
        """Move the cache aside and start an empty one; the next sync fills it again."""
        self.cache.close()
        moved = dbmod.move_aside(self.cache_path)
        self.cache = dbmod.connect(self.cache_path)
        dbmod.migrate(self.cache, CACHE_MIGRATIONS, path=None, label="cache.db")
        self._forget_caches()
        self._acct_ids.clear()
        self.cache_rebuilt = moved
        return moved

    # --- sources (one per account in the cache) -------------------------------------------

    def acct_id(self, account: str, *, create: bool = False) -> int | None:
        cached = self._acct_ids.get(account)
        if cached is not None:
            return cached
        # a miss may follow a removed account whose id SQLite hands out again: start clean
        self._forget_caches()
        row = self.cache.execute("SELECT id FROM sources WHERE account = ?", (account,)).fetchone()
        if row is None:
            if not create:
                return None
            with dbmod.transaction(self.cache):
                cur = self.cache.execute("INSERT INTO sources (account) VALUES (?)", (account,))
            acct = int(cur.lastrowid or 0)
        else:
            acct = int(row[0])
        self._acct_ids[account] = acct
        return acct

    def set_identity(self, account: str, user_id: str, username: str, role: str,
                     areas: Iterable[str], scope: str = "all") -> None:
        acct = self.acct_id(account, create=True)
        self._forget_caches()
        with dbmod.transaction(self.cache):
            self.cache.execute(
                "UPDATE sources SET user_id = ?, username = ?, role = ?, areas = ?, scope = ? "
                "WHERE id = ?", (user_id, username, role, json.dumps(sorted(areas)), scope, acct),
            )

    def me(self, acct: int) -> triage.Me:
        row = self.cache.execute(
            "SELECT user_id, username, role, areas, scope FROM sources WHERE id = ?", (acct,)
        ).fetchone()
        if row is None or row[0] is None:
            return triage.Me("", "")
        return triage.Me(row[0], row[1] or "", row[2] or "employee",
                         frozenset(json.loads(row[3] or "[]")), row[4] or "all")

    def cursor(self, account: str) -> str | None:
        row = self.cache.execute(
            "SELECT cursor FROM sources WHERE account = ?", (account,)
        ).fetchone()
        return row[0] if row else None

    def begin_sync(self, account: str) -> bool:
        """Mark a first (bulk) load when the account has no comments yet; returns that flag.

        A bulk load skips per-row search indexing and rebuilds the index once at the end
        (2.8x faster; Known traps). The flag survives an interruption.
        """
        acct = self.acct_id(account, create=True)
        self._forget_caches()
        row = self.cache.execute("SELECT bulk, cursor FROM sources WHERE id = ?", (acct,)).fetchone()
        bulk = bool(row[0])  # a first load that was interrupted goes on as one
        if not bulk and row[1] is None and self.cache.execute(
                "SELECT 1 FROM comments WHERE acct = ? LIMIT 1", (acct,)).fetchone() is None:
            bulk = True
            with dbmod.transaction(self.cache):
                self.cache.execute("UPDATE sources SET bulk = 1 WHERE id = ?", (acct,))
                if self.cache.execute("SELECT 1 FROM comments LIMIT 1").fetchone() is None:
                    # the whole cache is empty: nobody reads these indexes until it is filled
                    schema.defer_indexes(self.cache)
        if bulk:
            # A first load writes ~4 MB of pages per page of 1,000 records: checkpoint every
            # 40 MB instead of every 4 MB (commits 4.5 → 2.9 s over 1M comments, measured).
            self.cache.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        return bulk

    def finish_sync(self, account: str, *, now: float | None = None) -> None:
        acct = self.acct_id(account, create=True)
        now = time.time() if now is None else now
        bulk = self.cache.execute("SELECT bulk FROM sources WHERE id = ?", (acct,)).fetchone()[0]
        with dbmod.transaction(self.cache):
            if bulk:
                self.cache.execute("INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')")
                self.cache.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")
                schema.restore_indexes(self.cache)
            self.cache.execute(
                "UPDATE sources SET bulk = 0, synced_at = ? WHERE id = ?", (now, acct)
            )
        if bulk:
            self.cache.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
        self._forget_caches()
        self.wake_snoozed(now)

    # --- people (responders) --------------------------------------------------------------

    def _people_of(self, acct: int) -> dict[str, tuple[str, frozenset[str]]]:
        """Users whose role matters to the rules (everyone but plain employees)."""
        people = self._people.get(acct)
        if people is None:
            people = {
                rid: (role, frozenset(json.loads(areas)))
                for rid, role, areas in self.cache.execute(
                    "SELECT rid, role, areas FROM users WHERE acct = ? AND role != 'employee'",
                    (acct,),
                )
            }
            self._people[acct] = people
        return people

    # --- ingest ---------------------------------------------------------------------------

    def apply_page(self, account: str, page: Any, *, now: float | None = None) -> int:
        """Parse a connector page and store it with its cursor in one transaction.

        Returns the number of records in the page. If parsing fails nothing is written and
        the error propagates (the sync stops; the cursor stays where it was).
        """
        batch = page.parse()
        acct = self.acct_id(account, create=True)
        assert acct is not None
        with dbmod.transaction(self.cache):
            self._apply_batch(acct, batch, now=now)
            crashpoints.hit("mid_page")
            self.cache.execute(
                "UPDATE sources SET cursor = ?, total = ? WHERE id = ?",
                (page.cursor, page.total, acct),
            )
        return len(batch)

    def apply_batch(self, account: str, batch: Any, *, now: float | None = None) -> None:
        """Store records that came outside the change feed (e.g. an action's result)."""
        acct = self.acct_id(account, create=True)
        assert acct is not None
        with dbmod.transaction(self.cache):
            self._apply_batch(acct, batch, now=now)

    def _apply_batch(self, acct: int, batch: Any, *, now: float | None) -> None:
        now = time.time() if now is None else now
        bulk = bool(
            self.cache.execute("SELECT bulk FROM sources WHERE id = ?", (acct,)).fetchone()[0]
        )
        c = self.cache
        cache = self._sync_cache(acct)
        if batch.areas:
            c.executemany(
                "INSERT INTO areas (acct, rid, name, kind) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (acct, rid) DO UPDATE SET name = excluded.name, kind = excluded.kind",
                [(acct, a["id"], a.get("name", ""), a.get("kind")) for a in batch.areas],
            )
        if batch.users:
            c.executemany(
                "INSERT INTO users (acct, rid, username, display_name, role, areas) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (acct, rid) DO UPDATE SET "
                "username = excluded.username, display_name = excluded.display_name, "
                "role = excluded.role, areas = excluded.areas",
                [
                    (acct, u["id"], u.get("username", ""),
                     u.get("display_name") or u.get("username", ""),
                     u.get("role") or "employee", json.dumps(list(u.get("areas") or [])))
                    for u in batch.users
                ],
            )
            self._people.pop(acct, None)
        tombstoned = self._tombstoned(acct, batch)
        if batch.posts:
            posts = [p for p in batch.posts if ("post", p["id"]) not in tombstoned]
            self._upsert_posts(acct, posts, bulk)
            cache.note_posts(posts)
        touched: set[int] = set()
        if batch.comments:
            touched = self._upsert_comments(
                acct, [x for x in batch.comments if ("comment", x["id"]) not in tombstoned],
                bulk, cache, now,
            )
        if batch.partial_comments:
            touched |= self._apply_partial(acct, batch.partial_comments, bulk)
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
            parents |= self._apply_tombstones(acct, stones, bulk, now)
            touched = {t for t in touched if c.execute(
                "SELECT 1 FROM comments WHERE id = ?", (t,)).fetchone()}
        if parents:
            touched |= self._recount_answered(acct, parents)
        if touched:
            self.retriage(acct, touched, now=now)

    def _tombstoned(self, acct: int, batch: Any) -> set[tuple[str, str]]:
        keys = [("comment", x["id"]) for x in batch.comments] + [
            ("post", p["id"]) for p in batch.posts
        ]
        if not keys:
            return set()
        found: set[tuple[str, str]] = set(batch.tombstones)
        held = self._sync_cache(acct).tombstoned(keys)
        if held is not None:
            return found | held
        for entity in ("comment", "post"):
            rids = [r for e, r in keys if e == entity]
            for chunk in _chunks(rids):
                q = ",".join("?" * len(chunk))
                found.update(
                    (entity, r) for (r,) in self.cache.execute(
                        f"SELECT rid FROM tombstones WHERE acct = ? AND entity = ? AND rid IN ({q})",
                        (acct, entity, *chunk),
                    )
                )
        return found

    def _upsert_posts(self, acct: int, posts: list[dict[str, Any]], bulk: bool) -> None:
        c = self.cache
        existing: dict[str, tuple[int, str | None, str, str]] = {}
        for chunk in _chunks([p["id"] for p in posts]):
            q = ",".join("?" * len(chunk))
            for pid, rid, version, title, text in c.execute(
                f"SELECT id, rid, version, title, body_text FROM posts "
                f"WHERE acct = ? AND rid IN ({q})", (acct, *chunk)
            ):
                existing[rid] = (pid, version, title, text)
        for p in posts:
            text = html_to_text(p.get("body_html", ""))
            row = (
                p.get("area_id"), p.get("author_id"), p.get("title", ""), p.get("body_html", ""),
                text, p["created_at"], p.get("updated_at", p["created_at"]),
                1 if p.get("locked") else 0, p.get("status", "published"), p.get("url"),
                p.get("version"),
            )
            old = existing.get(p["id"])
            if old is None:
                cur = c.execute(
                    "INSERT INTO posts (acct, rid, area_rid, author_rid, title, body_html, "
                    "body_text, created_at, updated_at, locked, status, url, version) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (acct, p["id"], *row),
                )
                if not bulk:
                    c.execute("INSERT INTO posts_fts (rowid, title, body_text) VALUES (?, ?, ?)",
                              (cur.lastrowid, p.get("title", ""), text))
            elif old[1] != p.get("version") or p.get("version") is None:
                c.execute(
                    "UPDATE posts SET area_rid = ?, author_rid = ?, title = ?, body_html = ?, "
                    "body_text = ?, created_at = ?, updated_at = ?, locked = ?, status = ?, "
                    "url = ?, version = ? WHERE id = ?", (*row, old[0]),
                )
                if not bulk and (old[2] != p.get("title", "") or old[3] != text):
                    c.execute(
                        "INSERT INTO posts_fts (posts_fts, rowid, title, body_text) "
                        "VALUES ('delete', ?, ?, ?)", (old[0], old[2], old[3]),
                    )
                    c.execute("INSERT INTO posts_fts (rowid, title, body_text) VALUES (?, ?, ?)",
                              (old[0], p.get("title", ""), text))

    def _upsert_comments(self, acct: int, comments: list[dict[str, Any]], bulk: bool,
                         cache: SyncCache, now: float) -> set[int]:
        """Insert new comments already decided, update changed ones; returns the cached ids
        whose lane must be decided again from the database (changed, or newly answered)."""
        c = self.cache
        if len({x["id"] for x in comments}) != len(comments):
            comments = list({x["id"]: x for x in comments}.values())  # the last copy wins
        existing: dict[str, tuple[int, str | None, str, float, str]] = {}
        for chunk in chunks([x["id"] for x in comments]):
            q = ",".join("?" * len(chunk))
            for cid, rid, version, text, created, author in c.execute(
                f"SELECT id, rid, version, body_text, created_at, author_rid FROM comments "
                f"WHERE acct = ? AND rid IN ({q})", (acct, *chunk),
            ):
                existing[rid] = (cid, version, text, created, author)
        if existing:
            comments = [x for x in comments if _changed(existing.get(x["id"]), x)]
            if not comments:
                return set()  # a re-sync of unchanged records costs one lookup per page
        post_info = cache.post_info(x["post_id"] for x in comments)
        people = self._people_of(acct)
        touched: set[int] = set()
        new: list[dict[str, Any]] = []
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
            if x.get("parent_id") and x.get("status", "published") == "published":
                role, areas = people.get(author, ("employee", frozenset()))
                if is_responder(author, role, areas, post_author, area):
                    responder_parents.append(x["parent_id"])
        if new:
            self._insert_new(acct, new, new_texts, bulk, cache, people, post_info,
                             responder_parents, now)
        if responder_parents:
            touched |= self._mark_answered(acct, responder_parents)
        return touched

    def _insert_new(self, acct: int, new: list[dict[str, Any]], texts: list[str], bulk: bool,
                    cache: SyncCache, people: dict[str, tuple[str, frozenset[str]]],
                    post_info: dict[str, tuple[str | None, str | None]],
                    responder_parents: list[str], now: float) -> None:
        """Decide and insert comments the cache does not have, with their lane, in one go."""
        c = self.cache
        # The feed may deliver a reply before its parent (a parent that changed later moves
        # behind it): a new comment whose cached children hold a responder's answer, or are
        # answered themselves, is answered too.
        answered_below = self._answered_by_children(acct, [x["id"] for x in new], people,
                                                    post_info)
        responder_parents.extend(answered_below)
        decided = decide_new(cache, new, texts, people, self.me(acct), now,
                             set(responder_parents))
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
                x.get("url"), staff, lane, reason, args, t_prio, t_sort, lane, t_prio, t_sort,
            ))
        c.executemany(
            "INSERT INTO comments (id, acct, rid, post_rid, parent_rid, author_rid, area_rid, "
            "body_html, body_text, status, created_at, updated_at, version, like_count, "
            "liked_by, flag_count, flags, url, staff_replied, triage, reason, reason_args, "
            "t_prio, t_sort, lane, prio, sort_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)", rows,
        )
        if not bulk:
            c.executemany("INSERT INTO comments_fts (rowid, body_text) VALUES (?, ?)",
                          [(first_id + i, text) for i, text in enumerate(texts)])

    def _answered_by_children(
        self, acct: int, rids: list[str], people: dict[str, tuple[str, frozenset[str]]],
        post_info: dict[str, tuple[str | None, str | None]],
    ) -> list[str]:
        answered: list[str] = []
        for chunk in _chunks(rids):
            q = ",".join("?" * len(chunk))
            for parent, author, staff_replied, status, post in self.cache.execute(
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

    def _apply_partial(self, acct: int, updates: list[dict[str, Any]], bulk: bool) -> set[int]:
        """Apply field updates to cached comments (ids we do not have are skipped)."""
        c = self.cache
        touched: set[int] = set()
        for u in updates:
            row = c.execute("SELECT id, body_text FROM comments WHERE acct = ? AND rid = ?",
                            (acct, u["id"])).fetchone()
            if row is None:
                continue
            sets: dict[str, Any] = {}
            for key, value in u.items():
                if key not in self._PARTIAL:
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

    def _mark_answered(self, acct: int, parents: list[str]) -> set[int]:
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
                for cid, parent, staff in self.cache.execute(
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
                self.cache.execute(
                    f"UPDATE comments SET staff_replied = 1 WHERE id IN ({q})", chunk
                )
        return flipped

    def _recount_answered(self, acct: int, rids: set[str]) -> set[int]:
        """Decide "a responder answered below" again for these comments from their children,
        walking up while the answer changes. Returns the ids whose flag changed."""
        c = self.cache
        people = self._people_of(acct)
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

    def _apply_tombstones(self, acct: int, stones: list[tuple[str, str]], bulk: bool,
                          now: float) -> set[str]:
        """Remove tombstoned records; returns the parents of the comments removed."""
        c = self.cache
        parents: set[str] = set()
        c.executemany(
            "INSERT OR IGNORE INTO tombstones (acct, entity, rid, deleted_at) VALUES (?, ?, ?, ?)",
            [(acct, e, r, now) for e, r in stones],
        )
        cache = self._sync_cache(acct)
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

    # --- triage ---------------------------------------------------------------------------

    def retriage(self, acct: int, ids: Iterable[int], *, now: float | None = None,
                 rules: triage.Rules = triage.DEFAULT_RULES) -> None:
        """Decide the lane of these comments again from their stored facts and overlays."""
        now = time.time() if now is None else now
        me = self.me(acct)
        people = self._people_of(acct)
        ids = sorted(ids)
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(ids):
            q = ",".join("?" * len(chunk))
            rows.extend(self.cache.execute(
                f"SELECT c.id, c.author_rid, c.status, c.body_text, c.created_at, c.liked_by, "
                f"c.flags, c.staff_replied, c.o_status, c.o_replied, c.o_liked, c.mark, "
                f"c.mark_at, c.mark_until, c.area_rid, p.author_rid, c.o_moderated "
                f"FROM comments c LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid "
                f"WHERE c.id IN ({q})", chunk,
            ))
        first_at = self._sync_cache(acct).first_comment_at(r[1] for r in rows)
        updates: list[tuple[Any, ...]] = []
        for (cid, author, status, text, created, liked_by, flags, staff_replied, o_status,
             o_replied, o_liked, mark, mark_at, mark_until, area, post_author,
             moderated) in rows:
            role, areas = people.get(author, ("employee", frozenset()))
            post_role = people.get(post_author or "", ("employee", frozenset()))[0] \
                if post_author else None
            liked = o_liked if o_liked is not None else any(
                triage.is_responder(u, *people.get(u, ("employee", frozenset())),
                                    post_author, area)
                for u in json.loads(liked_by or "[]")
            )
            facts = triage.Facts(
                status=o_status or status,
                text=text,
                created_at=created,
                author_id=author,
                author_responder=triage.is_responder(author, role, areas, post_author, area),
                post_author_id=post_author,
                post_author_role=post_role,
                staff_replied=bool(staff_replied or o_replied),
                staff_liked=bool(liked),
                flags=tuple((f.get("reason", ""), int(f.get("count", 1)))
                            for f in json.loads(flags or "[]")),
                first_time=first_at.get(author) == created,
                area_id=area,
                moderated=bool(moderated),
            )
            v = triage.classify(facts, me, now, rules)
            lane, prio, sort = _overlay(v.lane, v.prio, v.sort, mark, mark_at, mark_until)
            updates.append((v.lane, v.reason, v.args_json, v.prio, v.sort, lane, prio, sort, cid))
        self.cache.executemany(
            "UPDATE comments SET triage = ?, reason = ?, reason_args = ?, t_prio = ?, t_sort = ?, "
            "lane = ?, prio = ?, sort_ts = ? WHERE id = ?", updates,
        )

    def wake_snoozed(self, now: float | None = None) -> int:
        """Snoozed items whose time has come go back to their lane."""
        now = time.time() if now is None else now
        due = self.cache.execute(
            "SELECT c.id, s.account, c.acct, c.rid FROM comments c JOIN sources s ON s.id = c.acct "
            "WHERE c.mark = 'snoozed' AND c.mark_until <= ?", (now,)
        ).fetchall()
        if not due:
            return 0
        from desktop.models.keys import make

        with dbmod.transaction(self.state):
            self.state.executemany(
                "DELETE FROM marks WHERE item = ? AND mark = 'snoozed'",
                [(make(account, "comment", rid),) for _, account, _, rid in due],
            )
        with dbmod.transaction(self.cache):
            self.cache.executemany(
                "UPDATE comments SET mark = NULL, mark_at = NULL, mark_until = NULL WHERE id = ?",
                [(cid,) for cid, *_ in due],
            )
            by_acct: dict[int, list[int]] = {}
            for cid, _, acct, _ in due:
                by_acct.setdefault(acct, []).append(cid)
            for acct, ids in by_acct.items():
                self.retriage(acct, ids, now=now)
        return len(due)


def _changed(old: tuple[Any, ...] | None, x: dict[str, Any]) -> bool:
    """Whether a synced comment differs from the cached row (same version = same record)."""
    return old is None or old[1] != x.get("version") or x.get("version") is None


def _overlay(lane: str | None, prio: int, sort: float, mark: str | None, mark_at: float | None,
             mark_until: float | None) -> tuple[str | None, int, float]:
    """The effective lane: a local mark (done, snoozed, follow-up) wins over the rules."""
    if mark == DONE:
        return DONE, 0, -(mark_at or 0.0)
    if mark == SNOOZED:
        return SNOOZED, 0, mark_until or 0.0
    if mark == FOLLOWUP:
        return FOLLOWUP, 0, mark_at or 0.0
    return lane, prio, sort
