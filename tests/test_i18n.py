"""The shipped .ts files parse, keep their placeholders, and compile to .qm that Qt loads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from desk_fixtures import qloop_fixture  # noqa: F401 - fixture
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "i18n.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dialogue_desk_i18n", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


i18n = _load_script()


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_ts_file_parses_and_names_its_language(language: str) -> None:
    path = i18n.ts_path(language)
    root = ET.parse(path).getroot()
    assert root.tag == "TS"
    assert root.get("language", "").startswith(language)
    assert list(root.iter("message"))


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_translations_keep_the_source_placeholders(language: str) -> None:
    report = i18n.check_file(i18n.ts_path(language), language)
    assert report.finished > 0
    assert report.mismatches == []


def test_check_reports_a_placeholder_mismatch(tmp_path: Path) -> None:
    ts = tmp_path / "dialogue_desk_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de_DE">'
        "<context><name>X</name>"
        "<message><source>Opens %1</source><translation>Öffnet</translation></message>"
        "<message><source>{n} days by {who}</source><translation>{n} Tage von {wer}</translation>"
        "</message>"
        '<message><source>Open</source><translation type="unfinished"></translation></message>'
        '<message><source>Gone</source><translation type="vanished">Weg</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    report = i18n.check_file(ts, "de")
    assert (report.finished, report.unfinished, report.obsolete) == (2, 1, 1)
    assert [(m.missing, m.extra) for m in report.mismatches] == [
        (("%1",), ()), (("{who}",), ("{wer}",))
    ]


def test_release_makes_qm_that_qt_loads(qapp, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "release", "--out-dir", str(tmp_path)],
        check=True, capture_output=True, timeout=60,
    )
    assert {p.name for p in tmp_path.glob("*.qm")} == {
        f"dialogue_desk_{lang}.qm" for lang in i18n.CATALOGUES
    }
    translator = QTranslator()
    assert translator.load(QLocale("de"), "dialogue_desk", "_", str(tmp_path))
    assert QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("SafeBrowser", "Comment text") == "Kommentartext"
        assert QCoreApplication.translate("SafeBrowser", "Opens %1") == "Öffnet %1"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("SafeBrowser", "Comment text") == "Comment text"


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_every_shipped_language_is_complete(language: str) -> None:
    report = i18n.check_file(i18n.ts_path(language), language)
    assert report.unfinished == 0, f"{language}: {report.unfinished} strings untranslated"
    assert report.obsolete == 0
    assert report.mismatches == []


def test_ts_files_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """The .ts files are up to date: a fresh lupdate run finds no string they lack."""
    for language in i18n.LANGUAGES:
        (tmp_path / i18n.ts_path(language).name).write_bytes(i18n.ts_path(language).read_bytes())
    i18n.update(directory=tmp_path)

    def sources(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(c.findtext("name", ""), m.findtext("source", ""))
                for c in root.iter("context") for m in c.iter("message")
                if (m.find("translation") is None
                    or m.find("translation").get("type") not in ("obsolete", "vanished"))}

    for language in i18n.LANGUAGES:
        fresh = sources(tmp_path / i18n.ts_path(language).name)
        assert fresh == sources(i18n.ts_path(language)), language
        assert i18n.check_file(tmp_path / i18n.ts_path(language).name, language).unfinished == 0


def test_action_labels_and_triage_reasons_are_extracted() -> None:
    """Strings the code translates from tables and from triage.py are in the catalogue."""
    root = ET.parse(i18n.ts_path("de")).getroot()
    found = {(c.findtext("name", ""), m.findtext("source", ""))
             for c in root.iter("context") for m in c.iter("message")}
    assert ("Actions", "&Approve") in found
    assert ("Actions", "Lane: Moderate") in found
    assert ("", "Held for approval for {age}") in found  # triage.describe, empty context
    assert ("", "insulting") in found  # a flag reason translated from data


@pytest.fixture
def german(qapp, tmp_path: Path):
    """What ``--lang de`` does at start-up, with .qm files compiled for this test."""
    from desktop.app import install_translators

    subprocess.run([sys.executable, str(SCRIPT), "release", "--out-dir", str(tmp_path / "qm")],
                   check=True, capture_output=True, timeout=60)
    installed = install_translators(qapp, "de", tmp_path / "qm")
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_lang_de_shows_german_in_the_main_window(german, qtbot, qloop, tmp_path: Path) -> None:
    """What ``--lang de`` installs turns the desk German: lanes, actions, reasons, empty states."""
    from desk_fixtures import build_big_profile
    from PySide6.QtCore import QSettings

    from desktop.controller import DeskController
    from desktop.models.qt_models import REASON_ROLE
    from desktop.services.desk import DeskService
    from desktop.views.main_window import MainWindow

    assert german, "no translator was installed for de"
    profile = tmp_path / "profile"
    build_big_profile(profile, comments=50)
    service = DeskService(profile)
    controller = DeskController(service, loop=qloop, sync_interval_ms=0)
    window = MainWindow(controller, QSettings(str(tmp_path / "desk.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        assert window.sidebar._lanes["reply"].text(0).startswith("Antworten  (")
        assert window.sidebar._lanes["moderate"].text(0).startswith("Moderieren  (")
        assert window.actions_["approve"].text() == "&Freigeben"
        assert window.actions_["next"].text() == "&Nächster Eintrag"
        assert window.snooze_menu.tomorrow.text() == "&Morgen früh"
        assert window.search.placeholderText() == "Suchen (/)"
        assert window.model.total() > 0
        reason = window.model.index(0).data(REASON_ROLE)
        assert "unbeantwortet" in reason, reason  # triage.describe() through the catalogue
        window.set_lane("snoozed")
        assert window.queue._empty_text == "Nichts zurückgestellt"
    finally:
        window.close()
        qloop.run_until_complete(controller.aclose())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_english_counts_read_right(qapp, tmp_path: Path, lang: str) -> None:
    """The source text is plural ("%n likes"); the English catalogue gives one its singular,
    also for a language we do not ship (the interface stays English)."""
    from desktop.app import install_translators

    subprocess.run([sys.executable, str(SCRIPT), "release", "--out-dir", str(tmp_path)],
                   check=True, capture_output=True, timeout=60)
    installed = install_translators(qapp, lang, tmp_path)
    try:
        assert QCoreApplication.translate("ThreadView", "%n likes", "", 1) == "1 like"
        assert QCoreApplication.translate("ThreadView", "%n likes", "", 2) == "2 likes"
        assert QCoreApplication.translate("ThreadView", "%n flags", "", 1) == "1 flag"
        assert QCoreApplication.translate("ThreadView", "flagged %n times", "", 1) == "flagged 1 time"
        assert QCoreApplication.translate("DeskController", "%n new or changed records", "",
                                          1) == "1 new or changed record"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
