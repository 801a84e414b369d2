"""One profile, three platforms: the demo intranet (reference protocol), a real WordPress and a
real Plone, synced through the desk's own service into one queue.

The lanes must hold items of every account, and an action on each lands on its own server
exactly once: the truth is read from each server's own data (the demo's SQLite file,
WordPress's database, Plone's catalogue and comment lists), never from our cache. The
servers are shared by the session, so everything this test changes it created itself, tagged
with one random word.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from desk_fixtures import server_count
from plone_env import PloneEnv, plonenv  # the fixtures are in conftest
from wordpress_env import WpEnv, wp_add_comment, wp_db_query

from desktop.models import keys, outbox, queries
from desktop.services.connectors.plone import records as plone_records
from desktop.services.desk import DeskService

pytestmark = [pytest.mark.wordpress, pytest.mark.plone]
DEMO, WP, PL = "demo", "wp", "pl"


def _demo_question(server: Any, text: str) -> int:
    """A question anna asks on the demo intranet (straight to its API); returns its id."""
    with httpx.Client(base_url=server.url + "/api/v1", timeout=30,
                      headers={"Authorization": f"Bearer {server.tokens['anna']}"}) as client:
        response = client.post("posts/3/comments", json={"body": text})
        assert response.status_code == 201, response.text
        return int(response.json()["id"])


def _plone_comment(env: PloneEnv, post: dict[str, str], text: str, login: str,
                   publish: bool) -> str:
    """A member's comment on Plone (pending under moderation, or published by the admin);
    returns its comment id."""
    plonenv.api(env, "POST", f"{env.url}/{post['path']}/@comments", login, body={"text": text})
    (item,) = [i for i in plonenv.list_comments(env, post["path"], "admin")
               if i["text"]["data"] == text]
    cid = str(item["comment_id"])
    if publish:
        token = plonenv.csrf_token(env, "admin")
        plonenv.moderate(env, post["path"], cid, "publish", "admin", token)
    return cid


def _plone_state(env: PloneEnv, post: dict[str, str], cid: str) -> str | None:
    hits = plonenv.search(env, "admin", portal_type="Discussion Item",
                          path=f"/Plone/{post['path']}/++conversation++default/{cid}",
                          metadata_fields="review_state")
    return str(hits[0]["review_state"]) if hits else None


def _lane_accounts(service: DeskService, lane: str) -> dict[str, set[str]]:
    """account → the keys of its items in ``lane``."""
    reader = service.reader()
    try:
        out: dict[str, set[str]] = {}
        for item in queries.queue_page(reader, lane, limit=100_000):
            out.setdefault(item.account, set()).add(item.key)
        return out
    finally:
        reader.close()


def test_one_queue_over_three_platforms(tmp_path: Path, demo_server: Any, wordpress: WpEnv,
                                        plone: PloneEnv) -> None:
    tag = "t" + uuid.uuid4().hex[:10]
    # -- on each server: a question waiting for an answer, and (WordPress, Plone) a held comment
    demo_q = _demo_question(demo_server, f"Who books the big room on Friday, {tag}?")
    wp_post = wordpress.seed["posts"][3]
    wp_held = wp_add_comment(wordpress, wp_post, f"Held on WordPress {tag}", status="0")
    wp_q = wp_add_comment(wordpress, wp_post, f"Where is the WordPress form, {tag}?")
    pl_post = plone.seed["posts"][4]
    pl_held = _plone_comment(plone, pl_post, f"Held on Plone {tag}", "member2", publish=False)
    pl_q = _plone_comment(plone, pl_post, f"When does the Plone course start, {tag}?",
                          "member1", publish=True)
    key = {
        "demo_q": keys.make(DEMO, "comment", str(demo_q)),
        "wp_held": keys.make(WP, "comment", str(wp_held)),
        "wp_q": keys.make(WP, "comment", str(wp_q)),
        "pl_held": keys.make(PL, "comment", plone_records.rid(pl_post["uid"], pl_held)),
        "pl_q": keys.make(PL, "comment", plone_records.rid(pl_post["uid"], pl_q)),
    }
    replies = {DEMO: f"The room is booked by reception, {tag}.",
               WP: f"The form is on the HR page, {tag}.",
               PL: f"The Plone course starts on Monday, {tag}."}

    async def go() -> None:
        service = DeskService(tmp_path / "profile")
        try:
            editor, reviewer = wordpress.users["editor1"], plone.users["reviewer1"]
            await service.add_account(DEMO, "reference", demo_server.url, "erik",
                                      demo_server.tokens["erik"])
            await service.add_account(WP, "wordpress", wordpress.url, editor.login,
                                      editor.app_password)
            await service.add_account(PL, "plone", plone.url, reviewer.login, reviewer.password)
            assert {a.name: a.connector for a in service.accounts()} == {
                DEMO: "reference", WP: "wordpress", PL: "plone"}
            await service.sync(full=True)

            # -- one queue: Reply and Moderate hold items of every account
            reply, moderate = _lane_accounts(service, "reply"), _lane_accounts(service, "moderate")
            assert set(reply) == {DEMO, WP, PL}, reply.keys()
            assert set(moderate) == {DEMO, WP, PL}, moderate.keys()
            assert {key["demo_q"]} <= reply[DEMO]
            assert {key["wp_q"]} <= reply[WP] and {key["pl_q"]} <= reply[PL]
            assert {key["wp_held"]} <= moderate[WP] and {key["pl_held"]} <= moderate[PL]

            # -- an action on each: a reply on all three, an approval on WordPress and Plone
            for name, question in ((DEMO, "demo_q"), (WP, "wp_q"), (PL, "pl_q")):
                await service.act(key[question], "reply", text=replies[name])
            for held in ("wp_held", "pl_held"):
                await service.act(key[held], "approve")
            await service.push()
            # A second push and a sync must not repeat anything.
            await service.push()
            await service.sync(full=True)

            reader = service.reader()
            try:
                assert outbox.entries(reader, outbox.ATTENTION_STATES + outbox.OPEN_STATES) == []
                done = outbox.entries(reader, ("done",))
            finally:
                reader.close()
            assert sorted(e.account for e in done) == [DEMO, PL, PL, WP, WP]
            after_reply = _lane_accounts(service, "reply")
            after_moderate = _lane_accounts(service, "moderate")
            for question in ("demo_q", "wp_q", "pl_q"):
                assert key[question] not in set().union(*after_reply.values()), question
            for held in ("wp_held", "pl_held"):
                assert key[held] not in set().union(*after_moderate.values()), held
        finally:
            await service.aclose()

    asyncio.run(go())

    # -- the demo intranet: one reply, erik's, under anna's question; nothing else of ours
    assert server_count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ? "
                        "AND parent_id = ?", (f"%{replies[DEMO]}%", demo_q)) == 1
    assert server_count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                        (f"%{tag}%",)) == 2  # the question and its one answer

    # -- WordPress: the held comment approved, one reply by editor1 under the question
    assert wp_db_query(wordpress, "SELECT comment_approved FROM wp_comments "
                                  f"WHERE comment_ID = {wp_held}") == [("1",)]
    rows = wp_db_query(wordpress, "SELECT comment_parent, user_id, comment_content FROM "
                                  f"wp_comments WHERE comment_content LIKE '%{tag}%'")
    assert [(parent, user) for parent, user, text in rows if replies[WP] in (text or "")] \
        == [(str(wp_q), str(wordpress.users["editor1"].id))]
    assert len(rows) == 3  # held, question, the one reply: nothing from the other platforms

    # -- Plone: the held comment published, one reply by reviewer1 under the question
    assert _plone_state(plone, pl_post, pl_held) == "published"
    ours = [i for i in plonenv.list_comments(plone, pl_post["path"], "admin")
            if tag in i["text"]["data"]]
    answers = [i for i in ours if i["text"]["data"] == replies[PL]]
    assert [(i["in_reply_to"], i["author_username"]) for i in answers] == [(pl_q, "reviewer1")]
    assert len(ours) == 3  # held, question, the one reply
    assert _plone_state(plone, pl_post, str(answers[0]["comment_id"])) == "published"
