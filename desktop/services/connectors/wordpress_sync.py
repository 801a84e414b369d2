"""WordPress sync state and parsing: the cursor, the known-status map, normalisation.

Kept apart from the connector (``wordpress.py``) so the network code stays readable. Nothing here
does I/O. ``parse_*`` run on the store's writer thread (inside ``Page.parse``); ``peek_*`` run on
the event loop and only scan bytes with a regex, because the pull loop must know ids, dates and
statuses of a page to ask for the next one.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime
import hashlib
import html
import json
import re
import zlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.services.connectors.base import BadResponse, Batch
from desktop.services.http import json_or_none

# WordPress comment status → our comment status. "trash" can be restored, so it is "deleted"
# (a status), not a tombstone; only a purged comment (gone from every list) is a tombstone.
STATUS_MAP = {"approved": "published", "hold": "held", "spam": "spam", "trash": "deleted"}
# One letter per status in the known map kept in the cursor. "x": vanished from what a
# non-moderator can see (held or deleted, we cannot tell which).
STATUS_CHAR = {"approved": "a", "hold": "h", "spam": "s", "trash": "t", "hidden": "x"}
CHAR_STATUS = {v: k for k, v in STATUS_CHAR.items()}

COMMENT_FIELDS = "id,post,parent,author,author_name,date_gmt,content,link,status"
POST_FIELDS = ("id,date_gmt,modified_gmt,status,link,title,content,author,comment_status,"
               "categories")
SWEEP_FIELDS = "id,status,post,parent"

CURSOR_VERSION = 1


# --- times ----------------------------------------------------------------------------------

def gmt_to_ts(value: str) -> float:
    """WordPress ``*_gmt`` fields ("2026-11-20T19:31:50", no offset, UTC) → POSIX seconds."""
    when = datetime.datetime.fromisoformat(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp()


def iso_z(ts: float) -> str:
    """POSIX seconds → "YYYY-MM-DDTHH:MM:SSZ". Always with Z: without an offset WordPress
    compares with the site-local column (notes/platform-apis.md A1, the timezone trap)."""
    return datetime.datetime.fromtimestamp(int(ts), datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


# --- cursor -----------------------------------------------------------------------------------

@dataclasses.dataclass
class Position:
    """Keyset position in a list ordered by a second-resolution date, ascending.

    The next request asks for ``date > t - 1`` (the filters are exclusive, so the second ``t``
    itself is read again: the overlap) and skips ``o`` items already seen at second ``t``.
    """

    t: float | None = None
    o: int = 0

    def advance(self, stamps: list[float]) -> Position:
        """Where to continue after a full page whose dates (ascending) are ``stamps``."""
        last = stamps[-1]
        if self.t is None or last > self.t:
            return Position(last, sum(1 for s in stamps if s == last))
        # Every item of the page sits on the same second: page on through it.
        return Position(self.t, self.o + len(stamps))

    def to_json(self) -> list[Any]:
        return [self.t, self.o]

    @classmethod
    def from_json(cls, value: Any) -> Position:
        if isinstance(value, list) and len(value) == 2:
            return cls(None if value[0] is None else float(value[0]), int(value[1]))
        return cls()


@dataclasses.dataclass
class Cursor:
    """Everything a WordPress sync needs to resume; stored as one JSON string."""

    moderator: bool = False
    stage: str = "done"  # meta, posts, comments, sweep, done
    meta_at: float = 0.0  # last refresh of categories and users
    posts: Position = dataclasses.field(default_factory=Position)
    comments_hwm: float | None = None  # newest comment date seen (for the next run's start)
    list_index: int = 0  # which comment list the running stage is on
    run: Position = dataclasses.field(default_factory=Position)  # position in that list
    run_from: float | None = None  # where every comment list of this run starts
    known: dict[int, str] = dataclasses.field(default_factory=dict)  # comment id → status char
    users: list[int] = dataclasses.field(default_factory=list)  # ids the user list gave us
    # When the last completed sweep (or first full read) began, by the connector's clock.
    # None: never, which is also what a cursor stored before the field existed loads as, so
    # the next run sweeps instead of starting a full sync over.
    swept_at: float | None = None

    def to_json(self) -> str:
        return json.dumps({
            "v": CURSOR_VERSION, "mod": self.moderator, "stage": self.stage,
            "meta_at": self.meta_at, "posts": self.posts.to_json(),
            "hwm": self.comments_hwm, "list": self.list_index, "run": self.run.to_json(),
            "from": self.run_from, "known": encode_known(self.known), "users": self.users,
            "swept": self.swept_at,
        }, separators=(",", ":"))

    @classmethod
    def load(cls, text: str | None) -> Cursor:
        """The stored cursor, or a fresh one when there is none or it is not ours."""
        if not text:
            return cls()
        try:
            d = json.loads(text)
            if d.get("v") != CURSOR_VERSION:
                return cls()
            return cls(
                moderator=bool(d["mod"]), stage=str(d["stage"]), meta_at=float(d["meta_at"]),
                posts=Position.from_json(d["posts"]),
                comments_hwm=None if d["hwm"] is None else float(d["hwm"]),
                list_index=int(d["list"]), run=Position.from_json(d["run"]),
                run_from=None if d["from"] is None else float(d["from"]),
                known=decode_known(d["known"]), users=[int(u) for u in d["users"]],
                # optional: added after version 1 shipped, absent from older cursors
                swept_at=None if d.get("swept") is None else float(d["swept"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError, zlib.error):
            return cls()  # a cursor from elsewhere: a full sync is always correct


def encode_known(known: dict[int, str]) -> str:
    """{id: status char} → compact text: per status, sorted ids as base-36 gaps, zlib, base64.

    Ids are dense, so the gaps are mostly "1": 27,000 comments take a few KB.
    """
    groups: dict[str, list[int]] = {}
    for cid, ch in known.items():
        groups.setdefault(ch, []).append(cid)
    parts = []
    for ch in sorted(groups):
        ids = sorted(groups[ch])
        prev = 0
        gaps = []
        for cid in ids:
            gaps.append(_b36(cid - prev))
            prev = cid
        parts.append(ch + ".".join(gaps))
    raw = "|".join(parts).encode()
    return base64.b64encode(zlib.compress(raw, 6)).decode()


def decode_known(text: str) -> dict[int, str]:
    if not text:
        return {}
    raw = zlib.decompress(base64.b64decode(text)).decode()
    known: dict[int, str] = {}
    for part in raw.split("|") if raw else ():
        ch, gaps = part[0], part[1:]
        prev = 0
        for gap in gaps.split(".") if gaps else ():
            prev += int(gap, 36)
            known[prev] = ch
    return known


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(reversed(out))


# --- peeking (event loop) ----------------------------------------------------------------------

# Inside a JSON string every quote is escaped, so `{"id":` can only start an object. With
# `_fields` WordPress keeps its own field order: id, post, parent, …, date_gmt, …, status.
_COMMENT_HEAD = re.compile(rb'\{"id":(\d+),"post":\d+,"parent":\d+')
_DATE_GMT = re.compile(rb'"date_gmt":"([0-9T:\-]+)"')
_STATUS = re.compile(rb'"status":"([a-z_-]+)"')
_OBJECT_ID = re.compile(rb'\{"id":(\d+)')
_POST_HEAD = re.compile(rb'\{"id":(\d+),"date_gmt"')
_MODIFIED_GMT = re.compile(rb'"modified_gmt":"([0-9T:\-]+)"')


def peek_comments(raw: bytes) -> list[tuple[int, float, str]] | None:
    """(id, date, WordPress status) of each comment in a list page, or None if unsure."""
    ids = _COMMENT_HEAD.findall(raw)
    dates = _DATE_GMT.findall(raw)
    statuses = _STATUS.findall(raw)
    if not (len(ids) == len(dates) == len(statuses)):
        return None
    try:
        return [(int(i), gmt_to_ts(d.decode()), s.decode())
                for i, d, s in zip(ids, dates, statuses)]
    except ValueError:
        return None


def peek_posts(raw: bytes) -> list[tuple[int, float]] | None:
    ids = _POST_HEAD.findall(raw)
    dates = _MODIFIED_GMT.findall(raw)
    if len(ids) != len(dates):
        return None
    try:
        return [(int(i), gmt_to_ts(d.decode())) for i, d in zip(ids, dates)]
    except ValueError:
        return None


def peek_ids(raw: bytes) -> list[int]:
    """Ids of the objects in a list page whose objects start with "id"."""
    return [int(i) for i in _OBJECT_ID.findall(raw)]


def peek_list(raw: bytes) -> bool:
    """True when the bytes look like a JSON array (an empty page included)."""
    return raw.lstrip()[:1] == b"["


# --- normalisation (writer thread) -------------------------------------------------------------

def comment_version(wp_status: str, rendered: str) -> str:
    """Changes whenever the status or the content changes (WordPress has no modified date)."""
    digest = hashlib.sha1(f"{wp_status}\0{rendered}".encode()).hexdigest()
    return digest[:16]


def guest_id(name: str) -> str:
    return "guest:" + (name.strip() or "anonymous")


def comment(d: dict[str, Any], listed: frozenset[int] | None = None
            ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A WordPress comment → (our comment, a user record for its author or None).

    ``listed``: user ids the user list gave (with roles). Other registered authors (an editor
    without list_users sees only users who published posts) get a record from the comment's
    author name, so the queue shows a name instead of a number.
    """
    wp_status = str(d["status"])
    rendered = str((d.get("content") or {}).get("rendered") or "")
    created = gmt_to_ts(str(d["date_gmt"]))
    author = int(d.get("author") or 0)
    guest = None
    if author:
        author_id = str(author)
        if listed is not None and author not in listed:
            guest = {"id": author_id, "username": "",
                     "display_name": html.unescape(str(d.get("author_name") or author_id)),
                     "role": "employee", "areas": []}
    else:
        # Guests have no user id; one pseudo-user per name keeps them apart in the rules
        # (first-time contributors) and gives the list a name to show.
        name = str(d.get("author_name") or "")
        author_id = guest_id(name)
        guest = {"id": author_id, "username": "", "display_name": name.strip() or "Anonymous",
                 "role": "employee", "areas": []}
    parent = int(d.get("parent") or 0)
    record = {
        "id": str(d["id"]),
        "post_id": str(d["post"]),
        "parent_id": str(parent) if parent else None,
        "author_id": author_id,
        "body_html": rendered,
        "status": STATUS_MAP.get(wp_status, "hidden"),
        "created_at": created,
        "updated_at": created,
        "like_count": 0,
        "liked_by": [],
        "flags": [],
        "url": str(d.get("link") or ""),
        "version": comment_version(wp_status, rendered),
    }
    return record, guest


def post(d: dict[str, Any]) -> dict[str, Any]:
    categories = d.get("categories") or []
    modified = gmt_to_ts(str(d.get("modified_gmt") or d["date_gmt"]))
    comment_status = str(d.get("comment_status") or "open")
    return {
        "id": str(d["id"]),
        "area_id": str(categories[0]) if categories else None,
        "author_id": str(d.get("author") or "") or None,
        "title": html.unescape(str((d.get("title") or {}).get("rendered") or "")),
        "body_html": str((d.get("content") or {}).get("rendered") or ""),
        "created_at": gmt_to_ts(str(d["date_gmt"])),
        "updated_at": modified,
        "locked": comment_status == "closed",
        "status": "published" if d.get("status", "publish") == "publish" else "hidden",
        "url": str(d.get("link") or ""),
        "version": f"{int(modified)}:{comment_status}:{d.get('status', 'publish')}",
    }


def role_of(roles: list[str], capabilities: dict[str, Any] | None) -> str:
    """WordPress roles → the roles our rules know (admin, editor, moderator, employee)."""
    if "administrator" in roles:
        return "admin"
    if "editor" in roles:
        return "editor"
    if capabilities and capabilities.get("moderate_comments"):
        return "moderator"
    return "employee"


def user(d: dict[str, Any], *, full: bool) -> dict[str, Any]:
    """A WordPress user. ``full``: read with context=edit (roles known). Without list_users an
    account only sees users who published posts; on an intranet those are the people who run
    it, so they count as staff ("editor") for the rules (docs/wordpress.md)."""
    if full:
        role = role_of(list(d.get("roles") or []), d.get("capabilities"))
        username = str(d.get("username") or d.get("slug") or "")
    else:
        role = "editor"
        username = str(d.get("slug") or "")
    return {"id": str(d["id"]), "username": username,
            "display_name": html.unescape(str(d.get("name") or username)), "role": role,
            "areas": []}


def _load(raw: bytes, site: str, what: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise BadResponse(f"{site} sent {what} that is not JSON") from None


def parse_comments(raws: list[bytes], site: str, listed: frozenset[int] | None = None
                   ) -> Batch:
    batch = Batch()
    guests: dict[str, dict[str, Any]] = {}
    for raw in raws:
        doc = _load(raw, site, "a comment list")
        if not isinstance(doc, list):
            raise BadResponse(f"{site} sent a comment list that is not a list")
        for d in doc:
            try:
                record, guest = comment(d, listed)
            except (KeyError, TypeError, ValueError, AttributeError):
                raise BadResponse(f"{site} sent a comment that does not look like WordPress's")\
                    from None
            batch.comments.append(record)
            if guest is not None:
                guests[guest["id"]] = guest
    batch.users.extend(guests.values())
    return batch


def parse_posts(raw: bytes, site: str) -> Batch:
    doc = _load(raw, site, "a post list")
    try:
        return Batch(posts=[post(d) for d in doc])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadResponse(f"{site} sent a post that does not look like WordPress's") from None


def parse_meta(categories: list[bytes], users: list[bytes], full_users: bool,
               site: str) -> Batch:
    batch = Batch()
    try:
        for raw in categories:
            batch.areas.extend({"id": str(c["id"]), "name": html.unescape(str(c["name"])),
                                "kind": "category"} for c in _load(raw, site, "categories"))
        for raw in users:
            batch.users.extend(user(u, full=full_users) for u in _load(raw, site, "users"))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadResponse(f"{site} sent categories or users that do not look like "
                          "WordPress's") from None
    return batch


# --- moderation -------------------------------------------------------------------------------

_SET_STATUS = {"approve": "approved", "hide": "hold", "spam": "spam"}
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


def wanted_status(kind: str, status: str) -> tuple[str, Callable[[str], bool]] | None:
    """(status to send, test of the answer), or None when nothing is left to do."""
    if kind in _SET_STATUS:
        target = _SET_STATUS[kind]
        return None if status == target else (target, lambda s: s == target)
    if kind == "delete":
        return None if status == "trash" else ("trash", lambda s: s == "trash")
    # restore: undo trash or spam; WordPress puts the comment back where it was (approved
    # or held). A held ("hidden") comment is restored by approving it.
    if status == "trash":
        return "untrash", lambda s: s not in ("trash", "spam")
    if status == "spam":
        return "unspam", lambda s: s not in ("trash", "spam")
    if status == "hold":
        return "approved", lambda s: s == "approved"
    return None


# -- helpers for the connector (responses, texts) ----------------------------------------------------------------------------------

def is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


def code(response: httpx.Response) -> str:
    doc = json_or_none(response) if is_json(response) else None
    return str(doc.get("code") or "") if isinstance(doc, dict) else ""


def message(response: httpx.Response) -> str:
    doc = json_or_none(response) if is_json(response) else None
    if not isinstance(doc, dict):
        return ""
    text = html.unescape(_TAG.sub("", str(doc.get("message") or "")))
    return _SPACE.sub(" ", text).strip()[:300]


def plain(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1")


def ids_in(raws: list[bytes]) -> dict[int, str]:
    found: dict[int, str] = {}
    for raw in raws:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            for d in json.loads(raw):
                found[int(d["id"])] = str(d["status"])
    return found
