"""The demo intranet against the reference protocol: real server processes on 127.0.0.1."""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import yaml

from desktop.demo import activity, api, generator, schema, server
from desktop.demo.process import DemoServerProcess
from desktop.demo.store import DemoStore
from desktop.models.timefmt import iso_z, parse_iso

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServerProcess]:
    data = tmp_path_factory.mktemp("demo") / "demo.db"
    with DemoServerProcess(data, seed=3, size=400, rate=0) as process:
        yield process


@pytest.fixture(scope="module")
def client(demo: DemoServerProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{demo.url}/api/v1", timeout=10) as http:
        yield http


def auth(demo: DemoServerProcess, user: str, key: str | None = None,
         **extra: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {demo.tokens[user]}", **extra}
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def read_db(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def find(db_path: Path, sql: str, *params: Any) -> Any:
    with read_db(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def all_changes(client: httpx.Client, headers: dict[str, str], cursor: str | None = None,
                limit: int = 500) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        page = client.get("/changes", params=params, headers=headers).json()
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes


# -- generator ------------------------------------------------------------------------------

def _dump(path: Path) -> list[tuple[str, list[tuple]]]:
    with read_db(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()) for t in tables]


PINNED = "2026-11-20T12:00:00Z"


def _generate(path: Path, seed: int, comments: int,
              reference_time: str | None = PINNED) -> generator.Stats:
    conn = schema.connect(str(path))
    try:
        return generator.generate(conn, seed=seed, comments=comments,
                                  reference_time=reference_time)
    finally:
        conn.close()


_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _shifted(dump: list[tuple[str, list[tuple]]], seconds: int) -> list[tuple[str, list[tuple]]]:
    """The dump with every timestamp moved by ``seconds`` (and the meta row naming it)."""
    def move(value: Any) -> Any:
        if isinstance(value, str) and _STAMP.match(value):
            return iso_z(parse_iso(value) + seconds)
        return value
    return [(table, [tuple(move(v) for v in row) for row in rows]) for table, rows in dump]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    _generate(tmp_path / "a.db", seed=5, comments=3000)
    _generate(tmp_path / "b.db", seed=5, comments=3000)
    _generate(tmp_path / "c.db", seed=6, comments=3000)
    first = _dump(tmp_path / "a.db")
    assert first == _dump(tmp_path / "b.db")
    assert first != _dump(tmp_path / "c.db")
    # the same seed later: the same data, every time shifted by the same amount
    _generate(tmp_path / "d.db", seed=5, comments=3000, reference_time="2027-03-01T08:30:00Z")
    later = _dump(tmp_path / "d.db")
    assert later != first
    assert _shifted(first, int(parse_iso("2027-03-01T08:30:00Z") - parse_iso(PINNED))) == later


def test_times_hang_on_the_start(tmp_path: Path) -> None:
    before = time.time()
    _generate(tmp_path / "now.db", seed=1, comments=500, reference_time=None)
    [(newest, oldest)] = find(tmp_path / "now.db",
                              "SELECT MAX(created_at), MIN(created_at) FROM comments")
    assert before - 6 * 3600 < parse_iso(newest) <= time.time()
    assert parse_iso(oldest) > before - 75 * 86400
    [(reference,)] = find(tmp_path / "now.db", "SELECT value FROM meta WHERE key = ?",
                          "reference_time")
    assert abs(parse_iso(reference) - before) < 60


def test_no_thread_repeats_a_comment(tmp_path: Path) -> None:
    _generate(tmp_path / "m.db", seed=3, comments=generator.SIZES["medium"])
    [(threads,)] = find(tmp_path / "m.db", "SELECT COUNT(DISTINCT post_id) FROM comments")
    repeats = find(tmp_path / "m.db", "SELECT post_id, body_html, COUNT(*) FROM comments"
                   " GROUP BY post_id, body_html HAVING COUNT(*) > 1")
    assert threads > 50 and not repeats
    [(biggest,)] = find(tmp_path / "m.db", "SELECT MAX(n) FROM (SELECT COUNT(*) AS n"
                        " FROM comments GROUP BY post_id)")
    assert biggest > 200  # a thread long enough that plain templates would repeat


def test_leaders_and_views(tmp_path: Path) -> None:
    _generate(tmp_path / "l.db", seed=2, comments=3000)
    db = tmp_path / "l.db"
    leaders = find(db, "SELECT id, role FROM users WHERE leader = 1")
    assert 3 <= len(leaders) <= 40 and {role for _, role in leaders} == {"editor"}
    ids = [uid for uid, _ in leaders]
    q = ",".join("?" * len(ids))
    assert find(db, f"SELECT COUNT(*) FROM posts WHERE author_id IN ({q})", *ids)[0][0] > 0
    assert find(db, f"SELECT COUNT(*) FROM comments WHERE author_id IN ({q})", *ids)[0][0] > 0
    [(low, high, posts)] = find(db, "SELECT MIN(views), MAX(views), COUNT(*) FROM posts")
    assert 0 < low < high and posts == 30


def test_generated_data_looks_like_an_intranet(tmp_path: Path) -> None:
    stats = _generate(tmp_path / "d.db", seed=1, comments=5000)
    db = tmp_path / "d.db"
    assert 4900 <= stats.comments <= 5000
    roles = dict(find(db, "SELECT username, role FROM users WHERE id <= 5"))
    assert roles == {"admin": "admin", "mona": "moderator", "erik": "editor",
                     "anna": "ambassador", "kari": "employee"}
    # stored as JSON text (its spacing is the demo's own business; the API sends a list)
    [(areas,)] = find(db, "SELECT areas FROM users WHERE username = 'anna'")
    assert orjson.loads(areas) == ["1", "2"]
    statuses = dict(find(db, "SELECT status, COUNT(*) FROM comments GROUP BY status"))
    assert 0 < statuses["held"] / stats.comments < 0.01  # a few, not a backlog
    assert statuses["hidden"] and statuses["deleted"] and statuses["spam"]
    flagged = find(db, "SELECT COUNT(DISTINCT comment_id) FROM flags")[0][0]
    assert 0.004 < flagged / stats.comments < 0.03
    bodies = " ".join(r[0] for r in find(db, "SELECT body_html FROM comments"))
    for needle in ("@erik", "Danke", "Takk", "Thanks", "?</p>", "<a href=", "!!!", "http://"):
        assert needle in bodies
    # Staff answer questions, and threads nest at most four levels deep.
    answered = find(db, "SELECT COUNT(*) FROM comments c JOIN comments q ON q.id = c.parent_id"
                        " WHERE c.author_id IN (2, 3, 4) AND q.body_html LIKE '%?</p>'")[0][0]
    assert answered > 20
    depth = find(db, "WITH RECURSIVE d(id, n) AS (SELECT id, 1 FROM comments WHERE parent_id IS"
                     " NULL UNION ALL SELECT c.id, d.n + 1 FROM comments c JOIN d ON"
                     " c.parent_id = d.id) SELECT MAX(n) FROM d")[0][0]
    assert depth == 4
    spread = find(db, "SELECT MIN(created_at), MAX(created_at) FROM comments")[0]
    assert spread[0] >= "2026-09-21" and spread[1] <= PINNED
    # the team worked its history: what still waits for a moderator is from the last days
    [(waiting,)] = find(db, "SELECT MIN(created_at) FROM comments WHERE status = 'held'")
    assert waiting >= "2026-11-18"
    open_flags = find(db, "SELECT COUNT(DISTINCT comment_id) FROM flags"
                          " WHERE cleared_at IS NULL")[0][0]
    assert 0 < open_flags < 0.01 * stats.comments


def test_refused_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generator.parse_size("medium") == 10_000
    assert generator.parse_size("250000") == 250_000
    with pytest.raises(ValueError):
        generator.parse_size("2000000")
    parser = argparse.ArgumentParser()
    server.add_arguments(parser)
    assert server.run_from_args(parser.parse_args(["--host", "0.0.0.0"])) == 2
    assert "loopback" in capsys.readouterr().err
    # A --data file that is some other database is left alone.
    other = tmp_path / "cache.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE comments(id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO comments(body) VALUES ('precious')")
    conn.close()
    assert server.run_from_args(parser.parse_args(["--data", str(other)])) == 2
    assert "not a demo intranet data file" in capsys.readouterr().err
    assert find(other, "SELECT body FROM comments") == [("precious",)]


# -- reading --------------------------------------------------------------------------------

def test_me_and_errors(demo: DemoServerProcess, client: httpx.Client) -> None:
    me = client.get("/me", headers=auth(demo, "anna")).json()
    assert me["user"]["username"] == "anna" and me["user"]["areas"] == ["1", "2"]
    assert "approve" in me["capabilities"] and me["server"]["protocol"] == 1
    assert me["server"]["site_url"] == demo.url
    assert client.get("/me", headers=auth(demo, "kari")).json()["capabilities"] == [
        "reply", "like", "claim"]
    missing = client.get("/me")
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "unauthorized"
    assert client.get("/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    gone = client.get("/comments/999999", headers=auth(demo, "kari"))
    assert gone.status_code == 404
    assert gone.json() == {"error": {"code": "not_found",
                                     "message": "Comment 999999 does not exist"}}
    bad_json = client.post("/posts/1/comments", content=b"{nope",
                           headers={**auth(demo, "kari"), "Content-Type": "application/json"})
    assert bad_json.status_code == 400 and bad_json.json()["error"]["code"] == "bad_request"
    assert client.get("/changes", params={"limit": 0},
                      headers=auth(demo, "kari")).status_code == 400


def test_user_search(demo: DemoServerProcess, client: httpx.Client) -> None:
    users = client.get("/users", params={"search": "ER"}, headers=auth(demo, "kari")).json()
    assert "erik" in [u["username"] for u in users["users"]]
    by_name = client.get("/users", params={"search": "mona lind"},
                         headers=auth(demo, "kari")).json()["users"]
    assert [u["username"] for u in by_name] == ["mona"]
    assert set(by_name[0]) == {"id", "username", "display_name", "role", "areas", "version",
                               "leader"}
    assert by_name[0]["leader"] is False


def test_change_feed_pages_in_seq_order(demo: DemoServerProcess, client: httpx.Client) -> None:
    headers = auth(demo, "mona")
    seen: set[tuple[str, str]] = set()
    seqs: list[int] = []
    cursor = None
    first = client.get("/changes", params={"limit": 1}, headers=headers).json()
    total = len(first["changes"]) + first["remaining"]
    while True:
        params = {"limit": 97} if cursor is None else {"limit": 97, "cursor": cursor}
        page = client.get("/changes", params=params, headers=headers).json()
        for change in page["changes"]:
            data = change["data"]
            key = (change["type"], data["id"])
            assert key not in seen, "an entity appears twice"
            # Parents come first: a post's area and author, a comment's post and parent.
            if change["type"] == "post":
                assert ("area", data["area_id"]) in seen and ("user", data["author_id"]) in seen
            if change["type"] == "comment":
                assert ("post", data["post_id"]) in seen
                assert data["parent_id"] is None or ("comment", data["parent_id"]) in seen
            seen.add(key)
            seqs.append(change["seq"])
        assert page["cursor"] == str(seqs[-1])
        assert page["remaining"] == total - len(seqs)
        assert page["has_more"] == (page["remaining"] > 0)
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seqs == sorted(seqs) and len(seqs) == total
    assert {"area", "user", "post", "comment"} <= {t for t, _ in seen}

    # A comment changed twice after the cursor comes once, in its latest state.
    comment = next(c for t, c in seen if t == "comment")
    client.put(f"/comments/{comment}/like", headers=auth(demo, "kari"))
    client.put(f"/comments/{comment}/like", headers=auth(demo, "erik"))
    after = client.get("/changes", params={"cursor": cursor}, headers=headers).json()
    assert [c["data"]["id"] for c in after["changes"]] == [comment]
    latest = client.get(f"/comments/{comment}", headers=headers)
    assert after["changes"][0]["data"] == latest.json()
    assert latest.headers["etag"] == f'"{latest.json()["version"]}"'
    assert after["remaining"] == 0 and after["has_more"] is False
    empty = client.get("/changes", params={"cursor": after["cursor"]}, headers=headers).json()
    assert empty == {"changes": [], "cursor": after["cursor"], "has_more": False, "remaining": 0}


def test_tombstones_after_hard_delete(demo: DemoServerProcess, client: httpx.Client) -> None:
    headers = auth(demo, "mona")
    parent = client.post("/posts/2/comments", json={"body": "to be purged"},
                         headers=headers).json()
    child = client.post("/posts/2/comments", json={"body": "reply", "parent_id": parent["id"]},
                        headers=headers).json()
    cursor = client.get("/changes", params={"cursor": "0", "limit": 1},
                        headers=headers).json()["cursor"]
    store = DemoStore(demo.data)  # a second writer on the live file, as a tool would be
    try:
        removed = store.hard_delete("comment", int(parent["id"]))
    finally:
        store.close()
    assert sorted(removed) == sorted([("comment", int(parent["id"])),
                                      ("comment", int(child["id"]))])
    assert client.get(f"/comments/{child['id']}", headers=headers).status_code == 404
    changes = all_changes(client, headers, cursor)
    tombstones = [c["data"] for c in changes if c["type"] == "tombstone"]
    assert {(t["entity"], t["id"]) for t in tombstones} >= {("comment", parent["id"]),
                                                            ("comment", child["id"])}
    assert not [c for c in changes if c["type"] == "comment"
                and c["data"]["id"] in (parent["id"], child["id"])]
    # Ids are never handed out again.
    again = client.post("/posts/2/comments", json={"body": "new"}, headers=headers).json()
    assert int(again["id"]) > int(child["id"])


# -- writing --------------------------------------------------------------------------------

def test_reply_is_escaped_html(demo: DemoServerProcess, client: httpx.Client) -> None:
    body = "Hi @erik, <script>alert(1)</script>\nline two\n\nA & B"
    response = client.post("/posts/3/comments", json={"body": body},
                           headers=auth(demo, "kari"))
    assert response.status_code == 201
    comment = response.json()
    assert comment["body_html"] == ("<p>Hi @erik, &lt;script&gt;alert(1)&lt;/script&gt;"
                                    "<br>line two</p><p>A &amp; B</p>")
    assert comment["author_id"] == "5" and comment["status"] == "published"
    assert comment["url"] == f"{demo.url}/posts/3#comment-{comment['id']}"
    page = httpx.get(comment["url"].split("#")[0])
    assert page.status_code == 200 and f'id="comment-{comment["id"]}"' in page.text
    assert "<script>" not in page.text
    other_post = client.get("/changes", params={"limit": 1000}, headers=auth(demo, "kari"))
    foreign = next(c["data"]["id"] for c in other_post.json()["changes"]
                   if c["type"] == "comment" and c["data"]["post_id"] != "3")
    wrong_parent = client.post("/posts/3/comments", json={"body": "x", "parent_id": foreign},
                               headers=auth(demo, "kari"))
    assert wrong_parent.status_code == 422 and wrong_parent.json()["error"]["code"] == "invalid"


def test_idempotent_replay(demo: DemoServerProcess, client: httpx.Client) -> None:
    key = str(uuid.uuid4())
    body = f"exactly once {key}"
    first = client.post("/posts/4/comments", json={"body": body}, headers=auth(demo, "kari", key))
    second = client.post("/posts/4/comments", json={"body": body},
                         headers=auth(demo, "kari", key))
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert find(demo.data, "SELECT COUNT(*) FROM comments WHERE body_html = ?",
                f"<p>{body}</p>") == [(1,)]
    assert find(demo.data, "SELECT COUNT(*), MIN(status) FROM idempotency WHERE key = ?",
                key) == [(1, 201)]
    # The same key from another user is that user's own key.
    other = client.post("/posts/4/comments", json={"body": body}, headers=auth(demo, "erik", key))
    assert other.status_code == 201 and "idempotent-replayed" not in other.headers

    reused = client.post("/posts/5/comments", json={"body": body},
                         headers=auth(demo, "kari", key))
    assert reused.status_code == 422 and reused.json()["error"]["code"] == "invalid"
    like = client.put(f"/comments/{first.json()['id']}/like", headers=auth(demo, "kari", key))
    assert like.status_code == 422
    assert find(demo.data, "SELECT COUNT(*) FROM comments WHERE body_html = ?",
                f"<p>{body}</p>") == [(2,)]


def test_if_match(demo: DemoServerProcess, client: httpx.Client) -> None:
    created = client.post("/posts/6/comments", json={"body": "etag me"},
                          headers=auth(demo, "kari")).json()
    url = f"/comments/{created['id']}/moderation"
    etag = client.get(f"/comments/{created['id']}", headers=auth(demo, "mona")).headers["etag"]
    stale = client.post(url, json={"action": "hide"},
                        headers=auth(demo, "mona", **{"If-Match": '"not-it"'}))
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    assert stale.json()["current"] == created
    hidden = client.post(url, json={"action": "hide"},
                         headers=auth(demo, "mona", **{"If-Match": etag}))
    assert hidden.status_code == 200 and hidden.json()["status"] == "hidden"
    assert hidden.json()["version"] != created["version"]
    again = client.post(url, json={"action": "hide"}, headers=auth(demo, "mona"))
    assert again.json()["version"] == hidden.json()["version"], "no change, no new version"
    late = client.post(url, json={"action": "restore"},
                       headers=auth(demo, "mona", **{"If-Match": etag}))
    assert late.status_code == 412 and late.json()["current"]["status"] == "hidden"


def test_permissions(demo: DemoServerProcess, client: httpx.Client) -> None:
    posts = {c["data"]["id"]: c["data"] for c in all_changes(client, auth(demo, "mona"))
             if c["type"] == "post" and not c["data"]["locked"]}
    in_anna = next(p for p in posts.values() if p["area_id"] in ("1", "2"))
    outside = next(p for p in posts.values() if p["area_id"] not in ("1", "2")
                   and p["author_id"] != "3")
    by_erik = next(p for p in posts.values() if p["author_id"] == "3")

    def comment_on(post: dict[str, Any]) -> str:
        return client.post(f"/posts/{post['id']}/comments", json={"body": "moderate me"},
                           headers=auth(demo, "admin")).json()["id"]

    def moderate(user: str, comment: str) -> int:
        return client.post(f"/comments/{comment}/moderation", json={"action": "spam"},
                           headers=auth(demo, user)).status_code

    target = comment_on(outside)
    denied = client.post(f"/comments/{target}/moderation", json={"action": "hide"},
                         headers=auth(demo, "kari"))
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    assert moderate("anna", target) == 403 and moderate("erik", target) == 403
    assert moderate("mona", target) == 200
    assert moderate("anna", comment_on(in_anna)) == 200
    assert moderate("erik", comment_on(by_erik)) == 200
    lock = client.post(f"/posts/{outside['id']}/moderation", json={"action": "lock"},
                       headers=auth(demo, "kari"))
    assert lock.status_code == 403
    bad = client.post(f"/comments/{target}/moderation", json={"action": "explode"},
                      headers=auth(demo, "mona"))
    assert bad.status_code == 422


def test_locked_post(demo: DemoServerProcess, client: httpx.Client) -> None:
    post = client.get("/posts/7", headers=auth(demo, "mona")).json()
    locked = client.post("/posts/7/moderation", json={"action": "lock"},
                         headers=auth(demo, "mona", str(uuid.uuid4())))
    assert locked.status_code == 200 and locked.json()["locked"] is True
    assert locked.json()["version"] != post["version"] or post["locked"]
    # The locked post moved to the end of the feed; its comments moved behind it.
    order = [(c["type"], c["data"]["id"], c["data"].get("post_id"))
             for c in all_changes(client, auth(demo, "mona"))]
    position = order.index(("post", "7", None))
    assert [o for o in order[:position] if o[2] == "7"] == []
    assert [o for o in order[position:] if o[2] == "7"]
    refused = client.post("/posts/7/comments", json={"body": "too late"},
                          headers=auth(demo, "kari"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "locked"
    client.post("/posts/7/moderation", json={"action": "unlock"}, headers=auth(demo, "mona"))
    assert client.post("/posts/7/comments", json={"body": "open again"},
                       headers=auth(demo, "kari")).status_code == 201


def test_like_and_unlike(demo: DemoServerProcess, client: httpx.Client) -> None:
    comment = client.post("/posts/8/comments", json={"body": "like me"},
                          headers=auth(demo, "erik")).json()
    liked = client.put(f"/comments/{comment['id']}/like", headers=auth(demo, "kari")).json()
    assert liked["liked_by"] == ["5"] and liked["like_count"] == 1
    twice = client.put(f"/comments/{comment['id']}/like", headers=auth(demo, "kari")).json()
    assert twice["version"] == liked["version"]
    assert liked["updated_at"] > comment["updated_at"]
    unliked = client.delete(f"/comments/{comment['id']}/like", headers=auth(demo, "kari")).json()
    assert unliked["like_count"] == 0 and unliked["version"] != liked["version"]


def test_openapi_lists_every_route(demo: DemoServerProcess, client: httpx.Client) -> None:
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    spec = yaml.safe_load(response.text)
    assert spec["openapi"].startswith("3.0")
    served = {(route.path, method.lower()) for route in api.ROUTES
              for method in route.methods or () if method != "HEAD"}
    documented = {(path, method) for path, item in spec["paths"].items() for method in item
                  if method in ("get", "put", "post", "delete", "patch")}
    assert served == documented
    for name in ("Area", "User", "Post", "Comment", "Tombstone", "ChangePage", "Error"):
        assert name in spec["components"]["schemas"]
    assert {"Idempotency-Key", "If-Match"} <= {
        p["name"] for p in spec["components"]["parameters"].values()}


# -- limits, persistence, activity ----------------------------------------------------------

def test_rate_limit(tmp_path: Path) -> None:
    with DemoServerProcess(tmp_path / "rate.db", size=50, rate=2) as demo, \
            httpx.Client(base_url=f"{demo.url}/api/v1") as http:
        answers = [http.get("/me", headers=auth(demo, "kari")) for _ in range(8)]
        limited = [r for r in answers if r.status_code == 429]
        assert limited and answers[0].status_code == 200
        assert limited[0].json()["error"]["code"] == "rate_limited"
        assert int(limited[0].headers["retry-after"]) >= 1
        # Another token has its own budget.
        assert http.get("/me", headers=auth(demo, "erik")).status_code == 200


def test_state_survives_restart(tmp_path: Path) -> None:
    data = tmp_path / "keep.db"
    with DemoServerProcess(data, size=100, rate=0) as demo:
        tokens, port = demo.tokens, demo.port
        created = httpx.post(f"{demo.url}/api/v1/posts/1/comments", json={"body": "persisted"},
                             headers=auth(demo, "kari", "restart-key"))
        assert created.status_code == 201
        assert demo.stop() == 0
        demo.restart()
        assert demo.tokens == tokens and demo.port == port
        again = httpx.get(f"{demo.url}/api/v1/comments/{created.json()['id']}",
                          headers=auth(demo, "kari"))
        assert again.status_code == 200 and again.json()["body_html"] == "<p>persisted</p>"
        replay = httpx.post(f"{demo.url}/api/v1/posts/1/comments", json={"body": "persisted"},
                            headers=auth(demo, "kari", "restart-key"))
        assert replay.headers["idempotent-replayed"] == "true"
        demo.kill()  # a crash keeps the state too (WAL)
        demo.start()
        assert httpx.get(f"{demo.url}/api/v1/me", headers=auth(demo, "kari")).status_code == 200
    assert find(data, "SELECT COUNT(*) FROM comments WHERE body_html = '<p>persisted</p>'") == [
        (1,)]


def test_activity_adds_comments_and_flags(tmp_path: Path) -> None:
    store = DemoStore(tmp_path / "live.db")
    try:
        store.populate(seed=2, comments=200)
        before = store.changes(0, 1)["remaining"] + 1
        rng = random.Random(4)
        kinds = [kind for _ in range(40) for kind in store.transaction(
            lambda tx: activity.step(tx, rng))]
        assert {"question", "mention", "first_time", "staff_reply", "flag"} <= set(kinds)
        page = store.changes(0, 1000)
        assert len(page["changes"]) >= before  # new users and comments, flagged ones moved
        assert page["changes"][-1]["seq"] > before
    finally:
        store.close()


def test_feed_serves_leaders_and_views(demo: DemoServerProcess, client: httpx.Client) -> None:
    changes = all_changes(client, auth(demo, "kari"))
    users = [c["data"] for c in changes if c["type"] == "user"]
    posts = [c["data"] for c in changes if c["type"] == "post"]
    assert all(isinstance(u["leader"], bool) for u in users)
    assert any(u["leader"] for u in users) and not all(u["leader"] for u in users)
    assert all(isinstance(p["views"], int) and p["views"] >= 0 for p in posts)
    one = client.get(f"/posts/{posts[0]['id']}", headers=auth(demo, "kari")).json()
    assert one["views"] == posts[0]["views"]


def test_an_older_data_file_is_upgraded(tmp_path: Path) -> None:
    data = tmp_path / "old.db"
    _generate(data, seed=4, comments=200)
    with sqlite3.connect(data) as conn:  # what a version 1 file looks like
        conn.execute("ALTER TABLE users DROP COLUMN leader")
        conn.execute("ALTER TABLE posts DROP COLUMN views")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    store = DemoStore(data)
    try:
        assert store.user(3)["leader"] is False
        assert store.post(1)["views"] == 0
    finally:
        store.close()
    assert find(data, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(schema.SCHEMA_VERSION),)]
