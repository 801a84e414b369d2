"""Where a first load's CPU goes: ``python -m bench.split --work DIR [--size 100000]``.

Stores the demo feed into an empty profile as ``bench.ingest.store_ingest`` does and times each
part with ``time.thread_time()`` (the writer is one thread; CPU time is what a shared machine
disturbs least). Exclusive: a part called inside another pauses its caller's clock. Used for
docs/benchmarks.md, "Storage redesign".
"""

from __future__ import annotations

import argparse
import collections
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from bench import data, ingest
from desktop.models import apply, promises
from desktop.models import store as storemod
from desktop.tuning import sync_tuning

_times: collections.Counter[str] = collections.Counter()
_stack: list[list[Any]] = []  # [part, started]


def _enter(part: str) -> None:
    now = time.thread_time()
    if _stack:
        _times[_stack[-1][0]] += now - _stack[-1][1]
    _stack.append([part, now])


def _leave() -> None:
    now = time.thread_time()
    part, started = _stack.pop()
    _times[part] += now - started
    if _stack:
        _stack[-1][1] = now


def _timed(part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        _enter(part)
        try:
            return fn(*args, **kwargs)
        finally:
            _leave()
    return run


def _statement(sql: str) -> str:
    if sql.startswith("COMMIT"):
        return "sql: COMMIT"
    if sql.startswith("CREATE INDEX"):
        return "sql: index built at the end"
    if "comments_fts" in sql and "MATCH" not in sql and ("rebuild" in sql or "SELECT" in sql):
        return "sql: search index built at the end"
    return "sql: other statements"


class _TimedConnection:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: Any) -> Any:
        return _timed(_statement(sql), self._conn.execute)(sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        part = ("sql: INSERT of the comment rows" if sql.startswith("INSERT INTO comments (")
                else "sql: other executemany")
        return _timed(part, self._conn.executemany)(sql, *args)


def instrument() -> None:
    ingest.parse_changes = _timed("parse (orjson, records)", ingest.parse_changes)
    apply.decide_new = _timed("triage (decide_new)", apply.decide_new)
    apply.html_to_text = _timed("HTML to text", apply.html_to_text)
    promises.record_new_rows = _timed("promises", promises.record_new_rows)
    promises.keep = _timed("promises", promises.keep)
    apply._answered_by_children = _timed("answered lookups", apply._answered_by_children)
    apply._mark_answered = _timed("answered lookups", apply._mark_answered)
    storemod.Store.retriage = _timed("retriage", storemod.Store.retriage)  # type: ignore[method-assign]
    opened = storemod.Store._open_cache
    def timed_cache(self: storemod.Store) -> sqlite3.Connection:
        return cast(sqlite3.Connection, _TimedConnection(opened(self)))

    storemod.Store._open_cache = timed_cache  # type: ignore[method-assign]


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.split", description=__doc__)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--size", type=int, default=100_000)
    args = p.parse_args()
    demo, _ = data.start_demo(args.work, args.size)
    try:
        acc = data.account(demo)
        pages = data.fetch_pages(demo)
    finally:
        demo.stop()
    instrument()
    with sync_tuning():
        started = time.thread_time()
        _enter("rows built, loops, lookups of versions, profile")
        r = ingest.store_ingest(pages, acc, args.work / "split")
        _leave()
        total = time.thread_time() - started
    n = r["comments"]
    print(f"total CPU {total:.2f} s for {n:,} comments = {total / n * 1e6:.1f} µs a comment")
    for part, seconds in _times.most_common():
        print(f"{seconds:7.2f} s {seconds / n * 1e6:6.1f} µs  {part}")


if __name__ == "__main__":
    main()
