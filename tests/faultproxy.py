"""Test helpers: a fault-injecting HTTP/1.1 reverse proxy, and an ASGI app served in a thread.

``FaultProxy`` sits on 127.0.0.1 in front of a real server and breaks the network the ways real
networks break: rate limits, 503s, resets before and after the server applied a request (the
"lost response"), stalls, slow drips, truncated bodies, an HTML error page from a middlebox,
and going offline. Both helpers run their own event loop in a background thread, so they work
the same from plain sync tests, ``asyncio.run`` and qasync tests.

Fault kinds (``script`` / ``random_faults``):

``ok``               forward untouched
``429:<s>``          answer 429 with ``Retry-After: <s>`` without forwarding
``503`` ``503:<s>``  answer 503 (optionally with Retry-After) without forwarding
``reset_before``     reset the client connection without forwarding
``reset_after``      forward, wait for the whole upstream response, then reset the client
``stall:<s>``        hold <s> seconds, then forward and answer
``drip`` ``drip:<s>`` forward, then send the response one byte every 0.2 s (or <s>)
``truncate``         forward, send the headers and half the body, close
``html``             answer 200 text/html ``<html>proxy error</html>`` without forwarding
``early``            forward with ``wait=0`` (a long-poll the middlebox ends at once)

``only(pattern)`` limits faults to requests whose target matches a regular expression (e.g.
the change feed's long-polls, ``wait=[1-9]``); the others pass untouched.

``log`` gets ``(time.monotonic(), method, target, fault)`` for every request received.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Coroutine, Iterable
from typing import Any, Self

KINDS = ("ok", "429", "503", "reset_before", "reset_after", "stall", "drip", "truncate", "html",
         "early")
DEFAULT_RANDOM_KINDS = ("429:1", "503", "reset_before", "reset_after", "truncate", "html")
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade"}


class _Request:
    __slots__ = ("body", "close", "headers", "method", "target")

    def __init__(self, method: str, target: str, headers: list[tuple[str, str]], body: bytes):
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.close = any(
            k.lower() == "connection" and v.strip().lower() == "close" for k, v in headers
        )

    def origin_form(self) -> str:
        # A client using us as a forward proxy (HTTP_PROXY) sends an absolute URL.
        if self.target.startswith(("http://", "https://")):
            rest = self.target.split("://", 1)[1]
            slash = rest.find("/")
            return rest[slash:] if slash >= 0 else "/"
        return self.target


class _Response:
    __slots__ = ("body", "head_only", "headers", "status_line")

    def __init__(
        self, status_line: str, headers: list[tuple[str, str]], body: bytes, head_only: bool = False
    ):
        self.status_line = status_line
        self.headers = headers
        self.body = body
        self.head_only = head_only

    def head_bytes(self, close: bool) -> bytes:
        headers = [(k, v) for k, v in self.headers if k.lower() not in _HOP_BY_HOP]
        if not self.head_only:
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(self.body))))
        if close:
            headers.append(("Connection", "close"))
        lines = [self.status_line] + [f"{k}: {v}" for k, v in headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def to_bytes(self, close: bool) -> bytes:
        return self.head_bytes(close) + (b"" if self.head_only else self.body)


def _canned(status: int, reason: str, body: bytes, content_type: str, extra=()) -> _Response:
    headers = [("Content-Type", content_type), *extra]
    return _Response(f"HTTP/1.1 {status} {reason}", headers, body)


def _error_json(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


async def _read_head(reader: asyncio.StreamReader) -> tuple[str, list[tuple[str, str]]] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head[:-4].decode("latin-1").split("\r\n")
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for k, v in headers:
        if k.lower() == name:
            return v
    return None


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    head = await _read_head(reader)
    if head is None:
        return None
    first, headers = head
    method, target, _version = first.split(" ", 2)
    length = int(_header(headers, "content-length") or 0)
    body = await reader.readexactly(length) if length else b""
    return _Request(method, target, headers, body)


async def _read_response(reader: asyncio.StreamReader, method: str) -> _Response:
    head = await _read_head(reader)
    if head is None:
        raise ConnectionError("upstream closed without answering")
    status_line, headers = head
    status = int(status_line.split(" ", 2)[1])
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return _Response(status_line, headers, b"", head_only=method == "HEAD")
    length = _header(headers, "content-length")
    if length is not None:
        body = await reader.readexactly(int(length))
    elif (_header(headers, "transfer-encoding") or "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # no trailers from our servers
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()  # close-delimited
    return _Response(status_line, headers, body)


def _checked(fault: str) -> str:
    kind, _, arg = fault.partition(":")
    takes_arg = kind in ("429", "503", "stall", "drip")
    if kind not in KINDS or (arg and not takes_arg):
        raise ValueError(f"unknown fault {fault!r}")
    if arg:
        float(arg)  # raises on a malformed number, here rather than in the proxy thread
    return fault


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (SO_LINGER 0), like a crashed middlebox."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class _LoopThread:
    """An event loop of its own in a daemon thread."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self.thread.start()

    def call(self, coro: Coroutine[Any, Any, Any], timeout: float = 10.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class FaultProxy:
    """Reverse proxy on 127.0.0.1 in front of ``127.0.0.1:<upstream_port>``; see the module doc."""

    def __init__(self, upstream_port: int, *, seed: int = 0, upstream_host: str = "127.0.0.1"):
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.port = 0
        self.log: list[tuple[float, str, str, str]] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._script: collections.deque[str] = collections.deque()
        self._rate = 0.0
        self._kinds: tuple[str, ...] = DEFAULT_RANDOM_KINDS
        self._only: re.Pattern[str] | None = None
        self._runner: _LoopThread | None = None
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- control (from any thread) ----------------------------------------------------------

    def start(self) -> FaultProxy:
        self._runner = _LoopThread("faultproxy")
        self._runner.call(self._listen())
        return self

    def stop(self) -> None:
        if self._runner is None:
            return
        self._runner.call(self._shutdown())
        self._runner.close()
        self._runner = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, faults: Iterable[str]) -> None:
        """Faults for the next requests, one each in order; then back to pass-through/random."""
        faults = [_checked(f) for f in faults]
        with self._lock:
            self._script = collections.deque(faults)

    def random_faults(self, rate: float = 0.3, kinds: Iterable[str] | None = None) -> None:
        """After the script runs out, fault this share of requests (seeded by ``seed``)."""
        chosen = tuple(_checked(k) for k in kinds) if kinds is not None else DEFAULT_RANDOM_KINDS
        with self._lock:
            self._rate = rate
            self._kinds = chosen

    def only(self, pattern: str | None) -> None:
        """Fault only requests whose target matches ``pattern`` (None: every request)."""
        with self._lock:
            self._only = None if pattern is None else re.compile(pattern)

    def go_offline(self) -> None:
        """Refuse new connections (listener closed) and reset the open ones."""
        assert self._runner is not None
        self._runner.call(self._close_all())

    def go_online(self) -> None:
        assert self._runner is not None
        if self._server is None:
            self._runner.call(self._listen())

    def count(self, method: str | None = None, path_prefix: str = "") -> int:
        """Requests received (faulted or not) matching method and path prefix."""
        return sum(
            1
            for _, m, target, _ in list(self.log)
            if (method is None or m == method) and target.startswith(path_prefix)
        )

    # -- the proxy (runs on its own loop) ----------------------------------------------------

    def _next_fault(self, target: str = "") -> str:
        with self._lock:
            if self._only is not None and not self._only.search(target):
                return "ok"
            if self._script:
                return self._script.popleft()
            if self._rate and self._rng.random() < self._rate:
                return self._rng.choice(self._kinds)
            return "ok"

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port or 0, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close_all(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        for writer in list(self._writers):
            _reset(writer)
        if server is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(server.wait_closed(), 2)

    async def _shutdown(self) -> None:
        await self._close_all()
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                fault = self._next_fault(request.target)
                self.log.append((time.monotonic(), request.method, request.target, fault))
                if not await self._serve(request, fault, writer):
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._writers.discard(writer)
            self._tasks.discard(task)
            if not writer.transport.is_closing():
                writer.close()

    async def _serve(self, request: _Request, fault: str, writer: asyncio.StreamWriter) -> bool:
        """Answer one request with ``fault``; False when the connection must end."""
        kind, _, arg = fault.partition(":")
        if kind == "429":
            extra = [("Retry-After", arg or "1")]
            body = _error_json("rate_limited", "Too many requests")
            return await self._send(
                writer, _canned(429, "Too Many Requests", body, "application/json", extra), request
            )
        if kind == "503":
            extra = [("Retry-After", arg)] if arg else []
            body = _error_json("server_error", "Service unavailable")
            return await self._send(
                writer,
                _canned(503, "Service Unavailable", body, "application/json", extra),
                request,
            )
        if kind == "html":
            body = b"<html>proxy error</html>"
            return await self._send(writer, _canned(200, "OK", body, "text/html"), request)
        if kind == "reset_before":
            _reset(writer)
            return False
        if kind == "stall":
            await asyncio.sleep(float(arg or 5))
        if kind == "early":
            request.target = re.sub(r"wait=\d+", "wait=0", request.target)
        response = await self._forward(request)
        if kind == "reset_after":
            _reset(writer)
            return False
        if kind == "truncate":
            head = response.head_bytes(close=True)
            writer.write(head + response.body[: len(response.body) // 2])
            await writer.drain()
            writer.close()
            return False
        if kind == "drip":
            interval = float(arg or 0.2)
            for byte in response.to_bytes(close=request.close):
                if writer.transport.is_closing():
                    return False
                writer.write(bytes((byte,)))
                await writer.drain()
                await asyncio.sleep(interval)
            return not request.close
        return await self._send(writer, response, request)

    async def _send(
        self, writer: asyncio.StreamWriter, response: _Response, request: _Request
    ) -> bool:
        writer.write(response.to_bytes(close=request.close))
        await writer.drain()
        return not request.close

    async def _forward(self, request: _Request) -> _Response:
        try:
            reader, upstream = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        except OSError:
            body = _error_json("server_error", "Upstream unreachable")
            return _canned(502, "Bad Gateway", body, "application/json")
        try:
            headers = [
                (k, v)
                for k, v in request.headers
                if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"
            ]
            if request.body or request.method in ("POST", "PUT", "PATCH"):
                headers.append(("Content-Length", str(len(request.body))))
            headers.append(("Connection", "close"))  # one upstream connection per request
            lines = [f"{request.method} {request.origin_form()} HTTP/1.1"]
            lines += [f"{k}: {v}" for k, v in headers]
            upstream.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + request.body)
            await upstream.drain()
            return await _read_response(reader, request.method)
        finally:
            upstream.close()


class AsgiServer:
    """Serve an ASGI app with uvicorn on 127.0.0.1 in a background thread.

    ``with AsgiServer(app) as server: server.url`` — the port is chosen by the OS.
    """

    def __init__(self, app: Any, **config: Any) -> None:
        self.app = app
        self.config = config  # extra uvicorn.Config arguments, e.g. ssl_certfile/ssl_keyfile
        self.port = 0
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if "ssl_certfile" in self.config else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self) -> AsgiServer:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app, log_level="warning", lifespan="off", access_log=False, **self.config
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._server.serve(sockets=[sock])),
            name="asgi-server",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
