"""Live activity (``--activity``): every interval a few new comments, staff replies and flags.

Uses the wall clock (unlike the generator), so a client syncing a running demo sees a
conversation that keeps moving: new questions, @mentions, first-time contributors, answers.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool

from desktop.demo import texts
from desktop.demo.model import Tx
from desktop.demo.store import DemoStore
from desktop.demo.writes import add_flag, insert_comment

log = logging.getLogger(__name__)

_EVENTS = ("comment", "question", "mention", "first_time", "staff_reply", "flag", "heated")
# a heated thread now and then: about one tick in 40
_EVENT_WEIGHTS = (3, 3, 2, 1, 2, 1, 0.3)


async def run(store: DemoStore, interval: float, rng: random.Random | None = None,
              on_commit: Callable[[], None] | None = None) -> None:
    """Add 1–3 events every ``interval`` seconds until cancelled; ``on_commit`` after each
    committed tick (wakes the change feed's long-polls)."""
    rng = rng or random.Random()
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(store.transaction, lambda tx: step(tx, rng))
            if on_commit is not None:
                on_commit()
        except Exception:  # a failed tick must not end the demo; the next one tries again
            log.exception("demo activity failed")


def step(tx: Tx, rng: random.Random) -> list[str]:
    """One tick: 1–3 events in one transaction. Returns the kinds of events added."""
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choices(_EVENTS, _EVENT_WEIGHTS)[0]
        if _EVENT_HANDLERS[kind](tx, rng, kind):
            done.append(kind)
    return done


def _recent_post(tx: Tx, rng: random.Random) -> tuple[int, int] | None:
    rows = tx.conn.execute(
        "SELECT id, author_id FROM posts WHERE status = 'published' AND locked = 0"
        " ORDER BY id DESC LIMIT 20"
    ).fetchall()
    return rng.choice(rows) if rows else None


def _random_user(tx: Tx, rng: random.Random) -> int:
    (count,) = tx.conn.execute("SELECT MAX(id) FROM users").fetchone()
    row = tx.conn.execute(
        "SELECT id FROM users WHERE id >= ? AND role = 'employee' ORDER BY id LIMIT 1",
        (rng.randint(6, max(6, count)),),
    ).fetchone()
    return row[0] if row else 5


def _new_user(tx: Tx, rng: random.Random) -> int:
    lang = rng.choice(texts.LANGUAGES)
    first = rng.choice(texts.FIRST_NAMES[lang])
    last = rng.choice(texts.LAST_NAMES[lang])
    base = (first + last[0]).lower().translate(texts.USERNAME_FOLD)
    user_id = tx.next_id("users", "user")
    username = f"{base}{user_id}"
    display = f"{first} {last}"
    tx.conn.execute(
        "INSERT INTO users(id, username, display_name, name_key, role, areas, created_at,"
        " version, seq) VALUES (?, ?, ?, ?, 'employee', '[]', ?, 1, ?)",
        (user_id, username, display, display.casefold(), tx.stamp(), tx.next_seq()),
    )
    return user_id


def _comment(tx: Tx, rng: random.Random, kind: str) -> bool:
    post = _recent_post(tx, rng)
    if post is None:
        return False
    post_id, _ = post
    lang = rng.randrange(3)
    topic = rng.choice(texts.TOPICS)[lang]
    template_kind = {"comment": rng.choice(("opinion", "praise", "idea", "complaint"))}.get(
        kind, kind)
    template = rng.choice(texts.COMMENTS[template_kind][texts.LANGUAGES[lang]])
    text = template.format(topic=topic, TOPIC=topic.upper(), staff=rng.choice(("erik", "anna")),
                           asker="", link=f"{texts.INTRANET}/wiki")
    author = _new_user(tx, rng) if kind == "first_time" else _random_user(tx, rng)
    status = "held" if kind == "first_time" and rng.random() < 0.3 else "published"
    insert_comment(tx, post_id, None, author, f"<p>{text}</p>", status)
    return True


def _staff_reply(tx: Tx, rng: random.Random, kind: str) -> bool:
    # The newest top-level question without any reply yet.
    row = tx.conn.execute(
        "SELECT c.id, c.post_id, p.author_id, u.username FROM comments c"
        " JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id"
        " WHERE c.parent_id IS NULL AND c.status = 'published' AND p.locked = 0"
        " AND c.body_html LIKE '%?</p>'"
        " AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)"
        " ORDER BY c.id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return False
    comment_id, post_id, post_author, asker = row
    responder = rng.choice((post_author, 2, 4))  # the post's author, mona or anna
    template = rng.choice(texts.COMMENTS["answer"]["en"])
    text = template.format(asker=asker, link=f"{texts.INTRANET}/wiki")
    insert_comment(tx, post_id, comment_id, responder, f"<p>{text}</p>")
    return True


def _flag(tx: Tx, rng: random.Random, kind: str) -> bool:
    rows = tx.conn.execute(
        "SELECT id, author_id FROM comments WHERE status = 'published' ORDER BY id DESC LIMIT 30"
    ).fetchall()
    if not rows:
        return False
    comment_id, author = rng.choice(rows)
    flagger = _random_user(tx, rng)
    if flagger == author:
        return False
    add_flag(tx, comment_id, flagger, rng.choice(("insulting", "spam", "off-topic")))
    return True


def _heated(tx: Tx, rng: random.Random, kind: str) -> bool:
    """A thread boils over: a dozen replies at once, a few of them insulting and flagged,
    enough for the desk's default heated-thread thresholds (10 replies or 3 flagged)."""
    post = _recent_post(tx, rng)
    if post is None:
        return False
    post_id, _ = post
    topic = rng.choice(texts.TOPICS)[0]
    for i in range(rng.randint(11, 15)):
        author = _random_user(tx, rng)
        template = rng.choice(texts.COMMENTS[rng.choice(("opinion", "complaint"))]["en"])
        text = template.format(topic=topic, TOPIC=topic.upper(), staff="erik", asker="",
                               link=f"{texts.INTRANET}/wiki")
        comment_id = insert_comment(tx, post_id, None, author, f"<p>{text}</p>")
        if i < 3:
            flagger = _random_user(tx, rng)
            if flagger != author:
                add_flag(tx, comment_id, flagger, "insulting")
    return True


_EVENT_HANDLERS = {
    "comment": _comment, "question": _comment, "mention": _comment, "first_time": _comment,
    "staff_reply": _staff_reply, "flag": _flag, "heated": _heated,
}
