"""Interpreter tuning, in one place: called by the composition roots (the desk's ``app.main``,
the command line's runner) and entered by the service around a sync — no module tunes the
interpreter as a side effect of being imported or constructed.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
import threading
from collections.abc import Iterator

# How long a thread may keep the GIL while another waits for it. Python's default (5 ms) lets
# the writer's parsing and triage hold the GUI thread for 5-10 ms at a time during a sync; at
# 1 ms the loop's p99 lag stays under a frame and throughput is unchanged (docs/benchmarks.md).
SWITCH_INTERVAL = 0.001

# Young objects collected after this many allocations during a sync instead of 700. A page of
# 1,000 records is ~30k objects alive together until it is stored, so the default threshold
# ran ~40 young and a few full collections per page that found nothing to free: 41.0 → 39.3 s
# for a first load of 1M comments (measured), and the window's loop lag during a sync stays
# p99 4.6 ms, max 6.1 ms (docs/benchmarks.md).
SYNC_GC_THRESHOLD = 50_000

_lock = threading.Lock()
_depth = 0  # syncs running (they may nest: several accounts, the bench's figures, a sync)
_saved: tuple[tuple[int, ...], float, bool] | None = None  # threshold, interval, we froze


def quiet_loggers() -> None:
    """httpx logs every request with its full URL (query included) at INFO."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def responsive_threads() -> None:
    """For the desk's whole life: the writer thread works while the window must stay smooth."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


@contextlib.contextmanager
def sync_tuning() -> Iterator[None]:
    """The interpreter's pace while pages are stored, given back when the last sync ends.

    A sync makes garbage fast, so full collections come every second or two, and each walks
    every object of the process holding the GIL: 30-40 ms stalls of the window, measured.
    Objects alive when it starts are settled; freezing them keeps them out of those walks.
    When something froze objects before (the desk freezes its window after the first
    frame), that freeze is left alone: unfreezing it is not this sync's business.
    """
    global _depth, _saved
    with _lock:
        if _depth == 0:
            froze = gc.get_freeze_count() == 0
            _saved = (gc.get_threshold(), sys.getswitchinterval(), froze)
            gc.set_threshold(max(SYNC_GC_THRESHOLD, _saved[0][0]), *_saved[0][1:])
            responsive_threads()
            if froze:
                gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                threshold, interval, froze = _saved
                _saved = None
                gc.set_threshold(*threshold)
                sys.setswitchinterval(interval)
                if froze:
                    gc.unfreeze()
