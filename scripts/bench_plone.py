#!/usr/bin/env python3
"""Measure the Plone connector against a real Plone, next to a bare pull of the same catalogue.

    python scripts/bench_plone.py [--comments 5000] [--posts 100] [--workdir DIR] [--keep]

Starts a fresh Plone (scripts/plone/plonenv.py) and adds N comments inside the instance's
own Python (scripts/plone/bulk_seed.py) unless ``--workdir`` names a running, seeded one;
then measures in the same run, as the reviewer (who sees every state):

- a bare pull: every comment with its state, sequential, without a store: every ``@search``
  page of the Discussion Items (id, state, date, creator) and every page of ``@comments`` of
  every item that has comments (the bodies);
- a bare walk: the route a moderator's first sync takes, as plainly: one search of the
  unpublished comments' states and every page of every post's ``@comments``;
- a full sync into a fresh profile (end to end: HTTP, parsing, SQLite), with its requests,
  ``--rounds`` times, each between two bare pulls (the faster of the two counts);
- a sync with nothing new as the timer runs it (sweep not due), and as "Sync now" runs it
  (sweep asked), each with its requests.

Prints a Markdown table (docs/benchmarks.md and docs/plone.md keep the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.models.writer import Writer
from desktop.services.connectors.plone import PloneConnector
from desktop.services.sync import sync_account

LOGIN = "reviewer1"


def _plonenv() -> Any:
    name = "dialogue_desk_plonenv"  # the name tests/plone_env.py loads it under
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "plone" / "plonenv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def server_cpu(env: Any) -> float:
    """CPU seconds the Plone process has used (user + system, every thread): on a shared
    machine the wall clock swings with the neighbours' load, this far less."""
    try:
        fields = Path(f"/proc/{env.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def with_cpu(env: Any, run: Any) -> tuple[Any, float]:
    before = server_cpu(env)
    result = run()
    return result, server_cpu(env) - before


def _kind(path: str) -> str:
    """A request's kind for the tally: the REST route, or the catalogue query's type."""
    if "@search" in path:
        return "@search"
    return next((part.split("?")[0] for part in path.split("/") if part.startswith("@")),
                path or "/")


def _client(env: Any) -> httpx.Client:
    client = httpx.Client(base_url=env.url + "/", timeout=120,
                          headers={"Accept": "application/json"})
    user = env.users[LOGIN]
    token = client.post("@login", json={"login": user.login, "password": user.password})
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    return client


def _all_comments(client: httpx.Client, path: str) -> tuple[int, int]:
    """(comments, requests) of every ``@comments`` page of one item."""
    start = requests = 0
    while True:
        doc = client.get(f"{path}/@comments", params={"b_size": 100, "b_start": start}).json()
        requests += 1
        start += len(doc["items"])
        if not doc["items"] or start >= doc["items_total"]:
            return start, requests


def _search_all(client: httpx.Client, params: list[tuple[str, str]]) -> tuple[list[Any], int]:
    hits: list[Any] = []
    requests = 0
    while True:
        doc = client.get("@search", params=[*params, ("b_size", "500"),
                                            ("b_start", str(len(hits)))]).json()
        requests += 1
        hits.extend(doc["items"])
        if not doc["items"] or len(hits) >= doc["items_total"]:
            return hits, requests


def bare_walk(env: Any) -> tuple[float, int, int]:
    """(seconds, requests, comments) of the walk's reads, sequential, no store."""
    with contextlib.closing(_client(env)) as client:
        started = time.perf_counter()
        _, requests = _search_all(client, [
            ("portal_type", "Discussion Item"), ("review_state", "pending"),
            ("review_state", "rejected"), ("review_state", "spam"),
            ("metadata_fields", "review_state")])
        posts, more = _search_all(client, [("portal_type", "Document"),
                                           ("portal_type", "News Item")])
        requests += more
        comments = 0
        for hit in posts:
            n, more = _all_comments(client, hit["@id"][len(env.url) + 1:])
            comments += n
            requests += more
        return time.perf_counter() - started, requests, comments


def bare_pull(env: Any) -> tuple[float, int, int]:
    """(seconds, requests, comments) of a sequential pull of every comment, no store."""
    with contextlib.closing(_client(env)) as client:
        requests = 0
        started = time.perf_counter()
        paths: dict[str, None] = {}
        start = 0
        while True:
            doc = client.get("@search", params=[
                ("portal_type", "Discussion Item"), ("sort_on", "modified"),
                ("metadata_fields", "review_state"), ("metadata_fields", "modified"),
                ("metadata_fields", "Creator"), ("b_size", "500"),
                ("b_start", str(start))]).json()
            requests += 1
            for hit in doc["items"]:
                item = hit["@id"].split("/++conversation++default/")[0]
                paths[item[len(env.url) + 1:]] = None
            start += len(doc["items"])
            if not doc["items"] or start >= doc["items_total"]:
                break
        comments = 0
        for path in paths:
            n, more = _all_comments(client, path)
            comments += n
            requests += more
        return time.perf_counter() - started, requests, comments


async def sync_once(env: Any, profile: Path, *, sweep: bool) -> dict[str, Any]:
    """One sync as the desk runs it; the requests are counted by kind."""
    writer = Writer(profile)
    user = env.users[LOGIN]
    conn = PloneConnector(url=env.url, username=user.login, secret=user.password)
    tally: collections.Counter[str] = collections.Counter()
    waited: collections.defaultdict[str, float] = collections.defaultdict(float)
    send = conn.client.session.request

    async def counted(method: str, url: str, **kwargs: Any) -> httpx.Response:
        tally[_kind(url)] += 1
        t0 = time.perf_counter()
        try:
            return await send(method, url, **kwargs)
        finally:
            waited[_kind(url)] += time.perf_counter() - t0

    conn.client.session.request = counted  # type: ignore[method-assign]
    if sweep:
        conn.request_sweep()
    try:
        result = await sync_account(writer, conn, "pl")
    finally:
        await conn.aclose()
        writer.close()
    return {"s": result.seconds, "pages": result.pages, "records": result.records,
            "requests": sum(tally.values()), "by_kind": dict(tally),
            "http_s": round(sum(waited.values()), 2),
            "http_s_by_kind": {k: round(v, 2) for k, v in waited.items()}}


def cached_comments(profile: Path) -> int:
    import sqlite3

    db = sqlite3.connect(profile / "cache.db")
    try:
        return int(db.execute("SELECT COUNT(*) FROM comments").fetchone()[0])
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=100, help="items the comments go on")
    parser.add_argument("--workdir", type=Path, help="a running, seeded instance (env.json)")
    parser.add_argument("--keep", action="store_true", help="leave a started instance running")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--rounds", type=int, default=3,
                        help="full syncs, each between two bare pulls")
    args = parser.parse_args(argv)

    plonenv = _plonenv()
    started_here = args.workdir is None
    if started_here:
        plonenv.install()
        workdir = Path(tempfile.mkdtemp(prefix="dd-bench-plone-"))
        t0 = time.perf_counter()
        env = plonenv.start(workdir)
        t1 = time.perf_counter()
        bulk = plonenv.bulk_seed(env, args.comments, posts=args.posts)
        print(f"Plone at {env.url}: site {t1 - t0:.1f} s, {args.comments:,} comments in "
              f"{bulk['seconds_with_restart']:.1f} s (adding {bulk['seconds_add']:.1f} s)",
              file=sys.stderr)
    else:
        env = plonenv.PloneEnv.load(args.workdir)
        bulk = env.seed.get("bulk", {})
    try:
        (walk_s, walk_requests, walked), walk_cpu = with_cpu(env, lambda: bare_walk(env))
        first, cpu = with_cpu(env, lambda: bare_pull(env))
        bare, bare_cpu = [first], [cpu]
        fulls: list[dict[str, Any]] = []
        with tempfile.TemporaryDirectory(prefix="dd-bench-profile-") as tmp:
            for n in range(args.rounds):
                profile = Path(tmp) / f"profile-{n}"
                full, cpu = with_cpu(env, lambda: asyncio.run(
                    sync_once(env, profile, sweep=False)))  # noqa: B023 (called at once)
                fulls.append({**full, "server_cpu_s": round(cpu, 2)})
                pulled, cpu = with_cpu(env, lambda: bare_pull(env))
                bare.append(pulled)
                bare_cpu.append(cpu)
            stored = cached_comments(profile)
            quiet = asyncio.run(sync_once(env, profile, sweep=False))
            swept = asyncio.run(sync_once(env, profile, sweep=True))
        walk2_s, _, _ = bare_walk(env)
    finally:
        if started_here and not args.keep:
            plonenv.stop(env)

    total, bare_requests = bare[0][2], bare[0][1]
    bare_s = [round(b[0], 2) for b in bare]
    # Each full sync against the faster of the bare pulls around it: the server's caches
    # and the machine's other load change between runs, not within a few seconds.
    ratios = [round(min(bare_s[n], bare_s[n + 1]) / f["s"], 3) for n, f in enumerate(fulls)]
    mid = sorted(range(len(fulls)), key=lambda n: ratios[n])[len(fulls) // 2]
    full = fulls[mid]
    cpu_ratios = [round(min(bare_cpu[n], bare_cpu[n + 1]) / f["server_cpu_s"], 3)
                  for n, f in enumerate(fulls)]
    full_s = ", ".join(f"{f['s']:.2f}" for f in fulls)
    walk_best = min(walk_s, walk2_s)
    figures = {
        "comments": total, "stored": stored, "walked": walked, "posts": args.posts,
        "seed": bulk, "bare_pull_s": bare_s, "bare_requests": bare_requests,
        "bare_walk_s": [round(walk_s, 2), round(walk2_s, 2)], "walk_requests": walk_requests,
        "full_syncs": fulls, "full_vs_bare": ratios, "full_vs_bare_median": ratios[mid],
        "bare_server_cpu_s": [round(c, 2) for c in bare_cpu], "walk_server_cpu_s":
        round(walk_cpu, 2), "full_vs_bare_server_cpu": cpu_ratios,
        "full_vs_walk": [round(walk_best / f["s"], 3) for f in fulls],
        "nothing_new": quiet, "nothing_new_swept": swept,
        "nothing_new_vs_full": round(quiet["s"] / full["s"], 3),
        "nothing_new_swept_vs_full": round(swept["s"] / full["s"], 3),
    }
    print(f"| measure ({total:,} comments on {args.posts} items, waitress, 1 client) | value |")
    print("|---|---|")
    print(f"| seeding ({bulk.get('comments', 0):,} comments in the instance's Python, restart included) "
          f"| {bulk.get('seconds_with_restart', 0):.1f} s |")
    print(f"| bare pull (@search pages + every @comments page, sequential, no store) | "
          f"{', '.join(f'{b:.2f}' for b in bare_s)} s, {bare_requests} requests |")
    print(f"| bare walk (unpublished states + every post's @comments, sequential) | "
          f"{walk_s:.2f} s, {walk2_s:.2f} s, {walk_requests} requests |")
    print(f"| full sync (fresh profile, end to end), {len(fulls)} rounds | "
          f"{full_s} s, {full['requests']} requests; "
          f"÷ bare pull **{', '.join(f'{r:.2f}' for r in ratios)}× (median "
          f"{ratios[mid]:.2f}×)**; ÷ bare walk {walk_best / full['s']:.2f}× (median round) |")
    print(f"| Plone's CPU: bare pull {', '.join(f'{c:.1f}' for c in bare_cpu)} s, bare walk "
          f"{walk_cpu:.1f} s, full sync {', '.join(str(f['server_cpu_s']) for f in fulls)} s | "
          f"full ÷ bare {', '.join(f'{r:.2f}' for r in cpu_ratios)}× |")
    print(f"| sync, nothing new (timer; sweep not due) | **{quiet['s']:.2f} s = "
          f"{quiet['s'] / full['s']:.2f}× the full sync**, {quiet['requests']} requests |")
    print(f"| sync, nothing new (Sync now; sweep of every state) | {swept['s']:.2f} s = "
          f"{swept['s'] / full['s']:.2f}× the full sync, {swept['requests']} requests |")
    for name, run in (("full (median round)", full), ("nothing new", quiet), ("swept", swept)):
        print(f"{name}: requests {json.dumps(run['by_kind'])}, waiting for HTTP "
              f"{run['http_s']} s {json.dumps(run['http_s_by_kind'])}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
