"""The service the command line and the desk share: accounts, sync, push, actions.

It owns the writer thread and one connector per account; the GUI wraps it in a thin QObject
bridge, the CLI awaits it directly. No rule lives here twice: lanes and reasons come from
``models``, network behaviour from the connectors.

The desk opens its window with this service built, so what only a sync, an action or a secret
needs is imported when first used: the keyring (25-60 ms to import and find a backend), the
connector registry and its platforms, the sync engine, the outbox (tests/test_startup.py keeps
it so). A sync or push builds its first connector on the service's background runner (the
one executor for work off the loop, services/reads.py), keeping the event loop free while the
keyring, the HTTP stack and the TLS context load.

Every operation returns ``Done(value, changes)`` (services/ops.py) so a view redraws only what
changed; a sync or push may change anything (``SYNC_CHANGES``) and returns its results alone.
No coroutine here waits on the writer synchronously: accounts are read through a read-only
connection (services/reads.py).

Start-up work runs on the writer in two parts: the outbox's recovery, submitted at once (only
what was in flight; every read waits for it), and a full check of the overlays (``heal``), which
the first sync or push waits for; the desk starts those after its first frame.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.models import accounts as accountsmod
from desktop.models import keys
from desktop.models.accounts import Account
from desktop.models.store import Store
from desktop.models.vocabulary import LOCAL_MARKS
from desktop.models.writer import Writer
from desktop.services import repair
from desktop.services.claims import DeskClaims
from desktop.services.errors import DeskError
from desktop.services.ops import EVERYTHING, Changes, Done
from desktop.services.reads import DeskReads
from desktop.services.settings import DeskSettings
from desktop.services.templates import DeskTemplates
from desktop.tuning import sync_tuning

if TYPE_CHECKING:
    from desktop.models.outbox_types import Entry
    from desktop.services.connectors.base import Connector
    from desktop.services.credentials import CredentialStore
    from desktop.services.sync import Progress, PushResult, SyncResult

log = logging.getLogger(__name__)


# What a sync or a push may have changed: any row, the counts, the outbox.
SYNC_CHANGES = EVERYTHING


class DeskService(DeskClaims, DeskReads):
    def __init__(self, profile: Path, credentials: CredentialStore | None = None) -> None:
        self.profile = Path(profile)
        self.writer = Writer(self.profile)
        # A damaged cache met by any job on the writer is moved aside and rebuilt.
        self.repair = repair.install(self, again=(_recover, _heal))
        self._init_reads()
        self.settings = DeskSettings(self.writer, self.read_store)
        self.templates = DeskTemplates(self.writer, self.read_store)  # saved replies
        self.repair.listen(lambda _moved: self.cache_rebuilt())
        self._credentials = credentials
        self._credentials_lock = threading.Lock()  # a connector may be built off the loop
        self._connectors: dict[str, Connector] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # the insight facts following the last syncs (sync(wait_for_insight=False))
        self._insight_task: asyncio.Future[None] | None = None
        self._insight_next: set[str] = set()
        # An action left in flight by a crashed or killed run may have reached the server.
        # The writer runs this before any job given to it later (its jobs run in order) and
        # every read waits for it (wait_ready), but the caller does not: on a big cache its
        # first queries take 10-15 ms, which the desk spends loading its window meanwhile.
        self._recovery = self.writer.submit(_recover)
        self._healing: concurrent.futures.Future[int] | None = None
        self._healing_lock = threading.Lock()

    def heal(self) -> concurrent.futures.Future[int]:
        """Once per process: lay every account's marks and open actions over the cache again,
        where a row disagrees with state.db; the future's result is how many items were laid.

        A crash between a mark's commit in state.db and its overlay in the cache leaves the row
        in its old lane: the recovery heals only rows that show an action, a sync only the rows
        it inserts. This check reads every item with a mark or an action (~50 ms with 6,000 of
        them, measured), so nothing on the way to the window's first frame waits for it: the
        first sync or push starts it (the desk starts those after that frame), and it runs on
        the writer before their writes. One that failed is tried again at the next call.
        """
        with self._healing_lock:
            last = self._healing
            if last is None or (last.done() and (last.cancelled()
                                                 or last.exception() is not None)):
                self._healing = self.writer.submit(_heal)
            assert self._healing is not None
            return self._healing

    async def healed(self) -> None:
        """Wait for ``heal`` (before a sync's or push's writes, or a one-shot read such as the
        command line's queue). Shielded: a cancelled sync must not cancel the heal that a push
        also waits for."""
        await asyncio.shield(asyncio.wrap_future(self.heal()))

    @property
    def credentials(self) -> CredentialStore:
        """The keyring, opened when a secret is first stored or read."""
        with self._credentials_lock:
            if self._credentials is None:
                from desktop.services.credentials import CredentialStore

                self._credentials = CredentialStore()
            return self._credentials

    # --- accounts ---------------------------------------------------------------------------

    async def account(self, name: str | None = None) -> Account:
        all_accounts = await self.list_accounts()
        if name is None:
            if len(all_accounts) == 1:
                return all_accounts[0]
            if not all_accounts:
                raise DeskError("No account yet: add one with 'dialogue-desk account add'")
            raise DeskError("Several accounts exist: name one with --account")
        for acc in all_accounts:
            if acc.name == name:
                return acc
        raise DeskError(f"No account called '{name}'")

    async def add_account(self, name: str, kind: str, url: str, username: str,
                          secret: str) -> Done[tuple[Account, list[str]]]:
        """Verify against the server, then save (the secret to the keyring only).

        Returns the account and warnings for the person (e.g. no keyring: secret kept for this
        run only; the account has more power than the job needs).
        """
        if not keys.valid_account_name(name):
            raise DeskError(
                f"'{name}' cannot be an account name: use letters, digits, '.', '-' or '_'"
            )
        url = url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise DeskError(f"'{url}' is not a web address (it should start with https://)")
        from desktop.services import connectors
        from desktop.services.connectors.base import ConnectorError
        from desktop.services.credentials import CredentialError

        try:
            connector = connectors.create(kind, url=url, username=username, secret=secret)
        except connectors.UnknownConnector as exc:
            raise DeskError(str(exc)) from exc
        try:
            identity = await connector.verify()
        except ConnectorError as exc:
            await connector.aclose()
            raise DeskError(str(exc)) from exc
        warnings = list(identity.warnings)
        try:
            self.credentials.set(name, secret)
        except CredentialError as exc:
            self.credentials.remember_for_session(name, secret)
            warnings.append(str(exc))
        account = Account(
            name=name, connector=kind, url=url, username=username, user_id=identity.user_id,
            display_name=identity.display_name, role=identity.role, areas=identity.areas,
            capabilities=identity.capabilities,
            settings={"moderation_scope": identity.moderation_scope},
        )
        await self.writer.call(accountsmod.save_account, account)
        old = self._connectors.pop(name, None)
        if old is not None:
            await old.aclose()
        self._connectors[name] = connector
        return Done((account, warnings), Changes(accounts=True, counts=True, lanes=True))

    async def remove_account(self, name: str) -> Done[bool]:
        from desktop.services.credentials import CredentialError

        connector = self._connectors.pop(name, None)
        if connector is not None:
            await connector.aclose()
        try:
            self.credentials.delete(name)
        except CredentialError:
            pass
        removed = await self.writer.call(accountsmod.remove_account, name)
        return Done(removed, Changes(accounts=removed, counts=removed, lanes=removed))

    def connector(self, account: Account) -> Connector:
        existing = self._connectors.get(account.name)
        if existing is not None:
            return existing
        secret = self.credentials.get(account.name)
        if secret is None:
            raise DeskError(
                f"No secret for account '{account.name}': the keyring has none. Give it for "
                f"this run in the environment variable DIALOGUE_DESK_SECRET_"
                f"{''.join(c if c.isalnum() else '_' for c in account.name.upper())}"
            )
        from desktop.services import connectors

        connector = connectors.create(account.connector, url=account.url,
                                      username=account.username, secret=secret,
                                      options=self.connector_options(account))
        self._connectors[account.name] = connector
        return connector

    def connector_options(self, account: Account) -> dict[str, object]:
        """The platform options a connector is built with, from the declared settings."""
        if account.connector == "wordpress":
            return {"sweep_interval": float(
                self.settings.get("wordpress_sweep_interval", account.name))}
        return {}

    async def _connector_off_loop(self, account: Account) -> Connector:
        """``connector()``, built on a worker thread the first time. Reading the secret (the
        keyring's import and backend search, 25-60 ms), importing the platform's module and the
        HTTP stack (40+ ms) and loading the CA store for the TLS context (tens of ms) would
        otherwise stall the event loop, and the window that has just opened, at the first
        sync."""
        existing = self._connectors.get(account.name)
        if existing is not None:
            return existing
        async with self._lock(account.name + "/connector"):
            existing = self._connectors.get(account.name)
            if existing is None:
                existing = await self.in_background(self._build_connector, account)
        return existing

    async def connector_for(self, name: str) -> Connector:
        """The account's connector, built off the loop the first time (for services/live.py)."""
        return await self._connector_off_loop(await self.account(name))

    def _build_connector(self, account: Account) -> Connector:
        connector = self.connector(account)
        from desktop.services.http import ssl_context

        ssl_context()  # built once and cached: the connector's HTTP client uses it
        return connector

    def check_cache(self) -> concurrent.futures.Future[bool]:
        return repair.check_soon(self)

    def _lock(self, name: str) -> asyncio.Lock:
        return self._locks.setdefault(name, asyncio.Lock())

    # --- sync and push ---------------------------------------------------------------------

    async def sync(self, name: str | None = None, *, progress: Progress | None = None,
                   max_pages: int | None = None, full: bool = False,
                   wait_for_insight: bool = True) -> list[SyncResult]:
        """Pull what is new. ``full``: the "Full check" a person asked for (Shift+F5,
        ``sync --full``), so a connector that re-reads everything only now and then
        (WordPress's sweep of every comment, Plone's, docs/wordpress.md) does it now. The
        timer and a plain "Sync now" leave it False: their cheap checks spare the server.

        ``wait_for_insight``: the insight facts follow the sync's pages
        (``sync.refresh_insight``). True (the CLI: a process that exits after its sync would
        never finish a build in the background) returns after them; False (the desk) returns
        when the pages are stored and the lanes are right, the facts following on the writer
        between other jobs."""
        from desktop.services.connectors.base import ConnectorError
        from desktop.services.sync import sync_account

        targets = [await self.account(name)] if name else await self.list_accounts()
        await self.healed()
        results = []
        for acc in targets:
            async with self._lock(acc.name):
                try:
                    connector = await self._connector_off_loop(acc)
                    # optional: only connectors with a periodic full check have it
                    request_sweep = getattr(connector, "request_sweep", None)
                    if full and request_sweep is not None:
                        request_sweep()
                    with sync_tuning():
                        # once more, from scratch, if the cache was rebuilt meanwhile
                        results.append(await repair.sync_rebuilding(
                            self, acc.name, functools.partial(
                                sync_account, self.writer, connector, acc.name,
                                progress=progress, max_pages=max_pages)))
                except ConnectorError as exc:
                    raise DeskError(f"{acc.name}: {exc}") from exc
        names = [acc.name for acc in targets]
        if not wait_for_insight:
            if self._insight_task is None or self._insight_task.done():
                self._insight_task = asyncio.ensure_future(self._refresh_insight(names))
            else:  # the running refresh takes these accounts in turn after its own
                self._insight_next.update(names)
        else:
            await self._refresh_insight(names)
        return results

    async def _refresh_insight(self, names: list[str]) -> None:
        from desktop.services.sync import refresh_insight

        pending = list(names)
        while pending:
            for account in pending:
                try:
                    await refresh_insight(self.writer, account)
                except Exception:  # the figures fall back to the comments; a sync is not lost
                    log.exception("insight facts of %s not refreshed", account)
            pending = sorted(self._insight_next)
            self._insight_next.clear()

    async def push(self, name: str | None = None, *, force: bool = True) -> list[PushResult]:
        """Send due actions. A periodic push passes ``force=False`` to respect backoff."""
        from desktop.services.sync import push_account

        targets = [await self.account(name)] if name else await self.list_accounts()
        await self.healed()
        await repair.before_push(self, name)  # a rebuilt cache is synced first
        results = []
        for acc in targets:
            async with self._lock(acc.name + "/push"):
                connector = await self._connector_off_loop(acc)
                results.append(await push_account(self.writer, connector, acc.name,
                                                  force=force))
        return results

    # --- actions --------------------------------------------------------------------------

    async def act(self, key: str, kind: str, *, text: str | None = None,
                  until: float | None = None, delay: float = 0.0) -> Done[Entry | None]:
        """Queue a remote action (checked against the account's capabilities) or set a mark.

        Its value is the outbox entry, or None for a local mark.
        """
        from desktop.models import outbox
        from desktop.services.connectors.base import ACTION_CAPABILITY

        try:
            account_name, _, _ = keys.parse(key)
        except keys.BadKey as exc:
            raise DeskError(str(exc)) from exc
        acc = await self.account(account_name)
        try:
            if kind in LOCAL_MARKS:
                await self.writer.call(outbox.set_mark, key, LOCAL_MARKS[kind], until=until)
                return Done(None, Changes.of_items([key], outbox=False))
            capability = ACTION_CAPABILITY.get(kind)
            if capability is None:
                raise DeskError(f"'{kind}' is not an action")
            if not acc.can(capability):
                raise DeskError(
                    f"Your account {acc.name} ({acc.role or 'no role'}) may not {kind} here"
                )
            entry = await self.writer.call(outbox.enqueue, key, kind, text=text, delay=delay)
            return Done(entry, Changes.of_items([key], outbox=True))
        except outbox.OutboxError as exc:
            raise DeskError(str(exc)) from exc

    async def decide(self, key: str, text: str) -> Done[int]:
        """Write a decision note on the thread of ``key``; it keeps the thread's promises
        (they leave Follow-up). Its value is how many it kept."""
        from desktop.models import promises

        try:
            kept = await self.writer.call(promises.write_decision, key, text)
        except (ValueError, LookupError) as exc:  # keys.BadKey is a ValueError
            raise DeskError(str(exc)) from exc
        return Done(kept, Changes.of_items([key], outbox=False))

    async def undo(self, entry_id: int) -> Done[bool]:
        """Take back an action not sent yet; False when it was already on its way."""
        from desktop.models import outbox

        entry = await self.writer.call(outbox.get, entry_id)
        undone = await self.writer.call(outbox.cancel, entry_id)
        items = [entry.item] if entry is not None and undone else []
        return Done(undone, Changes.of_items(items, outbox=True, lanes=undone))

    async def retry(self, entry_id: int, text: str | None = None) -> Done[bool]:
        """Send a conflicted, failed or unknown action again (with a new text for a reply)."""
        from desktop.models import outbox

        ok = await self.writer.call(outbox.retry, entry_id, text=text)
        return Done(ok, self._entry_changes(await self.writer.call(outbox.get, entry_id), ok))

    async def discard(self, entry_id: int) -> Done[bool]:
        """Give up a conflicted or failed action."""
        from desktop.models import outbox

        entry = await self.writer.call(outbox.get, entry_id)
        ok = await self.writer.call(outbox.discard, entry_id)
        return Done(ok, self._entry_changes(entry, ok))

    async def save_draft(self, key: str, text: str) -> Done[None]:
        from desktop.models import outbox

        await self.writer.call(outbox.save_draft, key, text)
        return Done(None)  # a draft shows nowhere but in its composer

    @staticmethod
    def _entry_changes(entry: Entry | None, changed: bool) -> Changes:
        if not changed:
            return Changes(outbox=True)
        return Changes.of_items([entry.item] if entry is not None else [], outbox=True)

    async def insight_settled(self) -> None:
        """Wait for the insight facts' background refresh (tests, a quit)."""
        while self._insight_task is not None and not self._insight_task.done():
            await asyncio.shield(self._insight_task)

    async def aclose(self) -> None:
        if self._insight_task is not None and not self._insight_task.done():
            # a slice is its own transaction: the next sync goes on from the last one
            self._insight_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._insight_task
        for connector in self._connectors.values():
            try:
                await connector.aclose()
            except Exception:  # closing must not hide the real outcome
                log.debug("closing a connector failed", exc_info=True)
        self._connectors.clear()
        self._close_reads()
        self.writer.close()


def _recover(store: Store) -> int:
    """outbox.recover, imported on the writer thread that runs it."""
    from desktop.models import outbox

    return outbox.recover(store)


def _heal(store: Store) -> int:
    """overlays.reapply of every account, in full; imported on the writer thread that runs it."""
    from desktop.models import overlays

    return sum(overlays.reapply(store, acc.name) for acc in accountsmod.list_accounts(store))
