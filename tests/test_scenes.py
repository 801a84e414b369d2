"""The screenshot scenes (scripts/scenes.py) still play: one runs offscreen into a temporary
directory and leaves a picture of the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[1]


def test_a_scene_plays_and_leaves_its_picture(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "scenes.py"), "claims",
                           "--out", str(tmp_path)], env=env, capture_output=True, text=True, check=False,
                          timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    picture = QImage(str(tmp_path / "claimed-item.png"))
    assert not picture.isNull() and picture.width() >= 1000


def test_an_unknown_scene_is_one_clear_error():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "scenes.py"), "nope"],
                          env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, check=False,
                          text=True, timeout=60)
    assert done.returncode == 2 and "unknown scene 'nope'" in done.stderr
