"""Qt item models over the store's queue reads.

The queue model holds only the ordered ids of a lane (an ``array('q')``: 8 bytes a row) and
fetches rows by id in pages, keeping a small LRU of pages. Measured on 1 M rows this keeps the
desk at ~100 MB where a list of row objects needs 640 MB (notes/performance-baselines.md §3d).
Rows are exposed to the view in steps (canFetchMore/fetchMore) so a view never asks for a row
that nobody scrolled to. ``data()`` compares roles against module constants: an enum attribute
lookup costs ~3 µs in PySide6 and a repaint makes ~1,500 data() calls.
"""

from __future__ import annotations

import concurrent.futures
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.models import queries
from desktop.models.queries import QueueItem
from desktop.models.sanitize import plain_text
from desktop.models.store import Store

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the QueueItem
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # its key ("account:c<rid>")
REASON_ROLE = Qt.ItemDataRole.UserRole + 3  # the human reason, translated
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4  # bool
CLAIM_ROLE = Qt.ItemDataRole.UserRole + 5  # "Kari is replying" (someone else), else None

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

Index = QModelIndex | QPersistentModelIndex


def translate_triage(text: str) -> str:
    """The reason texts live in models/triage.py as ``tr("…")`` calls on a parameter, which
    lupdate records with an empty context; so they are looked up in the empty context."""
    return QCoreApplication.translate("", text)


# Words triage.describe() and the thread view translate from data (flag reasons, rule names,
# roles, statuses, counts): marked here so lupdate extracts them into the same empty context.
TRIAGE_TERMS = (
    QT_TRANSLATE_NOOP("", "once"), QT_TRANSLATE_NOOP("", "twice"),
    QT_TRANSLATE_NOOP("", "insulting"), QT_TRANSLATE_NOOP("", "spam"),
    QT_TRANSLATE_NOOP("", "off-topic"), QT_TRANSLATE_NOOP("", "shouting"),
    QT_TRANSLATE_NOOP("", "insult"), QT_TRANSLATE_NOOP("", "links"),
    QT_TRANSLATE_NOOP("", "admin"), QT_TRANSLATE_NOOP("", "moderator"),
    QT_TRANSLATE_NOOP("", "editor"), QT_TRANSLATE_NOOP("", "ambassador"),
    QT_TRANSLATE_NOOP("", "employee"), QT_TRANSLATE_NOOP("", "published"),
    QT_TRANSLATE_NOOP("", "held"), QT_TRANSLATE_NOOP("", "hidden"),
    QT_TRANSLATE_NOOP("", "deleted"), QT_TRANSLATE_NOOP("", "pending"),
)


class QueueModel(QAbstractListModel):
    """One lane (optionally filtered by account, area and a search) as a list of QueueItems."""

    ids_loaded = Signal()  # every id of the lane is known (after ``set_query(first_page=True)``)
    _ids_read = Signal(int, object)  # generation, list of ids | None: from the reading thread

    def __init__(self, store: Store | Callable[[], Store], *, page_size: int = 200,
                 cache_pages: int = 50,
                 clock: Callable[[], float] = time.time,
                 runner: concurrent.futures.Executor | None = None,
                 background_store: Callable[[], Store] | None = None,
                 parent: QObject | None = None) -> None:
        """``store``: the Store to read, or a callable that gives it at each read (the desk
        service's: a cache rebuilt under the window is read from its new file).
        ``runner``: the executor that reads a lane's ids off the GUI thread (the desk
        service's one background runner); ``background_store`` gives the read-only Store of
        the runner's thread. Without them the model keeps a runner of one thread for itself
        and opens a Store per read."""
        super().__init__(parent)
        self._store_of: Callable[[], Store] = (
            (lambda: store) if isinstance(store, Store) else store)
        self._runner = runner
        self._background_store = background_store
        self._page_size = page_size
        self._cache_pages = cache_pages
        self._clock = clock
        self._ids: array[int] = array("q")
        self._exposed = 0  # rows the view knows about (grows with fetchMore)
        # Listeners of rowsAboutToBeInserted may call fetchMore again (the model tester does):
        # a nested insertion would announce rows twice.
        self._inserting = False
        self._pages: OrderedDict[int, dict[int, QueueItem]] = OrderedDict()
        self._reasons: dict[int, str] = {}
        self.lane = "reply"
        self.account: str | None = None
        self.area: str | None = None
        self.search: str | None = None
        # What the model read from the database: tests assert a big lane is never read whole.
        self.rows_fetched = 0
        self.pages_fetched = 0
        self._generation = 0  # bumped by every read of the ids: a late answer is dropped
        self.partial = False  # only the first page of the lane is known yet
        self._ids_read.connect(self._on_ids_read)

    # --- query ----------------------------------------------------------------------------

    def set_query(self, lane: str, *, account: str | None = None, area: str | None = None,
                  search: str | None = None, first_page: bool = False) -> None:
        """Show a lane. With ``first_page`` only its first page is read now (~1 ms) and every
        id on a thread of its own: at 1M comments the biggest lane has 250k ids, 57 ms to read,
        which the window's first paint should not wait for. ``ids_loaded`` follows."""
        self.lane, self.account, self.area = lane, account, area
        self.search = search.strip() if search and search.strip() else None
        if first_page:
            self._read_first_page()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Read the lane's ids again (after a sync or an action); rows are re-fetched lazily."""
        self._generation += 1
        self.partial = False
        ids = queries.queue_ids(self._store_of(), self.lane, account=self.account,
                                area=self.area, search=self.search)
        exposed = min(len(ids), max(self._exposed, self._page_size))
        self.beginResetModel()
        self._ids = array("q", ids)
        self._exposed = exposed
        self._pages.clear()
        self._reasons.clear()
        self.endResetModel()

    def _read_first_page(self) -> None:
        self._generation += 1
        items = queries.queue_page(self._store_of(), self.lane, account=self.account,
                                   area=self.area, search=self.search, limit=self._page_size)
        self.beginResetModel()
        self._ids = array("q", [it.local_id for it in items])
        self._exposed = len(self._ids)
        self._pages.clear()
        self._reasons.clear()
        if items:
            self._pages[0] = {it.local_id: it for it in items}
            self.rows_fetched += len(items)
            self.pages_fetched += 1
        self.partial = len(items) >= self._page_size
        self.endResetModel()
        if not self.partial:
            self.ids_loaded.emit()
            return
        generation, profile = self._generation, self._store_of().profile
        lane, account, area, search = self.lane, self.account, self.area, self.search
        background_store = self._background_store

        def read() -> None:
            ids: list[int] | None = None
            try:
                # Another connection than the model's: the GUI thread keeps using that one.
                if background_store is not None:
                    ids = queries.queue_ids(background_store(), lane, account=account,
                                            area=area, search=search)
                else:
                    store = Store(profile, readonly=True)
                    try:
                        ids = queries.queue_ids(store, lane, account=account, area=area,
                                                search=search)
                    finally:
                        store.close()
            except Exception:  # noqa: BLE001 - the GUI thread reads them again, loudly
                ids = None
            try:
                self._ids_read.emit(generation, ids)
            except RuntimeError:  # the model was deleted meanwhile
                pass

        if self._runner is None:
            self._runner = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="queue-ids")
        self._runner.submit(read)

    def _on_ids_read(self, generation: int, ids: list[int] | None) -> None:
        if generation != self._generation:
            return  # another query or a refresh came first
        if ids is None:
            self.refresh()
        elif list(self._ids) == ids[:len(self._ids)]:
            # The known rows are the start of the lane: the view keeps its rows and selection
            # and fetches the rest as it scrolls.
            self._ids = array("q", ids)
            self.partial = False
        else:  # written to meanwhile: read afresh
            self.refresh()
        self.ids_loaded.emit()

    def update(self, keys: Iterable[str], *, membership: bool) -> None:
        """Redraw the rows of ``keys`` after an operation changed them, without a reset.

        With ``membership`` the lane's ids are read again and rows that left or entered it
        are removed or inserted where they are (the view keeps its selection and scroll);
        only a lane whose order changed otherwise, or one still loading, is reset.
        """
        wanted = set(keys)
        touched = {it.local_id for page in self._pages.values() for it in page.values()
                   if it.key in wanted}
        if membership:
            if self.partial:
                self.refresh()
                return
            ids = queries.queue_ids(self._store_of(), self.lane, account=self.account,
                                    area=self.area, search=self.search)
            if not self._move_rows(ids):
                self.refresh()
                return
        self._pages.clear()  # cheap to read again; a touched row must not show its old self
        for local_id in touched:
            self._reasons.pop(local_id, None)
        for local_id in touched:
            try:
                row = self._ids.index(local_id)
            except ValueError:
                continue
            if row < self._exposed:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def _move_rows(self, new: list[int]) -> bool:
        """Turn the rows into ``new`` by removals and insertions; False when that cannot keep
        the order (a reset is needed)."""
        old = list(self._ids)
        if old == new:
            return True
        common = set(old) & set(new)
        if [i for i in old if i in common] != [i for i in new if i in common]:
            return False
        if len(old) + len(new) - 2 * len(common) > self._page_size:
            return False  # many rows moved: one reset is cheaper than row-by-row signals
        self._generation += 1  # an ids read still under way describes the old lane
        self._pages.clear()  # rows shift: pages are read again for the new positions
        for row in range(len(old) - 1, -1, -1):
            if old[row] in common:
                continue
            if row < self._exposed:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self._exposed -= 1
                self.endRemoveRows()
            else:
                del self._ids[row]
        for row, local_id in enumerate(new):
            if local_id in common:
                continue
            if row < self._exposed or self._exposed == len(self._ids):
                self.beginInsertRows(QModelIndex(), row, row)
                self._ids.insert(row, local_id)
                self._exposed += 1
                self.endInsertRows()
            else:
                self._ids.insert(row, local_id)
        return True

    def total(self) -> int:
        """Rows in the lane, including those not exposed to the view yet (only the first page
        while ``partial``)."""
        return len(self._ids)

    # --- lookups -----------------------------------------------------------------------------

    def item(self, row: int) -> QueueItem | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // self._page_size
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def key(self, row: int) -> str | None:
        it = self.item(row)
        return it.key if it else None

    def row_of_id(self, local_id: int) -> int:
        """The row of an item (exposing rows up to it), or -1 when it is not in the lane."""
        try:
            row = self._ids.index(local_id)
        except ValueError:
            return -1
        self.expose(row)
        return row

    def expose(self, row: int) -> None:
        """Make sure ``row`` is known to the view (for jumping to an item far down)."""
        if row >= self._exposed and row < len(self._ids):
            self._grow(min(len(self._ids), (row // self._page_size + 1) * self._page_size))

    def _grow(self, new: int) -> None:
        if self._inserting or new <= self._exposed:
            return
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), self._exposed, new - 1)
            self._exposed = new
            self.endInsertRows()
        finally:
            self._inserting = False

    def _load_page(self, page_no: int) -> dict[int, QueueItem]:
        start = page_no * self._page_size
        ids = list(self._ids[start:start + self._page_size])
        page = queries.items_by_id(self._store_of(), ids)
        self.rows_fetched += len(page)
        self.pages_fetched += 1
        self._pages[page_no] = page
        while len(self._pages) > self._cache_pages:
            _old, dropped = self._pages.popitem(last=False)
            for local_id in dropped:
                self._reasons.pop(local_id, None)
        return page

    def _reason(self, it: QueueItem) -> str:
        text = self._reasons.get(it.local_id)
        if text is None:
            text = plain_text(it.describe(self._clock(), translate_triage))
            self._reasons[it.local_id] = text
        return text

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._exposed

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._inserting and self._exposed < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            self._grow(min(len(self._ids), self._exposed + self._page_size))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        it = self.item(index.row())
        if it is None:
            return None
        if role == ITEM_ROLE:
            return it
        if role == DISPLAY:
            return plain_text(it.author) + ": " + plain_text(it.excerpt)
        if role == KEY_ROLE:
            return it.key
        if role == REASON_ROLE:
            return self._reason(it)
        if role == OVERDUE_ROLE:
            return it.overdue(self._clock())
        if role == CLAIM_ROLE:
            return self._claim_text(it, short=True)
        if role in (TOOLTIP, ACCESSIBLE):
            claim = self._claim_text(it, short=False)
            return ((claim + ". " if claim else "")
                    + plain_text(it.author) + " — " + plain_text(it.post_title) + ". "
                    + self._reason(it) + ". " + plain_text(it.excerpt))
        return None

    def _claim_text(self, it: QueueItem, *, short: bool) -> str | None:
        """Someone else replying to the item (the card says the first name, the tooltip and
        screen readers the whole one); the claim's expiry is on the real clock."""
        claim = it.claimed_by()
        if claim is None or claim.mine:
            return None
        name = plain_text(claim.name, max_chars=80) or self.tr("Someone")
        if short:
            name = name.split()[0]
        return self.tr("%1 is replying").replace("%1", name)

