"""The WordPress sync state: where each list stands and which comments we know.

Stored by the store as one opaque JSON string next to the records it belongs to, so a sync
resumes where the last committed page left it. Nothing here does I/O.
"""

from __future__ import annotations

import base64
import dataclasses
import zlib
from typing import Any

import orjson

CURSOR_VERSION = 1


@dataclasses.dataclass
class Position:
    """Keyset position in a list ordered by a second-resolution date, ascending.

    The next request asks for ``date > t - 1`` (the filters are exclusive, so the second ``t``
    itself is read again: the overlap) and skips ``o`` items already seen at second ``t``.
    """

    t: float | None = None
    o: int = 0

    def advance(self, stamps: list[float]) -> Position:
        """Where to continue after a full page whose dates (ascending) are ``stamps``."""
        last = stamps[-1]
        if self.t is None or last > self.t:
            return Position(last, sum(1 for s in stamps if s == last))
        # Every item of the page sits on the same second: page on through it.
        return Position(self.t, self.o + len(stamps))

    def to_json(self) -> list[Any]:
        return [self.t, self.o]

    @classmethod
    def from_json(cls, value: Any) -> Position:
        if isinstance(value, list) and len(value) == 2:
            return cls(None if value[0] is None else float(value[0]), int(value[1]))
        return cls()


@dataclasses.dataclass
class Cursor:
    """Everything a WordPress sync needs to resume; stored as one JSON string."""

    moderator: bool = False
    stage: str = "done"  # meta, posts, comments, check, sweep, done
    meta_at: float = 0.0  # last refresh of categories and users
    posts: Position = dataclasses.field(default_factory=Position)
    comments_hwm: float | None = None  # newest comment date seen (for the next run's start)
    list_index: int = 0  # which comment list the running stage is on
    run: Position = dataclasses.field(default_factory=Position)  # position in that list
    run_from: float | None = None  # where every comment list of this run starts
    known: dict[int, str] = dataclasses.field(default_factory=dict)  # comment id → status char
    users: list[int] = dataclasses.field(default_factory=list)  # ids the user list gave us
    # When the last completed sweep (or first full read) began, by the connector's clock.
    # None: never, which is also what a cursor stored before the field existed loads as, so
    # the next run sweeps instead of starting a full sync over.
    swept_at: float | None = None
    # The known-map letters whose counts disagreed (check.py): the lists the stage "check"
    # reads in full. Optional in the JSON, as "swept".
    check: str = ""

    def to_json(self) -> str:
        return orjson.dumps({
            "v": CURSOR_VERSION, "mod": self.moderator, "stage": self.stage,
            "meta_at": self.meta_at, "posts": self.posts.to_json(),
            "hwm": self.comments_hwm, "list": self.list_index, "run": self.run.to_json(),
            "from": self.run_from, "known": encode_known(self.known), "users": self.users,
            "swept": self.swept_at, "check": self.check,
        }).decode()

    @classmethod
    def load(cls, text: str | None) -> Cursor:
        """The stored cursor, or a fresh one when there is none or it is not ours."""
        if not text:
            return cls()
        try:
            d = orjson.loads(text)
            if d.get("v") != CURSOR_VERSION:
                return cls()
            return cls(
                moderator=bool(d["mod"]), stage=str(d["stage"]), meta_at=float(d["meta_at"]),
                posts=Position.from_json(d["posts"]),
                comments_hwm=None if d["hwm"] is None else float(d["hwm"]),
                list_index=int(d["list"]), run=Position.from_json(d["run"]),
                run_from=None if d["from"] is None else float(d["from"]),
                known=decode_known(d["known"]), users=[int(u) for u in d["users"]],
                # optional: added after version 1 shipped, absent from older cursors
                swept_at=None if d.get("swept") is None else float(d["swept"]),
                check="".join(c for c in str(d.get("check") or "") if c in "hst"),
            )
        except (ValueError, KeyError, TypeError, AttributeError, zlib.error):
            return cls()  # a cursor from elsewhere: a full sync is always correct


def encode_known(known: dict[int, str]) -> str:
    """{id: status char} → compact text: per status, sorted ids as base-36 gaps, zlib, base64.

    Ids are dense, so the gaps are mostly "1": 27,000 comments take a few KB.
    """
    groups: dict[str, list[int]] = {}
    for cid, ch in known.items():
        groups.setdefault(ch, []).append(cid)
    parts = []
    for ch in sorted(groups):
        ids = sorted(groups[ch])
        prev = 0
        gaps = []
        for cid in ids:
            gaps.append(_b36(cid - prev))
            prev = cid
        parts.append(ch + ".".join(gaps))
    raw = "|".join(parts).encode()
    return base64.b64encode(zlib.compress(raw, 6)).decode()


def decode_known(text: str) -> dict[int, str]:
    if not text:
        return {}
    raw = zlib.decompress(base64.b64decode(text)).decode()
    known: dict[int, str] = {}
    for part in raw.split("|") if raw else ():
        ch, gaps = part[0], part[1:]
        prev = 0
        for gap in gaps.split(".") if gaps else ():
            prev += int(gap, 36)
            known[prev] = ch
    return known


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(reversed(out))
