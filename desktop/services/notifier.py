"""Desktop notifications: the policy's notices shown through the platform's service.

``Bus`` wraps desktop-notifier (freedesktop notifications over dbus-fast on Linux; asyncio,
so it runs on the qasync loop). ``Alerts`` is the desk's side: what entered a lane after a
sync (the controller's ``LaneWatch`` finds them) goes through ``notifications.decide``, the
notices go to the bus, and an item notice's action opens the item in the desk.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.services import notifications as policy
from desktop.services.notifications import Event, Ledger, Notice, Policy

if TYPE_CHECKING:
    from desktop.models.queries import QueueItem

log = logging.getLogger(__name__)

APP_NAME = "Dialogue Desk"
_SERVICE = "org.freedesktop.Notifications"


class Bus:
    """Shows notices; ``available`` is False (and nothing is sent) without a service."""

    def __init__(self, on_open: Callable[[str | None], Any], *, app_name: str = APP_NAME,
                 open_label: str = "Open") -> None:
        self.on_open = on_open
        self.app_name = app_name
        self.open_label = open_label
        self.available: bool | None = None  # None: not asked yet
        self._notifier: Any = None
        self.sent = 0

    async def probe(self) -> bool:
        """Whether the platform's notification service is there (asked once)."""
        if self.available is None:
            try:
                self.available = await asyncio.wait_for(_service_present(), 5.0)
            except Exception as exc:  # noqa: BLE001 - no session bus, refused, garbled: none there
                log.info("no desktop notification service: %s", exc)
                self.available = False
            if self.available:
                from desktop_notifier import DesktopNotifier

                self._notifier = DesktopNotifier(app_name=self.app_name)
        return self.available

    async def show(self, notice: Notice) -> None:
        if not await self.probe():
            return
        from desktop_notifier import Button

        key = notice.key
        buttons = () if key is None else (
            Button(title=self.open_label, on_pressed=lambda: self.on_open(key)),)
        await self._notifier.send(title=notice.title, message=notice.body, buttons=buttons,
                                  on_clicked=lambda: self.on_open(key))
        self.sent += 1


    def close(self) -> None:
        """Leave the session bus (desktop-notifier keeps its connection for the actions)."""
        backend = getattr(self._notifier, "_backend", None)
        bus = getattr(backend, "bus", None)
        if bus is not None:
            bus.disconnect()
        self._notifier = None
        self.available = None


async def _service_present() -> bool:
    if not sys.platform.startswith("linux"):
        return True  # macOS and Windows always have a notification centre
    from dbus_fast import BusType, Message
    from dbus_fast.aio import MessageBus

    bus = await MessageBus(bus_type=BusType.SESSION).connect()
    try:
        reply = await bus.call(Message(
            destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus", member="NameHasOwner", signature="s",
            body=[_SERVICE]))
        if reply is not None and reply.body and reply.body[0]:
            return True
        # a service D-Bus starts on the first call counts too
        reply = await bus.call(Message(
            destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus", member="ListActivatableNames"))
        return bool(reply is not None and reply.body and _SERVICE in reply.body[0])
    finally:
        bus.disconnect()


class Alerts:
    """The desk's notifications: one Ledger per session, the policy from the settings."""

    def __init__(self, service: Any, bus: Bus, *,
                 clock: Callable[[], dt.datetime] = dt.datetime.now,
                 tr: policy.Translate = policy._identity) -> None:
        self.service = service
        self.bus = bus
        self.clock = clock
        self.tr = tr
        self.ledger = Ledger()

    def policy(self) -> Policy:
        get = self.service.settings.get
        return Policy(mode=lambda account, area: get("notify_mode", account, area),
                      budget=int(get("notify_budget")), quiet_from=int(get("quiet_from")),
                      quiet_until=int(get("quiet_until")),
                      digest_hour=int(get("digest_hour")), spike=int(get("notify_spike")))

    async def after_sync(self, entered: Sequence[QueueItem]) -> list[Notice]:
        """Notify what a sync brought: ``entered`` are the items that entered a lane."""
        now = self.clock()
        events = await self.service.in_background(
            lambda: policy.events_after(self.service.read_store(), entered, now.timestamp(),
                                        self.tr))
        return await self.offer(events, now)

    async def offer(self, events: Sequence[Event], now: dt.datetime | None = None
                    ) -> list[Notice]:
        """Decide and show. The live queue calls this with what a long-poll brought."""
        notices = policy.decide(events, self.policy(), self.ledger, now or self.clock(),
                                self.tr)
        for notice in notices:
            await self.bus.show(notice)
        return notices

    @property
    def digest(self) -> list[Event]:
        """What came in since the last digest, newest first (the digest view)."""
        return list(reversed(self.ledger.digest))
