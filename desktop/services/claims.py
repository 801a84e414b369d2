"""Who is on it: the desk service's claims ("Kari is replying"), through the one face.

A claim goes straight to the server, never through the outbox: made offline and replayed
hours later, it would tell the team someone is replying who left long ago (a stale claim is
worse than none). So a claim needs the server now; offline it fails at once with one line and
the reply itself goes on as always. Both calls are safe to retry: claiming a comment the
account holds renews it, releasing a free one is a success. A claim lost in a crash (or a
desk that never comes back) expires on the server by itself.

The server's answer is stored in the cache at once (models/claims.py), so this desk's own
views agree before the next sync brings the claim to everyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from desktop import crashpoints
from desktop.models import claims as claimsmod
from desktop.models import keys
from desktop.models.claims import Claim
from desktop.services.errors import DeskError
from desktop.services.ops import Changes, Done

if TYPE_CHECKING:
    from desktop.models.accounts import Account
    from desktop.models.writer import Writer
    from desktop.services.connectors.base import Connector

T = TypeVar("T")


class ClaimHeld(DeskError):
    """Someone else is replying to the item: ``name`` says who."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


class NoClaims(DeskError):
    """The account's platform has no claims (WordPress, Plone): nothing to do, nothing broken."""


class DeskClaims:
    writer: Writer

    if TYPE_CHECKING:  # provided by DeskService and DeskReads
        async def account(self, name: str | None = None) -> Account: ...
        async def _connector_off_loop(self, account: Account) -> Connector: ...
        def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def claim_of(self, key: str) -> Claim | None:
        """Who is replying to the item now (from the cache), or None."""
        try:
            return self._read(claimsmod.claim_of, key)
        except keys.BadKey:
            return None

    async def claim(self, key: str) -> Done[Claim]:
        """Say "I am replying to this" on the server. ``ClaimHeld`` when someone else is,
        ``NoClaims`` when the platform has none, a ``DeskError`` when the server cannot be
        reached (not queued: see the module's note)."""
        return await self._claim_call(key, take=True)

    async def release(self, key: str) -> Done[None]:
        """Give the claim up (the reply was sent, discarded, or the item left)."""
        await self._claim_call(key, take=False)
        return Done(None, Changes.of_items([key], outbox=False, lanes=False))

    async def _claim_call(self, key: str, *, take: bool) -> Done[Claim]:
        from desktop.services.connectors.base import ClaimTaken, ConnectorError

        try:
            account_name, entity, rid = keys.parse(key)
        except keys.BadKey as exc:
            raise DeskError(str(exc)) from exc
        if entity != "comment":
            raise DeskError(f"{key}: only a comment can be claimed")
        acc = await self.account(account_name)
        connector = await self._connector_off_loop(acc)
        call = getattr(connector, "claim" if take else "release", None)
        if call is None:
            raise NoClaims(f"{acc.name}: {acc.connector} has no claims — nobody else sees "
                           "who is replying there")
        changes = Changes.of_items([key], outbox=False, lanes=False)
        try:
            record = await call(rid)
        except ClaimTaken as exc:
            if exc.claim is not None:
                await self.writer.call(claimsmod.record, key, exc.claim)
            name = exc.claim["name"] if exc.claim else ""
            raise ClaimHeld(f"{key}: {exc}", name) from exc
        except ConnectorError as exc:
            raise DeskError(f"{key}: {exc}") from exc
        crashpoints.hit("after_claim")  # held on the server only: it expires there
        await self.writer.call(claimsmod.record, key, record)
        me = acc.user_id or ""
        if record is None:
            return Done(Claim(me, acc.display_name, 0.0, True), changes)
        return Done(Claim(record["user_id"] or me, record["name"], record["expires_at"],
                          record["user_id"] == me), changes)
