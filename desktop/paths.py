"""Where a profile lives: read by the command line and the desk alike (neither imports the
other for it)."""

from __future__ import annotations

import os
from pathlib import Path


def default_profile() -> Path:
    env = os.environ.get("DIALOGUE_DESK_PROFILE")
    if env:
        return Path(env)
    import platformdirs  # ~10 ms: only when no profile was named

    return Path(platformdirs.user_data_dir("dialogue-desk", appauthor=False)) / "default"


def demo_profile() -> Path:
    return default_profile().parent / "demo"
