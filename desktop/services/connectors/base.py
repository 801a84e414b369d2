"""The Connector protocol: what every platform module implements.

The rest of the application never knows which intranet it talks to. A connector turns a
platform's API into three things:

- ``verify()`` -> :class:`Identity` (who am I, my role, what this account may do);
- ``pull(cursor)`` -> async iterator of :class:`Page` (normalised records plus the cursor to
  resume from once the page is stored);
- ``perform(action)`` -> :class:`Outcome` (one outbox action carried out, safe to retry).

Normalised records are the TypedDicts of :mod:`desktop.models.records` (plain dicts at run
time, cheap to build by the hundred thousand): areas, users, posts, comments, partial comment
updates and ``(entity, id)`` tombstones.

Normalising happens in :meth:`Page.parse`, which the store's writer thread calls. A connector
decodes a page on the event loop only when it must read the page to ask for the next one
(WordPress's ids and dates; orjson, a few hundred µs for 100 comments), and then hands the
decoded objects to ``parse`` so nothing is decoded twice; the reference connector's pages are
decoded on the writer thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, Protocol, runtime_checkable

from desktop.models.records import (
    AreaRecord,
    ClaimRecord,
    CommentRecord,
    PartialComment,
    PostRecord,
    Tombstone,
    UserRecord,
)
from desktop.models.schema import REMOTE_ACTIONS as _REMOTE_ACTIONS

# Remote actions an outbox entry may carry (local marks never reach a connector).
REMOTE_ACTIONS = _REMOTE_ACTIONS

# Capability names a connector may report. "flags" = the account sees user flags/review queue.
CAPABILITIES = (
    "reply",
    "approve",
    "hide",
    "spam",
    "delete",
    "restore",
    "lock",
    "like",
    "flags",
    # "I am replying to this": claims with a time-to-live, in the change feed (the reference
    # protocol). A connector without it (WordPress, Plone) does not report it; the desk then
    # shows no claims and claims nothing, and everything else works as before.
    "claim",
)

# Which capability each remote action needs.
ACTION_CAPABILITY = {
    "reply": "reply",
    "approve": "approve",
    "hide": "hide",
    "spam": "spam",
    "delete": "delete",
    "restore": "restore",
    "lock": "lock",
    "unlock": "lock",
    "like": "like",
    "unlike": "like",
}


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who the account is on the server, and what it may do there."""

    user_id: str
    username: str
    display_name: str
    role: str
    areas: tuple[str, ...] = ()
    capabilities: frozenset[str] = frozenset()
    server_name: str = ""
    # Where this account may moderate: "all", "own_posts" (an editor on their own posts),
    # "areas" (an ambassador in their areas) or "none". The Moderate lane shows only those.
    moderation_scope: str = "all"
    warnings: tuple[str, ...] = ()  # e.g. "this account has more power than the job needs"


@dataclasses.dataclass
class Batch:
    """One page of normalised records (desktop.models.records)."""

    areas: list[AreaRecord] = dataclasses.field(default_factory=list)
    users: list[UserRecord] = dataclasses.field(default_factory=list)
    posts: list[PostRecord] = dataclasses.field(default_factory=list)
    comments: list[CommentRecord] = dataclasses.field(default_factory=list)
    tombstones: list[Tombstone] = dataclasses.field(default_factory=list)
    # Partial comment updates for platforms whose change feed misses status changes and edits
    # (WordPress). Unknown ids are ignored.
    partial_comments: list[PartialComment] = dataclasses.field(default_factory=list)
    # When set: every comment id the server has (of what this account may see). Cached
    # comments missing from it are tombstoned (a reconciliation sweep's verdict).
    sweep_ids: set[str] | None = None
    # Who is replying to which comment (a claim taken, renewed or released); the cache keeps
    # the latest per comment.
    claims: list[ClaimRecord] = dataclasses.field(default_factory=list)

    def __len__(self) -> int:
        return (
            len(self.areas)
            + len(self.users)
            + len(self.posts)
            + len(self.comments)
            + len(self.tombstones)
            + len(self.partial_comments)
            + len(self.claims)
        )


@dataclasses.dataclass
class Page:
    """A page fetched from the server, parsed lazily on the writer thread.

    ``cursor`` is where the next sync resumes once this page is stored; it is committed in the
    same transaction as the records. ``done``/``total`` feed progress bars (total may be None).
    ``replace_cursor`` False means the connector keeps several cursors in one JSON string and the
    store should store ``cursor`` as given (always the case; it is opaque to the store).
    """

    cursor: str | None
    parse: Callable[[], Batch]
    done: int = 0
    total: int | None = None


@dataclasses.dataclass(frozen=True)
class Action:
    """One outbox entry as the connector sees it."""

    action_id: str  # UUID; doubles as the Idempotency-Key
    kind: str  # one of REMOTE_ACTIONS
    target_type: str  # "comment" or "post"
    target_id: str  # server id of the comment or post acted on
    # reply: records.ReplyPayload; other kinds carry nothing a connector reads
    payload: Mapping[str, Any]
    base_version: str | None  # the version the user acted on (for If-Match / conflict checks)
    attempts: int = 0  # earlier attempts; > 0 means a retry
    maybe_sent: bool = False  # an earlier attempt may have reached the server (state unknown)
    sent_at: float | None = None  # when the first attempt was sent (POSIX seconds)


@dataclasses.dataclass
class Outcome:
    """What the server answered to a performed action."""

    remote_id: str | None = None  # e.g. the new reply's id
    batch: Batch | None = None  # records to store at once (the new reply, the changed comment)
    already_applied: bool = False  # the server said the effect existed before this attempt


class ConnectorError(Exception):
    """Base of every expected failure; ``str(exc)`` is a one-line message for a person.

    Messages must never contain a secret.
    """

    retryable = False


class NetworkError(ConnectorError):
    """The server could not be reached or the connection broke; try again later."""

    retryable = True

    def __init__(self, message: str, *, maybe_sent: bool = False) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent  # the request may have reached the server


class AuthError(ConnectorError):
    """Wrong or expired credentials (401)."""


class PermissionDenied(ConnectorError):
    """The account may not do this (403)."""


class NotFound(ConnectorError):
    """The item no longer exists on the server."""


class RateLimited(ConnectorError):
    """429: wait ``retry_after`` seconds before the next request to this server."""

    retryable = True

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(ConnectorError):
    """5xx: the server failed; retryable for idempotent requests."""

    retryable = True


class BadResponse(ConnectorError):
    """The server answered something that is not what the protocol says (HTML, bad JSON…)."""

    retryable = True


class ConflictError(ConnectorError):
    """The item changed on the server since the user acted (412), or the action no longer
    fits (locked thread). ``current`` holds the server's current record when known."""

    def __init__(self, message: str, current: Batch | None = None) -> None:
        super().__init__(message)
        self.current = current


class ClaimTaken(ConnectorError):
    """409 on a claim: someone else is replying. ``claim`` says who, and until when."""

    def __init__(self, message: str, claim: ClaimRecord | None = None) -> None:
        super().__init__(message)
        self.claim = claim


class Rejected(ConnectorError):
    """The server refused the action for good (validation, closed comments…)."""


@runtime_checkable
class Connector(Protocol):
    """One platform. Instances are built per account by :func:`connectors.create`."""

    kind: str

    async def verify(self) -> Identity: ...

    def pull(self, cursor: str | None) -> AsyncIterator[Page]: ...

    async def perform(self, action: Action) -> Outcome: ...

    async def search_users(self, prefix: str, limit: int = 10) -> list[UserRecord]: ...

    async def aclose(self) -> None: ...
