"""Wake-ups for long-polls on the change feed (``GET /changes?wait=N``).

A waiting request holds no thread: it awaits an :class:`asyncio.Event` that every committed
write sets. ``notify`` may be called from any thread (the writes commit on starlette's thread
pool, the activity task on the loop), so it hops onto the loop with ``call_soon_threadsafe``.
Writes made by another process on the same data file (tools, tests) wake nobody: waiters
also look at the feed every ``RECHECK`` seconds.
"""

from __future__ import annotations

import asyncio
import threading

MAX_WAIT = 30  # seconds a client may ask to wait; proxies commonly cut idle requests at 60
MAX_WAITERS = 200  # beyond this a long-poll is answered 429 with a Retry-After
RECHECK = 2.0  # seconds between looks at the feed while waiting


class ChangeFeed:
    def __init__(self, max_waiters: int = MAX_WAITERS) -> None:
        self.max_waiters = max_waiters
        self.waiters = 0
        self.closing = False  # the server is shutting down: waits end at once
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._lock = threading.Lock()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            self._loop = loop

    def event(self) -> asyncio.Event:
        """The event the next write sets (call on the loop)."""
        if self._event is None:
            self._event = asyncio.Event()
        return self._event

    def notify(self) -> None:
        """Something was committed: wake every waiter. Safe from any thread."""
        with self._lock:
            loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wake()
        else:
            loop.call_soon_threadsafe(self._wake)

    def close(self) -> None:
        """End every wait now (the server is stopping; a signal handler may call this)."""
        self.closing = True
        with self._lock:
            loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        # A fresh event per write: a waiter that arrives after this wake-up waits for the next.
        event, self._event = self._event, None
        if event is not None:
            event.set()
