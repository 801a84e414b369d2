#!/usr/bin/env python3
"""Measure the WordPress connector against a real WordPress, next to the server's own limit.

    python scripts/bench_wordpress.py [--comments 5000] [--workdir DIR] [--keep]

Starts a fresh WordPress (scripts/wordpress/wpenv.py) seeded with N comments unless
``--workdir`` names a running one, then measures in the same run:

- the server's limit: sequential requests/s for one 100-comment page (as the connector asks for
  it, and as WordPress renders it without ``_fields``), and for ids and statuses only;
- a full sync into a fresh profile (comments/s, end to end: HTTP, parsing, SQLite);
- an incremental sync with nothing new (every comment is swept again).

Prints a Markdown table (docs/wordpress.md keeps the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.models.writer import Writer
from desktop.services.connectors.wordpress import WordPressConnector
from desktop.services.connectors.wordpress import records as ws
from desktop.services.sync import sync_account


def _wpenv():
    spec = importlib.util.spec_from_file_location("bench_wpenv",
                                                  ROOT / "scripts" / "wordpress" / "wpenv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_wpenv"] = module
    spec.loader.exec_module(module)
    return module


def server_rate(env, params: dict, pages: int) -> float:
    """Sequential requests/s for pages 1..pages of the comment list (one connection each,
    as php -S closes every connection)."""
    with httpx.Client(base_url=env.url, auth=env.users["editor1"].auth, timeout=30) as client:
        started = time.perf_counter()
        for page in range(1, pages + 1):
            response = client.get("/wp-json/wp/v2/comments",
                                  params={**params, "per_page": 100, "page": page})
            response.raise_for_status()
        return pages / (time.perf_counter() - started)


async def sync_once(env, profile: Path) -> tuple[float, int, int]:
    user = env.users["editor1"]
    writer = Writer(profile)
    conn = WordPressConnector(url=env.url, username=user.login, secret=user.app_password)
    conn.request_sweep()  # measure the incremental sync with its sweep, whatever the interval
    try:
        result = await sync_account(writer, conn, "wp")
    finally:
        await conn.aclose()
        writer.close()
    return result.seconds, result.pages, result.records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--workdir", type=Path, help="a running instance (env.json inside)")
    parser.add_argument("--keep", action="store_true", help="leave a started instance running")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    wpenv = _wpenv()
    started_here = args.workdir is None
    if started_here:
        workdir = Path(tempfile.mkdtemp(prefix="dd-bench-wp-"))
        t0 = time.perf_counter()
        env = wpenv.start(workdir, comments=args.comments)
        print(f"WordPress with {args.comments:,} comments at {env.url} "
              f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    else:
        env = wpenv.WpEnv.load(args.workdir)
    try:
        total = sum(env.seed.get("comment_counts", {}).values()) or args.comments
        pages = max(1, min(30, total // 100))
        edit = {"context": "edit", "status": "all", "orderby": "id", "order": "asc"}
        limits = {
            "page as the connector asks (_fields)": server_rate(
                env, {**edit, "_fields": ws.COMMENT_FIELDS}, pages),
            "page without _fields (WordPress default)": server_rate(env, edit, pages),
            "ids and statuses only": server_rate(
                env, {**edit, "_fields": ws.SWEEP_FIELDS}, pages),
        }
        with tempfile.TemporaryDirectory(prefix="dd-bench-profile-") as tmp:
            profile = Path(tmp) / "profile"
            full_s, full_pages, _ = asyncio.run(sync_once(env, profile))
            inc_s, inc_pages, inc_records = asyncio.run(sync_once(env, profile))
            inc2_s, _, _ = asyncio.run(sync_once(env, profile))
    finally:
        if started_here and not args.keep:
            wpenv.stop(env)

    figures = {
        "comments": total,
        "server_limit_req_per_s": {k: round(v, 1) for k, v in limits.items()},
        "full_sync_s": round(full_s, 2), "full_sync_pages": full_pages,
        "full_sync_comments_per_s": round(total / full_s),
        "incremental_nothing_new_s": [round(inc_s, 2), round(inc2_s, 2)],
        "incremental_pages": inc_pages, "incremental_records_changed": inc_records,
    }
    limit = limits["page as the connector asks (_fields)"]
    print(f"| measure ({total:,} comments, php -S, 1 worker) | value |")
    print("|---|---|")
    for name, rate in limits.items():
        print(f"| server limit: {name} | {rate:.1f} req/s ≈ {rate * 100:,.0f} comments/s |")
    print(f"| full sync (fresh profile, end to end) | {full_s:.2f} s, {full_pages} pages, "
          f"**{total / full_s:,.0f} comments/s** ({total / full_s / (limit * 100):.0%} of the "
          "server limit) |")
    print(f"| incremental sync, nothing new (sweep included) | **{inc_s:.2f} s** "
          f"({inc2_s:.2f} s again), {inc_pages} pages, {inc_records} records |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
