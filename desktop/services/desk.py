"""The service the command line and the desk share: accounts, sync, push, actions.

It owns the writer thread and one connector per account; the GUI wraps it in a thin QObject
bridge, the CLI awaits it directly. No rule lives here twice: lanes and reasons come from
``models``, network behaviour from the connectors.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from desktop.models import accounts as accountsmod
from desktop.models import keys, outbox
from desktop.models.accounts import Account
from desktop.models.schema import DONE, FOLLOWUP, SNOOZED
from desktop.models.store import Store
from desktop.models.writer import Writer
from desktop.services import connectors
from desktop.services.connectors.base import ACTION_CAPABILITY, Connector, ConnectorError
from desktop.services.credentials import CredentialError, CredentialStore
from desktop.services.sync import Progress, PushResult, SyncResult, push_account, sync_account

log = logging.getLogger(__name__)

LOCAL_MARKS = {"done": DONE, "snooze": SNOOZED, "followup": FOLLOWUP, "reopen": None}


class DeskError(Exception):
    """An expected problem with a one-line message for a person."""


class DeskService:
    def __init__(self, profile: Path, credentials: CredentialStore | None = None) -> None:
        self.profile = Path(profile)
        self.writer = Writer(self.profile)
        self.credentials = credentials or CredentialStore()
        self._connectors: dict[str, Connector] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # An action left in flight by a crashed or killed run may have reached the server.
        self.writer.call_sync(outbox.recover)

    # --- accounts ---------------------------------------------------------------------------

    def accounts(self) -> list[Account]:
        return self.writer.call_sync(accountsmod.list_accounts)

    def account(self, name: str | None = None) -> Account:
        all_accounts = self.accounts()
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
                          secret: str) -> tuple[Account, list[str]]:
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
        return account, warnings

    async def remove_account(self, name: str) -> bool:
        connector = self._connectors.pop(name, None)
        if connector is not None:
            await connector.aclose()
        try:
            self.credentials.delete(name)
        except CredentialError:
            pass
        return await self.writer.call(accountsmod.remove_account, name)

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
        connector = connectors.create(account.connector, url=account.url,
                                      username=account.username, secret=secret)
        self._connectors[account.name] = connector
        return connector

    def _lock(self, name: str) -> asyncio.Lock:
        return self._locks.setdefault(name, asyncio.Lock())

    # --- sync and push ---------------------------------------------------------------------

    async def sync(self, name: str | None = None, *, progress: Progress | None = None,
                   max_pages: int | None = None) -> list[SyncResult]:
        targets = [self.account(name)] if name else self.accounts()
        results = []
        for acc in targets:
            async with self._lock(acc.name):
                try:
                    results.append(await sync_account(
                        self.writer, self.connector(acc), acc.name, progress=progress,
                        max_pages=max_pages,
                    ))
                except ConnectorError as exc:
                    raise DeskError(f"{acc.name}: {exc}") from exc
        return results

    async def push(self, name: str | None = None, *, force: bool = True) -> list[PushResult]:
        """Send due actions. A periodic push passes ``force=False`` to respect backoff."""
        targets = [self.account(name)] if name else self.accounts()
        results = []
        for acc in targets:
            async with self._lock(acc.name + "/push"):
                results.append(await push_account(self.writer, self.connector(acc), acc.name,
                                                  force=force))
        return results

    # --- actions --------------------------------------------------------------------------

    async def act(self, key: str, kind: str, *, text: str | None = None,
                  until: float | None = None, delay: float = 0.0) -> outbox.Entry | None:
        """Queue a remote action (checked against the account's capabilities) or set a mark.

        Returns the outbox entry, or None for a local mark.
        """
        try:
            account_name, _, _ = keys.parse(key)
        except keys.BadKey as exc:
            raise DeskError(str(exc)) from exc
        acc = self.account(account_name)
        try:
            if kind in LOCAL_MARKS:
                await self.writer.call(outbox.set_mark, key, LOCAL_MARKS[kind], until=until)
                return None
            capability = ACTION_CAPABILITY.get(kind)
            if capability is None:
                raise DeskError(f"'{kind}' is not an action")
            if not acc.can(capability):
                raise DeskError(
                    f"Your account {acc.name} ({acc.role or 'no role'}) may not {kind} here"
                )
            return await self.writer.call(outbox.enqueue, key, kind, text=text, delay=delay)
        except outbox.OutboxError as exc:
            raise DeskError(str(exc)) from exc

    async def undo(self, entry_id: int) -> bool:
        return await self.writer.call(outbox.cancel, entry_id)

    async def aclose(self) -> None:
        for connector in self._connectors.values():
            try:
                await connector.aclose()
            except Exception:  # noqa: BLE001 - closing must not hide the real outcome
                log.debug("closing a connector failed", exc_info=True)
        self._connectors.clear()
        self.writer.close()

    def reader(self) -> Store:
        """A read-only Store for the calling thread (queue views, CLI listings)."""
        return Store(self.profile, readonly=True)

