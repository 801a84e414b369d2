"""Shared pieces of the demo server: wire ids, the API error, entity JSON, the write context.

Entities are read from SQLite and turned into the exact wire shapes of
``docs/reference-protocol.md``. Comment lists are built in batches (likes and flags fetched
with one query each per batch) because the change feed serialises up to 1000 at a time.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

import orjson

from desktop.models.timefmt import parse_iso

PREFIX = {"area": "", "user": "", "post": "", "comment": ""}  # ids are plain numbers on the wire
JSON_TYPE = "application/json; charset=utf-8"

AREA_COLUMNS = "id, name, kind, version"
USER_COLUMNS = "id, username, display_name, role, areas, version, leader"
POST_COLUMNS = ("id, area_id, author_id, title, body_html, created_at, updated_at, locked, "
                "status, version, views")
COMMENT_COLUMNS = ("id, post_id, parent_id, author_id, body_html, status, created_at, "
                   "updated_at, version")


class ApiError(Exception):
    """An error answer: ``{"error": {"code", "message"}}`` (+ ``current`` for 412)."""

    def __init__(self, status: int, code: str, message: str, *,
                 current: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.current = current
        self.headers = headers or {}
        self.extra = extra or {}  # more top-level keys of the body (a 409's "claim")

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": {"code": self.code, "message": self.message}}
        if self.current is not None:
            body["current"] = self.current
        body.update(self.extra)
        return body


def not_found(entity: str, wire_id: str) -> ApiError:
    return ApiError(404, "not_found", f"{entity.capitalize()} {wire_id} does not exist")


def encode(payload: Any) -> bytes:
    # The same bytes json.dumps(ensure_ascii=False, separators=(",", ":")) wrote: compact,
    # UTF-8 as is. Non-string keys (ids) are written as strings, as json.dumps did.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def wire_id(entity: str, number: int | None) -> str | None:
    return None if number is None else f"{PREFIX[entity]}{number}"


def parse_id(entity: str, text: object) -> int | None:
    """``"17"`` → 17 for entity "comment"; None if the text is not such an id."""
    prefix = PREFIX[entity]
    if not isinstance(text, str) or not text.startswith(prefix):
        return None
    digits = text[len(prefix):]
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        return None
    return int(digits)


@dataclasses.dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    areas: frozenset[int]


# -- time -----------------------------------------------------------------------------------

def iso_seconds(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def iso_millis(t: float) -> str:
    whole, millis = divmod(round(t * 1000), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{millis:03d}Z"


# -- entity JSON ----------------------------------------------------------------------------

def _ids_json(ids: Iterable[int]) -> str:
    return orjson.dumps(list(ids)).decode()


def areas_json(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {AREA_COLUMNS} FROM areas WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(ids),),
    )
    return {r[0]: {"id": str(r[0]), "name": r[1], "kind": r[2], "version": str(r[3])}
            for r in rows}


def user_dict(row: tuple) -> dict[str, Any]:
    return {"id": str(row[0]), "username": row[1], "display_name": row[2], "role": row[3],
            "areas": orjson.loads(row[4]), "version": str(row[5]), "leader": bool(row[6])}


def users_json(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {USER_COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(ids),),
    )
    return {r[0]: user_dict(r) for r in rows}


def posts_json(conn: sqlite3.Connection, ids: Iterable[int],
               site: str) -> dict[int, dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {POST_COLUMNS} FROM posts WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(ids),),
    )
    return {
        r[0]: {"id": str(r[0]), "area_id": str(r[1]), "author_id": str(r[2]), "title": r[3],
               "body_html": r[4], "created_at": r[5], "updated_at": r[6], "locked": bool(r[7]),
               "status": r[8], "url": f"{site}/posts/{r[0]}", "version": str(r[9]),
               "views": r[10]}
        for r in rows
    }


def comments_json(conn: sqlite3.Connection, ids: Iterable[int],
                  site: str) -> dict[int, dict[str, Any]]:
    ids_param = _ids_json(ids)
    liked: dict[int, list[str]] = {}
    for comment_id, user_id in conn.execute(
        "SELECT comment_id, user_id FROM likes"
        " WHERE comment_id IN (SELECT value FROM json_each(?))", (ids_param,)
    ):
        liked.setdefault(comment_id, []).append(str(user_id))
    flags: dict[int, list[dict[str, Any]]] = {}
    for comment_id, reason, count in conn.execute(
        "SELECT comment_id, reason, COUNT(*) FROM flags WHERE cleared_at IS NULL"
        " AND comment_id IN (SELECT value FROM json_each(?))"
        " GROUP BY comment_id, reason ORDER BY comment_id, reason", (ids_param,)
    ):
        flags.setdefault(comment_id, []).append({"reason": reason, "count": count})
    result = {}
    for r in conn.execute(
        f"SELECT {COMMENT_COLUMNS} FROM comments WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param,),
    ):
        likers = liked.get(r[0], [])
        result[r[0]] = {
            "id": str(r[0]), "post_id": str(r[1]),
            "parent_id": None if r[2] is None else str(r[2]), "author_id": str(r[3]),
            "body_html": r[4], "status": r[5], "created_at": r[6], "updated_at": r[7],
            "like_count": len(likers), "liked_by": likers, "flags": flags.get(r[0], []),
            "url": f"{site}/posts/{r[1]}#comment-{r[0]}", "version": str(r[8]),
        }
    return result


# -- write context --------------------------------------------------------------------------

class Tx:
    """What a write operation gets: the writer connection inside an open transaction."""

    def __init__(self, conn: sqlite3.Connection, site: str) -> None:
        self.conn = conn
        self.site = site
        self.now = time.time()

    def next_seq(self) -> int:
        row = self.conn.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value"
        ).fetchone()
        return int(row[0])

    def next_id(self, table: str, entity: str) -> int:
        # Ids are never reused, not even those of hard-deleted rows (clients keep tombstones).
        row = self.conn.execute(
            f"SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM {table}"
            " UNION ALL SELECT MAX(id) FROM tombstones WHERE entity = ?)", (entity,)
        ).fetchone()
        return int(row[0] or 0) + 1

    def stamp(self, previous: str | None = None) -> str:
        """Now, in milliseconds, and always after ``previous``.

        Clients upsert conditionally on ``updated_at``; two changes in the same second must
        still compare as newer, so the value never repeats for one entity.
        """
        t = self.now
        if previous is not None:
            t = max(t, parse_iso(previous) + 0.001)
        return iso_millis(t)

    def next_seqs(self, count: int) -> range:
        """A block of ``count`` consecutive seq values."""
        row = self.conn.execute(
            "UPDATE counters SET value = value + ? WHERE name = 'seq' RETURNING value", (count,)
        ).fetchone()
        return range(int(row[0]) - count + 1, int(row[0]) + 1)

    def touch(self, table: str, row_id: int) -> None:
        """Record a change of an entity: new seq, new version, later updated_at."""
        if table in ("posts", "comments"):
            (previous,) = self.conn.execute(
                f"SELECT updated_at FROM {table} WHERE id = ?", (row_id,)
            ).fetchone()
            self.conn.execute(
                f"UPDATE {table} SET seq = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (self.next_seq(), self.stamp(previous), row_id),
            )
        else:
            self.conn.execute(
                f"UPDATE {table} SET seq = ?, version = version + 1 WHERE id = ?",
                (self.next_seq(), row_id),
            )
        if table == "posts":
            self._move_comments_after_post(row_id)

    def _move_comments_after_post(self, post_id: int) -> None:
        """Keep the feed's promise that a post comes before the comments that refer to it.

        A changed post moves to the end of the feed; a client syncing from scratch would
        otherwise meet its comments first. So its comments move behind it, in their old order
        and with unchanged versions (only their feed position changes).
        """
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM comments WHERE post_id = ? ORDER BY seq", (post_id,))]
        if ids:
            seqs = self.next_seqs(len(ids))
            self.conn.executemany(
                "UPDATE comments SET seq = ? WHERE id = ?", zip(seqs, ids, strict=True)
            )

    def comment(self, comment_id: int) -> dict[str, Any]:
        return comments_json(self.conn, [comment_id], self.site)[comment_id]

    def post(self, post_id: int) -> dict[str, Any]:
        return posts_json(self.conn, [post_id], self.site)[post_id]
