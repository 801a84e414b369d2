"""TLS and proxies, end to end through the command line against an https demo intranet.

A trustme CA signs a certificate for 127.0.0.1; the demo app serves over https with it. Without
the CA the desk refuses, with a message that says what to do; with ``SSL_CERT_FILE`` pointing
at the CA (what a corporate CA bundle looks like to truststore on Linux) it works.
``HTTPS_PROXY`` sends the traffic through a small counting CONNECT proxy on 127.0.0.1, and
``NO_PROXY`` bypasses it. A source check keeps verification switched on everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from faultproxy import AsgiServer, _LoopThread

trustme = pytest.importorskip("trustme")

ROOT = Path(__file__).resolve().parents[1] / "desktop"
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """(https demo server, CA file, mona's token)."""
    from desktop.demo.server import create_app
    from desktop.demo.store import DemoStore

    tmp = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    key_path, cert_path, ca_path = tmp / "key.pem", tmp / "cert.pem", tmp / "ca.pem"
    cert.private_key_pem.write_to_path(str(key_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    ca.cert_pem.write_to_path(str(ca_path))
    store = DemoStore(tmp / "demo.db")
    store.populate(seed=4, comments=60)
    tokens = store.ensure_tokens()
    app = create_app(store, rate=0)
    with AsgiServer(app, ssl_keyfile=str(key_path), ssl_certfile=str(cert_path)) as server:
        store.site_url = server.url
        yield server, ca_path, tokens["mona"]["token"]
    store.close()


class ConnectProxy:
    """A forward proxy that only speaks CONNECT and counts tunnels per target."""

    def __init__(self) -> None:
        self.tunnels: list[str] = []
        self.port = 0
        self._runner = _LoopThread("connect-proxy")
        self._server: asyncio.Server | None = None
        self._runner.call(self._listen())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            method, target, _ = head.split("\r\n", 1)[0].split(" ", 2)
            if method != "CONNECT":
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            host, _, port = target.rpartition(":")
            if host not in ("127.0.0.1", "localhost"):  # never a tunnel off this machine
                writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            self.tunnels.append(target)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", int(port))
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    def close(self) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()

        self._runner.call(stop())
        self._runner.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


def _cli(profile: Path, *args: str, secret: str, stdin: str | None = None,
         **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k.upper() not in _PROXY_VARS and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["DIALOGUE_DESK_SECRET_DEMO"] = secret
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def _add(profile: Path, url: str, token: str, **env: str) -> subprocess.CompletedProcess[str]:
    return _cli(profile, "account", "add", "--name", "demo", "--url", url, "--user", "mona",
                secret=token, stdin=token + "\n", **env)


def test_untrusted_certificate_fails_with_an_actionable_message(tls, tmp_path):
    server, _ca, token = tls
    proc = _add(tmp_path / "p", server.url, token)
    assert proc.returncode == 1
    message = proc.stderr.strip()
    assert "\n" not in message, message  # one line, no traceback
    assert "certificate could not be verified" in message
    assert "SSL_CERT_FILE" in message and "certificate authority" in message
    listed = _cli(tmp_path / "p", "account", "list", secret=token)
    assert listed.stdout.startswith("No accounts"), listed.stdout  # nothing was saved


def test_a_corporate_ca_via_ssl_cert_file_works(tls, tmp_path):
    server, ca, token = tls
    profile = tmp_path / "p"
    proc = _add(profile, server.url, token, SSL_CERT_FILE=str(ca))
    assert proc.returncode == 0, proc.stderr
    proc = _cli(profile, "sync", secret=token, SSL_CERT_FILE=str(ca))
    assert proc.returncode == 0, proc.stderr
    assert "records" in proc.stdout


def test_https_proxy_and_no_proxy_are_honoured(tls, tmp_path):
    server, ca, token = tls
    proxy = ConnectProxy()
    try:
        profile = tmp_path / "p"
        via = {"SSL_CERT_FILE": str(ca), "HTTPS_PROXY": proxy.url}
        assert _add(profile, server.url, token, **via).returncode == 0
        proc = _cli(profile, "sync", secret=token, **via)
        assert proc.returncode == 0, proc.stderr
        assert proxy.tunnels and set(proxy.tunnels) == {f"127.0.0.1:{server.port}"}
        seen = len(proxy.tunnels)
        proc = _cli(profile, "sync", secret=token, NO_PROXY="127.0.0.1", **via)
        assert proc.returncode == 0, proc.stderr
        assert len(proxy.tunnels) == seen  # bypassed
        # lower-case names work too (curl's convention, honoured by httpx)
        proc = _cli(profile, "sync", secret=token, SSL_CERT_FILE=str(ca),
                    https_proxy=proxy.url)
        assert proc.returncode == 0, proc.stderr
        assert len(proxy.tunnels) > seen
    finally:
        proxy.close()


_DISABLES = re.compile(
    r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context"
    r"|PYTHONHTTPSVERIFY|ssl\._create_default_https_context"
)


def test_nothing_anywhere_switches_verification_off():
    # the pattern itself must catch what it is meant to catch
    for bad in ("httpx.AsyncClient(verify=False)", "ctx.verify_mode = ssl.CERT_NONE",
                "ctx.check_hostname = False", "ssl._create_unverified_context()"):
        assert _DISABLES.search(bad), bad
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{n}: {line.strip()}"
        for path in sorted(ROOT.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _DISABLES.search(line)
    ]
    assert offenders == []
