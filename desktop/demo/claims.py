"""Who is on it: claims with a time-to-live on comments (docs/reference-protocol.md, "Claims").

A claim says "this user is writing a reply to this comment". One row per comment that was ever
claimed: ``user_id`` NULL means free (released, or never renewed). Every change of a row takes
a new ``seq``, so a claim and its release reach other desks through the change feed like any
entity. Expiry costs no write: a row whose ``expires_at`` has passed reads as free, and a
claim by anyone replaces it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from desktop.demo.model import ApiError, Tx, User, iso_seconds, not_found, parse_id

DEFAULT_TTL = 600.0  # seconds a claim lasts unless renewed (--claim-ttl)


def claims_json(conn: Any, ids: Iterable[int], now: float | None = None
                ) -> dict[int, dict[str, Any]]:
    """comment id → the claim's wire shape: who holds it (null: free) and until when.

    ``expires_in`` (seconds left when the answer was made) lets a client time the expiry
    on its own clock: a client whose clock is off by hours still drops the claim on time.
    """
    now = time.time() if now is None else now
    out: dict[int, dict[str, Any]] = {}
    for comment_id, user_id, expires_at, name in conn.execute(
        "SELECT k.comment_id, k.user_id, k.expires_at, u.display_name FROM claims k"
        " LEFT JOIN users u ON u.id = k.user_id"
        " WHERE k.comment_id IN (SELECT value FROM json_each(?))",
        (_ids(ids),),
    ):
        held = user_id is not None and expires_at > now
        out[comment_id] = {
            "comment_id": str(comment_id),
            "user": {"id": str(user_id), "display_name": name or str(user_id)} if held else None,
            "expires_at": iso_seconds(expires_at) if held else None,
            "expires_in": max(0, int(expires_at - now)) if held else 0,
        }
    return out


def _ids(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _comment_id(tx: Tx, wire: str) -> int:
    comment_id = parse_id("comment", wire)
    if comment_id is None or tx.conn.execute(
            "SELECT 1 FROM comments WHERE id = ?", (comment_id,)).fetchone() is None:
        raise not_found("comment", wire)
    return comment_id


def _holder(tx: Tx, comment_id: int) -> int | None:
    """The user holding an unexpired claim on the comment, or None."""
    row = tx.conn.execute(
        "SELECT user_id FROM claims WHERE comment_id = ? AND user_id IS NOT NULL"
        " AND expires_at > ?", (comment_id, tx.now)).fetchone()
    return None if row is None else int(row[0])


def _held_elsewhere(tx: Tx, comment_id: int, wire: str) -> ApiError:
    claim = claims_json(tx.conn, [comment_id], tx.now)[comment_id]
    name = claim["user"]["display_name"]
    return ApiError(409, "claimed", f"{name} is replying to comment {wire}",
                    extra={"claim": claim})


def _set(tx: Tx, comment_id: int, user_id: int | None, expires_at: float) -> None:
    tx.conn.execute(
        "INSERT INTO claims(comment_id, user_id, expires_at, seq) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(comment_id) DO UPDATE SET user_id = excluded.user_id,"
        " expires_at = excluded.expires_at, seq = excluded.seq",
        (comment_id, user_id, expires_at, tx.next_seq()),
    )


def claim(tx: Tx, user: User, wire: str, ttl: float) -> tuple[int, Any]:
    """POST /comments/{id}/claim: take or renew; 409 while another user holds it."""
    comment_id = _comment_id(tx, wire)
    holder = _holder(tx, comment_id)
    if holder is not None and holder != user.id:
        raise _held_elsewhere(tx, comment_id, wire)
    _set(tx, comment_id, user.id, tx.now + ttl)
    return 200, {"claim": claims_json(tx.conn, [comment_id], tx.now)[comment_id]}


def release(tx: Tx, user: User, wire: str) -> tuple[int, Any]:
    """DELETE /comments/{id}/claim: 204 when the comment is free afterwards (released now, or
    it was free or expired already: a repeated release is no error); 409 while another user
    holds it (only the holder releases a claim)."""
    comment_id = _comment_id(tx, wire)
    holder = _holder(tx, comment_id)
    if holder is None:
        return 204, None
    if holder != user.id:
        raise _held_elsewhere(tx, comment_id, wire)
    _set(tx, comment_id, None, 0)
    return 204, None


def release_on_reply(tx: Tx, user: User, parent_id: int | None) -> None:
    """A reply by the holder ends the claim on the comment it answers."""
    if parent_id is not None and _holder(tx, parent_id) == user.id:
        _set(tx, parent_id, None, 0)
