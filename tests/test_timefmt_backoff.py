"""The one ISO time parser (both platforms' formats) and the one backoff computation."""

from __future__ import annotations

import calendar
import random

import pytest

from desktop.models.timefmt import iso_z, parse_iso
from desktop.services.backoff import backoff

BASE = calendar.timegm((2026, 11, 20, 19, 31, 50))


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-20T19:31:50", BASE),  # WordPress *_gmt: no offset, UTC
    ("2026-11-20T19:31:50Z", BASE),  # reference protocol, seconds
    ("2026-11-20T19:31:50.250Z", BASE + 0.25),  # reference protocol, milliseconds
    ("2026-11-20T19:31:50.123456Z", BASE + 0.123456),
    ("2026-11-20T21:31:50+02:00", BASE),  # an offset is honoured
    ("2026-11-20T14:31:50.5-05:00", BASE + 0.5),
    ("2026-11-20T19:31:50+00:00", BASE),
])
def test_parse_iso(text: str, expected: float) -> None:
    assert parse_iso(text) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00", "20.11.2026 19:31"])
def test_parse_iso_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso(text)


def test_iso_z_drops_the_fraction_and_round_trips() -> None:
    assert iso_z(BASE + 0.999) == "2026-11-20T19:31:50Z"
    assert iso_z(0) == "1970-01-01T00:00:00Z"
    assert parse_iso(iso_z(BASE)) == BASE


def test_backoff_is_jittered_below_a_doubling_ceiling() -> None:
    rng = random.Random(7)
    for attempt in range(8):
        ceiling = min(30.0, 0.5 * 2**attempt)
        delays = [backoff(attempt, base=0.5, cap=30.0, rng=rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # full jitter: spread over the whole range
        assert min(delays) < ceiling * 0.2


def test_backoff_caps_and_never_overflows() -> None:
    rng = random.Random(1)
    assert all(backoff(10_000, base=2.0, cap=300.0, rng=rng) <= 300.0 for _ in range(50))
    assert backoff(-3, base=1.0, cap=10.0, rng=rng) <= 1.0


def test_backoff_same_seed_same_delays() -> None:
    a = [backoff(i, base=1.0, cap=8.0, rng=random.Random(3)) for i in range(5)]
    b = [backoff(i, base=1.0, cap=8.0, rng=random.Random(3)) for i in range(5)]
    assert a == b
