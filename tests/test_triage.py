"""The triage rules, table-driven, in English, German and Norwegian."""

from __future__ import annotations

import json

import pytest

from desktop.models import triage
from desktop.models.triage import Facts, Me, classify, describe

NOW = 1_800_000_000.0
H = 3600.0
ME = Me(user_id="10", username="erik", role="editor")


def facts(text: str, **kw) -> Facts:
    base = {"status": "published", "text": text, "created_at": NOW - 2 * H, "author_id": "50",
            "author_responder": False, "post_author_id": "10", "post_author_role": "editor",
            "staff_replied": False, "staff_liked": False}
    base.update(kw)
    return Facts(**base)


QUESTIONS = [
    ("en", "When will the canteen open again?", True),
    ("en", "How do I book the meeting room", True),
    ("en", "Does anyone know the new wifi password", True),
    ("en", "Great news, congratulations to the team.", False),
    ("en", "I think this is a good step.", False),
    ("de", "Wann öffnet die Kantine wieder?", True),
    ("de", "Weiß jemand, wo die Formulare liegen", True),
    ("de", "Wie melde ich mich an", True),
    ("de", "Tolle Neuigkeiten für unser Team.", False),
    ("nb", "Når åpner kantina igjen?", True),
    ("nb", "Hvordan søker jeg om permisjon", True),
    ("nb", "Vet noen hvem som har ansvaret", True),
    ("nb", "Flott nyhet for hele avdelingen.", False),
    ("en", "See https://example.com/?q=1 for details.", False),  # a ? inside a link asks nothing
]


@pytest.mark.parametrize(("lang", "text", "expected"), QUESTIONS)
def test_question_detection(lang: str, text: str, expected: bool) -> None:
    assert triage.is_question(text) is expected, (lang, text)


LANES = [
    # (case, facts, lane, reason)
    ("question en", facts("When does it open?"), "reply", "question"),
    ("question de", facts("Wann geht es los?"), "reply", "question"),
    ("question nb", facts("Hvorfor ble det slik?"), "reply", "question"),
    ("answered question", facts("When does it open?", staff_replied=True), None, None),
    ("mention me", facts("Maybe @erik knows more", post_author_id="99"), "reply", "mention"),
    ("mention someone else", facts("Ask @mona about it.", post_author_id="99",
                                   first_time=False), "acknowledge", "unseen"),
    ("e-mail is no mention", facts("Write to kari@erik.no.", post_author_id="99"),
     "acknowledge", "unseen"),
    ("on my post", facts("Good point, I agree."), "reply", "own_post"),
    ("thanks on my post", facts("Thank you, that helps a lot."), None, None),
    ("danke on my post", facts("Danke!"), None, None),
    ("held", facts("Hello", status="held"), "moderate", "held"),
    ("flagged", facts("meh", flags=(("insulting", 2),)), "moderate", "flagged"),
    ("shouting", facts("THIS IS COMPLETELY UNACCEPTABLE!!!"), "moderate", "rule"),
    ("insult en", facts("What an idiot decision"), "moderate", "rule"),
    ("insult de", facts("Das ist einfach dumm"), "moderate", "rule"),
    ("insult nb", facts("For en teit ordning"), "moderate", "rule"),
    ("link spam", facts("Buy http://a.example http://b.example http://c.example"),
     "moderate", "rule"),
    ("staff may shout", facts("IMPORTANT: READ THIS NOW PLEASE", author_responder=True), None,
     None),
    ("hidden", facts("When?", status="hidden"), None, None),
    ("spam", facts("When?", status="spam"), None, None),
    ("first timer", facts("Nice work everyone", post_author_id="99", first_time=True),
     "acknowledge", "first_time"),
    ("idea de", facts("Mein Vorschlag: mehr Fahrradständer", post_author_id="99"),
     "acknowledge", "idea"),
    ("idea nb", facts("Et forslag: flere sykkelstativ", post_author_id="99"),
     "acknowledge", "idea"),
    ("staff liked", facts("Nice work", post_author_id="99", staff_liked=True), None, None),
    ("thanks needs no thanks", facts("Thanks!", post_author_id="99"), None, None),
    ("takk", facts("Tusen takk", post_author_id="99"), None, None),
    ("too old to acknowledge", facts("Nice", post_author_id="99", created_at=NOW - 30 * 86400),
     None, None),
    ("my own comment", facts("When?", author_id="10"), None, None),
]


@pytest.mark.parametrize(("case", "f", "lane", "reason"), LANES, ids=[c[0] for c in LANES])
def test_lanes(case: str, f: Facts, lane: str | None, reason: str | None) -> None:
    verdict = classify(f, ME, NOW)
    assert (verdict.lane, verdict.reason) == (lane, reason), case


def test_reply_lane_orders_by_sla() -> None:
    mention = classify(facts("@erik?", created_at=NOW - 2 * H), ME, NOW)
    question = classify(facts("When?", created_at=NOW - 10 * H), ME, NOW)
    # the mention is younger but its reply target (8 h) comes before the question's (24 h)
    assert mention.sort < question.sort


def test_first_timers_come_first_in_acknowledge() -> None:
    first = classify(facts("Nice", post_author_id="9", first_time=True), ME, NOW)
    other = classify(facts("Nice", post_author_id="9", created_at=NOW - 60), ME, NOW)
    assert (first.prio, other.prio) == (0, 2)


@pytest.mark.parametrize(
    ("reason", "args", "age", "text"),
    [
        ("question", {"role": "editor"}, 26 * H, "Question to the editor, unanswered for 26 h"),
        ("flagged", {"count": 2, "why": "insulting"}, H, "Flagged twice: insulting"),
        ("first_time", None, H, "First comment by Kari — nobody has reacted"),
        ("mention", {"who": "erik"}, 30 * 60, "Mentions you (@erik), unanswered for 30 min"),
        ("held", None, 3 * 86400, "Held for approval for 3 days"),
    ],
)
def test_reasons_read_like_a_person_wrote_them(reason, args, age, text) -> None:
    assert describe(reason, args, author="Kari", created_at=NOW - age, now=NOW) == text


def test_responders() -> None:
    assert triage.is_responder("1", "editor", (), "9", "a")
    assert triage.is_responder("9", "employee", (), "9", "a")  # the post's author
    assert triage.is_responder("2", "ambassador", {"a"}, "9", "a")
    assert not triage.is_responder("2", "ambassador", {"b"}, "9", "a")
    assert not triage.is_responder("3", "employee", (), "9", "a")


@pytest.mark.parametrize(
    ("scope", "post_author", "area", "lane"),
    [
        ("all", "99", "a", "moderate"),
        ("own_posts", "10", "a", "moderate"),  # an editor on their own post
        ("own_posts", "99", "a", None),  # someone else's post: not the editor's business
        ("areas", "99", "a", "moderate"),  # an ambassador in their area
        ("areas", "99", "b", None),
        ("none", "10", "a", None),
    ],
)
def test_moderation_lane_follows_where_i_may_moderate(scope, post_author, area, lane) -> None:
    me = Me(user_id="10", username="erik", role="editor", areas=frozenset({"a"}), scope=scope)
    verdict = classify(facts("Hello", status="held", post_author_id=post_author, area_id=area),
                       me, NOW)
    assert verdict.lane == lane


@pytest.mark.parametrize(
    "args",
    [
        {"role": "editor"},
        {"role": ""},
        {"who": "Åse"},  # written as is, not escaped
        {"count": 3, "why": "spam"},
        {"why": "spam", "count": 3},  # the order is kept
        {"rules": ["shouting", "insult"]},  # a list cannot be remembered by value
        {"count": 2, "why": "offensive"},
    ],
)  # fmt: skip
def test_verdict_arguments_are_stored_as_json(args) -> None:
    """The JSON of a verdict's arguments is remembered between verdicts; it must stay the
    JSON of these arguments, asked once or many times, among others."""
    expected = json.dumps(args, ensure_ascii=False)
    for _ in range(3):
        assert triage.Verdict("reply", "question", dict(args)).args_json == expected
    assert triage.Verdict("reply", "question", {"role": "other"}).args_json == '{"role": "other"}'
    assert triage.Verdict("reply", "question", None).args_json is None
    assert triage.Verdict("reply", "question", {}).args_json is None
