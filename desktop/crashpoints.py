"""Named places where a test may kill this process with SIGKILL (crash-consistency tests).

``DIALOGUE_DESK_CRASHPOINT=name:n`` makes the n-th call of ``hit("name")`` in this process
send SIGKILL to itself: no ``finally``, no atexit, no flush — what a power cut or the OOM killer
does to the app. Without the variable ``hit`` is one dict lookup that finds nothing.

The points (tests/test_crash.py kills at each of them):

``mid_migration``              inside a schema step's transaction, before its COMMIT
``mid_page``                   inside a synced page's transaction, records written, cursor not
``after_local_commit``         an outbox action committed as in flight, the request not yet sent
``after_response_before_ack``  the server answered the action, the answer is not yet recorded
``after_ack``                  the action is recorded as done, the cache not yet updated
``after_hold``                 a reply is recorded as held (already answered), the cache not yet
``after_claim``                the server granted a claim, the cache does not know it yet

``after_send`` (the response headers arrived, the body is unread) is hit from an httpx event
hook that only the crash test's worker installs, so the connectors stay free of test hooks.
"""

from __future__ import annotations

import os
import signal

ENV = "DIALOGUE_DESK_CRASHPOINT"


def _parse(value: str | None) -> dict[str, int]:
    """``"name:n"`` (several separated by commas) → {name: n}; n defaults to 1."""
    points: dict[str, int] = {}
    for part in (value or "").split(","):
        name, _, n = part.strip().partition(":")
        if name:
            points[name] = int(n) if n.strip().isdigit() else 1
    return points


# Read once at import: a crash point is chosen when the process starts.
_ARMED = _parse(os.environ.get(ENV))
_hits: dict[str, int] = {}


def hit(name: str) -> None:
    """Count a pass through crash point ``name``; SIGKILL this process on the armed pass."""
    if not _ARMED:
        return
    wanted = _ARMED.get(name)
    if wanted is None:
        return
    seen = _hits.get(name, 0) + 1
    _hits[name] = seen
    if seen == wanted:
        # Windows has no SIGKILL; TerminateProcess (what SIGTERM maps to there) is as abrupt.
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
