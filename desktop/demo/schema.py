"""The demo server's SQLite schema: tables, indexes and the triggers that keep feed counts.

Ids are integers here and decimal strings on the wire (``"17"`` is comment 17); the
tables keep the plain names tests look for (``comments``, ``idempotency``). Every entity row
carries ``seq`` (the global change counter at its latest change) and ``version`` (bumped on
every change).

``feed_buckets`` counts live change-feed rows per block of 1024 seq values. Triggers keep it in
step with every insert, delete and seq move, so ``remaining`` in a feed page is a sum over at
most ~1000 buckets plus one short index range, instead of a count over a million rows.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 3  # 2: users.leader, posts.views; 3: claims
BUCKET_SHIFT = 10  # 1024 seq values per bucket
FEED_TABLES = ("areas", "users", "posts", "comments", "tombstones", "claims")

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE areas (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE TABLE users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL,
    name_key TEXT NOT NULL, role TEXT NOT NULL, areas TEXT NOT NULL DEFAULT '[]',
    token TEXT, created_at TEXT NOT NULL, leader INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY, area_id INTEGER NOT NULL, author_id INTEGER NOT NULL,
    title TEXT NOT NULL, body_html TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, locked INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL, parent_id INTEGER,
    author_id INTEGER NOT NULL, body_html TEXT NOT NULL, status TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE TABLE likes (
    comment_id INTEGER NOT NULL, user_id INTEGER NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, user_id)) WITHOUT ROWID;
CREATE TABLE flags (
    id INTEGER PRIMARY KEY, comment_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
    reason TEXT NOT NULL, created_at TEXT NOT NULL, cleared_at TEXT);
CREATE TABLE tombstones (
    entity TEXT NOT NULL, id INTEGER NOT NULL, deleted_at TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (entity, id)) WITHOUT ROWID;
CREATE TABLE idempotency (
    user_id INTEGER NOT NULL, key TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)) WITHOUT ROWID;
CREATE TABLE feed_buckets (bucket INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE claims (
    comment_id INTEGER PRIMARY KEY, user_id INTEGER, expires_at REAL NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL);
"""

# Built after a bulk load: maintaining indexes during the load costs ~25 % (notes, §1).
_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS areas_seq ON areas(seq);
CREATE UNIQUE INDEX IF NOT EXISTS users_seq ON users(seq);
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users(username);
CREATE INDEX IF NOT EXISTS users_name_key ON users(name_key);
CREATE UNIQUE INDEX IF NOT EXISTS users_token ON users(token) WHERE token IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS posts_seq ON posts(seq);
CREATE UNIQUE INDEX IF NOT EXISTS comments_seq ON comments(seq);
CREATE INDEX IF NOT EXISTS comments_post ON comments(post_id);
CREATE INDEX IF NOT EXISTS comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS flags_comment ON flags(comment_id) WHERE cleared_at IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS tombstones_seq ON tombstones(seq);
CREATE UNIQUE INDEX IF NOT EXISTS claims_seq ON claims(seq);
"""


def _bucket_triggers(table: str) -> str:
    bump = (
        f"INSERT INTO feed_buckets(bucket, n) VALUES (NEW.seq >> {BUCKET_SHIFT}, 1) "
        "ON CONFLICT(bucket) DO UPDATE SET n = n + 1;"
    )
    drop = f"UPDATE feed_buckets SET n = n - 1 WHERE bucket = OLD.seq >> {BUCKET_SHIFT};"
    return f"""
CREATE TRIGGER IF NOT EXISTS {table}_feed_ins AFTER INSERT ON {table} BEGIN {bump} END;
CREATE TRIGGER IF NOT EXISTS {table}_feed_del AFTER DELETE ON {table} BEGIN {drop} END;
CREATE TRIGGER IF NOT EXISTS {table}_feed_upd AFTER UPDATE OF seq ON {table}
    WHEN OLD.seq <> NEW.seq BEGIN {drop} {bump} END;
"""


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, NORMAL sync."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA cache_size=-65536")
    if readonly:
        conn.execute("PRAGMA query_only=ON")
    return conn


def state(conn: sqlite3.Connection) -> str:
    """"empty" (no tables), "demo" (generated demo data) or "foreign" (some other database).

    A foreign file is never touched: the generator drops tables called ``comments``, ``users``
    and so on, and --data might point at something precious by mistake.
    """
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return "empty"
    if "meta" in tables and conn.execute(
            "SELECT 1 FROM meta WHERE key='generated'").fetchone() is not None:
        return "demo"
    return "foreign"


def create_tables(conn: sqlite3.Connection) -> None:
    """Fresh tables for a bulk load (no indexes or triggers yet). Caller owns the transaction."""
    for table in ("meta", "counters", *FEED_TABLES, "likes", "flags", "idempotency",
                  "feed_buckets"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


def finish_load(conn: sqlite3.Connection) -> None:
    """After a bulk load: indexes, bucket counts, and the triggers that maintain them."""
    for statement in _INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)
    union = " UNION ALL ".join(f"SELECT seq FROM {t}" for t in FEED_TABLES)
    conn.execute("DELETE FROM feed_buckets")
    conn.execute(
        f"INSERT INTO feed_buckets(bucket, n) SELECT seq >> {BUCKET_SHIFT}, COUNT(*) "
        f"FROM ({union}) GROUP BY 1"
    )
    for table in FEED_TABLES:
        for statement in _split_triggers(_bucket_triggers(table)):
            conn.execute(statement)
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
        (str(SCHEMA_VERSION),),
    )


def upgrade(conn: sqlite3.Connection) -> None:
    """Bring a demo data file of an older version up to date (a --data file kept across
    releases): version 2 added ``users.leader`` and ``posts.views``, version 3 ``claims``."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is not None and int(row[0]) >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table, column in (("users", "leader"), ("posts", "views")):
            names = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if column not in names:
                conn.execute(
                    f"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS claims (comment_id INTEGER PRIMARY KEY, user_id INTEGER,"
            " expires_at REAL NOT NULL DEFAULT 0, seq INTEGER NOT NULL)")
        conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS claims_seq ON claims(seq)")
        for statement in _split_triggers(_bucket_triggers("claims")):
            conn.execute(statement)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                     (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _split_triggers(script: str) -> list[str]:
    # Trigger bodies contain ';', so split on the END that closes each CREATE TRIGGER.
    parts = [p.strip() for p in script.split(" END;")]
    return [p + " END" for p in parts if p]
