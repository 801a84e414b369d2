"""Who is on it (issue 15 §5): claims on the demo server, in the reference connector, in the
cache and through the command line, with two real profiles against one real demo intranet."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import pytest
from demo_data import cli, cli_json, count, server_id

from desktop.services.connectors.base import ClaimTaken
from desktop.services.connectors.reference import ReferenceConnector, parse_changes


def _client(server, user: str) -> httpx.Client:
    return httpx.Client(base_url=server.url + "/api/v1",
                        headers={"Authorization": "Bearer " + server.tokens[user]})


def _fresh_comment(server) -> str:
    """A comment of its own (tests share the session's server): a new top-level reply."""
    with _client(server, "admin") as admin:
        r = admin.post("posts/1/comments", json={"body": f"Claim me {uuid.uuid4()}"})
        assert r.status_code == 201, r.text
        return r.json()["id"]


def _claims_in_feed(client: httpx.Client, comment: str) -> list[dict]:
    cursor, seen = None, []
    while True:
        params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
        page = client.get("changes", params=params).json()
        seen += [c["data"] for c in page["changes"]
                 if c["type"] == "claim" and c["data"]["comment_id"] == comment]
        cursor = page["cursor"]
        if not page["has_more"]:
            return seen


# -- the demo server's API ------------------------------------------------------------------

def test_claim_renew_conflict_release_and_reply(demo_server):
    comment = _fresh_comment(demo_server)
    with _client(demo_server, "kari") as kari, _client(demo_server, "erik") as erik:
        first = kari.post(f"comments/{comment}/claim")
        assert first.status_code == 200
        claim = first.json()["claim"]
        assert claim["user"]["display_name"] == "Kari Nordmann"
        assert 590 <= claim["expires_in"] <= 600
        again = kari.post(f"comments/{comment}/claim")  # a retry renews, nothing doubles
        assert again.status_code == 200 and again.json()["claim"]["user"] == claim["user"]
        taken = erik.post(f"comments/{comment}/claim")
        assert taken.status_code == 409
        assert taken.json()["error"]["code"] == "claimed"
        assert taken.json()["claim"]["user"]["display_name"] == "Kari Nordmann"
        # only the holder releases; the claim is still Kari's
        assert erik.delete(f"comments/{comment}/claim").status_code == 409
        feed = _claims_in_feed(erik, comment)
        assert len(feed) == 1 and feed[0]["user"]["display_name"] == "Kari Nordmann"
        # a reply by the holder ends the claim, and the feed says so
        reply = kari.post("posts/1/comments", json={"body": "Here you go",
                                                   "parent_id": comment})
        assert reply.status_code == 201
        assert _claims_in_feed(erik, comment)[-1]["user"] is None
        assert erik.post(f"comments/{comment}/claim").status_code == 200
        assert erik.delete(f"comments/{comment}/claim").status_code == 204
        assert erik.delete(f"comments/{comment}/claim").status_code == 204  # free: no error
        assert _claims_in_feed(kari, comment)[-1]["user"] is None
        assert kari.post("comments/99999999/claim").status_code == 404
        assert kari.delete("comments/abc/claim").status_code == 404
        assert "claim" in kari.get("me").json()["capabilities"]
    assert count(demo_server, "SELECT COUNT(*) FROM claims WHERE comment_id = ?",
                 int(comment)) == 1  # one row per comment, however often claimed


def test_a_claim_expires_on_the_server(own_demo_server_ttl):
    server = own_demo_server_ttl
    comment = "3"
    with _client(server, "kari") as kari, _client(server, "erik") as erik:
        assert kari.post(f"comments/{comment}/claim").status_code == 200
        assert erik.post(f"comments/{comment}/claim").status_code == 409
        time.sleep(2.2)  # --claim-ttl 2: a desk that crashed never releases; time does
        assert _claims_in_feed(erik, comment)[-1]["user"] is None
        assert erik.post(f"comments/{comment}/claim").status_code == 200


@pytest.fixture
def own_demo_server_ttl(tmp_path):
    from desktop.demo.process import DemoServerProcess

    server = DemoServerProcess(tmp_path / "ttl.db", seed=3, size="small", rate=0,
                               extra_args=["--claim-ttl", "2"]).start()
    yield server
    server.stop()


def test_claims_do_not_change_the_comment(demo_server):
    """A claim is not an edit: the comment's version stays, so an action queued on it meanwhile
    is no conflict (If-Match still matches)."""
    comment = _fresh_comment(demo_server)
    with _client(demo_server, "kari") as kari, _client(demo_server, "mona") as mona:
        version = kari.get(f"comments/{comment}").json()["version"]
        kari.post(f"comments/{comment}/claim")
        assert kari.get(f"comments/{comment}").json()["version"] == version
        liked = mona.put(f"comments/{comment}/like", headers={"If-Match": f'"{version}"'})
        assert liked.status_code == 200


# -- the connector ----------------------------------------------------------------------

def test_connector_claims_and_reads_claims_from_the_feed(demo_server):
    comment = _fresh_comment(demo_server)

    async def run() -> None:
        kari = ReferenceConnector(url=demo_server.url, username="kari",
                                  secret=demo_server.tokens["kari"])
        anna = ReferenceConnector(url=demo_server.url, username="anna",
                                  secret=demo_server.tokens["anna"])
        try:
            assert "claim" in (await kari.verify()).capabilities
            record = await kari.claim(comment)
            assert record["name"] == "Kari Nordmann"
            assert 590 < record["expires_at"] - time.time() <= 601
            with pytest.raises(ClaimTaken, match="Kari Nordmann is replying") as taken:
                await anna.claim(comment)
            assert taken.value.claim is not None and taken.value.claim["name"] == "Kari Nordmann"
            claims = []
            async for page in anna.pull(None):
                claims += [c for c in page.parse().claims if c["comment_id"] == comment]
            assert [c["name"] for c in claims] == ["Kari Nordmann"]
            await kari.release(comment)
            await kari.release(comment)  # again: already free, no error
            await anna.claim(comment)
            await anna.release(comment)
        finally:
            await kari.aclose()
            await anna.aclose()

    asyncio.run(run())


def test_claim_records_use_this_machines_clock():
    """``expires_in`` times the claim here: a server clock three hours off changes nothing."""
    raw = (b'{"changes": [{"seq": 9, "type": "claim", "data": {"comment_id": "4", "user": '
           b'{"id": "5", "display_name": "Kari"}, "expires_at": "2001-01-01T00:00:00Z", '
           b'"expires_in": 300}}, {"seq": 10, "type": "claim", "data": {"comment_id": "6", '
           b'"user": null, "expires_at": null, "expires_in": 0}}], "cursor": "10", '
           b'"has_more": false, "remaining": 0}')
    batch = parse_changes(raw, "10")
    held, free = batch.claims
    assert held["user_id"] == "5" and 295 < held["expires_at"] - time.time() <= 300
    assert free == {"comment_id": "6", "user_id": None, "name": "", "expires_at": 0.0}
    with pytest.raises(Exception, match="does not fit"):
        parse_changes(raw.replace(b'"comment_id": "4", ', b""), "10")


# -- the command line, two profiles ----------------------------------------------------------

def _profile(server, tmp_path, user: str):
    profile = tmp_path / user
    token = server.tokens[user]
    added = cli(profile, "account", "add", "--name", "demo", "--url", server.url,
                "--user", user, stdin=token + "\n")
    assert added.returncode == 0, added.stderr
    assert cli(profile, "sync", secret=token).returncode == 0
    return profile, token


def test_a_claim_by_one_profile_is_seen_by_the_other(demo_server, tmp_path):
    mona, mona_token = _profile(demo_server, tmp_path, "mona")
    kari, kari_token = _profile(demo_server, tmp_path, "kari")
    items = cli_json(mona, "queue", "--lane", "reply", "--limit", "50", secret=mona_token)
    # the session's server is shared: take an item nobody claimed in an earlier test
    item = [i for i in items if i["claimed_by"] is None][-1]["id"]

    claimed = cli(kari, "act", item, "claim", secret=kari_token)
    assert claimed.returncode == 0, claimed.stderr
    assert "claimed until" in claimed.stdout
    assert cli(mona, "sync", secret=mona_token).returncode == 0
    seen = {i["id"]: i for i in cli_json(mona, "queue", "--lane", "reply", "--limit", "50",
                                         secret=mona_token)}
    assert seen[item]["claimed_by"]["name"] == "Kari Nordmann"
    assert seen[item]["claimed_by"]["me"] is False
    text = cli(mona, "queue", "--lane", "reply", "--limit", "50", secret=mona_token).stdout
    assert "[Kari Nordmann is replying]" in text

    refused = cli(mona, "act", item, "claim", secret=mona_token)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"dialogue-desk: {item}: Kari Nordmann is replying to this comment"]
    assert "Traceback" not in refused.stderr
    assert cli(mona, "act", item, "release", secret=mona_token).returncode == 1

    # Kari answers: the server releases the claim, and Mona's next sync shows it free
    replied = cli(kari, "reply", item, "--text", f"On it {uuid.uuid4()}", secret=kari_token)
    assert replied.returncode == 0, replied.stderr
    assert cli(mona, "sync", secret=mona_token).returncode == 0
    after = {i["id"]: i for i in cli_json(mona, "queue", "--lane", "reply", "--limit",
                                          "100000", secret=mona_token)}
    assert item not in after or after[item]["claimed_by"] is None
    assert count(demo_server, "SELECT COUNT(*) FROM claims WHERE comment_id = ? AND "
                 "user_id IS NOT NULL", server_id(item)) == 0


def test_claim_needs_the_server_and_says_so_in_one_line(tmp_path, own_demo_server):
    profile, token = _profile(own_demo_server, tmp_path, "mona")
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]["id"]
    own_demo_server.stop()
    offline = cli(profile, "act", item, "claim", secret=token)
    assert offline.returncode == 1 and len(offline.stderr.strip().splitlines()) == 1
    assert "Traceback" not in offline.stderr
    # nothing was queued to be sent later: a stale claim is worse than none
    assert cli_json(profile, "outbox", "--all", secret=token) == []
    bad = cli(profile, "act", "demo:p1", "claim", secret=token)
    assert bad.returncode == 1 and "only a comment" in bad.stderr


def test_a_demo_data_file_without_claims_is_upgraded(tmp_path):
    """A --data file kept from before claims gets the table, its feed triggers and indexes."""
    from desktop.demo import schema
    from desktop.demo.store import DemoStore

    path = tmp_path / "old.db"
    store = DemoStore(path)
    store.populate(seed=1, comments=40)
    store.close()
    conn = schema.connect(str(path))
    for trigger in ("claims_feed_ins", "claims_feed_del", "claims_feed_upd"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE claims")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    store = DemoStore(path)
    try:
        before = store.changes(0, 1000)["remaining"]
        user = next(u for u in [store.authenticate(t["token"])
                                for t in store.ensure_tokens().values()] if u)
        from desktop.demo import claims

        store.transaction(lambda tx: claims.claim(tx, user, "1", 60))
        page = store.changes(0, 1000)
        assert [c["type"] for c in page["changes"]].count("claim") == 1
        assert store.changes(int(page["cursor"]) - 1, 1000)["remaining"] == 0
        assert before == 0
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["wordpress", "plone"])
def test_platforms_without_claims_say_so_and_nothing_breaks(tmp_path, memory_keyring, kind):
    """WordPress and Plone list no ``claim`` capability and their connectors have no claim
    call: the desk answers NoClaims at once, sends nothing, queues nothing."""
    from desktop.models import accounts
    from desktop.models.store import Store
    from desktop.services.claims import NoClaims
    from desktop.services.connectors.base import CAPABILITIES
    from desktop.services.desk import DeskService

    assert "claim" in CAPABILITIES
    store = Store(tmp_path / "p")
    accounts.save_account(store, accounts.Account(
        "wp", kind, "http://127.0.0.1:9", "erik", user_id="1", role="editor",
        capabilities=frozenset({"reply", "approve"})))
    store.close()
    desk = DeskService(tmp_path / "p")

    async def run() -> None:
        desk.credentials.set("wp", "not-a-real-secret")
        connector = await desk.connector_for("wp")
        assert not hasattr(connector, "claim")
        with pytest.raises(NoClaims, match=f"{kind} has no claims"):
            await desk.claim("wp:c1")
        with pytest.raises(NoClaims):
            await desk.release("wp:c1")
        assert desk.claim_of("wp:c1") is None
        assert desk.outbox_entries() == []

    try:
        asyncio.run(run())
    finally:
        asyncio.run(desk.aclose())
