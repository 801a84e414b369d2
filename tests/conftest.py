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


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test gets a fresh in-memory keyring: no test touches a real one."""
    from desktop.services.credentials import MemoryKeyring

    old = keyring.get_keyring()
    mem = MemoryKeyring()
    keyring.set_keyring(mem)
    yield mem
    keyring.set_keyring(old)


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
