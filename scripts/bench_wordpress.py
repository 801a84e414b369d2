#!/usr/bin/env python3
"""Measure the WordPress connector against a real WordPress, in one run, as ratios.

    python scripts/bench_wordpress.py [--comments 20000] [--workdir DIR] [--keep] [--json OUT]

Starts a fresh WordPress (scripts/wordpress/wpenv.py) seeded with N comments through PHP
(seed.php, one transaction) unless ``--workdir`` names a running one, then measures:

- a bare sequential pull of the same comments as the connector asks for them (edit context,
  every status list, 100 a page, the same ``_fields``), and a full sync into a fresh profile
  (HTTP, parsing, SQLite, search index), alternating, ``--rounds`` times;
- a sync with nothing new, five times, with the connector kept as an open desk keeps it;
- a "Full check" (the sweep of every comment, what Shift+F5 and ``sync --full`` ask for);
- requests per idle hour of an open desk, from the schedule (``sync_interval``,
  ``wordpress_sweep_interval``, the 6-hourly categories and users) and the measured requests.

Prints a Markdown table with the targets of issue 19 (docs/benchmarks.md keeps the figures).
Absolute times differ ~2x between machines; the targets are ratios of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.models.settings import SETTINGS
from desktop.models.writer import Writer
from desktop.services.connectors.wordpress import META_EVERY, WordPressConnector
from desktop.services.connectors.wordpress import records as wr
from desktop.services.connectors.wordpress.identity import user_params
from desktop.services.http import HttpSession, build_client
from desktop.services.sync import sync_account

NOTHING_NEW_RUNS = 5


def _wpenv() -> Any:
    spec = importlib.util.spec_from_file_location("bench_wpenv",
                                                  ROOT / "scripts" / "wordpress" / "wpenv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_wpenv"] = module
    spec.loader.exec_module(module)
    return module


def bare_pull(env: Any) -> tuple[float, int, int]:
    """Every comment of every list a moderator's sync reads, page by page, one request at a
    time, nothing done with the answers: (seconds, comments, requests)."""
    params: dict[str, Any] = {"context": "edit", "orderby": "id", "order": "asc", "per_page": 100,
              "_fields": wr.COMMENT_FIELDS}
    comments = requests = 0
    with httpx.Client(base_url=env.url, auth=env.users["editor1"].auth, timeout=60) as client:
        started = time.perf_counter()
        for status in wr.MOD_LISTS:
            page = 1
            while True:
                response = client.get("/wp-json/wp/v2/comments",
                                      params={**params, "status": status, "page": page})
                response.raise_for_status()
                requests += 1
                n = len(response.json())
                comments += n
                if n < 100:
                    break
                page += 1
        return time.perf_counter() - started, comments, requests


class Desk:
    """One connector on one profile, kept across syncs as the open desk keeps it; every
    request it sends is counted by an httpx event hook."""

    def __init__(self, env: Any, profile: Path) -> None:
        user = env.users["editor1"]
        self.requests = 0
        auth = httpx.BasicAuth(user.login, user.app_password)

        async def count(_request: httpx.Request) -> None:
            self.requests += 1

        def client() -> httpx.AsyncClient:
            c = build_client(base_url=env.url + "/", auth=auth)
            c.event_hooks = {"request": [count], "response": []}
            return c

        self.session = HttpSession(client)
        self.writer = Writer(profile)
        self.conn = WordPressConnector(url=env.url, username=user.login,
                                       secret=user.app_password, session=self.session)

    async def sync(self, *, full: bool = False) -> tuple[float, int, float]:
        """(seconds, requests, CPU seconds of this process, every thread) of one sync."""
        if full:
            self.conn.request_sweep()
        before, cpu = self.requests, time.process_time()
        result = await sync_account(self.writer, self.conn, "wp")
        return result.seconds, self.requests - before, time.process_time() - cpu

    async def aclose(self) -> None:
        await self.conn.aclose()
        await self.session.aclose()
        self.writer.close()


async def measure_syncs(env: Any, profile: Path, *, more: bool) -> dict[str, Any]:
    """A full sync into a fresh profile; with ``more``, then the syncs that follow it."""
    desk = Desk(env, profile)
    try:
        full = await desk.sync()
        if not more:
            return {"full": full}
        idle = [await desk.sync() for _ in range(NOTHING_NEW_RUNS)]
        approve_held(env)  # what another moderator does in wp-admin: the counts show it
        moderated = await desk.sync()
        check = await desk.sync(full=True)
        after = await desk.sync()  # the sweep leaves nothing to check either
    finally:
        await desk.aclose()
    return {"full": full, "idle": idle, "moderated": moderated, "check": check,
            "after_check": after}


def approve_held(env: Any) -> None:
    """Approve the oldest held comment, as another moderator would on the web."""
    with httpx.Client(base_url=env.url, auth=env.users["editor1"].auth, timeout=60) as client:
        held = client.get("/wp-json/wp/v2/comments", params={
            "status": "hold", "context": "edit", "orderby": "id", "order": "asc",
            "per_page": 1, "_fields": "id"})
        held.raise_for_status()
        cid = held.json()[0]["id"]
        client.post(f"/wp-json/wp/v2/comments/{cid}", json={"status": "approved"}
                    ).raise_for_status()


def meta_requests(env: Any) -> int:
    """Requests of the 6-hourly categories and users refresh (one page of each here)."""
    with httpx.Client(base_url=env.url, auth=env.users["editor1"].auth, timeout=60) as client:
        n = 0
        for route, params in (("categories", {"_fields": "id,name"}),
                              ("users", user_params(False))):  # an editor's view
            response = client.get(f"/wp-json/wp/v2/{route}", params={**params, "per_page": 100})
            response.raise_for_status()
            n += int(response.headers.get("x-wp-totalpages") or 1)
        return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--workdir", type=Path, help="a running instance (env.json inside)")
    parser.add_argument("--keep", action="store_true", help="leave a started instance running")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--rounds", type=int, default=3,
                        help="bare pull + full sync pairs (the machine's load drifts)")
    args = parser.parse_args(argv)

    wpenv = _wpenv()
    started_here = args.workdir is None
    if started_here:
        workdir = Path(tempfile.mkdtemp(prefix="dd-bench-wp-"))
        env = wpenv.start(workdir, comments=args.comments)
        print(f"WordPress with {args.comments:,} comments at {env.url}: "
              f"{env.timings}", file=sys.stderr)
    else:
        env = wpenv.WpEnv.load(args.workdir)
    try:
        # Alternating, so that a drift in the machine's load hits both alike.
        bares, fulls = [], []
        for r in range(args.rounds):
            bares.append(bare_pull(env))
            with tempfile.TemporaryDirectory(prefix="dd-bench-profile-") as tmp:
                syncs = asyncio.run(measure_syncs(env, Path(tmp) / "profile",
                                                  more=r == args.rounds - 1))
            fulls.append(syncs["full"])
        syncs["meta"] = meta_requests(env)
    finally:
        if started_here and not args.keep:
            wpenv.stop(env)

    comments, bare_req = bares[0][1], bares[0][2]
    bare_s = statistics.median(b[0] for b in bares)
    full_s = statistics.median(f[0] for f in fulls)
    full_req = fulls[0][1]
    full_cpu = statistics.median(f[2] for f in fulls)
    pairs = ", ".join(f"{b[0] / f[0]:.2f}" for b, f in zip(bares, fulls, strict=True))
    idle_s = statistics.median(s for s, _, _ in syncs["idle"])
    idle_req = max(r for _, r, _ in syncs["idle"])
    check_s, check_req, _ = syncs["check"]
    sync_every = float(SETTINGS["sync_interval"].default)
    sweep_every = float(SETTINGS["wordpress_sweep_interval"].default)
    syncs_per_hour = 3600 / sync_every
    sweeps_per_hour = 3600 / sweep_every
    meta_per_hour = syncs["meta"] * 3600 / META_EVERY
    per_hour = ((syncs_per_hour - sweeps_per_hour) * idle_req + sweeps_per_hour * check_req
                + meta_per_hour)
    # The same schedule before the cheap check: no counts (4 requests fewer a sync), a sweep
    # every 15 minutes.
    old_sweeps = 4.0
    old_per_hour = ((syncs_per_hour - old_sweeps) * (idle_req - 4) + old_sweeps * check_req
                    + meta_per_hour)
    figures = {
        "comments": comments, "seed_s": env.timings.get("seed"),
        "bare_pull_s": [round(b[0], 2) for b in bares], "bare_pull_requests": bare_req,
        "full_sync_s": [round(f[0], 2) for f in fulls], "full_sync_requests": full_req,
        "full_sync_cpu_s": [round(f[2], 2) for f in fulls],
        "full_over_bare": round(bare_s / full_s, 3),
        "nothing_new_s": [round(s, 3) for s, _, _ in syncs["idle"]],
        "nothing_new_requests": [r for _, r, _ in syncs["idle"]],
        "nothing_new_over_full": round(idle_s / full_s, 4),
        "one_approval_s": round(syncs["moderated"][0], 2),
        "one_approval_requests": syncs["moderated"][1],
        "full_check_s": round(check_s, 2), "full_check_requests": check_req,
        "after_full_check": list(syncs["after_check"][:2]),
        "requests_per_idle_hour": round(per_hour), "before_requests_per_idle_hour":
            round(old_per_hour),
    }
    ok = {True: "✓", False: "✗"}
    print(f"| measure ({comments:,} comments, php -S, 1 worker; same run) | value | target |")
    print("|---|---|---|")
    print(f"| seed {comments:,} comments (seed.php, PHP + SQL, one transaction) | "
          f"{env.timings.get('seed', float('nan')):.1f} s | — |")
    print(f"| bare sequential pull (edit context, every status, `_fields`) | "
          f"{' / '.join(f'{b[0]:.2f} s' for b in bares)}, {bare_req} requests | — |")
    print(f"| full sync, fresh profile, end to end | "
          f"{' / '.join(f'{f[0]:.2f} s' for f in fulls)}, {full_req} requests, "
          f"client CPU {full_cpu:.1f} s | — |")
    print(f"| **full sync ÷ bare pull** (rate; median ÷ median; per round {pairs}) | "
          f"**{bare_s / full_s:.2f}** | ≥ 0.8 {ok[bare_s / full_s >= 0.8]} |")
    print(f"| nothing-new sync (median of {NOTHING_NEW_RUNS}, the connector kept) | "
          f"{idle_s * 1000:.0f} ms, "
          f"{idle_req} requests | ≤ 10 requests {ok[idle_req <= 10]} |")
    print(f"| **nothing-new ÷ full sync** (time) | **{idle_s / full_s:.3f}** | ≤ 0.1 "
          f"{ok[idle_s / full_s <= 0.1]} |")
    print(f"| sync after one approval in wp-admin (the held list re-read) | "
          f"{syncs['moderated'][0]:.2f} s, {syncs['moderated'][1]} requests | — |")
    print(f"| Full check (Shift+F5, `sync --full`: the sweep) | {check_s:.2f} s, "
          f"{check_req} requests | — |")
    print(f"| requests per idle hour of an open desk (sync every {sync_every:.0f} s, sweep "
          f"every {sweep_every:.0f} s) | **{per_hour:,.0f}** (before: {old_per_hour:,.0f}) "
          "| — |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
