"""A damaged cache is found wherever it shows (README guarantee 4), not only when it is opened:
pages in the middle of cache.db overwritten with garbage, between runs or under a running
service, are met by a read or by the start-up check; the cache is moved aside and rebuilt from
the demo server, state.db (outbox, marks, drafts) stays, and the queued reply lands once."""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_fixtures import server_count, sync_profile

from desktop.models import db, outbox, queries
from desktop.models.schema import LANES
from desktop.services import repair
from desktop.services.desk import DeskService

PAGE = 4096


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def damage_mid_file(path: Path, seed: int = 7) -> None:
    """Garbage over pages in the middle of the file (from half to three quarters: rows and
    index leaves, where the schema's first pages and the header are not), so the file still
    opens and only a read of a damaged page finds out."""
    pages = path.stat().st_size // PAGE
    assert pages >= 16, pages
    rng = random.Random(seed)
    with open(path, "r+b") as f:
        for page in range(pages // 2, 3 * pages // 4):
            f.seek(page * PAGE)
            f.write(rng.randbytes(PAGE))
        f.flush()
        os.fsync(f.fileno())


def checkpoint(loop: asyncio.AbstractEventLoop, service: DeskService) -> None:
    """Move the WAL into cache.db, so the garbage lands on the pages the rows live on."""
    loop.run_until_complete(service.writer.call(
        lambda s: s.cache.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()))


def read_every_lane(store: Any) -> int:
    """What the desk's lanes and search read, all at once."""
    rows = sum(len(queries.queue_page(store, lane, limit=100_000)) for lane in LANES)
    return rows + len(queries.search(store, "the", limit=1000))


def queue_offline_work(loop: asyncio.AbstractEventLoop, service: DeskService,
                       server: Any) -> dict[str, str]:
    """A reply queued while the server is down, a follow-up mark and a draft."""
    reply_lane = loop.run_until_complete(
        service.writer.call(queries.queue_page, "reply", limit=3))
    assert len(reply_lane) == 3
    target, marked, drafted = (item.key for item in reply_lane)
    server.stop()
    text = f"Answered after the damage {uuid.uuid4().hex[:10]}"
    entry = loop.run_until_complete(service.act(target, "reply", text=text)).value
    assert entry is not None and entry.state == "queued"
    loop.run_until_complete(service.act(marked, "followup"))
    loop.run_until_complete(service.writer.call(outbox.save_draft, drafted, "half a thought"))
    server.restart()
    return {"text": text, "marked": marked, "drafted": drafted}


def assert_rebuilt_and_landed_once(loop: asyncio.AbstractEventLoop, service: DeskService,
                                   server: Any, profile: Path, work: dict[str, str]) -> None:
    assert list(profile.glob("cache.db.corrupt-*")), "the damaged cache was not moved aside"
    loop.run_until_complete(service.push())  # syncs the new cache first, then sends
    loop.run_until_complete(service.push())  # nothing left: nothing sent twice
    assert server_count(server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                        (f"%{work['text']}%",)) == 1
    reader = service.reader()
    try:
        assert db.quick_check(reader.cache)
        assert outbox.counts(reader) == {"done": 1}
        assert queries.item(reader, work["marked"]).lane == "followup"  # the mark came back
        assert outbox.draft(reader, work["drafted"]) == "half a thought"
        assert sum(queries.lane_counts(reader).values()) > 10  # rows are back from the server
    finally:
        reader.close()


def test_damage_left_between_runs_is_met_by_the_first_reads(loop, tmp_path: Path,
                                                            own_demo_server: Any) -> None:
    profile = tmp_path / "profile"
    service = sync_profile(loop, profile, own_demo_server)
    work = queue_offline_work(loop, service, own_demo_server)
    checkpoint(loop, service)
    loop.run_until_complete(service.aclose())
    damage_mid_file(profile / "cache.db")

    service = DeskService(profile)  # opens fine: page 1 is whole
    try:
        # The start-up recovery (it reads the items that have actions) or the lanes' read is
        # the first to meet a damaged page; the recovery then runs again on the new cache, so
        # nothing that waits for it fails.
        try:
            loop.run_until_complete(service.writer.call(read_every_lane))
        except repair.CacheRebuilt as exc:
            assert str(exc) == repair.MESSAGE
        service.wait_ready()
        assert len(service.repair.rebuilds) == 1
        assert service.repair.stale == {"demo"}
        assert_rebuilt_and_landed_once(loop, service, own_demo_server, profile, work)
        assert service.repair.stale == set()
    finally:
        loop.run_until_complete(service.aclose())


def _damage_under(loop: asyncio.AbstractEventLoop, service: DeskService, profile: Path) -> None:
    checkpoint(loop, service)
    damage_mid_file(profile / "cache.db")
    # the running connection's page cache still holds good copies: drop them, as memory
    # pressure would, so the next read goes to the disk
    loop.run_until_complete(service.writer.call(
        lambda s: s.cache.execute("PRAGMA shrink_memory").fetchall()))


def test_a_read_under_a_running_service_meets_the_damage(loop, tmp_path: Path,
                                                         own_demo_server: Any) -> None:
    profile = tmp_path / "profile"
    service = sync_profile(loop, profile, own_demo_server)
    try:
        work = queue_offline_work(loop, service, own_demo_server)
        _damage_under(loop, service, profile)
        with pytest.raises(repair.CacheRebuilt) as caught:
            loop.run_until_complete(service.writer.call(read_every_lane))
        assert str(caught.value) == repair.MESSAGE
        assert caught.value.moved is not None and caught.value.moved.exists()
        assert_rebuilt_and_landed_once(loop, service, own_demo_server, profile, work)
    finally:
        loop.run_until_complete(service.aclose())


def test_the_start_up_check_finds_damage_made_under_a_running_service(
        loop, tmp_path: Path, own_demo_server: Any) -> None:
    profile = tmp_path / "profile"
    service = sync_profile(loop, profile, own_demo_server)
    try:
        work = queue_offline_work(loop, service, own_demo_server)
        seen: list[Path] = []
        repair.on_rebuilt(service, seen.append)
        _damage_under(loop, service, profile)
        assert repair.check_soon(service).result(timeout=60) is True
        assert len(seen) == 1 and seen[0].name.startswith("cache.db.corrupt-")
        assert_rebuilt_and_landed_once(loop, service, own_demo_server, profile, work)
        assert repair.check_soon(service).result(timeout=60) is False  # sound now
    finally:
        loop.run_until_complete(service.aclose())


def test_damage_errors_are_told_from_other_errors(tmp_path: Path) -> None:
    assert db.is_damage(sqlite3.DatabaseError("database disk image is malformed"))
    assert db.is_damage(sqlite3.DatabaseError("file is not a database"))
    assert db.is_damage(db.CorruptDatabaseError("cache.db is damaged"))
    assert not db.is_damage(sqlite3.OperationalError("database is locked"))
    assert not db.is_damage(sqlite3.IntegrityError("UNIQUE constraint failed: x.id"))
    assert not db.is_damage(ValueError("database disk image is malformed"))
    # and a real one, as SQLite raises it
    path = tmp_path / "x.db"
    path.write_bytes(b"not a database at all" * 300)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    assert db.is_damage(caught.value)


def test_a_damage_error_from_a_sound_cache_is_not_a_rebuild(loop, tmp_path: Path) -> None:
    """The error may come from state.db, which is never moved aside: with a sound cache the
    job's error reaches its caller unchanged and nothing is rebuilt."""
    service = DeskService(tmp_path / "profile")
    try:
        def fails(store: Any) -> None:
            raise sqlite3.DatabaseError("database disk image is malformed")

        with pytest.raises(sqlite3.DatabaseError) as caught:
            loop.run_until_complete(service.writer.call(fails))
        assert not isinstance(caught.value, repair.CacheRebuilt)
        assert not list((tmp_path / "profile").glob("cache.db.corrupt-*"))
        assert service.repair.rebuilds == []
    finally:
        loop.run_until_complete(service.aclose())


def test_a_read_through_the_face_meets_the_damage(loop, tmp_path: Path,
                                                  own_demo_server: Any) -> None:
    """The window and the CLI read through the service's read-only connections, not the
    writer: a damaged page met there is rebuilt the same way, and the next read (from any
    thread) opens the new cache instead of the moved file."""
    profile = tmp_path / "profile"
    service = sync_profile(loop, profile, own_demo_server)
    try:
        work = queue_offline_work(loop, service, own_demo_server)
        assert service.lane_counts()["reply"] > 0  # this thread's read connection is open
        _damage_under(loop, service, profile)
        service.read_store().cache.execute("PRAGMA shrink_memory").fetchall()
        rows = sum(len(service.queue_page(lane, limit=100_000)) for lane in LANES)
        rows += len(service.search("the", limit=1000))
        assert rows == 0  # read again, from the new, empty cache
        assert len(service.repair.rebuilds) == 1
        assert service.read_store().cache.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert_rebuilt_and_landed_once(loop, service, own_demo_server, profile, work)
        assert sum(service.lane_counts().values()) > 10  # the face reads the refilled cache
    finally:
        loop.run_until_complete(service.aclose())
