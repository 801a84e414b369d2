#!/usr/bin/env python3
"""Qt Linguist pipeline for Dialogue Desk: update the .ts sources, release .qm files, check them.

    python scripts/i18n.py update [--drop-obsolete]   # extract tr() strings into i18n/*.ts
    python scripts/i18n.py release [--out-dir DIR]    # compile i18n/*.ts to .qm (build output)
    python scripts/i18n.py check [--strict]           # counts and placeholder mismatches

lupdate parses only files ending in `.py` as Python, and finds nothing in a directory
argument without `-extensions py` (notes/stack-check.md §4), so every source file is listed
explicitly. The tools are taken from the running interpreter's bin directory first, so the
venv's PySide6 version is the one used.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
I18N_DIR = REPO / "i18n"
SOURCE_DIR = REPO / "desktop"
CATALOGUE = "dialogue_desk"
# language code in file names → the TS language attribute (plural rules depend on it)
LANGUAGES: dict[str, str] = {"de": "de_DE", "nb": "nb_NO"}
# English is the source language, but a source text has one form: "%n likes" would read
# "1 likes". Qt's answer is an English catalogue of the plural strings only (lupdate
# -pluralonly) that gives each its singular and plural.
PLURAL_ONLY: dict[str, str] = {"en": "en_GB"}
CATALOGUES: dict[str, str] = {**LANGUAGES, **PLURAL_ONLY}

# %1..%99 (also %L1), %n (numerus) and Python str.format style {name}.
_PLACEHOLDER_RE = re.compile(r"%L?\d{1,2}|%n|\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass(frozen=True)
class Mismatch:
    context: str
    source: str
    translation: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass
class LanguageReport:
    language: str
    path: Path
    finished: int = 0
    unfinished: int = 0
    obsolete: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)


def ts_path(language: str, directory: Path = I18N_DIR) -> Path:
    return directory / f"{CATALOGUE}_{language}.ts"


def source_files(root: Path = SOURCE_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def tool(name: str) -> str:
    """Path of a pyside6 tool: the running venv's bin dir first (not resolved: the venv's
    python is a symlink to the base interpreter), then PATH."""
    suffix = ".exe" if sys.platform == "win32" else ""
    candidate = Path(sys.executable).parent / f"{name}{suffix}"
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install pyside6-essentials into this environment")
    return found


def placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER_RE.findall(text))


def update(*, drop_obsolete: bool = False, directory: Path = I18N_DIR) -> list[Path]:
    """Extract strings from every desktop/**/*.py into the .ts files, keeping translations."""
    directory.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(REPO)) for p in source_files()]
    written = []
    for language, ts_language in CATALOGUES.items():
        target = ts_path(language, directory)
        command = [tool("pyside6-lupdate"), *files, "-ts", str(target),
                   "-target-language", ts_language,
                   # no line numbers: they churn the .ts diff on every unrelated edit
                   "-locations", "none", "-silent"]
        if drop_obsolete:
            command.append("-no-obsolete")
        if language in PLURAL_ONLY:
            command.append("-pluralonly")
        subprocess.run(command, cwd=REPO, check=True)
        written.append(target)
    return written


def release(*, out_dir: Path = I18N_DIR, source_dir: Path = I18N_DIR) -> list[Path]:
    """Compile each .ts to a .qm in out_dir (unfinished entries are left out)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for language in CATALOGUES:
        source = ts_path(language, source_dir)
        target = out_dir / f"{CATALOGUE}_{language}.qm"
        subprocess.run(
            [tool("pyside6-lrelease"), str(source), "-qm", str(target), "-nounfinished",
             "-silent"],
            check=True,
        )
        written.append(target)
    return written


def _translation_texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def check_file(path: Path, language: str) -> LanguageReport:
    report = LanguageReport(language=language, path=path)
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        context_name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source", default="")
            translation = message.find("translation")
            if translation is None:
                report.unfinished += 1
                continue
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                report.obsolete += 1
                continue
            texts = _translation_texts(translation)
            if kind == "unfinished" or not any(texts):
                report.unfinished += 1
            else:
                report.finished += 1
            expected = placeholders(source)
            for text in texts:
                if not text:
                    continue
                found = placeholders(text)
                if found != expected:
                    report.mismatches.append(Mismatch(
                        context=context_name, source=source, translation=text,
                        missing=tuple(sorted((expected - found).elements())),
                        extra=tuple(sorted((found - expected).elements())),
                    ))
    return report


def check(directory: Path = I18N_DIR) -> list[LanguageReport]:
    return [check_file(ts_path(language, directory), language) for language in CATALOGUES]


def _print_reports(reports: list[LanguageReport]) -> None:
    for r in reports:
        print(f"{r.language}: {r.finished} finished, {r.unfinished} unfinished, "
              f"{r.obsolete} obsolete, {len(r.mismatches)} placeholder mismatches")
        for m in r.mismatches:
            print(f"  [{m.context}] {m.source!r} -> {m.translation!r}: "
                  f"missing {list(m.missing)}, extra {list(m.extra)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_update = sub.add_parser("update", help="extract tr() strings into the .ts files")
    p_update.add_argument("--drop-obsolete", action="store_true")
    p_release = sub.add_parser("release", help="compile .qm files")
    p_release.add_argument("--out-dir", type=Path, default=I18N_DIR)
    p_check = sub.add_parser("check", help="report completeness and placeholder mismatches")
    p_check.add_argument("--strict", action="store_true", help="fail on unfinished strings too")
    args = parser.parse_args(argv)

    if args.command == "update":
        for path in update(drop_obsolete=args.drop_obsolete):
            print(f"updated {path.relative_to(REPO)}")
        return 0
    if args.command == "release":
        for path in release(out_dir=args.out_dir):
            print(f"wrote {path}")
        return 0
    reports = check()
    _print_reports(reports)
    failed = any(r.mismatches for r in reports)
    if args.strict:
        failed = failed or any(r.unfinished for r in reports)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
