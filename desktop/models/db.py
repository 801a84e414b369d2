"""Opening SQLite files safely: permissions, pragmas, migrations, corruption.

One SQLite library per process: Python's ``sqlite3`` (QtSql bundles its own copy, and two copies
in one process can break POSIX locking on the same file — DESIGN.md, Known traps).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import crashpoints

if TYPE_CHECKING:
    import sqlite_utils

# sqlite_utils is imported only when a database must be migrated: it costs 60-75 ms of start-up
# (click, pluggy, dateutil) and an up-to-date profile never needs it.
Migration = Callable[["sqlite_utils.Database"], None]


class DatabaseError(Exception):
    """A database problem a person can act on; ``str()`` is the message to show."""


class NewerDatabaseError(DatabaseError):
    """The file was written by a newer Dialogue Desk; we refuse to touch it."""


class CorruptDatabaseError(DatabaseError):
    """The file is not a readable SQLite database (or fails its quick check)."""


def create_private(path: Path) -> None:
    """Create ``path`` with mode 0600 if missing: SQLite's -wal/-shm files inherit the mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def connect(
    path: Path,
    *,
    synchronous: str = "NORMAL",
    readonly: bool = False,
    cache_mb: int = 32,
) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN/COMMIT ourselves) with our pragmas."""
    if not readonly:
        create_private(path)
    conn = sqlite3.connect(
        str(path),
        isolation_level=None,
        check_same_thread=False,  # each connection is still used by one thread at a time
        timeout=10.0,
    )
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        conn.execute("PRAGMA temp_store = MEMORY")
        if readonly:
            conn.execute("PRAGMA query_only = 1")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorruptDatabaseError(f"{path.name} is not a readable database ({exc})") from exc
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (nesting is not supported)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def user_version(conn: sqlite3.Connection, schema: str = "main") -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration],
    *,
    path: Path | None,
    label: str,
) -> int:
    """Bring the database to ``len(migrations)``, one transaction per step.

    A database newer than the app is refused. Before upgrading an existing database a copy is
    kept beside it (``cache.db.v1.bak``), made with the backup API so a live WAL is included.
    Returns the version it started from.
    """
    start = user_version(conn)
    target = len(migrations)
    if start > target:
        raise NewerDatabaseError(
            f"{label} was written by a newer version of Dialogue Desk (schema {start}, this "
            f"version knows up to {target}). Update Dialogue Desk; the file was left untouched."
        )
    if start == target:
        return start
    if start > 0 and path is not None:
        backup = path.with_name(f"{path.name}.v{start}.bak")
        create_private(backup)
        dest = sqlite3.connect(str(backup))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            crashpoints.hit("mid_migration")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return start


def quick_check(conn: sqlite3.Connection) -> bool:
    """Whether SQLite finds the file sound (seconds on a big file: never on the GUI thread)."""
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == "ok"


def move_aside(path: Path) -> Path:
    """Rename a broken database (and its -wal/-shm) out of the way; returns the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            shutil.move(str(src), str(target) + suffix)
    return target


# What SQLite says when the file's pages are damaged (SQLITE_CORRUPT, SQLITE_NOTADB): on open,
# or on any later read or write that meets a bad page, possibly long after start-up.
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
_DAMAGE_TEXTS = ("database disk image is malformed", "file is not a database",
                 "malformed database schema")


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says a database file is damaged (not busy, full, or misused)."""
    if isinstance(exc, CorruptDatabaseError):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    text = str(exc).lower()
    return any(marker in text for marker in _DAMAGE_TEXTS)
