"""The Plone connector against the real Plone of tests/plone_env.py.

The site is shared by the whole session, so every test that changes something works on
comments it created itself and compares its own ids, never global counts.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from faultproxy import FaultProxy
from plone_env import PloneEnv, plonenv  # the fixture: conftest

from desktop.models import outbox
from desktop.models.writer import Writer
from desktop.services.connectors import base, create
from desktop.services.connectors.plone import PloneConnector, pull
from desktop.services.connectors.plone import records as rec
from desktop.services.connectors.plone.client import RENEW_BEFORE, jwt_expiry
from desktop.services.connectors.plone.pull import SWEEP_EVERY
from desktop.services.sync import push_account, sync_account

pytestmark = pytest.mark.plone
ACCOUNT = "pl"
STATUS = {"published": "published", "pending": "held", "rejected": "hidden", "spam": "spam"}


def connector(env: PloneEnv, login: str = "reviewer1", *, url: str | None = None,
              clock: Any = time.time, secret: str | None = None) -> PloneConnector:
    return PloneConnector(url=url or env.url, username=login,
                          secret=secret or env.users[login].password, clock=clock)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


class StepClock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def cached(tmp_path: Path) -> dict[str, tuple[str, str, str | None]]:
    """rid → (status, body_html, parent) of every cached comment."""
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        return {r: (s, b, p) for r, s, b, p in db.execute(
            "SELECT rid, status, body_html, parent_rid FROM comments")}
    finally:
        db.close()


def tombstones(tmp_path: Path) -> set[str]:
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        return {r for (r,) in db.execute("SELECT rid FROM tombstones WHERE entity = 'comment'")}
    finally:
        db.close()


async def _sync(writer: Writer, conn: PloneConnector) -> Any:
    return await sync_account(writer, conn, ACCOUNT)


def sync_once(env: PloneEnv, writer: Writer, login: str = "reviewer1",
              clock: Any = time.time) -> None:
    async def go() -> None:
        conn = connector(env, login, clock=clock)
        try:
            await _sync(writer, conn)
        finally:
            await conn.aclose()

    run(go())


def add_comment(env: PloneEnv, post: dict[str, str], text: str, login: str = "member1",
                parent: str | None = None) -> str:
    """A comment made directly in Plone; returns its rid (post UID - comment id)."""
    route = f"{env.url}/{post['path']}/@comments" + (f"/{parent}" if parent else "")
    plonenv.api(env, "POST", route, login, body={"text": text})
    (item,) = [i for i in plonenv.list_comments(env, post["path"], "admin")
               if i["text"]["data"] == text]
    return rec.rid(post["uid"], item["comment_id"])


def state_of(env: PloneEnv, post: dict[str, str], r: str) -> str | None:
    cid = rec.split_rid(r)[1]
    hits = plonenv.search(env, "admin", portal_type="Discussion Item",
                          path=f"/Plone/{post['path']}/++conversation++default/{cid}",
                          metadata_fields="review_state")
    return str(hits[0]["review_state"]) if hits else None


def moderate(env: PloneEnv, post: dict[str, str], r: str, action: str) -> None:
    token = plonenv.csrf_token(env, "admin")
    plonenv.moderate(env, post["path"], rec.split_rid(r)[1], action, "admin", token)


# ---- verify and tokens ------------------------------------------------------------------------

def test_verify_reports_roles_and_capabilities(plone: PloneEnv) -> None:
    async def go() -> dict[str, base.Identity]:
        out = {}
        for login in ("reviewer1", "siteadmin", "editor1", "member1"):
            conn = create("plone", url=plone.url, username=login,
                          secret=plone.users[login].password)
            try:
                out[login] = await conn.verify()
            finally:
                await conn.aclose()
        return out

    ids = run(go())
    reviewer, admin, editor, member = (ids[k] for k in ("reviewer1", "siteadmin", "editor1",
                                                        "member1"))
    assert reviewer.capabilities == {"reply", "approve", "hide", "spam", "delete", "restore",
                                     "flags"}
    assert reviewer.role == "moderator" and reviewer.moderation_scope == "all"
    assert reviewer.warnings == () and reviewer.server_name == "Dialogue Desk test intranet"
    assert admin.role == "admin" and any("administers" in w for w in admin.warnings)
    assert editor.role == "editor" and editor.capabilities == {"reply"}
    assert member.role == "employee" and member.capabilities == {"reply"}
    assert member.moderation_scope == "none" and member.display_name == "Mona Member"
    assert all("like" not in i.capabilities for i in ids.values())


def test_wrong_password_and_not_plone(plone: PloneEnv) -> None:
    with pytest.raises(base.AuthError, match="did not accept"):
        run(connector(plone, secret="wrong-password").verify())
    # The Zope root is not a Plone site.
    with pytest.raises(base.BadResponse, match="Plone"):
        run(connector(plone, url=plone.root).verify())


def test_token_is_renewed_before_it_expires(plone: PloneEnv) -> None:
    clock = StepClock()

    async def go() -> None:
        conn = connector(plone, "member1", clock=clock)
        try:
            await conn.verify()
            first = conn.client._auth.token
            expires = conn.client.token_expires
            assert first and expires and expires - clock.now > RENEW_BEFORE
            clock.now = expires - RENEW_BEFORE + 5  # within the renewal window
            await asyncio.sleep(1.1)  # a JWT's exp has one-second resolution
            await conn.client.ensure_token()
            assert conn.client._auth.token != first
            assert (conn.client.token_expires or 0) > expires
            # A JWT as the secret works as it is, without the password.
            jwt = conn.client._auth.token
            assert jwt is not None and jwt_expiry(jwt)
        finally:
            await conn.aclose()
        as_token = connector(plone, "member1", secret=jwt)
        try:
            assert (await as_token.verify()).username == "member1"
        finally:
            await as_token.aclose()

    run(go())


# ---- sync -----------------------------------------------------------------------------------

def test_full_sync_as_moderator_maps_every_state(plone: PloneEnv, writer: Writer,
                                                 tmp_path: Path) -> None:
    sync_once(plone, writer)
    rows = cached(tmp_path)
    for c in plone.seed["comments"]:
        r = rec.rid(c["post"], c["id"])
        assert rows[r][0] == STATUS[c["state"]], c
        assert rows[r][2] == (rec.rid(c["post"], c["parent"]) if c["parent"] else None)
    hostile = next(c for c in plone.seed["comments"] if c["text"].startswith("<"))
    body = rows[rec.rid(hostile["post"], hostile["id"])][1]
    assert "<" not in body.replace("<br>", "") and "&lt;" in body  # plain text stays text
    db = sqlite3.connect(tmp_path / "profile" / "cache.db")
    try:
        areas = {name for (name,) in db.execute("SELECT name FROM areas")}
        posts = dict(db.execute("SELECT rid, area_rid FROM posts"))
        answered = {rid for (rid,) in db.execute(
            "SELECT rid FROM comments WHERE staff_replied = 1")}
    finally:
        db.close()
    assert {"Team news", "HR and people", "IT help"} <= areas
    assert {p["uid"]: plone.seed["areas"][p["area"]] for p in plone.seed["posts"]}.items() \
        <= posts.items()
    # The reviewer's own replies count as answers for the reviewer's account.
    replied = {rec.rid(c["post"], c["parent"]) for c in plone.seed["comments"] if c["parent"]}
    assert replied <= answered


def _first_sync(env: PloneEnv, profile: Path, walk_cost: int,
                monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, str, str | None]]:
    monkeypatch.setattr(pull, "WALK_COST", walk_cost)
    w = Writer(profile / "profile")
    try:
        sync_once(env, w)
    finally:
        w.close()
    return cached(profile)


def spy_walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    walks: list[int] = []
    real = pull.Puller._walk

    def counted(self: pull.Puller, *args: Any) -> Any:
        walks.append(1)
        return real(self, *args)

    monkeypatch.setattr(pull.Puller, "_walk", counted)
    return walks


def test_walk_and_catalogue_routes_agree(plone: PloneEnv, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A moderator's first sync item by item caches what the catalogue route caches: every
    comment, its state, body and parent."""
    walks = spy_walks(monkeypatch)
    by_catalogue = _first_sync(plone, tmp_path / "catalogue", 10**9, monkeypatch)
    assert walks == []
    corrections: list[Any] = []
    real = pull.Puller._read_items

    def reading(self: pull.Puller, *args: Any) -> Any:
        async def pages() -> Any:
            async for page in real(self, *args):
                corrections.extend(page.parse().partial_comments)
                yield page
        return pages()

    monkeypatch.setattr(pull.Puller, "_read_items", reading)
    by_walk = _first_sync(plone, tmp_path / "walk", 0, monkeypatch)
    assert walks == [1]
    assert by_walk == by_catalogue
    assert corrections == []  # nothing changed meanwhile: every state right at first reading
    for c in plone.seed["comments"]:
        assert by_walk[rec.rid(c["post"], c["id"])][0] == STATUS[c["state"]], c


def test_walk_leaves_comments_off_posts_to_the_sweep(plone: PloneEnv, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk reads the posts' comments; a comment on another kind of item (a Link here)
    comes in the same first sync through the sweep, with its state."""
    tag = uuid.uuid4().hex[:8]
    link = f"link-{tag}"
    _, _, doc = plonenv.api(plone, "POST", f"{plone.url}/it-help", "admin", body={
        "@type": "Link", "id": link, "title": f"A link {tag}",
        "remoteUrl": "https://example.org", "allow_discussion": True})
    plonenv.api(plone, "POST", f"{plone.url}/it-help/{link}/@workflow/publish", "admin")
    item = {"uid": doc["UID"], "path": f"it-help/{link}"}
    try:
        published = add_comment(plone, item, f"on a link {tag}", "reviewer1")
        held = add_comment(plone, item, f"held on a link {tag}", "member1")
        walks = spy_walks(monkeypatch)
        rows = _first_sync(plone, tmp_path, 0, monkeypatch)
        assert walks == [1]
        assert rows[published][0] == "published" and rows[held][0] == "held"
    finally:
        plonenv.api(plone, "DELETE", f"{plone.url}/it-help/{link}", "admin")


def test_walk_never_passes_a_comment_that_came_in_pending_for_published(
        plone: PloneEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member's comment made while the items are read is pending, though the search of
    the unpublished ones ran before it: the walk's last page corrects it."""
    if time.time() % 60 > 40:  # the walk reads comments of the newest minute: stay in it
        time.sleep(61 - time.time() % 60)
    tag = uuid.uuid4().hex[:8]
    add_comment(plone, plone.seed["posts"][0], f"newest {tag}", "reviewer1")
    late: list[str] = []
    real = pull.Puller.list_comments

    async def listing(self: pull.Puller, path: str) -> list[dict[str, Any]]:
        if not late:  # the first item is being read: comment on one read later
            post = next(p for p in plone.seed["posts"] if p["path"] != path)
            late.append(add_comment(plone, post, f"late {tag}", "member1"))
        return await real(self, path)

    monkeypatch.setattr(pull.Puller, "list_comments", listing)
    walks = spy_walks(monkeypatch)
    rows = _first_sync(plone, tmp_path, 0, monkeypatch)
    assert walks == [1]
    assert rows[late[0]][0] == "held"


def test_first_sync_takes_posts_from_the_catalogue_and_bodies_with_the_sweep(
        plone: PloneEnv, writer: Writer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A first sync shows a post's description; the next sweep reads it whole: the body,
    and a thread locked where discussion is off. The timer's syncs between read nothing."""
    # The overlap window re-reads the newest posts whole on every sync (this one is the
    # newest): moved above the high-water mark, only the sweep can bring the body.
    monkeypatch.setattr(pull, "OVERLAP", -3600.0)
    tag = uuid.uuid4().hex[:8]
    item = f"closed-{tag}"
    plonenv.api(plone, "POST", f"{plone.url}/it-help", "admin", body={
        "@type": "News Item", "id": item, "title": f"Closed {tag}",
        "description": f"Summary <{tag}>", "allow_discussion": False,
        "text": {"data": f"<p>Body {tag}</p>", "content-type": "text/html"}})
    plonenv.api(plone, "POST", f"{plone.url}/it-help/{item}/@workflow/publish", "admin")

    def post() -> tuple[str, int]:
        db = sqlite3.connect(tmp_path / "profile" / "cache.db")
        try:
            return db.execute("SELECT body_html, locked FROM posts WHERE url LIKE ?",
                              (f"%/{item}",)).fetchone()
        finally:
            db.close()

    try:
        clock = StepClock()
        sync_once(plone, writer, clock=clock)
        assert post() == (f"Summary &lt;{tag}&gt;", 0)
        clock.now += 60
        sync_once(plone, writer, clock=clock)
        assert post() == (f"Summary &lt;{tag}&gt;", 0)
        clock.now += SWEEP_EVERY
        sync_once(plone, writer, clock=clock)
        body, locked = post()
        assert f"Body {tag}" in body and locked == 1
    finally:
        plonenv.api(plone, "DELETE", f"{plone.url}/it-help/{item}", "admin")


def test_member_sees_published_and_own_pending_only(plone: PloneEnv, writer: Writer,
                                                    tmp_path: Path) -> None:
    sync_once(plone, writer, "member1")
    rows = cached(tmp_path)
    for c in plone.seed["comments"]:
        r = rec.rid(c["post"], c["id"])
        shown = c["state"] == "published" or (c["state"] == "pending"
                                              and c["author"] == "member1")
        assert (r in rows) == shown, c
    assert {s for s, _, _ in rows.values()} <= {"published", "held"}


def test_incremental_sync_sees_exactly_the_changes(plone: PloneEnv, writer: Writer,
                                                   tmp_path: Path) -> None:
    post = plone.seed["posts"][3]
    tag = uuid.uuid4().hex[:8]
    flip = add_comment(plone, post, f"publish me {tag}")
    edit = add_comment(plone, post, f"edit me {tag}", "reviewer1")
    gone = add_comment(plone, post, f"delete me {tag}", "reviewer1")
    question = add_comment(plone, post, f"Who answers this {tag}?", "reviewer1")
    clock = StepClock()
    sync_once(plone, writer, clock=clock)
    before = cached(tmp_path)
    assert before[flip][0] == "held"
    moderate(plone, post, flip, "publish")  # a transition: `modified` stays as it was
    plonenv.api(plone, "PATCH", f"{plone.url}/{post['path']}/@comments/"
                f"{rec.split_rid(edit)[1]}", "admin", body={"text": f"edited {tag}"})
    plonenv.api(plone, "DELETE", f"{plone.url}/{post['path']}/@comments/"
                f"{rec.split_rid(gone)[1]}", "admin")
    staff = add_comment(plone, post, f"Staff answer {tag}", "reviewer1",
                        parent=rec.split_rid(question)[1])
    clock.now += SWEEP_EVERY  # the sweep is due
    sync_once(plone, writer, clock=clock)
    after = cached(tmp_path)
    changed = {r for r in set(before) | set(after) if before.get(r) != after.get(r)}
    assert changed == {flip, edit, gone, staff}
    assert after[flip][0] == "published"
    assert f"edited {tag}" in after[edit][1]
    assert gone not in after and gone in tombstones(tmp_path)
    assert after[staff][2] == question


# ---- actions --------------------------------------------------------------------------------

def _action(kind: str, target: str, *, payload: dict[str, Any] | None = None,
            base_version: str | None = None, maybe_sent: bool = False,
            target_type: str = "comment") -> base.Action:
    return base.Action(action_id=str(uuid.uuid4()), kind=kind, target_type=target_type,
                       target_id=target, payload=payload or {}, base_version=base_version,
                       maybe_sent=maybe_sent, sent_at=time.time() - 5 if maybe_sent else None)


async def _perform(env: PloneEnv, action: base.Action, login: str = "reviewer1") -> base.Outcome:
    conn = connector(env, login)
    try:
        return await conn.perform(action)
    finally:
        await conn.aclose()


def test_moderation_goes_through_the_form_and_is_checked(plone: PloneEnv) -> None:
    post = plone.seed["posts"][0]
    r = add_comment(plone, post, f"moderate {uuid.uuid4()}", "member2")
    steps = [("approve", "published"), ("hide", "rejected"), ("spam", "spam"),
             ("restore", "pending"), ("spam", "spam"), ("approve", "published")]
    for kind, state in steps:
        outcome = run(_perform(plone, _action(kind, r)))
        assert state_of(plone, post, r) == state, kind
        assert outcome.batch is not None and outcome.batch.comments[0]["status"] == \
            STATUS[state] and not outcome.already_applied
    again = run(_perform(plone, _action("approve", r)))
    assert again.already_applied and state_of(plone, post, r) == "published"
    # A member's attempt is refused and changes nothing.
    with pytest.raises(base.PermissionDenied):
        run(_perform(plone, _action("hide", r), "member1"))
    assert state_of(plone, post, r) == "published"
    with pytest.raises(base.Rejected, match="likes"):
        run(_perform(plone, _action("like", r)))


def test_stale_base_version_is_a_conflict(plone: PloneEnv) -> None:
    post = plone.seed["posts"][0]
    r = add_comment(plone, post, f"v1 {uuid.uuid4()}", "member3")
    seen = run(_perform(plone, _action("restore", r)))  # already pending: a read
    version = seen.batch.comments[0]["version"]  # type: ignore[union-attr]
    moderate(plone, post, r, "reject")
    with pytest.raises(base.ConflictError):
        run(_perform(plone, _action("approve", r, base_version=version)))
    assert state_of(plone, post, r) == "rejected"


def test_reply_and_delete(plone: PloneEnv) -> None:
    post = plone.seed["posts"][1]
    question = add_comment(plone, post, f"Reply here? {uuid.uuid4()}", "reviewer1")
    text = f"Answer <b>{uuid.uuid4()}</b>\nsecond line"
    payload = {"body": text, "post_id": post["uid"], "parent_id": question}
    first = run(_perform(plone, _action("reply", post["uid"], payload=payload,
                                        target_type="post"), "member1"))
    assert first.remote_id and not first.already_applied
    record = first.batch.comments[0]  # type: ignore[union-attr]
    assert record["parent_id"] == question and record["status"] == "held"  # moderated member
    # The answer was "lost": the retry looks first and finds it.
    again = run(_perform(plone, _action("reply", post["uid"], payload=payload,
                                        target_type="post", maybe_sent=True), "member1"))
    assert again.already_applied and again.remote_id == first.remote_id
    items = [i for i in plonenv.list_comments(plone, post["path"], "admin")
             if i["text"]["data"] == text]
    assert len(items) == 1
    with pytest.raises(base.NotFound):
        run(_perform(plone, _action("reply", post["uid"], target_type="post", payload={
            "body": "x", "post_id": post["uid"], "parent_id": f"{post['uid']}-1"})))
    gone = run(_perform(plone, _action("delete", first.remote_id)))  # type: ignore[arg-type]
    assert gone.batch is not None and gone.batch.tombstones == [("comment", first.remote_id)]
    assert state_of(plone, post, first.remote_id) is None  # type: ignore[arg-type]
    twice = run(_perform(plone, _action("delete", first.remote_id)))  # type: ignore[arg-type]
    assert twice.already_applied


# ---- lost responses: through a faulty network -------------------------------------------------

@pytest.fixture
def proxy(plone: PloneEnv) -> Iterator[FaultProxy]:
    with FaultProxy(plone.port) as p:
        yield p


def _enqueue(writer: Writer, key: str, kind: str, text: str | None = None) -> int:
    return writer.call_sync(outbox.enqueue, key, kind, text=text).id


async def _push_until_done(writer: Writer, conn: PloneConnector, entry: int,
                           later: list[float]) -> None:
    later[0] = max(later[0], time.time() + 1)  # due now (enqueued a moment ago)
    for _ in range(3):
        await push_account(writer, conn, ACCOUNT, clock=lambda: later[0])
        if writer.call_sync(outbox.get, entry).state == "done":
            return
        later[0] += 3600  # past the outbox's backoff


def test_lost_responses_on_reply_publish_and_delete_give_one_effect(
        plone: PloneEnv, proxy: FaultProxy, writer: Writer, tmp_path: Path) -> None:
    post = plone.seed["posts"][2]
    question = add_comment(plone, post, f"Lost? {uuid.uuid4()}", "member2")
    moderate(plone, post, question, "publish")
    pending = add_comment(plone, post, f"Publish me through a bad network {uuid.uuid4()}",
                          "member3")
    victim = add_comment(plone, post, f"Delete me {uuid.uuid4()}", "member3")
    text = f"Reply through a bad network {uuid.uuid4()}"
    later = [time.time()]

    async def go() -> None:
        # Only the proxy's address is configured: Plone's absolute links are never followed.
        conn = connector(plone, url=f"{proxy.url}/Plone")
        try:
            await _sync(writer, conn)
            reply = _enqueue(writer, f"{ACCOUNT}:c{question}", "reply", text)
            proxy.script(["ok", "reset_after"])  # find the post; the POST's answer is lost
            await _push_until_done(writer, conn, reply, later)
            entry = writer.call_sync(outbox.get, reply)
            assert entry.state == "done" and entry.remote_id
            assert entry.message == "already applied on the server"

            publish = _enqueue(writer, f"{ACCOUNT}:c{pending}", "approve")
            # the post, its state, the record, the CSRF token pass; the form's answer is lost
            proxy.script(["ok", "ok", "ok", "ok", "reset_after"])
            await _push_until_done(writer, conn, publish, later)
            done = writer.call_sync(outbox.get, publish)
            # the retry read the state first and found it published: no second form
            assert done.state == "done" and done.message == "already applied on the server"

            delete = _enqueue(writer, f"{ACCOUNT}:c{victim}", "delete")
            # the post, its state, the record pass; the DELETE's answer is lost
            proxy.script(["ok", "ok", "ok", "reset_after"])
            await _push_until_done(writer, conn, delete, later)
            assert writer.call_sync(outbox.get, delete).state == "done"
        finally:
            await conn.aclose()

    run(go())
    replies = [i for i in plonenv.list_comments(plone, post["path"], "admin")
               if i["text"]["data"] == text]
    assert len(replies) == 1
    assert state_of(plone, post, pending) == "published"
    assert state_of(plone, post, victim) is None
    assert proxy.count("DELETE") == 2  # the lost one and the retry that met 404 (gone)
    lost = [(method, target) for _, method, target, fault in proxy.log if fault == "reset_after"]
    assert [m for m, _ in lost] == ["POST", "POST", "DELETE"], lost
    assert "@comments" in lost[0][1] and "transmit-comment" in lost[1][1]
