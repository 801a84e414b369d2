"""The benchmark suite runs end to end in its smallest mode (CI does not run the real one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is a tool of the checkout, not an installed package

from bench.stats import check, spread


def test_targets_are_checked_as_written() -> None:
    assert check(1.9, "< 2") is True
    assert check(2.0, "< 2") is False
    assert check(40000, ">= 40000") is True
    assert check(1.3, "<= 1.25") is False
    assert check(5.0, "") is None
    assert spread([3.0, 1.0, 2.0]) == "2.00 [1.00–3.00]"


@pytest.mark.timeout(120)
def test_smoke_run_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--work", str(tmp_path / "work"),
         "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=110, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads((out / "benchmarks.json").read_text(encoding="utf-8"))
    [size] = doc["sizes"]
    assert size["size"] == 2000 and size["comments"] > 1000
    names = {f["name"] for f in doc["figures"]}
    for wanted in ("Full sync ÷ bare pull (same run)", "Store ingest ÷ raw executemany (same run)",
                   "All lane and area counts (sidebar)",
                   "Loop lag during a sync: p99 (after the first response)", "RSS after scrolling the biggest lane end to end",
                   "Cold start: desk ÷ empty window"):
        assert wanted in names
    for f in doc["figures"]:
        assert f["runs"] and all(v >= 0 for v in f["runs"]), f
    text = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert "| figure | unit | 2k | target | holds |" in text
    assert "What each design choice bought" in text
