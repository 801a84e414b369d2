"""One way to talk HTTP: a prebuilt client and a session with a retry policy we control.

Why not httpx's own knobs: its timeouts measure inactivity (a server that drips one byte at a
time holds a request forever), ``HTTPTransport(retries=...)`` retries only connect errors and
never honours ``Retry-After``, and cancelled requests can leak pool slots until every request
fails with ``PoolTimeout`` (encode/httpcore#1093). :class:`HttpSession` adds a total deadline,
our own retries, a per-host ``Retry-After`` gate, a semaphore below the pool size, and a client
rebuild on ``PoolTimeout``.

Messages of the errors raised here name only ``scheme://host:port``: never a path, a query
string or a header, because those may carry tokens.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import logging
import math
import os
import random
import re
import ssl
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
import truststore

from desktop import __version__
from desktop.services.backoff import backoff
from desktop.services.connectors.base import NetworkError, RateLimited, ServerError

log = logging.getLogger(__name__)

USER_AGENT = f"DialogueDesk/{__version__}"

_ssl_lock = threading.Lock()
_ssl_cache: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def json_or_none(response: httpx.Response) -> Any:
    """The decoded JSON body, or None when it is not JSON (an HTML error page, a cut body)."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None


def ssl_context() -> ssl.SSLContext:
    """The process's TLS context: the system trust store (corporate CAs included).

    Built once because loading the CA store blocks for tens of milliseconds. The cache is keyed
    by ``SSL_CERT_FILE``/``SSL_CERT_DIR`` so that changing them (tests, a restart with another
    CA bundle) takes effect; truststore reads them when the context is created.
    """
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    with _ssl_lock:
        ctx = _ssl_cache.get(key)
        if ctx is None:
            ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            _ssl_cache[key] = ctx
        return ctx


def build_client(
    *,
    base_url: str = "",
    headers: dict[str, str] | None = None,
    auth: httpx.Auth | tuple[str, str] | None = None,
    timeout: float = 10.0,
    max_connections: int = 8,
) -> httpx.AsyncClient:
    """An AsyncClient with our TLS context, proxies from the environment and no redirects.

    Never pass ``transport=`` here: httpx then ignores HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
    Redirects are not followed so that an ``Authorization`` header never travels to a host the
    user did not configure, and so that a login portal shows up as an error, not as HTML.
    """
    merged = {"User-Agent": USER_AGENT}
    merged.update(headers or {})
    return httpx.AsyncClient(
        base_url=base_url,
        headers=merged,
        auth=auth,
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
        verify=ssl_context(),
        trust_env=True,
        follow_redirects=False,
    )


_DELTA_SECONDS = re.compile(r"\s*(\d+)(?:\.\d*)?\s*")


def parse_retry_after(
    value: str | None,
    *,
    now: float | None = None,
    floor: float = 1.0,
    cap: float = 300.0,
) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    The result is clamped to [floor, cap]: a date in the past still waits ``floor`` and a
    server asking for a day does not freeze the app for a day. Anything unreadable → None.
    ``now`` is POSIX time (for dates; defaults to the wall clock).
    """
    if value is None:
        return None
    match = _DELTA_SECONDS.fullmatch(value)
    if match:
        seconds = float(match.group(1))
    else:
        try:
            when = email.utils.parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:  # "-0000" in the date: RFC 5322 says UTC, source unknown
            when = when.replace(tzinfo=datetime.UTC)
        try:
            target = when.timestamp()
        except (OverflowError, ValueError, OSError):
            return None
        seconds = target - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    return min(max(seconds, floor), cap)


def origin(url: httpx.URL | str) -> str:
    """``scheme://host:port`` of a URL: the only part of it an error message may show."""
    url = httpx.URL(url)
    port = url.port or {"https": 443, "http": 80}.get(url.scheme, 0)
    host = url.host
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{url.scheme}://{host}:{port}"


# Errors raised before any byte of the request left this machine: safe to retry for any method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
_RETRY_STATUSES = {500, 502, 503, 504}
# Requests cancelled mid-send that we tolerate on one client before replacing it; below the
# default pool headroom (max_connections 8 - concurrency 4).
_LEAK_BUDGET = 2


def _is_certificate_error(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _describe(exc: BaseException) -> str:
    """A short, secret-free reason for a transport error (no URL, no headers)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or "certificate verify failed"
            return (
                f"its certificate could not be verified ({reason}); if your organisation "
                "uses its own certificate authority, install it in the system store or "
                "point SSL_CERT_FILE at it"
            )
        if isinstance(cause, OSError) and not isinstance(cause, ssl.SSLError):
            if isinstance(cause, ConnectionRefusedError):
                return "connection refused"
            if cause.__class__.__name__ == "gaierror":
                return "host name not found"
            if cause.strerror:
                return cause.strerror.lower()
        cause = cause.__cause__ or cause.__context__
    names = {
        httpx.ConnectTimeout: "connecting timed out",
        httpx.ConnectError: "could not connect",
        httpx.ProxyError: "the proxy refused the connection",
        httpx.PoolTimeout: "no free connection",
        httpx.ReadTimeout: "the server stopped answering",
        httpx.WriteTimeout: "sending timed out",
        httpx.ReadError: "the connection broke while reading the answer",
        httpx.WriteError: "the connection broke while sending",
        httpx.RemoteProtocolError: "the server closed the connection or answered garbage",
        httpx.DecodingError: "the answer could not be decoded",
    }
    for cls, text in names.items():
        if isinstance(exc, cls):
            return text
    return "network error"


class HttpSession:
    """Requests with a total deadline, retries, a per-host Retry-After gate and a bounded pool.

    ``idempotent=True`` means repeating the request cannot duplicate an effect (GETs, writes
    carrying an Idempotency-Key the server honours). Only those are repeated once the request
    may have reached the server; others raise with ``maybe_sent=True`` so the outbox can check.
    """

    def __init__(
        self,
        client_factory: Callable[[], httpx.AsyncClient],
        *,
        deadline: float = 30.0,
        max_attempts: int = 5,
        concurrency: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._factory = client_factory
        self._client: httpx.AsyncClient | None = None
        self.deadline = deadline
        self.max_attempts = max(1, max_attempts)
        # Below the pool's max_connections: a slot leaked by a cancelled request then costs
        # headroom, not a PoolTimeout for everybody.
        self._semaphore = asyncio.Semaphore(concurrency)
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._sleep = sleep
        self._clock = clock
        self._gates: dict[str, float] = {}  # origin -> clock() before which nothing is sent
        self._random = random.Random()
        self.rebuilds = 0  # clients replaced because their pool may hold leaked slots
        self._suspect_leaks = 0  # requests cancelled mid-send on the current client
        self._users: dict[httpx.AsyncClient, int] = {}  # requests in flight per client
        self._retired: set[httpx.AsyncClient] = set()  # replaced, to close when idle
        self._closing: set[asyncio.Future[None]] = set()

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = self._factory()
        return self._client

    async def aclose(self) -> None:
        clients = {self._client, *self._retired} - {None}
        self._client = None
        self._retired.clear()
        for client in clients:
            await client.aclose()  # type: ignore[union-attr]
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)

    def blocked_for(self, url: str) -> float:
        """Seconds until a request to this URL's host may be sent (0 when free)."""
        target = self.client.build_request("GET", url).url
        return max(0.0, self._gates.get(origin(target), 0.0) - self._clock())

    async def request(
        self, method: str, url: str, *, idempotent: bool, **kwargs: Any
    ) -> httpx.Response:
        """Send one request; see the class docstring. Returns 2xx, 3xx and 4xx (except 429)."""
        try:
            target = self.client.build_request(method, url).url
            where = origin(target)
            if target.port is not None and not 0 < target.port < 65536:
                # httpx accepts port 99999; the socket layer then raises OverflowError.
                raise httpx.InvalidURL("port out of range")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise NetworkError("Cannot reach the server: the address is not a valid URL") from None
        state = _CallState(where, self._clock() + self.deadline)
        try:
            async with asyncio.timeout(self.deadline) as scope:
                return await self._attempts(method, url, idempotent, kwargs, state)
        except TimeoutError:
            if not scope.expired():
                raise
            if state.maybe_sent:
                raise NetworkError(
                    f"{where} did not answer within {self.deadline:g} s", maybe_sent=True
                ) from None
            raise NetworkError(f"Cannot reach {where} within {self.deadline:g} s") from None

    async def _attempts(
        self,
        method: str,
        url: str,
        idempotent: bool,
        kwargs: dict[str, Any],
        state: _CallState,
    ) -> httpx.Response:
        where = state.where
        for attempt in range(self.max_attempts):
            last = attempt == self.max_attempts - 1
            await self._pass_gate(state)
            try:
                response = await self._send_once(method, url, kwargs, state)
            except httpx.PoolTimeout:
                if last:
                    raise NetworkError(f"Cannot reach {where}: no free connection") from None
                continue  # with a new client (see _retire)
            except _NOT_SENT as exc:
                reason = _describe(exc)
                error = NetworkError(f"Cannot reach {where}: {reason}")
                if last or _is_certificate_error(exc):  # retrying cannot fix trust
                    raise error from exc
                log.info("connect to %s failed (%s), attempt %d", where, reason, attempt + 1)
                await self._backoff(attempt, state, error)
                continue
            except (httpx.UnsupportedProtocol, httpx.InvalidURL):
                raise NetworkError(
                    f"Cannot reach {where}: the address is not an http(s) URL"
                ) from None
            except httpx.TransportError as exc:
                reason = _describe(exc)
                error = NetworkError(f"No complete answer from {where}: {reason}", maybe_sent=True)
                if not idempotent or last:
                    raise error from exc
                log.info("request to %s failed (%s), attempt %d", where, reason, attempt + 1)
                await self._backoff(attempt, state, error)
                continue

            status = response.status_code
            if status == 429 or (status == 503 and "retry-after" in response.headers):
                wait = parse_retry_after(response.headers.get("retry-after"))
                if wait is None:
                    wait = self._delay(attempt)
                self._gates[where] = max(self._gates.get(where, 0.0), self._clock() + wait)
                fits = self._clock() + wait < state.deadline_at
                if status == 429:
                    if idempotent and fits and not last:
                        log.info("%s asked to wait %.1f s (429)", where, wait)
                        continue
                    raise RateLimited(
                        f"{where} asks to slow down; try again in {math.ceil(wait)} s", wait
                    )
                if idempotent and fits and not last:
                    continue
                raise ServerError(
                    f"{where} is temporarily unavailable (HTTP 503); "
                    f"try again in {math.ceil(wait)} s"
                )
            if status in _RETRY_STATUSES:
                failed = ServerError(f"{where} failed (HTTP {status})")
                if not idempotent or last:
                    raise failed
                log.info("%s answered %d, attempt %d", where, status, attempt + 1)
                await self._backoff(attempt, state, failed)
                continue
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _send_once(
        self, method: str, url: str, kwargs: dict[str, Any], state: _CallState
    ) -> httpx.Response:
        async with self._semaphore:
            client = self.client
            request = client.build_request(method, url, **kwargs)
            self._users[client] = self._users.get(client, 0) + 1
            try:
                response = await client.send(request)
            except httpx.PoolTimeout:
                log.warning("connection pool exhausted; building a new HTTP client")
                self._retire(client)
                raise
            except _NOT_SENT:
                raise
            except asyncio.CancelledError:
                # Cancelled mid-send (deadline or caller): we cannot tell whether bytes left,
                # and httpcore may keep the half-made connection as a dead pool slot.
                state.maybe_sent = True
                self._suspect_leaks += 1
                if self._suspect_leaks >= _LEAK_BUDGET:
                    self._retire(client)
                raise
            except httpx.TransportError:
                state.maybe_sent = True
                raise
            finally:
                self._users[client] -= 1
                if self._users[client] == 0:
                    del self._users[client]
                    if client in self._retired:
                        self._close_later(client)
            state.maybe_sent = True
            return response

    def _retire(self, client: httpx.AsyncClient) -> None:
        """Stop using ``client``; it is closed once its last request is over.

        httpcore 1.0 keeps a connection cancelled while connecting in the pool for good
        (state NEW, never used; encode/httpcore#1093). Enough of them and every request waits
        for a free slot until PoolTimeout. Rather than reach into httpcore's pool, we start a
        fresh client after a few cancellations mid-request, and after any PoolTimeout.
        """
        if self._client is client:
            self._client = None  # the next request builds a new one through the factory
            self.rebuilds += 1
            self._suspect_leaks = 0
        self._retired.add(client)
        if client not in self._users:
            self._close_later(client)

    def _close_later(self, client: httpx.AsyncClient) -> None:
        self._retired.discard(client)
        task = asyncio.ensure_future(client.aclose())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _pass_gate(self, state: _CallState) -> None:
        """Wait until the host's Retry-After time has passed, or fail if it is past the deadline."""
        while True:
            wait = self._gates.get(state.where, 0.0) - self._clock()
            if wait <= 0:
                return
            if self._clock() + wait > state.deadline_at:
                raise RateLimited(
                    f"{state.where} asks to slow down; try again in {math.ceil(wait)} s", wait
                )
            await self._sleep(wait)

    def _delay(self, attempt: int) -> float:
        return backoff(attempt, base=self._backoff_base, cap=self._backoff_cap, rng=self._random)

    async def _backoff(self, attempt: int, state: _CallState, error: Exception) -> None:
        delay = self._delay(attempt)
        if self._clock() + delay >= state.deadline_at:
            raise error  # waiting would only end at the deadline
        await self._sleep(delay)


class _CallState:
    """What one call knows while it retries."""

    __slots__ = ("deadline_at", "maybe_sent", "where")

    def __init__(self, where: str, deadline_at: float) -> None:
        self.where = where
        self.deadline_at = deadline_at
        self.maybe_sent = False
