"""A fresh demo looks like a Monday morning for every role, judged by the desk's real rules.

Real demo servers (several seeds, the times hanging on "now"), a real profile per role synced
through ``DeskService``, and the lanes and due times the desk itself computes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_data import count

from desktop.demo.process import DemoServerProcess
from desktop.models import queries
from desktop.services.desk import DeskService

pytestmark = pytest.mark.timeout(240)

SEEDS = (1, 2, 3, 7)
# role → whether it may moderate somewhere (admin, mona: everywhere; erik: his own posts;
# anna: her two areas; kari: nowhere)
ROLES = {"admin": True, "mona": True, "erik": True, "anna": True, "kari": False}


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def fresh_demo(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServerProcess]:
    data = tmp_path_factory.mktemp("lanes") / "demo.db"
    with DemoServerProcess(data, seed=request.param, size="small", rate=0) as server:
        yield server


async def _sync(profile: Path, server: DemoServerProcess, user: str) -> None:
    desk = DeskService(profile)
    try:
        await desk.add_account("demo", "reference", server.url, user, server.tokens[user])
        await desk.sync()
    finally:
        await desk.aclose()


def _lanes(profile: Path) -> dict[str, list[queries.QueueItem]]:
    desk = DeskService(profile)
    try:
        store = desk.reader()
        return {lane: queries.queue_page(store, lane, limit=10_000)
                for lane in ("reply", "moderate", "acknowledge")}
    finally:
        asyncio.run(desk.aclose())


@pytest.mark.parametrize("user", sorted(ROLES))
def test_every_lane_has_work_at_start(fresh_demo: DemoServerProcess, tmp_path: Path,
                                      user: str) -> None:
    profile = tmp_path / user
    asyncio.run(asyncio.wait_for(_sync(profile, fresh_demo, user), 120))
    now = time.time()
    lanes = _lanes(profile)

    reply = lanes["reply"]
    assert reply, f"{user}: nothing to answer"
    due = [item.due_at for item in reply]
    assert all(d is not None for d in due)
    overdue = [d for d in due if d is not None and d < now]
    soon = [d for d in due if d is not None and d <= now + 24 * 3600]
    # a real morning: a few slipped through, most are due within the day
    assert overdue, f"{user}: nothing overdue ({len(reply)} to answer)"
    assert len(overdue) <= 0.35 * len(reply), f"{user}: {len(overdue)}/{len(reply)} overdue"
    assert len(soon) >= 0.5 * len(reply), f"{user}: {len(soon)}/{len(reply)} due today"
    ancient = [(item.key, item.reason, item.excerpt, (now - item.created_at) / 86400)
              for item in reply if now - item.created_at > 5 * 86400]
    assert not ancient, f"{user}: {ancient}"

    moderate = lanes["moderate"]
    if ROLES[user]:
        reasons = {item.reason for item in moderate}
        assert {"held", "flagged"} <= reasons, f"{user}: moderation has only {reasons}"
        total = count(fresh_demo, "SELECT COUNT(*) FROM comments")
        assert len(moderate) <= 0.1 * total, f"{user}: {len(moderate)} to moderate, a backlog"
    else:
        assert not moderate

    acknowledge = lanes["acknowledge"]
    assert acknowledge, f"{user}: nothing to acknowledge"
    assert any(item.reason == "first_time" for item in acknowledge), \
        f"{user}: no first-time contributor to welcome"
    assert all(now - item.created_at < 14 * 86400 for item in acknowledge)
