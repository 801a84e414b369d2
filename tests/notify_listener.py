# ruff: noqa: F722, F821, N802, UP037 - dbus-fast reads D-Bus signatures from string annotations
"""A small notification server for the tests: owns org.freedesktop.Notifications on the
session bus it runs in (start it under ``dbus-run-session``), records what arrives, and can
emit ActionInvoked as if a person had clicked.

It prints the bus address on its first line, then ``ready``. The test asks it through a
second interface, ``test.DialogueDesk.Listener``: ``Recorded()`` (the Notify calls as
JSON) and ``Invoke(id, action)``.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

from dbus_fast import BusType
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


class Notifications(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.received: list[dict[str, object]] = []

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["test-listener", "dialogue-desk", "1", "1.2"]

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s",
               summary: "s", body: "s", actions: "as", hints: "a{sv}",
               expire_timeout: "i") -> "u":
        nid = len(self.received) + 1
        self.received.append({"id": nid, "app": app_name, "summary": summary, "body": body,
                              "actions": list(actions)})
        return nid

    @method()
    def CloseNotification(self, nid: "u") -> "":
        self.NotificationClosed(nid, 3)

    @signal()
    def ActionInvoked(self, nid: "u", action: "s") -> "us":
        return [nid, action]

    @signal()
    def NotificationClosed(self, nid: "u", reason: "u") -> "uu":
        return [nid, reason]


class Control(ServiceInterface):
    def __init__(self, notifications: Notifications) -> None:
        super().__init__("test.DialogueDesk.Listener")
        self.notifications = notifications

    @method()
    def Recorded(self) -> "s":
        return json.dumps(self.notifications.received)

    @method()
    def Invoke(self, nid: "u", action: "s") -> "":
        self.notifications.ActionInvoked(nid, action)


async def main() -> None:
    bus = await MessageBus(bus_type=BusType.SESSION).connect()
    notifications = Notifications()
    bus.export("/org/freedesktop/Notifications", notifications)
    bus.export("/org/freedesktop/Notifications", Control(notifications))
    await bus.request_name("org.freedesktop.Notifications")
    print(os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until closed


if __name__ == "__main__":
    asyncio.run(main())
