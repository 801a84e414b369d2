"""The packaged desk: scripts/build.sh builds the one-folder app and the frozen program opens its
main window on a demo profile, offscreen, and exits 0 (slow: about a minute; CI excludes it).

    .venv/bin/pytest -m slow tests/test_build.py
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[build]'")
    out = tmp_path_factory.mktemp("build")
    env = dict(os.environ, DIST=str(out / "dist"), WORK=str(out / "work"), SKIP_SELF_TEST="1",
               PYTHON=sys.executable)
    res = subprocess.run(["sh", str(ROOT / "scripts" / "build.sh")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=900, check=False)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return out / "dist" / "dialogue-desk"


def _run(app: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: the frozen program must not lean on the venv or this checkout.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path)}
    return subprocess.run([str(app / "dialogue-desk"), "--profile", str(tmp_path / "p"),
                           *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=180, check=False)


def test_the_frozen_desk_opens_on_the_demo(frozen: Path, tmp_path: Path) -> None:
    res = _run(frozen, tmp_path, "--self-test")
    assert res.returncode == 0, res.stdout + res.stderr
    line = next(ln for ln in res.stdout.splitlines() if "-> " in ln)
    assert "demo=True" in line and "queue=True" in line and line.endswith("-> ok")
    assert "rows=0 " not in line


def test_the_frozen_desk_ships_its_translations(frozen: Path, tmp_path: Path) -> None:
    assert sorted(p.name for p in (frozen / "_internal" / "i18n").glob("*.qm")) == [
        "dialogue_desk_de.qm", "dialogue_desk_nb.qm"]
    res = _run(frozen, tmp_path, "--self-test", "--lang", "de")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "lane='Antworten'" in res.stdout


def test_the_unused_qt_parts_are_left_out(frozen: Path) -> None:
    names = {p.name for p in frozen.rglob("*")}
    assert "libQt6Svg.so.6" in names  # our icons are SVG
    assert not {n for n in names if n.startswith(("libQt6Quick", "libQt6Pdf", "libqwayland"))}
    # PyInstaller links some libraries twice: count each file once.
    size = sum(p.stat().st_size for p in frozen.rglob("*")
               if p.is_file() and not p.is_symlink())
    assert size < 190 * 2**20, f"{size / 2**20:.0f} MB"
