"""The normalised records every connector produces and the store consumes.

TypedDicts, not classes: at run time they are plain dicts, so building hundreds of thousands of
them on the sync path costs nothing extra, while a type checker sees every key. A leaf module:
models (apply, ingest) and services (connectors) both import it, and it imports nothing of
theirs.

Ids are the server's ids as strings. Times are POSIX seconds (float).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

CommentStatus = Literal["published", "held", "hidden", "spam", "deleted"]
PostStatus = Literal["published", "hidden"]
TombstoneEntity = Literal["comment", "post"]
# (entity, id) of a record deleted on the server
Tombstone = tuple[str, str]


class AreaRecord(TypedDict):
    id: str
    name: str
    kind: str  # "category", "department", "site" …


class UserRecord(TypedDict):
    id: str
    username: str
    display_name: str
    role: str  # admin, editor, moderator, employee
    areas: list[str]  # area ids
    # a manager whose posts and replies the insight report counts; absent: not known as one
    leader: NotRequired[bool]


class PostRecord(TypedDict):
    id: str
    area_id: str | None
    author_id: str | None
    title: str  # plain text
    body_html: str
    created_at: float
    updated_at: float
    locked: bool  # no new comments
    status: str  # PostStatus
    url: str
    version: str  # changes whenever the post does
    # how often the post was read; absent or None where the platform does not count (never 0
    # for "unknown": the report shows null)
    views: NotRequired[int | None]


class Flag(TypedDict):
    reason: str
    count: int


class CommentRecord(TypedDict):
    id: str
    post_id: str
    parent_id: str | None
    author_id: str | None  # None: the server knows no author (a deleted account)
    body_html: str
    status: str  # CommentStatus
    created_at: float
    updated_at: float
    like_count: int
    liked_by: list[str]  # user ids
    flags: list[Flag]
    url: str
    version: str  # changes whenever the comment does


class PartialComment(TypedDict):
    """Some keys of a comment, for platforms whose change feed misses status changes and
    edits (WordPress's sweep). An id the cache does not hold is ignored."""

    id: str
    status: NotRequired[str]
    version: NotRequired[str]
    body_html: NotRequired[str]
    parent_id: NotRequired[str | None]
    updated_at: NotRequired[float]


class ReplyPayload(TypedDict):
    """What a reply action carries to the connector."""

    body: str
    post_id: NotRequired[str]
    parent_id: NotRequired[str | None]


class ClaimRecord(TypedDict):
    """Who is replying to a comment (the reference protocol's claims). ``user_id`` None: the
    comment is free. ``expires_at`` is on this machine's clock (the server's ``expires_in``
    added to the time the record was read), so a clock off by hours still drops it on time."""

    comment_id: str
    user_id: str | None
    name: str  # the holder's display name ("" when free)
    expires_at: float
