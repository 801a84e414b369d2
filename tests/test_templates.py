"""Saved replies: placeholders, languages, files, state.db and the service's face."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from records import NOW, base_batch, comment, page

from desktop.models import accounts
from desktop.models import templates as tmpl
from desktop.models.store import Store
from desktop.models.templates import Template, TemplateError
from desktop.services.desk import DeskService
from desktop.services.errors import DeskError

VALUES = {"first_name": "Kari", "author": "Kari Nordmann", "post_title": "Canteen reopens",
          "area": "Oslo", "link": "http://intranet.test/posts/1", "my_name": "Erik Editor"}


@pytest.mark.parametrize(("text", "filled"), [
    ("Hi {first_name}!", "Hi Kari!"),
    ("Hi {author}", "Hi Kari Nordmann"),
    ("About “{post_title}”", "About “Canteen reopens”"),
    ("In {area}", "In Oslo"),
    ("See {link}", "See http://intranet.test/posts/1"),
    ("— {my_name}", "— Erik Editor"),
    ("{first_name}, {first_name}", "Kari, Kari"),
    ("no placeholder", "no placeholder"),
    ("braces { alone } and {} stay", "braces { alone } and {} stay"),
])
def test_every_placeholder_is_filled(text: str, filled: str) -> None:
    result = tmpl.fill(text, VALUES)
    assert result == tmpl.Filled(filled)


def test_an_unknown_placeholder_is_kept_literally_and_reported() -> None:
    result = tmpl.fill("Hi {firstname} and {first_name} {Author} {firstname}", VALUES)
    assert result.text == "Hi {firstname} and Kari {Author} {firstname}"
    assert result.unknown == ("firstname", "Author")


def test_a_known_placeholder_without_a_value_is_kept_and_reported() -> None:
    result = tmpl.fill("In {area}: {link}", {**VALUES, "area": None, "link": ""})
    assert result.text == "In {area}: {link}"
    assert result.missing == ("area", "link")


@pytest.mark.parametrize(("name", "first"), [
    ("Kari Nordmann", "Kari"), ("Nordmann, Kari", "Kari"), ("ola", "ola"), ("  ", ""),
    ("Anne-Marie  Hansen", "Anne-Marie"),
])
def test_first_name(name: str, first: str) -> None:
    assert tmpl.first_name(name) == first


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Hello"), ("de", "Hallo"), ("nb", "Hei"),
    ("fr", "Hello"),  # a language without a text: English
])
def test_the_text_in_each_language(lang: str, expected: str) -> None:
    t = Template("hi", {"en": "Hi", "de": "Hallo", "nb": "Hei"},
                 {"en": "Hello", "de": "Hallo", "nb": "Hei"})
    assert t.body_in(lang) == expected


def test_a_template_in_one_language_answers_in_it_everywhere() -> None:
    t = Template("only-nb", {}, {"nb": "Takk"})
    assert [t.body_in(lang) for lang in tmpl.LANGUAGES] == ["Takk"] * 3
    assert t.title_in("de") == "only-nb"


def test_the_shipped_defaults_read_and_speak_every_language() -> None:
    shipped = tmpl.defaults()
    assert len(shipped) >= 6
    for t in shipped:
        assert set(t.body) == set(tmpl.LANGUAGES) == set(t.title), t.id
        assert t.unknown_placeholders() == [], t.id
    used = {p for t in shipped for text in t.body.values()
            for p in tmpl.PLACEHOLDERS if "{" + p + "}" in text}
    assert used == set(tmpl.PLACEHOLDERS)  # each placeholder shows in a default


BAD_FILES = [
    ("{", "not a JSON file"),
    (b"\xff\xfe{", "not a JSON file"),
    ("[" * 100_000, "nested too deeply"),
    ("[]", "not a template file"),
    ('{"templates": {}}', "not a template file"),
    ('{"version": 9, "templates": []}', "newer"),
    ('{"templates": [1]}', "not an object"),
    ('{"templates": [{"body": {"en": "x"}}]}', "needs an id"),
    ('{"templates": [{"id": "a b", "body": {"en": "x"}}]}', "needs an id"),
    ('{"templates": [{"id": "a", "body": {"fr": "x"}}]}', "unknown language 'fr'"),
    ('{"templates": [{"id": "a", "body": {"en": 3}}]}', "is not text"),
    ('{"templates": [{"id": "a", "body": {"en": " "}}]}', "has no text"),
    ('{"templates": [{"id": "a", "body": "x"}, {"id": "a", "body": "y"}]}', "used twice"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES, ids=[f"{n}-{m}" for n, (_, m) in
                                                              enumerate(BAD_FILES)])
def test_a_bad_file_is_refused_in_one_line(text: str | bytes, message: str) -> None:
    with pytest.raises(TemplateError) as err:
        tmpl.parse(text)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_export_reads_back_the_same() -> None:
    shipped = tmpl.defaults()
    assert tmpl.parse(tmpl.dump(shipped)) == shipped


# --- state.db -------------------------------------------------------------------------------

@pytest.fixture
def profile_with_items(tmp_path: Path) -> Path:
    profile = tmp_path / "profile"
    s = Store(profile)
    accounts.save_account(s, accounts.Account(
        "intra", "reference", "http://intranet.test", "erik", user_id="10",
        display_name="Erik Editor", role="editor", capabilities=frozenset({"reply"})))
    b = base_batch()
    b.posts.append({"id": "3", "area_id": "2", "author_id": "11", "title": "Neue Kantine",
                    "body_html": "<p>Die Kantine ist ab Montag wieder offen und wir freuen uns "
                    "auf euch</p>", "created_at": NOW, "updated_at": NOW, "locked": False,
                    "status": "published", "url": "http://intranet.test/posts/3",
                    "version": "1"})
    b.comments = [comment(1, "Opening hours?"),
                  comment(2, "Hvor er kantina og når åpner den?", post="2", author="51"),
                  comment(3, "Wann?", post="3")]
    s.begin_sync("intra")
    s.apply_page("intra", page(b, "1"), now=NOW)
    s.finish_sync("intra", now=NOW)
    s.close()
    return profile


@pytest.fixture
def desk(profile_with_items: Path) -> Iterator[DeskService]:
    service = DeskService(profile_with_items)
    yield service
    service.writer.close()
    service._close_reads()


def test_defaults_until_the_first_change_then_state_db_keeps_the_persons(
        desk: DeskService) -> None:
    t = desk.templates
    assert [x.id for x in t.all()] == [x.id for x in tmpl.defaults()]
    assert not tmpl.seeded(desk.read_store())  # a read never writes
    assert t.submit_delete("fixed").result() is True
    mine = Template("mine", {"en": "Mine"}, {"en": "Thanks, {first_name}!"})
    t.submit_save(mine).result()
    ids = [x.id for x in t.all()]
    assert "fixed" not in ids and ids[-1] == "mine" and len(ids) == len(tmpl.defaults())
    # a deleted default does not come back on a later change
    t.submit_save(Template("mine", {"en": "Mine"}, {"en": "Thank you, {first_name}!"})).result()
    assert "fixed" not in [x.id for x in t.all()]
    assert t.find("MINE") is not None and t.find("Thanks for the idea") is not None
    assert t.find("nope") is None


def test_renaming_keeps_the_place_and_refuses_a_name_in_use(desk: DeskService) -> None:
    t = desk.templates
    first = t.all()[0]
    t.submit_save(Template("renamed", first.title, first.body), first.id).result()
    assert t.all()[0].id == "renamed"
    with pytest.raises(TemplateError, match="exists already"):
        t.submit_save(Template("fixed", first.title, first.body), "renamed").result()
    assert t.all()[0].id == "renamed"


@pytest.mark.parametrize(("text", "_message"), BAD_FILES[:4], ids=[m for _, m in BAD_FILES[:4]])
def test_a_bad_import_keeps_the_old_templates(desk: DeskService, tmp_path: Path, text: Any,
                                              _message: str) -> None:
    t = desk.templates
    t.submit_save(Template("mine", {}, {"en": "x"})).result()
    before = t.all()
    bad = tmp_path / "bad.json"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(TemplateError):
        t.submit_import(bad.read_bytes())
    assert t.all() == before


def test_import_merges_by_id_and_export_round_trips(desk: DeskService, tmp_path: Path) -> None:
    t = desk.templates
    shared = {"version": 1, "templates": [
        {"id": "fixed", "title": {"en": "Fixed!"}, "body": {"en": "Fixed, {first_name}."}},
        {"id": "team", "body": {"de": "Danke {first_name}", "nb": "Takk {first_name}"}}]}
    assert t.submit_import(json.dumps(shared)).result() == 2
    every = {x.id: x for x in t.all()}
    assert every["fixed"].body == {"en": "Fixed, {first_name}."}
    assert every["team"].body_in("nb") == "Takk {first_name}"
    assert len(every) == len(tmpl.defaults()) + 1
    out = tmp_path / "out.json"
    assert t.export_file(out) == len(every)
    assert tmpl.parse(out.read_text(encoding="utf-8")) == t.all()


@pytest.mark.parametrize(("key", "lang", "expected"), [
    # the post's words tell: German
    ("intra:c3", "de", "Danke für die Idee, Kari! Ich habe sie an das Team weitergegeben"),
    # the post does not tell ("Budget"), the comment does: Norwegian, and Ola's first name
    ("intra:c2", "nb", "Takk for ideen, Ola! Jeg har sendt den videre"),
    # neither tells: the interface language (English here)
    ("intra:c1", "en", "Thank you for the idea, Kari! I have passed it on"),
])
def test_the_reply_follows_the_items_language(desk: DeskService, monkeypatch: pytest.MonkeyPatch,
                                              key: str, lang: str, expected: str) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    reply = desk.templates.reply(desk.templates.find("thanks-idea"), key)
    assert reply.language == lang
    assert reply.text.startswith(expected)


def test_content_language_then_interface_language(desk: DeskService,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.models.settings import Change

    t = desk.templates
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    assert t.language_for("intra:c1") == "nb"  # "Opening hours?" tells nothing
    desk.settings.apply([Change("language", "de")]).result()
    assert t.language_for("intra:c1") == "de"
    desk.settings.apply([Change("content_language", "en", "intra", "1")]).result()
    assert t.language_for("intra:c1") == "en"


def test_every_placeholder_is_filled_for_a_real_item(desk: DeskService) -> None:
    every = Template("all", {}, {"en": "{first_name}|{author}|{post_title}|{area}|{link}|"
                                       "{my_name}|{oops}"})
    reply = desk.templates.reply(every, "intra:c1")
    assert reply.text == ("Kari|Kari Nordmann|Canteen reopens|Oslo|"
                          "http://intranet.test/posts/1|Erik Editor|{oops}")
    assert reply.filled.unknown == ("oops",)
    post = desk.templates.reply(every, "intra:p2")
    assert post.text.startswith("Mona|Mona Mod|Budget|Finance|")
    with pytest.raises(DeskError, match="No item"):
        desk.templates.reply(every, "intra:c999")
    with pytest.raises(DeskError, match="not an item id"):
        desk.templates.reply(every, "nonsense")
