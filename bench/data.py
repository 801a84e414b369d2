"""Benchmark data: demo intranets of a given size, their change feed, fresh profiles."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from pathlib import Path

import httpx

from desktop.demo.process import DemoServerProcess
from desktop.models import accounts
from desktop.models.store import Store

USER = "erik"  # the demo's editor: replies, moderates, likes (what most desk users do)
PAGE_SIZE = 1000  # the protocol's largest page
# The demo's data hangs on the moment it starts; benchmarks pin it, so every run (and every
# machine) measures the same rows.
REFERENCE_TIME = "2026-11-20T12:00:00Z"


def start_demo(work: Path, size: int) -> tuple[DemoServerProcess, float]:
    """The demo intranet with ``size`` comments (generated once per work directory).

    Returns the running server and the seconds spent generating (0 when reused).
    """
    data = work / f"demo-{size}.db"
    fresh = not data.exists()
    started = time.perf_counter()
    demo = DemoServerProcess(data, size=size, rate=0, reference_time=REFERENCE_TIME)
    demo.start(timeout=600)
    return demo, (time.perf_counter() - started) if fresh else 0.0


def account(demo: DemoServerProcess) -> accounts.Account:
    """The demo account as the desk would save it (verified against the server)."""
    from desktop.services.connectors.reference import ReferenceConnector

    async def verify() -> accounts.Account:
        connector = ReferenceConnector(url=demo.url, username=USER, secret=demo.tokens[USER])
        try:
            me = await connector.verify()
        finally:
            await connector.aclose()
        return accounts.Account(
            "demo", "reference", demo.url, USER, user_id=me.user_id,
            display_name=me.display_name, role=me.role, areas=me.areas,
            capabilities=me.capabilities, settings={"moderation_scope": me.moderation_scope},
        )

    return asyncio.run(verify())


def _auth(demo: DemoServerProcess) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[USER]}"}


def fetch_pages(demo: DemoServerProcess) -> list[tuple[bytes, str | None]]:
    """Every page of the change feed as raw bytes with its cursor (for the store benchmarks)."""
    pages: list[tuple[bytes, str | None]] = []
    cursor = None
    with httpx.Client(base_url=demo.url + "/api/v1", headers=_auth(demo), timeout=60) as client:
        while True:
            params: dict[str, object] = {"limit": PAGE_SIZE}
            if cursor is not None:
                params["cursor"] = cursor
            r = client.get("changes", params=params)
            r.raise_for_status()
            doc = json.loads(r.content)
            cursor = None if doc["cursor"] is None else str(doc["cursor"])
            pages.append((r.content, cursor))
            if not doc["has_more"]:
                return pages


def fresh_profile(path: Path, acc: accounts.Account) -> Store:
    """An empty profile with the demo account (its secret is not needed: nothing goes online)."""
    shutil.rmtree(path, ignore_errors=True)
    store = Store(path)
    accounts.save_account(store, acc)
    return store
