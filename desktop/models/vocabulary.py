"""The desk's words, defined once: lanes, actions, local marks, snooze presets, undo delay.

A leaf module (only the schema's mark names below it) that the command line, the views and the
service all read, so a lane or a snooze preset cannot mean one thing on the command line and
another in the window.
"""

from __future__ import annotations

import datetime as dt

from desktop.models.schema import DONE, FOLLOWUP, REMOVED, SNOOZED

LANES = ("reply", "moderate", "acknowledge", "done", "snoozed", "followup")
# What a queue can show: the lanes, and the Removed view (hidden, spam and deleted comments,
# which leave every lane but must stay reachable to be restored).
VIEWS = (*LANES, REMOVED)
# The key that opens each view in the window (and its row in the shortcuts dialog).
VIEW_KEYS = {"reply": "1", "moderate": "2", "acknowledge": "3", "done": "4", "snoozed": "5",
             "followup": "6", REMOVED: "7"}
REMOTE_KINDS = ("approve", "hide", "spam", "delete", "restore", "lock", "unlock", "like",
                "unlike")
# Marks live only in state.db; "reopen" clears one.
LOCAL_MARKS: dict[str, str | None] = {"done": DONE, "snooze": SNOOZED, "followup": FOLLOWUP,
                                      "reopen": None}
# "I am replying to this" and its end: straight to the server, never queued (services/claims.py).
CLAIM_KINDS = ("claim", "release")
ACTS = REMOTE_KINDS + tuple(LOCAL_MARKS) + CLAIM_KINDS
# The action that takes a sent one back, where the platform has one.
REMOTE_UNDO = {"like": "unlike", "lock": "unlock", "unlock": "lock"}
# How long a remote action waits in the outbox, undoable, before it is sent.
UNDO_SECONDS = 5.0

# Snooze presets: the hour a snoozed item comes back, and the preset names the command line
# accepts (the window's menu offers the same two).
MORNING_HOUR = 8
TOMORROW, NEXT_WEEK = "tomorrow", "next-week"
PRESET_ALIASES = {"tomorrow": TOMORROW, "next-week": NEXT_WEEK, "next week": NEXT_WEEK,
                  "nextweek": NEXT_WEEK}
_UNITS = (("m", 60), ("h", 3600), ("d", 86400), ("w", 604800))


class BadTime(ValueError):
    """A snooze time that is not one; the message is for people."""


def _morning(day: dt.datetime) -> float:
    return day.replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0).timestamp()


def tomorrow_morning(now: float | None = None) -> float:
    local = _local(now)
    return _morning(local + dt.timedelta(days=1))


def next_week(now: float | None = None) -> float:
    """Next Monday morning (a Monday's next week is seven days on)."""
    local = _local(now)
    return _morning(local + dt.timedelta(days=7 - local.weekday()))


def preset(name: str, now: float | None = None) -> float:
    return tomorrow_morning(now) if PRESET_ALIASES[name] == TOMORROW else next_week(now)


def _local(now: float | None) -> dt.datetime:
    return dt.datetime.fromtimestamp(dt.datetime.now().timestamp() if now is None else now
                                     ).astimezone()


def parse_when(text: str, now: float | None = None) -> float:
    """'tomorrow' (08:00 local), 'next-week' (Monday 08:00), '3h', '2d', '2026-12-01[T09:00]'."""
    now = dt.datetime.now().timestamp() if now is None else now
    t = text.strip().lower()
    if t in PRESET_ALIASES:
        return preset(t, now)
    for suffix, seconds in _UNITS:
        if t.endswith(suffix) and t[:-1].isdigit():
            return now + int(t[:-1]) * seconds
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadTime(f"'{text}' is not a time (try tomorrow, next-week, 3h, 2d or "
                      "2026-12-01T09:00)") from exc
    if when.tzinfo is None:
        when = when.astimezone()
    if when.timestamp() <= now:
        raise BadTime(f"{text} is in the past")
    return when.timestamp()
