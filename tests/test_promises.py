"""Follow-ups that are kept (issue 15 §3): promises found in staff replies, the Follow-up lane,
and the three ways a promise is kept — a later staff reply, a post linking the thread, a
decision note. Real SQLite files, records through the store's ingest path."""

from __future__ import annotations

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import promises, queries, settings, triage
from desktop.models.settings import Change, SettingError
from desktop.models.store import Store
from desktop.services.connectors.base import Batch

DAY = 86400.0


@pytest.mark.parametrize(("text", "promise"), [
    ("Good question, we'll get back to you on Monday.", True),
    ("I will check with facilities.", True),
    ("Let me find out and answer here.", True),
    ("We will look into it.", True),
    ("Danke! Wir melden uns, sobald wir mehr wissen.", True),
    ("Ich kläre das mit der Kantine.", True),
    ("Ich schaue nach.", True),
    ("Takk, vi kommer tilbake til dette.", True),
    ("Jeg sjekker med HR.", True),
    ("JEG SJEKKER det i morgen", True),  # case does not matter
    ("The canteen opens on Monday.", False),
    ("We checked it last week.", False),
    ("Das haben wir geklärt.", False),
    ("Vi kom tilbake i går.", False),
])
def test_promise_rules_in_every_language(text, promise):
    assert bool(triage.DEFAULT_RULES.promises.search(text)) is promise


def _facts(text: str, *, responder: bool = True, kept: bool = False) -> triage.Facts:
    return triage.Facts("published", text, NOW - 3600, "10", responder, "10", "editor",
                        False, False, promise_kept=kept)


def test_only_a_staff_reply_promises_and_a_kept_one_leaves():
    me = triage.Me("11", "mona", "moderator")
    v = triage.classify(_facts("I'll check."), me, NOW)
    assert (v.lane, v.reason) == ("followup", "promise")
    assert v.sort == NOW - 3600 + 7 * DAY and v.args == {"due": int(NOW - 3600 + 7 * DAY)}
    assert triage.classify(_facts("I'll check.", kept=True), me, NOW).lane is None
    # an employee saying it promises nothing on the team's behalf
    assert triage.classify(_facts("I'll check.", responder=False), me, NOW).lane != "followup"


def test_overdue_promises_say_so():
    said = triage.describe("promise", {"due": NOW - 2 * DAY}, author="Erik", lane="followup",
                           created_at=NOW - 9 * DAY, now=NOW)
    assert said == "Promised by Erik 9 days ago, due 2 days ago"
    said = triage.describe("promise", {"due": NOW + 5 * DAY}, author="Erik", lane="followup",
                           created_at=NOW - 2 * DAY, now=NOW)
    assert said == "Promised by Erik 2 days ago, due in 5 days"


def load(store: Store, *comments, cursor: str = "1", posts=None) -> None:
    b = base_batch()
    b.comments = list(comments)
    if posts:
        b.posts += posts
    store.begin_sync("intra")
    store.apply_page("intra", page(b, cursor), now=NOW)
    store.finish_sync("intra", now=NOW)


def followups(store: Store) -> list[queries.QueueItem]:
    return queries.queue_page(store, "followup")


def test_a_promise_goes_to_followup_with_its_owner_and_due_time(store):
    load(store, comment(1, "When does the canteen open?", age=10 * DAY),
         comment(2, "Let me find out.", parent="1", author="11", age=9 * DAY))
    [item] = followups(store)
    assert item.key == "intra:c2" and item.author == "Mona Mod"
    assert item.describe(NOW) == "Promised by Mona Mod 9 days ago, due 2 days ago"
    assert item.overdue(NOW)
    data = item.as_json(NOW)
    assert data["promised_by"] == "Mona Mod"
    assert data["promised_at"] == queries._iso(NOW - 9 * DAY)
    assert data["due"] == queries._iso(NOW - 2 * DAY)
    assert queries.lane_counts(store)["followup"] == 1
    # the question was answered by the promise itself: not in Reply any more
    assert queries.lane_counts(store)["reply"] == 0


def test_a_later_staff_reply_keeps_it_in_a_later_page(store):
    load(store, comment(1, "When?", age=3 * DAY),
         comment(2, "We'll get back to you.", parent="1", author="11", age=2 * DAY))
    assert len(followups(store)) == 1
    # an employee's reply keeps nothing
    store.apply_page("intra", page(Batch(comments=[
        comment(3, "Any news?", parent="2", author="51", age=DAY)]), "2"), now=NOW)
    assert len(followups(store)) == 1
    store.apply_page("intra", page(Batch(comments=[
        comment(4, "It opens Monday.", parent="3", author="10", age=3600)]), "3"), now=NOW)
    assert followups(store) == []
    kept = store.cache.execute("SELECT kept_how, kept_by, kept_at FROM promises").fetchall()
    assert kept == [("reply", "10", NOW - 3600)]


def test_a_reply_that_arrived_first_keeps_it_too(store):
    """A re-synced or reordered feed brings the answer before the promise."""
    load(store, comment(1, "When?", age=3 * DAY),
         comment(4, "It opens Monday.", parent="1", author="10", age=3600))
    store.apply_page("intra", page(Batch(comments=[
        comment(2, "I'll check.", parent="1", author="11", age=2 * DAY)]), "2"), now=NOW)
    assert followups(store) == []
    # an earlier staff reply keeps nothing
    store.apply_page("intra", page(Batch(comments=[
        comment(5, "Jeg sjekker.", post="2", author="10", age=3600),
        comment(6, "Hei", post="2", author="11", age=2 * 3600)]), "3"), now=NOW)
    assert [i.key for i in followups(store)] == ["intra:c5"]


def test_a_post_linking_the_thread_keeps_it(store):
    load(store, comment(2, "Wir melden uns.", author="11", age=2 * DAY))
    assert len(followups(store)) == 1
    post = {"id": "9", "area_id": "1", "author_id": "10", "title": "Decision",
            "body_html": '<p>See <a href="http://intranet.test/posts/1/">the thread</a></p>',
            "created_at": NOW - 60, "updated_at": NOW - 60, "locked": False,
            "status": "published", "url": "http://intranet.test/posts/9", "version": "1"}
    store.apply_page("intra", page(Batch(posts=[post]), "2"), now=NOW)
    assert followups(store) == []
    assert store.cache.execute("SELECT kept_how, kept_by FROM promises").fetchall() == [
        ("post", "10")]


def test_a_decision_note_keeps_it_and_is_kept_in_state(store):
    load(store, comment(1, "When?", age=3 * DAY),
         comment(2, "Ich kläre das.", parent="1", author="11", age=2 * DAY))
    with pytest.raises(ValueError):
        promises.write_decision(store, "intra:c1", "   ", now=NOW)
    with pytest.raises(LookupError):
        promises.write_decision(store, "intra:c99", "Done", now=NOW)
    assert promises.write_decision(store, "intra:c1", "Opens Monday, decided.", now=NOW) == 1
    assert followups(store) == []
    [note] = promises.decisions(store, "intra:c2")
    assert (note.item, note.text, note.at) == ("intra:c1", "Opens Monday, decided.", NOW)
    # the cache is disposable: rebuilt, the promise comes back kept by the note
    store.cache.execute("DELETE FROM comments")
    store.cache.execute("DELETE FROM promises")
    store.cache.execute("UPDATE sources SET cursor = NULL")
    store.forget_account("intra")
    load(store, comment(1, "When?", age=3 * DAY),
         comment(2, "Ich kläre das.", parent="1", author="11", age=2 * DAY), cursor="9")
    assert followups(store) == []
    assert store.cache.execute("SELECT kept_how FROM promises").fetchall() == [("note",)]


def test_the_manual_mark_stays(store):
    from desktop.models import outbox

    load(store, comment(1, "A nice idea", age=DAY))
    outbox.set_mark(store, "intra:c1", "followup", now=NOW)
    [item] = followups(store)
    assert item.reason != "promise" and item.describe(NOW).startswith("Follow-up promised")
    assert item.as_json(NOW)["promised_by"] is None


def test_promise_rules_are_settings_and_bad_patterns_are_refused(store):
    s = settings.declaration("promises_en")
    with pytest.raises(SettingError) as err:
        s.parse("we will (see")
    assert "not a valid pattern" in err.value.message()
    with pytest.raises(SettingError):
        settings.apply_changes(store, [Change("promises_en", ("ok", "[a-"))])
    assert settings.declaration("followup_due").parse("3d") == 3 * DAY
    load(store, comment(2, "We promise an answer soon.", author="11", age=DAY))
    assert followups(store) == []
    settings.apply_changes(store, [Change("promises_en", s.parse("\\bwe promise\nfoo, bar")),
                                   Change("followup_due", int(2 * DAY), "intra")], now=NOW)
    [item] = followups(store)
    assert item.as_json(NOW)["due"] == queries._iso(NOW - DAY + 2 * DAY)
    assert s.format(store.settings.get("promises_en")) == "\\bwe promise\nfoo, bar"


def test_kept_share_per_area_and_period(store):
    load(store,
         comment(1, "I'll check.", author="11", age=20 * DAY),          # Oslo, kept in time
         comment(6, "Done: it opens Monday.", parent="1", author="10", age=19 * DAY),
         comment(3, "Jeg sjekker.", author="11", age=12 * DAY),         # Oslo, missed
         comment(4, "Wir melden uns.", post="2", author="10", age=10 * DAY),  # Finance, late
         comment(7, "Budget approved.", post="2", parent="4", author="11", age=DAY + 600),
         comment(5, "Let me check.", post="2", author="10", age=DAY))   # Finance, open
    everything = promises.kept_share(store, NOW - 30 * DAY, NOW, now=NOW)
    assert everything == promises.KeptShare(4, 1, 1, 1, 1)
    assert everything.share == pytest.approx(1 / 3)
    oslo = promises.kept_share(store, NOW - 30 * DAY, NOW, area="1", now=NOW)
    assert (oslo.promises, oslo.share) == (2, 0.5)
    recent = promises.kept_share(store, NOW - 11 * DAY, NOW, account="intra", now=NOW)
    assert recent == promises.KeptShare(2, 0, 1, 0, 1)
    assert promises.kept_share(store, NOW - 30 * DAY, NOW, account="other", now=NOW).share is None
