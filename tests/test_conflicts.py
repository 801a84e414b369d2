"""Conflicts: what changed on the server after the user acted offline is never overwritten or
dropped in silence.

A hypothesis state machine drives a real desk against a real demo intranet (through a
FaultProxy that can go offline): the user queues approve / hide / like / reply on three
comments, the network comes and goes, other people change those comments on the server
(an admin moderates, a colleague likes, an item is hard-deleted), the app restarts, pushes and
syncs. After every step:

- no action ever disappears from the outbox, and each has at most one ledger row on the server;
- an action sent with ``If-Match`` (approve, hide, like) whose item changed on the server after
  the version the user saw is never ``done``: it becomes a ``conflict`` the user sees, and the
  server has no effect of it; nor is an action on a hard-deleted item ever ``done``;
- no false alarms: a conflict only where the server really changed (or deleted) the item;
- ``done`` means exactly one 2xx ledger row; ``conflict``/``failed`` mean no applied effect;
- a reply is held ("already answered") exactly when a colleague answered the same comment
  after it was written: never held otherwise, never sent once the desk has seen that answer
  (unless the person says "send anyway").
At the end, back online, one push leaves nothing open.

This runs against a real server, so examples are few: ``max_examples=60``,
``stateful_step_count=12`` (about 15 s). Raise them in ``SETTINGS`` when hunting.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from faultproxy import FaultProxy
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from records import NOW, base_batch, comment, page

from desktop.demo.store import DemoStore
from desktop.models import outbox
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskError, DeskService
from desktop.services.http import HttpSession, build_client

IF_MATCH_KINDS = ("approve", "hide", "like")
# No shrinking: the server's data moves on between examples, so a replay is not the same run;
# the failing steps are printed as they happened.
SETTINGS = settings(max_examples=60, stateful_step_count=12, deadline=None,
                    phases=(Phase.explicit, Phase.generate), database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclasses.dataclass
class Expect:
    entry_id: int
    action_id: str
    kind: str
    item: int  # server comment id
    must_not_be_done: bool = False  # the server changed or deleted the item first
    may_conflict: bool = False
    answered: bool = False  # a reply: someone else answered the same comment meanwhile
    must_hold: bool = False  # …and the desk synced that answer before the reply left
    sent_anyway: bool = False  # the person said "send anyway": later answers do not hold it


def _server_version(server: Any, cid: int) -> int | None:
    conn = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version FROM comments WHERE id = ?", (cid,)).fetchone()
        return None if row is None else int(row[0])
    finally:
        conn.close()


def _ledger(server: Any, action_id: str) -> list[int]:
    conn = sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT status FROM idempotency WHERE key = ?",
                                           (action_id,))]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def conflict_server(tmp_path_factory):
    from desktop.demo.process import DemoServerProcess

    data = tmp_path_factory.mktemp("conflict-demo") / "demo.db"
    server = DemoServerProcess(data, seed=9, size="small", rate=0).start()
    yield server
    server.stop()


class OutboxMachine(RuleBasedStateMachine):
    server: Any = None  # set by the test
    seen: ClassVar[dict[str, int]] = {}  # final states over all examples (proof the run meant something)

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.tmp = Path(tempfile.mkdtemp(prefix="conflicts-"))
        self.profile = self.tmp / "profile"
        self.proxy = FaultProxy(self.server.port).start()
        self.online = True
        self.desk: DeskService | None = None
        self.items: list[int] = []
        self.expect: list[Expect] = []
        self.serial = 0
        self.unsynced_answers: set[int] = set()  # comments Erik answered since the last sync
        self.claims: dict[int, str] = {}  # who holds a claim on an item, as far as we know

    # -- plumbing --------------------------------------------------------------------------

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def _open(self) -> None:
        self.desk = DeskService(self.profile)
        token = self.server.tokens["mona"]
        if not self.desk.accounts():
            self.run(self.desk.add_account("demo", "reference", self.proxy.url, "mona", token))
            self.run(self.desk._connectors.pop("demo").aclose())
        # Quick retries, so a push while offline gives up in milliseconds, not seconds.
        base = self.proxy.url + "/api/v1"
        session = HttpSession(
            lambda: build_client(base_url=base, headers={"Authorization": f"Bearer {token}"}),
            deadline=5.0, max_attempts=2, backoff_base=0.01, backoff_cap=0.02,
        )
        self.desk._connectors["demo"] = ReferenceConnector(
            url=self.proxy.url, username="mona", secret=token, session=session)

    def _close(self) -> None:
        if self.desk is not None:
            self.run(self.desk.aclose())
            self.desk = None

    def _entries(self) -> dict[int, outbox.Entry]:
        assert self.desk is not None
        return {e.id: e for e in self.desk.writer.call_sync(outbox.entries)}

    def _admin(self, method: str, path: str, **kw: Any) -> None:
        token = self.server.tokens["admin" if "moderation" in path else "anna"]
        with httpx.Client(base_url=self.server.url + "/api/v1",
                          headers={"Authorization": f"Bearer {token}"}) as client:
            response = client.request(method, path, **kw)
            assert response.status_code in (200, 404), response.text

    # -- rules -----------------------------------------------------------------------------

    @initialize(seed=st.integers(0, 2**32 - 1))
    def start(self, seed: int) -> None:
        conn = sqlite3.connect(f"file:{self.server.data}?mode=ro", uri=True)
        try:
            pool = [r[0] for r in conn.execute(
                "SELECT id FROM comments WHERE post_id IN (SELECT id FROM posts WHERE "
                "locked = 0) ORDER BY id")]
        finally:
            conn.close()
        self.items = random.Random(seed).sample(pool, 3)
        conn = sqlite3.connect(f"file:{self.server.data}?mode=ro", uri=True)
        try:  # claims left by earlier examples on the shared server
            self.claims = {cid: name for cid, name in conn.execute(
                "SELECT k.comment_id, u.username FROM claims k JOIN users u ON u.id = k.user_id")
                if cid in self.items}
        finally:
            conn.close()
        self._open()
        assert self.desk is not None
        self.run(self.desk.sync())

    @rule(i=st.integers(0, 2), kind=st.sampled_from(("approve", "hide", "like", "reply")))
    def act(self, i: int, kind: str) -> None:
        assert self.desk is not None
        cid = self.items[i]
        self.serial += 1
        text = f"conflict-test reply {self.tmp.name} {self.serial}" if kind == "reply" else None
        try:
            entry = self.run(self.desk.act(f"demo:c{cid}", kind, text=text)).value
        except DeskError as exc:
            assert "No item" in str(exc)  # deleted on the server and synced away: fine
            return
        assert entry is not None
        now = _server_version(self.server, cid)
        e = Expect(entry.id, entry.action_id, kind, cid)
        if kind == "reply" and cid in self.unsynced_answers:
            e.answered = e.may_conflict = True  # written without seeing Erik's answer
        if now is None:
            e.must_not_be_done = e.may_conflict = True
        elif kind in IF_MATCH_KINDS and str(now) != entry.base_version:
            # The user acted on a stale view: the server changed meanwhile (not yet synced).
            e.must_not_be_done = e.may_conflict = True
        self.expect.append(e)

    @rule()
    def go_offline(self) -> None:
        if self.online:
            self.proxy.go_offline()
            self.online = False

    @rule()
    def go_online(self) -> None:
        if not self.online:
            self.proxy.go_online()
            self.online = True

    @rule(i=st.integers(0, 2), how=st.sampled_from(("hide", "approve", "spam", "like",
                                                     "hard_delete")))
    def server_mutates(self, i: int, how: str) -> None:
        cid = self.items[i]
        before = _server_version(self.server, cid)
        if before is None:
            return
        if how == "hard_delete":
            store = DemoStore(self.server.data)
            try:
                store.hard_delete("comment", cid)
            finally:
                store.close()
        elif how == "like":
            self._admin("PUT", f"comments/{cid}/like")
        else:
            self._admin("POST", f"comments/{cid}/moderation", json={"action": how})
        after = _server_version(self.server, cid)
        if after == before:
            return  # nothing changed (already in that state): nothing to conflict with
        entries = self._entries()
        for e in self.expect:
            if e.item != cid or entries[e.entry_id].state not in outbox.OPEN_STATES:
                continue
            if after is None or e.kind in IF_MATCH_KINDS:
                e.must_not_be_done = True
                e.may_conflict = True

    @rule(i=st.integers(0, 2), kind=st.sampled_from(IF_MATCH_KINDS),
          how=st.sampled_from(("hide", "spam", "like", "hard_delete")))
    def act_then_the_server_changes_it(self, i: int, kind: str, how: str) -> None:
        """The heart of the matter, made likely: acted on, then changed by someone else."""
        self.act(i, kind)
        self.server_mutates(i, how)

    @rule(i=st.integers(0, 2))
    def a_colleague_answers(self, i: int) -> None:
        """Erik (an editor) answers the same comment on the server."""
        cid = self.items[i]
        if _server_version(self.server, cid) is None:
            return
        conn = sqlite3.connect(f"file:{self.server.data}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT post_id, status FROM comments WHERE id = ?",
                               (cid,)).fetchone()
        finally:
            conn.close()
        if row is None or row[1] != "published":
            return
        token = self.server.tokens["erik"]
        with httpx.Client(base_url=self.server.url + "/api/v1",
                          headers={"Authorization": f"Bearer {token}"}) as client:
            response = client.post(f"posts/{row[0]}/comments",
                                   json={"body": f"Erik answers {self.serial}",
                                         "parent_id": str(cid)})
        if response.status_code >= 300:
            return  # a locked thread: nothing was answered
        self.unsynced_answers.add(cid)
        entries = self._entries()
        for e in self.expect:
            if (e.kind == "reply" and e.item == cid and not e.sent_anyway
                    and entries[e.entry_id].state == "queued"):
                e.answered = e.may_conflict = True

    @rule(i=st.integers(0, 2))
    def reply_then_a_colleague_answers(self, i: int) -> None:
        """The double answer, made likely: a reply waits, Erik answers, the desk syncs."""
        self.act(i, "reply")
        self.a_colleague_answers(i)
        self.sync()

    @rule()
    def send_anyway(self) -> None:
        """The person saw who answered and sends the held reply all the same."""
        assert self.desk is not None
        for e in self.expect:
            entry = self._entries()[e.entry_id]
            if entry.held:
                assert _ledger(self.server, e.action_id) == [], "a held reply was sent"
                assert self.run(self.desk.retry(e.entry_id)).value
                # a held reply goes out under a new Idempotency-Key (outbox.retry): the
                # ledger is looked up under the key it is sent with
                e.action_id = self._entries()[e.entry_id].action_id
                e.sent_anyway = True
                e.must_hold = False
                e.answered = False  # the person's say: it may go now
                return

    @rule()
    def crash_and_restart(self) -> None:
        self._close()
        self._open()

    @rule()
    def push(self) -> None:
        assert self.desk is not None
        self.run(self.desk.push())

    @rule()
    def sync(self) -> None:
        assert self.desk is not None
        try:
            self.run(self.desk.sync())
        except DeskError:
            assert not self.online
            return
        self.unsynced_answers.clear()
        entries = self._entries()
        for e in self.expect:
            if e.answered and entries[e.entry_id].state == "queued":
                e.must_hold = True  # the desk knows the answer now: this reply must not go

    # -- claims (issue 15 §5): never queued, never a conflict -----------------------------

    @rule(i=st.integers(0, 2))
    def anna_claims(self, i: int) -> None:
        """Anna starts a reply on her desk. A claim changes no version: an action queued on
        the item stays valid (the invariant below would call its conflict a false one)."""
        cid = self.items[i]
        with httpx.Client(base_url=self.server.url + "/api/v1",
                          headers={"Authorization": f"Bearer {self.server.tokens['anna']}"}
                          ) as client:
            status = client.post(f"comments/{cid}/claim").status_code
        if status == 200:
            self.claims[cid] = "anna"
        else:
            assert status == 404 or (status == 409 and self.claims.get(cid) != "anna"), status

    @rule(i=st.integers(0, 2), take=st.booleans())
    def mona_claims_or_releases(self, i: int, take: bool) -> None:
        from desktop.services.claims import ClaimHeld

        assert self.desk is not None
        cid = self.items[i]
        call = self.desk.claim if take else self.desk.release
        try:
            self.run(call(f"demo:c{cid}"))
        except ClaimHeld:
            assert self.online and self.claims.get(cid) == "anna"
            return
        except DeskError:
            assert not self.online or _server_version(self.server, cid) is None
            return
        assert self.claims.get(cid) != "anna" or not take
        if take:
            self.claims[cid] = "mona"
        elif self.claims.get(cid) == "mona":
            del self.claims[cid]

    @invariant()
    def claims_are_what_was_said(self) -> None:
        """Anna's claims stay hers; Mona's end with her release or her reply; none appears
        out of an outbox (a claim is never queued, so none is sent after a restart)."""
        if not self.items:
            return
        conn = sqlite3.connect(f"file:{self.server.data}?mode=ro", uri=True)
        try:
            names = dict(conn.execute("SELECT id, username FROM users WHERE username IN "
                                      "('anna', 'mona')").fetchall())
            held = {cid: names.get(uid) for cid, uid in conn.execute(
                "SELECT comment_id, user_id FROM claims WHERE user_id IS NOT NULL")
                if cid in self.items}
        finally:
            conn.close()
        for cid in self.items:
            want = self.claims.get(cid)
            if _server_version(self.server, cid) is None:
                assert cid not in held  # gone with its comment
                self.claims.pop(cid, None)
            elif want == "mona":
                assert held.get(cid) in ("mona", None)  # her pushed reply releases it
            else:
                assert held.get(cid) == want, (cid, held, self.claims)

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def nothing_lost_nothing_doubled_nothing_silent(self) -> None:
        if self.desk is None:
            return
        entries = self._entries()
        assert sorted(entries) == sorted(e.entry_id for e in self.expect), "an action vanished"
        for e in self.expect:
            entry = entries[e.entry_id]
            ledger = _ledger(self.server, e.action_id)
            assert len(ledger) <= 1
            applied = [s for s in ledger if 200 <= s < 300]
            if entry.held:
                assert e.answered, f"held but nobody answered meanwhile: {e}"
            if entry.state == "done":
                assert len(applied) == 1, (e, ledger)
                assert not e.must_not_be_done, f"silent overwrite: {e} is done"
                assert not e.must_hold, f"sent although already answered: {e}"
            elif entry.state in ("conflict", "failed"):
                assert not applied, f"{e} is {entry.state} but the server applied it"
                assert entry.message, "a conflict must say why"
                assert e.may_conflict, f"false conflict: {e} ({entry.message})"

    def teardown(self) -> None:
        try:
            if self.desk is not None:
                if not self.online:
                    self.proxy.go_online()
                self.run(self.desk.push())
                left = self.desk.writer.call_sync(outbox.entries, outbox.OPEN_STATES)
                assert left == [], f"still open after a final online push: {left}"
                self.online = True
                self.nothing_lost_nothing_doubled_nothing_silent()
                for entry in self._entries().values():
                    state = "held" if entry.held else entry.state
                    self.seen[state] = self.seen.get(state, 0) + 1
        finally:
            self._close()
            self.proxy.stop()
            self.loop.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


def test_outbox_machine(conflict_server):
    OutboxMachine.server = conflict_server
    machine = OutboxMachine.TestCase
    machine.settings = SETTINGS
    OutboxMachine.seen = {}
    machine().runTest()
    seen = OutboxMachine.seen
    print(f"\noutbox machine: final states {seen}")
    assert seen.get("done", 0) > 0 and seen.get("conflict", 0) > 0, seen
    assert seen.get("held", 0) > 0, seen


# -- regressions found by the machine and the crash matrix ---------------------------------


def test_two_pending_replies_in_one_thread_both_show(store):
    b = base_batch()
    b.comments = [comment(1, "First question?"), comment(2, "Second question?")]
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "1"), now=NOW)
    first = outbox.enqueue(store, "intra:c1", "reply", text="answer one", now=NOW)
    second = outbox.enqueue(store, "intra:c2", "reply", text="answer two", now=NOW)

    def placeholders() -> set[str]:
        return {r for (r,) in store.cache.execute(
            "SELECT rid FROM comments WHERE rid LIKE '~%'")}

    assert placeholders() == {"~" + first.action_id, "~" + second.action_id}
    outbox.start(store, first.id)
    outbox.finish(store, first.id, remote_id="99")
    assert placeholders() == {"~" + second.action_id}  # still pending: still shown


def test_hiding_the_staff_reply_reopens_the_question(store):
    b = base_batch()
    question = comment(1, "When does it open?")
    answer = comment(2, "Monday.", parent="1", author="10")  # erik, the post's author
    b.comments = [question, answer]
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "1"), now=NOW)
    store.finish_sync("intra", now=NOW)
    lane = "SELECT lane FROM comments WHERE rid = '1'"
    assert store.cache.execute(lane).fetchone()[0] != "reply"
    hidden = dict(answer, status="hidden", version="2")
    store.apply_page("intra", page(dataclasses.replace(b, comments=[hidden]), "2"), now=NOW)
    # A profile synced from scratch now has the question in the reply lane; so must this one.
    assert store.cache.execute(lane).fetchone()[0] == "reply"


def test_a_reply_is_held_when_a_colleague_answered_meanwhile(demo_server, tmp_path):
    """Two desks answer the same question: the first reply goes, the second is held as
    "already answered" until its writer sends it anyway or discards it."""
    async def scenario() -> None:
        desks = []
        for user in ("mona", "erik"):
            desk = DeskService(tmp_path / user)
            await desk.add_account("demo", "reference", demo_server.url, user,
                                   demo_server.tokens[user])
            await desk.sync()
            desks.append(desk)
        mona, erik = desks
        try:
            item = mona.queue_page("reply", limit=1)[0]
            late = (await mona.act(item.key, "reply", text=f"Mona's {tmp_path.name}")).value
            first = (await erik.act(item.key, "reply", text=f"Erik's {tmp_path.name}")).value
            assert late is not None and first is not None
            await erik.push()
            assert erik.outbox_entry(first.id).state == "done"
            [pushed] = await mona.push()  # not synced yet: the desk cannot know
            assert pushed.held == 0
            # (pushed: the reply went before the answer arrived) — queue another and sync
            again = (await mona.act(item.key, "reply", text=f"Mona again {tmp_path.name}")).value
            assert again is not None
            erik_second = (await erik.act(item.key, "reply", text=f"Erik 2 {tmp_path.name}")
                           ).value
            await erik.push()
            await mona.sync()
            [pushed] = await mona.push()
            held = mona.outbox_entry(again.id)
            assert pushed.held == 1 and held.state == "conflict" and held.held
            assert held.held_text().startswith("Already answered by Erik Solberg")
            assert erik_second is not None
            # the person's say: send anyway
            assert (await mona.retry(again.id)).value
            [pushed] = await mona.push()
            assert pushed.held == 0 and mona.outbox_entry(again.id).state == "done"
        finally:
            for desk in desks:
                await desk.aclose()

    asyncio.run(scenario())
