"""Schemas of the two files of a profile, as lists of migrations (PRAGMA user_version).

``cache.db`` holds synced records and is disposable: it can be rebuilt from the server.
``state.db`` holds what only this user has (accounts, outbox, marks, drafts) and is precious.

Never edit a released migration: append a new one. tests/fixtures/ keeps one database per
released schema version and tests/test_migrations.py upgrades each.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils  # imported by db.migrate when a migration runs

# Lanes, as stored in comments.lane / comments.triage.
REPLY, MODERATE, ACKNOWLEDGE = "reply", "moderate", "acknowledge"
DONE, SNOOZED, FOLLOWUP = "done", "snoozed", "followup"
LANES = (REPLY, MODERATE, ACKNOWLEDGE, DONE, SNOOZED, FOLLOWUP)
# Not a lane (a removed comment leaves every lane) but read like one: comments hidden, marked
# as spam or deleted, on the server or by an action still in the outbox, newest first, so
# that they can be found again and restored.
REMOVED = "removed"
REMOVED_STATUSES = ("hidden", "spam", "deleted")
VIEWS = (*LANES, REMOVED)

# Actions that go to the server through the outbox (local marks never do).
REMOTE_ACTIONS = (
    "reply", "approve", "hide", "spam", "delete", "restore", "lock", "unlock", "like", "unlike",
)


def _cache_v1(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL UNIQUE,
            cursor TEXT,
            synced_at REAL,
            total INTEGER,
            user_id TEXT,
            username TEXT,
            role TEXT,
            areas TEXT NOT NULL DEFAULT '[]',
            scope TEXT NOT NULL DEFAULT 'all',
            bulk INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE areas (
            acct INTEGER NOT NULL, rid TEXT NOT NULL, name TEXT NOT NULL, kind TEXT,
            PRIMARY KEY (acct, rid)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE users (
            acct INTEGER NOT NULL, rid TEXT NOT NULL,
            username TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL,
            areas TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (acct, rid)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX ix_users_username ON users (acct, username COLLATE NOCASE)")
    db.execute("CREATE INDEX ix_users_display ON users (acct, display_name COLLATE NOCASE)")
    db.execute(
        """CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            acct INTEGER NOT NULL, rid TEXT NOT NULL,
            area_rid TEXT, author_rid TEXT,
            title TEXT NOT NULL DEFAULT '', body_html TEXT NOT NULL DEFAULT '',
            body_text TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL, updated_at REAL NOT NULL,
            locked INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'published',
            url TEXT, version TEXT,
            o_locked INTEGER,
            UNIQUE (acct, rid)
        )"""
    )
    db.execute("CREATE INDEX ix_posts_area ON posts (acct, area_rid, created_at)")
    db.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            acct INTEGER NOT NULL, rid TEXT NOT NULL,
            post_rid TEXT NOT NULL, parent_rid TEXT, author_rid TEXT NOT NULL,
            area_rid TEXT,
            body_html TEXT NOT NULL DEFAULT '', body_text TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            created_at REAL NOT NULL, updated_at REAL NOT NULL,
            version TEXT,
            like_count INTEGER NOT NULL DEFAULT 0,
            liked_by TEXT NOT NULL DEFAULT '[]',
            flag_count INTEGER NOT NULL DEFAULT 0,
            flags TEXT NOT NULL DEFAULT '[]',
            url TEXT,
            -- derived by the triage rules when the record (or its thread) is written
            staff_replied INTEGER NOT NULL DEFAULT 0,
            triage TEXT, reason TEXT, reason_args TEXT, t_prio INTEGER, t_sort REAL,
            -- local overlays from state.db (outbox actions in flight, marks)
            o_status TEXT, o_replied INTEGER NOT NULL DEFAULT 0,
            o_liked INTEGER, pending INTEGER NOT NULL DEFAULT 0,
            o_moderated INTEGER NOT NULL DEFAULT 0,  -- the user approved or restored it
            mark TEXT, mark_at REAL, mark_until REAL,
            -- the effective lane and its order: what the queue reads
            lane TEXT, prio INTEGER, sort_ts REAL,
            UNIQUE (acct, rid)
        )"""
    )
    # Lane queries and counts read only these partial indexes (a lane holds a few % of rows).
    db.execute(
        "CREATE INDEX ix_comments_lane ON comments (lane, prio, sort_ts) WHERE lane IS NOT NULL"
    )
    db.execute(
        "CREATE INDEX ix_comments_lane_area ON comments (lane, area_rid, prio, sort_ts) "
        "WHERE lane IS NOT NULL"
    )
    db.execute("CREATE INDEX ix_comments_post ON comments (acct, post_rid, created_at)")
    db.execute(
        "CREATE INDEX ix_comments_parent ON comments (acct, parent_rid) "
        "WHERE parent_rid IS NOT NULL"
    )
    db.execute("CREATE INDEX ix_comments_author ON comments (acct, author_rid, created_at)")
    db.execute("CREATE INDEX ix_comments_snoozed ON comments (mark_until) WHERE mark = 'snoozed'")
    db.execute("CREATE INDEX ix_comments_pending ON comments (acct) WHERE pending > 0")
    # Lane badges: counts kept by triggers on every write, so the sidebar's dozens of badges
    # read a few rows instead of counting a lane of 300k rows (20-30 ms at 1 M comments).
    db.execute(
        """CREATE TABLE lane_counts (
            acct INTEGER NOT NULL, lane TEXT NOT NULL, area_rid TEXT NOT NULL DEFAULT '',
            n INTEGER NOT NULL,
            PRIMARY KEY (acct, lane, area_rid)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TRIGGER comments_lane_ins AFTER INSERT ON comments
           WHEN new.lane IS NOT NULL BEGIN
             INSERT INTO lane_counts (acct, lane, area_rid, n)
             VALUES (new.acct, new.lane, COALESCE(new.area_rid, ''), 1)
             ON CONFLICT DO UPDATE SET n = n + 1;
           END"""
    )
    db.execute(
        """CREATE TRIGGER comments_lane_del AFTER DELETE ON comments
           WHEN old.lane IS NOT NULL BEGIN
             UPDATE lane_counts SET n = n - 1 WHERE acct = old.acct AND lane = old.lane
               AND area_rid = COALESCE(old.area_rid, '');
           END"""
    )
    db.execute(
        """CREATE TRIGGER comments_lane_upd AFTER UPDATE OF lane, area_rid, acct ON comments
           WHEN old.lane IS NOT new.lane OR old.area_rid IS NOT new.area_rid
             OR old.acct IS NOT new.acct BEGIN
             UPDATE lane_counts SET n = n - 1 WHERE old.lane IS NOT NULL AND acct = old.acct
               AND lane = old.lane AND area_rid = COALESCE(old.area_rid, '');
             INSERT INTO lane_counts (acct, lane, area_rid, n)
             SELECT new.acct, new.lane, COALESCE(new.area_rid, ''), 1 WHERE new.lane IS NOT NULL
             ON CONFLICT DO UPDATE SET n = n + 1;
           END"""
    )
    # External-content FTS5: filled in batches by the store (bulk load, then 'rebuild'),
    # never by per-row triggers (12x slower on a bulk load; Known traps).
    # prefix='2 3': search as you type matches the last word as a prefix, and a short common
    # prefix ("the*") took 15 ms at 1M comments without these indexes, 0.14 ms with them
    # (the index build at the end of a first sync takes 6.4 s instead of 2.8 s).
    db.execute(
        "CREATE VIRTUAL TABLE comments_fts USING fts5("
        "body_text, content='comments', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE posts_fts USING fts5("
        "title, body_text, content='posts', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    db.execute(
        """CREATE TABLE tombstones (
            acct INTEGER NOT NULL, entity TEXT NOT NULL, rid TEXT NOT NULL, deleted_at REAL,
            PRIMARY KEY (acct, entity, rid)
        ) WITHOUT ROWID"""
    )


def _cache_v2(db: sqlite_utils.Database) -> None:
    # New rows' lane counts are added per page by the store (apply.count_new_lanes), not by a
    # trigger per row: the trigger cost 4 of the 18 s of inserting 1M comments (measured).
    # Updates and deletes keep their triggers (a row at a time, and rarer).
    db.execute("DROP TRIGGER IF EXISTS comments_lane_ins")
    # The search index keeps a prefix index for 3 letters only: the one for 2 letters cost
    # 1.9 of the 5.5 s of indexing 1M comments, for prefixes that match thousands of words.
    # Search as you type matches the last word as a prefix from 3 letters (queries.MIN_PREFIX).
    for table, columns in (("comments_fts", "body_text"), ("posts_fts", "title, body_text")):
        content = table.removesuffix("_fts")
        db.execute(f"DROP TABLE {table}")
        db.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content='{content}', "
            f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3')"
        )
        db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def _cache_v3(db: sqlite_utils.Database) -> None:
    # The Removed view reads this partial index only (a few rows of a big cache); its WHERE
    # is the one queries.REMOVED_WHERE states, word for word, so SQLite can use it.
    db.execute(
        "CREATE INDEX ix_comments_removed ON comments (created_at, id) "
        "WHERE COALESCE(o_status, status) IN ('hidden', 'spam', 'deleted')"
    )


def _cache_v4(db: sqlite_utils.Database) -> None:
    # Promises found in staff replies (triage "promise"), and how each was kept: derived from
    # the synced records (decision notes, from state.db, are laid over them), so disposable.
    # Follow-up is read from comments.lane like every lane; this table answers "was it kept"
    # on ingest (open ones by thread) and the share kept in time (insight).
    db.execute(
        """CREATE TABLE promises (
            acct INTEGER NOT NULL, rid TEXT NOT NULL,
            post_rid TEXT NOT NULL, area_rid TEXT, by_rid TEXT NOT NULL,
            at REAL NOT NULL, due REAL NOT NULL,
            kept_at REAL, kept_how TEXT, kept_by TEXT,  -- how: reply, post, note
            PRIMARY KEY (acct, rid)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX ix_promises_open ON promises (acct, post_rid) WHERE kept_at IS NULL")
    db.execute("CREATE INDEX ix_promises_at ON promises (at)")



def _cache_v5_insight(db: sqlite_utils.Database) -> None:
    # What the insight report needs beyond the queue: who is a leader (a user field of the
    # reference protocol) and how often a post was read (NULL: the platform does not count,
    # never 0 for "unknown").
    db.execute("ALTER TABLE users ADD COLUMN leader INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE posts ADD COLUMN views INTEGER")
    # The report reads a period of published comments and their direct replies
    # (insight.py); covering, because a period is half a big cache and reading its rows in
    # creation order jumps all over the table (10 s for a report at 1M comments without them).
    db.execute(
        "CREATE INDEX IF NOT EXISTS ix_comments_period ON comments (created_at, acct, area_rid, "
        "post_rid, author_rid, parent_rid, rid, like_count, status) WHERE status = 'published'")
    db.execute(
        "CREATE INDEX IF NOT EXISTS ix_comments_replies ON comments (acct, parent_rid, "
        "created_at, author_rid, rid, status) WHERE status = 'published' AND parent_rid IS NOT NULL")
    # Users and posts already cached have no leader flag or view count yet: the next sync
    # reads the feed from the start once (unchanged comments cost a version lookup a page).
    db.execute("UPDATE sources SET cursor = NULL")


def _cache_v6_claims(db: sqlite_utils.Database) -> None:
    # Who is replying to which comment (the reference protocol's claims), the latest per
    # comment from the change feed. A table of its own, not a column of comments: a claim
    # changes every few minutes and must not re-triage or re-index its comment. A row whose
    # expires_at has passed (this machine's clock) reads as free.
    db.execute(
        """CREATE TABLE claims (
            acct INTEGER NOT NULL, comment_rid TEXT NOT NULL,
            user_rid TEXT NOT NULL, name TEXT NOT NULL, expires_at REAL NOT NULL,
            PRIMARY KEY (acct, comment_rid)
        ) WITHOUT ROWID"""
    )


def _cache_v7_insight_facts(db: sqlite_utils.Database) -> None:
    # The insight figures' derived facts (desktop/models/insight_facts.py): a dashboard at 1M
    # comments reads days and input rows, not every comment of the period. An account's facts
    # count only when insight_state says they were built; the triggers then note what a write
    # made stale (posts, authors, days) and insight_facts.refresh recomputes it. Until then,
    # and while anything is stale, the figures are read from the comments as before.
    db.execute("CREATE TABLE insight_state (acct INTEGER PRIMARY KEY, built INTEGER NOT NULL)")
    # kinds of insight_dirty (the SQL comment below is the released text; insight_facts.py
    # also uses 'b', the sliced build's cursor, and 'f', days whose figures are to refill)
    db.execute(
        """CREATE TABLE insight_dirty (
            acct INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,  -- p, q post, a author, d day
            PRIMARY KEY (acct, kind, key)
        ) WITHOUT ROWID""")
    # one row per input comment (top-level, published, not the team's)
    db.execute(
        """CREATE TABLE insight_input (
            acct INTEGER NOT NULL, rid TEXT NOT NULL, post_rid TEXT NOT NULL,
            area_rid TEXT NOT NULL, author_rid TEXT NOT NULL, created_at REAL NOT NULL,
            replied_at REAL, acked INTEGER NOT NULL,
            PRIMARY KEY (acct, rid)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX ix_insight_input_post ON insight_input (acct, post_rid)")
    db.execute("CREATE INDEX ix_insight_input_at ON insight_input (created_at, acct, area_rid, "
               "replied_at, acked)")
    # each author's first published comment ever
    db.execute(
        """CREATE TABLE insight_people (
            acct INTEGER NOT NULL, author_rid TEXT NOT NULL, first_at REAL NOT NULL,
            area_rid TEXT NOT NULL, team INTEGER NOT NULL, returned INTEGER NOT NULL,
            PRIMARY KEY (acct, author_rid)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX ix_insight_people_at ON insight_people (first_at, acct, area_rid, "
               "team, returned)")
    # per UTC day and area: comments, input, unanswered input, its oldest, acknowledged input,
    # the first-reply times of the answered input (sorted doubles), the first-time
    # contributors (by their first comment) and how many of them came back
    db.execute(
        """CREATE TABLE insight_days (
            acct INTEGER NOT NULL, day INTEGER NOT NULL, area_rid TEXT NOT NULL,
            comments INTEGER NOT NULL, inputs INTEGER NOT NULL, unanswered INTEGER NOT NULL,
            oldest REAL, acked INTEGER NOT NULL, waits BLOB NOT NULL,
            first INTEGER NOT NULL, back INTEGER NOT NULL,  -- first-timers, back within 30 days
            PRIMARY KEY (acct, day, area_rid)
        ) WITHOUT ROWID""")
    # the same per UTC hour: the partial days at the ends of a period read hours, and only
    # their partial hours read comments
    db.execute(
        """CREATE TABLE insight_hours (
            acct INTEGER NOT NULL, hour INTEGER NOT NULL, area_rid TEXT NOT NULL,
            comments INTEGER NOT NULL, inputs INTEGER NOT NULL, unanswered INTEGER NOT NULL,
            oldest REAL, acked INTEGER NOT NULL, waits BLOB NOT NULL,
            first INTEGER NOT NULL, back INTEGER NOT NULL,
            PRIMARY KEY (acct, hour, area_rid)
        ) WITHOUT ROWID""")
    # per UTC day and area: comments per post (kind p), per author (w), the outsiders' per
    # author (a)
    db.execute(
        """CREATE TABLE insight_counts (
            acct INTEGER NOT NULL, day INTEGER NOT NULL, area_rid TEXT NOT NULL,
            kind TEXT NOT NULL, rid TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (acct, day, area_rid, kind, rid)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX ix_insight_counts_rid ON insight_counts (acct, kind, rid, day, n)")
    # all-time sums of insight_counts over every area: a ranking reads the largest first and
    # stops where no total can reach its tenth place
    db.execute(
        """CREATE TABLE insight_totals (
            acct INTEGER NOT NULL, kind TEXT NOT NULL, rid TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (acct, kind, rid)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX ix_insight_totals_n ON insight_totals (kind, n)")
    # the share of promises kept, per week of a trend: covering (at 1M comments reading
    # each promise's row cost 13–28 ms of a dashboard)
    db.execute("CREATE INDEX ix_insight_promises ON promises (at, acct, area_rid, due, kept_at)")
    built = "EXISTS (SELECT 1 FROM insight_state s WHERE s.acct = {t}.acct AND s.built = 1)"
    mark = ("INSERT OR IGNORE INTO insight_dirty (acct, kind, key) VALUES "
            "({t}.acct, 'p', {t}.post_rid), ({t}.acct, 'a', {t}.author_rid), "
            "({t}.acct, 'd', CAST(CAST({t}.created_at / 86400 AS INTEGER) AS TEXT));")
    cols = ("status", "rid", "post_rid", "parent_rid", "author_rid", "area_rid", "created_at",
            "like_count", "liked_by")
    old = ", ".join(f"old.{c}" for c in cols)
    new = ", ".join(f"new.{c}" for c in cols)
    db.execute(f"CREATE TRIGGER insight_c_ins AFTER INSERT ON comments WHEN "
               f"{built.format(t='new')} BEGIN {mark.format(t='new')} END")
    db.execute(f"CREATE TRIGGER insight_c_del AFTER DELETE ON comments WHEN "
               f"{built.format(t='old')} BEGIN {mark.format(t='old')} END")
    db.execute(f"CREATE TRIGGER insight_c_upd AFTER UPDATE OF {', '.join(cols)} ON comments "
               f"WHEN ({old}) IS NOT ({new}) AND {built.format(t='new')} BEGIN "
               f"{mark.format(t='old')} {mark.format(t='new')} END")
    # q: the post itself changed (its author or area): every day it has comments on, too
    post = ("INSERT OR IGNORE INTO insight_dirty (acct, kind, key) "
            "VALUES (new.acct, 'p', new.rid), (new.acct, 'q', new.rid);")
    db.execute(f"CREATE TRIGGER insight_p_ins AFTER INSERT ON posts WHEN "
               f"{built.format(t='new')} BEGIN {post} END")
    db.execute(f"CREATE TRIGGER insight_p_upd AFTER UPDATE OF author_rid, area_rid ON posts "
               f"WHEN (old.author_rid, old.area_rid) IS NOT (new.author_rid, new.area_rid) "
               f"AND {built.format(t='new')} BEGIN {post} END")
    # who is the team changes every fact of the account: built again from the start
    stale = "UPDATE insight_state SET built = 0 WHERE acct = new.acct;"
    db.execute(f"CREATE TRIGGER insight_u_ins AFTER INSERT ON users WHEN new.role != 'employee' "
               f"BEGIN {stale} END")
    db.execute(f"CREATE TRIGGER insight_u_upd AFTER UPDATE OF role, areas ON users WHEN "
               f"(old.role, old.areas) IS NOT (new.role, new.areas) BEGIN {stale} END")
    # an account removed: SQLite may give its id to the next one added
    gone = " ".join(f"DELETE FROM {t} WHERE acct = old.id;" for t in (
        "insight_state", "insight_dirty", "insight_input", "insight_people", "insight_days",
        "insight_hours", "insight_counts", "insight_totals"))
    db.execute(f"CREATE TRIGGER insight_s_del AFTER DELETE ON sources BEGIN {gone} END")


CACHE_MIGRATIONS = [_cache_v1, _cache_v2, _cache_v3, _cache_v4, _cache_v5_insight,
                    _cache_v6_claims, _cache_v7_insight_facts]

# Indexes a first load into an empty cache builds once at the end instead of row by row.
# The author index is keyed by 50k authors in random order: each page of 1,000 comments
# dirties ~1,000 of its leaf pages, and writing them cost 15 of the 29 s of a raw 1M-row
# load (docs/benchmarks.md). Built at the end it takes about a second. Nothing on the ingest
# path reads it during a bulk load (the sync cache knows every author's first comment), and
# readers that would scan without it check ``index_ready`` first.
DEFERRED_INDEXES = {
    "ix_comments_author":
        "CREATE INDEX IF NOT EXISTS ix_comments_author ON comments (acct, author_rid, created_at)",
    # insight.py's period and first replies (schema step _cache_v5_insight); the feed delivers
    # comments thread by thread, so creation times arrive out of order. ``status`` is a
    # column too, though the condition fixes it: SQLite 3.40 reads the row for a column the
    # query names that the index lacks, partial condition or not.
    "ix_comments_period":
        "CREATE INDEX IF NOT EXISTS ix_comments_period ON comments (created_at, acct, area_rid, "
        "post_rid, author_rid, parent_rid, rid, like_count, status) WHERE status = 'published'",
    "ix_comments_replies":
        "CREATE INDEX IF NOT EXISTS ix_comments_replies ON comments (acct, parent_rid, "
        "created_at, author_rid, rid, status) WHERE status = 'published' AND parent_rid IS NOT NULL",
}


def defer_indexes(conn: sqlite3.Connection) -> None:
    for name in DEFERRED_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def restore_indexes(conn: sqlite3.Connection) -> None:
    for sql in DEFERRED_INDEXES.values():
        conn.execute(sql)


def index_ready(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
    ).fetchone() is not None


def _state_v1(db: sqlite_utils.Database) -> None:
    db.table("accounts").create(
        {
            "name": str,
            "connector": str,
            "url": str,
            "username": str,
            "user_id": str,
            "display_name": str,
            "role": str,
            "areas": str,
            "capabilities": str,
            "created_at": float,
            "settings": str,
        },
        pk="name",
        not_null={"connector", "url", "username"},
        defaults={"areas": "[]", "capabilities": "[]", "settings": "{}"},
    )
    db.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            action_id TEXT NOT NULL UNIQUE,
            account TEXT NOT NULL,
            kind TEXT NOT NULL,
            item TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            base_version TEXT,
            state TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            not_before REAL NOT NULL,
            next_at REAL NOT NULL,
            sent_at REAL,
            updated_at REAL NOT NULL,
            remote_id TEXT,
            message TEXT
        )"""
    )
    db.execute("CREATE INDEX ix_outbox_due ON outbox (account, state, next_at)")
    db.execute("CREATE INDEX ix_outbox_item ON outbox (item)")
    db.table("marks").create(
        {"item": str, "account": str, "mark": str, "at": float, "until": float, "note": str},
        pk="item",
        not_null={"account", "mark", "at"},
    )
    db.table("drafts").create({"item": str, "text": str, "updated_at": float}, pk="item")
    db.table("saved_searches").create(
        {"name": str, "query": str, "lane": str, "area": str}, pk="name")
    db.table("settings").create({"key": str, "value": str}, pk="key")


def _state_v2(db: sqlite_utils.Database) -> None:
    # v1's settings table (key, value) could not say which account or area a value is for,
    # and nothing wrote to it; saved searches stay in the window's QSettings, where they are
    # kept today, so their never-used table goes.
    db.execute("DROP TABLE IF EXISTS saved_searches")
    db.execute("DROP TABLE IF EXISTS settings")
    db.execute(
        """CREATE TABLE settings (
            key TEXT NOT NULL,
            account TEXT NOT NULL DEFAULT '',  -- '' : every account
            area TEXT NOT NULL DEFAULT '',     -- '' : every area of the account
            value TEXT NOT NULL,               -- JSON
            updated_at REAL NOT NULL,
            PRIMARY KEY (key, account, area)
        ) WITHOUT ROWID"""
    )


def _state_v3_templates(db: sqlite_utils.Database) -> None:
    # Saved replies (models/templates.py). The shipped defaults are copied in at a person's
    # first change, not here: a migration must not depend on a resource file, and a person who
    # deleted every template must not get them back. template_seed says that copy happened.
    db.execute(
        """CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '{}',  -- JSON: language -> title
            body TEXT NOT NULL,                -- JSON: language -> text with {placeholders}
            position INTEGER NOT NULL,
            updated_at REAL NOT NULL
        )"""
    )
    db.execute("CREATE TABLE template_seed (version INTEGER PRIMARY KEY, at REAL NOT NULL)")



def _state_v4_decisions(db: sqlite_utils.Database) -> None:
    # Decision notes: what was decided in a thread, written in the desk. One keeps the
    # thread's promises (Follow-up), and the thread view shows them. Precious: state.db.
    db.execute(
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            item TEXT NOT NULL,      -- the comment key it was written on
            account TEXT NOT NULL,
            post_rid TEXT NOT NULL,  -- its thread
            text TEXT NOT NULL,
            at REAL NOT NULL
        )"""
    )
    db.execute("CREATE INDEX ix_decisions_thread ON decisions (account, post_rid, at)")


STATE_MIGRATIONS = [_state_v1, _state_v2, _state_v3_templates, _state_v4_decisions]
