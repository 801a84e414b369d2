"""Shared fixtures: offscreen Qt, an in-memory keyring, the demo intranet on 127.0.0.1."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parents[1]))  # bench/ and scripts/ beside desktop/

import keyring
import pytest
from plone_env import plone  # noqa: F401 - registers the fixture for every test module
from wordpress_env import wordpress  # noqa: F401 - registers the fixture for every test module

# Real servers some tests need: marker -> the name people know it by. Their tests FAIL when
# the server cannot be installed or started; only ``--no-<marker>`` leaves them out, and the
# run says so. Plone joins by adding a line here (its fixture fails the same way).
REAL_SERVERS: dict[str, str] = {"wordpress": "WordPress", "plone": "Plone"}


def left_out_reason(marker: str) -> str:
    return f"{REAL_SERVERS[marker]} tests left out (--no-{marker})"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dialogue-desk servers")
    for marker, name in REAL_SERVERS.items():
        group.addoption(f"--no-{marker}", action="store_true", default=False,
                        help=f"leave out the tests that need a real {name} (they are skipped "
                             "and the summary says so); without it they fail when the server "
                             "cannot be started")


def _left_out(config: pytest.Config) -> list[str]:
    return [m for m in REAL_SERVERS if config.getoption(f"--no-{m}")]


def pytest_configure(config: pytest.Config) -> None:
    for marker, name in REAL_SERVERS.items():
        config.addinivalue_line(
            "markers", f"{marker}: needs a real {name}; fails when it cannot start, "
                       f"skipped only with --no-{marker}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for marker in _left_out(config):
        skip = pytest.mark.skip(reason=left_out_reason(marker))
        for item in items:
            if item.get_closest_marker(marker) is not None:
                item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [left_out_reason(m) for m in _left_out(config)]


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    for marker in _left_out(config):
        terminalreporter.write_line(left_out_reason(marker), yellow=True, bold=True)


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test gets a fresh in-memory keyring: no test touches a real one."""
    from desktop.services.credentials import MemoryKeyring

    old = keyring.get_keyring()
    mem = MemoryKeyring()
    keyring.set_keyring(mem)
    yield mem
    keyring.set_keyring(old)


@pytest.fixture
def writer(tmp_path):
    """The desk's writer thread on a fresh profile (the connectors' tests store through it)."""
    from desktop.models.writer import Writer

    w = Writer(tmp_path / "profile")
    yield w
    w.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """One demo intranet for the session (small, seed 1, no rate limit). Tests that change
    server data must use items they create or pick by unique text; tests that stop or restart
    a server start their own (see ``own_demo_server``)."""
    from desktop.demo.process import DemoServerProcess

    data = tmp_path_factory.mktemp("demo") / "demo.db"
    server = DemoServerProcess(data, seed=1, size="small", rate=0).start()
    yield server
    server.stop()


@pytest.fixture
def own_demo_server(tmp_path):
    from desktop.demo.process import DemoServerProcess

    server = DemoServerProcess(tmp_path / "own-demo.db", seed=2, size="small", rate=0).start()
    yield server
    server.stop()


@pytest.fixture
def profile(tmp_path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def store(profile):
    """A Store on a fresh profile with the account "intra" for erik, an editor (records from
    tests/records.py)."""
    from desktop.models import accounts
    from desktop.models.store import Store

    s = Store(profile)
    accounts.save_account(s, accounts.Account(
        "intra", "reference", "http://intranet.test", "erik", user_id="10", role="editor",
        capabilities=frozenset({"reply", "approve", "hide", "like", "lock"})))
    yield s
    s.close()
