"""The ambassador's patch (issue 17): what needs a nudge in the areas an account looks after.

Qt-free and read-only, offline from the cache. For each account: its areas (an ambassador's
areas, as the server told the account's sync: ``Account.areas``; everyone else: every area), then
- **gone quiet**: threads (posts) whose last published comment is older than the
  ``patch_quiet_days`` setting but within ``RECENT`` (older threads are history, not quiet),
  and that are a question (the last comment asks) or a discussion (``DISCUSSION`` comments
  or more);
- **silent posts**: published posts of the last ``RECENT`` that have had no published comment
  for ``SILENT_AFTER``, with a suggestion: ask a question, or (a post that already asks)
  @mention someone who knows;
- **the week**: the last 7 days: comments that came in (by others than the account's user),
  how many of the top-level ones the team answered (the triage's ``staff_replied``), and the
  people whose first comment ever falls in the week.
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import TYPE_CHECKING

from desktop.models import keys

if TYPE_CHECKING:
    from desktop.models.store import Store

DAY = 86400.0
RECENT = 90 * DAY
SILENT_AFTER = 3 * DAY
WEEK = 7 * DAY
DISCUSSION = 3
LIMIT = 50
_PUBLISHED = "{t}.status = 'published' AND {t}.rid NOT LIKE '~%'"


@dataclasses.dataclass(frozen=True)
class QuietThread:
    key: str  # the thread's last comment: opens the thread in the desk
    title: str
    area: str
    kind: str  # "question" or "discussion"
    comments: int
    last_at: float


@dataclasses.dataclass(frozen=True)
class SilentPost:
    key: str  # the post
    title: str
    area: str
    created_at: float
    suggestion: str  # "question": end the post with one; "mention": @mention someone


@dataclasses.dataclass(frozen=True)
class Week:
    since: float
    until: float
    came_in: int
    input: int  # top-level comments among them
    answered: int  # of ``input``
    new_people: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Patch:
    areas: tuple[str, ...]  # the names of the areas looked after; () means all
    quiet: tuple[QuietThread, ...]
    silent: tuple[SilentPost, ...]
    week: Week


def patch(store: Store, *, account: str | None = None, now: float | None = None) -> Patch:
    """The patch of one account, or of every account together."""
    now = time.time() if now is None else now
    quiet: list[QuietThread] = []
    silent: list[SilentPost] = []
    area_names: list[str] = []
    came_in = top = answered = 0
    new: set[str] = set()
    for acct, name, user_id, areas_json in store.cache.execute(
            "SELECT id, account, user_id, areas FROM sources ORDER BY account").fetchall():
        if account is not None and name != account:
            continue
        names = dict(store.cache.execute("SELECT rid, name FROM areas WHERE acct = ?", (acct,)))
        # the areas the server says the user looks after (an ambassador's); none: all
        scope = list(json.loads(areas_json or "[]"))
        area_names += [names.get(a, a) for a in scope]
        args = {"acct": acct, "areas": _json(scope), "all": not scope, "now": now,
                "me": user_id}
        area = "(:all OR {t}.area_rid IN (SELECT value FROM json_each(:areas)))"
        days = int(store.settings.get("patch_quiet_days", name))
        for _post, title, area_rid, n, last, last_rid, last_text in store.cache.execute(
                f"""SELECT c.post_rid, COALESCE(p.title, ''), c.area_rid, COUNT(*),
                           MAX(c.created_at), c.rid, c.body_text
                    FROM comments c LEFT JOIN posts p ON p.acct = c.acct AND p.rid = c.post_rid
                    WHERE c.acct = :acct AND {_PUBLISHED.format(t="c")}
                      AND {area.format(t="c")} AND c.created_at >= :recent
                    GROUP BY c.post_rid HAVING MAX(c.created_at) < :quiet
                    ORDER BY MAX(c.created_at) DESC""",
                {**args, "recent": now - RECENT, "quiet": now - days * DAY}):
            # SQLite takes c.rid and c.body_text from the row of the MAX: the last comment
            kind = "question" if "?" in (last_text or "") else (
                "discussion" if n >= DISCUSSION else None)
            if kind is not None:
                quiet.append(QuietThread(keys.make(name, "comment", last_rid), title,
                                         names.get(area_rid or "", ""), kind, int(n), last))
        for rid, title, area_rid, created, body in store.cache.execute(
                f"""SELECT p.rid, p.title, p.area_rid, p.created_at, p.body_text FROM posts p
                    WHERE p.acct = :acct AND p.status = 'published' AND {area.format(t="p")}
                      AND p.created_at >= :recent AND p.created_at < :silent
                      AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.acct = p.acct
                          AND c.post_rid = p.rid AND {_PUBLISHED.format(t="c")})
                    ORDER BY p.created_at DESC LIMIT {LIMIT}""",
                {**args, "recent": now - RECENT, "silent": now - SILENT_AFTER}):
            silent.append(SilentPost(keys.make(name, "post", rid), title,
                                     names.get(area_rid or "", ""), created,
                                     "mention" if "?" in (body or "") else "question"))
        week = {**args, "since": now - WEEK}
        a, b, c = store.cache.execute(
            f"""SELECT COUNT(*), SUM(c.parent_rid IS NULL),
                       SUM(c.parent_rid IS NULL AND c.staff_replied)
                FROM comments c WHERE c.acct = :acct AND {_PUBLISHED.format(t="c")}
                  AND c.created_at >= :since AND c.created_at < :now
                  AND c.author_rid IS NOT :me AND {area.format(t="c")}""", week).fetchone()
        came_in, top, answered = came_in + a, top + (b or 0), answered + (c or 0)
        new.update(name for (name,) in store.cache.execute(
            f"""SELECT DISTINCT COALESCE(u.display_name, c.author_rid) FROM comments c
                LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid
                WHERE c.acct = :acct AND {_PUBLISHED.format(t="c")}
                  AND c.created_at >= :since AND c.created_at < :now
                  AND c.author_rid IS NOT :me AND {area.format(t="c")}
                  AND NOT EXISTS (SELECT 1 FROM comments x WHERE x.acct = c.acct
                      AND x.author_rid = c.author_rid AND x.created_at < :since
                      AND {_PUBLISHED.format(t="x")})""", week))
    quiet.sort(key=lambda q: -q.last_at)
    return Patch(tuple(dict.fromkeys(area_names)), tuple(quiet[:LIMIT]), tuple(silent[:LIMIT]),
                 Week(now - WEEK, now, came_in, top, answered,
                      tuple(sorted(new, key=str.casefold))))


def _json(values: list[str]) -> str:
    return json.dumps(values)
