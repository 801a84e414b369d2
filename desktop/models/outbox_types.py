"""What the outbox's readers share: an entry, its states and how a row becomes one.

A leaf module: ``outbox`` (which writes entries) and ``overlays`` (which lays open entries over
the cache) both read these, and the desk's views name the states without importing either.
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

from desktop.models import triage
from desktop.models.schema import DONE, FOLLOWUP, SNOOZED

QUEUED, IN_FLIGHT, DONE_STATE, UNKNOWN, CONFLICT, FAILED = (
    "queued", "in_flight", "done", "unknown", "conflict", "failed"
)
OPEN_STATES = (QUEUED, IN_FLIGHT, UNKNOWN)
ATTENTION_STATES = (UNKNOWN, CONFLICT, FAILED)
MARKS = (DONE, SNOOZED, FOLLOWUP)


@dataclasses.dataclass(frozen=True)
class Entry:
    id: int
    action_id: str
    account: str
    kind: str
    item: str
    target_type: str
    target_id: str
    payload: dict[str, Any]
    base_version: str | None
    state: str
    attempts: int
    created_at: float
    not_before: float
    next_at: float
    sent_at: float | None
    remote_id: str | None
    message: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "action_id": self.action_id, "account": self.account,
            "kind": self.kind, "item": self.item, "state": self.state,
            "attempts": self.attempts, "created": _iso(self.created_at),
            "message": self.message, "remote_id": self.remote_id,
            "text": self.payload.get("body"),
            "held_by": (self.payload.get("held") or {}).get("by"),
        }

    @property
    def held(self) -> bool:
        """A reply held because someone else answered the same comment meanwhile."""
        return self.state == CONFLICT and bool(self.payload.get("held"))

    def held_text(self, now: float | None = None, tr: triage.Translate | None = None) -> str:
        """"Already answered by Anna 3 min ago" for a held reply, else ''."""
        held = self.payload.get("held") if self.held else None
        if not held:
            return ""
        now = time.time() if now is None else now
        tr = tr or str
        return tr("Already answered by {who} {age} ago").format(
            who=held.get("by", ""), age=triage.age_text(now - float(held.get("at", now)), tr))


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


ENTRY_COLS = ("id, action_id, account, kind, item, target_type, target_id, payload, base_version, "
              "state, attempts, created_at, not_before, next_at, sent_at, remote_id, message")


def entry_from_row(row: tuple[Any, ...]) -> Entry:
    values = list(row)
    values[7] = json.loads(values[7] or "{}")
    return Entry(*values)
