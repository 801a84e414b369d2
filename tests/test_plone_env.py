"""The real Plone of tests/plone_env.py: bound to 127.0.0.1 only, seeded, and the moderation
form's CSRF trap (a 302 either way; without the token nothing happens)."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

import pytest
from plone_env import PloneEnv, plonenv  # the fixture: conftest

pytestmark = pytest.mark.plone


def _listening(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every listening TCP socket the process holds."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    out = []
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            cols = line.split()
            local, state, inode = cols[1], cols[3], cols[9]
            if state != "0A" or inode not in inodes:  # 0A = LISTEN
                continue
            addr_hex, port_hex = local.split(":")
            assert len(addr_hex) == width
            if table == "tcp":
                addr = ".".join(str(int(addr_hex[i:i + 2], 16)) for i in (6, 4, 2, 0))
            else:
                addr = addr_hex
            out.append((addr, int(port_hex, 16)))
    return out


def test_listens_on_loopback_only(plone: PloneEnv) -> None:
    sockets = _listening(plone.pid)
    assert sockets == [("127.0.0.1", plone.port)]
    status, _, doc = plonenv.api(plone, "GET", plone.url, None)
    assert status == 200 and doc["@type"] == "Plone Site"


def test_seed_is_there_by_state(plone: PloneEnv) -> None:
    seeded = plone.seed["comments"]
    assert set(plone.seed["counts"]) == {"published", "pending", "rejected", "spam"}
    assert all(plone.seed["counts"][s] > 0 for s in plone.seed["counts"])
    assert plone.seed["hostile"] >= 3
    hits = plonenv.search(plone, "admin", portal_type="Discussion Item",
                          metadata_fields="review_state")
    ids = {h["@id"].rsplit("/", 1)[1]: h["review_state"] for h in hits}
    mine = {c["id"]: c["state"] for c in seeded}
    assert {k: ids[k] for k in mine} == mine  # every seeded comment, in its seeded state
    counts = Counter(mine.values())
    assert counts == Counter(plone.seed["counts"])
    # Threads: replies point at published comments of the same item.
    replies = [c for c in seeded if c["parent"]]
    assert replies and all(mine[c["parent"]] == "published" for c in replies)
    # Areas and posts: folders holding Documents and News Items with discussion allowed.
    posts = plonenv.search(plone, None, portal_type=["Document", "News Item"])
    assert {p["@id"].split("/Plone/", 1)[1] for p in posts} >= \
        {p["path"] for p in plone.seed["posts"]}
    assert len(plone.seed["areas"]) == 3


def test_hostile_bodies_are_stored_verbatim(plone: PloneEnv) -> None:
    hostile = [c for c in plone.seed["comments"] if "<" in c["text"]]
    assert hostile
    c = hostile[0]
    items = plonenv.list_comments(plone, c["path"], "admin")
    (item,) = [i for i in items if i["comment_id"] == c["id"]]
    # Plain text comments: the raw markup comes back as data, never rendered by Plone.
    assert item["text"] == {"data": c["text"], "mime-type": "text/plain"}


def test_users_and_roles(plone: PloneEnv) -> None:
    for login in ("siteadmin", "reviewer1", "editor1", "member1"):
        status, _, doc = plonenv.api(plone, "POST", f"{plone.url}/@login", None, body={
            "login": login, "password": plone.users[login].password})
        assert status == 200 and doc["token"].count(".") == 2
        _, _, me = plonenv.api(plone, "GET", f"{plone.url}/@users/{login}", login)
        assert set(me["roles"]) == set(plone.users[login].roles)


def _state(plone: PloneEnv, path: str, cid: str) -> str:
    hits = plonenv.search(plone, "admin", portal_type="Discussion Item",
                          path=f"/Plone/{path}/++conversation++default/{cid}",
                          metadata_fields="review_state")
    (hit,) = hits
    return str(hit["review_state"])


def test_moderation_form_needs_the_csrf_token(plone: PloneEnv) -> None:
    path = plone.seed["posts"][0]["path"]
    text = f"Pending question {uuid.uuid4()}"
    plonenv.api(plone, "POST", f"{plone.url}/{path}/@comments", "member2", body={"text": text})
    (item,) = [i for i in plonenv.list_comments(plone, path, "reviewer1")
               if i["text"]["data"] == text]
    cid = item["comment_id"]
    assert _state(plone, path, cid) == "pending"
    # The trap: no token, the same 302 as success, and the change is rolled back.
    assert plonenv.moderate(plone, path, cid, "publish", "reviewer1", None) == 302
    assert _state(plone, path, cid) == "pending"
    assert plonenv.moderate(plone, path, cid, "publish", "reviewer1", "not-the-token") == 302
    assert _state(plone, path, cid) == "pending"
    token = plonenv.csrf_token(plone, "reviewer1")
    assert plonenv.moderate(plone, path, cid, "publish", "reviewer1", token) == 302
    assert _state(plone, path, cid) == "published"
    # Anonymous @search shows what is published, hides pending.
    anon = {h["@id"].rsplit("/", 1)[1] for h in plonenv.search(
        plone, None, portal_type="Discussion Item")}
    assert cid in anon
    pending = [c["id"] for c in plone.seed["comments"] if c["state"] == "pending"]
    assert pending and not anon & set(pending)


def test_a_member_cannot_moderate(plone: PloneEnv) -> None:
    pending = next(c for c in plone.seed["comments"] if c["state"] == "pending")
    token = plonenv.csrf_token(plone, "member1")
    with pytest.raises(plonenv.PloneEnvError):
        plonenv.moderate(plone, pending["path"], pending["id"], "publish", "member1", token)
    assert _state(plone, pending["path"], pending["id"]) == "pending"
