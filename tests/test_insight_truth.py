"""Truth: every figure of ``dialogue-desk report --json`` equals the same figure computed here,
independently of the desk's code, in SQL straight against the demo server's own database.

The desk computes from its cache (synced through the reference protocol); this file reads the
server's tables (desktop/demo/schema.py) with its own queries, written from the issue's
definitions (issue 17). Three seeds, two areas and the whole site, two periods; the demo's
time is pinned, so the periods are the same on every run.
"""

from __future__ import annotations

import html
import math
import re
import sqlite3
import statistics
import time
from collections.abc import Iterator
from typing import Any

import pytest
from demo_data import cli, cli_json, server_db

from desktop.models.triage import PROMISES as PROMISE_RULES  # the settings' default rules

REFERENCE = "2026-06-15T12:00:00Z"
PERIODS = (
    (None, "2026-06-15T12:00"),  # the default: 28 days before --until
    ("2026-04-20", "2026-05-25T06:30"),
)
SEEDS = (3, 11, 29)
SIZE = 2500

# The team on the server's tables: staff roles, a post's author on their own post, an
# area's ambassador in it. {u}: the user row, {who}: the user id, {p}: the post row.
TEAM = ("(COALESCE({u}.role IN ('admin', 'moderator', 'editor'), 0) OR {who} = {p}.author_id "
        "OR (COALESCE({u}.role = 'ambassador', 0) AND EXISTS "
        "(SELECT 1 FROM json_each({u}.areas) WHERE value = {p}.area_id)))")


@pytest.fixture(scope="module", params=SEEDS)
def site(request, tmp_path_factory) -> Iterator[tuple[Any, Any, str]]:
    """A demo server of one seed and a profile synced from it by the command line."""
    from desktop.demo.process import DemoServerProcess

    tmp = tmp_path_factory.mktemp(f"truth-{request.param}")
    server = DemoServerProcess(tmp / "demo.db", seed=request.param, size=SIZE, rate=0,
                               reference_time=REFERENCE).start()
    try:
        profile = tmp / "profile"
        token = server.tokens["mona"]  # a moderator: the feed holds every comment
        added = cli(profile, "account", "add", "--name", "demo", "--url", server.url,
                    "--user", "mona", stdin=token + "\n")
        assert added.returncode == 0, added.stderr
        synced = cli(profile, "sync", secret=token)
        assert synced.returncode == 0, synced.stderr
        yield server, profile, token
    finally:
        server.stop()


def _bounds(since: str | None, until: str) -> tuple[str, str]:
    """The period as the server's ISO strings (they compare as text)."""
    def iso(text: str) -> str:
        text = text if "T" in text else text + "T00:00"
        return text + (":00Z" if len(text) == 16 else "Z")

    end = iso(until)
    if since is None:
        start = sqlite3.connect(":memory:").execute(
            "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-28 days')", (end,)).fetchone()[0]
    else:
        start = iso(since)
    return start, end


def truth(conn: sqlite3.Connection, start: str, end: str, area: str | None) -> dict[str, Any]:
    """Every figure of the issue, from the server's tables."""
    in_area = "AND p.area_id = (SELECT id FROM areas WHERE name = :area)" if area else ""
    args = {"start": start, "end": end, "area": area}
    period = (f"c.status = 'published' AND c.created_at >= :start AND c.created_at < :end "
              f"{in_area}")
    team_c = TEAM.format(u="u", who="c.author_id", p="p")
    base = ("FROM comments c JOIN posts p ON p.id = c.post_id "
            "LEFT JOIN users u ON u.id = c.author_id")
    comments = conn.execute(f"SELECT COUNT(*) {base} WHERE {period}", args).fetchone()[0]

    # input, its first direct team reply (at any time up to now) and a like by the team
    team_r = TEAM.format(u="ru", who="r.author_id", p="p")
    team_l = TEAM.format(u="lu", who="l.user_id", p="p")
    inputs = conn.execute(
        f"SELECT unixepoch(c.created_at), "
        f"(SELECT MIN(unixepoch(r.created_at)) FROM comments r "
        f"  LEFT JOIN users ru ON ru.id = r.author_id "
        f"  WHERE r.parent_id = c.id AND r.status = 'published' AND {team_r}), "
        f"EXISTS (SELECT 1 FROM likes l LEFT JOIN users lu ON lu.id = l.user_id "
        f"  WHERE l.comment_id = c.id AND {team_l}) "
        f"{base} WHERE {period} AND c.parent_id IS NULL AND NOT {team_c}", args).fetchall()
    waits = sorted(replied - created for created, replied, _ in inputs if replied is not None)
    unanswered = [created for created, replied, _ in inputs if replied is None]
    acked = sum(1 for _, replied, liked in inputs if replied is not None or liked)
    until_s = conn.execute("SELECT unixepoch(?)", (end,)).fetchone()[0]

    # first-time contributors: the first published comment ever is in the period (and area)
    # and is not the team's word
    first = conn.execute(
        f"SELECT c.author_id, unixepoch(c.created_at) {base} "
        f"WHERE {period} AND NOT {team_c} AND NOT EXISTS (SELECT 1 FROM comments e "
        f"  WHERE e.author_id = c.author_id AND e.status = 'published' "
        f"  AND e.created_at < c.created_at)", args).fetchall()
    first_at = {}
    for author, at in first:
        first_at[author] = min(at, first_at.get(author, at))
    returning = sum(1 for author, at in first_at.items() if conn.execute(
        "SELECT 1 FROM comments WHERE author_id = ? AND status = 'published' "
        "AND unixepoch(created_at) > ? AND unixepoch(created_at) <= ?",
        (author, at, at + 30 * 86400)).fetchone())

    top_posts = [
        {"id": f"demo:p{pid}", "title": title, "comments": n, "views": views}
        for pid, title, views, n in conn.execute(
            f"SELECT p.id, p.title, p.views, COUNT(*) AS n {base} WHERE {period} "
            f"GROUP BY p.id ORDER BY n DESC, p.id LIMIT 10", args)
    ]
    top_people = [
        {"author": name, "comments": n}
        for name, n in conn.execute(
            f"SELECT u.display_name, COUNT(*) AS n {base} WHERE {period} AND NOT {team_c} "
            f"GROUP BY c.author_id ORDER BY n DESC, c.author_id LIMIT 10", args)
    ]
    leader_posts = conn.execute(
        f"SELECT COUNT(*) FROM posts p JOIN users u ON u.id = p.author_id "
        f"WHERE u.leader = 1 AND p.status = 'published' AND p.created_at >= :start "
        f"AND p.created_at < :end {in_area}", args).fetchone()[0]
    leader_replies = conn.execute(
        f"SELECT COUNT(*) {base} WHERE {period} AND u.leader = 1", args).fetchone()[0]

    # promises: published team comments in the period whose text matches the promise rules
    # (the settings' default rules are the definition of "a promise"); kept by a later
    # published team comment in the same thread; decided when kept, or when due has passed
    promises = conn.execute(
        f"SELECT c.post_id, unixepoch(c.created_at), c.body_html {base} "
        f"WHERE {period} AND {team_c}", args).fetchall()
    rules = re.compile("|".join(f"(?:{p})" for ps in PROMISE_RULES.values() for p in ps),
                       re.IGNORECASE)
    in_time = decided = 0
    for post_id, at, body in promises:
        if not rules.search(html.unescape(re.sub(r"<[^>]*>", " ", body))):
            continue
        kept = conn.execute(
            f"SELECT MIN(unixepoch(r.created_at)) FROM comments r JOIN posts p ON p.id = r.post_id "
            f"LEFT JOIN users ru ON ru.id = r.author_id WHERE r.post_id = ? "
            f"AND r.status = 'published' AND unixepoch(r.created_at) > ? AND {team_r}",
            (post_id, at)).fetchone()[0]
        due = at + 7 * 86400
        if kept is not None or due < time.time():
            decided += 1
            in_time += kept is not None and kept <= due

    n = len(waits)
    return {
        "comments": comments,
        "first_reply_median_s": statistics.median(waits) if waits else None,
        "first_reply_p90_s": waits[math.ceil(0.9 * n) - 1] if waits else None,
        "unanswered": len(unanswered),
        "unanswered_oldest_s": until_s - min(unanswered) if unanswered else None,
        "acknowledged_share": acked / len(inputs) if inputs else None,
        "followed_up_share": in_time / decided if decided else None,
        "first_time_contributors": len(first_at),
        "returning_first_timers": returning,
        "top_posts": top_posts,
        "top_contributors": top_people,
        "leaders": {"posts": leader_posts, "replies": leader_replies},
    }


def _areas(conn: sqlite3.Connection, start: str, end: str) -> list[str]:
    """The two areas with the most published comments in the period (the rest are thin)."""
    return [name for (name,) in conn.execute(
        "SELECT a.name FROM comments c JOIN posts p ON p.id = c.post_id "
        "JOIN areas a ON a.id = p.area_id WHERE c.status = 'published' "
        "AND c.created_at >= ? AND c.created_at < ? "
        "GROUP BY a.id ORDER BY COUNT(*) DESC, a.id LIMIT 2", (start, end))]


def _close(got: Any, want: Any, tolerance: float) -> bool:
    if got is None or want is None:
        return got is want
    return abs(got - want) <= tolerance


@pytest.mark.parametrize("since,until", PERIODS)
def test_report_equals_the_servers_truth(site, since, until):
    server, profile, token = site
    conn = server_db(server)
    try:
        start, end = _bounds(since, until)
        areas = _areas(conn, start, end)
        assert len(areas) == 2
        for area in (None, *areas):
            args = ["report", "--until", until, *(["--since", since] if since else []),
                    *(["--area", area] if area else [])]
            got = cli_json(profile, *args, secret=token)
            want = truth(conn, start, end, area)
            where = f"seed {server.seed}, area {area}, {start}–{end}"
            assert got["since"] == start and got["until"] == end and got["area"] == area
            assert want["comments"] > 0, where  # a period with nothing in it proves nothing
            if area is None:  # the site has promises made and decided in every period
                assert want["followed_up_share"] is not None, where
            for key in ("first_reply_median_s", "first_reply_p90_s", "unanswered_oldest_s"):
                assert _close(got[key], want[key], 1), (where, key, got[key], want[key])
            for key in ("acknowledged_share", "followed_up_share"):
                assert _close(got[key], want[key], 0.001), (where, key, got[key], want[key])
            exact = [k for k in want if k not in (
                "first_reply_median_s", "first_reply_p90_s", "unanswered_oldest_s",
                "acknowledged_share", "followed_up_share")]
            assert {k: got[k] for k in exact} == {k: want[k] for k in exact}, where
            assert set(got) == {"since", "until", "area", *want}
    finally:
        conn.close()


def test_csv_has_a_row_per_area_and_a_total_equal_to_the_report(site):
    server, profile, token = site
    until = PERIODS[0][1]
    proc = cli(profile, "report", "--until", until, "--csv", secret=token)
    assert proc.returncode == 0, proc.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    conn = server_db(server)
    try:
        names = sorted((n for (n,) in conn.execute("SELECT name FROM areas")), key=str.casefold)
        start, end = _bounds(None, until)
        assert [r["area"] for r in rows] == [*names, "total"]
        total = truth(conn, start, end, None)
        assert int(rows[-1]["comments"]) == total["comments"]
        assert sum(int(r["comments"]) for r in rows[:-1]) == total["comments"]
        for row in rows[:-1]:
            if int(row["comments"]):
                assert int(row["unanswered"]) == truth(conn, start, end, row["area"])[
                    "unanswered"], row["area"]
    finally:
        conn.close()
