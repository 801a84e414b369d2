"""The one backoff computation: exponential with full jitter.

Used by the HTTP session between retries of one request and by the outbox pusher between
attempts of one action, with their own base and cap. Full jitter: clients that failed together
(a server restart) do not come back together.
"""

from __future__ import annotations

import random

# 2**30 × any sane base is far past every cap; the clamp only keeps the float finite.
_MAX_EXPONENT = 30


def backoff(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry ``attempt`` (0 = after the first failure): uniform in
    ``[0, min(cap, base * 2**attempt)]``."""
    ceiling = min(cap, base * 2.0 ** min(max(attempt, 0), _MAX_EXPONENT))
    return (rng or random).uniform(0.0, ceiling)
