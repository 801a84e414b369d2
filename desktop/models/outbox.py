"""The outbox and local marks: what the user did, durable before anything is sent.

Every action is written to ``state.db`` (synchronous=FULL) before it leaves, and shows at once
in the cache as an overlay (optimistic view): an approved comment reads as published, a replied
question leaves the Reply lane, a reply appears in its thread marked pending. Overlays come only
from open entries (queued, in flight, unknown), so a conflict or failure puts the item back.

States: queued → in_flight → done, or unknown (the response was lost: resolved by retrying with
the same idempotency key or by asking the server) or conflict (the item changed or went away on
the server) or failed (the server refused, with its message). Nothing is ever dropped silently.
"""

from __future__ import annotations

import dataclasses
import html
import json
import sqlite3
import time
import uuid
from collections.abc import Iterable
from typing import Any

from desktop import crashpoints
from desktop.models import db as dbmod
from desktop.models import keys
from desktop.models.ingest import chunks
from desktop.models.schema import DONE, FOLLOWUP, REMOTE_ACTIONS, SNOOZED
from desktop.models.store import Store

QUEUED, IN_FLIGHT, DONE_STATE, UNKNOWN, CONFLICT, FAILED = (
    "queued", "in_flight", "done", "unknown", "conflict", "failed"
)
OPEN_STATES = (QUEUED, IN_FLIGHT, UNKNOWN)
ATTENTION_STATES = (UNKNOWN, CONFLICT, FAILED)
MARKS = (DONE, SNOOZED, FOLLOWUP)

_STATUS_EFFECT = {
    "approve": "published",
    "restore": "published",
    "hide": "hidden",
    "spam": "spam",
    "delete": "deleted",
}


class OutboxError(Exception):
    """An action that cannot be queued (unknown item, wrong kind); the message is for people."""


@dataclasses.dataclass(frozen=True)
class Entry:
    id: int
    action_id: str
    account: str
    kind: str
    item: str
    target_type: str
    target_id: str
    payload: dict[str, Any]
    base_version: str | None
    state: str
    attempts: int
    created_at: float
    not_before: float
    next_at: float
    sent_at: float | None
    remote_id: str | None
    message: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "action_id": self.action_id, "account": self.account,
            "kind": self.kind, "item": self.item, "state": self.state,
            "attempts": self.attempts, "created": _iso(self.created_at),
            "message": self.message, "remote_id": self.remote_id,
            "text": self.payload.get("body"),
        }


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


_ENTRY_COLS = ("id, action_id, account, kind, item, target_type, target_id, payload, base_version, "
               "state, attempts, created_at, not_before, next_at, sent_at, remote_id, message")


def _entry(row: tuple[Any, ...]) -> Entry:
    values = list(row)
    values[7] = json.loads(values[7] or "{}")
    return Entry(*values)


def get(store: Store, entry_id: int) -> Entry | None:
    row = store.state.execute(f"SELECT {_ENTRY_COLS} FROM outbox WHERE id = ?",
                              (entry_id,)).fetchone()
    return _entry(row) if row else None


def entries(store: Store, states: tuple[str, ...] | None = None, account: str | None = None
            ) -> list[Entry]:
    sql = f"SELECT {_ENTRY_COLS} FROM outbox WHERE 1 = 1"
    args: list[Any] = []
    if states:
        sql += f" AND state IN ({','.join('?' * len(states))})"
        args.extend(states)
    if account:
        sql += " AND account = ?"
        args.append(account)
    return [_entry(r) for r in store.state.execute(sql + " ORDER BY id", args)]


def counts(store: Store) -> dict[str, int]:
    return dict(store.state.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))


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
    refresh_overlay(store, key, now=now)
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
    refresh_overlay(store, row[0])
    return True


def due(store: Store, account: str, now: float | None = None, *, force: bool = False
        ) -> list[Entry]:
    """Open actions to send now, oldest first.

    ``not_before`` is a hard gate (the undo window, a server's Retry-After); ``next_at`` is the
    backoff after a failure, which an explicit push (``force``) does not wait for.
    """
    now = time.time() if now is None else now
    rows = store.state.execute(
        f"SELECT {_ENTRY_COLS} FROM outbox WHERE account = ? AND state IN ('queued', 'unknown', "
        f"'in_flight') AND not_before <= ? AND (? OR next_at <= ?) ORDER BY id",
        (account, now, 1 if force else 0, now),
    ).fetchall()
    return [_entry(r) for r in rows]


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
    _heal_overlays(store)
    return cur.rowcount


def _heal_overlays(store: Store) -> None:
    """A crash between recording an action's result (state.db) and updating the cache leaves
    its overlay behind: a pending mark, a placeholder reply. Lay those items' overlays again."""
    items = {
        keys.make(account, entity, rid) for entity, account, rid in store.cache.execute(
            "SELECT 'comment', s.account, c.rid FROM comments c JOIN sources s ON s.id = c.acct "
            "WHERE c.pending > 0 AND c.rid NOT LIKE '~%' UNION ALL "
            "SELECT 'post', s.account, p.rid FROM posts p JOIN sources s ON s.id = p.acct "
            "WHERE p.o_locked IS NOT NULL"
        )
    }
    actions = [rid[1:] for (rid,) in store.cache.execute(
        f"SELECT rid FROM comments WHERE acct IN (SELECT id FROM sources) AND {_PLACEHOLDER}")]
    owners: dict[str, str] = {}
    for chunk in chunks(actions):
        owners.update(store.state.execute(
            f"SELECT action_id, item FROM outbox WHERE action_id IN "
            f"({','.join('?' * len(chunk))})", chunk))
    items.update(owners.values())
    gone = [a for a in actions if a not in owners]  # their actions were discarded
    if gone:
        with dbmod.transaction(store.cache):
            store.cache.executemany("DELETE FROM comments WHERE rid = ?",
                                    [("~" + a,) for a in gone])
    refresh_overlays(store, items)


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
    refresh_overlay(store, entry.item, now=now)


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
    refresh_overlay(store, entry.item, now=now)


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
    refresh_overlay(store, entry.item, now=now)
    return True


def discard(store: Store, entry_id: int) -> bool:
    """Give up on a conflicted or failed action (never on one that may be on its way)."""
    entry = get(store, entry_id)
    if entry is None or entry.state not in (CONFLICT, FAILED):
        return False
    with dbmod.transaction(store.state):
        store.state.execute("DELETE FROM outbox WHERE id = ?", (entry_id,))
    refresh_overlay(store, entry.item)
    return True


# --- overlays ------------------------------------------------------------------------------
#
# A row's overlay columns (o_status, o_replied, o_liked, pending, o_moderated, mark, mark_at,
# mark_until; posts.o_locked) are written only here and by Store.wake_snoozed, which changes
# state.db alongside. A sync's updates of a cached row leave them alone and re-decide its lane
# from them (Store.retriage), so a sync can only disturb rows it *inserts*: a new row starts
# without overlays (a record back after a rebuilt cache; a reply's result). Those are the rows
# reapply() looks at after a sync.

_REPLY_STATES = OPEN_STATES + (CONFLICT, FAILED)  # a reply shows in its thread in these states
_LIVE = ", ".join(f"'{s}'" for s in _REPLY_STATES)
_MODERATED = ("kind IN ('approve', 'restore') AND state IN "
              "('queued', 'in_flight', 'unknown', 'done')")
# Placeholder replies have rids '~<action id>': a range on the (acct, rid) key finds them in
# ~0.1 ms where `rid LIKE '~%'` scanned every comment (88 ms of each start at 1M).
_PLACEHOLDER = "rid >= '~' AND rid < char(127)"


@dataclasses.dataclass
class _State:
    """What state.db says about some items: their actions, marks, and standing approvals."""
    entries: dict[str, list[Entry]] = dataclasses.field(default_factory=dict)  # id order
    marks: dict[str, tuple[str, float, float | None]] = dataclasses.field(default_factory=dict)
    moderated: set[str] = dataclasses.field(default_factory=set)

    def items(self) -> set[str]:
        return set(self.entries) | set(self.marks) | self.moderated

    def overlay(self, entity: str, key: str) -> tuple[Any, ...]:
        """The overlay columns the item's row must hold, in _ROW_COLS order."""
        open_entries = [e for e in self.entries.get(key, ()) if e.state in OPEN_STATES]
        if entity == "post":
            lock = [e for e in open_entries if e.kind in ("lock", "unlock")]
            return ((1 if lock[-1].kind == "lock" else 0) if lock else None,)
        status, replied, liked = None, 0, None
        for e in open_entries:
            if e.kind in _STATUS_EFFECT:
                status = _STATUS_EFFECT[e.kind]
            elif e.kind == "reply":
                replied = 1
            elif e.kind in ("like", "unlike"):
                liked = 1 if e.kind == "like" else 0
        mark, at, until = self.marks.get(key, (None, None, None))
        # an approval stands after it is done: the rules and old flags do not bring the
        # comment back to Moderate (a new flag after it still does, via the server's flags)
        moderated = 1 if key in self.moderated else 0
        return (status, replied, liked, len(open_entries), mark, at, until, moderated)

    def replies(self, key: str) -> list[Entry]:
        return [e for e in self.entries.get(key, ()) if e.kind == "reply"]


def _load_state(store: Store, account: str, items: list[str] | None = None) -> _State:
    """The state of these items (every item of the account when None), in a few queries."""
    st = _State()
    if items is None:  # through the (account, state) index
        scopes: list[tuple[str, tuple[str, ...]]] = [("account = ?", (account,))]
    else:  # through the item indexes (`+account` keeps the planner off the account's index)
        scopes = [(f"item IN ({','.join('?' * len(c))}) AND +account = ?", (*c, account))
                  for c in chunks(items)]
    for where, args in scopes:
        for row in store.state.execute(
                f"SELECT {_ENTRY_COLS} FROM outbox WHERE {where} AND state IN ({_LIVE}) "
                f"ORDER BY id", args):
            entry = _entry(row)
            st.entries.setdefault(entry.item, []).append(entry)
        for item, mark, at, until in store.state.execute(
                f"SELECT item, mark, at, until FROM marks WHERE {where}", args):
            st.marks[item] = (mark, at, until)
        st.moderated.update(item for (item,) in store.state.execute(
            f"SELECT DISTINCT item FROM outbox WHERE {where} AND {_MODERATED}", args))
    return st


_ROW_COLS = {
    "comment": "id, post_rid, o_status, o_replied, o_liked, pending, mark, mark_at, mark_until, "
               "o_moderated",
    "post": "id, rid, o_locked",
}


def _rows(store: Store, account: str, acct: int, items: Iterable[str]
          ) -> dict[str, tuple[str, int, str, tuple[Any, ...]]]:
    """key → (entity, local id, thread, overlay columns) of the items cached here."""
    rids: dict[str, list[str]] = {"comment": [], "post": []}
    for key in items:
        try:
            key_account, entity, rid = keys.parse(key)
        except keys.BadKey:
            continue
        if key_account == account:
            rids[entity].append(rid)
    found: dict[str, tuple[str, int, str, tuple[Any, ...]]] = {}
    for entity, wanted in rids.items():
        table = "comments" if entity == "comment" else "posts"
        for chunk in chunks(wanted):
            for rid, local_id, thread, *overlay in store.cache.execute(
                    f"SELECT rid, {_ROW_COLS[entity]} FROM {table} WHERE acct = ? "
                    f"AND rid IN ({','.join('?' * len(chunk))})", (acct, *chunk)):
                found[keys.make(account, entity, rid)] = (entity, local_id, thread,
                                                          tuple(overlay))
    return found


def refresh_overlay(store: Store, key: str, *, now: float | None = None) -> None:
    """Lay the open actions and the mark of one item over its cached record."""
    refresh_overlays(store, [key], now=now)


def refresh_overlays(store: Store, items: Iterable[str], *, now: float | None = None) -> int:
    """Lay the open actions and marks of these items over their cached records, in one
    transaction per account. Items not cached (yet) are skipped: see reapply(). Returns how
    many cached items were laid."""
    by_account: dict[str, set[str]] = {}
    for key in items:
        try:
            by_account.setdefault(keys.parse(key)[0], set()).add(key)
        except keys.BadKey:
            continue
    return sum(_refresh(store, account, sorted(batch), now)
               for account, batch in sorted(by_account.items()))


def _refresh(store: Store, account: str, items: list[str], now: float | None) -> int:
    acct = store.acct_id(account)
    if acct is None:
        return 0
    rows = _rows(store, account, acct, items)
    if not rows:
        return 0
    st = _load_state(store, account, sorted(rows))
    comments = [(*st.overlay("comment", key), local_id)
                for key, (entity, local_id, _, _) in rows.items() if entity == "comment"]
    posts = [(*st.overlay("post", key), local_id)
             for key, (entity, local_id, _, _) in rows.items() if entity == "post"]
    with dbmod.transaction(store.cache):
        store.cache.executemany(
            "UPDATE comments SET o_status = ?, o_replied = ?, o_liked = ?, pending = ?, "
            "mark = ?, mark_at = ?, mark_until = ?, o_moderated = ? WHERE id = ?", comments)
        store.cache.executemany("UPDATE posts SET o_locked = ? WHERE id = ?", posts)
        if comments:
            store.retriage(acct, [c[-1] for c in comments], now=now)
        _sync_placeholders(store, account, acct, rows, st)
    return len(rows)


def _placeholders(store: Store, acct: int) -> dict[str, str]:
    """action id → thread of every placeholder reply of the account."""
    return {rid[1:]: thread for rid, thread in store.cache.execute(
        f"SELECT rid, post_rid FROM comments WHERE acct = ? AND {_PLACEHOLDER}", (acct,))}


def _sync_placeholders(store: Store, account: str, acct: int,
                       rows: dict[str, tuple[str, int, str, tuple[Any, ...]]],
                       st: _State) -> None:
    """Pending replies show in their thread as comments with ids starting with '~'."""
    have = _placeholders(store, acct)
    wanted = {e.action_id: e for key in rows for e in st.replies(key)}
    missing = [e for action_id, e in wanted.items() if action_id not in have]
    me = store.me(acct) if missing else None
    for e in missing:
        assert me is not None
        body = "".join(
            f"<p>{html.escape(line)}</p>" for line in e.payload.get("body", "").splitlines()
            if line.strip()
        )
        store.cache.execute(
            "INSERT INTO comments (acct, rid, post_rid, parent_rid, author_rid, body_html, "
            "body_text, status, created_at, updated_at, pending) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, 1)",
            (acct, "~" + e.action_id, e.payload.get("post_id"), e.payload.get("parent_id"),
             me.user_id, body, e.payload.get("body", ""), e.created_at, e.created_at),
        )
    # Other placeholders in these threads stay while their reply is still to show (another
    # item's); the rest belong to replies that were sent, cancelled or discarded.
    threads = {thread for _, _, thread, _ in rows.values()}
    suspects = [a for a, thread in have.items() if thread in threads and a not in wanted]
    live: set[str] = set()
    for chunk in chunks(suspects):
        live.update(a for (a,) in store.state.execute(
            f"SELECT action_id FROM outbox WHERE account = ? AND kind = 'reply' AND state IN "
            f"({_LIVE}) AND action_id IN ({','.join('?' * len(chunk))})", (account, *chunk)))
    store.cache.executemany("DELETE FROM comments WHERE acct = ? AND rid = ?",
                            [(acct, "~" + a) for a in suspects if a not in live])


# --- reapply after a sync ----------------------------------------------------------------------

_WITNESSES = 16  # newest rows remembered per table; see sync_mark()
_SCAN_LIMIT = 10_000  # new rows looked up one by one; past that, every item is checked


@dataclasses.dataclass(frozen=True)
class SyncMark:
    """The newest rows of the cache before a sync, as (id, acct, rid), newest first."""
    comments: tuple[tuple[int, int, str], ...]
    posts: tuple[tuple[int, int, str], ...]
    cache: sqlite3.Connection = dataclasses.field(compare=False, repr=False)
    everything: bool = False  # check every item after the sync, not only the new rows


def sync_mark(store: Store, account: str) -> SyncMark:
    """Where the cache stands before a sync of ``account``: hand it to reapply() after.

    Cache ids are INTEGER PRIMARY KEYs without AUTOINCREMENT: a new row gets MAX(id) + 1. So
    the rows a sync inserts are the rows above the newest row that was there before it *and
    still is*: a synced record that goes away is tombstoned and never inserted again, so a
    row still there with its rid never left, and MAX(id) never fell below it. The newest row
    is now and then the one a sync removes (spam deleted at once), hence several witnesses;
    placeholder replies come and go, so they are no witnesses.
    """
    acct = store.acct_id(account)
    # A first load that was interrupted (the flag survives it) inserted rows that no reapply
    # has seen yet, and they sit below any mark taken now.
    resumed = acct is not None and bool(store.cache.execute(
        "SELECT bulk FROM sources WHERE id = ?", (acct,)).fetchone()[0])
    return SyncMark(
        tuple(store.cache.execute(
            f"SELECT id, acct, rid FROM comments WHERE NOT ({_PLACEHOLDER}) "
            f"ORDER BY id DESC LIMIT {_WITNESSES}")),
        tuple(store.cache.execute(
            f"SELECT id, acct, rid FROM posts ORDER BY id DESC LIMIT {_WITNESSES}")),
        store.cache, everything=resumed,
    )


def _bound(store: Store, table: str, witnesses: tuple[tuple[int, int, str], ...]
           ) -> int | None:
    """Every row of ``table`` inserted since the mark has an id above this; None: unknown."""
    if not witnesses:
        return 0  # the table was empty: every row is new
    there = set(store.cache.execute(
        f"SELECT id, acct, rid FROM {table} WHERE id IN ({','.join('?' * len(witnesses))})",
        [w[0] for w in witnesses]))
    return next((w[0] for w in witnesses if w in there), None)


def reapply(store: Store, account: str, *, since: SyncMark | None = None) -> int:
    """Lay marks and actions over the account's rows that lack them; returns how many items
    were laid again.

    ``since`` (from sync_mark() before a sync): only the rows the sync inserted are looked at,
    so a sync that brought nothing new costs a few queries however many marks and done
    approvals have piled up. Without it (a rebuilt cache; once after start-up, for what a
    crash cut short), every item with a mark or an action, and every row showing one, is
    checked against state.db, and those that disagree are laid again.
    """
    acct = store.acct_id(account)
    if acct is None:
        return 0
    if since is not None and not since.everything and since.cache is store.cache:
        bounds = _bound(store, "comments", since.comments), _bound(store, "posts", since.posts)
        if None not in bounds:
            new = [keys.make(account, entity, rid) for entity, table, bound in (
                ("comment", "comments", bounds[0]), ("post", "posts", bounds[1]))
                # `+acct`: walk the id range; the planner would scan the account's whole
                # (acct, rid) index instead (1.8 ms at 20k comments, growing with them)
                for (rid,) in store.cache.execute(
                    f"SELECT rid FROM {table} WHERE id > ? AND +acct = ? LIMIT ?",
                    (bound, acct, _SCAN_LIMIT + 1))]
            if len(new) <= _SCAN_LIMIT:
                return refresh_overlays(store, _with_state(store, account, new))
    return _reconcile(store, account, acct)


def _with_state(store: Store, account: str, items: list[str]) -> set[str]:
    """Those of these items that have a mark, an action to show, or a standing approval."""
    found: set[str] = set()
    for chunk in chunks(items):
        q = ",".join("?" * len(chunk))
        found.update(item for (item,) in store.state.execute(
            f"SELECT item FROM marks WHERE item IN ({q})", chunk))
        found.update(item for (item,) in store.state.execute(
            f"SELECT DISTINCT item FROM outbox WHERE item IN ({q}) AND +account = ? AND "
            f"(state IN ({_LIVE}) OR {_MODERATED})", (*chunk, account)))
    return found


def _reconcile(store: Store, account: str, acct: int) -> int:
    """Check every item of the account against its row; lay again those that disagree."""
    st = _load_state(store, account)
    items = st.items()
    # and the rows that show a mark or an action state.db no longer has (a crash came between
    # the two commits); both come from small partial indexes
    for where in ("lane IN ('done', 'snoozed', 'followup') AND +acct = ?",
                  "acct = ? AND pending > 0"):
        items.update(keys.make(account, "comment", rid) for (rid,) in store.cache.execute(
            f"SELECT rid FROM comments WHERE {where} AND NOT ({_PLACEHOLDER})", (acct,)))
    rows = _rows(store, account, acct, items)
    have = _placeholders(store, acct)
    stale = [key for key, (entity, _, _, overlay) in rows.items()
             if overlay != st.overlay(entity, key)
             or any(e.action_id not in have for e in st.replies(key))]
    return refresh_overlays(store, stale)


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
    refresh_overlay(store, key, now=now)


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
