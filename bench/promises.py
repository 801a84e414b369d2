"""Does finding and keeping promises slow the sync's hot path? 10k comments in pages of 1,000
(10% staff replies, a fifth of those promising), ingested into a fresh profile with the promise
rules on, and with them off (no pattern, ``promises.keep`` skipped), alternating, in one run:
absolute timings differ between machines, the ratio is the figure.

    python -m bench.promises [--comments 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

from desktop.models import accounts, promises, triage
from desktop.models.store import Store
from desktop.services.connectors.base import Batch, Page

STAFF = ("10", "11")
TEXTS = ("When does the canteen open?", "Nice work, thanks", "I agree with this idea",
         "Can we get more parking?", "Great news for Oslo")
STAFF_TEXTS = ("It opens on Monday.", "We'll get back to you on this.", "Thanks for asking!",
               "Good point, noted.", "Yes, from next week.")


def _batches(n: int, page: int, seed: int = 1) -> list[Batch]:
    rng = random.Random(seed)
    now = time.time()
    users = [{"id": u, "username": f"s{u}", "display_name": f"Staff {u}", "role": "editor",
              "areas": []} for u in STAFF]
    users += [{"id": str(100 + i), "username": f"u{i}", "display_name": f"User {i}",
               "role": "employee", "areas": []} for i in range(300)]
    posts = [{"id": str(p), "area_id": "1", "author_id": "10", "title": f"Post {p}",
              "body_html": "<p>News</p>", "created_at": now - 90 * 86400,
              "updated_at": now - 90 * 86400, "locked": False, "status": "published",
              "url": f"http://intranet.test/posts/{p}", "version": "1"} for p in range(n // 20)]
    out: list[Batch] = []
    for start in range(0, n, page):
        comments = []
        for i in range(start, min(n, start + page)):
            staff = rng.random() < 0.1
            author = rng.choice(STAFF) if staff else str(100 + rng.randrange(300))
            text = rng.choice(STAFF_TEXTS if staff else TEXTS)
            created = now - 60 * 86400 + i * 300
            comments.append({
                "id": str(i + 1), "post_id": str(i // 20), "author_id": author,
                "parent_id": str(i) if staff and i % 20 else None,
                "body_html": f"<p>{text} #{i}</p>", "status": "published",
                "created_at": created, "updated_at": created, "like_count": 0,
                "liked_by": [], "flags": [], "url": None, "version": "1"})
        b = Batch(comments=comments)
        if start == 0:
            b.users, b.posts = users, posts
            b.areas = [{"id": "1", "name": "Oslo", "kind": "site"}]
        out.append(b)
    return out


def _ingest(batches: list[Batch], promises_on: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "p")
        accounts.save_account(store, accounts.Account(
            "intra", "reference", "http://intranet.test", "s10", user_id="10", role="editor"))
        store.set_identity("intra", "10", "s10", "editor", [])
        patches: list[Any] = []
        if not promises_on:
            patches = [mock.patch.object(promises, "keep", lambda *a, **k: set()),
                       mock.patch.object(store.settings, "rules",
                                         lambda account: triage.Rules(promises=None))]
        for p in patches:
            p.start()
        try:
            t0 = time.perf_counter()
            store.begin_sync("intra")
            for i, b in enumerate(batches):
                store.apply_page("intra", Page(cursor=str(i), parse=lambda b=b: b))
            store.finish_sync("intra")
            took = time.perf_counter() - t0
            found = store.cache.execute("SELECT COUNT(*) FROM promises").fetchone()[0]
            assert (found > 0) is promises_on, found
        finally:
            for p in patches:
                p.stop()
            store.close()
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comments", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    batches = _batches(args.comments, 1000)
    on: list[float] = []
    off: list[float] = []
    _ingest(batches, True)  # warm-up
    for r in range(args.rounds):  # alternating which goes first
        for promises_on in ((False, True) if r % 2 else (True, False)):
            (on if promises_on else off).append(_ingest(batches, promises_on))
    m_on, m_off = statistics.median(on), statistics.median(off)
    print(f"{args.comments} comments, median of {args.rounds}: promises off {m_off * 1000:.0f} ms, "
          f"on {m_on * 1000:.0f} ms, ratio {m_on / m_off:.3f}")


if __name__ == "__main__":
    main()
