"""The outbox and local marks: what the user did, durable before anything is sent.

Every action is written to ``state.db`` (synchronous=FULL) before it leaves, and its effect
shows at once in the cache, laid over the item's record (``overlays``); so does a mark (done,
snoozed, follow-up). Only open entries (queued, in flight, unknown) are shown, so a conflict or
failure puts the item back.

States: queued → in_flight → done, or unknown (the response was lost: resolved by retrying with
the same idempotency key or by asking the server) or conflict (the item changed or went away on
the server) or failed (the server refused, with its message). Nothing is ever dropped silently.
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from typing import Any

from desktop import crashpoints
from desktop.models import db as dbmod
from desktop.models import keys, overlays, triage
from desktop.models.outbox_types import (  # noqa: F401 - the outbox's names, used from here
    ATTENTION_STATES,
    CONFLICT,
    DONE_STATE,
    ENTRY_COLS,
    FAILED,
    IN_FLIGHT,
    MARKS,
    OPEN_STATES,
    QUEUED,
    UNKNOWN,
    Entry,
    entry_from_row,
)
from desktop.models.schema import REMOTE_ACTIONS, SNOOZED
from desktop.models.store import Store


class OutboxError(Exception):
    """An action that cannot be queued (unknown item, wrong kind); the message is for people."""


def get(store: Store, entry_id: int) -> Entry | None:
    row = store.state.execute(f"SELECT {ENTRY_COLS} FROM outbox WHERE id = ?",
                              (entry_id,)).fetchone()
    return entry_from_row(row) if row else None


def entries(store: Store, states: tuple[str, ...] | None = None, account: str | None = None
            ) -> list[Entry]:
    sql = f"SELECT {ENTRY_COLS} FROM outbox WHERE 1 = 1"
    args: list[Any] = []
    if states:
        sql += f" AND state IN ({','.join('?' * len(states))})"
        args.extend(states)
    if account:
        sql += " AND account = ?"
        args.append(account)
    return [entry_from_row(r) for r in store.state.execute(sql + " ORDER BY id", args)]


def counts(store: Store) -> dict[str, int]:
    return dict(store.state.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))


def _lay_overlay(store: Store, key: str, *, now: float | None = None) -> None:
    """Show the item's open actions and mark in the cache, as state.db now has them."""
    overlays.refresh_overlay(store, key, now=now)


# --- items --------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ItemRef:
    key: str
    account: str
    entity: str  # "comment" or "post"
    rid: str
    local_id: int
    post_rid: str
    version: str | None


def resolve(store: Store, key: str) -> ItemRef:
    """The cached item behind a key; OutboxError if it is unknown here."""
    try:
        account, entity, rid = keys.parse(key)
    except keys.BadKey as exc:
        raise OutboxError(str(exc)) from exc
    acct = store.acct_id(account)
    row = None
    if acct is not None:
        if entity == "comment":
            row = store.cache.execute(
                "SELECT id, post_rid, version FROM comments WHERE acct = ? AND rid = ?",
                (acct, rid),
            ).fetchone()
        else:
            row = store.cache.execute(
                "SELECT id, rid, version FROM posts WHERE acct = ? AND rid = ?", (acct, rid)
            ).fetchone()
    if row is None:
        raise OutboxError(f"No item {key} in the local cache (sync first, or check the id)")
    return ItemRef(key, account, entity, rid, row[0], row[1], row[2])


# --- enqueue and settle --------------------------------------------------------------------

def enqueue(store: Store, key: str, kind: str, *, text: str | None = None, delay: float = 0.0,
            now: float | None = None) -> Entry:
    """Store an action durably, then show its effect locally. ``delay`` is the undo window."""
    if kind not in REMOTE_ACTIONS:
        raise OutboxError(f"'{kind}' is not an action")
    ref = resolve(store, key)
    now = time.time() if now is None else now
    payload: dict[str, Any] = {}
    target_type, target_id, base_version = ref.entity, ref.rid, ref.version
    if kind == "reply":
        if not text or not text.strip():
            raise OutboxError("A reply needs some text")
        payload = {"body": text.strip(), "post_id": ref.post_rid,
                   "parent_id": ref.rid if ref.entity == "comment" else None}
        if ref.entity == "comment":
            # the answers the person could see while writing: any other one that arrives
            # before this reply leaves holds it (hold_if_answered), whatever the clocks say
            payload["seen"] = _answers(store, ref.account, ref.rid)
        target_type, target_id, base_version = "post", ref.post_rid, None
    elif kind in ("lock", "unlock"):
        target_type, target_id = "post", ref.post_rid
        base_version = None  # lock/unlock of the thread does not depend on a comment's version
    elif ref.entity != "comment":
        raise OutboxError(f"'{kind}' acts on a comment, and {key} is a post")
    action_id = str(uuid.uuid4())
    with dbmod.transaction(store.state):
        cur = store.state.execute(
            "INSERT INTO outbox (action_id, account, kind, item, target_type, target_id, payload, "
            "base_version, state, created_at, not_before, next_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
            (action_id, ref.account, kind, key, target_type, target_id, json.dumps(payload),
             base_version, now, now + delay, now + delay, now),
        )
    entry = get(store, int(cur.lastrowid or 0))
    assert entry is not None
    _lay_overlay(store, key, now=now)
    return entry


def cancel(store: Store, entry_id: int) -> bool:
    """Undo: withdraw an action that has not been sent yet. False if it is already out."""
    with dbmod.transaction(store.state):
        row = store.state.execute(
            "SELECT item FROM outbox WHERE id = ? AND state = 'queued' AND sent_at IS NULL",
            (entry_id,),
        ).fetchone()
        if row is None:
            return False
        store.state.execute("DELETE FROM outbox WHERE id = ?", (entry_id,))
    _lay_overlay(store, row[0])
    return True


def due(store: Store, account: str, now: float | None = None, *, force: bool = False
        ) -> list[Entry]:
    """Open actions to send now, oldest first.

    ``not_before`` is a hard gate (the undo window, a server's Retry-After); ``next_at`` is the
    backoff after a failure, which an explicit push (``force``) does not wait for.
    """
    now = time.time() if now is None else now
    rows = store.state.execute(
        f"SELECT {ENTRY_COLS} FROM outbox WHERE account = ? AND state IN ('queued', 'unknown', "
        f"'in_flight') AND not_before <= ? AND (? OR next_at <= ?) ORDER BY id",
        (account, now, 1 if force else 0, now),
    ).fetchall()
    return [entry_from_row(r) for r in rows]


def start(store: Store, entry_id: int, now: float | None = None) -> Entry:
    """Commit 'in flight' before the request leaves, so a crash after sending reads as unknown."""
    now = time.time() if now is None else now
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, "
            "sent_at = COALESCE(sent_at, ?), updated_at = ? WHERE id = ?", (now, now, entry_id),
        )
    crashpoints.hit("after_local_commit")
    entry = get(store, entry_id)
    assert entry is not None
    return entry


def recover(store: Store) -> int:
    """At start-up: an action left in flight may or may not have reached the server."""
    with dbmod.transaction(store.state):
        cur = store.state.execute(
            "UPDATE outbox SET state = 'unknown', message = 'interrupted while sending' "
            "WHERE state = 'in_flight'"
        )
    overlays.heal_leftovers(store)
    return cur.rowcount


def finish(store: Store, entry_id: int, *, remote_id: str | None, batch: Any = None,
           already_applied: bool = False, now: float | None = None) -> None:
    now = time.time() if now is None else now
    entry = get(store, entry_id)
    assert entry is not None
    message = "already applied on the server" if already_applied else None
    new_version = _version_in(batch, entry)
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = 'done', remote_id = ?, message = ?, updated_at = ? "
            "WHERE id = ?", (remote_id, message, now, entry_id),
        )
        if new_version is not None and entry.base_version is not None:
            # Our own action changed the item: later actions queued against the version this
            # one started from now follow it, or they would conflict with ourselves.
            store.state.execute(
                "UPDATE outbox SET base_version = ? WHERE account = ? AND target_type = ? AND "
                "target_id = ? AND base_version = ? AND state = 'queued' AND id > ?",
                (new_version, entry.account, entry.target_type, entry.target_id,
                 entry.base_version, entry_id),
            )
    crashpoints.hit("after_ack")
    if batch is not None:
        store.apply_batch(entry.account, batch, now=now)
    _lay_overlay(store, entry.item, now=now)


def _version_in(batch: Any, entry: Entry) -> str | None:
    """The acted-on item's version in an action's answer, if the answer carries it."""
    records = (getattr(batch, "comments", None) if entry.target_type == "comment"
               else getattr(batch, "posts", None)) or []
    for record in records:
        if str(record.get("id")) == entry.target_id and record.get("version") is not None:
            return str(record["version"])
    return None


def defer(store: Store, entry_id: int, *, state: str, message: str, next_at: float,
          hard: bool = False, now: float | None = None) -> None:
    """Try again later: ``state`` is queued (never sent) or unknown (may have been sent).

    ``hard`` makes ``next_at`` a gate no push may pass (a server's Retry-After).
    """
    assert state in (QUEUED, UNKNOWN)
    now = time.time() if now is None else now
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = ?, message = ?, next_at = ?, updated_at = ?, "
            "not_before = CASE WHEN ? THEN ? ELSE not_before END WHERE id = ?",
            (state, message, next_at, now, 1 if hard else 0, next_at, entry_id),
        )


def settle(store: Store, entry_id: int, *, state: str, message: str, batch: Any = None,
           now: float | None = None) -> None:
    """A terminal problem (conflict or failed), shown to the user until retried or discarded."""
    assert state in (CONFLICT, FAILED)
    now = time.time() if now is None else now
    entry = get(store, entry_id)
    assert entry is not None
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = ?, message = ?, updated_at = ? WHERE id = ?",
            (state, message, now, entry_id),
        )
    if batch is not None:
        store.apply_batch(entry.account, batch, now=now)
    _lay_overlay(store, entry.item, now=now)


def retry(store: Store, entry_id: int, *, text: str | None = None,
          now: float | None = None) -> bool:
    """Send a conflicted or failed action again (a reply's text may be edited first).

    A retried moderation action drops its version check: the user has seen the conflict.
    """
    now = time.time() if now is None else now
    entry = get(store, entry_id)
    if entry is None or entry.state not in (CONFLICT, FAILED, QUEUED, UNKNOWN):
        return False
    payload = dict(entry.payload)
    if payload.pop("held", None) is not None:
        payload["send_anyway"] = True  # the person saw the other answer and said so
    if text is not None:
        # an unknown reply may already be on the server as it was: it cannot change now
        if entry.kind != "reply" or not text.strip() or entry.state == UNKNOWN:
            return False
        payload["body"] = text.strip()
    base = None if entry.state == CONFLICT else entry.base_version
    # The server answered a conflicted or failed attempt for sure, and stores that answer under
    # its Idempotency-Key: a new attempt needs a new key, or it gets the old answer replayed.
    action_id = str(uuid.uuid4()) if entry.state in (CONFLICT, FAILED) else entry.action_id
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = CASE WHEN state = 'unknown' THEN 'unknown' ELSE 'queued' "
            "END, action_id = ?, payload = ?, base_version = ?, next_at = ?, message = NULL, "
            "updated_at = ? WHERE id = ?",
            (action_id, json.dumps(payload), base, now, now, entry_id),
        )
    _lay_overlay(store, entry.item, now=now)
    return True


# --- no double answers ---------------------------------------------------------------------

def _answers(store: Store, account: str, parent: str) -> list[str]:
    """Rids of the synced staff replies to comment ``parent`` (not mine, not placeholders)."""
    return [a.rid for a in answers(store, account, parent)]


@dataclasses.dataclass(frozen=True)
class Answer:
    rid: str
    by: str  # display name
    at: float
    text: str = ""


def answers(store: Store, account: str, parent: str) -> list[Answer]:
    """The staff replies to comment ``parent`` that someone else wrote, oldest first."""
    acct = store.acct_id(account)
    if acct is None:
        return []
    me = store.me(acct)
    people = store.people_of(acct)
    found = []
    for rid, author, name, created, area, post_author, text in store.cache.execute(
        "SELECT c.rid, c.author_rid, COALESCE(u.display_name, c.author_rid), c.created_at, "
        "c.area_rid, p.author_rid, c.body_text FROM comments c "
        "LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid "
        "LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid "
        "WHERE c.acct = ? AND c.parent_rid = ? AND c.status = 'published' "
        "AND c.rid NOT LIKE '~%' AND c.author_rid != ? ORDER BY c.created_at",
        (acct, parent, me.user_id),
    ):
        if triage.is_responder(author, *people.get(author, ("employee", frozenset())),
                               post_author, area):
            found.append(Answer(rid, name, created, text))
    return found


def hold_if_answered(store: Store, entry_id: int, now: float | None = None) -> Answer | None:
    """Before a reply leaves: hold it as a conflict when a staff reply to the same comment
    arrived since it was written (one the person had not seen), so it is never sent twice
    without their say. Returns that answer, or None when the reply may go."""
    entry = get(store, entry_id)
    if (entry is None or entry.kind != "reply" or entry.state != QUEUED
            or not entry.payload.get("parent_id") or entry.payload.get("send_anyway")):
        return None
    seen = entry.payload.get("seen")
    new = [a for a in answers(store, entry.account, str(entry.payload["parent_id"]))
           if (a.rid not in seen if seen is not None else a.at > entry.created_at)]
    if not new:
        return None
    first = new[0]
    now = time.time() if now is None else now
    payload = dict(entry.payload, held={"by": first.by, "at": first.at, "rid": first.rid})
    with dbmod.transaction(store.state):
        store.state.execute(
            "UPDATE outbox SET state = 'conflict', message = ?, payload = ?, updated_at = ? "
            "WHERE id = ? AND state = 'queued'",
            (f"Already answered by {first.by}", json.dumps(payload), now, entry_id))
    crashpoints.hit("after_hold")
    _lay_overlay(store, entry.item, now=now)
    return first


def discard(store: Store, entry_id: int) -> bool:
    """Give up on a conflicted or failed action (never on one that may be on its way)."""
    entry = get(store, entry_id)
    if entry is None or entry.state not in (CONFLICT, FAILED):
        return False
    with dbmod.transaction(store.state):
        store.state.execute("DELETE FROM outbox WHERE id = ?", (entry_id,))
    _lay_overlay(store, entry.item)
    return True


# --- marks and drafts ------------------------------------------------------------------------

def set_mark(store: Store, key: str, mark: str | None, *, until: float | None = None,
             now: float | None = None) -> None:
    """done / snoozed (until a time) / followup; None clears the mark."""
    ref = resolve(store, key)
    if ref.entity != "comment":
        raise OutboxError("Only comments can be marked done, snoozed or for follow-up")
    now = time.time() if now is None else now
    if mark is not None and mark not in MARKS:
        raise OutboxError(f"'{mark}' is not a mark")
    if mark == SNOOZED and (until is None or until <= now):
        raise OutboxError("Snooze needs a time in the future")
    with dbmod.transaction(store.state):
        if mark is None:
            store.state.execute("DELETE FROM marks WHERE item = ?", (key,))
        else:
            store.state.execute(
                "INSERT INTO marks (item, account, mark, at, until) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (item) DO UPDATE SET mark = excluded.mark, at = excluded.at, "
                "until = excluded.until", (key, ref.account, mark, now, until),
            )
    _lay_overlay(store, key, now=now)


def save_draft(store: Store, key: str, text: str) -> None:
    with dbmod.transaction(store.state):
        if text.strip():
            store.state.execute(
                "INSERT INTO drafts (item, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (item) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (key, text, time.time()),
            )
        else:
            store.state.execute("DELETE FROM drafts WHERE item = ?", (key,))


def draft(store: Store, key: str) -> str:
    row = store.state.execute("SELECT text FROM drafts WHERE item = ?", (key,)).fetchone()
    return row[0] if row else ""
