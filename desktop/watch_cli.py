"""``dialogue-desk watch [--lane L] [--account A] [--json]``: keep syncing, print what arrives.

Each item that enters a lane is printed as it arrives: one tab-separated line (lane, id,
reason, author, post, excerpt), or with ``--json`` one JSON object per line with the fields of
``queue --json``. Items already in the lanes at the start are not printed. The accounts are
followed by services/live.py (the reference protocol's long-poll; other platforms are polled
every ``sync_interval`` seconds). A lost connection is said once on stderr and retried with
backoff; queued actions are sent as soon as the server is back. Ctrl+C ends it with exit
code 130 (cli.main's answer to an interrupt) after closing the connections.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from typing import Any

from desktop.models import vocabulary

# desktop.services.live (and the queries behind it) is imported by run(): every other command
# parses its arguments without loading it.


def add_arguments(sub: Any) -> None:
    w = sub.add_parser("watch", help="keep syncing and print each item that enters a lane")
    w.add_argument("--lane", choices=vocabulary.LANES, default=None,
                   help="only this lane (default: reply, moderate, acknowledge, followup)")
    w.add_argument("--account", help="only this account")
    w.add_argument("--json", action="store_true", help="one JSON object per line")


def _said_line(name: str, state: str, reason: str, said: set[str]) -> str | None:
    """What to print on stderr when an account's live state changes (None: nothing)."""
    from desktop.services.live import LIVE, OFFLINE, POLLING

    line = None
    if state == OFFLINE:
        line = f"lost the connection to {name}{': ' + reason if reason else ''}; retrying"
    elif state == POLLING:
        line = f"{name}: live updates unavailable ({reason}); polling"
    elif state == LIVE and name in said:
        line = f"{name} is back"
    if state == LIVE:
        said.discard(name)
    else:
        said.add(name)
    return None if line is None else f"dialogue-desk: {line}"


def _line(item: Any, now: float, as_json: bool) -> str:
    if as_json:
        return json.dumps(item.as_json(now), ensure_ascii=False)
    excerpt = " ".join(item.excerpt.split())
    return "\t".join((item.lane, item.key, item.describe(now), item.author,
                      f"“{item.post_title}”", excerpt))


class _Watcher:
    def __init__(self, desk: Any, args: argparse.Namespace) -> None:
        self.desk = desk
        self.json = bool(args.json)
        from desktop.services.live import WORK_LANES, LaneWatch

        self.lanes = LaneWatch((args.lane,) if args.lane else WORK_LANES, account=args.account)
        self.account = args.account
        self._lock = asyncio.Lock()  # one look at the lanes at a time, in sync order
        self._said: set[str] = set()  # accounts whose trouble was said (to say "back" once)

    async def sync(self, name: str) -> None:
        await self.desk.sync(name)
        await self.show()

    async def back(self, name: str) -> None:
        await self.desk.push(name)
        await self.sync(name)

    async def show(self) -> None:
        async with self._lock:
            entered = await self.desk.in_background(
                lambda: self.lanes.look(self.desk.read_store()))
        now = time.time()
        for item in entered:
            print(_line(item, now, self.json), flush=True)

    def status(self, name: str, state: str, reason: str) -> None:
        line = _said_line(name, state, reason, self._said)
        if line is not None:
            print(line, file=sys.stderr, flush=True)


async def run(desk: Any, args: argparse.Namespace) -> int:
    from desktop.services.errors import DeskError
    from desktop.services.live import LiveService

    await desk.healed()
    accounts = [await desk.account(args.account)] if args.account else await desk.list_accounts()
    if not accounts:
        raise DeskError("No account yet: add one with 'dialogue-desk account add'")
    watcher = _Watcher(desk, args)
    interval = float(desk.settings.snapshot(("sync_interval",))["sync_interval"]) or 60.0
    live = LiveService(desk, sync=watcher.sync, on_back=watcher.back, on_status=watcher.status,
                       poll_interval=interval, poll_others=True)
    try:
        for acc in accounts:
            try:
                await desk.sync(acc.name)  # catch up: what is there now is not news
            except DeskError as exc:
                print(f"dialogue-desk: {exc}", file=sys.stderr, flush=True)
        await watcher.show()
        await live.start([a.name for a in accounts])
        await asyncio.Event().wait()  # until Ctrl+C (or SIGTERM) cancels us
    finally:
        await live.aclose()
    return 0
