"""Builders of normalised records (the connector contract) for store-level tests."""

from __future__ import annotations

from typing import Any

from desktop.services.connectors.base import Batch, Page

NOW = 1_800_000_000.0


def comment(cid: int | str, text: str, *, post: str = "1", parent: str | None = None,
            author: str = "50", status: str = "published", age: float = 3600.0,
            version: str = "1", flags: list[dict[str, Any]] | None = None,
            liked_by: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": str(cid), "post_id": post, "parent_id": parent, "author_id": author,
        "body_html": f"<p>{text}</p>", "status": status, "created_at": NOW - age,
        "updated_at": NOW - age, "like_count": len(liked_by or []), "liked_by": liked_by or [],
        "flags": flags or [], "url": f"http://intranet.test/posts/{post}#comment-{cid}",
        "version": version,
    }


def base_batch() -> Batch:
    return Batch(
        areas=[{"id": "1", "name": "Oslo", "kind": "site"},
               {"id": "2", "name": "Finance", "kind": "department"}],
        users=[
            {"id": "10", "username": "erik", "display_name": "Erik Editor", "role": "editor",
             "areas": []},
            {"id": "11", "username": "mona", "display_name": "Mona Mod", "role": "moderator",
             "areas": []},
            {"id": "50", "username": "kari", "display_name": "Kari Nordmann",
             "role": "employee", "areas": []},
            {"id": "51", "username": "ola", "display_name": "Ola", "role": "employee",
             "areas": []},
        ],
        posts=[
            {"id": "1", "area_id": "1", "author_id": "10", "title": "Canteen reopens",
             "body_html": "<p>News</p>", "created_at": NOW - 86400, "updated_at": NOW - 86400,
             "locked": False, "status": "published", "url": "http://intranet.test/posts/1",
             "version": "1"},
            {"id": "2", "area_id": "2", "author_id": "11", "title": "Budget", "body_html": "",
             "created_at": NOW - 86400, "updated_at": NOW - 86400, "locked": False,
             "status": "published", "url": "http://intranet.test/posts/2", "version": "1"},
        ],
    )


def page(batch: Batch, cursor: str, done: int = 0, total: int | None = None) -> Page:
    return Page(cursor=cursor, parse=lambda: batch, done=done, total=total)
