"""``python -m bench``: build demo intranets, measure, write docs/benchmarks.md and .json.

    python -m bench               10k, 100k (3 runs) and 1M comments (2 runs), ~15-20 min
    python -m bench --quick       10k and 100k only
    python -m bench --smoke       2k comments, 1 run, written to --out (the CI smoke test)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import data, ingest, reads, report
from desktop.tuning import sync_tuning as fewer_collections

ROOT = Path(__file__).resolve().parents[1]


def probe(*args: str, timeout: float = 900) -> dict[str, Any]:
    """Run ``bench.gui_probe`` in a fresh process; its JSON result."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "bench.gui_probe", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise RuntimeError(f"probe {args[0]} failed: {proc.stderr[-2000:]}")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def measure_size(work: Path, size: int, runs: int, *, lag: bool, fts_ablation: bool,
                 index_ablation: bool = False) -> dict[str, Any]:
    r: dict[str, Any] = {"size": size, "runs": runs}
    log(f"{size:,} comments: starting the demo intranet")
    demo, generated = data.start_demo(work, size)
    try:
        r["generate_s"] = generated
        acc = data.account(demo)
        pages = data.fetch_pages(demo)
        r["pages"] = len(pages)
        r["records"], r["comments"] = ingest.count_records(pages)
        profile = work / f"profile-{size}"
        scratch = work / f"scratch-{size}"
        keys = ("pull", "sync", "memory_sync", "store", "raw", "resync")
        for k in keys:
            r[k] = []
        for run in range(runs):
            log(f"{size:,}: run {run + 1}/{runs}: network (bare pull, full sync)")
            r["pull"].append(ingest.run_async(ingest.bare_pull(demo)))
            r["sync"].append(ingest.run_async(ingest.full_sync(demo, acc, profile)))
            log(f"{size:,}: run {run + 1}/{runs}: client and store")
            r["memory_sync"].append(ingest.run_async(ingest.memory_sync(pages, acc, scratch)))
            # the store's figures under the collector's pace of a sync, as the desk runs them
            with fewer_collections():
                r["store"].append(ingest.store_ingest(pages, acc, scratch))
                r["resync"].append(ingest.resync(pages, scratch))
                r["raw"].append(ingest.raw_executemany(pages, acc, scratch, work / "raw"))
        with fewer_collections():
            if index_ablation:
                log(f"{size:,}: raw inserts with every index kept (the design we replaced)")
                r["raw_all_indexes"] = ingest.raw_executemany(pages, acc, scratch,
                                                              work / "raw", defer=False)
            if fts_ablation:
                log(f"{size:,}: search index kept page by page (the design we replaced)")
                r["store_fts_per_page"] = ingest.store_ingest(pages, acc, scratch, bulk=False)
        del pages
        log(f"{size:,}: reads")
        r["reads"] = [reads.measure(profile) for _ in range(runs)]
        log(f"{size:,}: the queue in Qt (paint, scroll end to end)")
        r["paint"] = [probe("paint", str(profile)) for _ in range(runs)]
        r["rss"] = [probe("rss", str(profile)) for _ in range(max(1, runs - 1))]
        if lag:
            log(f"{size:,}: event-loop lag during a sync")
            r["lag"] = []
            for _ in range(runs):
                data.fresh_profile(scratch, acc).close()
                r["lag"].append(probe("lag", demo.url, demo.tokens[data.USER], str(scratch)))
        r["cache_mb"] = (profile / "cache.db").stat().st_size / 1e6
    finally:
        demo.stop()
    return r


def cold_start(profile: Path, runs: int) -> dict[str, list[float]]:
    log("cold start: empty window vs the desk, alternating")
    # The libraries of the empty window come with compiled bytecode, as an installed or frozen
    # desk does; a checkout run with PYTHONDONTWRITEBYTECODE would compile ~35 modules each start.
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "desktop"), quiet=1)
    out: dict[str, list[float]] = {"empty": [], "desk": []}
    for _ in range(runs):
        out["empty"].append(probe("empty")["painted_ms"])
        out["desk"].append(probe("desk", str(profile))["painted_ms"])
    return out


def machine() -> dict[str, Any]:
    from PySide6 import __version__ as pyside

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        mem = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "pyside6": pyside, "platform": platform.platform(),
            "date": time.strftime("%Y-%m-%d %H:%M")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="10k and 100k only")
    p.add_argument("--smoke", action="store_true", help="2k comments, one run (for CI)")
    p.add_argument("--sizes", help="comma-separated sizes, e.g. 10000,100000")
    p.add_argument("--runs", type=int, help="runs per size (default 3; 2 at 1M)")
    p.add_argument("--work", type=Path, help="where demo data and profiles go "
                   "(default: a temporary directory; reuse one to skip generating)")
    p.add_argument("--out", type=Path, default=ROOT / "docs",
                   help="where benchmarks.md and benchmarks.json are written")
    args = p.parse_args(argv)
    if args.smoke:
        sizes = [2000]
    elif args.sizes:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    else:
        sizes = [10_000, 100_000] + ([] if args.quick else [1_000_000])
    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="dialogue-desk-bench-")
        work = Path(tmp.name)
    else:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results = []
    lag_size = min(sizes, key=lambda s: abs(s - 100_000))
    for size in sizes:
        runs = args.runs or (1 if args.smoke else 2 if size >= 1_000_000 else 3)
        results.append(measure_size(work, size, runs, lag=size == lag_size,
                                    fts_ablation=size == lag_size,
                                    index_ablation=size == max(sizes)))
    start = cold_start(work / f"profile-{max(sizes)}", 1 if args.smoke else 7)
    doc = {"machine": machine(), "minutes": (time.time() - started) / 60,
           "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
           "sizes": results, "cold_start": start}
    args.out.mkdir(parents=True, exist_ok=True)
    figures = report.figures(doc)
    (args.out / "benchmarks.json").write_text(
        json.dumps({**doc, "figures": [f.as_json() for f in figures]}, indent=1) + "\n",
        encoding="utf-8")
    (args.out / "benchmarks.md").write_text(report.markdown(doc, figures), encoding="utf-8")
    log(f"wrote {args.out / 'benchmarks.md'} in {doc['minutes']:.1f} min")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
