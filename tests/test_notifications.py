"""The notification policy, table-tested with the time as a parameter: modes, the budget and
its folded summary, quiet hours, moderation spikes, the digest, things told once."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.notifications import (
    DEADLINE,
    HEATED,
    Event,
    Ledger,
    Policy,
    decide,
    fold_text,
    quiet,
)

NOON = dt.datetime(2026, 12, 2, 12, 0)


def ev(n: int, lane: str = "reply", reason: str | None = "question", *, kind: str = "new",
       account: str = "demo", area: str | None = "1") -> Event:
    return Event(f"{account}:c{n}", account, area, lane, reason, f"Kari {n}", "text", kind)


def run(events, policy=None, now=NOON, ledger=None):
    policy = policy or Policy(digest_hour=-1)
    ledger = ledger or Ledger()
    return decide(events, policy, ledger, now), ledger


@pytest.mark.parametrize(("mode", "reason", "kind", "shown"), [
    ("mentions", "question", "new", True),
    ("mentions", "mention", "new", True),
    ("mentions", "unseen", "new", False),
    ("mentions", "first_time", "new", False),
    ("mentions", "own_post", DEADLINE, True),
    ("mentions", "heated", HEATED, True),
    ("everything", "unseen", "new", True),
    ("digest", "question", "new", False),
    ("digest", "heated", HEATED, False),
    ("off", "mention", "new", False),
    ("off", "own_post", DEADLINE, False),
])
def test_what_notifies_in_each_mode(mode, reason, kind, shown):
    notices, ledger = run([ev(1, reason=reason, kind=kind)], Policy(
        mode=lambda a, ar: mode, digest_hour=-1))
    assert [n.key for n in notices] == (["demo:c1"] if shown else [])
    assert (len(ledger.digest) == 1) == (mode != "off" and kind == "new")


def test_mode_per_account_and_area():
    modes = {("demo", "1"): "off", ("demo", "2"): "everything"}
    policy = Policy(mode=lambda a, ar: modes.get((a, ar), "mentions"), digest_hour=-1)
    notices, _ = run([ev(1, area="1"), ev(2, reason="unseen", area="2"),
                      ev(3, reason="unseen", area="3"), ev(4, account="wp", area="1")], policy)
    assert [n.key for n in notices] == ["demo:c2", "wp:c4"]


def test_a_burst_gives_the_budget_and_one_summary():
    events = [ev(i) for i in range(150)] + [ev(i, "moderate", "flagged")
                                            for i in range(150, 153)]
    notices, ledger = run(events, Policy(mode=lambda a, ar: "everything", budget=6,
                                         spike=1000, digest_hour=-1))
    assert [n.kind for n in notices] == ["item"] * 6 + ["summary"]
    assert notices[-1].body == "144 more in Reply, 3 in Moderate"
    # the hour is spent: the next sync's items are folded, the next summary waits its turn
    later, _ = run([ev(500)], Policy(budget=6, digest_hour=-1),
                   NOON + dt.timedelta(minutes=5), ledger)
    assert later == []
    later, _ = run([], Policy(budget=6, digest_hour=-1), NOON + dt.timedelta(minutes=11),
                   ledger)
    assert [(n.kind, n.body) for n in later] == [("summary", "1 more in Reply")]
    # an hour later the budget is back
    later, _ = run([ev(501)], Policy(budget=6, digest_hour=-1),
                   NOON + dt.timedelta(minutes=61), ledger)
    assert [n.key for n in later] == ["demo:c501"]


@pytest.mark.parametrize(("start", "end", "hour", "hushed"), [
    (22, 7, 23, True), (22, 7, 3, True), (22, 7, 7, False), (22, 7, 12, False),
    (22, 7, 22, True), (13, 15, 14, True), (13, 15, 15, False), (8, 8, 8, False),
])
def test_quiet_hours(start, end, hour, hushed):
    assert quiet(Policy(quiet_from=start, quiet_until=end), NOON.replace(hour=hour)) is hushed


def test_quiet_hours_show_nothing_and_fold_into_the_next_summary():
    policy = Policy(quiet_from=22, quiet_until=7, digest_hour=-1)
    night = NOON.replace(hour=23)
    notices, ledger = run([ev(i) for i in range(5)] + [ev(9, kind=HEATED)], policy, night)
    assert notices == []
    morning, _ = run([], policy, NOON.replace(hour=7, minute=5) + dt.timedelta(days=1),
                     ledger)
    assert [(n.kind, n.body) for n in morning] == [("summary", "6 more in Reply")]


def test_a_moderation_spike_is_one_notice():
    events = [ev(i, "moderate", "flagged") for i in range(8)] + [ev(20)]
    notices, _ = run(events, Policy(spike=8, digest_hour=-1))
    assert [(n.kind, n.key) for n in notices] == [("item", "demo:c20"), ("spike", None)]
    assert "8" in notices[1].body
    fewer, _ = run(events[:7], Policy(spike=8, digest_hour=-1))
    assert fewer == []  # flags are no mentions: not one by one either
    everything = Policy(mode=lambda a, ar: "everything", spike=8, digest_hour=-1)
    fewer, _ = run(events[:7], everything)
    assert [n.kind for n in fewer] == ["item"] * 6 + ["summary"]


def test_deadlines_and_heated_threads_are_told_once():
    ledger = Ledger()
    first, _ = run([ev(1, kind=DEADLINE), ev(2, "moderate", "heated", kind=HEATED)],
                   ledger=ledger)
    again, _ = run([ev(1, kind=DEADLINE), ev(2, "moderate", "heated", kind=HEATED)],
                   now=NOON + dt.timedelta(minutes=30), ledger=ledger)
    assert len(first) == 2 and again == []


def test_the_digest_once_a_day_at_its_hour():
    policy = Policy(mode=lambda a, ar: "digest", digest_hour=9)
    ledger = Ledger()
    assert run([ev(1)], policy, NOON.replace(hour=8), ledger)[0] == []  # starts the count
    assert run([ev(2, "moderate", "flagged")], policy, NOON.replace(hour=8, minute=30),
               ledger)[0] == []
    [digest], _ = run([], policy, NOON.replace(hour=9, minute=1), ledger)
    assert digest.kind == "digest" and digest.body == "1 in Reply, 1 in Moderate"
    assert ledger.digest == []
    assert run([ev(3)], policy, NOON.replace(hour=15), ledger)[0] == []  # not twice a day
    [nextday], _ = run([], policy, NOON.replace(hour=9) + dt.timedelta(days=1), ledger)
    assert nextday.body == "1 in Reply"


def test_fold_text_translates():
    german = {"{n} more in {lane}": "{n} weitere in {lane}", "{n} in {lane}": "{n} in {lane}",
              "Reply": "Antworten", "Moderate": "Moderieren"}
    assert fold_text([("reply", 12), ("moderate", 3)], lambda s: german.get(s, s)) == \
        "12 weitere in Antworten, 3 in Moderieren"
