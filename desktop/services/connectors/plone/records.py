"""Plone's JSON → the normalised records of ``connectors.base`` (run on the writer thread).

Ids: areas and posts are Plone UIDs; a comment is ``<post UID>-<comment id>`` because Plone's
comment ids are unique only within their item, and the parent follows from ``in_reply_to``
without a lookup. Comment bodies are plain text in Plone (``text/plain``): escaped here, so
markup in a comment stays text.
"""

from __future__ import annotations

import html
import zlib
from datetime import datetime
from typing import Any

from desktop.models.records import AreaRecord, CommentRecord, PostRecord, UserRecord

# comment_review_workflow states → our comment status
STATUS = {"published": "published", "pending": "held", "rejected": "hidden", "spam": "spam"}
# the cursor keeps the last seen state of every comment as one character
STATE_CHAR = {"published": "p", "pending": "h", "rejected": "r", "spam": "s"}
CHAR_STATE = {v: k for k, v in STATE_CHAR.items()}
SEP = "-"


def rid(post_uid: str, comment_id: str) -> str:
    return f"{post_uid}{SEP}{comment_id}"


def split_rid(value: str) -> tuple[str, str]:
    post, sep, cid = value.rpartition(SEP)
    if not sep or not post or not cid:
        raise ValueError(f"not a Plone comment id: {value!r}")
    return post, cid


def ts(value: Any) -> float:
    """ISO 8601 from Plone → POSIX seconds (0.0 for nothing readable)."""
    if not value:
        return 0.0
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return 0.0


def role_of(roles: list[str]) -> str:
    """Plone's global roles → the roles our rules know (admin, editor, moderator, employee)."""
    if "Manager" in roles or "Site Administrator" in roles:
        return "admin"
    if "Editor" in roles:
        return "editor"
    if "Reviewer" in roles:
        return "moderator"
    return "employee"


def body_html(text: dict[str, Any] | None) -> str:
    text = text or {}
    data = str(text.get("data") or "")
    if text.get("mime-type") == "text/html":
        return data  # the desk's sanitiser renders it like every other platform's HTML
    return html.escape(data).replace("\n", "<br>")


def text_crc(item: dict[str, Any]) -> str:
    data = str((item.get("text") or {}).get("data") or "")
    return f"{zlib.crc32(data.encode()):08x}"


def version(modified: str, state: str, crc: str) -> str:
    # Workflow transitions leave `modified` alone, and it has whole seconds only (an edit in
    # the second of the post keeps it): the state and the text are part of the version.
    return f"{modified}|{state}|{crc}"


def comment(item: dict[str, Any], post_uid: str, state: str, post_url: str) -> CommentRecord:
    """A comment from ``@comments`` joined with its catalogue state."""
    cid = str(item["comment_id"])
    parent = item.get("in_reply_to")
    author = str(item.get("author_username") or "")
    if not author:
        author = "guest:" + str(item.get("author_name") or "anonymous")
    modified = str(item.get("modification_date") or item.get("creation_date") or "")
    created = ts(item.get("creation_date"))
    return {
        "id": rid(post_uid, cid), "post_id": post_uid,
        "parent_id": rid(post_uid, str(parent)) if parent else None,
        "author_id": author, "body_html": body_html(item.get("text")),
        "status": STATUS.get(state, "hidden"), "created_at": created,
        "updated_at": ts(modified) or created, "like_count": 0, "liked_by": [], "flags": [],
        "url": f"{post_url}#{cid}", "version": version(modified, state, text_crc(item)),
    }


def author(item: dict[str, Any], roles: dict[str, str]) -> UserRecord:
    username = str(item.get("author_username") or "")
    name = str(item.get("author_name") or username or "anonymous")
    if not username:
        return {"id": "guest:" + name, "username": "", "display_name": name,
                "role": "employee", "areas": []}
    return {"id": username, "username": username, "display_name": name,
            "role": roles.get(username, "employee"), "areas": []}


def post(doc: dict[str, Any], area_uid: str | None) -> PostRecord:
    """A Document or News Item read with ``fullobjects``."""
    text = doc.get("text") or {}
    body = str(text.get("data") or "") if isinstance(text, dict) else ""
    if not body:
        body = html.escape(str(doc.get("description") or ""))
    creators = doc.get("creators") or []
    created = ts(doc.get("created"))
    modified = str(doc.get("modified") or "")
    return {
        "id": str(doc["UID"]), "area_id": area_uid,
        "author_id": str(creators[0]) if creators else None,
        "title": str(doc.get("title") or ""), "body_html": body, "created_at": created,
        "updated_at": ts(modified) or created,
        # Discussion switched off: nobody can reply, as a locked thread.
        "locked": not doc.get("allow_discussion"),
        "status": "published" if doc.get("review_state") in ("published", None) else "hidden",
        "url": str(doc.get("@id") or ""),
        "version": f"{modified}|{doc.get('review_state')}|{bool(doc.get('allow_discussion'))}",
    }


def post_summary(hit: dict[str, Any], area_uid: str | None) -> PostRecord:
    """A post from its catalogue metadata (a first sync): the description stands for the
    body and discussion counts as on until the post is read whole (``post``)."""
    created = ts(hit.get("created"))
    modified = str(hit.get("modified") or "")
    state = hit.get("review_state")
    return {
        "id": str(hit["UID"]), "area_id": area_uid,
        "author_id": str(hit.get("Creator") or "") or None,
        "title": str(hit.get("title") or ""),
        "body_html": html.escape(str(hit.get("description") or "")), "created_at": created,
        "updated_at": ts(modified) or created, "locked": False,
        "status": "published" if state in ("published", None) else "hidden",
        "url": str(hit.get("@id") or ""),
        "version": f"{modified}|{state}|summary",  # never a whole read's: that one replaces it
    }


def area(hit: dict[str, Any]) -> AreaRecord:
    return {"id": str(hit["UID"]), "name": str(hit.get("title") or hit.get("id") or ""),
            "kind": "folder"}


def user(doc: dict[str, Any]) -> UserRecord:
    username = str(doc.get("id") or doc.get("username") or "")
    return {"id": username, "username": str(doc.get("username") or username),
            "display_name": str(doc.get("fullname") or username),
            "role": role_of(list(doc.get("roles") or [])), "areas": []}
