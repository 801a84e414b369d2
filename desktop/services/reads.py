"""The desk service's reads: what the command line and the views show, through one face.

Each thread reads through a read-only connection of its own (SQLite connections stay on the
thread that opened them); the GUI thread's reads are indexed queries of a few ms. Reads that a
frame must not wait for (a big lane's ids, the keyring's status) run on the service's one
background runner (``run_in_background``), never on a thread of their own.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.models import db, insight, queries
from desktop.models.outbox_types import Entry
from desktop.models.queries import AuthorContext, QueueItem, SearchHit, Thread
from desktop.models.store import Store
from desktop.services.errors import DeskError

if TYPE_CHECKING:
    from desktop.models.accounts import Account
    from desktop.models.outbox import Answer
    from desktop.models.promises import Decision

T = TypeVar("T")

__all__ = ["AuthorContext", "DeskReads", "Entry", "QueueItem", "SearchHit", "Thread"]

# Lane reads and the first connector's build (keyring, TLS): two at a time is enough on the
# two-core machines we measure on, and a lane switch never waits behind a slow keyring.
RUNNER_THREADS = 2


class DeskReads:
    profile: Path
    _recovery: concurrent.futures.Future[int]

    def _init_reads(self) -> None:
        self._local = threading.local()
        # Bumped when the cache is moved aside and started afresh: every thread's read-only
        # connection still reads the moved file until it opens the new one.
        self._cache_generation = 0
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        self.runner = concurrent.futures.ThreadPoolExecutor(
            max_workers=RUNNER_THREADS, thread_name_prefix="desk-runner")

    def wait_ready(self) -> None:
        """Wait for the start-up recovery; raises what it raised (a damaged state.db)."""
        self._recovery.result()

    async def ready(self) -> None:
        """``wait_ready`` without blocking the event loop."""
        await asyncio.wrap_future(self._recovery)

    def run_in_background(self, fn: Callable[..., T], *args: Any
                          ) -> concurrent.futures.Future[T]:
        """Run ``fn(*args)`` on the background runner (reads a frame must not wait for)."""
        return self.runner.submit(fn, *args)

    async def in_background(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self.run_in_background(fn, *args))

    def reader(self) -> Store:
        """A read-only Store of its own for the caller to close (tests, one-shot listings)."""
        self.wait_ready()
        return Store(self.profile, readonly=True)

    def read_store(self) -> Store:
        """This thread's read-only Store, kept open until the service closes (or the cache
        is rebuilt: then opened again on the new file)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is not None and self._local.generation != self._cache_generation:
            with self._opened_lock:
                self._opened.remove(store)
            store.close()
            store = None
        if store is None:
            self.wait_ready()
            store = Store(self.profile, readonly=True)
            self._local.store = store
            self._local.generation = self._cache_generation
            with self._opened_lock:
                self._opened.append(store)
        return store

    def cache_rebuilt(self) -> None:
        """The cache was moved aside and started afresh (any thread): reads reopen it."""
        self._cache_generation += 1

    def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(this thread's read store, …)``; a read that finds the cache damaged has the
        writer check it (and rebuild it from the server when the check fails) and reads
        again, from the new cache. Rare, so the caller may wait for the writer then."""
        try:
            return fn(self.read_store(), *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not db.is_damage(exc) or not self.check_cache().result():
                raise
            return fn(self.read_store(), *args, **kwargs)

    def check_cache(self) -> concurrent.futures.Future[bool]:
        """Queue the cache's quick check on the writer; True when it was damaged and is now
        rebuilt (the desk service implements it with its repair watch)."""
        raise NotImplementedError

    def _close_reads(self) -> None:
        self.runner.shutdown(wait=True, cancel_futures=True)
        mine = getattr(self._local, "store", None)
        if mine is not None:
            # only the calling thread may close its connection; the runner's go with it
            mine.close()
            self._local.store = None

    # --- accounts --------------------------------------------------------------------------

    def accounts(self) -> list[Account]:
        """The accounts, read through this thread's read-only connection (they are few)."""
        from desktop.models import accounts as accountsmod

        return accountsmod.list_accounts(self.read_store())

    async def list_accounts(self) -> list[Account]:
        """``accounts()`` for a coroutine: waits for the recovery without blocking the loop."""
        await self.ready()
        return self.accounts()

    # --- the queue -------------------------------------------------------------------------

    def lane_counts(self, account: str | None = None, area: str | None = None
                    ) -> dict[str, int]:
        return self._read(queries.lane_counts, account=account, area=area)

    def area_counts(self, lane: str) -> list[tuple[str, str, int]]:
        return self._read(queries.area_counts, lane)

    def queue_page(self, lane: str, *, account: str | None = None, area: str | None = None,
                   search: str | None = None, limit: int = 200) -> list[QueueItem]:
        return self._read(queries.queue_page, lane, account=account, area=area,
                          search=search, limit=limit)

    def search(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        return self._read(queries.search, text, limit=limit)

    def thread(self, key: str) -> Thread | None:
        return self._read(queries.thread, key)

    def author_context(self, key: str) -> AuthorContext | None:
        return self._read(queries.author_context, key)

    def mention_candidates(self, account: str, prefix: str) -> list[tuple[str, str]]:
        return self._read(queries.mention_candidates, account, prefix)

    # --- insight (issue 17) ---------------------------------------------------------------

    def report(self, *, since: float | None = None, until: float | None = None,
               area: str | None = None, account: str | None = None,
               now: float | None = None) -> insight.Report:
        """Every figure of the period (``insight.report``); a big cache takes a moment: call
        it through ``in_background`` from a coroutine or the window."""
        return self._insight(insight.report, since, until, area, account, now)

    def report_weekly(self, *, since: float | None = None, until: float | None = None,
                      area: str | None = None, account: str | None = None,
                      now: float | None = None) -> list[insight.Figures]:
        """The figures per ISO week of the period, for trends."""
        return self._insight(insight.weekly, since, until, area, account, now)

    def report_by_area(self, *, since: float | None = None, until: float | None = None,
                       area: str | None = None, account: str | None = None,
                       now: float | None = None) -> list[insight.Figures]:
        """The figures of each area, for the CSV's rows."""
        return self._insight(insight.by_area, since, until, area, account, now)

    def dashboard(self, *, since: float | None = None, until: float | None = None,
                  area: str | None = None, account: str | None = None,
                  now: float | None = None) -> tuple[insight.Report, list[insight.Figures]]:
        """The report and its weekly trend in one call: the dashboard submits it to the
        background runner (``run_in_background``) and paints what comes back."""
        return (self.report(since=since, until=until, area=area, account=account, now=now),
                self.report_weekly(since=since, until=until, area=area, account=account,
                                   now=now))

    def insight_areas(self) -> list[str]:
        """The names of the areas of every account, for the dashboard's area list."""
        return sorted({name for (name,) in self.read_store().cache.execute(
            "SELECT DISTINCT name FROM areas WHERE name != ''")}, key=str.casefold)

    def patch(self, *, account: str | None = None, now: float | None = None) -> Any:
        """The ambassador's patch (``desktop/models/patch.py``), offline from the cache: call
        it through the background runner."""
        from desktop.models import patch

        return self._read(patch.patch, account=account, now=now)

    def _insight(self, fn: Callable[..., T], since: float | None, until: float | None,
                 area: str | None, account: str | None, now: float | None) -> T:
        try:
            return self._read(fn, since=since, until=until, area=area, account=account,
                              now=now)
        except insight.UnknownAccount:
            raise DeskError(f"No account called '{account}'") from None

    # --- the outbox ------------------------------------------------------------------------

    def outbox_entries(self, states: tuple[str, ...] | None = None) -> list[Entry]:
        from desktop.models import outbox

        return outbox.entries(self.read_store(), states)

    def outbox_entry(self, entry_id: int) -> Entry | None:
        from desktop.models import outbox

        return outbox.get(self.read_store(), entry_id)

    def outbox_counts(self) -> dict[str, int]:
        from desktop.models import outbox

        return outbox.counts(self.read_store())

    # --- follow-ups ----------------------------------------------------------------------

    def decisions(self, key: str) -> list[Decision]:
        """The decision notes written on the thread of ``key``."""
        from desktop.models import promises

        return promises.decisions(self.read_store(), key)

    def answers(self, key: str) -> list[Answer]:
        """Staff replies by others to the comment ``key`` (the composer's "answered" line)."""
        from desktop.models import keys, outbox

        account, entity, rid = keys.parse(key)
        return outbox.answers(self.read_store(), account, rid) if entity == "comment" else []

    def draft(self, key: str) -> str:
        from desktop.models import outbox

        return outbox.draft(self.read_store(), key)
