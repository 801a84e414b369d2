"""The demo server's state in one SQLite file: reads, the change feed, and the write path.

One writer connection behind a lock does every write in its own transaction. The idempotency
ledger row is written in the same transaction as the effect, so a crash can never keep one
without the other. Readers use a connection per thread (WAL lets them run beside the writer).

Tables (see ``schema.py``) keep plain names for tests that open the file read-only:
``comments(id, post_id, parent_id, author_id, body_html, status, created_at, updated_at,
version, seq)`` and ``idempotency(user_id, key, method, path, status, body, created_at)``.
Ids there are integers; on the wire they are decimal strings (comment 17 is ``"17"``).
"""

from __future__ import annotations

import dataclasses
import heapq
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from desktop.demo import generator, schema
from desktop.demo.claims import claims_json
from desktop.demo.model import (
    USER_COLUMNS,
    ApiError,
    Tx,
    User,
    areas_json,
    comments_json,
    encode,
    iso_seconds,
    posts_json,
    user_dict,
    users_json,
    wire_id,
)

LEDGER_DAYS = 30  # the protocol promises at least 7
FIXED_TOKEN_USERS = ("admin", "mona", "erik", "anna", "kari")

# (table, wire type) of the entity streams merged into the change feed (plus tombstones).
_STREAMS = (
    ("areas", "area"),
    ("users", "user"),
    ("posts", "post"),
    ("comments", "comment"),
    ("claims", "claim"),  # who is replying (demo/claims.py); keyed by its comment's id
)
_KEY = {"claims": "comment_id"}


@dataclasses.dataclass(frozen=True)
class WriteResult:
    status: int
    body: bytes
    replayed: bool = False


class DemoStore:
    def __init__(self, path: Path, site_url: str = "") -> None:
        self.path = Path(path)
        self.site_url = site_url
        self._writer = schema.connect(str(self.path))
        if schema.state(self._writer) == "demo":
            schema.upgrade(self._writer)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Any] = []

    # -- life cycle ------------------------------------------------------------------------

    def state(self) -> str:
        """"empty", "demo" or "foreign" (see ``schema.state``)."""
        return schema.state(self._writer)

    def populate(self, *, seed: int, comments: int,
                 reference_time: float | str | None = None) -> generator.Stats:
        """Generate the demo data; its times count back from ``reference_time`` (default
        now, see ``generator.generate``)."""
        if self.state() != "empty":
            raise RuntimeError(f"{self.path} already holds data; the generator needs a new file")
        with self._lock:
            return generator.generate(self._writer, seed=seed, comments=comments,
                                      reference_time=reference_time)

    def prune_ledger(self) -> None:
        cutoff = iso_seconds(time.time() - LEDGER_DAYS * 86400)
        with self._lock:
            self._writer.execute("DELETE FROM idempotency WHERE created_at < ?", (cutoff,))

    def ensure_tokens(self) -> dict[str, dict[str, str]]:
        """Give the well-known users (and two more employees) a token once; return all tokens.

        Tokens live in the data file, so a restart with the same ``--data`` keeps them.
        """
        with self._lock:
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                named = conn.execute(
                    "SELECT id FROM users WHERE username IN (SELECT value FROM json_each(?))",
                    (orjson.dumps(FIXED_TOKEN_USERS).decode(),),
                ).fetchall()
                extra = conn.execute(
                    "SELECT id FROM users WHERE role = 'employee' AND username <> 'kari'"
                    " ORDER BY id LIMIT 2"
                ).fetchall()
                for (user_id,) in named + extra:
                    conn.execute(
                        "UPDATE users SET token = ? WHERE id = ? AND token IS NULL",
                        (secrets.token_urlsafe(24), user_id),
                    )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            rows = conn.execute(
                "SELECT username, token, role FROM users WHERE token IS NOT NULL ORDER BY id"
            ).fetchall()
        return {username: {"token": token, "role": role} for username, token, role in rows}

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._writer.close()

    def _reader(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = schema.connect(str(self.path), readonly=True)
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    # -- reads -----------------------------------------------------------------------------

    def authenticate(self, token: str) -> User | None:
        row = self._reader().execute(
            "SELECT id, username, role, areas FROM users WHERE token = ?", (token,)
        ).fetchone()
        if row is None:
            return None
        areas = frozenset(int(a) for a in orjson.loads(row[3]))
        return User(id=row[0], username=row[1], role=row[2], areas=areas)

    def user(self, user_id: int) -> dict[str, Any]:
        return users_json(self._reader(), [user_id])[user_id]

    def comment(self, comment_id: int) -> dict[str, Any] | None:
        return comments_json(self._reader(), [comment_id], self.site_url).get(comment_id)

    def post(self, post_id: int) -> dict[str, Any] | None:
        return posts_json(self._reader(), [post_id], self.site_url).get(post_id)

    def search_users(self, prefix: str, limit: int) -> list[dict[str, Any]]:
        low = prefix.casefold()
        high = low + "\U0010ffff"
        rows = self._reader().execute(
            f"SELECT {USER_COLUMNS} FROM users WHERE username >= ?1 AND username < ?2"
            f" UNION SELECT {USER_COLUMNS} FROM users WHERE name_key >= ?1 AND name_key < ?2"
            " ORDER BY username LIMIT ?3",
            (low, high, limit),
        )
        return [user_dict(r) for r in rows]

    def changes(self, cursor: int, limit: int) -> dict[str, Any]:
        """One page of the change feed after ``cursor`` (see the protocol's GET /changes)."""
        conn = self._reader()
        conn.execute("BEGIN")  # one snapshot for the page and its remaining count
        try:
            streams = [
                conn.execute(
                    f"SELECT seq, ?, {_KEY.get(table, 'id')} FROM {table} WHERE seq > ?"
                    " ORDER BY seq LIMIT ?",
                    (kind, cursor, limit),
                ).fetchall()
                for table, kind in _STREAMS
            ]
            streams.append(conn.execute(
                "SELECT seq, 'tombstone', entity, id, deleted_at FROM tombstones"
                " WHERE seq > ? ORDER BY seq LIMIT ?", (cursor, limit),
            ).fetchall())
            page = list(heapq.merge(*streams))[:limit]
            wanted: dict[str, list[int]] = {"area": [], "user": [], "post": [], "comment": [],
                                            "claim": []}
            for row in page:
                if row[1] != "tombstone":
                    wanted[row[1]].append(row[2])
            site = self.site_url
            data = {
                "area": areas_json(conn, wanted["area"]),
                "user": users_json(conn, wanted["user"]),
                "post": posts_json(conn, wanted["post"], site),
                "comment": comments_json(conn, wanted["comment"], site),
                "claim": claims_json(conn, wanted["claim"]),
            }
            changes = []
            for row in page:
                if row[1] == "tombstone":
                    entity_data = {"entity": row[2], "id": wire_id(row[2], row[3]),
                                   "deleted_at": row[4]}
                else:
                    entity_data = data[row[1]][row[2]]
                changes.append({"seq": row[0], "type": row[1], "data": entity_data})
            next_cursor = page[-1][0] if page else cursor
            remaining = self._remaining(conn, next_cursor)
        finally:
            conn.execute("COMMIT")
        return {"changes": changes, "cursor": str(next_cursor), "has_more": remaining > 0,
                "remaining": remaining}

    @staticmethod
    def _remaining(conn: Any, cursor: int) -> int:
        bucket = cursor >> schema.BUCKET_SHIFT
        (whole,) = conn.execute(
            "SELECT COALESCE(SUM(n), 0) FROM feed_buckets WHERE bucket > ?", (bucket,)
        ).fetchone()
        bucket_end = (bucket + 1) << schema.BUCKET_SHIFT
        partial = sum(
            conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE seq > ? AND seq < ?", (cursor, bucket_end)
            ).fetchone()[0]
            for table in schema.FEED_TABLES
        )
        return int(whole) + partial

    def post_page(self, post_id: int) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                dict[int, str]] | None:
        """A post, its comments (thread order) and author names, for the HTML view."""
        conn = self._reader()
        post = posts_json(conn, [post_id], self.site_url).get(post_id)
        if post is None:
            return None
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM comments WHERE post_id = ? ORDER BY id", (post_id,))]
        comments = comments_json(conn, ids, self.site_url)
        authors = {int(post["author_id"])}
        authors.update(int(c["author_id"]) for c in comments.values())
        names = {r[0]: r[1] for r in conn.execute(
            "SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))",
            (orjson.dumps(sorted(authors)).decode(),))}
        return post, [comments[i] for i in ids], names

    def recent_posts(self, limit: int = 50) -> list[tuple[int, str, str]]:
        return self._reader().execute(
            "SELECT id, title, created_at FROM posts ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()

    # -- writes ----------------------------------------------------------------------------

    def transaction(self, action: Callable[[Tx], Any]) -> Any:
        """Run ``action`` in one write transaction; roll back if it raises."""
        with self._lock:
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = action(Tx(conn, self.site_url))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return result

    def write(self, user_id: int, key: str | None, method: str, path: str,
              action: Callable[[Tx], tuple[int, Any]]) -> WriteResult:
        """Perform a protocol write exactly once per (user, Idempotency-Key).

        The first answer (success or 4xx) is stored with the effect in one transaction; a
        repeat of the key replays it. Reusing a key for another method or path is a 422.
        """
        with self._lock:
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                stored = None
                if key is not None:
                    stored = conn.execute(
                        "SELECT method, path, status, body FROM idempotency"
                        " WHERE user_id = ? AND key = ?", (user_id, key),
                    ).fetchone()
                if stored is None:
                    result = self._apply(conn, user_id, key, method, path, action)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        if stored is None:
            return result
        if (stored[0], stored[1]) != (method, path):
            raise ApiError(422, "invalid",
                           "This Idempotency-Key was already used for a different request")
        return WriteResult(stored[2], stored[3].encode("utf-8"), replayed=True)

    def _apply(self, conn: Any, user_id: int, key: str | None, method: str, path: str,
               action: Callable[[Tx], tuple[int, Any]]) -> WriteResult:
        conn.execute("SAVEPOINT effect")
        try:
            status, payload = action(Tx(conn, self.site_url))
            conn.execute("RELEASE effect")
        except ApiError as exc:
            # A refused write has no effect, but its answer is still the one to replay.
            conn.execute("ROLLBACK TO effect")
            conn.execute("RELEASE effect")
            status, payload = exc.status, exc.body()
        body = encode(payload)
        if key is not None:
            conn.execute(
                "INSERT INTO idempotency(user_id, key, method, path, status, body, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, key, method, path, status, body.decode("utf-8"),
                 iso_seconds(time.time())),
            )
        return WriteResult(status, body)

    def hard_delete(self, entity: str, entity_id: int) -> list[tuple[str, int]]:
        """Remove a comment (with its replies) or a post (with its comments) for good.

        Each removed entity leaves a tombstone in the change feed. Not reachable over the
        protocol; tests and tools call it directly. Returns the (entity, id) pairs removed.
        """
        return self.transaction(lambda tx: _hard_delete(tx, entity, entity_id))


def _hard_delete(tx: Tx, entity: str, entity_id: int) -> list[tuple[str, int]]:
    conn = tx.conn
    if entity == "post":
        roots = [r[0] for r in conn.execute(
            "SELECT id FROM comments WHERE post_id = ? AND parent_id IS NULL", (entity_id,))]
    elif entity == "comment":
        roots = [entity_id]
    else:
        raise ValueError(f"cannot hard-delete a {entity}")
    removed: list[tuple[str, int]] = []
    for root in roots:
        subtree = [r[0] for r in conn.execute(
            "WITH RECURSIVE t(id) AS (SELECT id FROM comments WHERE id = ?"
            " UNION ALL SELECT c.id FROM comments c JOIN t ON c.parent_id = t.id)"
            " SELECT id FROM t", (root,))]
        removed += [("comment", cid) for cid in subtree]
    if entity == "post" and conn.execute(
            "SELECT 1 FROM posts WHERE id = ?", (entity_id,)).fetchone():
        removed.append(("post", entity_id))
    deleted_at = tx.stamp()
    for kind, row_id in removed:
        if kind == "comment":
            conn.execute("DELETE FROM likes WHERE comment_id = ?", (row_id,))
            conn.execute("DELETE FROM flags WHERE comment_id = ?", (row_id,))
            conn.execute("DELETE FROM claims WHERE comment_id = ?", (row_id,))
            conn.execute("DELETE FROM comments WHERE id = ?", (row_id,))
        else:
            conn.execute("DELETE FROM posts WHERE id = ?", (row_id,))
        conn.execute(
            "INSERT INTO tombstones(entity, id, deleted_at, seq) VALUES (?, ?, ?, ?)",
            (kind, row_id, deleted_at, tx.next_seq()),
        )
    return removed
