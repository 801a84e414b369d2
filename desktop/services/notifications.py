"""Which items deserve a desktop notification: few, budgeted, folded, quiet at night.

The policy is pure: ``decide`` takes the items that entered a lane, the settings and the
time as parameters and returns the notices to show, keeping what it must remember (what was
shown in the last hour, what was folded, what waits for the digest) in a ``Ledger``. The
desk hands it what a sync brought (``events_after``, from the items the controller's
``LaneWatch`` saw enter a lane); a long-poll's sync goes the same way. Showing a notice is the
caller's (``desktop.services.notify_bus``): this module imports neither Qt nor D-Bus.

Modes per account and area (setting ``notify_mode``): *everything*, *mentions* (mentions of
me and questions; the default), *digest* (only the digest) and *off*. A reply deadline of my
own post within the hour, a moderation spike and a heated thread notify in every mode but
digest and off.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from desktop.models.schema import ACKNOWLEDGE, MODERATE, REPLY

if TYPE_CHECKING:
    from desktop.models.queries import QueueItem
    from desktop.models.store import Store

Translate = Callable[[str], str]
HOUR = 3600.0
LANES = (REPLY, MODERATE, ACKNOWLEDGE)
EVERYTHING, MENTIONS, DIGEST, OFF = "everything", "mentions", "digest", "off"
# kinds of an event; the last three notify whatever the mode, unless digest or off
NEW, DEADLINE, HEATED, SPIKE = "new", "deadline", "heated", "spike"
# a folded summary waits this long after the last one, so a busy afternoon is not one
# summary per sync
SUMMARY_GAP = 10 * 60.0


def _identity(text: str) -> str:
    return text


@dataclasses.dataclass(frozen=True)
class Event:
    """One item that entered a lane (or whose reply deadline is near)."""

    key: str
    account: str
    area: str | None
    lane: str
    reason: str | None
    title: str  # who and where, for the notification's title
    text: str  # the reason and an excerpt
    kind: str = NEW


@dataclasses.dataclass(frozen=True)
class Policy:
    """The settings ``decide`` follows. ``mode(account, area)`` is notify_mode there."""

    mode: Callable[[str, str | None], str] = lambda account, area: MENTIONS
    budget: int = 6  # notifications an hour
    quiet_from: int = 22  # hours of the day; the same hour twice: no quiet hours
    quiet_until: int = 7
    digest_hour: int = 9  # -1: no digest notification
    spike: int = 8  # this many new Moderate items at once are one notice


@dataclasses.dataclass(frozen=True)
class Notice:
    """What to show. ``key``: the item an item notice opens; ``counts``: lane → folded."""

    kind: str  # item, summary, digest, spike
    title: str
    body: str
    key: str | None = None
    counts: tuple[tuple[str, int], ...] = ()


@dataclasses.dataclass
class Ledger:
    """What the policy remembers between calls (one per desk session)."""

    shown: list[float] = dataclasses.field(default_factory=list)  # times, last hour
    folded: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    last_summary: float = 0.0
    digest: list[Event] = dataclasses.field(default_factory=list)  # since the last digest
    last_digest: float | None = None
    told: set[tuple[str, str]] = dataclasses.field(default_factory=set)  # (kind, key) once


def quiet(policy: Policy, now: dt.datetime) -> bool:
    start, end, hour = policy.quiet_from, policy.quiet_until, now.hour
    if start == end:
        return False
    return start <= hour < end if start < end else hour >= start or hour < end


def _wanted(event: Event, mode: str) -> bool:
    if mode in (OFF, DIGEST):
        return False
    if mode == EVERYTHING or event.kind in (DEADLINE, HEATED, SPIKE):
        return True
    return event.reason in ("mention", "question")


def _lane_name(lane: str, tr: Translate) -> str:
    return {REPLY: tr("Reply"), MODERATE: tr("Moderate"),
            ACKNOWLEDGE: tr("Acknowledge")}.get(lane, lane)


def fold_text(counts: Iterable[tuple[str, int]], tr: Translate = _identity) -> str:
    """ "12 more in Reply, 3 in Moderate" """
    parts = []
    for i, (lane, n) in enumerate(counts):
        template = tr("{n} more in {lane}") if i == 0 else tr("{n} in {lane}")
        parts.append(template.format(n=n, lane=_lane_name(lane, tr)))
    return ", ".join(parts)


def _counts(counter: collections.Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple((lane, counter[lane]) for lane in LANES if counter[lane]) + tuple(
        (lane, n) for lane, n in sorted(counter.items()) if lane not in LANES and n)


def decide(events: Sequence[Event], policy: Policy, ledger: Ledger, now: dt.datetime,
           tr: Translate = _identity) -> list[Notice]:
    """The notices to show now for ``events``; ``ledger`` is updated.

    Called after every sync (also with no events: a folded summary or the digest may be due).
    ``now`` is local time: quiet hours and the digest hour are hours on the person's clock.
    """
    stamp = now.timestamp()
    ledger.shown = [t for t in ledger.shown if stamp - t < HOUR]
    fresh = []
    for e in events:
        if e.kind != NEW:  # a deadline or a heated thread is told once
            if (e.kind, e.key) in ledger.told:
                continue
            ledger.told.add((e.kind, e.key))
        fresh.append(e)
    modes = {e.key: policy.mode(e.account, e.area) for e in fresh}
    ledger.digest.extend(e for e in fresh if modes[e.key] != OFF and e.kind == NEW)
    wanted = [e for e in fresh if _wanted(e, modes[e.key])]
    # a spike counts every new Moderate item where notifications are on, wanted one by one
    # or not
    moderate = [e for e in fresh if e.lane == MODERATE and e.kind == NEW
                and modes[e.key] not in (OFF, DIGEST)]
    if len(moderate) >= policy.spike:
        # a spike is one notice about the lane, not one each
        spike = Event("", "", None, MODERATE, None, tr("Moderation spike"),
                      tr("{n} new items to moderate").format(n=len(moderate)), SPIKE)
        wanted = [e for e in wanted if e not in moderate] + [spike]
    out: list[Notice] = []
    hushed = quiet(policy, now)
    for e in wanted:
        if hushed or len(ledger.shown) >= policy.budget:
            ledger.folded[e.lane] += 1
            continue
        ledger.shown.append(stamp)
        out.append(Notice("spike" if e.kind == SPIKE else "item", e.title, e.text,
                          e.key or None))
    if ledger.folded and not hushed and stamp - ledger.last_summary >= SUMMARY_GAP:
        counts = _counts(ledger.folded)
        out.append(Notice("summary", tr("Dialogue Desk"), fold_text(counts, tr),
                          counts=counts))
        ledger.folded.clear()
        ledger.last_summary = stamp
    digest = _digest_due(policy, ledger, now, hushed, tr)
    if digest is not None:
        out.append(digest)
    return out


def _digest_due(policy: Policy, ledger: Ledger, now: dt.datetime, hushed: bool,
                tr: Translate) -> Notice | None:
    if policy.digest_hour < 0 or hushed:
        return None
    due = now.replace(hour=policy.digest_hour, minute=0, second=0, microsecond=0)
    if now < due:
        due -= dt.timedelta(days=1)
    if ledger.last_digest is None:
        ledger.last_digest = now.timestamp()  # the first run starts the count; no digest yet
        return None
    if ledger.last_digest >= due.timestamp():
        return None
    ledger.last_digest = now.timestamp()
    if not ledger.digest:
        return None
    counts = _counts(collections.Counter(e.lane for e in ledger.digest))
    body = ", ".join(tr("{n} in {lane}").format(n=n, lane=_lane_name(lane, tr))
                     for lane, n in counts)
    ledger.digest.clear()
    return Notice("digest", tr("Your digest"), body, counts=counts)


# --- from the cache: what entered, what is due ---------------------------------------------

def _event(item: QueueItem, kind: str, now: float, tr: Translate) -> Event:
    title = tr("{author} on “{post}”").format(author=item.author, post=item.post_title)
    excerpt = item.excerpt if len(item.excerpt) <= 120 else item.excerpt[:119] + "…"
    return Event(item.key, item.account, item.area, item.lane or "", item.reason, title,
                 f"{item.describe(now, tr)}\n{excerpt}", kind)


def events_after(store: Store, entered: Sequence[QueueItem], now: float,
                 tr: Translate = _identity) -> list[Event]:
    """Events for the items that entered a lane in a sync (the controller's ``LaneWatch``
    found them: the one place that knows what is new), the heated threads, and my own
    posts' reply deadlines within the hour."""
    from desktop.models.queries import items_by_id

    new = [item for item in entered if item.lane in LANES]
    fresh = {item.local_id for item in new}
    heated = [i for (i,) in store.cache.execute(
        "SELECT id FROM comments WHERE lane = 'moderate' AND reason = 'heated'")]
    due = [i for (i,) in store.cache.execute(
        "SELECT id FROM comments WHERE lane = 'reply' AND prio = 0 AND sort_ts BETWEEN ? "
        "AND ? AND reason = 'own_post'", (now, now + HOUR))]
    items = items_by_id(store, sorted({*heated, *due} - fresh))
    events = [_event(item, HEATED if item.lane == MODERATE and item.reason == "heated"
                     else NEW, now, tr) for item in new]
    events += [_event(items[i], HEATED, now, tr) for i in heated if i in items]
    events += [_event(items[i], DEADLINE, now, tr) for i in due if i in items]
    return events


def find_item(store: Store, key: str) -> QueueItem | None:
    """The item a notification names, as the queue shows it (None once it is gone)."""
    from desktop.models.queries import item

    return item(store, key)
