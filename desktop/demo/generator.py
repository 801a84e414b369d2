"""Generates the demo intranet: areas, users, news posts and realistic comment threads.

Deterministic: the same (seed, comment count) gives the same rows, shifted in time (tokens are
not made here). Every time is an offset, drawn from the seed, back from a reference moment:
the moment the demo starts unless ``reference_time`` pins it (tests, benchmarks). So a fresh
demo always looks like a Monday morning — questions from the last hours waiting for an answer
(a few overdue), held and flagged comments, fresh contributions to acknowledge — while the
history behind it was worked by a team that answers, approves and clears flags.

Speed matters (up to a million comments): rows are built as tuples in one pass and written
with ``executemany`` in one transaction; indexes and feed triggers come after the load.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import math
import random
import sqlite3
import time

import orjson

from desktop.demo import schema, texts
from desktop.models.timefmt import parse_iso
from desktop.models.triage import is_question

SIZES = {"small": 300, "medium": 10_000, "large": 100_000}
MAX_COMMENTS = 1_000_000
HOUR = 3600
DAY = 24 * HOUR
SPAN = 60 * DAY
MORNING = 40 * HOUR  # the newest posts, still being discussed when the demo starts
MAX_DEPTH = 3  # 0-based: top level plus three levels of replies = 4 levels
FLUSH_ROWS = 20_000
NEVER = float("inf")

# (username, display name, role); anna's two areas are set in _users().
FIXED_USERS = (
    ("admin", "Intranet Admin", "admin"),
    ("mona", "Mona Lindqvist", "moderator"),
    ("erik", "Erik Solberg", "editor"),
    ("anna", "Anna Becker", "ambassador"),
    ("kari", "Kari Nordmann", "employee"),
)
ADMIN, MONA, ERIK, ANNA, KARI = 1, 2, 3, 4, 5
# Authors whose own posts put every unanswered comment into their Reply lane.
OWN_POST_ROLES = frozenset({ADMIN, MONA, ERIK})
_RESPONDER_ROLES = frozenset({"admin", "moderator", "editor"})

# Kinds of comment and their cumulative weights (top level / reply).
_KINDS = ("question", "opinion", "praise", "idea", "complaint", "mention", "first_time",
          "link", "thanks", "shouting", "insult", "spam")
_TOP_WEIGHTS = tuple(itertools.accumulate((20, 22, 12, 9, 7, 9, 4, 5, 0, 1.5, 1, 1)))
_REPLY_WEIGHTS = tuple(itertools.accumulate((15, 30, 10, 5, 8, 5, 0, 2, 15, 1, 1.5, 0.5)))

# What every morning post gets among its newest top-level comments, so each lane of each role
# has something at start: (kind, how it is treated). "open": a question nobody answers yet;
# "quiet": no like, no reply; "held": awaiting approval; "flagged": flagged by colleagues;
# "late": a question from yesterday that slipped through (overdue; on the oldest one only).
_MORNING_SCRIPT = (("question", "late"), ("question", "open"), ("first_time", "quiet"),
                   ("opinion", "held"), ("mention", "open"), ("insult", "flagged"),
                   ("first_time", "held"), ("question", "open"), ("idea", "held"),
                   ("praise", "quiet"))
# The first morning posts: (author, area); None = drawn as usual. Erik's post in Anna's area
# gives the editor and the ambassador something to moderate; another editor's post gives Erik
# questions and first-time contributors that are not on his own posts.
# (id, area, author, time, topic index, language index, morning rank); see _Generator.posts
PostMeta = tuple[int, int, int, int, int, int, int]
_MORNING_POSTS = ((ERIK, 1), (None, 2), (MONA, None), (ERIK, None))


def parse_reference_time(value: float | str | None) -> int:
    """Seconds since the epoch of the demo's "now": ``value`` (epoch or ISO 8601) or now."""
    if value is None:
        return int(time.time())
    if isinstance(value, str):
        try:
            return int(parse_iso(value))
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {value!r}") from None
    return int(value)


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
    def __init__(self, conn: sqlite3.Connection, seed: int, comments: int, ref: int) -> None:
        self.conn = conn
        self.rng = random.Random(seed)
        self.target = comments
        self.ref = ref
        self.clock = _Clock()
        self.seq = 0
        self.stats = Stats()
        self.usernames: list[str] = [""]  # index = user id
        self.roles: list[str] = [""]
        self.user_areas: list[frozenset[int]] = [frozenset()]
        self.area_ambassador: dict[int, int] = {}
        self.leaders: list[int] = []
        self._asks: dict[str, bool] = {}

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
        created = self.clock.iso(self.ref - 400 * DAY)
        rows = []
        taken = {name for name, _, _ in FIXED_USERS}
        for uid, (username, display, role) in enumerate(FIXED_USERS, start=1):
            areas: list[int] = [1, 2] if uid == ANNA else []
            rows.append(self._user_row(uid, username, display, role, areas, created, False))
        for area in (1, 2):
            self.area_ambassador[area] = ANNA
        count = max(30, min(50_000, self.target // 20))
        first = len(FIXED_USERS) + 1
        # Managers who post news and answer in threads; editors as far as the desk is concerned.
        leaders = set(rng.sample(range(first, first + count), max(3, min(40, count // 150))))
        for uid in range(first, first + count):
            lang = rng.choice(texts.LANGUAGES)
            given = rng.choice(texts.FIRST_NAMES[lang])
            last = rng.choice(texts.LAST_NAMES[lang])
            base = (given + last[0]).lower().translate(texts.USERNAME_FOLD)
            username, n = base, 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            taken.add(username)
            r = rng.random()
            role = "editor" if r < 0.04 or uid in leaders else \
                "ambassador" if r < 0.08 else "employee"
            areas = []
            if role == "ambassador":
                areas = sorted(rng.sample(range(1, n_areas + 1), rng.choice((1, 1, 2))))
                for area in areas:
                    self.area_ambassador.setdefault(area, uid)
            joined = self.clock.iso(self.ref - rng.randrange(70, 900) * DAY)
            rows.append(self._user_row(uid, username, f"{given} {last}", role, areas, joined,
                                       uid in leaders))
        self.leaders = sorted(leaders)
        self.conn.executemany(
            "INSERT INTO users(id, username, display_name, name_key, role, areas, created_at,"
            " leader, version, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.stats.users = len(rows)

    def _user_row(self, uid: int, username: str, display: str, role: str, areas: list[int],
                  created: str, leader: bool) -> tuple:
        self.usernames.append(username)
        self.roles.append(role)
        self.user_areas.append(frozenset(areas))
        areas_json = orjson.dumps([str(a) for a in areas]).decode()
        return (uid, username, display, display.casefold(), role, areas_json, created,
                int(leader), 1, self.next_seq())

    # -- posts -----------------------------------------------------------------------------

    def posts(self, n_areas: int) -> list[PostMeta]:
        """Insert posts; return (id, area, author, time, topic, language, morning) per post,
        morning being 0 for older posts and 1, 2, … for the newest from the oldest on."""
        rng = self.rng
        ref = self.ref
        n = max(10, min(10_000, self.target // 100))
        morning = min(n // 2, max(4, n // 25))
        editors = [uid for uid in range(len(FIXED_USERS) + 1, len(self.roles))
                   if self.roles[uid] == "editor"] or [ERIK]
        others = [uid for uid in editors if uid not in self.leaders] or [ADMIN]
        offsets = sorted((MORNING + int(rng.random() * (SPAN - MORNING))
                          for _ in range(n - morning)), reverse=True)
        early = [2 * HOUR + int(rng.random() * (MORNING - 2 * HOUR)) for _ in range(morning)]
        early[0] = 30 * HOUR + int(rng.random() * (MORNING - 30 * HOUR))  # one from yesterday
        offsets += sorted(early, reverse=True)
        rows, meta = [], []
        for pid, offset in enumerate(offsets, start=1):
            t = ref - offset
            r = rng.random()
            author = (ERIK if r < 0.35 else MONA if r < 0.40 else ADMIN if r < 0.43
                      else rng.choice(self.leaders) if r < 0.55 else rng.choice(editors))
            area = 1 + int(n_areas * rng.random() ** 1.5)
            slot = pid - (n - morning) - 1
            if 0 <= slot < len(_MORNING_POSTS):
                fixed_author, fixed_area = _MORNING_POSTS[slot]
                author = fixed_author or rng.choice(others)
                area = fixed_area or area
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
            is_morning = slot >= 0
            status = "hidden" if rng.random() < 0.02 and not is_morning else "published"
            locked = 1 if rng.random() < 0.03 and not is_morning else 0
            # Readers come in the first days; a post read by few is as real as a popular one.
            views = int((25 + 160 * rng.paretovariate(1.6)) * min(1.0, 0.15 + offset / (3 * DAY)))
            stamp = self.clock.iso(t)
            rows.append((pid, area, author, title, body, stamp, stamp, locked, status, views, 1,
                         self.next_seq()))
            meta.append((pid, area, author, t, topic, lang, slot + 1 if is_morning else 0))
        self.conn.executemany(
            "INSERT INTO posts(id, area_id, author_id, title, body_html, created_at, updated_at,"
            " locked, status, views, version, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.stats.posts = n
        return meta

    # -- comments --------------------------------------------------------------------------

    def comments(self, posts: list[PostMeta]) -> None:
        rng = self.rng
        weights = [min(rng.paretovariate(1.3), 40.0) for _ in posts]
        total = sum(weights)
        counts = [int(self.target * w / total) for w in weights]
        for _ in range(self.target - sum(counts)):
            counts[rng.randrange(len(counts))] += 1
        self._feed_morning(posts, counts)
        first_uid = len(FIXED_USERS) + 1
        everyone = list(range(first_uid, len(self.roles)))
        employees = [uid for uid in everyone if self.roles[uid] == "employee"]
        fresh = employees[::max(2, min(10, len(employees) // 12))]
        fresh_set = set(fresh)
        self.regulars = [uid for uid in everyone if uid not in fresh_set] + [KARI]
        # The morning script's authors: employees, whose word is nobody's answer; never Kari
        # (her own comments are in no lane of hers).
        self.others = [uid for uid in self.regulars
                       if self.roles[uid] == "employee" and uid != KARI] or [KARI]
        mornings = sum(1 for p in posts if p[6])
        keep = min(2 * mornings, len(fresh) // 2)
        self.fresh_morning = fresh[:keep]
        self.fresh = fresh[keep:][::-1]
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

    def _feed_morning(self, posts: list[PostMeta],
                      counts: list[int]) -> None:
        """Room for the script and a conversation around it on every morning post."""
        need = len(_MORNING_SCRIPT) + 4
        for i, post in enumerate(posts):
            if not post[6] or counts[i] >= need:
                continue
            donor = max(range(len(counts)), key=counts.__getitem__)
            moved = min(need - counts[i], max(0, counts[donor] - need))
            counts[donor] -= moved
            counts[i] += moved

    def _thread(self, post: PostMeta, count: int) -> None:
        """One post's comments in time order, with the team answering as it goes.

        Every comment that needs an answer (a question, or any word on an own post of admin,
        mona or erik) gets an answer time; the answer is written when its time has come and
        is in the past. A thread never writes more than its share: when the answers still owed
        (and the morning script) fill what is left, no new conversation starts.
        """
        rng = self.rng
        rand = rng.random
        pid, area, post_author, t0, topic, post_lang, morning = post
        ref = self.ref
        limit = ref - 60
        span = max(60, min(14 * DAY, ref - t0 - 60))
        skew = 1.2 if morning else 2.2
        stamps = sorted(t0 + 30 + int(span * rand() ** skew) for _ in range(count))
        script = [entry for entry in _MORNING_SCRIPT if morning == 1 or entry[1] != "late"] \
            if morning and count >= len(_MORNING_SCRIPT) else []
        # Per thread: (id, depth, lang, author, kind) of comments that may get replies.
        thread: list[tuple[int, int, int, int, str]] = []
        entries: dict[int, tuple[int, int, int, int, str]] = {}
        parents: dict[int, int | None] = {}
        owed: list[tuple[float, int]] = []  # (answer time, id), answer time before `limit`
        waiting: set[int] = set()  # ids in `owed` not answered yet
        seen: set[str] = set()
        responders = (post_author, MONA, self.area_ambassador.get(area, post_author))
        own_post = post_author in OWN_POST_ROLES
        written = 0
        j = 0
        while True:
            while owed and owed[0][1] not in waiting:
                heapq.heappop(owed)
            due = owed[0][0] if owed else None
            new_at = stamps[j] if j < len(stamps) else None
            # A new comment may need an answer: it comes only while the share has room for
            # that answer, every answer still owed and the script.
            natural = new_at is not None and count - written >= len(waiting) + len(script) + 2
            scripted = bool(script) and new_at is not None and (
                not natural or len(stamps) - j <= len(script))
            if due is not None and (new_at is None or due <= new_at or not natural):
                _, item = heapq.heappop(owed)
                question = entries[item]
                t = int(due)
                author = responders[0 if rand() < 0.55 else 1 if rand() < 0.45 else 2]
                if self.leaders and rand() < 0.08:
                    author = self.leaders[int(len(self.leaders) * rand())]
                kind = "answer" if question[4] == "asks" else "reply"
                parent: tuple[int, int, int, int, str] | None = question
                lang = question[2]
                mode = None
                # a reply below a comment answers it and every comment above it
                node: int | None = item
                while node is not None:
                    waiting.discard(node)
                    node = parents.get(node)
            elif new_at is not None and (natural or scripted):
                t = new_at
                parent = None
                mode = None
                j += 1
                if scripted:
                    kind, mode = script.pop(0)
                    # this morning's work is from the last hours, whenever the post came
                    t = max(t, ref - 600 - int(18 * HOUR * rand()))
                    if mode == "late":
                        latest = ref - 25 * HOUR
                        if latest <= t0 + 60:
                            mode = "open"
                        else:
                            t = latest - int(rand() * min(8 * HOUR, latest - t0 - 60))
                else:
                    if thread and rand() < 0.4:
                        candidate = thread[rng.randrange(max(0, len(thread) - 15), len(thread))]
                        if candidate[1] < MAX_DEPTH:
                            parent = candidate
                    if parent is not None and self.roles[parent[3]] != "employee" \
                            and rand() < 0.6:
                        kind = "thanks"
                    else:
                        weights = _REPLY_WEIGHTS if parent is not None else _TOP_WEIGHTS
                        kind = rng.choices(_KINDS, cum_weights=weights)[0]
                if parent is not None and parent[1] + 1 == MAX_DEPTH and kind != "spam":
                    kind = "thanks"  # nobody could answer below the deepest level
                lang = post_lang if rand() < 0.75 else rng.randrange(3)
                if kind == "first_time":
                    pool = self.fresh_morning if mode is not None else self.fresh
                    if not pool:
                        pool = self.fresh
                    if pool:
                        author = pool.pop()
                    else:
                        kind = "opinion"
                if kind != "first_time":
                    if mode is not None:
                        author = self.others[int(len(self.others) * rand())]
                    else:
                        regulars = self.regulars
                        author = regulars[int(len(regulars) * rand() ** 1.6)]
            else:
                break
            self.comment_id += 1
            written += 1
            cid = self.comment_id
            depth = 0 if parent is None else parent[1] + 1
            parent_id = None if parent is None else parent[0]
            body, asks = self._body(kind, lang, topic, parent, seen)
            status = self._status(kind, ref - t, mode)
            if status == "purge":
                self._buffer_tombstone(cid, t)
                continue
            stamp = self.clock.iso(t)
            self.buffers["comments"].append(
                (cid, pid, parent_id, author, body, status, stamp, stamp, 1, self.next_seq())
            )
            entry = (cid, depth, lang, author, "asks" if asks else kind)
            thread.append(entry)
            parents[cid] = parent_id
            if ((asks or own_post) and status == "published" and depth < MAX_DEPTH
                    and kind != "thanks" and not self._responder(author, post_author, area)):
                entries[cid] = entry
                answer_at = NEVER if mode is not None else t + self._answer_delay(ref - t, asks)
                if answer_at <= limit:
                    heapq.heappush(owed, (answer_at, cid))
                    waiting.add(cid)
            if mode not in ("quiet", "open", "late"):
                self._likes(cid, author, post_author, t)
            self._flags(cid, kind, author, t, mode)

    def _responder(self, author: int, post_author: int, area: int) -> bool:
        """Whose word counts as the team's (the desk's rule, on the generator's facts)."""
        if author == post_author or self.roles[author] in _RESPONDER_ROLES:
            return True
        return self.roles[author] == "ambassador" and area in self.user_areas[author]

    def _answer_delay(self, age: int, asks: bool) -> float:
        """How long the team takes; a few recent questions slip through (the overdue ones).
        Feedback on one's own post gets its thank-you within the hour, mostly."""
        r = self.rng.random()
        if not asks:
            return 300 + (3300 if r < 0.8 else 8 * HOUR) * self.rng.random()
        if r < 0.45:
            return 600 + 6600 * self.rng.random()
        if r < 0.88:
            return 2 * HOUR + 14 * HOUR * self.rng.random()
        if r < 0.96 or age > 3 * DAY:
            return 16 * HOUR + 20 * HOUR * self.rng.random()
        return NEVER

    def _body(self, kind: str, lang: int, topic: int, parent: tuple | None,
              seen: set[str]) -> tuple[str, bool]:
        """The body HTML and whether it asks something; never one ``seen`` in the thread."""
        rng = self.rng
        if kind == "spam":
            links = [f"{rng.choice(texts.SPAM_HOSTS)}/offer/{rng.randrange(100_000)}"
                     for _ in range(3)]
            a, b, c = (f'<a href="{url}">{url}</a>' for url in links)
            body = f"<p>{rng.choice(texts.SPAM_BODIES).format(a=a, b=b, c=c)}</p>"
            seen.add(body)
            return body, False
        code = texts.LANGUAGES[lang]
        template_kind = "opinion" if kind == "link" else kind
        template = rng.choice(texts.COMMENTS[template_kind][code])
        asks = self._asks.get(template)
        if asks is None:
            asks = self._asks[template] = is_question(template)
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
        tries = 0
        while body in seen:
            tries += 1
            n = rng.randrange(2, 60) if tries < 8 else len(seen) + tries
            opener = rng.choice(texts.OPENERS[code])
            if kind == "thanks":  # stays a short thank-you, which needs no answer
                body = f"<p>{opener} {text}</p>" if tries < 8 else f"<p>{text} ({n})</p>"
            else:
                closer = rng.choice(texts.CLOSERS[code]).format(n=n)
                body = f"<p>{opener} {text}</p><p>{closer}</p>"
        seen.add(body)
        return body, asks

    def _status(self, kind: str, age: int, mode: str | None) -> str:
        """A status; the team settled those older than a few hours (approved, removed)."""
        if mode == "held":
            return "held"
        if mode is not None or kind in ("answer", "reply"):
            return "published"
        rand = self.rng.random
        r = rand()
        # the first days are the only ones in question (a draw only where it matters)
        if kind == "spam":
            if age > 4 * HOUR + 36 * HOUR * rand():
                return "spam"
            return "spam" if r < 0.45 else "held" if r < 0.75 else "published"
        if kind in ("insult", "shouting") and age > 4 * HOUR + 36 * HOUR * rand():
            return "hidden" if r < 0.8 else "deleted"
        # held ones wait longer: nobody approves comments over the weekend
        if kind == "first_time":
            return "held" if r < 0.15 and age < 12 * HOUR + 60 * HOUR * rand() else "published"
        if kind == "insult" and r < 0.25:
            return "hidden"
        if r < 0.03:
            return "held" if age < 12 * HOUR + 60 * HOUR * rand() else "published"
        if r < 0.034:
            return "hidden"
        if r < 0.038:
            return "deleted"
        if r < 0.0385 and kind not in ("answer", "reply", "question"):
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
        stamp = self.clock.iso(min(self.ref, t + 600))
        self.buffers["likes"].extend((cid, uid, stamp) for uid in sorted(likers))

    def _flags(self, cid: int, kind: str, author: int, t: int, mode: str | None) -> None:
        rand = self.rng.random
        if mode is not None:
            if mode != "flagged":
                return
            chance = 1.0
        else:
            chance = {"insult": 0.4, "spam": 0.3, "shouting": 0.2}.get(kind, 0.0025)
        if rand() >= chance:
            return
        reason = {"insult": "insulting", "spam": "spam"}.get(kind, "off-topic")
        everyone = self.everyone
        flaggers = {everyone[int(len(everyone) * rand())]
                    for _ in range(self.rng.randint(2 if mode else 1, 3))}
        flaggers.discard(author)
        at = min(self.ref, t + 1800)
        stamp = self.clock.iso(at)
        # A moderator looked at it within a day or so (flags on a removed comment stay).
        cleared_at = at + 2 * HOUR + int(30 * HOUR * rand())
        cleared = None if mode or cleared_at >= self.ref else self.clock.iso(cleared_at)
        self.buffers["flags"].extend((cid, uid, reason, stamp, cleared)
                                     for uid in sorted(flaggers))

    def _buffer_tombstone(self, cid: int, t: int) -> None:
        stamp = self.clock.iso(min(self.ref, t + 3600))
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
            "INSERT INTO flags(comment_id, user_id, reason, created_at, cleared_at)"
            " VALUES (?,?,?,?,?)",
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


def generate(conn: sqlite3.Connection, *, seed: int, comments: int,
             reference_time: float | str | None = None) -> Stats:
    """Fill an empty database with demo data, in one transaction. Returns counts and time.

    ``reference_time`` (epoch seconds or ISO 8601; default now) is the moment every generated
    time counts back from.
    """
    started = time.perf_counter()
    gen = _Generator(conn, seed, comments, parse_reference_time(reference_time))
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
             ("reference_time", gen.clock.iso(gen.ref))],
        )
        schema.finish_load(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ANALYZE")
    gen.stats.seconds = time.perf_counter() - started
    return gen.stats
