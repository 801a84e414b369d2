"""Times on the wire: the one ISO 8601 parser and formatter every platform shares.

A leaf module (standard library only), so models, services and the demo server can all use it.
Both platforms send second-resolution UTC: WordPress's ``*_gmt`` fields without an offset
("2026-11-20T19:31:50"), the reference protocol with ``Z`` and sometimes milliseconds.
"""

from __future__ import annotations

import datetime

_UTC = datetime.UTC


def parse_iso(value: str) -> float:
    """ISO 8601 → POSIX seconds. ``Z`` or an offset is honoured; a naive time means UTC
    (what WordPress's ``*_gmt`` fields are). Raises ValueError for anything else."""
    when = datetime.datetime.fromisoformat(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_UTC)
    return when.timestamp()


def iso_z(ts: float) -> str:
    """POSIX seconds → "YYYY-MM-DDTHH:MM:SSZ", whole seconds (the fraction is dropped, not
    rounded: a filter must never move past a second it has not read). Always with ``Z``:
    without an offset WordPress compares with its site-local column (the timezone trap in
    notes/platform-apis.md)."""
    return datetime.datetime.fromtimestamp(int(ts), _UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
