"""The insight module on a real cache: the team rule in SQL is the triage's, unknown view
counts stay null, leaders come from the server's flag or the ``leaders`` setting, weeks and
areas add up to the report, and the command line refuses bad input in one line."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, datetime

import pytest
from demo_data import cli
from records import NOW, base_batch, comment, page

from desktop.models import insight, triage
from desktop.models.settings import Change
from desktop.services.connectors.base import Batch

ROLES = ("admin", "moderator", "editor", "ambassador", "employee", None)


def test_the_team_in_sql_is_the_triages_responder():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (acct INTEGER, rid TEXT, role TEXT, areas TEXT)")
    expr = insight.team_sql("1", ":author", ":post_author", ":area")
    for role, post_author, area, areas in itertools.product(
            ROLES, ("7", "8", None), ("1", "2", None), ('["1"]', "[]")):
        conn.execute("DELETE FROM users")
        if role is not None:  # None: the cache does not know the author
            conn.execute("INSERT INTO users VALUES (1, '7', ?, ?)", (role, areas))
        got = conn.execute(f"SELECT {expr}", {
            "author": "7", "post_author": post_author, "area": area}).fetchone()[0]
        want = triage.is_responder("7", role, ["1"] if areas != "[]" else [], post_author,
                                   area)
        assert got == int(want), (role, post_author, area, areas)


def _sync(store, batch: Batch) -> None:
    store.begin_sync("intra")
    store.apply_page("intra", page(batch, "1"))
    store.finish_sync("intra", now=NOW)


def _report(store, **kw):
    return insight.report(store, since=NOW - 7 * 86400, until=NOW, now=NOW, **kw)


def test_views_stay_unknown_where_the_platform_does_not_count(store):
    batch = base_batch()
    batch.posts[1]["views"] = 0  # counted, and read by nobody: 0, not unknown
    batch.comments = [comment(1, "Hello?", post="1"), comment(2, "Hi", post="2", age=60)]
    _sync(store, batch)
    tops = {t.id: t.views for t in _report(store).top_posts}
    assert tops == {"intra:p1": None, "intra:p2": 0}
    assert _report(store).as_json()["top_posts"][0]["views"] is None


def test_leaders_from_the_servers_flag_and_from_the_setting(store):
    batch = base_batch()
    batch.users[3]["leader"] = True  # ola, flagged by the server
    batch.comments = [comment(1, "Question?", author="50"),
                      comment(2, "Answer", author="51", parent="1", age=1800),
                      comment(3, "And me", author="50", age=1000)]
    _sync(store, batch)
    assert _report(store).leaders == insight.Leaders(posts=0, replies=1)
    # kari is named a leader of this account (WordPress has no flag); erik wrote post 1
    store.settings.write([Change("leaders", ("Kari", "erik"), account="intra")])
    assert _report(store).leaders == insight.Leaders(posts=1, replies=3)
    assert _report(store, account="intra").leaders.replies == 3


def test_figures_of_a_small_thread_by_hand(store):
    batch = base_batch()
    batch.comments = [
        comment(1, "Why?", author="50", age=10_000),                   # input, answered
        comment(2, "Because", author="10", parent="1", age=9_000),      # 1000 s later
        comment(3, "Also me", author="51", age=8_000, liked_by=["11"]),  # input, liked
        comment(4, "Me too", author="51", parent="3", age=7_000),       # not the team
        comment(5, "Held?", author="51", status="held", age=6_000),     # does not count
        comment(6, "On my post", author="10", age=5_000),               # the team's own
        comment(7, "Late", author="50", age=4_000),                     # unanswered
        comment(8, "Answer", author="11", parent="7", age=3_000, status="hidden"),
    ]
    _sync(store, batch)
    r = _report(store)
    assert (r.comments, r.unanswered, r.unanswered_oldest_s) == (6, 2, 8_000)
    assert (r.first_reply_median_s, r.first_reply_p90_s) == (1000, 1000)
    assert r.acknowledged_share == round(2 / 3, 3)
    assert (r.first_time_contributors, r.returning_first_timers) == (2, 2)
    assert [(c.author, c.comments) for c in r.top_contributors] == [
        ("Kari Nordmann", 2), ("Ola", 2)]  # a tie breaks by id: 50 before 51
    assert r.followed_up_share is None
    # an area, by name or id; weeks and areas add up to the whole
    assert _report(store, area="Finance").comments == 0
    assert _report(store, area="1").comments == _report(store, area="Oslo").comments == 6
    weeks = insight.weekly(store, since=NOW - 21 * 86400, until=NOW, now=NOW)
    assert sum(w.comments for w in weeks) == 6 and len(weeks) in (3, 4)
    assert all(w.since < w.until for w in weeks) and weeks[-1].until == NOW
    assert weeks[-1].week == "{}-W{:02d}".format(*datetime.fromtimestamp(NOW, UTC).isocalendar())
    areas = insight.by_area(store, since=NOW - 7 * 86400, until=NOW, now=NOW)
    assert [(a.area, a.comments, a.unanswered) for a in areas] == [
        ("Finance", 0, 0), ("Oslo", 6, 2)]


def test_an_empty_period_has_nulls_not_zeros(store):
    _sync(store, base_batch())
    r = _report(store).as_json()
    assert r["comments"] == 0 and r["top_posts"] == [] and r["leaders"] == {
        "posts": 0, "replies": 0}
    for key in ("first_reply_median_s", "first_reply_p90_s", "unanswered_oldest_s",
                "acknowledged_share", "followed_up_share"):
        assert r[key] is None, key


@pytest.mark.parametrize("args,message", [
    (["--since", "last week"], "--since: 'last week' is not a date"),
    (["--since", "2026-05-02", "--until", "2026-05-01"], "--since must be before --until"),
    (["--account", "nope"], "No account called 'nope'"),
])
def test_bad_input_is_one_line(tmp_path, args, message):
    proc = cli(tmp_path / "p", "report", *args)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"dialogue-desk: {message}" + (
        " (YYYY-MM-DD or YYYY-MM-DDTHH:MM)" if "not a date" in message else "")
