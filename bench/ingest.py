"""Ingest: a full sync from the demo server next to a bare httpx pull of the same pages; the
client's own rate (same sync code, pages served from memory); store ingest next to raw
``executemany`` of the same rows; a re-sync of unchanged rows; and what batching FTS buys."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from bench.data import PAGE_SIZE, USER, fresh_profile
from desktop.demo.process import DemoServerProcess
from desktop.models import accounts, schema
from desktop.models import db as dbmod
from desktop.models.store import Store
from desktop.models.writer import Writer
from desktop.services.connectors.base import Page
from desktop.services.connectors.reference import ReferenceConnector, parse_changes
from desktop.services.sync import sync_account
from desktop.tuning import sync_tuning

Pages = list[tuple[bytes, str | None]]


def count_records(pages: Pages) -> tuple[int, int]:
    """(records, comments) in the feed."""
    records = comments = 0
    for raw, cursor in pages:
        batch = parse_changes(raw, cursor)
        records += len(batch)
        comments += len(batch.comments)
    return records, comments


# --- over the network ------------------------------------------------------------------------

async def bare_pull(demo: DemoServerProcess) -> tuple[float, int]:
    """(seconds, records): GET every page in turn and decode it, nothing else."""
    headers = {"Authorization": f"Bearer {demo.tokens[USER]}"}
    async with httpx.AsyncClient(base_url=demo.url + "/api/v1", headers=headers,
                                 timeout=60) as client:
        started = time.perf_counter()
        cursor, records = None, 0
        while True:
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if cursor is not None:
                params["cursor"] = cursor
            doc = (await client.get("changes", params=params)).json()
            records += len(doc["changes"])
            cursor = doc["cursor"]
            if not doc["has_more"]:
                return time.perf_counter() - started, records


async def full_sync(demo: DemoServerProcess, acc: accounts.Account, profile: Path
                    ) -> tuple[float, int]:
    """(seconds, records): the desk's sync into an empty profile, search index included."""
    fresh_profile(profile, acc).close()
    writer = Writer(profile)
    connector = ReferenceConnector(url=demo.url, username=USER, secret=demo.tokens[USER],
                                   page_size=PAGE_SIZE)
    try:
        started = time.perf_counter()
        with sync_tuning():  # as DeskService.sync runs it
            result = await sync_account(writer, connector, "demo")
        return time.perf_counter() - started, result.records
    finally:
        await connector.aclose()
        writer.close()


class MemoryConnector:
    """The change feed from memory: the sync with the network taken out (client rate)."""

    kind = "memory"

    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        for raw, next_cursor in self.pages:
            yield Page(cursor=next_cursor,
                       parse=lambda raw=raw, c=next_cursor: parse_changes(raw, c))

    async def aclose(self) -> None:
        return None


async def memory_sync(pages: Pages, acc: accounts.Account, profile: Path) -> tuple[float, int]:
    fresh_profile(profile, acc).close()
    writer = Writer(profile)
    try:
        started = time.perf_counter()
        with sync_tuning():  # as DeskService.sync runs it
            result = await sync_account(writer, MemoryConnector(pages), "demo")  # type: ignore[arg-type]
        return time.perf_counter() - started, result.records
    finally:
        writer.close()


# --- the store alone ---------------------------------------------------------------------------

def store_ingest(pages: Pages, acc: accounts.Account, profile: Path, *, bulk: bool = True
                 ) -> dict[str, float]:
    """Seconds spent parsing, storing and indexing every page into an empty profile.

    ``bulk=False`` indexes each page as it is stored (what an incremental sync does), for the
    comparison with the bulk load's single rebuild.
    """
    store = fresh_profile(profile, acc)
    try:
        store.begin_sync("demo")
        if not bulk:
            with dbmod.transaction(store.cache):
                store.cache.execute("UPDATE sources SET bulk = 0")
        parse = apply = 0.0
        comments = 0
        for raw, cursor in pages:
            t0 = time.perf_counter()
            batch = parse_changes(raw, cursor)
            t1 = time.perf_counter()
            store.apply_page("demo", Page(cursor, lambda b=batch: b))
            apply += time.perf_counter() - t1
            parse += t1 - t0
            comments += len(batch.comments)
        t2 = time.perf_counter()
        store.finish_sync("demo")
        finish = time.perf_counter() - t2
        return {"parse": parse, "apply": apply, "finish": finish, "comments": comments}
    finally:
        store.close()


def resync(pages: Pages, profile: Path) -> dict[str, float]:
    """The same pages again over the filled profile: every record is unchanged."""
    store = Store(profile)
    try:
        store.begin_sync("demo")
        apply = 0.0
        comments = 0
        for raw, cursor in pages:
            batch = parse_changes(raw, cursor)
            t1 = time.perf_counter()
            store.apply_page("demo", Page(cursor, lambda b=batch: b))
            apply += time.perf_counter() - t1
            comments += len(batch.comments)
        store.finish_sync("demo")
        return {"apply": apply, "comments": comments}
    finally:
        store.close()


def raw_executemany(pages: Pages, acc: accounts.Account, filled: Path, profile: Path, *,
                    defer: bool = True) -> dict[str, float]:
    """The ceiling: the rows the store wrote into ``filled`` (every column, lanes included),
    read back page by page and inserted again with one ``executemany`` and one transaction
    per page into an empty profile in the state a first load leaves it (``begin_sync``:
    the same table, indexes and triggers). Only the inserts and commits are timed.

    ``defer=False`` keeps every index during the load (the design before deferred indexes).
    """
    source = Store(filled, readonly=True)
    store = fresh_profile(profile, acc)
    store.begin_sync("demo")
    if not defer:
        with dbmod.transaction(store.cache):
            schema.restore_indexes(store.cache)
    conn = store.cache
    try:
        cols = [r[1] for r in source.cache.execute("PRAGMA table_info(comments)")]
        insert = (f"INSERT INTO comments ({', '.join(cols)}) "
                  f"VALUES ({', '.join('?' * len(cols))})")
        rows = source.cache.execute(f"SELECT {', '.join(cols)} FROM comments ORDER BY id")
        elapsed = 0.0
        comments = 0
        for raw, cursor in pages:
            page = rows.fetchmany(len(parse_changes(raw, cursor).comments))
            if not page:
                continue
            t0 = time.perf_counter()
            with dbmod.transaction(conn):
                conn.executemany(insert, page)
            elapsed += time.perf_counter() - t0
            comments += len(page)
        return {"seconds": elapsed, "comments": comments}
    finally:
        source.close()
        store.close()


def run_async(coro: Any) -> Any:
    return asyncio.run(coro)
