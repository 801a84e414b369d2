"""Crash consistency: SIGKILL the sync and the pusher anywhere, restart, lose and double nothing.

Each run starts ``tests/crash_worker.py`` on a fresh profile against one demo intranet: it
creates the databases (migrations), syncs in small pages, queues a plan of six actions (three
replies with unique texts, a hide, a like, an approve) and pushes them. The worker dies by
SIGKILL either at a named crash point (``desktop/crashpoints.py``, armed by
``DIALOGUE_DESK_CRASHPOINT=name:n``) or after a seeded random delay U(0, 400 ms) counted from
the moment the profile is open. Then it is restarted (no crash point) until it runs clean, at
most three times, and we check, against the server's own SQLite file:

- a fourth reply, answered on the server by a colleague after it was queued, is held as
  "already answered" (a conflict with its reason) and has no effect and no ledger row: held
  exactly when answered meanwhile, never sent without the person's say;
- every other planned action has exactly one effect (a reply's unique text appears once; the hide,
  like and approve are there), and the idempotency ledger has exactly one row per outbox action
  and no row this profile did not queue (no action re-sent under a new id);
- ``PRAGMA integrity_check`` and ``foreign_key_check`` are clean on cache.db and state.db after
  every kill and every restart;
- every outbox entry is ``done``, but the held reply;
- the cache equals the server's data (ids, statuses, versions, like counts, lock flags), with no
  pending overlay or placeholder reply left behind.

CI runs 24 kill points (``pytest tests/test_crash.py``, about a minute); the long variant runs
200 (``pytest -m slow tests/test_crash.py``).
"""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from demo_data import server_db

WORKER = Path(__file__).with_name("crash_worker.py")
MAX_RESTARTS = 3

# (point, n): the n-th pass through the point kills the worker. Six actions per plan, so up to
# six sends; a small-profile sync at 40 records a page makes ~9 pages; two migrations (state,
# cache) on a fresh profile.
NAMED_POINTS = [
    ("mid_migration", 1), ("mid_migration", 2),
    ("mid_page", 1), ("mid_page", 3), ("mid_page", 7),
    ("after_local_commit", 1), ("after_local_commit", 3), ("after_local_commit", 6),
    ("after_send", 1), ("after_send", 2), ("after_send", 4), ("after_send", 6),
    ("after_response_before_ack", 1), ("after_response_before_ack", 3),
    ("after_response_before_ack", 5),
    ("after_ack", 1), ("after_ack", 2), ("after_ack", 6),
    ("after_hold", 1),
]
CI_RANDOM_KILLS = 6  # plus the 19 named points: 25 per CI run


@dataclass
class Tally:
    kills: int = 0
    restarts: int = 0
    actions: int = 0
    by_point: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory):
    from desktop.demo.process import DemoServerProcess

    data = tmp_path_factory.mktemp("crash-demo") / "demo.db"
    server = DemoServerProcess(data, seed=5, size="small", rate=0).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def big_crash_server(tmp_path_factory):
    from desktop.demo.process import DemoServerProcess

    data = tmp_path_factory.mktemp("crash-demo-big") / "demo.db"
    server = DemoServerProcess(data, seed=6, size=1500, rate=0).start()
    yield server
    server.stop()


# -- the plan -------------------------------------------------------------------------------


class Targets:
    """Hands out comments nobody acted on yet, so each action's effect is visible on its own."""

    def __init__(self, server: Any, seed: int) -> None:
        conn = server_db(server)
        try:
            self.mona = conn.execute("SELECT id FROM users WHERE username = 'mona'").fetchone()[0]
            # Locked threads take no replies (a conflict, rightly): keep out of them.
            open_threads = "post_id IN (SELECT id FROM posts WHERE locked = 0)"
            self.post_of = dict(conn.execute(
                f"SELECT id, post_id FROM comments WHERE status = 'published' AND {open_threads}"))
            published = sorted(self.post_of)
            held = [r[0] for r in conn.execute(
                f"SELECT id FROM comments WHERE status = 'held' AND {open_threads} ORDER BY id")]
            liked = {r[0] for r in conn.execute(
                "SELECT comment_id FROM likes WHERE user_id = ?", (self.mona,))}
        finally:
            conn.close()
        rng = random.Random(seed)
        rng.shuffle(published)
        rng.shuffle(held)
        self.published = [c for c in published if c not in liked]
        self.held = held
        self.rng = rng
        self.serial = 0

    def plan(self, tag: str) -> list[dict[str, str]]:
        steps = []
        for _ in range(3):
            self.serial += 1
            parent = self.rng.choice(self.published)
            steps.append({"item": f"demo:c{parent}", "kind": "reply",
                          "text": f"crash-test reply {tag} #{self.serial}"})
        steps.append({"item": f"demo:c{self.published.pop()}", "kind": "hide"})
        steps.append({"item": f"demo:c{self.published.pop()}", "kind": "like"})
        approve = self.held.pop() if self.held else self.published.pop()
        steps.append({"item": f"demo:c{approve}", "kind": "approve"})
        answered = self.published.pop()
        steps.append({"item": f"demo:c{answered}", "kind": "reply", "held": "yes",
                      "text": f"crash-test reply {tag} answered meanwhile"})
        steps.append({"item": f"demo:c{answered}", "kind": "colleague",
                      "post": str(self.post_of[answered]), "key": f"colleague-{tag}",
                      "text": f"crash-test colleague {tag}"})
        return steps


# -- running the worker ---------------------------------------------------------------------


def _env(crashpoint: str | None, secret: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["DIALOGUE_DESK_SECRET_DEMO"] = secret
    env.pop("DIALOGUE_DESK_SECRET", None)
    env.pop("DIALOGUE_DESK_CRASHPOINT", None)
    if crashpoint:
        env["DIALOGUE_DESK_CRASHPOINT"] = crashpoint
    return env


def _start(profile: Path, server: Any, plan_path: Path, page_size: int,
           crashpoint: str | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(profile), server.url, str(plan_path), str(page_size)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**_env(crashpoint, server.tokens["mona"]),
             "DIALOGUE_DESK_SECRET_COLLEAGUE": server.tokens["erik"]},
    )


def _wait_for_line(proc: subprocess.Popen[str], wanted: str, timeout: float) -> bool:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if sel.select(timeout=0.2):
                line = proc.stdout.readline()
                if not line:
                    return False
                if line.strip() == wanted:
                    return True
    return False


def _run_clean(profile: Path, server: Any, plan_path: Path, page_size: int
               ) -> tuple[int, str, str]:
    proc = _start(profile, server, plan_path, page_size, None)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def _check_files(profile: Path) -> None:
    for name in ("state.db", "cache.db"):
        path = profile / name
        if not path.exists():
            continue
        conn = sqlite3.connect(str(path))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], name
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], name
        finally:
            conn.close()


def _outbox(profile: Path) -> list[tuple[str, str, str, str, str]]:
    conn = sqlite3.connect(f"file:{profile / 'state.db'}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT action_id, item, kind, state, payload FROM outbox ORDER BY id").fetchall()
    finally:
        conn.close()


def _ledger_count(server: Any, user_id: int) -> int:
    conn = server_db(server)
    try:
        return conn.execute("SELECT COUNT(*) FROM idempotency WHERE user_id = ?",
                            (user_id,)).fetchone()[0]
    finally:
        conn.close()


def kill_run(server: Any, targets: Targets, tmp: Path, tag: str, *, point: str | None,
             delay: float | None, tally: Tally, page_size: int = 40) -> None:
    """One kill (at a crash point, or after ``delay`` s), restarts, and every check."""
    profile = tmp / f"profile-{tag}"
    plan = targets.plan(tag)
    plan_path = tmp / f"plan-{tag}.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    ledger_before = _ledger_count(server, targets.mona)

    proc = _start(profile, server, plan_path, page_size, point)
    if delay is not None and _wait_for_line(proc, "opened", 60):
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    if point is not None:
        # The point must really be reached, or this run proves nothing.
        assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, out, err[-2000:])
    if proc.returncode == -signal.SIGKILL:
        tally.kills += 1
        label = point.split(":")[0] if point else "random"
        tally.by_point[label] = tally.by_point.get(label, 0) + 1
    else:
        assert proc.returncode == 0, err[-2000:]
    _check_files(profile)

    for restart in range(MAX_RESTARTS + 1):
        if restart == MAX_RESTARTS:
            pytest.fail(f"{tag}: outbox not settled after {MAX_RESTARTS} restarts: "
                        f"{_outbox(profile)}")
        code, out, err = _run_clean(profile, server, plan_path, page_size)
        tally.restarts += 1
        assert code == 0, f"{tag} restart {restart}: {err[-2000:]}"
        _check_files(profile)
        if all(_settled(row) for row in _outbox(profile)):
            break

    _check_effects(server, targets, profile, plan, ledger_before, tag)
    # a held reply stays in its thread as a placeholder, as every conflicted reply does
    held = {"~" + row[0] for row in _outbox(profile) if row[3] == "conflict"}
    _check_cache_equals_server(server, profile, tag, held)
    tally.actions += sum(1 for s in plan if s["kind"] != "colleague")


def _settled(row: tuple[str, str, str, str, str]) -> bool:
    """Done, or held as already answered (which waits for the person's say)."""
    return row[3] == "done" or (row[3] == "conflict" and bool(json.loads(row[4]).get("held")))


def _check_effects(server: Any, targets: Targets, profile: Path, plan: list[dict[str, str]],
                   ledger_before: int, tag: str) -> None:
    rows = _outbox(profile)
    colleague = [s for s in plan if s["kind"] == "colleague"]
    plan = [s for s in plan if s["kind"] != "colleague"]
    held = {s["text"] for s in plan if s.get("held")}
    assert len(rows) == len(plan), f"{tag}: {len(rows)} outbox entries for {len(plan)} actions"
    for _action_id, item, kind, state, payload in rows:
        body = json.loads(payload).get("body")
        if body in held:
            assert state == "conflict" and json.loads(payload).get("held"), (
                f"{tag}: the reply answered meanwhile is {state}, not held")
        else:
            assert state == "done", f"{tag}: {kind} on {item} is {state}"
    conn = server_db(server)
    try:
        for step in plan:
            cid = int(step["item"].split(":c")[1])
            if step["kind"] == "reply":
                n = conn.execute("SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                                 (f"%{step['text']}<%",)).fetchone()[0]
                want = 0 if step.get("held") else 1
                assert n == want, f"{tag}: reply {step['text']!r} is on the server {n} times"
            elif step["kind"] == "like":
                assert conn.execute("SELECT COUNT(*) FROM likes WHERE comment_id = ? AND "
                                    "user_id = ?", (cid, targets.mona)).fetchone()[0] == 1, tag
            else:
                want = {"hide": "hidden", "approve": "published"}[step["kind"]]
                status = conn.execute("SELECT status FROM comments WHERE id = ?",
                                      (cid,)).fetchone()[0]
                assert status == want, f"{tag}: {step} left the comment {status}"
        for step in colleague:
            n = conn.execute("SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                             (f"%{step['text']}<%",)).fetchone()[0]
            assert n == 1, f"{tag}: the colleague's answer is on the server {n} times"
        for action_id, item, kind, _state, payload in rows:
            n = conn.execute("SELECT COUNT(*) FROM idempotency WHERE user_id = ? AND key = ?",
                             (targets.mona, action_id)).fetchone()[0]
            want = 0 if json.loads(payload).get("body") in held else 1
            assert n == want, f"{tag}: {kind} on {item} has {n} ledger rows"
        after = conn.execute("SELECT COUNT(*) FROM idempotency WHERE user_id = ?",
                             (targets.mona,)).fetchone()[0]
    finally:
        conn.close()
    assert after - ledger_before == len(plan) - len(held), (
        f"{tag}: writes under ids the outbox never had")


def _check_cache_equals_server(server: Any, profile: Path, tag: str,
                               held: set[str] | None = None) -> None:
    conn = server_db(server)
    try:
        likes: dict[int, int] = dict(conn.execute(
            "SELECT comment_id, COUNT(*) FROM likes GROUP BY comment_id"))
        server_comments = {
            (str(cid), status, str(version), likes.get(cid, 0))
            for cid, status, version in conn.execute("SELECT id, status, version FROM comments")
        }
        server_posts = {(str(pid), locked, str(version)) for pid, locked, version in
                        conn.execute("SELECT id, locked, version FROM posts")}
    finally:
        conn.close()
    cache = sqlite3.connect(f"file:{profile / 'cache.db'}?mode=ro", uri=True)
    try:
        cached_comments = set(cache.execute(
            "SELECT rid, status, version, like_count FROM comments WHERE rid NOT LIKE '~%'"))
        cached_posts = set(cache.execute("SELECT rid, locked, version FROM posts"))
        leftovers = cache.execute(
            "SELECT rid, pending, o_status, o_replied, o_liked FROM comments WHERE "
            "rid LIKE '~%' OR pending != 0 OR o_status IS NOT NULL OR o_replied != 0 "
            "OR o_liked IS NOT NULL").fetchall()
        leftovers = [row for row in leftovers if row[0] not in (held or set())]
        stale_locks = cache.execute(
            "SELECT rid FROM posts WHERE o_locked IS NOT NULL").fetchall()
    finally:
        cache.close()
    assert cached_comments == server_comments, (
        f"{tag}: cache and server differ: only cached {sorted(cached_comments - server_comments)[:5]}"
        f", only on the server {sorted(server_comments - cached_comments)[:5]}")
    assert cached_posts == server_posts, tag
    assert leftovers == [], f"{tag}: overlays of finished actions left in the cache: {leftovers}"
    assert stale_locks == [], tag


def _matrix(server: Any, tmp: Path, *, named: list[tuple[str, int]], random_kills: int,
            seed: int, page_size: int) -> Tally:
    rng = random.Random(seed)
    targets = Targets(server, seed)
    tally = Tally()
    runs: list[tuple[str | None, float | None]] = [(f"{p}:{n}", None) for p, n in named]
    runs += [(None, rng.uniform(0, 0.4)) for _ in range(random_kills)]
    for i, (point, delay) in enumerate(runs):
        tag = f"{i}-{point or f'random{delay:.3f}'}".replace(":", "_")
        kill_run(server, targets, tmp, tag, point=point, delay=delay, tally=tally,
                 page_size=page_size)
    print(f"\ncrash matrix (seed {seed}): {tally.kills} kills survived "
          f"({json.dumps(tally.by_point, sort_keys=True)}), {tally.restarts} restarts, "
          f"{tally.actions} actions, 0 lost, 0 duplicated")
    return tally


def test_crash_matrix(crash_server, tmp_path):
    tally = _matrix(crash_server, tmp_path, named=NAMED_POINTS, random_kills=CI_RANDOM_KILLS,
                    seed=20261121, page_size=40)
    # Every named point killed; random delays may let a quick worker finish first.
    assert tally.kills >= len(NAMED_POINTS) + CI_RANDOM_KILLS // 2
    assert tally.kills >= 20


@pytest.mark.slow
def test_crash_matrix_long(big_crash_server, tmp_path):
    rng = random.Random(7)
    named = [(p, rng.randint(1, top)) for p, top in (
        ("mid_migration", 2), ("mid_page", 8), ("after_local_commit", 6), ("after_send", 6),
        ("after_response_before_ack", 6), ("after_ack", 6)) for _ in range(20)]
    tally = _matrix(big_crash_server, tmp_path, named=named, random_kills=80, seed=7,
                    page_size=200)
    assert tally.kills >= 180


# -- claims (issue 15 §5) -------------------------------------------------------------------

def test_a_claim_lost_in_a_crash_expires_on_the_server(tmp_path, monkeypatch):
    """SIGKILL right after the server granted a claim: nothing is queued to replay it later,
    both files are clean, the claim ends on the server by its time-to-live, and the restarted
    desk claims again as if nothing happened."""
    from demo_data import cli, cli_json

    from desktop.demo.process import DemoServerProcess

    with DemoServerProcess(tmp_path / "ttl.db", seed=4, size="small", rate=0,
                           extra_args=["--claim-ttl", "3"]).start() as server:
        profile, token = tmp_path / "mona", server.tokens["mona"]
        assert cli(profile, "account", "add", "--name", "demo", "--url", server.url,
                   "--user", "mona", stdin=token + "\n").returncode == 0
        assert cli(profile, "sync", secret=token).returncode == 0
        item = cli_json(profile, "queue", "--limit", "1", secret=token)[0]["id"]
        rid = int(item.split(":c", 1)[1])
        monkeypatch.setenv("DIALOGUE_DESK_CRASHPOINT", "after_claim:1")
        killed = cli(profile, "act", item, "claim", secret=token)
        monkeypatch.delenv("DIALOGUE_DESK_CRASHPOINT")
        assert killed.returncode == -signal.SIGKILL
        _check_files(profile)
        assert _outbox(profile) == []  # a claim is never queued to be replayed
        db = server_db(server)
        try:
            held = "SELECT COUNT(*) FROM claims WHERE comment_id = ? AND user_id IS NOT NULL " \
                   "AND expires_at > strftime('%s', 'now')"
            assert db.execute(held, (rid,)).fetchone()[0] == 1
            deadline = time.monotonic() + 10
            while db.execute(held, (rid,)).fetchone()[0] and time.monotonic() < deadline:
                time.sleep(0.2)
            assert db.execute(held, (rid,)).fetchone()[0] == 0  # expired by itself
        finally:
            db.close()
        assert cli(profile, "sync", secret=token).returncode == 0
        after = {i["id"]: i for i in cli_json(profile, "queue", "--limit", "100000",
                                             secret=token)}
        assert after[item]["claimed_by"] is None
        again = cli(profile, "act", item, "claim", secret=token)
        assert again.returncode == 0, again.stderr
        mine = {i["id"]: i for i in cli_json(profile, "queue", "--limit", "100000",
                                            secret=token)}[item]["claimed_by"]
        assert mine is not None and mine["me"] is True
        _check_files(profile)
