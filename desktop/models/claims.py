"""Who is replying to what: the claims the change feed brings, kept per comment in the cache.

A claim is never queued in the outbox: made offline and sent hours later it would tell the
team someone is replying who left long ago. The desk takes one straight from the server when
a reply is started (services/claims.py) and stores the server's answer here at once, so its
own views agree without waiting for the next sync. Expiry is by this machine's clock: a row
whose ``expires_at`` has passed reads as free, with no write needed.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop.models import db as dbmod
from desktop.models import keys
from desktop.models.records import ClaimRecord

if TYPE_CHECKING:
    from desktop.models.store import Store


@dataclasses.dataclass(frozen=True, slots=True)
class Claim:
    """Someone replying to an item: who, until when (this machine's clock), and whether it
    is this account itself."""

    user_id: str
    name: str
    expires_at: float
    mine: bool

    def held(self, now: float | None = None) -> bool:
        return self.expires_at > (time.time() if now is None else now)

    def as_json(self) -> dict[str, object]:
        return {"user_id": self.user_id, "name": self.name, "me": self.mine,
                "until": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.expires_at))}


def store_claims(store: Store, acct: int, records: Iterable[ClaimRecord]) -> None:
    """The latest claim of each comment (inside the caller's transaction, writer thread).
    A free comment has no row."""
    held, free = [], []
    for r in records:
        if r["user_id"] is None:
            free.append((acct, r["comment_id"]))
        else:
            held.append((acct, r["comment_id"], r["user_id"], r["name"], r["expires_at"]))
    c = store.cache
    if free:
        c.executemany("DELETE FROM claims WHERE acct = ? AND comment_rid = ?", free)
    if held:
        c.executemany(
            "INSERT INTO claims (acct, comment_rid, user_rid, name, expires_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (acct, comment_rid) DO UPDATE SET "
            "user_rid = excluded.user_rid, name = excluded.name, "
            "expires_at = excluded.expires_at", held)


def record(store: Store, key: str, claim: ClaimRecord | None) -> None:
    """The server's answer to a claim or release by this desk (None: the item is free now),
    on the writer thread."""
    account, _, rid = keys.parse(key)
    acct = store.acct_id(account)
    if acct is None:
        return
    free: ClaimRecord = {"comment_id": rid, "user_id": None, "name": "", "expires_at": 0.0}
    with dbmod.transaction(store.cache):
        store_claims(store, acct, [claim if claim is not None else free])


def claim_of(store: Store, key: str, now: float | None = None) -> Claim | None:
    """The claim on an item still in force, or None."""
    account, entity, rid = keys.parse(key)
    if entity != "comment":
        return None
    row = store.cache.execute(
        "SELECT k.user_rid, k.name, k.expires_at, s.user_id FROM claims k "
        "JOIN sources s ON s.id = k.acct WHERE s.account = ? AND k.comment_rid = ? "
        "AND k.expires_at > ?", (account, rid, time.time() if now is None else now),
    ).fetchone()
    return None if row is None else Claim(row[0], row[1], row[2], row[0] == row[3])
