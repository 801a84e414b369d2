"""The queue model: Qt's model contract, and a 100k-comment lane that is never read whole."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import build_big_profile
from PySide6.QtCore import QModelIndex

from desktop.models import queries
from desktop.models.qt_models import ITEM_ROLE, KEY_ROLE, REASON_ROLE, QueueModel
from desktop.models.store import Store

BIG = 100_000


@pytest.fixture(scope="module")
def big_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    profile = tmp_path_factory.mktemp("big") / "profile"
    build_big_profile(profile, BIG)
    return profile


@pytest.fixture
def reader(big_profile: Path) -> Any:
    store = Store(big_profile, readonly=True)
    yield store
    store.close()


def test_big_lane_is_all_questions(reader: Store) -> None:
    assert queries.lane_counts(reader)["reply"] == BIG


def test_model_passes_qt_model_tester(qtmodeltester: Any, reader: Store) -> None:
    model = QueueModel(reader, page_size=50)
    model.set_query("reply", search="budget 999")
    assert model.total() > 0
    qtmodeltester.check(model)
    # A second tester on the same model would see the first one's fetchMore mid-reset.
    other = QueueModel(reader, page_size=50)
    other.set_query("reply")
    qtmodeltester.check(other)


def test_big_lane_scrolls_without_reading_every_row(qtbot: Any, reader: Store) -> None:
    from desktop.views.queue_view import QueueView

    model = QueueModel(reader, page_size=200, cache_pages=10)
    model.set_query("reply")
    view = QueueView()
    qtbot.addWidget(view)
    view.resize(600, 800)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert model.total() == BIG
    assert model.rowCount() == 200  # exposed in steps, not all at once
    qtbot.waitUntil(lambda: model.rows_fetched > 0)  # the first paint reads one page
    assert model.rows_fetched == 200

    # Scroll to the end a page at a time, as a person holding PageDown would (fetchMore).
    for _ in range(30):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.wait(1)
    assert model.rowCount() > 200
    assert model.rows_fetched < BIG / 10, model.rows_fetched

    # Jump to an item far down: only its page is read.
    before = model.rows_fetched
    far = model.item(BIG - 3)
    assert far is not None
    assert model.rows_fetched - before == 200
    # Memory stays bounded by the LRU of pages.
    assert len(model._pages) <= 10


def test_filter_as_you_type_reads_only_what_is_shown(reader: Store) -> None:
    model = QueueModel(reader, page_size=200)
    model.set_query("reply", search="budg")
    assert model.total() == BIG // 10
    index = model.index(0)
    item = model.data(index, ITEM_ROLE)
    assert "budget" in item.excerpt
    assert model.data(index, KEY_ROLE) == item.key
    assert "unanswered" in model.data(index, REASON_ROLE)
    assert model.rows_fetched == 200
    model.set_query("reply", search="nothing-like-this")
    assert model.rowCount() == 0 and model.total() == 0
    assert model.data(QModelIndex(), ITEM_ROLE) is None


def test_refresh_keeps_ids_and_row_lookup(reader: Store) -> None:
    model = QueueModel(reader, page_size=100)
    model.set_query("reply")
    target = model.item(12_345)
    assert target is not None
    assert model.row_of_id(target.local_id) == 12_345
    assert model.rowCount() >= 12_346  # exposed up to the row that was asked for
    model.refresh()
    assert model.key(12_345) == target.key
