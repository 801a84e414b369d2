"""Declared settings: validation, storage and scopes, and that each one changes behaviour."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import accounts, db, queries, triage
from desktop.models import settings as st
from desktop.models.settings import SETTINGS, Change, SettingError, Settings
from desktop.models.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


# --- declarations ---------------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_every_default_is_valid_and_reads_back(key: str) -> None:
    s = SETTINGS[key]
    assert s.check(s.default) == s.default
    assert s.parse(s.format(s.default)) == s.default
    assert s.label and s.help and s.group in st.GROUPS and s.scope in st.SCOPES


BAD = [
    ("sync_interval", "banana", "'banana' is not a number of seconds"),
    ("sync_interval", "-5", "'-5' is not a number of seconds"),
    ("sync_interval", "2d", "172800 is outside 0–86400"),
    ("deadline_question", "10m", "600 is outside 3600–7776000"),
    ("wordpress_sweep_interval", "5", "5 is outside 60–604800"),
    ("language", "fr", "'fr' is not one of system, en, de, nb"),
    ("theme", "blue", "'blue' is not one of system, light, dark"),
    ("content_language", "sv", "'sv' is not one of auto, en, de, nb"),
    ("max_links_en", "many", "'many' is not a whole number"),
    ("max_links_en", "101", "101 is outside 0–100"),
    ("shout_percent_de", "30", "30 is outside 50–100"),
    ("shout_letters_nb", "1", "1 is outside 3–500"),
    ("insults_en", "idiot, 1337", "'1337' is not a word or phrase"),
    ("insults_de", "dumm, *", "'*' is not a word or phrase"),
    ("insults_nb", "du*st", "'du*st' is not a word or phrase"),
]


@pytest.mark.parametrize(("key", "text", "message"), BAD, ids=[f"{k}={t}" for k, t, _ in BAD])
def test_every_validator_refuses_a_bad_value_with_a_message(key: str, text: str,
                                                             message: str) -> None:
    with pytest.raises(SettingError) as caught:
        SETTINGS[key].parse(text)
    assert caught.value.message().startswith(message)
    assert str(caught.value).startswith(f"{key}: ")


@pytest.mark.parametrize("kind", ["choice", "seconds", "integer", "percent", "words"])
def test_every_kind_is_declared_and_refuses_a_wrong_type(kind: str) -> None:
    s = next(s for s in SETTINGS.values() if s.kind == kind)
    with pytest.raises(SettingError):
        s.check("x" if kind != "choice" else 3)
    with pytest.raises(SettingError):
        s.check(True if kind != "words" else "idiot")  # a bool is no number, a str no list


def test_durations_and_word_lists_parse_as_people_write_them() -> None:
    assert SETTINGS["deadline_question"].parse("2h") == 7200
    assert SETTINGS["sync_interval"].parse(" 90 ") == 90
    assert SETTINGS["wordpress_sweep_interval"].parse("15m") == 900
    assert SETTINGS["insults_en"].parse("Idiot, shut up,\nidiot, stupid*") == (
        "idiot", "shut up", "stupid*")


def test_unknown_key_is_one_message() -> None:
    with pytest.raises(SettingError, match="no such setting"):
        st.declaration("banana")


# --- storage --------------------------------------------------------------------------------

def test_round_trip_and_scope_fallback(store: Store, profile: Path) -> None:
    s = store.settings
    assert s.get("deadline_question", "intra", "1") == 24 * 3600
    s.write([Change("deadline_question", 4 * 3600)])
    s.write([Change("deadline_question", 3 * 3600, "intra")])
    s.write([Change("deadline_question", 2 * 3600, "intra", "1")])
    assert s.lookup("deadline_question", "intra", "1") == (7200, "area")
    assert s.lookup("deadline_question", "intra", "2") == (10800, "account")
    assert s.lookup("deadline_question", "other") == (14400, "app")
    assert s.lookup("deadline_mention", "intra", "1") == (8 * 3600, None)
    s.write([Change("insults_en", ["idiot", "fart"], "intra")])
    # another connection (another process) reads what was written
    other = Settings(db.connect(profile / "state.db"))
    assert other.get("deadline_question", "intra", "1") == 7200
    assert other.get("insults_en", "intra") == ("idiot", "fart")
    s.write([Change("deadline_question", None, "intra", "1")])
    assert s.lookup("deadline_question", "intra", "1") == (10800, "account")


@pytest.mark.parametrize(("key", "account", "area", "message"), [
    ("sync_interval", "intra", None, "same for every account"),
    ("insults_en", "intra", "1", "same for every area"),
    ("deadline_question", None, "1", "name the account"),
])
def test_a_value_at_a_scope_the_setting_does_not_have_is_refused(
        store: Store, key: str, account: str | None, area: str | None, message: str) -> None:
    with pytest.raises(SettingError, match=message):
        store.settings.write([Change(key, SETTINGS[key].default, account, area)])
    assert store.settings.stored() == []


def test_a_bad_change_stores_nothing_of_the_batch(store: Store) -> None:
    with pytest.raises(SettingError):
        store.settings.write([Change("sync_interval", 120), Change("max_links_en", -1)])
    assert store.settings.get("sync_interval") == 60


def test_reads_are_a_dict_until_someone_writes(store: Store, profile: Path) -> None:
    s = store.settings
    first = s.rules("intra")
    assert s.rules("intra") is first  # compiled once, not per comment or page
    other = Settings(db.connect(profile / "state.db"))
    other.write([Change("max_links_en", 5, "intra")])  # e.g. the command line
    again = s.rules("intra")
    assert again is not first and again.engagement["en"].max_links == 5
    s.write([Change("max_links_en", 6, "intra")])
    assert s.rules("intra").engagement["en"].max_links == 6


def test_a_stored_value_the_declaration_refuses_is_ignored(store: Store) -> None:
    store.state.execute("INSERT INTO settings VALUES ('max_links_en', '', '', '\"lots\"', 0)")
    store.state.execute("INSERT INTO settings VALUES ('from_the_future', '', '', '1', 0)")
    store.settings.invalidate()
    assert store.settings.get("max_links_en") == 2


def test_a_fresh_state_db_has_the_scoped_table(store: Store) -> None:
    cols = [r[1] for r in store.state.execute("PRAGMA table_info(settings)")]
    assert cols == ["key", "account", "area", "value", "updated_at"]
    tables = {r[0] for r in store.state.execute("SELECT name FROM sqlite_master")}
    assert "saved_searches" not in tables


@pytest.mark.parametrize("fixture", ["schema-c2-s1", "schema-c5-s4", "schema-c7-s4"])
def test_an_upgraded_state_db_keeps_and_reads_settings(fixture: str, tmp_path: Path) -> None:
    profile = tmp_path / "p"
    shutil.copytree(FIXTURES / fixture, profile)
    store = Store(profile)
    try:
        tables = {r[0] for r in store.state.execute("SELECT name FROM sqlite_master")}
        assert "saved_searches" not in tables
        store.settings.write([Change("deadline_mention", 3600, "intra")])
        assert store.settings.get("deadline_mention", "intra", "1") == 3600
        if fixture.endswith("s2"):  # written by the generator at schema 2
            assert store.settings.get("deadline_question", "intra") == 7200
            assert store.settings.get("insults_nb", "intra") == ("dust", "tulling")
    finally:
        store.close()


# --- the language of a comment and the rules per language ---------------------------------

LANGUAGES = [
    ("The dust settled after the move.", "en"),
    ("What do you think about the new canteen", "en"),
    ("Das ist wirklich eine gute Idee", "de"),
    ("Wir haben noch keine Antwort bekommen", "de"),
    ("Jeg synes dette er veldig bra", "nb"),
    ("Du er så dust", "nb"),
    ("Hvorfor ble møtet flyttet", "nb"),
    ("Super!", None),  # no frequent words: the text does not tell
    ("OK", None),
]


@pytest.mark.parametrize(("text", "lang"), LANGUAGES)
def test_language_guess(text: str, lang: str | None) -> None:
    assert triage.guess_language(text) == lang


def _rules(store: Store, *changes: Change) -> triage.Rules:
    store.settings.write(list(changes))
    return store.settings.rules("intra")


RULES = [
    # (text, rules changed for intra, broken)
    ("The dust settled after the move.", (), []),  # nb's insult in English text
    ("Du er så dust", (), ["insult"]),
    ("What an idiot decision", (), ["insult"]),
    ("Bussen kjørte i full fart, og det gikk bra", (Change("insults_en", ["fart"], "intra"),), []),
    ("What a fart, you are", (Change("insults_en", ["fart"], "intra"),), ["insult"]),
    ("Das ist einfach dumm", (), ["insult"]),
    ("Wer das geplant hat, ist ein Idiot.", (), ["insult"]),  # an insult in every language
    ("Wer das geplant hat, ist ein Idiot.", (Change("insults_de", ["dumm"], "intra"),), []),
    ("Jeg er så dumm", (), []),  # German word in Norwegian text
    # unknown language: the content language decides, "auto" applies every language's words
    ("Dust!", (), ["insult"]),
    ("Dust!", (Change("content_language", "en", "intra"),), []),
    ("Dustete!", (Change("content_language", "nb", "intra"),), ["insult"]),
    # thresholds per language
    ("THIS IS NOT OKAY AT ALL", (), ["shouting"]),
    ("THIS IS NOT OKAY AT ALL", (Change("shout_letters_en", 40, "intra"),), []),
    ("DAS IST NICHT IN ORDNUNG", (Change("shout_letters_en", 40, "intra"),), ["shouting"]),
    ("see https://a.test https://b.test https://c.test for the details", (), ["links"]),
    ("see https://a.test https://b.test https://c.test for the details",
     (Change("max_links_en", 3, "intra"),), []),
    ("sieh https://a.test https://b.test https://c.test für die Details",
     (Change("max_links_en", 3, "intra"),), ["links"]),
]


@pytest.mark.parametrize(("text", "changes", "broken"), RULES)
def test_rules_per_language(store: Store, text: str, changes: tuple[Change, ...],
                            broken: list[str]) -> None:
    assert triage.rule_breaks(text, _rules(store, *changes)) == broken


def test_an_area_may_say_which_language_its_comments_are_in(store: Store) -> None:
    rules = _rules(store, Change("content_language", "en", "intra", "1"))
    assert triage.rule_breaks("Dust!", rules, "1") == []
    assert triage.rule_breaks("Dust!", rules, "2") == ["insult"]


# --- settings change what the desk does ----------------------------------------------------

def _load(store: Store, comments: list[dict]) -> None:
    b = base_batch()
    b.comments = comments
    store.begin_sync("intra")
    store.apply_page("intra", page(b, "1"), now=NOW)
    store.finish_sync("intra", now=NOW)


def _row(store: Store, rid: str) -> tuple[str | None, float]:
    return store.cache.execute("SELECT lane, sort_ts FROM comments WHERE rid = ?",
                               (rid,)).fetchone()


def test_deadlines_change_the_reply_lanes_due_times_of_cached_and_new_comments(
        store: Store) -> None:
    _load(store, [comment(1, "When does it open?", age=3600),
                  comment(2, "Who pays for it?", post="2", age=3600)])
    created = NOW - 3600
    assert _row(store, "1") == ("reply", created + 24 * 3600)
    st.apply_changes(store, [Change("deadline_question", 2 * 3600, "intra")], now=NOW)
    assert _row(store, "1") == ("reply", created + 7200)
    assert _row(store, "2") == ("reply", created + 7200)
    # an area (post 2 is in area 2, Finance) may answer faster than the account
    st.apply_changes(store, [Change("deadline_question", 3600, "intra", "2")], now=NOW)
    assert _row(store, "1") == ("reply", created + 7200)
    assert _row(store, "2") == ("reply", created + 3600)
    items = queries.queue_page(store, "reply", limit=10)
    assert [i.key for i in items] == ["intra:c2", "intra:c1"]  # the sooner due first
    # the next sync's new comments get the area's deadline too
    b = base_batch()
    b.comments = [comment(3, "And when is it done?", post="2", age=60)]
    store.apply_page("intra", page(b, "2"), now=NOW)
    assert _row(store, "3") == ("reply", NOW - 60 + 3600)


def test_changed_rules_reach_the_comments_already_cached(store: Store) -> None:
    _load(store, [comment(1, "Bussen kjørte i full fart forbi kontoret", age=3600,
                          author="51")])
    assert _row(store, "1")[0] != "moderate"
    st.apply_changes(store, [Change("insults_nb", ["fart"], "intra")], now=NOW)
    assert _row(store, "1")[0] == "moderate"
    assert queries.lane_counts(store)["moderate"] == 1  # the badges follow
    st.apply_changes(store, [Change("insults_nb", None, "intra")], now=NOW)
    assert _row(store, "1")[0] != "moderate"
    assert queries.lane_counts(store)["moderate"] == 0


def test_a_change_that_decides_no_lane_leaves_the_cache_alone(store: Store) -> None:
    _load(store, [comment(1, "When does it open?")])
    before = store.cache.total_changes
    st.apply_changes(store, [Change("sync_interval", 300)], now=NOW)
    assert store.cache.total_changes == before


# --- the composition root -------------------------------------------------------------------

def _args(*argv: str) -> argparse.Namespace:
    from desktop.cli import build_parser

    return build_parser(list(argv)).parse_args(list(argv))


def test_lang_on_the_command_line_is_saved_and_env_overrides_the_theme(tmp_path: Path) -> None:
    from desktop.app import launch_options
    from desktop.services.desk import DeskService

    service = DeskService(tmp_path / "p")
    try:
        first = launch_options(service, _args("--lang", "de"), {})
        assert (first.lang, first.theme, first.sync_interval) == ("de", "system", 60)
        service.writer.call_sync(st.apply_changes, [Change("sync_interval", 300),
                                                    Change("theme", "light")])
        later = launch_options(service, _args(), {})
        assert (later.lang, later.theme, later.sync_interval) == ("de", "light", 300)
        assert launch_options(service, _args(), {"DIALOGUE_DESK_DARK": "1"}).theme == "dark"
        assert launch_options(service, _args("--style-dark"), {}).theme == "dark"
        assert launch_options(service, _args(), {}).theme == "light"  # overrides are not saved
        odd = launch_options(service, _args("--lang", "fr"), {})
        assert odd.lang == "fr"  # used for the run…
        assert launch_options(service, _args(), {}).lang == "de"  # …but not saved
        service.writer.call_sync(st.apply_changes, [Change("language", "system")])
        assert launch_options(service, _args(), {}).lang is None
    finally:
        service.writer.close()


# --- the command line -----------------------------------------------------------------------

def _cli(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile),
                           "config", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


def test_config_through_the_real_cli(store: Store, profile: Path) -> None:
    _load(store, [comment(1, "When does it open?", age=3600)])
    store.close()
    r = _cli(profile, "set", "sync_interval", "banana")
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "dialogue-desk: sync_interval: 'banana' is not a number of seconds\n"
    for bad, message in ((("set", "nope", "1"), "nope: no such setting"),
                         (("get", "deadline_question", "--account", "ghost"), "No account"),
                         (("set", "theme", "dark", "--account", "intra"), "same for every"),
                         (("reset", "nope"), "nope: no such setting")):
        r = _cli(profile, *bad)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and message in r.stderr, r
    r = _cli(profile, "set", "deadline_question", "2h", "--account", "intra")
    assert r.returncode == 0, r.stderr
    assert _cli(profile, "get", "deadline_question", "--account", "intra",
                "--area", "1").stdout == "7200\n"
    assert _cli(profile, "get", "deadline_question").stdout == "86400\n"
    assert _cli(profile, "set", "deadline_mention", "1h", "--account", "intra",
                "--area", "Finance").returncode == 0  # an area by its name
    assert _cli(profile, "get", "deadline_mention", "--account", "intra",
                "--area", "2").stdout == "3600\n"
    listed = json.loads(_cli(profile, "list", "--json").stdout)
    row = next(r for r in listed if r["key"] == "deadline_question")
    assert row["stored"] == [{"account": "intra", "area": None, "value": 7200}]
    assert {r["key"] for r in listed} == set(SETTINGS)
    assert "deadline_question = 86400  [area]" in _cli(profile, "list").stdout
    conn = sqlite3.connect(profile / "cache.db")  # the CLI triaged the cache again
    assert conn.execute("SELECT sort_ts FROM comments WHERE rid = '1'").fetchone()[0] == \
        NOW - 3600 + 7200
    assert _cli(profile, "reset", "deadline_question").returncode == 0
    assert conn.execute("SELECT sort_ts FROM comments WHERE rid = '1'").fetchone()[0] == \
        NOW - 3600 + 24 * 3600
    conn.close()
    assert _cli(profile, "get", "deadline_question", "--account", "intra").stdout == "86400\n"


def test_the_wordpress_sweep_interval_setting_reaches_the_connector(tmp_path: Path) -> None:
    """The declared setting is what the desk builds a WordPress connector with; other
    platforms are built without it (they take no such option)."""
    from desktop.services import connectors
    from desktop.services.desk import DeskService

    profile = tmp_path / "p"
    store = Store(profile)
    for name, kind in (("wp", "wordpress"), ("intra", "reference"), ("pl", "plone")):
        accounts.save_account(store, accounts.Account(name, kind, "http://intranet.test", "erik"))
    store.close()
    service = DeskService(profile)
    try:
        service.settings.apply([Change("wordpress_sweep_interval", 7200, "wp")]).result()
        by_name = {a.name: a for a in service.accounts()}
        wp = by_name["wp"]
        assert service.connector_options(wp) == {"sweep_interval": 7200.0}
        assert service.connector_options(by_name["intra"]) == {}
        built = connectors.create("wordpress", url=wp.url, username="erik", secret="x",
                                  options=service.connector_options(wp))
        assert built.sweep_interval == 7200.0
        # an option a platform does not take is left out, not a TypeError
        connectors.create("plone", url="http://intranet.test/Plone", username="erik",
                          secret="x", options={"sweep_interval": 60.0})
    finally:
        asyncio.run(service.aclose())
