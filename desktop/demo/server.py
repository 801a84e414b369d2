"""The built-in demo intranet: a real HTTP server speaking the reference protocol.

``dialogue-desk demo-server`` (and ``python -m desktop.demo``) lands here. It binds to a
loopback address only, generates its data on first start (or reuses ``--data``), prints one
line ``Demo intranet listening on http://127.0.0.1:PORT`` and a token table, then serves until
SIGTERM/Ctrl+C.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import ipaddress
import logging
import os
import signal
import socket
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from desktop.demo import activity, api, claims, feed, generator
from desktop.demo.model import ApiError, parse_id
from desktop.demo.process import remove_folder, tie_to_parent
from desktop.demo.store import DemoStore
from desktop.models.ingest import html_to_text

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "bad_request", 409: "conflict", 412: "precondition_failed", 422: "invalid",
               429: "rate_limited"}


# -- the application ------------------------------------------------------------------------

def create_app(store: DemoStore, *, rate: float = 50.0, activity_interval: float | None = None,
               on_ready: Callable[[], None] | None = None,
               claim_ttl: float = claims.DEFAULT_TTL) -> Starlette:
    """The ASGI app over ``store``. ``activity_interval`` None = no live activity."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = None
        if activity_interval is not None:
            task = asyncio.create_task(
                activity.run(store, activity_interval, on_commit=app.state.feed.notify),
                name="demo-activity")
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = Starlette(
        routes=[
            Mount("/api/v1", routes=api.ROUTES),
            Route("/", home_page, methods=["GET"]),
            Route("/posts/{id}", post_page, methods=["GET"]),
        ],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error,
                            Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.limiter = api.RateLimiter(rate)
    app.state.feed = feed.ChangeFeed()
    app.state.claim_ttl = claim_ttl
    return app


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return api.json_response(exc.status, exc.body(), exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "server_error")
    error = ApiError(exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {}))
    return await _api_error(request, error)


async def _server_error(request: Request, exc: Exception) -> Response:
    log.error("request failed", exc_info=exc)
    return api.json_response(500, {"error": {"code": "server_error",
                                             "message": "The demo server failed"}})


# -- HTML pages (so comment and post urls open somewhere) -----------------------------------

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
.c{{border-left:3px solid #ccc;margin:.6rem 0;padding:.2rem .8rem}}
.meta{{color:#666;font-size:.85rem}}</style></head><body>{body}</body></html>"""


def _text(fragment: str) -> str:
    """Server HTML shown as escaped text: the demo page renders no markup from data."""
    return html.escape(html_to_text(fragment))


async def home_page(request: Request) -> Response:
    store: DemoStore = request.app.state.store
    rows = await run_in_threadpool(store.recent_posts)
    items = "".join(f'<li><a href="/posts/{pid}">{html.escape(title)}</a> '
                    f'<span class="meta">{html.escape(created)}</span></li>'
                    for pid, title, created in rows)
    body = f"<h1>{html.escape(api.SERVER_NAME)}</h1><ul>{items}</ul>"
    return HTMLResponse(_PAGE.format(title=html.escape(api.SERVER_NAME), body=body))


async def post_page(request: Request) -> Response:
    store: DemoStore = request.app.state.store
    wire = request.path_params["id"]
    number = parse_id("post", wire)
    found = None if number is None else await run_in_threadpool(store.post_page, number)
    if found is None:
        return HTMLResponse(_PAGE.format(title="Not found", body="<p>No such post.</p>"), 404)
    post, comments, names = found
    depth: dict[str, int] = {}
    parts = [f"<h1>{html.escape(post['title'])}</h1>",
             (f"<p class=\"meta\">{html.escape(names.get(int(post['author_id']), ''))} · "
              f"{html.escape(post['created_at'])}</p><p>{_text(post['body_html'])}</p>")]
    for c in comments:
        level = 0 if c["parent_id"] is None else depth.get(c["parent_id"], 0) + 1
        depth[c["id"]] = level
        author = names.get(int(c["author_id"]), "")
        parts.append(
            f'<div class="c" id="comment-{html.escape(c["id"])}" '
            f'style="margin-left:{min(level, 6) * 1.5}rem"><p class="meta">'
            f'{html.escape(author)} · {html.escape(c["created_at"])} · '
            f'{html.escape(c["status"])}</p><p>{_text(c["body_html"])}</p></div>'
        )
    return HTMLResponse(_PAGE.format(title=html.escape(post["title"]), body="".join(parts)))


# -- command line ---------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0 = a free port)")
    parser.add_argument("--data", type=Path, default=None,
                        help="SQLite file that keeps the state across restarts "
                             "(default: a temporary file deleted at exit)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--reference-time", default=None, metavar="ISO",
                        help="the moment the generated times count back from, e.g. "
                             "2026-11-20T12:00:00Z (default: now; pins data for tests and "
                             "benchmarks)")
    parser.add_argument("--size", default="small",
                        help="small (~300 comments), medium (~10k), large (~100k) or a number "
                             "up to 1000000; only used when the data file is new")
    parser.add_argument("--activity", action="store_true",
                        help="keep adding comments, replies and flags over time")
    parser.add_argument("--activity-interval", type=float, default=5.0, metavar="SECONDS",
                        help="seconds between bursts of activity (default 5)")
    parser.add_argument("--rate", type=float, default=50.0,
                        help="requests per second per token, burst twice that; 0 = unlimited")
    parser.add_argument("--claim-ttl", type=float, default=claims.DEFAULT_TTL,
                        metavar="SECONDS",
                        help="how long a claim (someone replying) lasts unless renewed "
                             f"(default {claims.DEFAULT_TTL:.0f})")
    parser.add_argument("--tokens-file", type=Path, default=None,
                        help="write the demo users' tokens to this JSON file (mode 0600)")
    # How DemoServerProcess ties the server's life to the program that started it.
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when stdin reaches end of file (the parent ended)")
    parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--remove-at-exit", type=Path, default=None, metavar="FOLDER",
                        help="remove this folder on the way out")


def _check_host(host: str) -> str | None:
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return (f"Refusing to bind to {host}: the demo intranet only listens on a loopback "
            "address (127.0.0.1, ::1 or localhost).")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # A restart on the same port must not wait for TIME_WAIT connections to expire.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _write_tokens(path: Path, tokens: dict[str, dict[str, str]]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(orjson.dumps(tokens, option=orjson.OPT_INDENT_2))


def run_from_args(args: argparse.Namespace) -> int:
    problem = _check_host(args.host)
    if problem is None and args.rate < 0:
        problem = "--rate must be 0 (unlimited) or more"
    if problem is None and not 0 < args.claim_ttl <= 86400:
        problem = "--claim-ttl must be more than 0 and at most 86400 seconds"
    if problem is None and args.activity_interval <= 0:
        problem = "--activity-interval must be more than 0 seconds"
    try:
        comments = generator.parse_size(args.size)
    except ValueError as exc:
        problem = problem or f"--size: {exc}"
    try:
        reference = generator.parse_reference_time(args.reference_time)
    except ValueError as exc:
        problem = problem or f"--reference-time: {exc}"
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    host = "127.0.0.1" if args.host == "localhost" else args.host
    with contextlib.ExitStack() as cleanup:
        if args.remove_at_exit is not None:
            cleanup.callback(remove_folder, args.remove_at_exit)
        if args.exit_with_parent:
            tie_to_parent(args.parent_pid)
        if args.data is None:
            folder = cleanup.enter_context(tempfile.TemporaryDirectory(prefix="demo-intranet-"))
            data = Path(folder) / "demo.db"
        else:
            data = args.data
        store = DemoStore(data)
        cleanup.callback(store.close)
        state = store.state()
        if state == "foreign":
            print(f"{data} is not a demo intranet data file; refusing to change it.",
                  file=sys.stderr)
            return 2
        if state == "empty":
            print(f"Generating the demo intranet ({comments:,} comments)…", file=sys.stderr,
                  flush=True)
            stats = store.populate(seed=args.seed, comments=comments,
                                   reference_time=reference)
            print(f"Generated {stats.comments:,} comments in {stats.seconds:.1f} s",
                  file=sys.stderr, flush=True)
        store.prune_ledger()
        tokens = store.ensure_tokens()
        try:
            sock = _bind(host, args.port)
        except OSError as exc:
            print(f"Cannot listen on {host}:{args.port}: {exc.strerror}", file=sys.stderr)
            return 1
        cleanup.callback(sock.close)
        port = sock.getsockname()[1]
        shown_host = f"[{host}]" if ":" in host else host
        store.site_url = f"http://{shown_host}:{port}"
        if args.tokens_file is not None:
            _write_tokens(args.tokens_file, tokens)

        def announce() -> None:
            lines = [f"Demo intranet listening on {store.site_url}"]
            lines += [f"  {name:<12} {info['role']:<11} {info['token']}"
                      for name, info in tokens.items()]
            print("\n".join(lines), flush=True)

        app = create_app(store, rate=args.rate, claim_ttl=args.claim_ttl,
                         activity_interval=args.activity_interval if args.activity else None,
                         on_ready=announce)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=3)
        # uvicorn re-raises the signal that stopped it once it has shut down; a no-op
        # handler (restored after serve) lets the cleanup above run and the exit be 0.
        server = uvicorn.Server(config)
        handle_exit = server.handle_exit

        def exiting(sig: int, frame: Any) -> None:
            # uvicorn waits for open requests before it stops: end the long-polls first.
            app.state.feed.close()
            handle_exit(sig, frame)

        server.handle_exit = exiting  # type: ignore[method-assign]
        previous = signal.signal(signal.SIGTERM, _ignore_signal)
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _ignore_signal(signum: int, frame: Any) -> None:
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.demo",
                                     description="The built-in demo intranet.")
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))
