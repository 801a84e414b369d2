"""Local overlays: the user's marks and unsettled actions, laid over the cached records.

The cache is disposable: a rebuild refills it from the server, and it knows only what the
server says. What the user decided lives in ``state.db`` (precious): done, snoozed and
follow-up marks, and the outbox's actions that have not settled yet. Each cached row carries
that intent in overlay columns, so the queues stay indexed queries over the cache and the user
sees an action at once (optimistic view): an approved comment reads as published, a replied
question leaves the Reply lane, a reply appears in its thread marked pending. Overlays come
only from marks, open entries (queued, in flight, unknown) and standing approvals, so a
conflict or failure puts the item back.

An overlay is derived, never the source: after state.db changes an item, the item's overlay is
laid again from state.db (refresh_overlay); rows a sync inserts get theirs from reapply(); what
a crash between the two commits left behind is healed at the next start (heal_leftovers() in
the outbox's recovery, a full reapply() once the desk is up).
"""

from __future__ import annotations

import dataclasses
import html
import sqlite3
from collections.abc import Iterable
from typing import Any

from desktop.models import db as dbmod
from desktop.models import keys
from desktop.models.ingest import chunks
from desktop.models.outbox_types import (
    CONFLICT,
    ENTRY_COLS,
    FAILED,
    OPEN_STATES,
    Entry,
    entry_from_row,
)
from desktop.models.store import Store

# --- overlays ------------------------------------------------------------------------------
#
# A row's overlay columns (o_status, o_replied, o_liked, pending, o_moderated, mark, mark_at,
# mark_until; posts.o_locked) are written only here and by Store.wake_snoozed, which changes
# state.db alongside. A sync's updates of a cached row leave them alone and re-decide its lane
# from them (Store.retriage), so a sync can only disturb rows it *inserts*: a new row starts
# without overlays (a record back after a rebuilt cache; a reply's result). Those are the rows
# reapply() looks at after a sync.

_STATUS_EFFECT = {
    "approve": "published",
    "restore": "published",
    "hide": "hidden",
    "spam": "spam",
    "delete": "deleted",
}

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
                f"SELECT {ENTRY_COLS} FROM outbox WHERE {where} AND state IN ({_LIVE}) "
                f"ORDER BY id", args):
            entry = entry_from_row(row)
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
        # no lane yet, so nothing for the lane counts (apply.count_new_lanes)
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


# --- after a crash -------------------------------------------------------------------------

def heal_leftovers(store: Store) -> None:
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
