"""A sync's pages share a transaction (Store.apply_page(hold=True)) while they come fast: every
page is still stored whole with its cursor, a failure loses no record and leaves no gap, and
the window sees the pages as soon as the next one is late."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from records import NOW, base_batch, comment

from desktop.models import db as dbmod
from desktop.models import outbox
from desktop.models.store import HOLD_PAGES, Store
from desktop.models.writer import Writer
from desktop.services.connectors.base import Batch, Page
from desktop.services.sync import sync_account

PAGES = 25
PER_PAGE = 2


def feed_batch(n: int, *, body: str = "") -> Batch:
    """Page ``n`` of the feed: two comments, ids 2n+1 and 2n+2 (page 0 brings the people)."""
    b = base_batch() if n == 0 else Batch()
    b.comments = [comment(PER_PAGE * n + i + 1, f"Comment {n}.{i} {body}", post="2",
                          author="51", age=600) for i in range(PER_PAGE)]
    return b


class Feed:
    """A change feed from memory; the cursor after page n is str(n + 1)."""

    kind = "memory"

    def __init__(self, batches: list[Batch], before: dict[int, object] | None = None) -> None:
        self.batches = batches
        self.before = before or {}  # page number → coroutine function run before yielding it

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        for n in range(0 if cursor is None else int(cursor), len(self.batches)):
            hook = self.before.get(n)
            if hook is not None:
                await hook()  # type: ignore[operator]
            yield Page(cursor=str(n + 1), parse=lambda b=self.batches[n]: b)

    async def aclose(self) -> None:
        return None


@pytest.fixture
def writer(store: Store, profile: Path):
    store.close()  # the writer opens its own
    w = Writer(profile)
    yield w
    w.close()


def stored(profile: Path) -> tuple[str | None, list[str]]:
    """(cursor, comment ids) as another connection sees them: what is committed."""
    reader = Store(profile, readonly=True)
    try:
        cursor = reader.cache.execute("SELECT cursor FROM sources WHERE account = 'intra'"
                                      ).fetchone()[0]
        rids = [r for (r,) in reader.cache.execute("SELECT rid FROM comments ORDER BY id")]
        return cursor, rids
    finally:
        reader.close()


def assert_whole_pages(profile: Path) -> int:
    """Every page before the stored cursor is stored, none after it; returns the cursor."""
    cursor, rids = stored(profile)
    done = int(cursor or 0)
    assert sorted(rids, key=int) == [str(i + 1) for i in range(PER_PAGE * done)]
    return done


def test_a_failing_page_loses_nothing_and_the_next_sync_fills_the_gap(writer, profile):
    batches = [feed_batch(n) for n in range(PAGES)]
    broken = HOLD_PAGES + 4  # a few pages into the second held transaction
    batches[broken] = Batch(comments=[dict(comment(999, "Bad"), created_at=None)])
    with pytest.raises(Exception):  # noqa: B017 - whatever the store raised, the sync stops
        asyncio.run(sync_account(writer, Feed(batches), "intra"))
    # the first held transaction is committed; the pages after it went with the bad one
    assert assert_whole_pages(profile) == HOLD_PAGES

    batches[broken] = feed_batch(broken)  # the server sends it right the next time
    result = asyncio.run(sync_account(writer, Feed(batches), "intra"))
    assert result.pages == PAGES - HOLD_PAGES
    assert assert_whole_pages(profile) == PAGES


def test_a_full_disk_mid_sync_loses_nothing(writer, profile):
    """A real SQLITE_FULL: the cache may not grow past a few pages more than it has."""
    batches = [feed_batch(n, body="x" * 3000) for n in range(PAGES)]

    def cap(store: Store) -> None:
        size = store.cache.execute("PRAGMA page_count").fetchone()[0]
        store.cache.execute(f"PRAGMA max_page_count = {size + 12}")

    writer.call_sync(cap)
    with pytest.raises(Exception, match="full"):
        asyncio.run(sync_account(writer, Feed(batches), "intra"))
    first = assert_whole_pages(profile)
    assert first < PAGES

    writer.call_sync(lambda store: store.cache.execute("PRAGMA max_page_count = 1073741823"))
    asyncio.run(sync_account(writer, Feed(batches), "intra"))
    assert assert_whole_pages(profile) == PAGES


def test_a_late_page_shows_the_ones_before_it_and_other_work_goes_on(writer, profile):
    seen: list[int] = []

    async def late() -> None:
        # the sync is waiting for the network: the pages stored so far reach the window
        # without waiting for the next one…
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not seen:
            _, rids = stored(profile)
            if len(rids) == 2 * PER_PAGE:
                seen.append(len(rids))
            await asyncio.sleep(0.01)
        # …and a mark set meanwhile is stored at once
        await writer.call(outbox.set_mark, "intra:c1", "done", now=NOW)

    async def busy() -> None:  # right after a page, while it is still held
        await writer.call(outbox.set_mark, "intra:c2", "done", now=NOW)

    batches = [feed_batch(n) for n in range(4)]
    asyncio.run(sync_account(writer, Feed(batches, {2: late, 3: busy}), "intra"))
    assert seen == [2 * PER_PAGE]
    reader = Store(profile, readonly=True)
    try:
        assert reader.cache.execute("SELECT rid, lane FROM comments WHERE rid IN ('1', '2') "
                                    "ORDER BY rid").fetchall() == [("1", "done"), ("2", "done")]
    finally:
        reader.close()
    assert assert_whole_pages(profile) == 4


def test_closing_the_writer_commits_the_pages_it_holds(writer, profile):
    async def two_pages() -> None:
        assert await writer.call(Store.begin_sync, "intra") is True
        for n in range(2):
            await writer.call(Store.apply_page, "intra",
                              Page(cursor=str(n + 1), parse=lambda n=n: feed_batch(n)), hold=True)

    asyncio.run(two_pages())
    writer.close()
    assert assert_whole_pages(profile) == 2


def test_a_lost_commit_stops_the_sync_it_belonged_to(store):
    """When the held pages cannot be committed, the sync's next page says so (going on from
    the page it had would leave a gap), and a new sync starts clean from the stored cursor."""
    assert store.begin_sync("intra") is True
    store.apply_page("intra", Page(cursor="1", parse=lambda: feed_batch(0)), hold=True)
    assert store.holding
    store.cache.execute("ROLLBACK")  # as SQLite does itself on some I/O errors
    store.commit_held()  # nothing left to commit: the page is lost, and the store knows
    with pytest.raises(dbmod.DatabaseError, match="next sync fetches them again"):
        store.apply_page("intra", Page(cursor="2", parse=lambda: feed_batch(1)), hold=True)
    assert store.begin_sync("intra") is True  # nothing was stored: still a first load
    assert store.cursor("intra") is None
    store.apply_page("intra", Page(cursor="1", parse=lambda: feed_batch(0)), hold=True)
    store.finish_sync("intra", now=NOW)
    assert store.cursor("intra") == "1"
