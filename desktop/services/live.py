"""Keeping the queue live while the desk (or ``dialogue-desk watch``) is open.

One task per account. An account whose connector can wait for a change (the reference
protocol's long-poll, ``wait_for_change``) keeps one request waiting on the server and runs a
normal incremental sync (``DeskService.sync``, the one sync engine) as soon as it answers
"changed". Other platforms are polled every ``poll_interval`` seconds when ``poll_others`` is
set (the desk has its own timer for them; the command line does not).

Bad answers to the long-poll — garbage, an empty answer long before the wait is over, a
stall past the wait — switch that account to polling with backoff (capped at
``poll_interval``); it tries the long-poll again after each poll and is live again once one
works. A network failure makes the account offline: a cheap probe with backoff (capped at
``PROBE_CAP`` seconds, so a return is noticed within seconds) runs until the server answers,
then ``on_back`` runs (the desk pushes its outbox and syncs at once). ``wake()`` cuts the
waits short (the OS said the network is back).

Which items entered a lane comes from :class:`LaneWatch`, a before/after look at the lanes'
ids that the desk and ``watch`` take after every sync.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.models import queries
from desktop.models.queries import QueueItem
from desktop.models.store import Store
from desktop.services.backoff import backoff
from desktop.services.connectors.base import (
    AuthError,
    ConnectorError,
    NetworkError,
    PermissionDenied,
    RateLimited,
)
from desktop.services.errors import DeskError

if TYPE_CHECKING:
    from desktop.services.desk import DeskService

log = logging.getLogger(__name__)

WORK_LANES = ("reply", "moderate", "acknowledge", "followup")
LONG_POLL_WAIT = 25.0  # seconds the server may hold a wait (the protocol allows up to 30)
STALL_GRACE = 15.0  # beyond the wait, a long-poll that has not answered is stalled
EARLY = 0.5  # an empty answer before this share of the wait is a server closing early
PROBE_BASE = 0.5
PROBE_CAP = 4.0  # seconds between probes at most: a return is noticed within seconds
POLL_BASE = 2.0

# What an account's live state is; the desk shows the change, watch says it on stderr.
LIVE, POLLING, OFFLINE = "live", "polling", "offline"

SyncFn = Callable[[str], Awaitable[Any]]
StatusFn = Callable[[str, str, str], None]  # account, LIVE|POLLING|OFFLINE, a reason (English)


class LaneWatch:
    """Which items entered a lane since the last look (runs on a thread with a read Store).

    The first look only remembers. Ids are the cache's row ids: a rebuilt cache (new ids)
    counts its items as new once, which is what a person would see too.
    """

    def __init__(self, lanes: Sequence[str] = WORK_LANES, account: str | None = None) -> None:
        self.lanes = tuple(lanes)
        self.account = account
        self._seen: dict[str, set[int]] | None = None
        self._lock = threading.Lock()  # the runner has several threads; looks come in turn

    def look(self, store: Store) -> list[QueueItem]:
        with self._lock:
            return self._look(store)

    def _look(self, store: Store) -> list[QueueItem]:
        now = {lane: set(queries.queue_ids(store, lane, account=self.account))
               for lane in self.lanes}
        before, self._seen = self._seen, now
        if before is None:
            return []
        entered = [i for lane in self.lanes for i in sorted(now[lane] - before[lane])]
        rows = queries.items_by_id(store, entered)
        return [rows[i] for i in entered if i in rows]


class LiveService:
    def __init__(self, desk: DeskService, *, sync: SyncFn, on_back: SyncFn | None = None,
                 on_status: StatusFn | None = None, poll_interval: float = 60.0,
                 poll_others: bool = False, wait: float = LONG_POLL_WAIT,
                 poll_base: float = POLL_BASE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.desk = desk
        self._sync = sync
        self._on_back = on_back
        self._on_status = on_status
        self.poll_interval = max(1.0, poll_interval)
        self.poll_others = poll_others
        self.wait = wait
        self.poll_base = poll_base
        self._clock = clock
        self.state: dict[str, str] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._probes: dict[str, asyncio.Task[None]] = {}
        self._long_polled: set[str] = set()  # followers that find a lost server themselves
        self._wake = asyncio.Event()

    # -- life -----------------------------------------------------------------------------

    async def start(self, only: Sequence[str] | None = None) -> None:
        """Follow every account, or those in ``only`` (call again after accounts were added
        or removed)."""
        names = {a.name for a in await self.desk.list_accounts()}
        if only is not None:
            names &= set(only)
        for name in set(self._tasks) - names:
            self._tasks.pop(name).cancel()
        for name in names - set(self._tasks):
            self._tasks[name] = asyncio.create_task(self._follow(name), name=f"live:{name}")

    async def aclose(self) -> None:
        tasks = [*self._tasks.values(), *self._probes.values()]
        self._tasks.clear()
        self._probes.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task

    def wake(self) -> None:
        """Cut every backoff short (the network is said to be back)."""
        self._wake.set()

    def lost(self, name: str) -> None:
        """A sync or push of ``name`` found the server unreachable: probe until it is back."""
        if name in self._probes and not self._probes[name].done():
            return
        if name in self._long_polled and name in self._tasks:
            return  # its follower meets the failure on its next wait and probes itself
        self._probes[name] = asyncio.create_task(self._probe_then_back(name),
                                                 name=f"probe:{name}")

    # -- the follower ---------------------------------------------------------------------

    async def _follow(self, name: str) -> None:
        try:
            connector = await self.desk.connector_for(name)
        except (DeskError, ConnectorError) as exc:
            log.info("live: no connector for %s (%s)", name, exc)
            return
        wait_for_change = getattr(connector, "wait_for_change", None)
        if wait_for_change is None:
            if self.poll_others:
                await self._poll_forever(name)
            return
        self._long_polled.add(name)
        trouble = 0
        while True:
            if name not in {a.name for a in await self.desk.list_accounts()}:
                return  # the account was removed
            cursor = await self.desk.in_background(self._cursor, name)
            started = self._clock()
            problem: str | None = None
            try:
                changed = await asyncio.wait_for(wait_for_change(cursor, self.wait),
                                                 self.wait + STALL_GRACE)
            except TimeoutError:
                problem = f"no answer to a wait for changes within {self.wait + STALL_GRACE:g} s"
            except NetworkError as exc:
                if await self._answers(wait_for_change):
                    # It answers a plain request at once: something cuts the long wait.
                    problem = f"a wait for changes was cut off ({exc})"
                else:
                    self._set(name, OFFLINE, str(exc))
                    await self._probe(connector, name)
                    await self._back(name)
                    continue
            except RateLimited as exc:
                await self._sleep(max(1.0, exc.retry_after))
                continue
            except (AuthError, PermissionDenied) as exc:
                # A refused token does not heal by asking again: stop following; the periodic
                # sync says it in the window until the person fixes the account.
                self._set(name, POLLING, str(exc))
                log.info("live: %s stops following: %s", name, exc)
                return
            except ConnectorError as exc:
                problem = str(exc)
            else:
                held = self._clock() - started >= min(1.0, self.wait * EARLY)
                if changed and (held or self.state.get(name) != POLLING):
                    trouble = 0
                    self._set(name, LIVE, "")
                    await self._run_sync(name)
                    continue
                if changed:
                    # A server that ignores the wait answers at once while news is pending:
                    # that proves nothing, so stay on polling until a wait is really held.
                    await self._run_sync(name)
                    await self._polling_pause(trouble)
                    continue
                if self._clock() - started >= self.wait * EARLY:
                    trouble = 0
                    self._set(name, LIVE, "")
                    continue
                problem = "the server ends a wait for changes early"
            trouble += 1
            self._set(name, POLLING, problem)
            await self._polling_pause(trouble)
            await self._run_sync(name)

    async def _polling_pause(self, trouble: int) -> None:
        # The floor keeps a server that fails at once from being asked in a tight loop.
        await self._sleep(min(1.0, self.poll_base)
                          + backoff(trouble - 1, base=self.poll_base, cap=self.poll_interval))

    async def _poll_forever(self, name: str) -> None:
        while True:
            await self._sleep(self.poll_interval)
            await self._run_sync(name)

    def _cursor(self, name: str) -> str | None:
        return self.desk.read_store().cursor(name)

    async def _run_sync(self, name: str) -> None:
        try:
            await self._sync(name)
        except (DeskError, ConnectorError, OSError) as exc:
            # The next wait meets the same problem and handles it; a sync says nothing here.
            log.info("live sync of %s failed: %s", name, exc)

    # -- offline → online -----------------------------------------------------------------

    async def _probe_then_back(self, name: str) -> None:
        try:
            connector = await self.desk.connector_for(name)
        except (DeskError, ConnectorError):
            return
        self._set(name, OFFLINE, "")
        await self._probe(connector, name)
        await self._back(name)

    @staticmethod
    async def _answers(wait_for_change: Any) -> bool:
        try:
            await asyncio.wait_for(wait_for_change(None, 0), 10)
        except (NetworkError, TimeoutError):
            return False
        except ConnectorError:
            return True
        return True

    async def _probe(self, connector: Any, name: str) -> None:
        """Return once the account's server answers anything at all."""
        account = await self.desk.account(name)
        wait_for_change = getattr(connector, "wait_for_change", None)
        attempt = 0
        while True:
            await self._sleep(PROBE_BASE + backoff(attempt, base=PROBE_BASE, cap=PROBE_CAP))
            try:
                if wait_for_change is not None:
                    await asyncio.wait_for(wait_for_change(None, 0), PROBE_CAP + 6)
                elif not await _tcp_reachable(account.url):
                    raise NetworkError("unreachable")
                return
            except (NetworkError, TimeoutError):
                attempt += 1
            except ConnectorError:
                return  # it answered, if not kindly: reachable

    async def _back(self, name: str) -> None:
        self._set(name, LIVE, "")
        if self._on_back is not None:
            try:
                await self._on_back(name)
            except (DeskError, ConnectorError, OSError) as exc:
                log.info("after %s came back: %s", name, exc)
        else:
            await self._run_sync(name)

    # -- helpers --------------------------------------------------------------------------

    def _set(self, name: str, state: str, reason: str) -> None:
        if self.state.get(name) == state:
            return  # said once per change, not once per attempt
        self.state[name] = state
        if self._on_status is not None:
            self._on_status(name, state, reason)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()


async def _tcp_reachable(url: str, timeout: float = 3.0) -> bool:  # noqa: ASYNC109 - one short connect
    """A TCP connect to the account's host: the cheapest "is it there" a platform without a
    long-poll allows (no request, no credentials)."""
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port), timeout)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True
