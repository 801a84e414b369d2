"""The thin bridge between the asyncio DeskService and the widgets.

Widgets call plain methods here; each starts a named asyncio task on the qasync loop and the
outcome comes back as Qt signals. No widget has an ``async def``. A sync never cancels an
action the user asked for: actions, undo, push and sync are separate tasks, and a second sync
request while one runs joins the running one.

Every operation's outcome arrives as one ``changed(Changes)`` (what to redraw); each kind of
operation has its own failure path (``action_failed``, ``account_failed``, ``failed`` for sync
and push) for its expected problems (offline, bad token, missing capability); anything else
goes to ``sys.excepthook``. Reads go through the service too: this bridge never touches a query
or the writer.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
import sys
import time
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.models.accounts import Account
from desktop.models.store import Store
from desktop.models.vocabulary import LOCAL_MARKS, UNDO_SECONDS
from desktop.services.desk import SYNC_CHANGES, DeskError, DeskService
from desktop.services.ops import Changes
from desktop.services.reads import AuthorContext, Entry, Thread
from desktop.services.settings import RETRIAGED

if TYPE_CHECKING:
    from desktop.models.claims import Claim
    from desktop.models.outbox import Answer
    from desktop.models.promises import Decision
    from desktop.models.queries import QueueItem
    from desktop.services.notifier import Alerts

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
    failed = Signal(str)  # an expected problem of a sync or push, for the window
    action_failed = Signal(str, str)  # kind ("approve", "undo", "retry"…), the message
    notice = Signal(str)  # a short confirmation ("Approved 3 — Ctrl+Z to undo")
    changed = Signal(object)  # Changes: what an operation changed, for the views to redraw
    online_changed = Signal(bool)
    account_added = Signal(str, list)  # name, warnings for the person
    account_failed = Signal(str)
    keyring_status = Signal(str)  # the keyring's warning ("" when it is fine)
    open_requested = Signal(str)  # a notification's action: show this item
    notified = Signal(list)  # the notices a sync gave (services.notifications.Notice)
    # An account's live state (services/live.py: "live", "polling", "offline"), on change only.
    live_changed = Signal(str, str)
    # Items (QueueItem, as the queue reads them) that entered a work lane in a sync since the
    # desk opened, in lane order (reply, moderate, acknowledge, followup): what a notifier hears.
    entered = Signal(list)
    claim_refused = Signal(str, str)  # key, who holds it: "Kari is replying" in the composer

    def __init__(self, service: DeskService, *, loop: asyncio.AbstractEventLoop | None = None,
                 undo_seconds: float = UNDO_SECONDS, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._loop = loop
        self.undo_seconds = undo_seconds
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
        self.alerts: Alerts | None = None  # desktop notifications; the composition root sets it
        self._sync_interval = sync_interval_ms / 1000
        self._live: Any = None  # services.live.LiveService once start_live() ran
        self._lanes: Any = None  # services.live.LaneWatch, made at the first sync
        self._claims: dict[str, asyncio.TimerHandle | None] = {}  # held → its renewal
        self._claims_lock = asyncio.Lock()  # a claim and its release go out in order
        self._timer = QTimer(self)
        self._timer.setObjectName("periodic-sync")
        self._timer.timeout.connect(self.sync_and_push)
        if sync_interval_ms > 0:
            self._timer.start(sync_interval_ms)

    # --- reads (through the service: this thread's read-only connection) ---------------------

    @property
    def reader(self) -> Store:
        """The GUI thread's read-only Store, for the item models."""
        return self.service.read_store()

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

    @property
    def runner(self) -> concurrent.futures.Executor:
        """The service's one background runner, for reads a frame must not wait for."""
        return self.service.runner

    def background_store(self) -> Store:
        """The calling (runner) thread's read-only Store."""
        return self.service.read_store()

    def lane_counts(self, account: str | None = None, area: str | None = None) -> dict[str, int]:
        return self.service.lane_counts(account, area)

    def area_counts(self, lane: str) -> list[tuple[str, str, int]]:
        return self.service.area_counts(lane)

    def comment_thread(self, key: str) -> Thread | None:
        return self.service.thread(key)

    def author_context(self, key: str) -> AuthorContext | None:
        return self.service.author_context(key)

    def mention_candidates(self, account: str, prefix: str) -> list[tuple[str, str]]:
        return self.service.mention_candidates(account, prefix)

    def outbox_entries(self, states: tuple[str, ...]) -> list[Entry]:
        return self.service.outbox_entries(states)

    def outbox_counts(self) -> dict[str, int]:
        return self.service.outbox_counts()

    def draft(self, key: str) -> str:
        return self.service.draft(key)

    def answers(self, key: str) -> list[Answer]:
        return self.service.answers(key)

    def claim_of(self, key: str) -> Claim | None:
        """Who is replying to the item, from the cache (None: nobody)."""
        return self.service.claim_of(key)

    def decisions(self, key: str) -> list[Decision]:
        return self.service.decisions(key)

    def decide(self, key: str, text: str) -> asyncio.Task[Any]:
        return self._start(self._decide(key, text), "decide")

    async def _decide(self, key: str, text: str) -> None:
        try:
            result = await self.service.decide(key, text)
        except DeskError as exc:
            self.action_failed.emit("decide", str(exc))
            return
        self.changed.emit(result.changes)

    def request_keyring_status(self) -> asyncio.Task[Any]:
        """The keyring's warning, read on the background runner (finding a backend takes
        25-60 ms): ``keyring_status`` brings it."""
        return self._start(self._keyring_status(), "keyring-status")

    async def _keyring_status(self) -> None:
        message = await self.service.in_background(
            lambda: self.service.credentials.backend_status().message)
        self.keyring_status.emit(message or "")

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

    async def wait_idle(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109 - one deadline for many tasks
        """Wait until no task of this controller runs (tests; shutdown)."""
        deadline = time.monotonic() + timeout
        while self._tasks:
            if time.monotonic() > deadline:
                raise TimeoutError(f"still running: {[t.get_name() for t in self._tasks]}")
            await asyncio.wait(set(self._tasks), timeout=max(0.01, deadline - time.monotonic()))
        # and for the insight facts a sync left following on the writer
        await asyncio.wait_for(self.service.insight_settled(),
                               timeout=max(0.01, deadline - time.monotonic()))

    # --- sync and push ---------------------------------------------------------------------

    def sync_and_push(self) -> asyncio.Task[Any]:
        return self._start(self._sync_then_push(), "sync+push")

    def sync_now(self) -> asyncio.Task[Any]:
        """The person's "Sync now" (F5): sync_and_push, as cheap for the server as the
        timer's."""
        return self._start(self._sync_then_push(), "sync-now")

    def full_check(self) -> asyncio.Task[Any]:
        """The person's "Full check" (Shift+F5): a connector that re-reads everything only
        now and then (WordPress's sweep) does it now instead of at its interval."""
        return self._start(self._sync_then_push(full=True), "full-check")

    async def _sync_then_push(self, full: bool = False) -> None:
        await self._join_sync(full)
        await self._join_push()

    def sync(self) -> asyncio.Task[Any]:
        return self._start(self._join_sync(), "sync-request")

    async def _join_sync(self, full: bool = False) -> None:
        if full and self._sync_task is not None and not self._sync_task.done():
            # the running (timer) sync may be past its decision: a full one after it
            await asyncio.shield(self._sync_task)
        if self._sync_task is None or self._sync_task.done():
            self._sync_task = self._start(self._sync(full), "sync")
        await asyncio.shield(self._sync_task)

    async def _sync(self, full: bool = False, name: str | None = None) -> None:
        await self.service.ready()  # the accounts' first read must not block the loop
        if not self._accounts:
            return
        if self._lanes is None:
            await self._look()  # the lanes as they were: what enters later is news
        self.syncing = True
        self.sync_started.emit()
        summary = ""
        entered: list[QueueItem] | None = None
        try:
            # the insight facts follow on the writer: the lanes do not wait for them
            results = await self.service.sync(name, progress=self._on_progress, full=full,
                                              wait_for_insight=False)
            records = sum(r.records for r in results)
            summary = self.tr("%n new or changed records", "", records)
            self.last_sync = time.time()
            self._set_online(True)
            entered = await self._look()
            await self._alerts_after(entered)
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
            self.changed.emit(SYNC_CHANGES)
        if entered is None:  # an offline sync may still have stored pages
            entered = await self._look()
        if entered:
            self.entered.emit(entered)

    async def _look(self) -> list[QueueItem]:
        """The items that entered a work lane since the last look (the first look only
        remembers). The one source of "what is new" for the live queue and notifications."""
        from desktop.services.live import LaneWatch

        if self._lanes is None:
            self._lanes = LaneWatch()
        lanes = self._lanes
        return await self.service.in_background(lambda: lanes.look(self.service.read_store()))

    # --- live: a long-poll per account, polling fallback, offline probes ----------------------

    def start_live(self) -> asyncio.Task[Any]:
        """Follow every account while the desk is open (services/live.py). The timer keeps
        polling platforms without a long-poll at the sync interval."""
        return self._start(self._start_live(), "live-start")

    async def _start_live(self) -> None:
        from desktop.services.live import LiveService

        await self.service.ready()
        if self._lanes is None:
            await self._look()
        if self._live is None:
            self._live = LiveService(self.service, sync=self._live_sync, on_back=self._back,
                                     on_status=self._live_status,
                                     poll_interval=self._sync_interval or 60.0)
        await self._live.start()

    def network_changed(self, reachable: bool) -> None:
        """The OS says the network came or went (QNetworkInformation, where Qt has a backend)."""
        if reachable and self._live is not None:
            self._live.wake()

    async def _live_sync(self, name: str) -> None:
        # Its own task (so wait_idle and shutdown see it), one account only: a change on one
        # server does not poll the others.
        await asyncio.shield(self._start(self._sync(name=name), f"live-sync:{name}"))

    async def _back(self, name: str) -> None:
        await asyncio.shield(self.sync_and_push())

    def _live_status(self, name: str, state: str, reason: str) -> None:
        if reason:
            log.info("live %s: %s (%s)", name, state, reason)
        if state == "offline":
            self._set_online(False)
        self.live_changed.emit(name, state)

    async def _alerts_after(self, entered: list[QueueItem]) -> None:
        if self.alerts is None:
            return
        try:
            self.notified.emit(await self.alerts.after_sync(entered))
        except Exception:  # a notification is never worth a failed sync
            log.exception("desktop notifications failed")

    def item(self, key: str) -> QueueItem | None:
        """One item by key (a notification's action opens it)."""
        from desktop.services.notifications import find_item

        return find_item(self.reader, key)

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
        await self.service.ready()
        if not self._accounts:
            return
        while True:
            self._push_again = False
            results = await self.service.push()
            stopped = [r.stopped_by for r in results if r.stopped_by]
            self._set_online(not stopped)
            self.changed.emit(SYNC_CHANGES)
            if not self._push_again:
                break

    def _set_online(self, online: bool) -> None:
        if not online and self._live is not None:
            for acc in self._accounts:  # probe each until it answers, then push at once
                self._live.lost(acc.name)
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
        changes = Changes()
        try:
            for key in keys:
                result = await self.service.act(key, kind, text=text, until=until,
                                                delay=self.undo_seconds if remote else 0.0)
                changes |= result.changes
                if result.value is not None:
                    ids.append(result.value.id)
                done.append(key)
        except DeskError as exc:
            self.action_failed.emit(kind, str(exc))
            return
        finally:
            if done:
                self._undo.append(UndoGroup(kind, done, ids, time.time()))
                del self._undo[:-20]
                self.changed.emit(changes)
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
        changes = Changes()
        try:
            if group.kind in LOCAL_MARKS:
                for key in group.keys:
                    changes |= (await self.service.act(key, "reopen")).changes
                self.notice.emit(self.tr("Undone"))
            else:
                undone = 0
                for entry_id in group.entry_ids:
                    result = await self.service.undo(entry_id)
                    undone += bool(result.value)
                    changes |= result.changes
                if undone < len(group.entry_ids):
                    self.action_failed.emit(
                        "undo", self.tr("Too late to undo: the action was already sent"))
                else:
                    self.notice.emit(self.tr("Undone"))
        except DeskError as exc:
            self.action_failed.emit("undo", str(exc))
        finally:
            self.changed.emit(changes)

    def settings_applied(self, retriage: concurrent.futures.Future[int]) -> asyncio.Task[Any]:
        """Settings were stored (DeskSettings.apply): once the cached comments have been
        triaged again, the lanes and counts read anew."""
        return self._start(self._after_retriage(retriage), "settings")

    async def _after_retriage(self, retriage: concurrent.futures.Future[int]) -> None:
        await asyncio.wrap_future(retriage)
        self.changed.emit(RETRIAGED)

    def save_draft(self, key: str, text: str) -> asyncio.Task[Any]:
        return self._start(self.service.save_draft(key, text), "draft")

    def retry(self, entry_id: int, text: str | None = None) -> asyncio.Task[Any]:
        return self._start(self._retry(entry_id, text), "retry")

    async def _retry(self, entry_id: int, text: str | None) -> None:
        result = await self.service.retry(entry_id, text)
        if not result.value:
            self.action_failed.emit("retry", self.tr("This action cannot be sent again"))
        self.changed.emit(result.changes)
        await self._join_push()

    def discard(self, entry_id: int) -> asyncio.Task[Any]:
        return self._start(self._discard(entry_id), "discard")

    async def _discard(self, entry_id: int) -> None:
        # The outbox offers Discard only for a conflicted or failed action; one that settled
        # meanwhile shows its new state when the outbox reloads.
        result = await self.service.discard(entry_id)
        self.changed.emit(result.changes)

    # --- accounts --------------------------------------------------------------------------

    def add_account(self, name: str, kind: str, url: str, username: str,
                    secret: str) -> asyncio.Task[Any]:
        return self._start(self._add_account(name, kind, url, username, secret), "account")

    async def _add_account(self, name: str, kind: str, url: str, username: str,
                           secret: str) -> Account | None:
        try:
            result = await self.service.add_account(name, kind, url, username, secret)
        except DeskError as exc:
            self.account_failed.emit(str(exc))
            return None
        account, warnings = result.value
        self._accounts_read = await self.service.list_accounts()
        self.changed.emit(result.changes)
        self.account_added.emit(account.name, warnings)
        if self._live is not None:
            await self._live.start()
        return account

    def remove_account(self, name: str) -> asyncio.Task[Any]:
        return self._start(self._remove_account(name), "remove-account")

    async def _remove_account(self, name: str) -> None:
        result = await self.service.remove_account(name)
        self._accounts_read = await self.service.list_accounts()
        # Undo of an action on a forgotten item would act on nothing.
        self._undo = [g for g in self._undo
                      if not any(k.startswith(name + ":") for k in g.keys)]
        if result.value:
            self.notice.emit(self.tr("Removed the account %1").replace("%1", name))
        else:
            self.action_failed.emit("remove_account",
                                    self.tr("No account called %1").replace("%1", name))
        self.changed.emit(result.changes)

    # --- who is on it (issue 15 §5): claims go to the server now or not at all ----------------

    def claim(self, key: str) -> asyncio.Task[Any]:
        return self._start(self._claim(key), "claim")

    def release(self, key: str) -> asyncio.Task[Any]:
        return self._start(self._release(key), "release")

    async def _claim(self, key: str) -> None:
        from desktop.services.claims import ClaimHeld

        async with self._claims_lock:
            try:
                done = await self.service.claim(key)
            except ClaimHeld as exc:
                self.claim_refused.emit(key, exc.name)
                self.changed.emit(Changes.of_items([key], outbox=False, lanes=False))
                return
            except DeskError as exc:
                # Offline, or a platform without claims: the reply goes on; nothing is queued
                # (a claim sent hours later would be worse than none).
                log.info("no claim on %s: %s", key, exc)
                return
            self._renew_later(key, done.value.expires_at)
            self.changed.emit(done.changes)

    def _renew_later(self, key: str, expires_at: float) -> None:
        """A reply written for longer than the claim lasts keeps it: renewed at 60 % of its
        time, while this desk still holds it."""
        old = self._claims.pop(key, None)
        if old is not None:
            old.cancel()
        loop = self._loop or asyncio.get_event_loop()
        delay = max(5.0, (expires_at - time.time()) * 0.6)
        self._claims[key] = loop.call_later(
            delay, lambda: key in self._claims and self.claim(key))

    async def _release(self, key: str) -> None:
        async with self._claims_lock:
            if key not in self._claims:
                return
            renewal = self._claims.pop(key)
            if renewal is not None:
                renewal.cancel()
            try:
                done = await self.service.release(key)
            except DeskError as exc:  # the server lets it expire
                log.info("claim on %s not released: %s", key, exc)
                return
            self.changed.emit(done.changes)

    async def release_claims(self, timeout: float = 2.0) -> None:  # noqa: ASYNC109 - a quit waits this long at most
        """Release every claim this desk holds (on quit); what does not go out in ``timeout``
        expires on the server."""
        held = list(self._claims)
        if held:
            await asyncio.wait([asyncio.ensure_future(self._release(k)) for k in held],
                               timeout=timeout)

    async def aclose(self) -> None:
        await self.release_claims()
        self._timer.stop()
        if self._live is not None:
            await self._live.aclose()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=5)
        await self.service.aclose()
