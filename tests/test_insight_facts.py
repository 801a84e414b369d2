"""The insight figures from the derived facts (desktop/models/insight_facts.py) are the
figures from the comments: on a real cache, after a first load, after each kind of change a
later sync brings (a team reply to old input, a moderation, a deletion, a like, a new
person, a role, a post's author), before the refresh (the facts are stale: the comments are
read) and after it (the facts are read again)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from demo_data import cli
from records import NOW, base_batch, comment, page

from desktop.models import insight, insight_facts
from desktop.services.connectors.base import Batch

DAY = 86400.0
HOUR = 3600.0
PERIODS = (
    (NOW - 7 * DAY, NOW, None),
    (NOW - 3.3 * DAY, NOW - 0.4 * DAY, None),  # partial days at both ends
    (NOW - 5 * HOUR, NOW - HOUR, None),  # within a day
    (NOW - 9 * DAY, NOW + DAY, "Oslo"),
    (NOW - 9 * DAY, NOW, "2"),  # an area by id
)


def _same(store: Any, *, periods: Any = PERIODS, now: float = NOW) -> None:
    for since, until, area in periods:
        kw = {"since": since, "until": until, "area": area, "now": now}
        for read in (insight.report, insight.weekly, insight.by_area):
            fast, direct = read(store, facts=True, **kw), read(store, facts=False, **kw)
            assert _plain(fast) == _plain(direct), (read.__name__, since, until, area)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [dataclasses.asdict(v) for v in value]
    return dataclasses.asdict(value)


def _ready(store: Any) -> bool:
    return insight_facts.ready(store.cache, [store.acct_id("intra")])


def _store_page(store: Any, batch: Batch, cursor: str) -> None:
    store.begin_sync("intra")
    store.apply_page("intra", page(batch, cursor))
    store.finish_sync("intra", now=NOW)


def _first_load() -> Batch:
    batch = base_batch()
    day = int(DAY)
    batch.comments = [
        comment(1, "Is the canteen open?", post="1", age=3 * day + 600),
        comment(2, "Yes, from Monday.", post="1", parent="1", author="10", age=2 * day),
        comment(3, "What about Fridays?", post="1", author="51", age=2 * day + 300),
        comment(4, "Budget question", post="2", age=5 * day, liked_by=["11"]),
        comment(5, "Me too", post="2", parent="4", author="51", age=4 * day),
        comment(6, "Thanks!", post="1", age=HOUR * 2),
        comment(7, "A staff note", post="2", author="10", age=6 * HOUR),
        comment(8, "Old one", post="1", author="51", age=8 * day),
        comment(9, "Hidden", post="1", age=day, status="hidden"),
        comment(10, "Later answer", post="2", parent="4", author="11", age=HOUR * 30),
    ]
    return batch


@pytest.mark.parametrize("batch", [None, 1])
def test_the_facts_give_the_figures_of_the_comments_after_every_kind_of_change(
        store, monkeypatch, batch):
    if batch is not None:  # a post, an author, a day per writer job of the refresh
        monkeypatch.setattr(insight_facts, "UPDATE_BATCH",
                            dict.fromkeys(insight_facts.UPDATE_BATCH, batch))
    _store_page(store, _first_load(), "1")
    assert not _ready(store)  # a first load builds nothing row by row
    _same(store)  # from the comments
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    _same(store)
    before = insight.report(store, since=NOW - 7 * DAY, until=NOW, now=NOW)

    later = Batch(comments=[
        comment(11, "We will check.", post="1", parent="3", author="11", age=HOUR),
        comment(9, "Hidden", post="1", age=DAY, status="published", version="2"),
        comment(12, "First time here", post="2", author="52", age=3 * HOUR),
        comment(6, "Thanks!", post="1", age=HOUR * 2, liked_by=["10"], version="2"),
    ], tombstones=[("comment", "7")])
    _store_page(store, later, "2")
    assert not _ready(store)  # stale until the refresh: read from the comments meanwhile
    _same(store)
    assert insight_facts.refresh_slice(store, "intra")  # more to do: a job per kind at least
    # a sync writes between two batches of the refresh: the old one is acknowledged
    _store_page(store, Batch(comments=[
        comment(8, "Old one", post="1", author="51", age=8 * DAY, liked_by=["10"],
                version="2")]), "2b")
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    _same(store)
    after = insight.report(store, since=NOW - 7 * DAY, until=NOW, now=NOW)
    assert after != before  # the change reached the figures
    # comment 3 answered by mona; 9 published again and 12 new wait for an answer
    assert after.unanswered == before.unanswered + 1
    assert after.first_time_contributors == before.first_time_contributors + 1

    # who is the team changes every fact: ola becomes a moderator
    team = base_batch()
    team.users[3]["role"] = "moderator"
    _store_page(store, Batch(users=team.users), "3")
    assert not _ready(store)
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    _same(store)
    assert insight.report(store, since=NOW - 7 * DAY, until=NOW, now=NOW).comments == \
        after.comments

    # a post changes hands: its author's comments on it become the team's word
    moved = copy.deepcopy(base_batch().posts[0])
    moved["author_id"] = "50"
    moved["version"] = "2"
    _store_page(store, Batch(posts=[moved]), "4")
    assert not _ready(store)
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    _same(store)


def test_an_account_removed_and_added_again_is_built_again(store):
    from desktop.models import accounts

    _store_page(store, _first_load(), "1")
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    assert accounts.remove_account(store, "intra")
    for table in ("insight_input", "insight_days", "insight_dirty", "insight_state"):
        assert store.cache.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    accounts.save_account(store, accounts.Account(
        "intra", "reference", "http://intranet.test", "erik", user_id="10", role="editor"))
    batch = base_batch()
    batch.comments = [comment(20, "New start", post="1", age=HOUR)]
    _store_page(store, batch, "1")
    assert not _ready(store)
    insight_facts.refresh(store, "intra")
    assert _ready(store)
    _same(store)
    assert insight.report(store, since=NOW - 7 * DAY, until=NOW, now=NOW).comments == 1


# --- on a synced demo intranet ----------------------------------------------------------------

REFERENCE = "2026-06-15T12:00:00Z"


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory) -> Iterator[Any]:
    from desktop.demo.process import DemoServerProcess

    tmp = tmp_path_factory.mktemp("facts")
    server = DemoServerProcess(tmp / "demo.db", seed=7, size=3000, rate=0,
                               reference_time=REFERENCE).start()
    try:
        profile = tmp / "profile"
        token = server.tokens["mona"]
        added = cli(profile, "account", "add", "--name", "demo", "--url", server.url,
                    "--user", "mona", stdin=token + "\n")
        assert added.returncode == 0, added.stderr
        synced = cli(profile, "sync", secret=token)
        assert synced.returncode == 0, synced.stderr
        yield profile
    finally:
        server.stop()


def test_a_sync_leaves_the_facts_ready_and_they_give_the_same_figures(demo_profile):
    from desktop.models.store import Store
    from desktop.models.timefmt import parse_iso

    store = Store(demo_profile, readonly=True)
    try:
        assert insight_facts.ready(store.cache, [store.acct_id("demo")])
        now = parse_iso(REFERENCE)
        area = store.cache.execute("SELECT name FROM areas ORDER BY rid LIMIT 1").fetchone()[0]
        _same(store, now=now, periods=(
            (now - 28 * DAY, now, None),
            (now - 12 * 7 * DAY, now, None),
            (now - 28 * DAY + 1234.5, now - 5 * HOUR, area),
            (now - 30 * HOUR, now - 2 * HOUR, None),
            (now - 3 * HOUR, now, None),
        ))
    finally:
        store.close()


# --- the build in slices ----------------------------------------------------------------------

def _slices(store: Any) -> int:
    n = 1
    while insight_facts.refresh_slice(store, "intra"):
        n += 1
    return n


def test_a_build_in_many_slices_gives_the_figures_of_the_comments(store, monkeypatch):
    monkeypatch.setattr(insight_facts, "SLICE", 1)
    _store_page(store, _first_load(), "1")
    assert _slices(store) > 2 * len(insight_facts.PHASES)
    assert _ready(store)
    _same(store)
    # the team changes: built again, the facts of before replaced range by range
    team = base_batch()
    team.users[3]["role"] = "moderator"
    _store_page(store, Batch(users=team.users), "2")
    assert not _ready(store)
    assert _slices(store) > 2 * len(insight_facts.PHASES)
    _same(store)


def test_a_build_cut_short_goes_on_at_the_next_sync_and_loses_no_write(store, profile,
                                                                          monkeypatch):
    from desktop.models.store import Store

    monkeypatch.setattr(insight_facts, "SLICE", 1)
    _store_page(store, _first_load(), "1")
    for _ in range(6):  # past the input rows of every post, into the people
        assert insight_facts.refresh_slice(store, "intra")
    assert not _ready(store)
    # a sync writes while the build is half done: on posts, people and days already built
    _store_page(store, Batch(comments=[
        comment(11, "We will check.", post="1", parent="3", author="11", age=HOUR),
        comment(12, "First time here", post="2", author="52", age=3 * HOUR),
        comment(1, "Is the canteen open?", post="1", age=3 * DAY + 600, status="hidden",
                version="2"),
    ]), "2")
    for _ in range(3):
        assert insight_facts.refresh_slice(store, "intra")
    store.close()  # a quit (or a crash: each slice is committed with its cursor)

    reopened = Store(profile)
    try:
        assert not _ready(reopened)
        _same(reopened)  # from the comments meanwhile
        _store_page(reopened, Batch(comments=[
            comment(13, "Another question", post="2", author="51", age=2 * HOUR)]), "3")
        left = _slices(reopened)
        assert _ready(reopened)
        _same(reopened)
        fresh = reopened.cache.execute("SELECT COUNT(*) FROM insight_input").fetchone()[0]
        assert fresh == 6  # 1 hidden, 12 and 13 new
        # it went on from its cursor: fewer slices than a whole build takes
        reopened.cache.execute("UPDATE insight_state SET built = 0")
        assert left < _slices(reopened)
        _same(reopened)
    finally:
        reopened.close()


def test_other_writer_jobs_run_between_the_slices_of_a_build(store, profile, monkeypatch):
    import asyncio

    from desktop.models.store import Store
    from desktop.models.writer import Writer
    from desktop.services import sync

    monkeypatch.setattr(insight_facts, "SLICE", 1)
    _store_page(store, _first_load(), "1")
    store.close()
    writer = Writer(profile)

    def building(s: Any) -> bool:  # a job like a reply or a moderation, queued meanwhile
        return s.cache.execute("SELECT 1 FROM insight_dirty WHERE kind = ?",
                               (insight_facts.BUILDING,)).fetchone() is not None

    seen: list[bool] = []

    async def run() -> None:
        build = asyncio.create_task(sync.refresh_insight(writer, "intra"))
        while not build.done():
            seen.append(await writer.call(building))
        await build

    try:
        asyncio.run(run())
    finally:
        writer.close()
    assert seen.count(True) > 5  # ran between slices, before the build was done
    assert seen[-1] is False
    reopened = Store(profile, readonly=True)
    try:
        assert _ready(reopened)
        _same(reopened)
    finally:
        reopened.close()


def test_the_desk_s_sync_returns_before_the_facts_and_they_follow(demo_server, tmp_path):
    """The window's sync (wait_for_insight=False) does not wait for the facts' build: it
    returns with the lanes filled and the figures read from the comments; the build follows
    on the writer, and a quit in the middle of it loses nothing (the next sync goes on)."""
    import asyncio

    from desktop.models.store import Store
    from desktop.services.desk import DeskService

    async def first() -> tuple[bool, bool]:
        service = DeskService(tmp_path / "p")
        await service.add_account("demo", "reference", demo_server.url, "erik",
                                  demo_server.tokens["erik"])
        await service.sync(wait_for_insight=False)
        store = service.read_store()
        right_after = insight_facts.ready(store.cache, [store.acct_id("demo")])
        lanes = bool(service.queue_page("reply", limit=1))
        await service.aclose()  # the build is cut short: a slice is its own transaction
        return right_after, lanes

    right_after, lanes = asyncio.run(first())
    assert lanes and not right_after

    async def second() -> bool:
        service = DeskService(tmp_path / "p")
        await service.sync(wait_for_insight=False)
        await service.insight_settled()
        store = service.read_store()
        done = insight_facts.ready(store.cache, [store.acct_id("demo")])
        await service.aclose()
        return done

    assert asyncio.run(second())
    store = Store(tmp_path / "p", readonly=True)
    try:
        now = store.cache.execute("SELECT MAX(created_at) FROM comments").fetchone()[0] + 60
        _same(store, now=now, periods=((now - 28 * DAY, now, None),))
    finally:
        store.close()
