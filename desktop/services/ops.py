"""What an operation changed, so a view redraws only that (in the spirit of Anki's OpChanges).

Every operation of the desk service returns ``Done(value, changes)``: its result for the caller
and a ``Changes`` naming the touched items and which summaries (lane counts, the outbox, the
accounts) may now read differently. ``lanes`` says rows may have entered or left a lane, so a
view re-reads the lane's ids; without it the touched rows are redrawn where they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Changes:
    items: frozenset[str] = frozenset()  # item keys ("account:c<rid>") whose rows read anew
    counts: bool = False  # lane counts
    outbox: bool = False  # outbox entries and their counts
    accounts: bool = False  # the list of accounts
    lanes: bool = False  # which items a lane holds (not only how they read)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.items | other.items, self.counts or other.counts,
                       self.outbox or other.outbox, self.accounts or other.accounts,
                       self.lanes or other.lanes)

    def __bool__(self) -> bool:
        return bool(self.items) or self.counts or self.outbox or self.accounts or self.lanes

    @classmethod
    def of_items(cls, keys: Iterable[str], *, outbox: bool, lanes: bool = True) -> Changes:
        """An action on items: their rows, the counts, maybe the outbox and lane membership."""
        return cls(frozenset(keys), counts=True, outbox=outbox, lanes=lanes)


NOTHING = Changes()
# A sync or push may touch any row: everything is read again.
EVERYTHING = Changes(counts=True, outbox=True, lanes=True)


@dataclasses.dataclass(frozen=True)
class Done(Generic[T]):
    value: T
    changes: Changes = NOTHING
