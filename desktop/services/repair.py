"""A damaged cache is found wherever it shows, and rebuilt from the server.

cache.db is disposable (README guarantee 4): what it holds comes back with a fresh first sync,
while state.db (outbox, marks, drafts) is never touched. A damaged cache used to be noticed
only when it was opened; a page can also go bad under a running desk, and SQLite then says so
on whichever read or write meets it. So every job the writer runs is watched: when one fails
with a damage error (``db.is_damage``) and the cache fails its quick check, the cache is moved
aside on the writer thread and a new one started, and the job's caller gets ``CacheRebuilt``.
A sync that meets it starts again into the new cache (a first sync); a push waits for that
sync first, so an action queued before the damage lands once, against fresh rows. The desk
also checks the cache once after its first frame, before the first sync (``check_soon``).

Installed by ``DeskService.__init__`` (``install``); the desk registers ``on_rebuilt`` to show
the message.
"""

from __future__ import annotations

import concurrent.futures
import functools
import logging
import sqlite3
import threading
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.models import accounts as accountsmod
from desktop.models import db
from desktop.models.store import Store
from desktop.services.errors import DeskError

if TYPE_CHECKING:
    from desktop.services.desk import DeskService

log = logging.getLogger(__name__)
T = TypeVar("T")

MESSAGE = ("The local cache was damaged; it is being rebuilt from the server. "
           "Your outbox and drafts are safe.")


class CacheRebuilt(DeskError):
    """The cache was damaged and has been started afresh; the job that met it did not run."""

    def __init__(self, moved: Path | None = None) -> None:
        super().__init__(MESSAGE)
        self.moved = moved


class Watch:
    """What one service knows about rebuilds: which accounts still need their fresh sync."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.stale: set[str] = set()  # accounts whose rows went with the damaged cache
        self.rebuilds: list[Path] = []
        self._listeners: list[Callable[[Path], None]] = []

    def listen(self, callback: Callable[[Path], None]) -> None:
        with self._lock:
            self._listeners.append(callback)

    def rebuild(self, store: Store) -> Path:
        """Move the cache aside and start a new one (on the writer thread, which owns it)."""
        moved = store.rebuild_cache()
        names = {acc.name for acc in accountsmod.list_accounts(store)}
        with self._lock:
            self.stale |= names
            self.rebuilds.append(moved)
            listeners = list(self._listeners)
        log.warning("cache.db was damaged; moved to %s, rebuilding from the server", moved.name)
        for callback in listeners:
            try:
                callback(moved)
            except Exception:  # a listener must not undo the repair
                log.exception("a cache-rebuilt listener failed")
        return moved

    def opened_rebuilt(self, store: Store) -> None:
        assert store.cache_rebuilt is not None
        with self._lock:
            self.stale |= {acc.name for acc in accountsmod.list_accounts(store)}
            self.rebuilds.append(store.cache_rebuilt)

    def synced(self, account: str) -> None:
        with self._lock:
            self.stale.discard(account)


def install(service: DeskService, again: Iterable[Callable[..., Any]] = ()) -> Watch:
    """Watch every job of the service's writer for a damaged cache.

    ``again``: the start-up jobs (the outbox's recovery, the overlays' heal), which are about
    state.db and lay their results over whatever cache there is: after a rebuild they simply
    run again, so every read that waits for them is not failed for good."""
    watch = Watch()
    writer = service.writer
    submit = writer.submit

    again = set(again)

    def guarded_submit(fn: Callable[..., T], *args: Any, **kwargs: Any
                       ) -> concurrent.futures.Future[T]:
        return submit(functools.partial(_guarded, watch, fn, fn in again), *args, **kwargs)

    # Writer.call and call_sync go through self.submit: one instance attribute covers all.
    writer.submit = guarded_submit  # type: ignore[method-assign]
    # Opening the cache may already have found it damaged and started afresh (Store): its
    # accounts need their fresh sync before a push, just the same.
    submit(_note_rebuilt_on_open, watch)
    return watch


def _note_rebuilt_on_open(store: Store, watch: Watch) -> None:
    if store.cache_rebuilt is not None:
        watch.opened_rebuilt(store)


def _guarded(watch: Watch, fn: Callable[..., T], again: bool, store: Store, *args: Any,
             **kwargs: Any) -> T:
    try:
        return fn(store, *args, **kwargs)
    except (sqlite3.DatabaseError, db.CorruptDatabaseError) as exc:
        if not db.is_damage(exc) or store.readonly:
            raise
        # The error may come from state.db (never moved: it is not disposable) or from a cache
        # page: only a cache that fails its own check is rebuilt.
        if db.quick_check(store.cache):
            raise
        moved = watch.rebuild(store)
        if again:
            return fn(store, *args, **kwargs)
        raise CacheRebuilt(moved) from exc


def _check(watch: Watch, store: Store) -> bool:
    """The start-up check: True when the cache was found damaged (and is rebuilt)."""
    if db.quick_check(store.cache):
        return False
    watch.rebuild(store)
    return True


def check_soon(service: DeskService) -> concurrent.futures.Future[bool]:
    """Queue the cache's quick check on the writer: it runs before any job queued later (the
    first sync), off the window's thread."""
    return service.writer.submit(functools.partial(_check, service.repair))


def on_rebuilt(service: DeskService, callback: Callable[[Path], None]) -> None:
    """``callback(moved)`` on the writer thread after each rebuild (hop to the GUI yourself)."""
    service.repair.listen(callback)


async def sync_rebuilding(service: DeskService, account: str,
                          run: Callable[[], Awaitable[T]]) -> T:
    """One account's sync; if it meets a damaged cache, once more into the new cache."""
    try:
        result = await run()
    except CacheRebuilt:
        log.info("%s: syncing afresh into the rebuilt cache", account)
        result = await run()
    service.repair.synced(account)
    return result


async def before_push(service: DeskService, name: str | None) -> None:
    """A push after a rebuild waits for the accounts' fresh sync: its actions are checked
    against rows the new cache does not have yet."""
    stale = service.repair.stale
    if not stale:
        return
    targets = [name] if name else sorted(stale)
    for account in targets:
        if account in service.repair.stale:
            await service.sync(account)
