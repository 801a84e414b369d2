"""A sync that spares the server, against the real WordPress of tests/wordpress_env.py,
through a counting proxy on 127.0.0.1 (docs/wordpress.md, "The cheap check").

A sync with nothing new costs a handful of requests: the posts and the new comments by date,
then one count per status list (``X-WP-Total``). What the counts show (an approval, a comment
trashed or spammed, a purge from the trash) is synced without reading the approved comments
again; what they cannot explain is swept. The connector is kept between syncs, as the desk
keeps it. Every test works on comments it created itself (the instance is shared).
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from faultproxy import FaultProxy
from test_wordpress_connector import ACCOUNT, StepClock, _ago, cached, connector, tombstones
from test_wordpress_sweep import stored_cursor, sweep_requests
from wordpress_env import WpEnv, wp_add_comment, wp_php

from desktop.models.writer import Writer
from desktop.services.connectors.wordpress import WordPressConnector
from desktop.services.sync import sync_account

pytestmark = pytest.mark.wordpress

# posts, the three lists of new comments (all, spam, trash), four counts
MODERATOR_REQUESTS = 8
# posts, new approved comments, one count
READER_REQUESTS = 3


@pytest.fixture
def proxy(wordpress: WpEnv) -> Iterator[FaultProxy]:
    with FaultProxy(wordpress.port) as p:
        yield p


class Desk:
    """One connector kept across syncs, a minute apart by its clock (the desk's timer)."""

    def __init__(self, env: WpEnv, writer: Writer, proxy: FaultProxy,
                 login: str = "editor1") -> None:
        self.writer, self.proxy, self.clock = writer, proxy, StepClock()
        self.loop = asyncio.new_event_loop()
        self.conn: WordPressConnector = connector(env, login, url=proxy.url, clock=self.clock)

    def sync(self) -> list[str]:
        """One sync; the targets of the requests it made."""
        seen = len(self.proxy.log)
        self.clock.now += 60
        self.loop.run_until_complete(sync_account(self.writer, self.conn, ACCOUNT))
        return [target for _, _, target, _ in list(self.proxy.log)[seen:]]

    def close(self) -> None:
        self.loop.run_until_complete(self.conn.aclose())
        self.loop.close()


@pytest.fixture
def desk(wordpress: WpEnv, writer: Writer, proxy: FaultProxy) -> Iterator[Desk]:
    d = Desk(wordpress, writer, proxy)
    yield d
    d.close()


def test_a_sync_with_nothing_new_costs_a_handful_of_requests(
        wordpress: WpEnv, desk: Desk, writer: Writer, proxy: FaultProxy) -> None:
    first = desk.sync()
    assert any("v2/categories" in t for t in first)  # the first load reads everything
    for _ in range(3):
        again = desk.sync()
        assert len(again) <= MODERATOR_REQUESTS, again
        assert sweep_requests(proxy) == []
        assert not any("orderby=id" in t for t in again)  # no list read in full
    counts = [t for t in again if "per_page=1&" in t]
    assert len(counts) == 4 and all("_fields=id" in t for t in counts)
    assert stored_cursor(writer)["stage"] == "done"


def test_a_reader_s_sync_with_nothing_new(wordpress: WpEnv, writer: Writer,
                                          proxy: FaultProxy) -> None:
    reader = Desk(wordpress, writer, proxy, "sub1")
    try:
        reader.sync()
        again = reader.sync()
        assert len(again) <= READER_REQUESTS, again
        assert sweep_requests(proxy) == []
    finally:
        reader.close()


def test_what_the_counts_show_is_synced_without_a_sweep(
        wordpress: WpEnv, desk: Desk, proxy: FaultProxy, tmp_path: Path) -> None:
    post = wordpress.seed["posts"][2]
    tag = uuid.uuid4().hex[:8]
    old = _ago(40)  # long before any date cursor: only the counts can tell
    held = wp_add_comment(wordpress, post, f"held {tag}", status="0", date_gmt=old)
    trash_me = wp_add_comment(wordpress, post, f"trash me {tag}", date_gmt=old)
    spam_me = wp_add_comment(wordpress, post, f"spam me {tag}", date_gmt=old)
    purge_me = wp_add_comment(wordpress, post, f"purge me {tag}", status="trash", date_gmt=old)
    desk.sync()
    rows = cached(tmp_path)
    assert rows[str(held)][0] == "held" and rows[str(purge_me)][0] == "deleted"

    # Another moderator in wp-admin: an approval, a deletion (to the trash), spam, a purge.
    wp_php(wordpress, f"wp_set_comment_status({held}, 'approve');"
                      f"wp_trash_comment({trash_me}); wp_spam_comment({spam_me});"
                      f"wp_delete_comment({purge_me}, true);")
    fresh = wp_add_comment(wordpress, post, f"fresh {tag}")
    targets = desk.sync()
    rows = cached(tmp_path)
    assert rows[str(held)][0] == "published"
    assert rows[str(trash_me)][0] == "deleted"
    assert rows[str(spam_me)][0] == "spam"
    assert str(purge_me) not in rows and str(purge_me) in tombstones(tmp_path)
    assert rows[str(fresh)][0] == "published"
    assert sweep_requests(proxy) == []  # the approved comments were not read again
    assert len(targets) < 30, targets  # the short lists and a second look, not 20 pages

    # Known and counted agree again: the next sync is back to a handful.
    assert len(desk.sync()) <= MODERATOR_REQUESTS

    # One approval alone: only the held list is read again, not spam and trash.
    held2 = wp_add_comment(wordpress, post, f"held two {tag}", status="0", date_gmt=old)
    desk.sync()
    wp_php(wordpress, f"wp_set_comment_status({held2}, 'approve');")
    targets = desk.sync()
    assert cached(tmp_path)[str(held2)][0] == "published"
    read_in_full = {t.split("status=")[1].split("&")[0] for t in targets if "orderby=id" in t}
    assert read_in_full == {"hold"}, targets


def test_what_the_counts_cannot_explain_is_swept(
        wordpress: WpEnv, desk: Desk, proxy: FaultProxy, tmp_path: Path) -> None:
    """An approved comment purged at once (no trip through the trash) leaves one approved
    comment fewer and no short list to find it in: the sync sweeps."""
    post = wordpress.seed["posts"][2]
    gone = wp_add_comment(wordpress, post, f"purged at once {uuid.uuid4()}", date_gmt=_ago(40))
    desk.sync()
    wp_php(wordpress, f"wp_delete_comment({gone}, true);")
    desk.sync()
    assert sweep_requests(proxy)
    assert str(gone) not in cached(tmp_path) and str(gone) in tombstones(tmp_path)
    assert len(desk.sync()) <= MODERATOR_REQUESTS
