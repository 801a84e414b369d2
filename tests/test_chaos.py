"""A flaky network: 30 % of requests faulted, every kind of fault; nothing lost, nothing doubled.

A seeded :class:`FaultProxy` sits between the desk and a real demo intranet and breaks 30 % of
requests: 429 with ``Retry-After``, 503 (with and without ``Retry-After``), resets before and
after the server applied a write (the lost response), stalls, a slow drip, truncated bodies and
HTML error pages. Five rounds: other people write, the desk syncs, queues six actions and
pushes until the outbox settles. Then:

- the cache equals the server's data, and equals a profile synced without any fault;
- every action has exactly one effect (unique reply texts once, one ledger row per action id,
  no write under an id the outbox never had);
- no request reached the proxy before the ``Retry-After`` of a 429/503 it answered had passed;
- every HTTP call ended within the session's total deadline, drip or not.

The 1,000-cancelled-requests pool check lives in tests/test_http.py
(``test_pool_stays_healthy_after_a_cancellation_storm``) and is not repeated here.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from faultproxy import FaultProxy
from test_crash import Targets, _check_cache_equals_server, _check_effects, _ledger_count

from desktop.models import outbox
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskError, DeskService
from desktop.services.http import HttpSession, build_client

RATE = 0.3
KINDS = ("429:1", "503", "503:1", "reset_before", "reset_after", "stall:0.3", "drip:0.004",
         "truncate", "html")
ROUNDS = 5  # each: others write, sync, queue six actions, push until settled
DEADLINE = 3.0  # the session's total deadline per call (the app's default is 30 s)

FIGURES: dict[str, int] = {"faults": 0, "requests": 0}


def _connector(url: str, token: str, durations: list[float]) -> ReferenceConnector:
    base = url + "/api/v1"
    session = HttpSession(
        lambda: build_client(base_url=base, headers={"Authorization": f"Bearer {token}"}),
        deadline=DEADLINE, backoff_base=0.05, backoff_cap=0.3,
    )
    send = session.request

    async def timed(*args: Any, **kwargs: Any) -> Any:
        # Measures each call; the request itself goes out untouched.
        started = time.monotonic()
        try:
            return await send(*args, **kwargs)
        finally:
            durations.append(time.monotonic() - started)

    session.request = timed  # type: ignore[method-assign]
    return ReferenceConnector(url=url, username="mona", secret=token, session=session,
                              page_size=20)


async def _until_ok(step, attempts: int = 40) -> Any:
    """Run ``step`` until it gets through the faults (as a user pressing Sync again would)."""
    last: Exception | None = None
    for _ in range(attempts):
        try:
            return await step()
        except DeskError as exc:
            last = exc
            await asyncio.sleep(0.05)
    raise AssertionError(f"never got through: {last}")


def _others_write(server: Any, n: int, serial: int) -> None:
    """Other people reply meanwhile (straight to the server), so every sync has news."""
    with httpx.Client(base_url=server.url + "/api/v1",
                      headers={"Authorization": f"Bearer {server.tokens['anna']}"}) as client:
        for i in range(n):
            response = client.post(f"posts/{1 + (serial * n + i) % 5}/comments",
                                   json={"body": f"news from anna {serial}.{i}"})
            assert response.status_code in (201, 409), response.text


async def _chaos(server: Any, proxy: FaultProxy, profile: Path,
                 plans: list[list[dict[str, str]]], durations: list[float]) -> None:
    token = server.tokens["mona"]
    desk = DeskService(profile)
    try:
        await desk.add_account("demo", "reference", proxy.url, "mona", token)
        await desk._connectors.pop("demo").aclose()
        # The desk's own connector, with a short total deadline so a drip costs seconds.
        desk._connectors["demo"] = _connector(proxy.url, token, durations)
        proxy.random_faults(RATE, KINDS)
        await _until_ok(lambda: desk.sync("demo"))
        for serial, plan in enumerate(plans):
            await asyncio.to_thread(_others_write, server, 5, serial)
            await _until_ok(lambda: desk.sync("demo"))
            for step in plan:
                await desk.act(step["item"], step["kind"], text=step.get("text"))
            for _ in range(200):
                await desk.push("demo")
                left = await desk.writer.call(outbox.entries, outbox.OPEN_STATES, "demo")
                if not left:
                    break
                await asyncio.sleep(0.1)  # a Retry-After gate holds the rest for a moment
        await _until_ok(lambda: desk.sync("demo"))
        states = {e.state for e in await desk.writer.call(outbox.entries)}
        assert states == {"done"}, [(e.kind, e.item, e.state, e.attempts, e.message)
                                    for e in await desk.writer.call(outbox.entries)
                                    if e.state != "done"]
    finally:
        await desk.aclose()


async def _clean_sync(server: Any, profile: Path) -> None:
    desk = DeskService(profile)
    try:
        await desk.add_account("demo", "reference", server.url, "mona", server.tokens["mona"])
        await desk.sync("demo")
    finally:
        await desk.aclose()


def _cache_view(profile: Path) -> tuple[list[Any], list[Any]]:
    conn = sqlite3.connect(f"file:{profile / 'cache.db'}?mode=ro", uri=True)
    try:
        return (
            # "answered" must not depend on the order things happened in; the lane itself is
            # left out (it also depends on local marks and on the time of the sync)
            conn.execute("SELECT rid, post_rid, parent_rid, status, version, like_count, "
                         "body_text, staff_replied FROM comments ORDER BY rid").fetchall(),
            conn.execute("SELECT rid, title, locked, version FROM posts ORDER BY rid").fetchall(),
        )
    finally:
        conn.close()


def _check_retry_after(log: list[tuple[float, str, str, str]]) -> int:
    """No request after a 429/503 with Retry-After before that many seconds; returns the count."""
    gates = 0
    for i, (t, _method, _target, fault) in enumerate(log):
        kind, _, arg = fault.partition(":")
        if kind not in ("429", "503") or not arg:
            continue
        gates += 1
        opens = t + float(arg)
        early = [(round(t2 - t, 3), m, target) for t2, m, target, _ in log[i + 1:]
                 if t2 < opens]
        assert not early, f"sent before Retry-After ({arg} s) of request {i}: {early}"
    return gates


@pytest.mark.parametrize("seed", [11, 12])
def test_chaos_sync_and_push_converge_exactly_once(own_demo_server, tmp_path, seed):
    server = own_demo_server
    targets = Targets(server, seed)
    # the network's faults are this test's business; a reply held because a colleague
    # answered meanwhile is the crash matrix's and the conflict machine's
    plans = [[s for s in targets.plan(f"chaos{seed}.{i}")
              if s["kind"] != "colleague" and not s.get("held")] for i in range(ROUNDS)]
    plan = [step for p in plans for step in p]
    ledger_before = _ledger_count(server, targets.mona)
    durations: list[float] = []
    profile = tmp_path / "chaos"
    with FaultProxy(server.port, seed=seed) as proxy:
        asyncio.run(_chaos(server, proxy, profile, plans, durations))
        log = list(proxy.log)
    faults = [entry for entry in log if entry[3] != "ok"]
    kinds = {f[3].split(":")[0] for f in faults}
    assert len(faults) >= 10 and len(kinds) >= 5, kinds  # the run really was flaky
    gates = _check_retry_after(log)
    assert max(durations) <= DEADLINE + 0.5, max(durations)

    _check_effects(server, targets, profile, plan, ledger_before, f"chaos{seed}")
    _check_cache_equals_server(server, profile, f"chaos{seed}")
    clean = tmp_path / "clean"
    asyncio.run(_clean_sync(server, clean))
    chaos_view, clean_view = _cache_view(profile), _cache_view(clean)
    for got, want in zip(chaos_view, clean_view, strict=True):
        assert sorted(set(got) - set(want)) == sorted(set(want) - set(got)) == [], (
            sorted(set(got) - set(want))[:5], sorted(set(want) - set(got))[:5])

    FIGURES["faults"] += len(faults)
    FIGURES["requests"] += len(log)
    print(f"\nchaos seed {seed}: {len(log)} requests, {len(faults)} faulted "
          f"({', '.join(sorted(kinds))}), {gates} Retry-After gates held, longest call "
          f"{max(durations):.2f} s (deadline {DEADLINE:g} s), {len(plan)} actions once each")


# -- the long-poll ---------------------------------------------------------------------------

LONG_POLLS = r"/changes\?.*wait=[1-9]"  # the live waits; probes (wait=0) and syncs pass
LONG_POLL_FAULTS = ("early", "html", "early", "truncate", "reset_before", "503", "stall:13",
                    "early")


def _server_head(server: Any) -> str:
    conn = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()[0])
    finally:
        conn.close()


async def _live_chaos(server: Any, proxy: FaultProxy, profile: Path) -> dict[str, Any]:
    from desktop.services.live import LIVE, POLLING, LiveService

    desk = DeskService(profile)
    said: list[tuple[str, str]] = []
    syncs: list[float] = []

    async def sync(name: str) -> None:
        syncs.append(time.monotonic())
        await desk.sync(name)

    live = LiveService(desk, sync=sync, on_status=lambda n, s, r: said.append((s, r)),
                       wait=2, poll_interval=1.0, poll_base=0.2)
    try:
        await desk.add_account("demo", "reference", proxy.url, "mona", server.tokens["mona"])
        await desk.sync("demo")
        proxy.only(LONG_POLLS)
        proxy.script(LONG_POLL_FAULTS)
        await live.start()
        for serial in range(4):  # news keeps coming while the long-poll misbehaves
            await asyncio.sleep(1.5)
            await asyncio.to_thread(_others_write, server, 2, 100 + serial)
        deadline = time.monotonic() + 60
        while not (said and said[0][0] == POLLING and said[-1][0] == LIVE):
            assert time.monotonic() < deadline, said
            await asyncio.sleep(0.1)
        # live again: one more comment arrives through the long-poll, at once
        await asyncio.to_thread(_others_write, server, 1, 200)
        head = await asyncio.to_thread(_server_head, server)
        started = time.monotonic()
        while desk.read_store().cursor("demo") != head:
            assert time.monotonic() - started < 5, "the long-poll did not bring it"
            await asyncio.sleep(0.05)
        return {"said": said, "took": time.monotonic() - started, "syncs": len(syncs)}
    finally:
        await live.aclose()
        await desk.aclose()


def test_a_misbehaving_long_poll_falls_back_to_polling_and_loses_nothing(own_demo_server,
                                                                         tmp_path):
    from desktop.services.live import LIVE, POLLING

    server = own_demo_server
    profile = tmp_path / "live"
    with FaultProxy(server.port, seed=5) as proxy:
        found = asyncio.run(_live_chaos(server, proxy, profile))
        faulted = [entry for entry in proxy.log if entry[3] != "ok"]
    assert [f[3] for f in faulted] == list(LONG_POLL_FAULTS)
    # said once: polling while the long-poll misbehaved, then live again
    assert [s for s, _ in found["said"]] == [POLLING, LIVE], found["said"]
    assert found["took"] < 3
    # no lost cursor, no duplicate or missing row: the cache equals a clean sync's
    clean = tmp_path / "clean"
    asyncio.run(_clean_sync(server, clean))
    for got, want in zip(_cache_view(profile), _cache_view(clean), strict=True):
        assert len(got) == len(set(got)) and sorted(got) == sorted(want)
    print(f"\nlong-poll chaos: {len(faulted)} faulted waits "
          f"({', '.join(f[3] for f in faulted)}), {found['syncs']} syncs, "
          f"back to live and the next comment in {found['took']:.2f} s")


# -- claims (issue 15 §5): direct calls, not outbox actions ---------------------------------

CLAIMS = r"/comments/\d+/claim"


def _claim_holders(server: Any, rids: list[str]) -> dict[str, int | None]:
    conn = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        rows = dict(conn.execute(
            "SELECT comment_id, user_id FROM claims WHERE expires_at > strftime('%s', 'now')"
            " AND comment_id IN (SELECT value FROM json_each(?))",
            ("[" + ",".join(rids) + "]",)).fetchall())
        return {rid: rows.get(int(rid)) for rid in rids}
    finally:
        conn.close()


def _claim_rows(profile: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{profile / 'cache.db'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT comment_rid, user_rid, name FROM claims "
                            "ORDER BY comment_rid").fetchall()
    finally:
        conn.close()


def test_claims_survive_lost_answers_and_converge(own_demo_server, tmp_path):
    """A claim's answer lost after the server applied it: the retry renews the same claim
    (one holder, no error), a lost release's retry finds the comment free (no error); through
    30 % faults on the claim calls the server ends as the last call that got through says, and
    a sync through faults stores the same claims as a clean one."""
    server = own_demo_server
    token = server.tokens["mona"]
    mona_id = str(count_user(server, "mona"))
    rids = [str(r) for r in range(20, 32)]
    profile = tmp_path / "claims"

    async def run(proxy: FaultProxy) -> dict[str, bool]:
        desk = DeskService(profile)
        durations: list[float] = []
        try:
            await desk.add_account("demo", "reference", proxy.url, "mona", token)
            await desk._connectors.pop("demo").aclose()
            desk._connectors["demo"] = _connector(proxy.url, token, durations)
            proxy.only(CLAIMS)
            proxy.script(["reset_after"])
            claim = (await desk.claim(f"demo:c{rids[0]}")).value
            assert claim.mine and claim.expires_at > time.time() + 500
            proxy.script(["reset_after"])
            await desk.release(f"demo:c{rids[0]}")
            assert proxy.count("POST", f"/api/v1/comments/{rids[0]}/claim") == 2
            assert proxy.count("DELETE", f"/api/v1/comments/{rids[0]}/claim") == 2
            proxy.random_faults(RATE, ("429:1", "503", "reset_before", "reset_after",
                                       "truncate", "html"))
            want: dict[str, bool] = {}
            rng = random.Random(7)
            for _ in range(40):
                rid = rng.choice(rids[1:])
                take = rng.random() < 0.6
                step = (lambda r=rid: desk.claim(f"demo:c{r}")) if take else (
                    lambda r=rid: desk.release(f"demo:c{r}"))
                await _until_ok(step)
                want[rid] = take
            proxy.only(None)
            await _until_ok(lambda: desk.sync("demo"))
            return want
        finally:
            await desk.aclose()

    with FaultProxy(server.port, seed=21) as proxy:
        want = asyncio.run(run(proxy))
        faulted = [e for e in proxy.log if e[3] != "ok"]
    assert len(faulted) >= 5
    held = _claim_holders(server, rids)
    assert held[rids[0]] is None
    for rid, take in want.items():
        assert held[rid] == (int(mona_id) if take else None), rid
    clean = tmp_path / "clean"
    asyncio.run(_clean_sync(server, clean))
    assert _claim_rows(profile) == _claim_rows(clean) == [
        (rid, mona_id, "Mona Lindqvist") for rid in sorted(r for r, t in want.items() if t)]


def count_user(server: Any, username: str) -> int:
    conn = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT id FROM users WHERE username = ?",
                                (username,)).fetchone()[0])
    finally:
        conn.close()
