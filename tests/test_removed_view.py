"""The Removed view: hidden, spam and deleted comments (on the server or by a queued action)
leave every lane but stay findable, newest first, so that they can be restored."""

from __future__ import annotations

from records import NOW, base_batch, comment, page

from desktop.models import outbox, queries
from desktop.models.schema import REMOVED
from desktop.models.store import Store


def load(store: Store, *comments) -> None:
    b = base_batch()
    b.comments = list(comments)
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "1"), now=NOW)
    store.finish_sync("intra", now=NOW)


def test_removed_comments_leave_the_lanes_and_show_in_removed(store):
    load(store,
         comment(1, "When does it open?"),
         comment(2, "Buy cheap watches", status="spam", age=7200),
         comment(3, "Rude words", status="hidden", post="2", age=600),
         comment(4, "Gone", status="deleted", age=300),
         comment(5, "Held for review", status="held", post="2"))
    counts = queries.lane_counts(store)
    assert counts[REMOVED] == 3
    assert counts["reply"] == 1 and counts["moderate"] == 1
    # newest first
    assert [i.key for i in queries.queue_page(store, REMOVED)] == [
        "intra:c4", "intra:c3", "intra:c2"]
    assert queries.queue_ids(store, REMOVED) == [
        i.local_id for i in queries.queue_page(store, REMOVED)]
    assert [i.key for i in queries.queue_page(store, REMOVED, area="Finance")] == ["intra:c3"]
    assert queries.lane_counts(store, area="Finance")[REMOVED] == 1
    assert [i.key for i in queries.queue_page(store, REMOVED, search="watches")] == ["intra:c2"]


def test_a_queued_hide_moves_the_item_to_removed_and_its_undo_back(store):
    load(store, comment(1, "When does it open?"))
    entry = outbox.enqueue(store, "intra:c1", "hide", now=NOW)
    assert queries.lane_counts(store)["reply"] == 0
    [item] = queries.queue_page(store, REMOVED)
    assert item.key == "intra:c1" and item.pending
    assert outbox.cancel(store, entry.id)
    assert queries.lane_counts(store)[REMOVED] == 0
    assert queries.lane_counts(store)["reply"] == 1


def test_a_queued_restore_takes_it_out_of_removed(store):
    load(store, comment(2, "Buy cheap watches", status="spam"))
    outbox.enqueue(store, "intra:c2", "restore", now=NOW)
    assert queries.lane_counts(store)[REMOVED] == 0


def test_the_removed_view_reads_its_partial_index(store):
    load(store, comment(2, "Buy cheap watches", status="spam"))
    plan = " ".join(r[3] for r in store.cache.execute(
        "EXPLAIN QUERY PLAN SELECT c.id FROM comments c WHERE " + queries.REMOVED_WHERE
        + " ORDER BY c.created_at DESC, c.id DESC"))
    # a walk of the partial index (removed rows only), in its order: no sort, no table scan
    assert "USING INDEX ix_comments_removed" in plan and "TEMP B-TREE" not in plan
