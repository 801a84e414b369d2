"""The protocol's writes and who may do them. Each runs inside ``DemoStore.write``'s transaction.

Every function returns ``(status, JSON body)`` or raises :class:`ApiError`; the store keeps
whichever answer comes first under the Idempotency-Key.
"""

from __future__ import annotations

import html
import re
from typing import Any

import orjson

from desktop.demo.claims import release_on_reply
from desktop.demo.model import ApiError, Tx, User, not_found, parse_id

ALL_CAPABILITIES = ("reply", "like", "approve", "hide", "spam", "delete", "restore", "lock",
                    "flags")
STAFF_ROLES = ("admin", "moderator")
MODERATION_STATUS = {"approve": "published", "hide": "hidden", "spam": "spam",
                     "delete": "deleted", "restore": "published"}
MAX_BODY = 20_000
_PARAGRAPHS = re.compile(r"\n\s*\n")


def capabilities(role: str) -> list[str]:
    """What an account may do somewhere (ambassadors/editors only in their areas/posts);
    everyone who may reply may claim a comment to reply to it."""
    return [*(ALL_CAPABILITIES if role != "employee" else ALL_CAPABILITIES[:2]), "claim"]


def may_moderate(user: User, area_id: int, post_author_id: int) -> bool:
    if user.role in STAFF_ROLES:
        return True
    if user.role == "ambassador":
        return area_id in user.areas
    if user.role == "editor":
        return post_author_id == user.id
    return False


def text_to_html(text: str) -> str:
    """Plain text → escaped ``<p>`` paragraphs; single newlines become ``<br>``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def parse_body(raw: bytes) -> dict[str, Any]:
    try:
        payload = orjson.loads(raw) if raw.strip() else {}
    except orjson.JSONDecodeError:  # invalid UTF-8 included
        raise ApiError(400, "bad_request", "The request body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiError(422, "invalid", "The request body must be a JSON object")
    return payload


def check_if_match(if_match: str | None, version: int, current: dict[str, Any]) -> None:
    if if_match is None:
        return
    for tag in if_match.split(","):
        tag = tag.strip()
        tag = tag.removeprefix("W/")
        if tag == "*" or tag.strip('"') == str(version):
            return
    raise ApiError(412, "precondition_failed",
                   f"{current['id']} changed on the server (now version {version})",
                   current=current)


def _post_row(tx: Tx, wire: str) -> tuple[int, int, int, int, int]:
    """(id, area_id, author_id, locked, version) of a post, or 404."""
    post_id = parse_id("post", wire)
    row = None if post_id is None else tx.conn.execute(
        "SELECT id, area_id, author_id, locked, version FROM posts WHERE id = ?", (post_id,)
    ).fetchone()
    if row is None:
        raise not_found("post", wire)
    return row


def _comment_row(tx: Tx, wire: str) -> tuple[int, int, str, int, int, int]:
    """(id, post_id, status, version, area_id, post author) of a comment, or 404."""
    comment_id = parse_id("comment", wire)
    row = None if comment_id is None else tx.conn.execute(
        "SELECT c.id, c.post_id, c.status, c.version, p.area_id, p.author_id"
        " FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = ?", (comment_id,)
    ).fetchone()
    if row is None:
        raise not_found("comment", wire)
    return row


def insert_comment(tx: Tx, post_id: int, parent_id: int | None, author_id: int,
                   body_html: str, status: str = "published") -> int:
    comment_id = tx.next_id("comments", "comment")
    stamp = tx.stamp()
    tx.conn.execute(
        "INSERT INTO comments(id, post_id, parent_id, author_id, body_html, status, created_at,"
        " updated_at, version, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
        (comment_id, post_id, parent_id, author_id, body_html, status, stamp, stamp,
         tx.next_seq()),
    )
    return comment_id


def reply(tx: Tx, user: User, post_wire: str, raw: bytes) -> tuple[int, Any]:
    post_id, _, _, locked, _ = _post_row(tx, post_wire)
    payload = parse_body(raw)
    body = payload.get("body")
    if not isinstance(body, str) or not body.strip():
        raise ApiError(422, "invalid", "body must be a non-empty text")
    if len(body) > MAX_BODY:
        raise ApiError(422, "invalid", f"body must be at most {MAX_BODY} characters")
    parent_wire = payload.get("parent_id")
    parent_id = None
    if parent_wire is not None:
        parent_id = parse_id("comment", parent_wire)
        row = None if parent_id is None else tx.conn.execute(
            "SELECT post_id FROM comments WHERE id = ?", (parent_id,)).fetchone()
        if row is None or row[0] != post_id:
            raise ApiError(422, "invalid", f"parent_id {parent_wire!s:.40} is not a comment"
                                           f" of {post_wire}")
    if locked:
        raise ApiError(409, "locked", f"Post {post_wire} is locked; it takes no new replies")
    comment_id = insert_comment(tx, post_id, parent_id, user.id, text_to_html(body))
    release_on_reply(tx, user, parent_id)
    return 201, tx.comment(comment_id)


def moderate_comment(tx: Tx, user: User, comment_wire: str, raw: bytes,
                     if_match: str | None) -> tuple[int, Any]:
    comment_id, _, status, version, area_id, post_author = _comment_row(tx, comment_wire)
    action = parse_body(raw).get("action")
    if action not in MODERATION_STATUS:
        raise ApiError(422, "invalid", "action must be one of " + ", ".join(MODERATION_STATUS))
    if not may_moderate(user, area_id, post_author):
        raise ApiError(403, "forbidden", f"You may not moderate comment {comment_wire}")
    check_if_match(if_match, version, tx.comment(comment_id))
    target = MODERATION_STATUS[action]
    changed = False
    if action == "approve":
        cleared = tx.conn.execute(
            "UPDATE flags SET cleared_at = ? WHERE comment_id = ? AND cleared_at IS NULL",
            (tx.stamp(), comment_id),
        ).rowcount
        changed = cleared > 0
    if status != target:
        tx.conn.execute("UPDATE comments SET status = ? WHERE id = ?", (target, comment_id))
        changed = True
    if changed:
        tx.touch("comments", comment_id)
    return 200, tx.comment(comment_id)


def moderate_post(tx: Tx, user: User, post_wire: str, raw: bytes,
                  if_match: str | None) -> tuple[int, Any]:
    post_id, area_id, author_id, locked, version = _post_row(tx, post_wire)
    action = parse_body(raw).get("action")
    if action not in ("lock", "unlock"):
        raise ApiError(422, "invalid", "action must be lock or unlock")
    if not may_moderate(user, area_id, author_id):
        raise ApiError(403, "forbidden", f"You may not lock or unlock {post_wire}")
    check_if_match(if_match, version, tx.post(post_id))
    wanted = action == "lock"
    if bool(locked) != wanted:
        tx.conn.execute("UPDATE posts SET locked = ? WHERE id = ?", (int(wanted), post_id))
        tx.touch("posts", post_id)
    return 200, tx.post(post_id)


def like(tx: Tx, user: User, comment_wire: str, liked: bool,
         if_match: str | None) -> tuple[int, Any]:
    comment_id, _, _, version, _, _ = _comment_row(tx, comment_wire)
    check_if_match(if_match, version, tx.comment(comment_id))
    if liked:
        changed = tx.conn.execute(
            "INSERT OR IGNORE INTO likes(comment_id, user_id, created_at) VALUES (?, ?, ?)",
            (comment_id, user.id, tx.stamp()),
        ).rowcount
    else:
        changed = tx.conn.execute(
            "DELETE FROM likes WHERE comment_id = ? AND user_id = ?", (comment_id, user.id)
        ).rowcount
    if changed:
        tx.touch("comments", comment_id)
    return 200, tx.comment(comment_id)


def add_flag(tx: Tx, comment_id: int, user_id: int, reason: str) -> None:
    """A user flag (demo activity only; the protocol has no route for flagging)."""
    tx.conn.execute(
        "INSERT INTO flags(comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?)",
        (comment_id, user_id, reason, tx.stamp()),
    )
    tx.touch("comments", comment_id)
