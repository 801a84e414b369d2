"""WordPress JSON → our records (desktop.models.records), and the few facts the pull loop
needs from a page (ids, dates, statuses).

Pages are decoded once, on the event loop, with orjson (a page of 100 comments in a few
hundred µs, less than the regexes over the raw bytes this replaced took); the decoded lists
go to ``*_batch``, which run on the store's writer thread inside ``Page.parse``. Nothing here
does I/O.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import orjson

from desktop.models.records import AreaRecord, CommentRecord, PostRecord, UserRecord
from desktop.models.timefmt import parse_iso
from desktop.services.connectors.base import BadResponse, Batch

# A decoded WordPress object (a comment, a post, a user, a category)
Doc = dict[str, Any]

# WordPress comment status → our comment status. "trash" can be restored, so it is "deleted"
# (a status), not a tombstone; only a purged comment (gone from every list) is a tombstone.
STATUS_MAP = {"approved": "published", "hold": "held", "spam": "spam", "trash": "deleted"}
# One letter per status in the known map kept in the cursor. "x": vanished from what a
# non-moderator can see (held or deleted, we cannot tell which).
STATUS_CHAR = {"approved": "a", "hold": "h", "spam": "s", "trash": "t", "hidden": "x"}
CHAR_STATUS = {v: k for k, v in STATUS_CHAR.items()}
# The comment lists a moderator reads; "all" = approved + hold
MOD_LISTS = ("all", "spam", "trash")

COMMENT_FIELDS = "id,post,parent,author,author_name,date_gmt,content,link,status"
POST_FIELDS = ("id,date_gmt,modified_gmt,status,link,title,content,author,comment_status,"
               "categories")
SWEEP_FIELDS = "id,status,post,parent"

_READ_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


# --- decoding (event loop) --------------------------------------------------------------------

def decode_list(raw: bytes, site: str, what: str) -> list[Doc]:
    """A list page, decoded; BadResponse when it is not JSON or not a list of objects."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadResponse(f"{site} sent {what} that is not JSON") from None
    if not isinstance(doc, list) or not all(isinstance(d, dict) for d in doc):
        raise BadResponse(f"{site} answered {what} with something that is not a list")
    return doc


def comment_keys(docs: list[Doc], site: str) -> list[tuple[int, float, str]]:
    """(id, creation date, WordPress status) of each comment of a decoded list page."""
    try:
        return [(int(d["id"]), parse_iso(d["date_gmt"]), str(d["status"])) for d in docs]
    except _READ_ERRORS:
        raise BadResponse(f"{site} sent a comment list that could not be read") from None


def post_keys(docs: list[Doc], site: str) -> list[tuple[int, float]]:
    """(id, modification date) of each post of a decoded list page."""
    try:
        return [(int(d["id"]), parse_iso(d["modified_gmt"])) for d in docs]
    except _READ_ERRORS:
        raise BadResponse(f"{site} sent a post list that could not be read") from None


def ids_in(pages: list[list[Doc]]) -> dict[int, str]:
    """id → WordPress status of every comment of these pages that has both."""
    found: dict[int, str] = {}
    for docs in pages:
        for d in docs:
            try:
                found[int(d["id"])] = str(d["status"])
            except _READ_ERRORS:
                continue
    return found


# --- normalisation (writer thread) --------------------------------------------------------------

def comment_version(wp_status: str, rendered: str) -> str:
    """Changes whenever the status or the content changes (WordPress has no modified date)."""
    # a change detector, not a security check
    digest = hashlib.sha1(f"{wp_status}\0{rendered}".encode(), usedforsecurity=False).hexdigest()
    return digest[:16]


def guest_id(name: str) -> str:
    return "guest:" + (name.strip() or "anonymous")


def _person(user_id: str, name: str) -> UserRecord:
    return {"id": user_id, "username": "", "display_name": name, "role": "employee",
            "areas": []}


def comment(d: Doc, listed: frozenset[int] | None = None
            ) -> tuple[CommentRecord, UserRecord | None]:
    """A WordPress comment → (our comment, a user record for its author or None).

    ``listed``: user ids the user list gave (with roles). Other registered authors (an editor
    without list_users sees only users who published posts) get a record from the comment's
    author name, so the queue shows a name instead of a number.
    """
    wp_status = str(d["status"])
    rendered = str((d.get("content") or {}).get("rendered") or "")
    created = parse_iso(str(d["date_gmt"]))
    author = int(d.get("author") or 0)
    guest = None
    if author:
        author_id = str(author)
        if listed is not None and author not in listed:
            guest = _person(author_id, html.unescape(str(d.get("author_name") or author_id)))
    else:
        # Guests have no user id; one pseudo-user per name keeps them apart in the rules
        # (first-time contributors) and gives the list a name to show.
        name = str(d.get("author_name") or "")
        author_id = guest_id(name)
        guest = _person(author_id, name.strip() or "Anonymous")
    parent = int(d.get("parent") or 0)
    record: CommentRecord = {
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


def post(d: Doc) -> PostRecord:
    categories = d.get("categories") or []
    modified = parse_iso(str(d.get("modified_gmt") or d["date_gmt"]))
    comment_status = str(d.get("comment_status") or "open")
    return {
        "id": str(d["id"]),
        "area_id": str(categories[0]) if categories else None,
        "author_id": str(d.get("author") or "") or None,
        "title": html.unescape(str((d.get("title") or {}).get("rendered") or "")),
        "body_html": str((d.get("content") or {}).get("rendered") or ""),
        "created_at": parse_iso(str(d["date_gmt"])),
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


def user(d: Doc, *, full: bool) -> UserRecord:
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


def area(d: Doc) -> AreaRecord:
    return {"id": str(d["id"]), "name": html.unescape(str(d["name"])), "kind": "category"}


def comments_batch(pages: list[list[Doc]], site: str,
                   listed: frozenset[int] | None = None) -> Batch:
    batch = Batch()
    guests: dict[str, UserRecord] = {}
    for docs in pages:
        for d in docs:
            try:
                record, guest = comment(d, listed)
            except _READ_ERRORS:
                raise BadResponse(f"{site} sent a comment that does not look like WordPress's")\
                    from None
            batch.comments.append(record)
            if guest is not None:
                guests[guest["id"]] = guest
    batch.users.extend(guests.values())
    return batch


def posts_batch(docs: list[Doc], site: str) -> Batch:
    try:
        return Batch(posts=[post(d) for d in docs])
    except _READ_ERRORS:
        raise BadResponse(f"{site} sent a post that does not look like WordPress's") from None


def meta_batch(categories: list[list[Doc]], users: list[list[Doc]], full_users: bool,
               site: str) -> Batch:
    batch = Batch()
    try:
        for docs in categories:
            batch.areas.extend(area(c) for c in docs)
        for docs in users:
            batch.users.extend(user(u, full=full_users) for u in docs)
    except _READ_ERRORS:
        raise BadResponse(f"{site} sent categories or users that do not look like "
                          "WordPress's") from None
    return batch
