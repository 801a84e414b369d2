"""Generates the demo intranet: areas, users, news posts and realistic comment threads.

Deterministic: the same (seed, comment count) gives byte-identical rows (tokens are not made
here). Times are spread over the 60 days before a fixed reference time, so a fresh demo looks
the same every time; live activity later uses the wall clock.

Speed matters (up to a million comments): rows are built as tuples in one pass and written
with ``executemany`` in one transaction; indexes and feed triggers come after the load.
"""

from __future__ import annotations

import calendar
import dataclasses
import itertools
import math
import random
import sqlite3
import time

import orjson

from desktop.demo import schema, texts

SIZES = {"small": 300, "medium": 10_000, "large": 100_000}
MAX_COMMENTS = 1_000_000
REFERENCE_TIME = calendar.timegm((2026, 11, 20, 12, 0, 0))  # 2026-11-20T12:00:00Z
SPAN = 60 * 86400
MAX_DEPTH = 3  # 0-based: top level plus three levels of replies = 4 levels
FLUSH_ROWS = 20_000

# (username, display name, role); anna's two areas are set in _users().
FIXED_USERS = (
    ("admin", "Intranet Admin", "admin"),
    ("mona", "Mona Lindqvist", "moderator"),
    ("erik", "Erik Solberg", "editor"),
    ("anna", "Anna Becker", "ambassador"),
    ("kari", "Kari Nordmann", "employee"),
)
ADMIN, MONA, ERIK, ANNA, KARI = 1, 2, 3, 4, 5

# Kinds of comment and their cumulative weights (top level / reply).
_KINDS = ("question", "opinion", "praise", "idea", "complaint", "mention", "first_time",
          "link", "thanks", "shouting", "insult", "spam")
_TOP_WEIGHTS = tuple(itertools.accumulate((20, 22, 12, 9, 7, 9, 4, 5, 0, 1.5, 1, 1)))
_REPLY_WEIGHTS = tuple(itertools.accumulate((15, 30, 10, 5, 8, 5, 0, 2, 15, 1, 1.5, 0.5)))


def parse_size(text: str | int) -> int:
    """'small' | 'medium' | 'large' | an integer (1..1,000,000) → number of comments."""
    if isinstance(text, int):
        count = text
    elif text in SIZES:
        return SIZES[text]
    else:
        try:
            count = int(str(text).replace("_", ""))
        except ValueError:
            raise ValueError(
                f"size must be small, medium, large or a number, not {text!r}"
            ) from None
    if not 1 <= count <= MAX_COMMENTS:
        raise ValueError(f"size must be between 1 and {MAX_COMMENTS:,} comments")
    return count


@dataclasses.dataclass
class Stats:
    areas: int = 0
    users: int = 0
    posts: int = 0
    comments: int = 0
    likes: int = 0
    flags: int = 0
    tombstones: int = 0
    seconds: float = 0.0


class _Clock:
    """ISO formatting with the date part cached: strftime per row would cost ~1.5 s per 1 M."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}

    def iso(self, t: int) -> str:
        day, rest = divmod(t, 86400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = time.strftime("%Y-%m-%dT", time.gmtime(day * 86400))
            self._days[day] = prefix
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{prefix}{hours:02d}:{minutes:02d}:{seconds:02d}Z"


class _Generator:
    def __init__(self, conn: sqlite3.Connection, seed: int, comments: int) -> None:
        self.conn = conn
        self.rng = random.Random(seed)
        self.target = comments
        self.clock = _Clock()
        self.seq = 0
        self.stats = Stats()
        self.usernames: list[str] = [""]  # index = user id
        self.roles: list[str] = [""]
        self.area_ambassador: dict[int, int] = {}

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    # -- areas and users -------------------------------------------------------------------

    def areas(self) -> int:
        n = 6 + round(1.2 * max(0.0, math.log2(max(self.target, 1) / 50)))
        n = max(6, min(20, n))
        rows = []
        for i in range(n):
            kind = "site" if i % 2 == 0 else "department"
            names = texts.SITES if kind == "site" else texts.DEPARTMENTS
            rows.append((i + 1, names[i // 2], kind, 1, self.next_seq()))
        self.conn.executemany(
            "INSERT INTO areas(id, name, kind, version, seq) VALUES (?,?,?,?,?)", rows
        )
        self.stats.areas = n
        return n

    def users(self, n_areas: int) -> None:
        rng = self.rng
        created = self.clock.iso(REFERENCE_TIME - 400 * 86400)
        rows = []
        taken = {name for name, _, _ in FIXED_USERS}
        for uid, (username, display, role) in enumerate(FIXED_USERS, start=1):
            areas: list[int] = [1, 2] if uid == ANNA else []
            rows.append(self._user_row(uid, username, display, role, areas, created))
        for area in (1, 2):
            self.area_ambassador[area] = ANNA
        count = max(30, min(50_000, self.target // 20))
        for uid in range(len(FIXED_USERS) + 1, len(FIXED_USERS) + 1 + count):
            lang = rng.choice(texts.LANGUAGES)
            first = rng.choice(texts.FIRST_NAMES[lang])
            last = rng.choice(texts.LAST_NAMES[lang])
            base = (first + last[0]).lower().translate(texts.USERNAME_FOLD)
            username, n = base, 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            taken.add(username)
            r = rng.random()
            role = "editor" if r < 0.04 else "ambassador" if r < 0.08 else "employee"
            areas = []
            if role == "ambassador":
                areas = sorted(rng.sample(range(1, n_areas + 1), rng.choice((1, 1, 2))))
                for area in areas:
                    self.area_ambassador.setdefault(area, uid)
            joined = self.clock.iso(REFERENCE_TIME - rng.randrange(70, 900) * 86400)
            rows.append(self._user_row(uid, username, f"{first} {last}", role, areas, joined))
        self.conn.executemany(
            "INSERT INTO users(id, username, display_name, name_key, role, areas, created_at,"
            " version, seq) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.stats.users = len(rows)

    def _user_row(self, uid: int, username: str, display: str, role: str, areas: list[int],
                  created: str) -> tuple:
        self.usernames.append(username)
        self.roles.append(role)
        areas_json = orjson.dumps([str(a) for a in areas]).decode()
        return (uid, username, display, display.casefold(), role, areas_json, created, 1,
                self.next_seq())

    # -- posts -----------------------------------------------------------------------------

    def posts(self, n_areas: int) -> list[tuple[int, int, int, int, int, int]]:
        """Insert posts; return (id, area, author, time, topic index, language) per post."""
        rng = self.rng
        n = max(10, min(10_000, self.target // 100))
        editors = [uid for uid in range(len(FIXED_USERS) + 1, len(self.roles))
                   if self.roles[uid] == "editor"] or [ERIK]
        times = sorted(REFERENCE_TIME - 600 - int(rng.random() * SPAN) for _ in range(n))
        rows, meta = [], []
        for pid, t in enumerate(times, start=1):
            r = rng.random()
            author = (ERIK if r < 0.35 else MONA if r < 0.40 else ADMIN if r < 0.43
                      else rng.choice(editors))
            area = 1 + int(n_areas * rng.random() ** 1.5)
            topic = rng.randrange(len(texts.TOPICS))
            lang = rng.choices((0, 1, 2), (45, 30, 25))[0]
            code = texts.LANGUAGES[lang]
            names = texts.SITES if area % 2 else texts.DEPARTMENTS
            area_name = names[(area - 1) // 2]
            fill = {"topic": texts.TOPICS[topic][lang], "area": area_name,
                    "link": f"{texts.INTRANET}/wiki/topic-{topic + 1}"}
            title = rng.choice(texts.POST_TITLES[code]).format(**fill)
            title = title[0].upper() + title[1:]
            body = f"<p>{rng.choice(texts.POST_INTROS[code]).format(**fill)}</p>"
            if rng.random() < 0.7:
                body += f"<p>{rng.choice(texts.POST_QUESTIONS[code])}</p>"
            status = "hidden" if rng.random() < 0.02 else "published"
            locked = 1 if rng.random() < 0.03 else 0
            stamp = self.clock.iso(t)
            rows.append((pid, area, author, title, body, stamp, stamp, locked, status, 1,
                         self.next_seq()))
            meta.append((pid, area, author, t, topic, lang))
        self.conn.executemany(
            "INSERT INTO posts(id, area_id, author_id, title, body_html, created_at, updated_at,"
            " locked, status, version, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.stats.posts = n
        return meta

    # -- comments --------------------------------------------------------------------------

    def comments(self, posts: list[tuple[int, int, int, int, int, int]]) -> None:
        rng = self.rng
        weights = [min(rng.paretovariate(1.3), 40.0) for _ in posts]
        total = sum(weights)
        counts = [int(self.target * w / total) for w in weights]
        for _ in range(self.target - sum(counts)):
            counts[rng.randrange(len(counts))] += 1
        first_uid = len(FIXED_USERS) + 1
        everyone = list(range(first_uid, len(self.roles)))
        fresh = [uid for uid in everyone if self.roles[uid] == "employee"][::10]
        fresh_set = set(fresh)
        self.regulars = [uid for uid in everyone if uid not in fresh_set] + [KARI]
        self.fresh = fresh[::-1]
        self.everyone = everyone + [KARI]
        self.buffers: dict[str, list[tuple]] = {"comments": [], "likes": [], "flags": [],
                                                "tombstones": []}
        self.comment_id = 0
        for post, count in zip(posts, counts, strict=True):
            if count:
                self._thread(post, count)
            if len(self.buffers["comments"]) >= FLUSH_ROWS:
                self._flush()
        self._flush()

    def _thread(self, post: tuple[int, int, int, int, int, int], count: int) -> None:
        rng = self.rng
        rand = rng.random
        pid, area, post_author, t0, topic, post_lang = post
        span = max(60, min(14 * 86400, REFERENCE_TIME - t0 - 60))
        stamps = sorted(t0 + 30 + int(span * rand() ** 2.2) for _ in range(count))
        # Per thread: (id, depth, lang, author, kind) of comments that may get replies.
        thread: list[tuple[int, int, int, int, str]] = []
        pending: list[tuple[int, int, int, int, str]] = []  # unanswered questions
        responders = (post_author, MONA, self.area_ambassador.get(area, post_author))
        for t in stamps:
            self.comment_id += 1
            cid = self.comment_id
            parent = None
            if pending and rand() < 0.35:
                parent = pending.pop(rng.randrange(len(pending)))
                author = responders[0 if rand() < 0.55 else 1 if rand() < 0.45 else 2]
                kind, lang = "answer", parent[2]
            else:
                if thread and rand() < 0.4:
                    candidate = thread[rng.randrange(max(0, len(thread) - 15), len(thread))]
                    if candidate[1] < MAX_DEPTH:
                        parent = candidate
                if parent is not None and self.roles[parent[3]] != "employee" and rand() < 0.6:
                    kind = "thanks"
                else:
                    weights = _REPLY_WEIGHTS if parent is not None else _TOP_WEIGHTS
                    kind = rng.choices(_KINDS, cum_weights=weights)[0]
                lang = post_lang if rand() < 0.75 else rng.randrange(3)
                if kind == "first_time" and self.fresh:
                    author = self.fresh.pop()
                else:
                    if kind == "first_time":
                        kind = "opinion"
                    regulars = self.regulars
                    author = regulars[int(len(regulars) * rand() ** 1.6)]
            depth = 0 if parent is None else parent[1] + 1
            parent_id = None if parent is None else parent[0]
            body = self._body(kind, lang, topic, parent)
            status = self._status(kind)
            if status == "purge":
                self._buffer_tombstone(cid, t)
                continue
            stamp = self.clock.iso(t)
            self.buffers["comments"].append(
                (cid, pid, parent_id, author, body, status, stamp, stamp, 1, self.next_seq())
            )
            entry = (cid, depth, lang, author, kind)
            thread.append(entry)
            if kind == "question" and depth < MAX_DEPTH:
                pending.append(entry)
            self._likes(cid, author, post_author, t)
            self._flags(cid, kind, author, t)

    def _body(self, kind: str, lang: int, topic: int, parent: tuple | None) -> str:
        rng = self.rng
        if kind == "spam":
            links = [f"{rng.choice(texts.SPAM_HOSTS)}/offer/{rng.randrange(10_000)}"
                     for _ in range(3)]
            a, b, c = (f'<a href="{url}">{url}</a>' for url in links)
            return f"<p>{rng.choice(texts.SPAM_BODIES).format(a=a, b=b, c=c)}</p>"
        code = texts.LANGUAGES[lang]
        template_kind = "opinion" if kind == "link" else kind
        template = rng.choice(texts.COMMENTS[template_kind][code])
        topic_text = texts.TOPICS[topic][lang]
        staff = ("erik", "anna", "mona")[int(rng.random() * 3)]
        asker = self.usernames[parent[3]] if parent is not None else ""
        link = f"{texts.INTRANET}/wiki/topic-{topic + 1}"
        text = template.format(topic=topic_text, TOPIC=topic_text.upper(), staff=staff,
                               asker=asker, link=link)
        if kind == "link":
            text += f' <a href="{link}">{link}</a>'
        body = f"<p>{text}</p>"
        if kind in ("opinion", "complaint") and rng.random() < 0.15:
            body += "<p><b>+1</b> from the whole team.</p>" if lang == 0 else "<p><b>+1</b></p>"
        return body

    def _status(self, kind: str) -> str:
        r = self.rng.random()
        if kind == "spam":
            return "spam" if r < 0.45 else "held" if r < 0.75 else "published"
        if kind == "first_time":
            return "held" if r < 0.15 else "published"
        if kind == "insult" and r < 0.25:
            return "hidden"
        if r < 0.03:
            return "held"
        if r < 0.034:
            return "hidden"
        if r < 0.038:
            return "deleted"
        if r < 0.0385 and kind not in ("answer", "question"):
            return "purge"  # hard-deleted: only a tombstone remains
        return "published"

    def _likes(self, cid: int, author: int, post_author: int, t: int) -> None:
        rand = self.rng.random
        r = rand()
        if r < 0.55:
            return
        n = 1 if r < 0.8 else 2 if r < 0.92 else self.rng.randint(3, 5) if r < 0.97 \
            else self.rng.randint(6, 15)
        everyone = self.everyone
        likers = {everyone[int(len(everyone) * rand())] for _ in range(n)}
        if rand() < 0.2:
            likers.add(post_author)  # staff like contributions now and then
        likers.discard(author)
        stamp = self.clock.iso(min(REFERENCE_TIME, t + 600))
        self.buffers["likes"].extend((cid, uid, stamp) for uid in sorted(likers))

    def _flags(self, cid: int, kind: str, author: int, t: int) -> None:
        rand = self.rng.random
        chance = {"insult": 0.4, "spam": 0.3, "shouting": 0.2}.get(kind, 0.0025)
        if rand() >= chance:
            return
        reason = {"insult": "insulting", "spam": "spam"}.get(kind, "off-topic")
        everyone = self.everyone
        flaggers = {everyone[int(len(everyone) * rand())] for _ in range(self.rng.randint(1, 3))}
        flaggers.discard(author)
        stamp = self.clock.iso(min(REFERENCE_TIME, t + 1800))
        self.buffers["flags"].extend((cid, uid, reason, stamp) for uid in sorted(flaggers))

    def _buffer_tombstone(self, cid: int, t: int) -> None:
        stamp = self.clock.iso(min(REFERENCE_TIME, t + 3600))
        self.buffers["tombstones"].append(("comment", cid, stamp, self.next_seq()))

    def _flush(self) -> None:
        b = self.buffers
        self.conn.executemany(
            "INSERT INTO comments(id, post_id, parent_id, author_id, body_html, status,"
            " created_at, updated_at, version, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
            b["comments"],
        )
        self.conn.executemany(
            "INSERT INTO likes(comment_id, user_id, created_at) VALUES (?,?,?)", b["likes"]
        )
        self.conn.executemany(
            "INSERT INTO flags(comment_id, user_id, reason, created_at) VALUES (?,?,?,?)",
            b["flags"],
        )
        self.conn.executemany(
            "INSERT INTO tombstones(entity, id, deleted_at, seq) VALUES (?,?,?,?)",
            b["tombstones"],
        )
        s = self.stats
        s.comments += len(b["comments"])
        s.likes += len(b["likes"])
        s.flags += len(b["flags"])
        s.tombstones += len(b["tombstones"])
        for rows in b.values():
            rows.clear()


def generate(conn: sqlite3.Connection, *, seed: int, comments: int) -> Stats:
    """Fill an empty database with demo data, in one transaction. Returns counts and time."""
    started = time.perf_counter()
    gen = _Generator(conn, seed, comments)
    conn.execute("BEGIN IMMEDIATE")
    try:
        schema.create_tables(conn)
        n_areas = gen.areas()
        gen.users(n_areas)
        gen.comments(gen.posts(n_areas))
        conn.executemany("INSERT INTO counters(name, value) VALUES (?, ?)", [("seq", gen.seq)])
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("generated", "1"), ("seed", str(seed)), ("comments", str(comments)),
             ("reference_time", gen.clock.iso(REFERENCE_TIME))],
        )
        schema.finish_load(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ANALYZE")
    gen.stats.seconds = time.perf_counter() - started
    return gen.stats
