"""The desk: lanes on the left, the queue in the middle, the thread and composer on the right.

Paint first: the first frame shows the lanes with their counts and the first page of the queue.
The right pane (thread view, composer, the selected item's thread) is built in the event-loop
turn after that frame, or at once when something needs it sooner (a key pressed in the first
frame), so nothing the person can do early is lost. ``first_painted`` tells the composition
root that work which can wait (the first sync, the outbox counts) may start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.controller import DeskController
from desktop.models.qt_models import ITEM_ROLE, QueueModel
from desktop.models.vocabulary import REMOVED, VIEWS
from desktop.views import icons, tray
from desktop.views.actions import BULK, ITEM_ACTIONS, SnoozeMenu, build_actions
from desktop.views.queue_view import QueueView
from desktop.views.sidebar import Sidebar
from desktop.views.status import DeskStatusBar
from desktop.views.welcome import WelcomePage
from desktop.views.window_dialogs import DeskDialogs

if TYPE_CHECKING:  # imported when the right pane is built, after the first frame
    from desktop.services.ops import Changes
    from desktop.services.reads import QueueItem, Thread
    from desktop.views.composer import Composer
    from desktop.views.safe_browser import LinkOpener
    from desktop.views.thread_view import ThreadView

LANE_KEYS = {"lane_" + view: view for view in VIEWS}
# A window shown but never painted (minimised at start) still finishes its start after this.
UNPAINTED_START_MS = 500


class MainWindow(QMainWindow, DeskDialogs):
    first_painted = Signal()  # the first frame is on screen: deferred start-up work may begin
    # The welcome page's "Try the demo": the composition root, which owns processes, starts it.
    demo_requested = Signal()

    def __init__(self, controller: DeskController, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.model = QueueModel(lambda: controller.reader, runner=controller.runner,
                                background_store=controller.background_store, parent=self)
        self._lane = "reply"
        self._account: str | None = None
        self._area: str | None = None
        self._thread: Thread | None = None
        self._current: QueueItem | None = None
        self._current_row = -1
        # Built after the first frame (see the module docstring); the properties of the same
        # names build them at once when asked for earlier.
        self._thread_view: ThreadView | None = None
        self._composer: Composer | None = None
        self._link_opener: LinkOpener | None = None
        self._painted = False
        self._started = False
        self._start_timer = QTimer(self)  # owned by the window: never fires after it is gone
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._finish_start)
        # An item that stayed in the lane but past its first page: selected again once the
        # lane's other ids have arrived (QueueModel.set_query(first_page=True)).
        self._find_later: int | None = None
        self._setup_ui()
        self._connect_signals()
        self.tray = tray.attach(self, controller)
        self._restore()
        self.refresh_accounts()

    # --- construction ------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Dialogue Desk"))
        self.setWindowIcon(icons.icon("app"))
        self.setObjectName("desk")
        self.actions_ = build_actions(self)
        self.snooze_menu = SnoozeMenu(self, self._snooze_until)
        self.actions_["snooze"].setMenu(self.snooze_menu)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search (/)"))
        self.search.setAccessibleName(self.tr("Search the queue"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)

        toolbar = QToolBar(self.tr("Actions"), self)
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for kind in ("reply", "approve", "hide", "spam", "delete", "restore", "like", "lock",
                     "done", "snooze", "followup"):
            toolbar.addAction(self.actions_[kind])
        toolbar.addSeparator()
        toolbar.addAction(self.actions_["undo"])
        toolbar.addAction(self.actions_["sync"])
        toolbar.addAction(self.actions_["remove_account"])
        self.addToolBar(toolbar)
        self.toolbar = toolbar

        self.sidebar = Sidebar(self)
        self.queue = QueueView(self)
        self.queue.setModel(self.model)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Message"))
        self.banner.setFrameShape(QLabel.Shape.StyledPanel)
        self.banner.hide()
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)

        # The right pane's place is kept from the start (the splitter's sizes hold); its
        # widgets come after the first frame (_build_details).
        right = QWidget(self)
        right.setObjectName("details")
        self._details_layout = QVBoxLayout(right)
        self._details_layout.setContentsMargins(6, 0, 0, 0)
        centre = QWidget(self)
        clayout = QVBoxLayout(centre)
        clayout.setContentsMargins(0, 0, 0, 0)
        clayout.addWidget(self.search)
        clayout.addWidget(self.banner)
        clayout.addWidget(self.queue, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setSizes([200, 420, 520])
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)

        self.welcome = WelcomePage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.welcome)
        holder = QWidget(self)
        hl = QHBoxLayout(holder)
        hl.setContentsMargins(6, 6, 6, 0)
        hl.addWidget(self.stack)
        self.setCentralWidget(holder)

        self.status = DeskStatusBar(self)
        self.setStatusBar(self.status)
        self.menuBar().hide()  # every command is on the toolbar, in the context menu and keys

    def _connect_signals(self) -> None:
        a = self.actions_
        for kind, *_ in ITEM_ACTIONS:
            if kind not in ("reply", "snooze", "lock"):
                a[kind].triggered.connect(lambda _=False, k=kind: self.do(k))
        a["reply"].triggered.connect(self.focus_composer)
        a["snooze"].triggered.connect(self._popup_snooze)
        a["lock"].triggered.connect(self._toggle_lock)
        a["next"].triggered.connect(lambda: self.move_selection(1))
        a["previous"].triggered.connect(lambda: self.move_selection(-1))
        a["extend_next"].triggered.connect(lambda: self.extend_selection(1))
        a["extend_previous"].triggered.connect(lambda: self.extend_selection(-1))
        a["undo"].triggered.connect(self.controller.undo)
        a["search"].triggered.connect(self.focus_search)
        a["save_search"].triggered.connect(self._save_search)
        a["sync"].triggered.connect(self.controller.sync_now)
        a["full_check"].triggered.connect(self.controller.full_check)
        a["outbox"].triggered.connect(self.open_outbox)
        a["account"].triggered.connect(self.open_account_dialog)
        a["remove_account"].triggered.connect(lambda _=False: self.open_remove_account())
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["preferences"].triggered.connect(self.open_preferences)
        a["templates"].triggered.connect(self.open_templates)
        a["digest"].triggered.connect(self.open_digest)
        a["dashboard"].triggered.connect(self.open_dashboard)
        a["patch"].triggered.connect(self.open_patch)
        a["quit"].triggered.connect(self.close)
        for name, lane in LANE_KEYS.items():
            a[name].triggered.connect(lambda _=False, ln=lane: self.set_lane(ln))

        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._focus_queue)
        self._search_timer.timeout.connect(self._apply_query)
        self.queue.selectionModel().currentChanged.connect(self._on_current_changed)
        self.queue.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.queue.context_menu_requested.connect(self._context_menu)
        self.model.ids_loaded.connect(self._on_ids_loaded)
        self.sidebar.lane_chosen.connect(self.set_lane)
        self.sidebar.scope_chosen.connect(self._set_scope)
        self.sidebar.search_chosen.connect(self.search.setText)
        self.sidebar.account_menu_requested.connect(self._account_menu)
        self.welcome.demo_requested.connect(self.demo_requested)
        self.welcome.connect_requested.connect(self.open_account_dialog)

        c = self.controller
        c.changed.connect(self.apply_changes)
        c.failed.connect(self.show_message)
        c.action_failed.connect(lambda _kind, text: self.show_message(text))
        c.notice.connect(lambda text: self.status.showMessage(text, 4000))
        c.online_changed.connect(self.status.set_online)
        c.sync_started.connect(self.status.sync_started)
        c.sync_progress.connect(self.status.sync_progress)
        c.sync_finished.connect(
            lambda summary: self.status.sync_finished(summary, c.last_sync))
        self.status.outbox_requested.connect(self.open_outbox)

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        split = self.settings.value("window/splitter")
        if isinstance(split, QByteArray):
            self.splitter.restoreState(split)
        self.sidebar.set_saved_searches(self._saved_searches())

    def _build_details(self) -> None:
        """The right pane: thread view and composer, showing the current item."""
        if self._thread_view is not None:
            return
        from desktop.views.composer import Composer
        from desktop.views.thread_view import ThreadView

        right = self._details_layout.parentWidget()
        self._thread_view = ThreadView(right)
        self._composer = Composer(right)
        self._composer.set_candidates(self._mention_candidates)
        self._composer.set_templates(self.controller.service.templates)
        self._details_layout.addWidget(self._thread_view, 1)
        self._details_layout.addWidget(self._composer)
        # addWidget would show them only on the next loop turn; a key pressed in the first
        # frame (R: focus the composer) needs them visible now.
        self._thread_view.show()
        self._composer.show()
        self._composer.send_requested.connect(self._send_reply)
        self._composer.draft_changed.connect(self.controller.save_draft)
        self._composer.claim_started.connect(self.controller.claim)
        self._composer.claim_ended.connect(self.controller.release)
        self.controller.claim_refused.connect(self._on_claim_refused)
        self._thread_view.browser.link_requested.connect(self._open_link)
        self._thread_view.decision_written.connect(self.controller.decide)
        item, self._current = self._current, None
        self._show_item(item)

    def _finish_start(self) -> None:
        """After the first frame: the right pane, then whatever the composition root waits for."""
        if self._started:
            return
        self._started = True
        self._start_timer.stop()
        self._build_details()
        self.first_painted.emit()

    # --- public ------------------------------------------------------------------------

    @property
    def thread_view(self) -> ThreadView:
        self._build_details()
        assert self._thread_view is not None
        return self._thread_view

    @property
    def composer(self) -> Composer:
        self._build_details()
        assert self._composer is not None
        return self._composer

    @property
    def link_opener(self) -> LinkOpener:
        if self._link_opener is None:
            from desktop.views.safe_browser import LinkOpener

            self._link_opener = LinkOpener(self)
        return self._link_opener

    @property
    def started(self) -> bool:
        """Whether the start-up after the first frame has run (``first_painted`` was sent)."""
        return self._started

    def refresh_accounts(self) -> None:
        accounts = self.controller.accounts()
        if self._account is not None and self._account not in {a.name for a in accounts}:
            self._account, self._area = None, None  # the scope's account was removed
        self.stack.setCurrentWidget(self.splitter if accounts else self.welcome)
        self.actions_["remove_account"].setVisible(bool(accounts))
        areas: dict[str, list[tuple[str, int]]] = {}
        for account, area, n in self.controller.area_counts(self._lane):
            areas.setdefault(account, []).append((area, n))
        self.sidebar.set_accounts(accounts, areas)
        self.set_lane(self._lane)

    def set_lane(self, lane: str) -> None:
        self._lane = lane
        self.sidebar.set_lane(lane)
        self._current = None
        self._apply_query()
        if self.model.rowCount() > 0:
            self.select_row(0)

    def apply_changes(self, changes: Changes) -> None:
        """Redraw what an operation changed: the counts when they changed, the outbox's when it
        did, the touched rows where they are (re-reading the lane's ids only when items may
        have entered or left it); a change of accounts rebuilds the lanes."""
        if changes.accounts:
            self.refresh_accounts()
        elif changes.lanes or changes.items:
            self._reselect_after(lambda: self.model.update(changes.items,
                                                           membership=changes.lanes))
        if changes.counts and not changes.accounts:
            self.sidebar.set_counts(self.controller.lane_counts(self._account, self._area))
        if changes.outbox:
            self._refresh_outbox()
        # The thread on show holds more items than the selected one (a reply's placeholder, a
        # sibling's state): any touched item, or a change that may touch any (a sync), re-reads
        # it (one indexed query).
        if self._current is not None and (changes.items or changes.lanes):
            self._show_item(self._current_from_model())

    def _current_from_model(self) -> QueueItem | None:
        index = self.queue.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else self._current

    def _reselect_after(self, change: Callable[[], None]) -> None:
        """Run a change of the lane's rows; the selected item stays selected (or the next)."""
        current, row = self._current, self._current_row
        selected_ids = [i.local_id for i in self.selected_items()]
        change()
        self._update_empty_text()
        if self.model.total() == 0:
            self._show_item(None)
            return
        new_row = self.model.row_of_id(current.local_id) if current is not None else -1
        if new_row < 0:
            new_row = min(max(row, 0), self.model.total() - 1)
        self.select_row(new_row)
        if len(selected_ids) > 1:
            sel = self.queue.selectionModel()
            for local_id in selected_ids:
                r = self.model.row_of_id(local_id)
                if r >= 0:
                    sel.select(self.model.index(r), QItemSelectionModel.SelectionFlag.Select)

    def select_row(self, row: int) -> None:
        self.model.expose(row)
        index = self.model.index(row)
        if not index.isValid():
            return
        self.queue.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.queue.scrollTo(index)

    def move_selection(self, step: int) -> None:
        row = self.queue.currentIndex().row()
        target = max(0, min(self.model.total() - 1, row + step))
        if self.model.total():
            self.select_row(target)

    def extend_selection(self, step: int) -> None:
        """Shift+J/K: the next or previous row joins the selection and becomes current."""
        row = self.queue.currentIndex().row()
        target = row + step
        if row < 0 or not 0 <= target < self.model.total():
            return
        self.model.expose(target)
        index = self.model.index(target)
        if index.isValid():
            self.queue.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.Select)
            self.queue.scrollTo(index)

    def selected_items(self) -> list[QueueItem]:
        rows = sorted(i.row() for i in self.queue.selectionModel().selectedRows())
        items = [self.model.item(r) for r in rows]
        return [i for i in items if i is not None]

    def selected_keys(self) -> list[str]:
        return [i.key for i in self.selected_items()]

    def do(self, kind: str, *, until: float | None = None) -> None:
        """Act on the selection; the lane refreshes when the outbox holds the action."""
        keys = self.selected_keys()
        if not keys:
            return
        if kind == "restore" and self._lane != REMOVED:
            return
        if len(keys) > 1 and kind not in BULK:
            keys = keys[:1] if self._current is None else [self._current.key]
        if not all(self.controller.can(k, kind) for k in keys):
            self.show_message(self.tr("Your account may not do this here"))
            return
        self.controller.act(keys, kind, until=until)

    def focus_composer(self) -> None:
        if self._current is not None and self.composer.edit.isEnabled():
            self.composer.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self._banner_timer.start(10_000)
        self.status.showMessage(text, 10_000)

    def open_item(self, key: str) -> None:
        """Show the item a notification named: its lane, selected, the window in front."""
        item = self.controller.item(key)
        tray.bring_to_front(self)
        if item is None or item.lane is None:
            self.show_message(self.tr("That item is no longer in the queue"))
            return
        if self._account not in (None, item.account) or self._area not in (None, item.area):
            self._account = self._area = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._lane, self._current = item.lane, item
        self.sidebar.set_lane(item.lane)
        self._apply_query()

    # --- internals ---------------------------------------------------------------------

    def _apply_query(self) -> None:
        # The lane's first page now, the rest of its ids from a thread: at 1M comments the
        # biggest lane's ids take ~60 ms to read, which a lane switch should not wait for.
        self.model.set_query(self._lane, account=self._account, area=self._area,
                             search=self.search.text(), first_page=True)
        self.sidebar.set_counts(self.controller.lane_counts(self._account, self._area))
        self._update_empty_text()
        if self.model.total():
            row = self.model.row_of_id(self._current.local_id) if self._current else -1
            self._find_later = (self._current.local_id if self._current and row < 0
                                and self.model.partial else None)
            self.select_row(max(row, 0))
        else:
            self._find_later = None
            self._show_item(None)

    def _set_scope(self, account: str | None, area: str | None) -> None:
        self._account, self._area = account, area
        self._apply_query()

    def _update_empty_text(self) -> None:
        if self.search.text().strip():
            text = self.tr("Nothing here matches your search")
        else:
            text = {
                "reply": self.tr("Nothing waits for a reply — well done"),
                "moderate": self.tr("Nothing to moderate — all calm"),
                "acknowledge": self.tr("Everyone has been seen — nice work"),
                "done": self.tr("Nothing done yet today"),
                "snoozed": self.tr("Nothing snoozed"),
                "followup": self.tr("No follow-ups promised"),
                REMOVED: self.tr("Nothing removed: hidden, spam and deleted comments show "
                                 "here, to be restored"),
            }.get(self._lane, "")
        self.queue.set_empty_text(text)

    def _on_current_changed(self, current, _previous) -> None:
        item = current.data(ITEM_ROLE) if current.isValid() else None
        self._current_row = current.row() if current.isValid() else -1
        self._show_item(item)

    def _on_ids_loaded(self) -> None:
        wanted, self._find_later = self._find_later, None
        # The lane changed while its ids were read (the model was reset): select again.
        if self.model.total() and not self.queue.currentIndex().isValid():
            row = self.model.row_of_id(self._current.local_id) if self._current else -1
            self.select_row(max(row, 0))
        elif wanted is not None and self.queue.currentIndex().row() == 0:
            # the item selected before the query is further down: back to it, unless the
            # user moved meanwhile
            row = self.model.row_of_id(wanted)
            if row > 0:
                self.select_row(row)

    def _show_item(self, item: QueueItem | None) -> None:
        same = (item is not None and self._current is not None
                and item.key == self._current.key)
        self._current = item
        if self._thread_view is None or self._composer is None:
            # Before the right pane exists: it shows the current item when it is built.
            self._thread = None
        elif item is None:
            self._thread = None
            self.thread_view.show_empty()
            self.composer.set_item(None, "")
        else:
            self._thread = self.controller.comment_thread(item.key)
            self.thread_view.show_thread(self._thread, item.key,
                                         self.controller.author_context(item.key))
            self.thread_view.show_decisions(self.controller.decisions(item.key))
            if not same or self.composer.key != item.key:
                self.composer.set_item(item.key, self.controller.draft(item.key),
                                       can_reply=self.controller.can(item.key, "reply"))
            self.composer.set_answers(self.controller.answers(item.key))
            claim = self.controller.claim_of(item.key)
            self.composer.set_claimed_by(claim.name if claim and not claim.mine else None)
            self.composer.set_coaching(
                item.reason, item.author_username,
                self.controller.service.settings.get("coaching") == "on")
        self._update_actions()

    def _on_claim_refused(self, key: str, name: str) -> None:
        if self._composer is not None and self._composer.key == key:
            self._composer.set_claimed_by(name or None)

    def _update_actions(self) -> None:
        keys = self.selected_keys()
        key = keys[0] if keys else None
        for kind, *_ in ITEM_ACTIONS:
            act = self.actions_[kind]
            allowed = self.controller.can(key, "lock" if kind == "lock" else kind)
            offered = self.controller.can(None, kind)
            if kind == "restore":
                # Only a removed item can be restored, and removed items show only there.
                offered = offered and self._lane == REMOVED
            act.setVisible(offered)
            act.setEnabled(offered and bool(keys) and allowed)
        if self._thread is not None:
            locked = self._thread.locked
            self.actions_["lock"].setText(self.tr("Un&lock thread") if locked
                                          else self.tr("&Lock thread"))
            self.actions_["lock"].setIcon(icons.icon("unlock" if locked else "lock"))

    def _toggle_lock(self) -> None:
        if self._current is None:
            return
        # The thread pane may still show the previous item's thread (it loads after a lane
        # switch): ask for the current item's own thread, a read of a few ms.
        thread = self.controller.comment_thread(self._current.key)
        kind = "unlock" if thread is not None and thread.locked else "lock"
        if self.controller.can(self._current.key, kind):
            self.controller.act([self._current.key], kind)
        else:
            self.show_message(self.tr("Your account may not lock threads here"))

    def _popup_snooze(self) -> None:
        if not self.selected_keys():
            return
        rect = self.queue.visualRect(self.queue.currentIndex())
        self.snooze_menu.popup(self.queue.viewport().mapToGlobal(rect.bottomLeft()))

    def _snooze_until(self, when: float) -> None:
        self.do("snooze", until=when)

    def _send_reply(self, key: str, text: str) -> None:
        self.controller.act([key], "reply", text=text)
        self._focus_queue()

    def _focus_queue(self) -> None:
        self.queue.setFocus(Qt.FocusReason.OtherFocusReason)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for kind, *_ in ITEM_ACTIONS:
            act = self.actions_[kind]
            if act.isVisible():
                menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.actions_["undo"])
        menu.popup(pos)
        self._menu = menu

    def _mention_candidates(self, prefix: str) -> list[tuple[str, str]]:
        if self._current is None:
            return []
        return self.controller.mention_candidates(self._current.account, prefix)

    def _refresh_outbox(self) -> None:
        self.status.set_outbox_counts(self.controller.outbox_counts())

    def _open_link(self, url: QUrl) -> None:
        self.link_opener.open(url)

    def _saved_searches(self) -> list[str]:
        value = self.settings.value("searches", [])
        return [str(v) for v in value] if isinstance(value, list) else (
            [str(value)] if value else [])

    def _save_search(self) -> None:
        text = self.search.text().strip()
        searches = self._saved_searches()
        if text and text not in searches:
            searches.append(text)
            self.settings.setValue("searches", searches)
            self.sidebar.set_saved_searches(searches)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._painted and not self._started:
            self._start_timer.start(UNPAINTED_START_MS)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if not self._started:
                # Started inside the first paint, the timer fires in the next loop turn: after
                # the whole frame (every child paints in this same pass) is drawn and flushed.
                self._start_timer.start(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._start_timer.stop()
        if self._composer is not None:
            self._composer.flush_draft()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
