"""WordPress JSON → our records, table-tested on the shapes WordPress sends (no server needed;
tests/test_wordpress_connector.py runs the same code against a real WordPress).

The pull loop used to learn ids, dates and statuses with regexes over the raw bytes that
relied on WordPress's field order; ``test_field_order_does_not_matter`` shows what they missed.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
import pytest

from desktop.models.timefmt import parse_iso
from desktop.services.connectors.base import BadResponse
from desktop.services.connectors.wordpress import records as wr

SITE = "http://wp.test"
T0 = parse_iso("2026-11-20T19:31:50")

# context=edit, _fields=COMMENT_FIELDS, in WordPress's own order (its schema's)
EDIT_COMMENT = {
    "id": 41, "post": 7, "parent": 0, "author": 3, "author_name": "Kari Nordmann",
    "date_gmt": "2026-11-20T19:31:50",
    "content": {"raw": "Is the canteen open &amp; on Friday?",
                "rendered": "<p>Is the canteen open &amp; on Friday?</p>\n"},
    "link": "http://wp.test/?p=7#comment-41", "status": "hold",
}
# context=view (an account that may not moderate): no raw content
VIEW_REPLY = {
    "id": 42, "post": 7, "parent": 41, "author": 2, "author_name": "Erik",
    "date_gmt": "2026-11-20T19:40:00", "content": {"rendered": "<p>Yes, till 3.</p>\n"},
    "link": "http://wp.test/?p=7#comment-42", "status": "approved",
}
# a guest: no user id, only a name
GUEST = {
    "id": 43, "post": 7, "parent": 0, "author": 0, "author_name": "  Visitor ",
    "date_gmt": "2026-11-20T20:00:00", "content": {"rendered": "<p>Hello</p>"},
    "link": "", "status": "spam",
}
# the same comment with its fields in another order (a plugin, a proxy, another version)
REORDERED = {
    "status": "trash", "date_gmt": "2026-11-20T19:31:50", "content": {"rendered": "<p>x</p>"},
    "author_name": "Kari Nordmann", "author": 3, "link": "", "parent": 0, "post": 7, "id": 44,
}


@pytest.mark.parametrize(("doc", "expected", "guest"), [
    (EDIT_COMMENT, {"id": "41", "post_id": "7", "parent_id": None, "author_id": "3",
                    "status": "held", "created_at": T0, "updated_at": T0,
                    "url": "http://wp.test/?p=7#comment-41",
                    "body_html": "<p>Is the canteen open &amp; on Friday?</p>\n"}, None),
    (VIEW_REPLY, {"id": "42", "parent_id": "41", "author_id": "2", "status": "published",
                  "created_at": T0 + 490}, None),
    (GUEST, {"id": "43", "author_id": "guest:Visitor", "status": "spam"},
     {"id": "guest:Visitor", "display_name": "Visitor", "role": "employee"}),
    (REORDERED, {"id": "44", "post_id": "7", "status": "deleted", "created_at": T0}, None),
], ids=["edit-context", "view-reply", "guest", "reordered"])
def test_comment_records(doc: dict[str, Any], expected: dict[str, Any],
                         guest: dict[str, Any] | None) -> None:
    record, person = wr.comment(doc)
    assert {k: record[k] for k in expected} == expected  # type: ignore[literal-required]
    assert record["like_count"] == 0 and record["liked_by"] == [] and record["flags"] == []
    if guest is None:
        assert person is None
    else:
        assert person is not None and {k: person[k] for k in guest} == guest  # type: ignore[literal-required]


def test_version_follows_status_and_content() -> None:
    record, _ = wr.comment(EDIT_COMMENT)
    approved, _ = wr.comment({**EDIT_COMMENT, "status": "approved"})
    edited, _ = wr.comment({**EDIT_COMMENT, "content": {"rendered": "<p>Edited</p>"}})
    assert len({record["version"], approved["version"], edited["version"]}) == 3
    assert wr.comment(dict(reversed(EDIT_COMMENT.items())))[0] == record


def test_unlisted_author_gets_a_name() -> None:
    _, person = wr.comment(EDIT_COMMENT, listed=frozenset({1, 2}))
    assert person == {"id": "3", "username": "", "display_name": "Kari Nordmann",
                      "role": "employee", "areas": []}
    assert wr.comment(EDIT_COMMENT, listed=frozenset({3}))[1] is None


def test_field_order_does_not_matter() -> None:
    page = orjson.dumps([EDIT_COMMENT, VIEW_REPLY, GUEST, REORDERED])
    docs = wr.decode_list(page, SITE, "comments")
    assert wr.comment_keys(docs, SITE) == [
        (41, T0, "hold"), (42, T0 + 490, "approved"), (43, T0 + 1690, "spam"),
        (44, T0, "trash")]
    # What the regex peek of before saw: it needed "id","post","parent" in that order, so the
    # reordered comment was missing, the counts disagreed and the page could not be read.
    old_head = re.compile(rb'\{"id":(\d+),"post":\d+,"parent":\d+')
    old_status = re.compile(rb'"status":"([a-z_-]+)"')
    assert len(old_head.findall(page)) == 3 != len(old_status.findall(page)) == 4
    batch = wr.comments_batch([docs], SITE)
    assert [c["id"] for c in batch.comments] == ["41", "42", "43", "44"]
    assert [u["id"] for u in batch.users] == ["guest:Visitor"]


POST = {
    "id": 7, "date_gmt": "2026-11-20T08:00:00", "modified_gmt": "2026-11-20T09:00:00",
    "status": "publish", "link": "http://wp.test/?p=7", "title": {"rendered": "Canteen &#038; caf&eacute;"},
    "content": {"rendered": "<p>Opening hours</p>", "protected": False}, "author": 2,
    "comment_status": "closed", "categories": [5, 6],
}


@pytest.mark.parametrize("doc", [POST, dict(reversed(POST.items()))], ids=["wp", "reordered"])
def test_post_record(doc: dict[str, Any]) -> None:
    record = wr.post(doc)
    assert record == {
        "id": "7", "area_id": "5", "author_id": "2", "title": "Canteen & café",
        "body_html": "<p>Opening hours</p>", "created_at": parse_iso("2026-11-20T08:00:00Z"),
        "updated_at": parse_iso("2026-11-20T09:00:00Z"), "locked": True,
        "status": "published", "url": "http://wp.test/?p=7",
        "version": f"{int(parse_iso('2026-11-20T09:00:00'))}:closed:publish"}
    docs = wr.decode_list(orjson.dumps([doc]), SITE, "posts")
    assert wr.post_keys(docs, SITE) == [(7, record["updated_at"])]


def test_draft_post_is_hidden_and_uncategorised() -> None:
    record = wr.post({**POST, "status": "private", "categories": [], "author": 0})
    assert (record["status"], record["area_id"], record["author_id"]) == ("hidden", None, None)


@pytest.mark.parametrize(("doc", "full", "expected"), [
    ({"id": 1, "username": "admin", "name": "Site Admin", "slug": "admin",
      "roles": ["administrator"], "capabilities": {"moderate_comments": True}}, True,
     {"id": "1", "username": "admin", "display_name": "Site Admin", "role": "admin"}),
    ({"id": 4, "username": "mona", "name": "Mona", "slug": "mona", "roles": ["custom"],
      "capabilities": {"moderate_comments": True}}, True,
     {"id": "4", "username": "mona", "role": "moderator"}),
    ({"id": 5, "username": "kari", "name": "", "slug": "kari", "roles": ["subscriber"],
      "capabilities": {}}, True, {"username": "kari", "display_name": "kari", "role": "employee"}),
    ({"name": "Erik &amp; co", "slug": "erik", "id": 2}, False,
     {"id": "2", "username": "erik", "display_name": "Erik & co", "role": "editor"}),
], ids=["admin", "moderator-by-capability", "subscriber", "public-author"])
def test_user_records(doc: dict[str, Any], full: bool, expected: dict[str, Any]) -> None:
    record = wr.user(doc, full=full)
    assert {k: record[k] for k in expected} == expected  # type: ignore[literal-required]
    assert record["areas"] == []


def test_meta_batch() -> None:
    cats = [[{"id": 5, "name": "News &amp; views"}], [{"name": "HR", "id": 6}]]
    batch = wr.meta_batch(cats, [[{"id": 2, "name": "Erik", "slug": "erik"}]], False, SITE)
    assert batch.areas == [{"id": "5", "name": "News & views", "kind": "category"},
                           {"id": "6", "name": "HR", "kind": "category"}]
    assert [u["id"] for u in batch.users] == ["2"]


@pytest.mark.parametrize(("raw", "message"), [
    (b"<html>Error establishing a database connection</html>", "not JSON"),
    (b'{"code":"rest_forbidden","message":"no"}', "not a list"),
    (b"[1, 2]", "not a list"),
    (b'[{"id": 1}', "not JSON"),
], ids=["html", "object", "scalars", "cut"])
def test_decode_list_rejects(raw: bytes, message: str) -> None:
    with pytest.raises(BadResponse, match=message):
        wr.decode_list(raw, SITE, "comments")


@pytest.mark.parametrize("doc", [
    {"id": 1, "status": "approved"},  # no date
    {"id": "x", "date_gmt": "2026-11-20T19:31:50", "status": "approved"},
    {"id": 1, "date_gmt": "yesterday", "status": "approved"},
], ids=["no-date", "bad-id", "bad-date"])
def test_unreadable_comments_are_a_bad_response(doc: dict[str, Any]) -> None:
    with pytest.raises(BadResponse):
        wr.comment_keys([doc], SITE)
    with pytest.raises(BadResponse):
        wr.comments_batch([[doc]], SITE)


def test_ids_in_skips_what_it_cannot_read() -> None:
    assert wr.ids_in([[{"id": 3, "status": "spam"}, {"id": "x"}], [{"status": "hold",
                                                                  "id": 9}]]) == {
        3: "spam", 9: "hold"}
