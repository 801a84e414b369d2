"""The suite cannot go green without its real servers: a WordPress that cannot start FAILS the
WordPress tests; only ``--no-wordpress`` leaves them out, and the run says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

_CONFTEST = f"""
import importlib.util, sys
sys.path.insert(0, {str(TESTS)!r})
_spec = importlib.util.spec_from_file_location("dd_project_conftest", {str(TESTS / "conftest.py")!r})
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
globals().update({{k: v for k, v in vars(_mod).items() if not k.startswith("__")}})
"""

_TEST = """
import pytest

@pytest.mark.wordpress
def test_needs_wordpress(wordpress):
    assert wordpress.url.startswith("http://127.0.0.1:")
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(_CONFTEST)
    (tmp_path / "test_probe.py").write_text(_TEST)
    env = dict(os.environ)
    env["CI"] = ""  # never let the probe install packages
    # A config directory that does not exist: WordPress cannot be configured, so cannot start.
    env["DIALOGUE_DESK_WP_CONFIG_DIR"] = str(tmp_path / "no-such-dir")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", "-q", *args,
         str(tmp_path / "test_probe.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_a_wordpress_that_cannot_start_fails_the_run(tmp_path: Path) -> None:
    res = _run(tmp_path)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "WordPress cannot start" in out
    assert "1 error" in out and "skipped" not in out, out


def test_no_wordpress_skips_and_says_so(tmp_path: Path) -> None:
    res = _run(tmp_path, "--no-wordpress")
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "1 skipped" in out
    # the skipped test's reason and the closing summary both say it
    assert "SKIPPED [1] test_probe.py:4: WordPress tests left out (--no-wordpress)" in out, out
    assert "\nWordPress tests left out (--no-wordpress)\n" in out, out
    assert "WordPress cannot start" not in out


@pytest.mark.parametrize("server", ["wordpress", "plone"])
def test_every_real_server_has_its_leave_out_option(server: str, pytestconfig) -> None:
    assert pytestconfig.getoption(f"--no-{server}") is False
