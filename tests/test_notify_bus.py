"""Desktop notifications on a real session bus: ``dbus-run-session`` with a small server that
owns org.freedesktop.Notifications (tests/notify_listener.py), the desk synced from the demo
intranet, and new comments written on the server between syncs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_fixtures import *  # noqa: F403 - the qasync loop and the desk
from desk_fixtures import Desk

from desktop.demo.store import DemoStore
from desktop.demo.writes import insert_comment
from desktop.models.qt_models import ITEM_ROLE
from desktop.models.settings import Change
from desktop.services.notifier import Alerts, Bus

LISTENER = Path(__file__).with_name("notify_listener.py")
NOON = dt.datetime(2026, 12, 2, 12, 0)


class Listener:
    """Asks the listener on its own bus what arrived, or clicks a notification."""

    def __init__(self, address: str) -> None:
        self.address = address

    async def _call(self, member: str, *args: Any) -> Any:
        from dbus_fast.aio import MessageBus

        bus = await MessageBus(bus_address=self.address).connect()
        try:
            node = await bus.introspect("org.freedesktop.Notifications",
                                        "/org/freedesktop/Notifications")
            iface = bus.get_proxy_object("org.freedesktop.Notifications",
                                         "/org/freedesktop/Notifications", node
                                         ).get_interface("test.DialogueDesk.Listener")
            return await getattr(iface, f"call_{member}")(*args)
        finally:
            bus.disconnect()

    async def recorded(self) -> list[dict[str, Any]]:
        return json.loads(await self._call("recorded"))

    async def invoke(self, nid: int, action: str = "default") -> None:
        await self._call("invoke", nid, action)


@pytest.fixture
def notify_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[Listener]:
    proc = subprocess.Popen(["dbus-run-session", "--", sys.executable, str(LISTENER)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        assert proc.stdout.readline().strip() == "ready", "the listener did not start"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield Listener(address)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)


def attach(d: Desk, clock: dt.datetime) -> Alerts:
    alerts = Alerts(d.controller.service, Bus(d.controller.open_requested.emit),
                    clock=lambda: clock)
    d.controller.alerts = alerts
    return alerts


def write_questions(server: Any, n: int) -> None:
    """``n`` new questions by employees on the server, spread over the recent posts."""
    store = DemoStore(server.data)
    try:
        def add(tx: Any) -> None:
            posts = [p for (p,) in tx.conn.execute(
                "SELECT id FROM posts WHERE status = 'published' AND locked = 0 "
                "ORDER BY id DESC LIMIT 40")]
            users = [u for (u,) in tx.conn.execute(
                "SELECT id FROM users WHERE role = 'employee' ORDER BY id LIMIT 50")]
            for i in range(n):
                insert_comment(tx, posts[i % len(posts)], None, users[i % len(users)],
                               f"<p>When does the new canteen menu number {i} start?</p>")
        store.transaction(add)
    finally:
        store.close()


def sync(d: Desk) -> None:
    d.loop.run_until_complete(d.controller.sync())
    d.settle()


def test_a_burst_gives_the_budget_and_one_summary(open_desk, own_demo_server, notify_bus):
    d = open_desk(own_demo_server)
    alerts = attach(d, NOON)
    # so many on each post would make heated threads: this test counts the new items alone
    d.controller.service.settings.apply([Change("heated_replies", 10_000)]).result()
    write_questions(own_demo_server, 200)
    sync(d)
    got = d.loop.run_until_complete(notify_bus.recorded())
    assert alerts.bus.available is True
    items = [n for n in got if "default" in n["actions"] and len(n["actions"]) > 2]
    summaries = [n for n in got if n not in items]
    assert len(got) <= 6 + 1 and len(items) == 6 and len(summaries) == 1
    assert summaries[0]["body"].startswith("194 more in Reply"), summaries[0]["body"]
    assert all(n["app"] == "Dialogue Desk" for n in got)
    assert "canteen menu" in items[0]["body"] and "unanswered" in items[0]["body"]
    assert len(alerts.digest) == 200  # the digest view lists them all
    alerts.bus.close()


def test_quiet_hours_show_nothing(open_desk, own_demo_server, notify_bus):
    d = open_desk(own_demo_server)
    alerts = attach(d, NOON.replace(hour=23))
    write_questions(own_demo_server, 20)
    sync(d)
    assert d.loop.run_until_complete(notify_bus.recorded()) == []
    assert sum(alerts.ledger.folded.values()) == 20  # for the morning's summary
    alerts.bus.close()


def test_the_action_opens_the_item_in_the_desk(open_desk, own_demo_server, notify_bus, qtbot):
    d = open_desk(own_demo_server)
    alerts = attach(d, NOON)
    d.window.set_lane("acknowledge")
    write_questions(own_demo_server, 1)
    sync(d)
    [notice] = d.loop.run_until_complete(notify_bus.recorded())
    [event] = alerts.digest
    d.loop.run_until_complete(notify_bus.invoke(notice["id"], "default"))
    d.until(lambda: d.window._current is not None and d.window._current.key == event.key)
    assert d.window._lane == "reply"
    assert d.window.queue.currentIndex().data(ITEM_ROLE).key == event.key
    alerts.bus.close()


def test_without_a_notification_service_the_desk_works_and_says_so(
        open_desk, own_demo_server, monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    d = open_desk(own_demo_server)
    alerts = attach(d, NOON)
    write_questions(own_demo_server, 3)
    sync(d)
    assert alerts.bus.available is False and alerts.bus.sent == 0
    assert len(alerts.digest) == 3  # kept for the digest view all the same
    d.window.open_preferences()
    from PySide6.QtWidgets import QLabel

    [note] = [w for w in d.window._preferences.findChildren(QLabel)
              if w.objectName() == "preferences-note-notify"]
    assert "no desktop notification service" in note.text()
    d.window._preferences.close()
