"""Every released schema upgrades to the current one with the user's data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from desktop.models import accounts, db, outbox, queries
from desktop.models.schema import CACHE_MIGRATIONS, STATE_MIGRATIONS
from desktop.models.store import Store

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-*"))


def test_there_is_a_fixture_for_the_current_schema() -> None:
    current = f"schema-c{len(CACHE_MIGRATIONS)}-s{len(STATE_MIGRATIONS)}"
    assert current in {f.name for f in FIXTURES}, (
        "run tests/fixtures/make_schema_fixture.py and commit the new fixture")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_upgrade_keeps_everything(fixture: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p"
    shutil.copytree(fixture, profile)
    store = Store(profile)
    try:
        assert db.user_version(store.cache) == len(CACHE_MIGRATIONS)
        assert db.user_version(store.state) == len(STATE_MIGRATIONS)
        assert [a.name for a in accounts.list_accounts(store)] == ["intra"]
        assert [e.kind for e in outbox.entries(store)] == ["reply"]
        assert outbox.draft(store, "intra:c2") == "a draft"
        assert queries.lane_counts(store)["followup"] == 1
        assert [h.key for h in queries.search(store, "open")] == ["intra:c1"]
        assert db.quick_check(store.cache)
    finally:
        store.close()


def test_a_failing_step_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = db.connect(path)

    def ok(d: sqlite_utils.Database) -> None:
        d.execute("CREATE TABLE a (x)")

    def broken(d: sqlite_utils.Database) -> None:
        d.execute("CREATE TABLE b (x)")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        db.migrate(conn, [ok, broken], path=path, label="x.db")
    assert db.user_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "a" in tables and "b" not in tables
    conn.close()


def test_an_upgrade_keeps_a_copy_first(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = db.connect(path)

    def v1(d: sqlite_utils.Database) -> None:
        d.execute("CREATE TABLE a (x)")
        d.execute("INSERT INTO a VALUES (1)")

    def v2(d: sqlite_utils.Database) -> None:
        d.execute("ALTER TABLE a ADD COLUMN y")

    db.migrate(conn, [v1], path=path, label="x.db")
    db.migrate(conn, [v1, v2], path=path, label="x.db")
    conn.close()
    backup = sqlite3.connect(tmp_path / "x.db.v1.bak")
    assert backup.execute("SELECT x FROM a").fetchall() == [(1,)]
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()
