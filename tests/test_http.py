"""HttpSession and friends against a real server on 127.0.0.1, with faults from FaultProxy."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import traceback

import pytest
from faultproxy import AsgiServer, FaultProxy
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from desktop import __version__, tuning
from desktop.services.connectors.base import NetworkError, RateLimited, ServerError
from desktop.services.http import HttpSession, build_client, origin, parse_retry_after

CANARY = "CANARY-s3cr3t-7f3a"


class Upstream:
    def __init__(self) -> None:
        self.writes = 0
        self.app = Starlette(
            routes=[
                Route("/hello", self.hello),
                Route("/write", self.write, methods=["POST"]),
                Route("/slow", self.slow),
            ]
        )

    async def hello(self, request: Request) -> JSONResponse:
        return JSONResponse({"hello": "world", "ua": request.headers.get("user-agent")})

    async def write(self, request: Request) -> JSONResponse:
        self.writes += 1
        return JSONResponse({"n": self.writes}, status_code=201)

    async def slow(self, request: Request) -> JSONResponse:
        await asyncio.sleep(float(request.query_params.get("s", "0.05")))
        return JSONResponse({"slow": True})


@pytest.fixture(scope="module")
def upstream():
    up = Upstream()
    with AsgiServer(up.app) as server:
        server.state = up
        yield server


@pytest.fixture
def proxy(upstream):
    upstream.state.writes = 0
    with FaultProxy(upstream.port, seed=1) as p:
        yield p


def make_session(base_url: str, *, timeout: float = 5.0, headers=None, **kw) -> HttpSession:
    kw.setdefault("backoff_base", 0.01)
    kw.setdefault("backoff_cap", 0.05)
    return HttpSession(
        lambda: build_client(base_url=base_url, timeout=timeout, headers=headers), **kw
    )


def run(coro):
    return asyncio.run(coro)


async def call(session: HttpSession, method: str, url: str, **kw):
    try:
        return await session.request(method, url, **kw)
    finally:
        await session.aclose()


# -- Retry-After -------------------------------------------------------------------------


def test_parse_retry_after_examples():
    now = 1_800_000_000.0
    in_ten = email.utils.formatdate(now + 10, usegmt=True)
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(" 12 ") == 12.0
    assert parse_retry_after("0") == 1.0  # floor
    assert parse_retry_after("100000") == 300.0  # cap
    assert parse_retry_after(in_ten, now=now) == pytest.approx(10.0)
    assert parse_retry_after(email.utils.formatdate(now - 3600, usegmt=True), now=now) == 1.0
    for garbage in (None, "", "soon", "-5", "1e3", "Wed, 99 Foo 2015 07:28:00 GMT"):
        assert parse_retry_after(garbage) is None


retry_after_values = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**40).map(str),
    st.datetimes().map(lambda d: email.utils.format_datetime(d.replace(tzinfo=None), usegmt=False)),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=40),
)


@given(value=retry_after_values, floor=st.floats(0, 10), extra=st.floats(0, 1000))
def test_parse_retry_after_is_none_or_clamped(value, floor, extra):
    cap = floor + extra
    result = parse_retry_after(value, now=1_800_000_000.0, floor=floor, cap=cap)
    assert result is None or floor <= result <= cap
    if value.isdigit():
        assert result is not None


def test_origin_shows_no_path_or_query():
    assert origin("https://intra.example/api/v1/me?token=x") == "https://intra.example:443"
    assert origin("http://[::1]:8080/x") == "http://[::1]:8080"


# -- client -------------------------------------------------------------------------------


def test_build_client_defaults(upstream):
    async def go():
        async with build_client(base_url=upstream.url) as client:
            assert client.follow_redirects is False
            response = await client.get("/hello")
            return response.json()["ua"]

    assert run(go()) == f"DialogueDesk/{__version__}"


def _clear_proxy_env(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_environment_proxy_is_honoured(proxy, upstream, monkeypatch):
    _clear_proxy_env(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)

    async def go(url):
        async with build_client() as client:
            return (await client.get(url)).status_code

    # The proxy forwards everything to upstream, so a name that resolves nowhere still works:
    # proof the request went through the proxy (and no DNS lookup happened here).
    assert run(go("http://upstream.invalid/hello")) == 200
    assert [entry[2] for entry in proxy.log] == ["http://upstream.invalid/hello"]

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert run(go(upstream.url + "/hello")) == 200
    assert len(proxy.log) == 1  # bypassed


def test_custom_ca_via_ssl_cert_file(tmp_path, monkeypatch):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    key_path, cert_path, ca_path = tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "ca.pem"
    cert.private_key_pem.write_to_path(str(key_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    ca.cert_pem.write_to_path(str(ca_path))
    _clear_proxy_env(monkeypatch)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    up = Upstream()
    with AsgiServer(up.app, ssl_keyfile=str(key_path), ssl_certfile=str(cert_path)) as server:
        with pytest.raises(NetworkError, match="certificate could not be verified"):
            run(call(make_session(server.url), "GET", "/hello", idempotent=True))
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_path))
        response = run(call(make_session(server.url), "GET", "/hello", idempotent=True))
        assert response.status_code == 200


# -- retries ------------------------------------------------------------------------------


def test_503_is_retried_for_idempotent_requests(proxy):
    proxy.script(["503", "503"])
    response = run(call(make_session(proxy.url), "GET", "/hello", idempotent=True))
    assert response.status_code == 200
    assert [fault for *_, fault in proxy.log] == ["503", "503", "ok"]


def test_503_is_not_retried_for_other_requests(proxy, upstream):
    proxy.script(["503"])
    with pytest.raises(ServerError, match=r"^http://127\.0\.0\.1:\d+ failed \(HTTP 503\)$"):
        run(call(make_session(proxy.url), "POST", "/write", idempotent=False))
    assert len(proxy.log) == 1
    assert upstream.state.writes == 0


def test_retries_give_up_after_max_attempts(proxy):
    proxy.script(["503"] * 10)
    with pytest.raises(ServerError):
        run(call(make_session(proxy.url, max_attempts=3), "GET", "/hello", idempotent=True))
    assert len(proxy.log) == 3


def test_broken_answers_are_retried_for_idempotent_requests(proxy):
    proxy.script(["truncate", "reset_before", "html"])
    response = run(call(make_session(proxy.url), "GET", "/hello", idempotent=True))
    # html is a 200 the session cannot judge: it is the caller's to reject
    assert response.headers["content-type"] == "text/html"
    assert len(proxy.log) == 3


def test_429_waits_for_retry_after_before_sending_again(proxy):
    proxy.script(["429:1"])
    response = run(call(make_session(proxy.url), "GET", "/hello", idempotent=True))
    assert response.status_code == 200
    (t0, *_), (t1, *_) = proxy.log
    assert t1 - t0 >= 1.0


def test_retry_after_gate_holds_every_request_to_that_host(proxy):
    proxy.script(["429:1"])

    async def go():
        session = make_session(proxy.url)
        try:
            with pytest.raises(RateLimited) as caught:
                await session.request("POST", "/write", idempotent=False)
            assert caught.value.retry_after == 1.0
            assert session.blocked_for("/hello") > 0.5
            return await asyncio.gather(
                *(session.request("GET", "/hello", idempotent=True) for _ in range(3))
            )
        finally:
            await session.aclose()

    responses = run(go())
    assert [r.status_code for r in responses] == [200, 200, 200]
    t0 = proxy.log[0][0]
    assert len(proxy.log) == 4
    assert all(t - t0 >= 1.0 for t, *_ in proxy.log[1:])


def test_retry_after_beyond_the_deadline_raises_rate_limited(proxy):
    proxy.script(["429:100"])

    waits: list[float] = []

    async def recording_sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    async def go():
        session = make_session(proxy.url, deadline=2.0, sleep=recording_sleep)
        try:
            with pytest.raises(RateLimited) as first:
                await session.request("GET", "/hello", idempotent=True)
            # the gate is still closed: the next call fails without sending anything
            with pytest.raises(RateLimited) as second:
                await session.request("GET", "/hello", idempotent=True)
            return first.value, second.value
        finally:
            await session.aclose()

    first, second = run(go())
    assert first.retry_after == 100.0
    assert 98 < second.retry_after <= 100.0
    assert waits == []  # neither call sat out (part of) the 100 s before giving up
    assert len(proxy.log) == 1


def test_503_with_retry_after_is_honoured(proxy):
    proxy.script(["503:1"])
    response = run(call(make_session(proxy.url), "GET", "/hello", idempotent=True))
    assert response.status_code == 200
    assert proxy.log[1][0] - proxy.log[0][0] >= 1.0


# -- deadlines, connect errors, lost responses ---------------------------------------------


@pytest.mark.timeout(60)
def test_drip_server_cannot_hold_a_request_past_the_deadline(proxy):
    # The drip never ends: only the session's own deadline can end the call (the hang guard
    # below would fail the test instead), and the message says which deadline it was.
    proxy.script(["drip"])
    with pytest.raises(NetworkError) as caught:
        run(call(make_session(proxy.url, deadline=1.0), "GET", "/hello", idempotent=True))
    assert caught.value.maybe_sent is True
    assert "did not answer within 1 s" in str(caught.value)


def test_connect_refused_is_not_maybe_sent(proxy):
    proxy.go_offline()
    with pytest.raises(NetworkError) as caught:
        run(call(make_session(proxy.url, max_attempts=3), "POST", "/write", idempotent=False))
    assert caught.value.maybe_sent is False
    assert str(caught.value) == f"Cannot reach http://127.0.0.1:{proxy.port}: connection refused"


def test_connect_errors_are_retried_even_for_posts(proxy, upstream):
    proxy.go_offline()

    async def go():
        session = make_session(proxy.url, backoff_base=0.2, backoff_cap=0.2, max_attempts=20)
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, proxy.go_online)
        return await call(session, "POST", "/write", idempotent=False)

    assert run(go()).status_code == 201
    assert upstream.state.writes == 1


def test_lost_response_of_a_post_is_maybe_sent(proxy, upstream):
    proxy.script(["reset_after"])
    with pytest.raises(NetworkError) as caught:
        run(call(make_session(proxy.url), "POST", "/write", idempotent=False))
    assert caught.value.maybe_sent is True
    assert upstream.state.writes == 1  # the server applied it; only the answer was lost


def test_lost_response_of_an_idempotent_write_is_retried(proxy, upstream):
    proxy.script(["reset_after"])
    response = run(call(make_session(proxy.url), "POST", "/write", idempotent=True))
    assert response.status_code == 201
    assert upstream.state.writes == 2  # no server-side key here, so the effect repeats


def test_statuses_other_than_retryable_ones_are_returned(proxy):
    async def go():
        session = make_session(proxy.url)
        try:
            return await session.request("GET", "/nothing-here", idempotent=True)
        finally:
            await session.aclose()

    assert run(go()).status_code == 404
    assert len(proxy.log) == 1


def test_pool_stays_healthy_after_a_cancellation_storm(upstream, caplog):
    rng = random.Random(4)

    async def go():
        session = make_session(upstream.url, timeout=2.0, concurrency=4)
        try:
            cancelled = 0
            while cancelled < 1000:
                tasks = [
                    asyncio.create_task(session.request("GET", "/slow?s=0.02", idempotent=True))
                    for _ in range(8)
                ]
                await asyncio.sleep(rng.uniform(0, 0.004))
                for task in tasks:
                    task.cancel()
                results = await asyncio.gather(*tasks, return_exceptions=True)
                cancelled += sum(isinstance(r, asyncio.CancelledError) for r in results)
            # A PoolTimeout is retried on a fresh client (and would still answer 200): the
            # rebuild count is what shows whether any request of the round hit it.
            rebuilds = session.rebuilds
            ok = await asyncio.gather(
                *(session.request("GET", "/slow?s=0.01", idempotent=True) for _ in range(10))
            )
            return [r.status_code for r in ok], session.rebuilds - rebuilds
        finally:
            await session.aclose()

    with caplog.at_level(logging.WARNING, logger="desktop.services.http"):
        statuses, rebuilt = run(go())
    assert statuses == [200] * 10
    assert rebuilt == 0, "a request of the healthy round waited for a pool slot"
    assert not [r for r in caplog.records if "pool exhausted" in r.getMessage()]


# -- no secrets in errors or logs -----------------------------------------------------------


@pytest.mark.parametrize(
    "fault, idempotent",
    [
        ("offline", False),
        ("reset_before", False),
        ("reset_after", False),
        ("truncate", False),
        ("503", False),
        ("429:100", True),
        ("drip", True),
    ],
)
def test_errors_and_logs_never_show_secrets(proxy, caplog, fault, idempotent):
    tuning.quiet_loggers()  # as the desk's and the command line's logging setup do
    caplog.set_level(logging.DEBUG)
    if fault == "offline":
        proxy.go_offline()
    else:
        proxy.script([fault])
    session = make_session(
        proxy.url, deadline=1.0, max_attempts=2, headers={"Authorization": f"Bearer {CANARY}"}
    )
    with pytest.raises((NetworkError, ServerError, RateLimited)) as caught:
        run(call(session, "POST", f"/write?token={CANARY}&x=1", idempotent=idempotent))
    assert CANARY not in "".join(traceback.format_exception(caught.value))
    messages = " | ".join(f"{e!r} {e}" for e in _chain(caught.value))
    assert "token=" not in messages and "/write" not in messages
    assert f"127.0.0.1:{proxy.port}" in str(caught.value)
    assert CANARY not in caplog.text


def _chain(exc: BaseException | None):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__


def test_httpx_loggers_are_quiet(tmp_path, capsys):
    """The command line's root quiets them (httpx logs full URLs, queries included, at INFO);
    importing the HTTP module no longer does it as a side effect."""
    from desktop import cli

    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)
    assert cli.main(["--profile", str(tmp_path / "p"), "account", "list"]) == 0
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING


def test_injected_clock_and_sleep_drive_backoff(proxy):
    """Backoff sleeps go through the injected sleep (so callers can test without waiting)."""
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    proxy.script(["503", "503", "503"])
    session = make_session(proxy.url, sleep=fake_sleep, backoff_base=1.0, backoff_cap=4.0)
    response = run(call(session, "GET", "/hello", idempotent=True))
    assert response.status_code == 200
    assert len(slept) == 3
    assert all(0 <= s <= cap for s, cap in zip(slept, (1.0, 2.0, 4.0), strict=True))
