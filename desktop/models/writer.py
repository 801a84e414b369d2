"""The one writer: a thread that owns the writing Store and runs every write in turn.

SQLite writes on the event-loop thread stall the window (p99 loop lag 69 ms measured); on a
dedicated thread with its own connection, which also parses the JSON, the loop stays at ~2 ms.
Callers hand over a function of the store and await its result.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.models.store import Store

T = TypeVar("T")
log = logging.getLogger(__name__)

_STOP = object()


# How long a thread may keep the GIL while another waits for it. Python's default (5 ms) lets
# the writer's parsing and triage hold the GUI thread for 5-10 ms at a time during a sync; at
# 1 ms the loop's p99 lag stays under a frame and throughput is unchanged (docs/benchmarks.md).
SWITCH_INTERVAL = 0.001

# A sync's pages share a transaction while they come faster than they are stored
# (Store.apply_page(hold=True)); when the next one is this late, those stored are committed so
# the window shows them.
HOLD_IDLE = 0.05


class Writer:
    def __init__(self, profile: Path) -> None:
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)
        self._jobs: queue.Queue[Any] = queue.Queue()
        ready: concurrent.futures.Future[Store] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._run, args=(Path(profile), ready), name="store-writer", daemon=True
        )
        self._thread.start()
        self.store_info = ready.result()  # re-raises an error opening the databases

    def _run(self, profile: Path, ready: concurrent.futures.Future[Store]) -> None:
        try:
            store = Store(profile)
        except BaseException as exc:  # noqa: BLE001 - handed to the constructor's caller
            ready.set_exception(exc)
            return
        ready.set_result(store)
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=HOLD_IDLE if store.holding else None)
                except queue.Empty:
                    self._commit_held(store)  # the next page is late: show these now
                    continue
                if job is _STOP:
                    break
                fn, args, kwargs, fut = job
                if not fut.set_running_or_notify_cancel():
                    continue
                if store.holding and not kwargs.get("hold"):
                    # every other job sees (and writes after) the sync's pages committed
                    self._commit_held(store)
                try:
                    fut.set_result(fn(store, *args, **kwargs))
                except BaseException as exc:  # noqa: BLE001 - delivered to the awaiting caller
                    fut.set_exception(exc)
        finally:
            store.close()

    @staticmethod
    def _commit_held(store: Store) -> None:
        try:
            store.commit_held()
        except Exception:  # the sync's next page raises it (Store.commit_held)
            log.warning("storing the synced pages failed", exc_info=True)

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any
               ) -> concurrent.futures.Future[T]:
        if not self._thread.is_alive():
            raise RuntimeError("the store writer has stopped")
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._jobs.put((fn, args, kwargs, fut))
        return fut

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(store, *args, **kwargs)`` on the writer thread and await its result."""
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    def call_sync(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.submit(fn, *args, **kwargs).result()

    def close(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._jobs.put(_STOP)
            self._thread.join(timeout)
