"""The pull engine and the outbox pusher (asyncio; no widgets).

Sync: from the stored cursor, page by page; each page and the cursor after it commit together on
the writer thread, so an interrupted sync resumes at the next page without gaps.

Push: every due outbox action in order. The entry is committed as in flight before the request
leaves; the connector makes a retry safe (idempotency key, or a check with the server). What
went wrong decides what happens next: unreachable → try later; response lost → unknown, retried
safely; item changed → conflict; refused → failed with the server's message.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from collections.abc import Callable

from desktop import crashpoints
from desktop.models import insight_facts, outbox, overlays
from desktop.models.store import Store
from desktop.models.writer import Writer
from desktop.services.backoff import backoff
from desktop.services.connectors import base

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]


@dataclasses.dataclass
class SyncResult:
    account: str
    records: int = 0
    pages: int = 0
    seconds: float = 0.0
    bulk: bool = False


async def sync_account(
    writer: Writer, connector: base.Connector, account: str, *,
    progress: Progress | None = None, max_pages: int | None = None,
) -> SyncResult:
    """Pull everything new since the stored cursor. ``max_pages`` stops early (for tests).

    The connector downloads the next page while the writer thread parses and stores this one.
    Parsing page N+1 on a third thread while page N is stored was measured slower on two
    cores (0.8x: the three threads fight over the GIL) and worse for the loop's lag, so the
    writer parses (docs/benchmarks.md).
    """
    started = time.monotonic()
    result = SyncResult(account)
    # Only rows this sync inserts can lack the user's marks and actions (updated rows keep
    # their overlays): note where the cache stands, and lay them over the new rows after.
    since = await writer.call(overlays.sync_mark, account)
    try:
        if await _pull(writer, connector, account, result, progress, max_pages):
            await writer.call(Store.finish_sync, account)
    except BaseException:
        # the pages stored before the failure are in the queue already: lay the user's
        # marks over them, but never let that hide why the sync failed
        with contextlib.suppress(Exception):
            await writer.call(overlays.reapply, account, since=since)
        raise
    await writer.call(overlays.reapply, account, since=since)
    result.seconds = time.monotonic() - started
    return result


async def refresh_insight(writer: Writer, account: str) -> None:
    """The insight facts (issue 17, desktop/models/insight_facts.py) brought up to date with
    what a sync stored, a slice per writer job (a build at 1M comments is ~95 s of slices):
    whatever else is queued for the writer runs between two slices, and a refresh cut short
    leaves a build that the next one goes on with. Until it ends, the figures are read from
    the comments. DeskService.sync runs it after the sync, not inside it: a sync's figures
    (and the benchmarks' sync rows) do not wait for it."""
    while await writer.call(insight_facts.refresh_slice, account):
        pass


async def _pull(writer: Writer, connector: base.Connector, account: str, result: SyncResult,
                progress: Progress | None, max_pages: int | None) -> bool:
    """Store every page from the cursor on; False when ``max_pages`` stopped it early."""
    result.bulk = await writer.call(Store.begin_sync, account)
    cursor = await writer.call(Store.cursor, account)
    pages = connector.pull(cursor)
    try:
        async for page in pages:
            result.records += await writer.call(Store.apply_page, account, page)
            result.pages += 1
            if progress is not None:
                progress(page.done, page.total)
            if max_pages is not None and result.pages >= max_pages:
                return False
    finally:
        aclose = getattr(pages, "aclose", None)
        if aclose is not None:
            await aclose()
    return True


@dataclasses.dataclass
class PushResult:
    account: str
    done: int = 0
    conflicts: int = 0
    failed: int = 0
    waiting: int = 0  # still to go (offline, rate limited, response lost)
    held: int = 0  # replies held: someone else answered the same comment meanwhile
    stopped_by: str | None = None  # why pushing stopped early, for the status bar


# An outbox action waits up to 2 s × 2^attempts between attempts, never more than 5 minutes.
PUSH_BACKOFF_BASE = 2.0
PUSH_BACKOFF_CAP = 300.0


def _retry_at(clock: Callable[[], float], attempts: int) -> float:
    return clock() + backoff(attempts, base=PUSH_BACKOFF_BASE, cap=PUSH_BACKOFF_CAP)


def to_action(entry: outbox.Entry, *, maybe_sent: bool) -> base.Action:
    return base.Action(
        action_id=entry.action_id, kind=entry.kind, target_type=entry.target_type,
        target_id=entry.target_id, payload=entry.payload, base_version=entry.base_version,
        attempts=entry.attempts - 1, maybe_sent=maybe_sent, sent_at=entry.sent_at,
    )


async def push_account(
    writer: Writer, connector: base.Connector, account: str, *,
    clock: Callable[[], float] = time.time, on_change: Callable[[], None] | None = None,
    force: bool = True,
) -> PushResult:
    """Send the account's due actions in order. ``force`` (an explicit push, or the network
    coming back) does not wait out the backoff of earlier failures; a Retry-After always holds.
    """
    result = PushResult(account)
    attempted: set[int] = set()
    while True:
        due = [e for e in await writer.call(outbox.due, account, clock(), force=force)
               if e.id not in attempted]
        if not due:
            break
        for entry in due:
            attempted.add(entry.id)
            stop = await _push_one(writer, connector, entry, result, clock)
            if on_change is not None:
                on_change()
            if stop:
                left = await writer.call(outbox.entries, outbox.OPEN_STATES, account)
                result.waiting = len(left)
                return result
    left = await writer.call(outbox.entries, outbox.OPEN_STATES, account)
    result.waiting = len(left)
    return result


async def _push_one(writer: Writer, connector: base.Connector, entry: outbox.Entry,
                    result: PushResult, clock: Callable[[], float]) -> bool:
    """Send one action; True when pushing should stop for now (server unreachable…)."""
    maybe_sent = entry.state in (outbox.UNKNOWN, outbox.IN_FLIGHT)
    # someone else answered the same comment since this was written: held, not sent
    if entry.kind == "reply" and entry.state == outbox.QUEUED and (
            await writer.call(outbox.hold_if_answered, entry.id, clock()) is not None):
        result.conflicts += 1
        result.held += 1
        return False
    started = await writer.call(outbox.start, entry.id, clock())
    action = to_action(started, maybe_sent=maybe_sent)
    try:
        outcome = await connector.perform(action)
    except base.RateLimited as exc:
        await writer.call(outbox.defer, entry.id, state=outbox.UNKNOWN if maybe_sent
                          else outbox.QUEUED, message=str(exc),
                          next_at=clock() + exc.retry_after, hard=True)
        result.stopped_by = str(exc)
        return True
    except base.NetworkError as exc:
        state = outbox.UNKNOWN if (maybe_sent or exc.maybe_sent) else outbox.QUEUED
        await writer.call(outbox.defer, entry.id, state=state, message=str(exc),
                          next_at=_retry_at(clock, started.attempts))
        result.stopped_by = str(exc)
        return True
    except (base.ServerError, base.BadResponse) as exc:
        # The server may have applied it before failing: retried only the safe way.
        await writer.call(outbox.defer, entry.id, state=outbox.UNKNOWN, message=str(exc),
                          next_at=_retry_at(clock, started.attempts))
        result.stopped_by = str(exc)
        return True
    except base.AuthError as exc:
        await writer.call(outbox.defer, entry.id, state=outbox.UNKNOWN if maybe_sent
                          else outbox.QUEUED, message=str(exc), next_at=clock() + 60.0)
        result.stopped_by = str(exc)
        return True
    except base.ConflictError as exc:
        await writer.call(outbox.settle, entry.id, state=outbox.CONFLICT, message=str(exc),
                          batch=exc.current)
        result.conflicts += 1
        return False
    except base.NotFound as exc:
        await writer.call(outbox.settle, entry.id, state=outbox.CONFLICT,
                          message=str(exc) or "The item was deleted on the server")
        result.conflicts += 1
        return False
    except (base.PermissionDenied, base.Rejected) as exc:
        await writer.call(outbox.settle, entry.id, state=outbox.FAILED, message=str(exc))
        result.failed += 1
        return False
    except base.ConnectorError as exc:
        await writer.call(outbox.defer, entry.id, state=outbox.UNKNOWN, message=str(exc),
                          next_at=_retry_at(clock, started.attempts))
        result.stopped_by = str(exc)
        return True
    crashpoints.hit("after_response_before_ack")
    await writer.call(outbox.finish, entry.id, remote_id=outcome.remote_id, batch=outcome.batch,
                      already_applied=outcome.already_applied)
    result.done += 1
    return False
