"""The process tests/test_crash.py kills: opens a profile, syncs, queues a plan of actions, pushes.

    python tests/crash_worker.py PROFILE URL PLAN.json [PAGE_SIZE]

It is the real stack (DeskService, writer thread, ReferenceConnector, HttpSession) in a real
process, with the failing keyring of a headless Linux machine and the secret in
``DIALOGUE_DESK_SECRET_DEMO``, as the CLI runs it. Two things differ from the CLI, both so the
kills land in interesting places: a small sync page size (many pages to die in the middle of),
and an httpx response hook that passes the ``after_send`` crash point on every write.

Run again after a kill it carries on: the plan's actions are queued only if the outbox does not
hold them yet (queuing is one transaction, so "already queued" is exact), as a person who
reopens the app after a crash would not queue the same reply twice.

Prints ``opened`` once the profile is open (the parent's random-delay kills count from there),
then one JSON line with the outbox's states on success.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx

from desktop import crashpoints
from desktop.models import outbox
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskService
from desktop.services.http import HttpSession, build_client

ACCOUNT = "demo"
USER = "mona"


async def _after_send(response: httpx.Response) -> None:
    # Headers of the answer are in, the body is unread, nothing is recorded: for a write, the
    # server has applied it and the client is about to learn so.
    if response.request.method != "GET":
        crashpoints.hit("after_send")


def _connector(url: str, secret: str, page_size: int) -> ReferenceConnector:
    base = url.rstrip("/") + "/api/v1"

    def client() -> httpx.AsyncClient:
        c = build_client(base_url=base, headers={"Authorization": f"Bearer {secret}"})
        c.event_hooks = {"request": [], "response": [_after_send]}
        return c

    return ReferenceConnector(url=url, username=USER, secret=secret,
                              session=HttpSession(client), page_size=page_size)


async def _colleague_answers(url: str, step: dict[str, str]) -> None:
    cid = step["item"].split(":c")[1]
    async with httpx.AsyncClient(base_url=url.rstrip("/") + "/api/v1", headers={
            "Authorization": f"Bearer {os.environ['DIALOGUE_DESK_SECRET_COLLEAGUE']}",
            "Idempotency-Key": step["key"]}) as client:
        response = await client.post(f"posts/{step['post']}/comments",
                                     json={"body": step["text"], "parent_id": cid})
        response.raise_for_status()


def _queued(entries: list[outbox.Entry], step: dict[str, str]) -> bool:
    for e in entries:
        same = e.item == step["item"] and e.kind == step["kind"]
        if same and (step["kind"] != "reply" or e.payload.get("body") == step.get("text")):
            return True
    return False


async def main(profile: Path, url: str, plan: list[dict[str, str]], page_size: int) -> int:
    secret = os.environ["DIALOGUE_DESK_SECRET_DEMO"]
    desk = DeskService(profile)
    print("opened", flush=True)
    try:
        if not desk.accounts():
            await desk.add_account(ACCOUNT, "reference", url, USER, secret)
            await desk._connectors.pop(ACCOUNT).aclose()  # replaced below, with the hook
        # DeskService builds connectors with default options; this one has small pages.
        desk._connectors[ACCOUNT] = _connector(url, secret, page_size)
        await desk.sync(ACCOUNT)
        entries = await desk.writer.call(outbox.entries, None, ACCOUNT)
        for step in plan:
            if not _queued(entries, step) and step["kind"] != "colleague":
                await desk.act(step["item"], step["kind"], text=step.get("text"))
        answered = [s for s in plan if s["kind"] == "colleague"]
        if answered:
            # a colleague answers one of the comments replied to, after the reply was queued
            # (every run: the same Idempotency-Key makes it one comment on the server)
            await _colleague_answers(url, answered[0])
            await desk.sync(ACCOUNT)
        await desk.push(ACCOUNT)
        await desk.sync(ACCOUNT)
        counts = await desk.writer.call(outbox.counts)
    finally:
        await desk.aclose()
    print(json.dumps({"outbox": counts}), flush=True)
    return 0


if __name__ == "__main__":
    profile_arg, url_arg, plan_arg = sys.argv[1:4]
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    steps = json.loads(Path(plan_arg).read_text(encoding="utf-8"))
    raise SystemExit(asyncio.run(main(Path(profile_arg), url_arg, steps, size)))
