"""The declared settings through the desk's one face (``DeskService.settings``).

Reads go through the calling thread's read-only connection (a few rows of state.db, cached by
``models.settings.Settings`` until someone writes); writes go to the one writer, because a rule
or a deadline that changes re-decides the cached comments' lanes there. The Preferences dialog,
``dialogue-desk config`` and the composition root all use this and nothing below it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from desktop.models import settings as decl
from desktop.models.settings import Change
from desktop.services.ops import Changes, Done

if TYPE_CHECKING:
    from desktop.models.store import Store
    from desktop.models.writer import Writer

# A change of a rule or a deadline moves comments between lanes: every row may read anew.
RETRIAGED = Changes(counts=True, lanes=True)


class DeskSettings:
    def __init__(self, writer: Writer, read_store: Any) -> None:
        self._writer = writer
        self._read_store = read_store  # () -> this thread's read-only Store

    @property
    def _store(self) -> Store:
        store: Store = self._read_store()
        return store

    # --- reads ---------------------------------------------------------------------------

    def get(self, key: str, account: str | None = None, area: str | None = None) -> Any:
        return self._store.settings.get(key, account, area)

    def lookup(self, key: str, account: str | None = None, area: str | None = None
               ) -> tuple[Any, str | None]:
        """(value, the scope it comes from, or None for the default)."""
        return self._store.settings.lookup(key, account, area)

    def snapshot(self, keys: Iterable[str] | None = None) -> Mapping[str, Any]:
        return decl.snapshot(self._store, keys)

    def accounts(self) -> list[str]:
        return [n for (n,) in self._store.state.execute("SELECT name FROM accounts ORDER BY name")]

    def areas(self, account: str) -> list[tuple[str, str]]:
        """(area id, name) of an account's cached areas, by name."""
        return decl.area_names(self._store, account)

    def stored(self) -> list[tuple[str, str, str, Any]]:
        """Every stored value: (key, account, area, value)."""
        return self._store.settings.stored()

    # --- writes ---------------------------------------------------------------------------

    def apply(self, changes: list[Change]) -> concurrent.futures.Future[int]:
        """Check the changes here (a bad value is refused at once, with its message) and store
        them: on return every read sees them. Triaging the cached comments again (seconds on
        a big cache) runs after, on the writer: the future is done when it has."""
        for ch in changes:
            s = decl.declaration(ch.key)
            decl.check_scope(s, ch.account, ch.area)
            if ch.value is not None:
                s.check(ch.value)
        done = self._writer.submit(_write, changes).result()
        return self._writer.submit(decl.retriage_after, done)

    async def apply_async(self, changes: list[Change]) -> Done[int]:
        """``apply`` for a coroutine: neither the write nor the triage blocks the loop."""
        for ch in changes:
            s = decl.declaration(ch.key)
            decl.check_scope(s, ch.account, ch.area)
        done = await asyncio.wrap_future(self._writer.submit(_write, changes))
        triaged = await asyncio.wrap_future(self._writer.submit(decl.retriage_after, done))
        return Done(triaged, changed_by(done))


def changed_by(done: Iterable[Change]) -> Changes:
    """What stored changes may have changed for the views: lanes when a rule or deadline."""
    return RETRIAGED if any(decl.SETTINGS[ch.key].triage for ch in done) else Changes()


def _write(store: Store, changes: list[Change]) -> list[Change]:
    return store.settings.write(changes)
