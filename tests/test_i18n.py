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
        f"dialogue_desk_{lang}.qm" for lang in i18n.LANGUAGES
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
