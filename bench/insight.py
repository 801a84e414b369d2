"""How long the insight figures take on a synced profile (docs/benchmarks.md, "Insight").

``python -m bench.insight --work DIR --sizes 100000 1000000``: the demo
intranet of each size (seed 1, time pinned to bench.data.REFERENCE_TIME), synced by the desk
as erik into an empty profile (a profile made before the derived facts gets them built once,
timed), then each read timed on a read-only Store with a warm page cache, the median of 5
runs (the first run, cold for SQLite's own cache, apart): from the derived facts
(desktop/models/insight_facts.py) and from the comments (``facts=False``, the reads before
them), the two alternating in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import data
from bench.ingest import full_sync
from desktop.models import insight, insight_facts
from desktop.models.store import Store
from desktop.models.timefmt import parse_iso

RUNS = 5


def _timed(fn: Callable[[], Any]) -> dict[str, float]:
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
            "min_ms": min(times) * 1000, "max_ms": max(times) * 1000}


def measure(profile: Path) -> dict[str, Any]:
    now = parse_iso(data.REFERENCE_TIME)
    store = Store(profile, readonly=True)
    try:
        period: dict[str, Any] = {"since": now - 28 * insight.DAY, "until": now, "now": now}
        trend: dict[str, Any] = {"since": now - 12 * insight.WEEK, "until": now, "now": now}
        in_period = store.cache.execute(
            "SELECT COUNT(*) FROM comments WHERE created_at >= ? AND created_at < ?",
            (period["since"], now)).fetchone()[0]
        area = store.cache.execute(
            "SELECT a.name FROM comments c JOIN areas a ON a.acct = c.acct "
            "AND a.rid = c.area_rid GROUP BY a.name ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
        reads: dict[str, Callable[[bool], Any]] = {
            "report_28d": lambda f: insight.report(store, facts=f, **period),
            "report_28d_one_area": lambda f: insight.report(store, area=area, facts=f, **period),
            # the dashboard's trend is of its period (28 days by default)
            "weekly_28d": lambda f: insight.weekly(store, facts=f, **period),
            "weekly_12w": lambda f: insight.weekly(store, facts=f, **trend),
            "by_area_28d": lambda f: insight.by_area(store, facts=f, **period),
        }
        out: dict[str, Any] = {
            "comments": store.cache.execute("SELECT COUNT(*) FROM comments").fetchone()[0],
            "comments_in_28_days": in_period,
        }
        for name, read in reads.items():
            assert read(True) == read(False), name  # the same figures either way
            out[name] = {"facts": _timed(lambda r=read: r(True)),  # type: ignore[misc]
                         "comments": _timed(lambda r=read: r(False))}  # type: ignore[misc]
        for way in ("facts", "comments"):
            out[f"dashboard_open_ms_{way}"] = (out["report_28d"][way]["median_ms"]
                                               + out["weekly_28d"][way]["median_ms"])
        return out
    finally:
        store.close()


def facts_build(profile: Path) -> dict[str, float]:
    """Seconds to build the derived facts once (a profile synced before they existed; a
    first load builds them at its end the same way), slice by slice as the sync's writer
    jobs run them, and the longest of those jobs (what another writer job may wait)."""
    store = Store(profile)
    try:
        jobs: list[float] = []
        started = time.perf_counter()
        for (account,) in store.cache.execute("SELECT account FROM sources").fetchall():
            more = True
            while more:
                began = time.perf_counter()
                more = insight_facts.refresh_slice(store, account)
                jobs.append(time.perf_counter() - began)
        return {"facts_build_s": time.perf_counter() - started, "facts_build_jobs": len(jobs),
                "facts_build_longest_job_s": max(jobs)}
    finally:
        store.close()


def index_build(profile: Path) -> float:
    """Seconds to build the report's indexes once (a first load builds them at its end)."""
    from desktop.models import schema

    names = ("ix_comments_period", "ix_comments_replies")
    store = Store(profile)
    try:
        for name in names:
            store.cache.execute(f"DROP INDEX IF EXISTS {name}")
        started = time.perf_counter()
        for name in names:
            store.cache.execute(schema.DEFERRED_INDEXES[name])
        return time.perf_counter() - started
    finally:
        store.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--work", type=Path, required=True, help="a directory of its own")
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = p.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in args.sizes:
        profile = args.work / f"profile-{size}"
        if not (profile / "cache.db").exists():
            demo, _ = data.start_demo(args.work, size)
            try:
                seconds, records = asyncio.run(full_sync(demo, data.account(demo), profile))
                print(f"{size}: synced {records} records in {seconds:.1f} s", flush=True)
            finally:
                demo.stop()
        results[size] = {"index_build_s": index_build(profile), **facts_build(profile),
                         **measure(profile)}
        print(json.dumps({size: results[size]}, indent=1), flush=True)


if __name__ == "__main__":
    main()
