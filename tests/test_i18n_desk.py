"""German and Norwegian in the desk itself: every reason the triage can give, and the main
window in Norwegian (the catalogues are compiled for the test, as ``--lang`` loads them)."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import qloop_fixture  # noqa: F401 - fixture
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.models import triage
from desktop.models.qt_models import translate_triage

REPO = Path(__file__).resolve().parents[1]
NOW = 1_800_000_000.0
FLAG_REASONS = ("insulting", "spam", "off-topic")  # what the intranets send as a flag's why
ROLES = ("admin", "moderator", "editor", "ambassador", "employee")


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    subprocess.run([sys.executable, str(REPO / "scripts" / "i18n.py"), "release", "--out-dir",
                    str(out)], check=True, capture_output=True, timeout=120)
    return out


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp, qm_dir: Path) -> Iterator[QTranslator]:
    """What ``--lang <request.param>`` installs; yields our own catalogue."""
    from desktop.app import install_translators

    installed = install_translators(qapp, request.param, qm_dir)
    ours = QTranslator()
    assert ours.load(QLocale(request.param), "dialogue_desk", "_", str(qm_dir))
    yield ours
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def _reasons_in_describe() -> set[str]:
    return set(re.findall(r'reason == "(\w+)"', inspect.getsource(triage.describe)))


def _rule_names() -> set[str]:
    return set(re.findall(r'broken\.append\("([\w-]+)"\)', inspect.getsource(triage.rule_breaks)))


def _every_reason() -> list[tuple[str, dict, list[str]]]:
    """(reason or lane, describe() keyword arguments, data words it translates)."""
    cases: list[tuple[str, dict, list[str]]] = []
    for lane in ("done", "snoozed", "followup"):
        cases.append((lane, {"reason": None, "args": None, "lane": lane,
                             "mark_until": NOW + 5 * 3600}, []))
    for age in (120, 5 * 3600, 4 * 86400):  # minutes, hours, days
        cases.append(("held", {"reason": "held", "args": None, "created_at": NOW - age}, []))
    for count, word in ((1, "once"), (2, "twice"), (5, None)):
        for why in FLAG_REASONS:
            cases.append(("flagged", {"reason": "flagged", "args": {"count": count, "why": why}},
                          [why] + ([word] if word else [])))
    for rule in sorted(_rule_names()):
        cases.append(("rule", {"reason": "rule", "args": {"rules": [rule]}}, [rule]))
    cases.append(("mention", {"reason": "mention", "args": {"who": "erik"}}, []))
    for role in (*ROLES, ""):
        cases.append(("question", {"reason": "question", "args": {"role": role}},
                      [role] if role else []))
    for reason in ("own_post", "first_time", "idea", "unseen"):
        cases.append((reason, {"reason": reason, "args": None}, []))
    cases.append(("heated", {"reason": "heated",
                             "args": {"replies": 14, "minutes": 20, "flagged": 3}}, []))
    for due in (NOW - 2 * 86400, NOW + 5 * 86400):  # overdue, and still to come
        cases.append(("promise", {"reason": "promise", "lane": "followup",
                                  "created_at": NOW - 9 * 86400, "args": {"due": due}}, []))
    return cases


def _describe(kwargs: dict, tr) -> str:
    base = {"author": "Kari Nordmann", "created_at": NOW - 7200, "now": NOW, "tr": tr}
    return triage.describe(**(base | kwargs))


def test_the_table_covers_every_reason_the_triage_can_give() -> None:
    covered = {name for name, *_ in _every_reason()}
    assert _reasons_in_describe() <= covered, _reasons_in_describe() - covered
    assert {"shouting", "insult", "links"} <= _rule_names()


@pytest.mark.parametrize("language", ["de", "nb"], indirect=True)
def test_every_triage_reason_comes_out_translated(language: QTranslator) -> None:
    untranslated = []
    for name, kwargs, words in _every_reason():
        english = _describe(kwargs, lambda text: text)
        shown = _describe(kwargs, translate_triage)
        assert shown, name
        if shown == english:
            untranslated.append(english)
        # a data word may read the same in both languages ("moderator"), but the catalogue
        # must have it: a missing entry would show the English word
        untranslated += [w for w in words if not language.translate("", w)]
    assert not untranslated, untranslated


def test_lang_nb_shows_norwegian_in_the_main_window(qtbot, qloop, tmp_path: Path,
                                                    qapp, qm_dir: Path) -> None:
    from desk_fixtures import build_big_profile
    from PySide6.QtCore import QSettings

    from desktop.app import install_translators
    from desktop.controller import DeskController
    from desktop.models.qt_models import REASON_ROLE
    from desktop.services.desk import DeskService
    from desktop.views.main_window import MainWindow

    installed = install_translators(qapp, "nb", qm_dir)
    assert installed, "no translator was installed for nb"
    profile = tmp_path / "profile"
    build_big_profile(profile, comments=50)
    controller = DeskController(DeskService(profile), loop=qloop, sync_interval_ms=0)
    window = MainWindow(controller, QSettings(str(tmp_path / "desk.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        assert window.sidebar._lanes["reply"].text(0).startswith("Svar  ("), \
            window.sidebar._lanes["reply"].text(0)
        assert window.actions_["approve"].text() == language_text("nb", "Actions", "&Approve")
        assert window.actions_["next"].text() != "&Next item"
        assert window.snooze_menu.tomorrow.text() != "&Tomorrow morning"
        assert window.model.total() > 0
        reason = window.model.index(0).data(REASON_ROLE)
        assert "ubesvart" in reason, reason  # triage.describe() through the catalogue
        window.set_lane("snoozed")
        assert window.queue._empty_text == language_text("nb", "MainWindow", "Nothing snoozed")
        assert window.queue._empty_text != "Nothing snoozed"
    finally:
        window.close()
        qloop.run_until_complete(controller.aclose())
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def language_text(lang: str, context: str, source: str) -> str:
    """The finished translation in the shipped .ts file (the test's own source of truth)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(REPO / "i18n" / f"dialogue_desk_{lang}.ts").getroot()
    for ctx in root.iter("context"):
        if ctx.findtext("name", "") != context:
            continue
        for message in ctx.iter("message"):
            if message.findtext("source") == source:
                text = message.findtext("translation") or ""
                assert text, f"{source!r} has no {lang} translation"
                return text
    raise AssertionError(f"{source!r} not in the {lang} catalogue")
