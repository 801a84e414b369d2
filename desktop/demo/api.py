"""The reference protocol's routes (``/api/v1``): auth, rate limit, reads and writes.

SQLite work runs in the thread pool so a big change-feed page never stalls other requests;
the token lookup is one indexed row and stays on the loop.
"""

from __future__ import annotations

import asyncio
import math
import time
from importlib import resources
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from desktop.demo import claims, feed, writes
from desktop.demo.model import JSON_TYPE, ApiError, User, encode, iso_seconds, not_found, parse_id
from desktop.demo.store import DemoStore, WriteResult

SERVER_NAME = "Demo Intranet"
PROTOCOL = 1
MAX_KEY = 255


class RateLimiter:
    """Token bucket per bearer token: ``rate`` requests/s, bursts up to ``2 * rate``."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.burst = 2 * rate
        self._buckets: dict[str, tuple[float, float]] = {}

    def retry_after(self, key: str) -> int | None:
        """None if the request may go now, else whole seconds to wait (at least 1)."""
        if self.rate <= 0:
            return None
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            return None
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > 10_000:  # wrong tokens must not grow this without bound
            self._buckets = {key: self._buckets[key]}
        return max(1, math.ceil((1 - tokens) / self.rate))


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    body = payload if isinstance(payload, bytes) else encode(payload)
    return Response(body, status, headers, media_type=JSON_TYPE)


def _store(request: Request) -> DemoStore:
    return request.app.state.store


def authenticate(request: Request) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "unauthorized", "Send Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": "Bearer"})
    wait = request.app.state.limiter.retry_after(token)
    if wait is not None:
        raise ApiError(429, "rate_limited", f"Too many requests; retry in {wait} s",
                       headers={"Retry-After": str(wait)})
    user = _store(request).authenticate(token)
    if user is None:
        raise ApiError(401, "unauthorized", "The token is not valid",
                       headers={"WWW-Authenticate": "Bearer"})
    return user


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ApiError(400, "bad_request", f"{name} must be an integer from {low} to {high}")
    return value


# -- reads ----------------------------------------------------------------------------------

async def get_me(request: Request) -> Response:
    user = authenticate(request)
    store = _store(request)
    return json_response(200, {
        "user": await run_in_threadpool(store.user, user.id),
        "capabilities": writes.capabilities(user.role),
        "server": {"name": SERVER_NAME, "protocol": PROTOCOL, "time": iso_seconds(time.time()),
                   "site_url": store.site_url},
    })


async def get_changes(request: Request) -> Response:
    authenticate(request)
    cursor_text = request.query_params.get("cursor")
    cursor = 0
    if cursor_text is not None:
        if not (cursor_text.isascii() and cursor_text.isdigit() and len(cursor_text) < 19):
            raise ApiError(400, "bad_request", "cursor must be a value from an earlier page")
        cursor = int(cursor_text)
    limit = _int_param(request, "limit", 500, 1, 1000)
    wait = _int_param(request, "wait", 0, 0, feed.MAX_WAIT)
    if wait == 0:
        return json_response(200, await run_in_threadpool(_store(request).changes, cursor, limit))
    return await _long_poll(request, cursor, limit, wait)


async def _long_poll(request: Request, cursor: int, limit: int, wait: int) -> Response:
    """Answer as soon as the feed has something after ``cursor``, or empty after ``wait`` s."""
    changes: feed.ChangeFeed = request.app.state.feed
    if changes.waiters >= changes.max_waiters:
        raise ApiError(429, "rate_limited", "Too many clients are waiting for changes; "
                       "retry in 5 s", headers={"Retry-After": "5"})
    changes.bind(asyncio.get_running_loop())
    store = _store(request)
    deadline = time.monotonic() + wait
    changes.waiters += 1
    gone = asyncio.ensure_future(_client_gone(request))
    try:
        while True:
            # Taken before the read: a write that commits during the read sets this event.
            event = changes.event()
            page = await run_in_threadpool(store.changes, cursor, limit)
            left = deadline - time.monotonic()
            if page["changes"] or left <= 0 or gone.done() or changes.closing:
                return json_response(200, page)
            woken = asyncio.ensure_future(event.wait())
            await asyncio.wait({woken, gone}, timeout=min(left, feed.RECHECK),
                               return_when=asyncio.FIRST_COMPLETED)
            woken.cancel()
    finally:
        gone.cancel()
        changes.waiters -= 1


async def _client_gone(request: Request) -> None:
    """Returns when the client hangs up (its waiter then stops at once, not at the wait's end)."""
    try:
        while (await request.receive())["type"] != "http.disconnect":
            pass
    except Exception:  # noqa: BLE001 - a broken channel is a client gone too
        return


async def get_users(request: Request) -> Response:
    authenticate(request)
    prefix = request.query_params.get("search", "")
    limit = _int_param(request, "limit", 20, 1, 1000)
    users = await run_in_threadpool(_store(request).search_users, prefix, limit)
    return json_response(200, {"users": users})


async def _get_entity(request: Request, entity: str) -> Response:
    authenticate(request)
    wire = request.path_params["id"]
    number = parse_id(entity, wire)
    store = _store(request)
    getter = store.comment if entity == "comment" else store.post
    data = None if number is None else await run_in_threadpool(getter, number)
    if data is None:
        raise not_found(entity, wire)
    return json_response(200, data, {"ETag": f'"{data["version"]}"'})


async def get_comment(request: Request) -> Response:
    return await _get_entity(request, "comment")


async def get_post(request: Request) -> Response:
    return await _get_entity(request, "post")


async def get_openapi(request: Request) -> Response:
    text = resources.files("desktop.demo").joinpath("openapi.yaml").read_bytes()
    return Response(text, 200, media_type="application/yaml; charset=utf-8")


# -- writes ---------------------------------------------------------------------------------

async def _write(request: Request, operation: Any) -> Response:
    user = authenticate(request)
    key = request.headers.get("idempotency-key")
    if key is not None and not 1 <= len(key) <= MAX_KEY:
        raise ApiError(400, "bad_request", f"Idempotency-Key must be 1 to {MAX_KEY} characters")
    raw = await request.body()
    if_match = request.headers.get("if-match")
    wire = request.path_params["id"]
    result: WriteResult = await run_in_threadpool(
        _store(request).write, user.id, key, request.method, request.url.path,
        lambda tx: operation(tx, user, wire, raw, if_match),
    )
    if not result.replayed:
        request.app.state.feed.notify()
    headers = {"Idempotent-Replayed": "true"} if result.replayed else None
    return json_response(result.status, result.body, headers)


async def post_reply(request: Request) -> Response:
    return await _write(request, lambda tx, user, wire, raw, _: writes.reply(tx, user, wire, raw))


async def post_comment_moderation(request: Request) -> Response:
    return await _write(request, writes.moderate_comment)


async def post_post_moderation(request: Request) -> Response:
    return await _write(request, writes.moderate_post)


async def put_or_delete_like(request: Request) -> Response:
    liked = request.method == "PUT"
    return await _write(
        request,
        lambda tx, user, wire, raw, if_match: writes.like(tx, user, wire, liked, if_match),
    )


async def post_or_delete_claim(request: Request) -> Response:
    """Claims take no Idempotency-Key: taking a claim you hold renews it, releasing a free
    one is a success, so a retry after a lost answer ends where the first attempt would."""
    user = authenticate(request)
    wire = request.path_params["id"]
    store = _store(request)
    if request.method == "POST":
        ttl = request.app.state.claim_ttl
        status, body = await run_in_threadpool(
            store.transaction, lambda tx: claims.claim(tx, user, wire, ttl))
    else:
        status, body = await run_in_threadpool(
            store.transaction, lambda tx: claims.release(tx, user, wire))
    request.app.state.feed.notify()
    if body is None:
        return Response(status_code=status)
    return json_response(status, body)


ROUTES = [
    Route("/me", get_me, methods=["GET"]),
    Route("/changes", get_changes, methods=["GET"]),
    Route("/users", get_users, methods=["GET"]),
    Route("/comments/{id}", get_comment, methods=["GET"]),
    Route("/posts/{id}", get_post, methods=["GET"]),
    Route("/posts/{id}/comments", post_reply, methods=["POST"]),
    Route("/comments/{id}/moderation", post_comment_moderation, methods=["POST"]),
    Route("/posts/{id}/moderation", post_post_moderation, methods=["POST"]),
    Route("/comments/{id}/like", put_or_delete_like, methods=["PUT", "DELETE"]),
    Route("/comments/{id}/claim", post_or_delete_claim, methods=["POST", "DELETE"]),
    Route("/openapi.yaml", get_openapi, methods=["GET"]),
]
