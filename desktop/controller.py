"""The thin bridge between the asyncio DeskService and the widgets.

Widgets call plain methods here; each starts a named asyncio task on the qasync loop and the
outcome comes back as Qt signals. No widget has an ``async def``. A sync never cancels an
action the user asked for: actions, undo, push and sync are separate tasks, and a second sync
request while one runs joins the running one. Expected problems (offline, bad token, missing
capability) arrive as ``failed(message)``; anything else goes to ``sys.excepthook``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sys
import time
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.models import queries
from desktop.models.accounts import Account
from desktop.models.store import Store
from desktop.models.vocabulary import LOCAL_MARKS, UNDO_SECONDS
from desktop.services.desk import DeskError, DeskService

# desktop.models.outbox is imported where it is used: nothing on the way to the window's first
# frame needs it (tests/test_startup.py keeps the start lean).

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 60_000


@dataclasses.dataclass
class UndoGroup:
    """One user action (maybe on several items) that Ctrl+Z can take back."""

    kind: str
    keys: list[str]
    entry_ids: list[int]
    at: float


class DeskController(QObject):
    sync_started = Signal()
    sync_progress = Signal(int, int)
    sync_finished = Signal(str)  # a one-line summary
    failed = Signal(str)  # an expected problem, for a message in the window
    notice = Signal(str)  # a short confirmation ("Approved 3 — Ctrl+Z to undo")
    outbox_changed = Signal()
    counts_changed = Signal()
    online_changed = Signal(bool)
    accounts_changed = Signal()
    account_added = Signal(str, list)  # name, warnings for the person
    account_failed = Signal(str)

    def __init__(self, service: DeskService, *, loop: asyncio.AbstractEventLoop | None = None,
                 undo_seconds: float = UNDO_SECONDS, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._loop = loop
        self.undo_seconds = undo_seconds
        self._reader: Store | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sync_task: asyncio.Task[Any] | None = None
        self._push_task: asyncio.Task[Any] | None = None
        self._push_again = False
        self._undo: list[UndoGroup] = []
        # Read at first use: the service's writer may still be recovering the outbox (off
        # the GUI thread) while the window's modules load.
        self._accounts_read: list[Account] | None = None
        self.online: bool | None = None
        self.last_sync: float | None = None
        self.syncing = False
        self._timer = QTimer(self)
        self._timer.setObjectName("periodic-sync")
        self._timer.timeout.connect(self.sync_and_push)
        if sync_interval_ms > 0:
            self._timer.start(sync_interval_ms)

    # --- reads (GUI thread, read-only connection) ---------------------------------------------

    @property
    def reader(self) -> Store:
        if self._reader is None:
            self._reader = self.service.reader()
        return self._reader

    @property
    def _accounts(self) -> list[Account]:
        if self._accounts_read is None:
            self._accounts_read = self.service.accounts()
        return self._accounts_read

    def accounts(self) -> list[Account]:
        return list(self._accounts)

    def account(self, name: str | None) -> Account | None:
        for acc in self._accounts:
            if acc.name == name:
                return acc
        return self._accounts[0] if self._accounts and name is None else None

    def can(self, key: str | None, kind: str) -> bool:
        """Whether the account behind ``key`` (or any account) may do ``kind``."""
        from desktop.services.connectors.base import ACTION_CAPABILITY

        if kind in LOCAL_MARKS:
            return True
        cap = ACTION_CAPABILITY.get(kind, kind)
        if key is None:
            return any(a.can(cap) for a in self._accounts)
        acc = self.account(key.split(":", 1)[0])
        return acc is not None and acc.can(cap)

    def lane_counts(self, account: str | None = None, area: str | None = None) -> dict[str, int]:
        return queries.lane_counts(self.reader, account=account, area=area)

    def outbox_counts(self) -> dict[str, int]:
        from desktop.models import outbox

        return outbox.counts(self.reader)

    def draft(self, key: str) -> str:
        from desktop.models import outbox

        return outbox.draft(self.reader, key)

    def can_undo(self) -> bool:
        return bool(self._undo) and time.time() - self._undo[-1].at < self.undo_seconds

    # --- starting work -------------------------------------------------------------------

    def _start(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        loop = self._loop or asyncio.get_event_loop()
        task = loop.create_task(self._guard(coro), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _guard(self, coro: Coroutine[Any, Any, Any]) -> Any:
        try:
            return await coro
        except DeskError as exc:
            self.failed.emit(str(exc))
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a bug: the excepthook shows it and logs it
            sys.excepthook(*sys.exc_info())
        return None

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no task of this controller runs (tests; shutdown)."""
        deadline = time.monotonic() + timeout
        while self._tasks:
            if time.monotonic() > deadline:
                raise TimeoutError(f"still running: {[t.get_name() for t in self._tasks]}")
            await asyncio.wait(set(self._tasks), timeout=max(0.01, deadline - time.monotonic()))

    # --- sync and push ---------------------------------------------------------------------

    def sync_and_push(self) -> asyncio.Task[Any]:
        return self._start(self._sync_then_push(), "sync+push")

    def sync_now(self) -> asyncio.Task[Any]:
        """The person's "Sync now": sync_and_push, and a connector that re-checks everything
        only now and then (WordPress's sweep) does it now instead of at its interval."""
        return self._start(self._sync_then_push(thorough=True), "sync-now")

    async def _sync_then_push(self, thorough: bool = False) -> None:
        await self._join_sync(thorough)
        await self._join_push()

    def sync(self) -> asyncio.Task[Any]:
        return self._start(self._join_sync(), "sync-request")

    async def _join_sync(self, thorough: bool = False) -> None:
        if thorough and self._sync_task is not None and not self._sync_task.done():
            # the running (timer) sync may be past its decision: a thorough one after it
            await asyncio.shield(self._sync_task)
        if self._sync_task is None or self._sync_task.done():
            self._sync_task = self._start(self._sync(thorough), "sync")
        await asyncio.shield(self._sync_task)

    async def _sync(self, thorough: bool = False) -> None:
        if not self._accounts:
            return
        self.syncing = True
        self.sync_started.emit()
        summary = ""
        try:
            results = await self.service.sync(progress=self._on_progress, thorough=thorough)
            records = sum(r.records for r in results)
            summary = self.tr("%n new or changed records", "", records)
            self.last_sync = time.time()
            self._set_online(True)
        except DeskError as exc:
            self._set_online(False)
            summary = str(exc)
            raise
        except OSError as exc:
            self._set_online(False)
            summary = self.tr("Offline: %1").replace("%1", str(exc))
        finally:
            self.syncing = False
            self.sync_finished.emit(summary)
            self.counts_changed.emit()
            self.outbox_changed.emit()

    def _on_progress(self, done: int, total: int | None) -> None:
        self.sync_progress.emit(int(done), int(total or 0))

    def push(self) -> asyncio.Task[Any]:
        return self._start(self._join_push(), "push-request")

    async def _join_push(self) -> None:
        # A push already running may have missed what was just queued: run once more after it.
        if self._push_task is not None and not self._push_task.done():
            self._push_again = True
            await asyncio.shield(self._push_task)
            return
        self._push_task = self._start(self._push(), "push")
        await asyncio.shield(self._push_task)

    async def _push(self) -> None:
        if not self._accounts:
            return
        while True:
            self._push_again = False
            results = await self.service.push()
            stopped = [r.stopped_by for r in results if r.stopped_by]
            self._set_online(not stopped)
            self.outbox_changed.emit()
            self.counts_changed.emit()
            if not self._push_again:
                break

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    # --- actions ---------------------------------------------------------------------------

    def act(self, keys: list[str], kind: str, *, text: str | None = None,
            until: float | None = None) -> asyncio.Task[Any]:
        return self._start(self._act(list(keys), kind, text, until), f"act:{kind}")

    async def _act(self, keys: list[str], kind: str, text: str | None,
                   until: float | None) -> None:
        remote = kind not in LOCAL_MARKS
        ids: list[int] = []
        done: list[str] = []
        try:
            for key in keys:
                entry = await self.service.act(key, kind, text=text, until=until,
                                               delay=self.undo_seconds if remote else 0.0)
                if entry is not None:
                    ids.append(entry.id)
                done.append(key)
        finally:
            if done:
                self._undo.append(UndoGroup(kind, done, ids, time.time()))
                del self._undo[:-20]
                self.counts_changed.emit()
                self.outbox_changed.emit()
        if remote:
            # Send once the undo window has passed.
            await asyncio.sleep(self.undo_seconds + 0.2)
            await self._join_push()

    def undo(self) -> asyncio.Task[Any] | None:
        if not self._undo:
            return None
        return self._start(self._undo_last(), "undo")

    async def _undo_last(self) -> None:
        group = self._undo.pop()
        if group.kind in LOCAL_MARKS:
            for key in group.keys:
                await self.service.act(key, "reopen")
            self.notice.emit(self.tr("Undone"))
        else:
            undone = 0
            for entry_id in group.entry_ids:
                undone += bool(await self.service.undo(entry_id))
            if undone < len(group.entry_ids):
                self.failed.emit(self.tr("Too late to undo: the action was already sent"))
            else:
                self.notice.emit(self.tr("Undone"))
        self.counts_changed.emit()
        self.outbox_changed.emit()

    def save_draft(self, key: str, text: str) -> asyncio.Task[Any]:
        from desktop.models import outbox

        return self._start(self.service.writer.call(outbox.save_draft, key, text), "draft")

    def retry(self, entry_id: int, text: str | None = None) -> asyncio.Task[Any]:
        return self._start(self._retry(entry_id, text), "retry")

    async def _retry(self, entry_id: int, text: str | None) -> None:
        from desktop.models import outbox

        if not await self.service.writer.call(outbox.retry, entry_id, text=text):
            self.failed.emit(self.tr("This action cannot be sent again"))
        self.outbox_changed.emit()
        self.counts_changed.emit()
        await self._join_push()

    def discard(self, entry_id: int) -> asyncio.Task[Any]:
        return self._start(self._discard(entry_id), "discard")

    async def _discard(self, entry_id: int) -> None:
        from desktop.models import outbox

        await self.service.writer.call(outbox.discard, entry_id)
        self.outbox_changed.emit()
        self.counts_changed.emit()

    # --- accounts --------------------------------------------------------------------------

    def add_account(self, name: str, kind: str, url: str, username: str,
                    secret: str) -> asyncio.Task[Any]:
        return self._start(self._add_account(name, kind, url, username, secret), "account")

    async def _add_account(self, name: str, kind: str, url: str, username: str,
                           secret: str) -> Account | None:
        try:
            account, warnings = await self.service.add_account(name, kind, url, username, secret)
        except DeskError as exc:
            self.account_failed.emit(str(exc))
            return None
        self._accounts_read = self.service.accounts()
        self.accounts_changed.emit()
        self.account_added.emit(account.name, warnings)
        return account

    async def aclose(self) -> None:
        self._timer.stop()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=5)
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        await self.service.aclose()
