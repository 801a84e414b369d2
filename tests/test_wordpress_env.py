"""The facts the WordPress connector relies on, checked against the real WordPress 6.1.

Each test that changes something works on a comment it created itself, so the tests do not
depend on each other's order or on other modules sharing the session instance.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from wordpress_env import WpEnv, wp_add_comment, wp_db_query, wp_php  # the fixture: conftest

pytestmark = pytest.mark.wordpress


@pytest.fixture
def client(wordpress: WpEnv) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=wordpress.url, timeout=10) as c:
        yield c


def _editor(env: WpEnv) -> tuple[str, str]:
    return env.users["editor1"].auth


def _open_post(env: WpEnv) -> int:
    return env.seed["posts"][0]


def _status_in_db(env: WpEnv, comment_id: int) -> str | None:
    rows = wp_db_query(env, f"SELECT comment_approved FROM wp_comments WHERE comment_ID = {comment_id}")
    return rows[0][0] if rows else None


# ---- the seeded site ------------------------------------------------------------------------

def test_index_announces_wp_v2_and_application_passwords(wordpress: WpEnv,
                                                          client: httpx.Client) -> None:
    resp = client.get("/wp-json/")
    assert resp.status_code == 200
    index = resp.json()
    assert "wp/v2" in index["namespaces"]
    assert "application-passwords" in index["authentication"]
    assert index["url"] == wordpress.url
    assert index["timezone_string"] == "Europe/Oslo"


def test_seed_has_every_kind_of_comment(wordpress: WpEnv) -> None:
    made = wordpress.seed["comments"]
    counts = wordpress.seed["comment_counts"]
    assert counts["hold"] >= 5 and counts["spam"] >= 3 and counts["trash"] >= 2
    assert sum(counts.values()) == 60
    assert made["answers"] and made["thanks"] and made["mentions"] and made["replies"]
    assert len(made["unanswered_questions"]) > len(made["answers"])
    rows = wp_db_query(wordpress, "SELECT comment_content FROM wp_comments")
    texts = " ".join(r[0] for r in rows)
    assert "@editor1" in texts
    assert "Kollegen" in texts or "Anleitung" in texts or "anmelden" in texts  # German
    assert "Gjelder" in texts or "Hvor" in texts or "Når" in texts or "Må vi" in texts  # Norwegian
    # editor1 answers questions with nested replies; someone thanks on a deeper level.
    answers = wp_db_query(wordpress, f"""
        SELECT a.comment_ID, q.comment_parent FROM wp_comments a JOIN wp_comments q
        ON a.comment_parent = q.comment_ID WHERE a.user_id = {wordpress.users['editor1'].id}""")
    assert len(answers) >= len(made["answers"]) > 0
    # Dates: all within the last 30 days, GMT column set and consistent with the local one.
    span = wp_db_query(wordpress, """
        SELECT MIN(comment_date_gmt), MAX(comment_date_gmt),
               SUM(comment_date_gmt = '0000-00-00 00:00:00'), SUM(comment_date = comment_date_gmt)
        FROM wp_comments WHERE comment_agent = 'dialogue-desk-seed'""")[0]
    oldest = datetime.fromisoformat(span[0]).replace(tzinfo=UTC)
    newest = datetime.fromisoformat(span[1]).replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now - timedelta(days=30) < oldest < newest < now
    assert span[2] == "0" and span[3] == "0"  # Europe/Oslo is never UTC+0


def test_closed_post_refuses_new_comments(wordpress: WpEnv, client: httpx.Client) -> None:
    resp = client.post("/wp-json/wp/v2/comments", auth=_editor(wordpress),
                       json={"post": wordpress.seed["closed_post"], "content": str(uuid.uuid4())})
    assert resp.status_code == 403
    assert resp.json()["code"] == "rest_comment_closed"


# ---- auth and capabilities ------------------------------------------------------------------

def test_editor_app_password_shows_roles_and_capabilities(wordpress: WpEnv,
                                                          client: httpx.Client) -> None:
    resp = client.get("/wp-json/wp/v2/users/me", params={"context": "edit"},
                      auth=_editor(wordpress))
    assert resp.status_code == 200
    me = resp.json()
    assert me["id"] == wordpress.users["editor1"].id
    assert me["roles"] == ["editor"]
    assert me["capabilities"]["moderate_comments"] is True
    assert me["capabilities"].get("manage_options", False) is False


def test_password_with_spaces_works_too(wordpress: WpEnv, client: httpx.Client) -> None:
    login, password = _editor(wordpress)
    spaced = " ".join(password[i:i + 4] for i in range(0, len(password), 4))
    assert client.get("/wp-json/wp/v2/users/me", auth=(login, spaced)).status_code == 200


def test_wrong_password_is_401(wordpress: WpEnv, client: httpx.Client) -> None:
    resp = client.get("/wp-json/wp/v2/users/me", auth=("editor1", "x" * 24))
    assert resp.status_code == 401
    assert resp.json()["code"] == "rest_not_logged_in"


def test_subscriber_cannot_set_a_status(wordpress: WpEnv, client: httpx.Client) -> None:
    own = wp_add_comment(wordpress, _open_post(wordpress), f"mine {uuid.uuid4()}", user="sub1")
    other = wp_add_comment(wordpress, _open_post(wordpress), f"theirs {uuid.uuid4()}", status="0")
    sub1 = wordpress.users["sub1"].auth
    for comment_id, status in ((own, "spam"), (other, "approved")):
        resp = client.post(f"/wp-json/wp/v2/comments/{comment_id}", auth=sub1,
                           json={"status": status})
        assert resp.status_code == 403, resp.text
        assert resp.json()["code"] == "rest_cannot_edit"
    assert _status_in_db(wordpress, own) == "1"
    assert _status_in_db(wordpress, other) == "0"


def test_hold_list_needs_moderation_rights(wordpress: WpEnv, client: httpx.Client) -> None:
    fresh = wp_add_comment(wordpress, _open_post(wordpress), f"Held {uuid.uuid4()}", status="0")
    params = {"status": "hold", "context": "edit", "per_page": 100}
    assert client.get("/wp-json/wp/v2/comments", params=params).status_code == 401
    resp = client.get("/wp-json/wp/v2/comments", params=params, auth=_editor(wordpress))
    assert resp.status_code == 200
    held = {c["id"] for c in resp.json()}
    in_db = {int(r[0]) for r in wp_db_query(
        wordpress, "SELECT comment_ID FROM wp_comments WHERE comment_approved = '0'")}
    assert held == in_db
    assert fresh in held
    assert int(resp.headers["X-WP-Total"]) == len(in_db)
    assert {c["status"] for c in resp.json()} == {"hold"}


# ---- writes ---------------------------------------------------------------------------------

def test_reply_with_parent_then_duplicate_is_409(wordpress: WpEnv, client: httpx.Client) -> None:
    question = wp_add_comment(wordpress, _open_post(wordpress), f"Question {uuid.uuid4()}?")
    content = f"Answer {uuid.uuid4()}"
    body = {"post": _open_post(wordpress), "parent": question, "content": content}
    first = client.post("/wp-json/wp/v2/comments", auth=_editor(wordpress), json=body)
    assert first.status_code == 201, first.text
    reply = first.json()
    assert reply["parent"] == question
    assert reply["author"] == wordpress.users["editor1"].id
    assert reply["status"] == "approved"  # moderators skip the queue

    again = client.post("/wp-json/wp/v2/comments", auth=_editor(wordpress), json=body)
    assert again.status_code == 409
    assert again.json()["code"] == "comment_duplicate"
    count = wp_db_query(wordpress, "SELECT COUNT(*) FROM wp_comments WHERE comment_content = "
                        f"'{content}'")
    assert count == [("1",)]


def test_status_round_trip(wordpress: WpEnv, client: httpx.Client) -> None:
    cid = wp_add_comment(wordpress, _open_post(wordpress), f"Moderate me {uuid.uuid4()}",
                         status="0")
    steps = [("approve", "approved", "1"), ("hold", "hold", "0"), ("spam", "spam", "spam"),
             ("unspam", "hold", "0"), ("approved", "approved", "1"), ("trash", "trash", "trash"),
             ("untrash", "approved", "1")]  # untrash restores the status from before the trash
    for sent, shown, stored in steps:
        resp = client.post(f"/wp-json/wp/v2/comments/{cid}", auth=_editor(wordpress),
                           json={"status": sent})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == shown, sent
        assert _status_in_db(wordpress, cid) == stored, sent


def test_unknown_status_is_200_and_changes_nothing(wordpress: WpEnv,
                                                   client: httpx.Client) -> None:
    cid = wp_add_comment(wordpress, _open_post(wordpress), f"Keep me {uuid.uuid4()}", status="0")
    resp = client.post(f"/wp-json/wp/v2/comments/{cid}", auth=_editor(wordpress),
                       json={"status": "published"})
    assert resp.status_code == 200
    assert resp.json()["status"] == "hold"
    assert _status_in_db(wordpress, cid) == "0"


def test_delete_twice_is_410_and_force_purges(wordpress: WpEnv, client: httpx.Client) -> None:
    cid = wp_add_comment(wordpress, _open_post(wordpress), f"Delete me {uuid.uuid4()}")
    url = f"/wp-json/wp/v2/comments/{cid}"
    first = client.delete(url, auth=_editor(wordpress))
    assert first.status_code == 200 and first.json()["status"] == "trash"
    second = client.delete(url, auth=_editor(wordpress))
    assert second.status_code == 410
    assert second.json()["code"] == "rest_already_trashed"
    forced = client.delete(url, params={"force": "true"}, auth=_editor(wordpress))
    assert forced.status_code == 200 and forced.json()["deleted"] is True
    gone = client.get(url, params={"context": "edit"}, auth=_editor(wordpress))
    assert gone.status_code == 404 and gone.json()["code"] == "rest_comment_invalid_id"
    assert _status_in_db(wordpress, cid) is None


def test_direct_changes_are_visible_over_rest(wordpress: WpEnv, client: httpx.Client) -> None:
    cid = wp_add_comment(wordpress, _open_post(wordpress), f"Edit me {uuid.uuid4()}")
    wp_php(wordpress, f"wp_set_comment_status({cid}, 'spam');"
                      f"wp_update_comment(['comment_ID' => {cid}, 'comment_content' => 'edited']);")
    resp = client.get(f"/wp-json/wp/v2/comments/{cid}", params={"context": "edit"},
                      auth=_editor(wordpress))
    assert resp.json()["status"] == "spam"
    assert resp.json()["content"]["raw"] == "edited"


# ---- incremental sync -----------------------------------------------------------------------

def test_after_with_z_is_exclusive_and_without_z_is_site_local(wordpress: WpEnv,
                                                               client: httpx.Client) -> None:
    # A comment at a known second, later than every seeded one (those are >= 1 h old).
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
    cid = wp_add_comment(wordpress, _open_post(wordpress), f"Cursor {uuid.uuid4()}",
                         date_gmt=at.strftime("%Y-%m-%d %H:%M:%S"))
    stamp = at.strftime("%Y-%m-%dT%H:%M:%S")

    def ids_after(value: str) -> set[int]:
        resp = client.get("/wp-json/wp/v2/comments", auth=_editor(wordpress), params={
            "after": value, "context": "edit", "status": "all", "per_page": 100,
            "orderby": "date_gmt", "order": "asc", "_fields": "id"})
        assert resp.status_code == 200, resp.text
        return {c["id"] for c in resp.json()}

    assert cid not in ids_after(stamp + "Z")  # exclusive: same second is not "after"
    assert cid in ids_after((at - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S") + "Z")
    # Without an offset the value is compared with the site-local date (Oslo is ahead of UTC).
    assert cid in ids_after(stamp)


# ---- nothing but loopback -------------------------------------------------------------------

def _listening(pid: int) -> list[tuple[str, int]]:
    """(address, port) of the TCP sockets PID listens on, from /proc (IPv4 and IPv6)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] != "0A" or cols[9] not in inodes:  # 0A = LISTEN
                continue
            addr_hex, port_hex = cols[1].split(":")
            raw = bytes.fromhex(addr_hex)
            # /proc prints the address as 32-bit words in host (little-endian) order.
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, width, 4))
            found.append((str(ipaddress.ip_address(raw)), int(port_hex, 16)))
    return found


def test_only_loopback_is_listening(wordpress: WpEnv) -> None:
    assert _listening(wordpress.pids["php"]) == [("127.0.0.1", wordpress.port)]
    assert _listening(wordpress.pids["mariadbd"]) == []
    assert wordpress.socket.is_socket()
