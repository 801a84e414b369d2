"""Secrets: canaries pushed through every path are found nowhere; files are private; a missing
or silent keyring is explained and the app still works for the run.

The canaries are the demo server's real token for mona (random, unique) and a wrong token
``CANARY-…``. They go through account add (good and bad), syncs and pushes that fail (401,
503, lost responses, HTML pages, truncated bodies, offline), a SIGKILL mid-push, and logging at
DEBUG. Then every byte of the profile (``-wal``/``-shm`` while open, backups, settings), every
stdout/stderr and every log record is searched for the canaries in clear, base64 (HTTP Basic)
and URL-encoded form: 0 hits.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import signal
import stat
import subprocess
import sys
import traceback
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from faultproxy import FaultProxy

from desktop.models import outbox, queries
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskError, DeskService
from desktop.services.http import HttpSession, build_client

WORKER = Path(__file__).with_name("crash_worker.py")
FAIL = "keyring.backends.fail.Keyring"
NULL = "keyring.backends.null.Keyring"


def _forms(secret: str, user: str = "mona") -> list[bytes]:
    basic = base64.b64encode(f"{user}:{secret}".encode()).decode()
    return [secret.encode(), basic.encode(), quote(secret, safe="").encode(),
            secret.encode("utf-16-le")]


def _cli(profile: Path, *args: str, secret: str | None = None, stdin: str | None = None,
         backend: str = FAIL) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = backend
    for name in ("DIALOGUE_DESK_SECRET", "DIALOGUE_DESK_SECRET_DEMO", "DIALOGUE_DESK_CRASHPOINT"):
        env.pop(name, None)
    if secret is not None:
        env["DIALOGUE_DESK_SECRET_DEMO"] = secret
    return subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _hits(blobs: dict[str, bytes], canaries: list[str]) -> list[tuple[str, str]]:
    found = []
    for where, data in blobs.items():
        for canary in canaries:
            if any(form in data for form in _forms(canary)):
                found.append((where, canary[:10] + "…"))
    return found


def _snapshot(root: Path, blobs: dict[str, bytes], tag: str) -> None:
    for path in _files(root):
        blobs[f"{tag}:{path.relative_to(root)}"] = path.read_bytes()


def _private(root: Path) -> list[str]:
    """Files or directories under ``root`` that others may read (POSIX)."""
    loose = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            loose.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return loose


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and SIGKILL")
def test_canary_secrets_are_found_nowhere(own_demo_server, tmp_path, caplog):
    server = own_demo_server
    good = server.tokens["mona"]
    bad = f"CANARY-{uuid.uuid4()}"
    canaries = [good, bad]
    blobs: dict[str, bytes] = {}
    outputs: list[str] = []
    profile = tmp_path / "profile"
    proxied = tmp_path / "proxied"

    def note(proc: subprocess.CompletedProcess[str], tag: str) -> subprocess.CompletedProcess[str]:
        blobs[f"{tag}:stdout"] = proc.stdout.encode()
        blobs[f"{tag}:stderr"] = proc.stderr.encode()
        outputs.append(proc.stderr)
        return proc

    add = ("account", "add", "--name", "demo", "--user", "mona")
    # account add: wrong token (401), then the right one
    proc = note(_cli(profile, *add, "--url", server.url, stdin=bad + "\n"), "add-bad")
    assert proc.returncode == 1 and "refused the token" in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr  # one line, no traceback
    proc = note(_cli(profile, *add, "--url", server.url, stdin=good + "\n"), "add-good")
    assert proc.returncode == 0, proc.stderr
    assert note(_cli(profile, "sync", secret=good), "sync").returncode == 0
    # sync with a wrong secret in the environment: 401
    proc = note(_cli(profile, "sync", secret=bad), "sync-401")
    assert proc.returncode == 1 and "refused the token" in proc.stderr
    item = queries.queue_page(DeskService(profile).reader(), "reply", limit=1)[0].key

    with FaultProxy(server.port, seed=3) as proxy:
        proc = note(_cli(proxied, *add, "--url", proxy.url, stdin=good + "\n"), "add-proxy")
        assert proc.returncode == 0, proc.stderr
        proxy.script(["html"])  # a middlebox's page instead of the protocol's JSON
        assert note(_cli(proxied, "sync", secret=good), "sync-html").returncode == 1
        assert note(_cli(proxied, "sync", secret=good), "sync-ok").returncode == 0
        proxy.go_offline()
        note(_cli(proxied, "act", item, "like", "--no-push", secret=good), "like-offline")
        proxy.go_online()
        env = dict(os.environ, PYTHON_KEYRING_BACKEND=FAIL, DIALOGUE_DESK_SECRET_DEMO=good,
                   DIALOGUE_DESK_CRASHPOINT="after_send:1")
        plan = tmp_path / "plan.json"
        plan.write_text("[]", encoding="utf-8")
        crashed = subprocess.run([sys.executable, str(WORKER), str(proxied), proxy.url,
                                  str(plan)], capture_output=True, text=True, env=env,
                                 timeout=120, check=False)
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr
        blobs["crash:stderr"] = crashed.stderr.encode()
        assert note(_cli(proxied, "push", secret=good), "push-after-crash").returncode == 0

        # In-process, logging at DEBUG, with the databases open (so -wal/-shm exist).
        caplog.set_level(logging.DEBUG)

        async def in_process() -> list[str]:
            messages = []
            desk = DeskService(tmp_path / "inproc")
            try:
                for secret in (bad, good):
                    try:
                        await desk.add_account("demo", "reference", proxy.url, "mona", secret)
                    except DeskError as exc:
                        messages.append("".join(traceback.format_exception(exc)))
                # The desk's connector with quick retries: the failure paths are the same,
                # the backoff waits are not worth seconds here.
                await desk._connectors.pop("demo").aclose()
                base = proxy.url + "/api/v1"
                desk._connectors["demo"] = ReferenceConnector(
                    url=proxy.url, username="mona", secret=good, session=HttpSession(
                        lambda: build_client(base_url=base,
                                             headers={"Authorization": f"Bearer {good}"}),
                        deadline=2.0, max_attempts=3, backoff_base=0.01, backoff_cap=0.02))
                for faults in (["503"] * 3, ["truncate"] * 3, ["reset_before"] * 3,
                               ["drip:0.05"], ["429:60"]):
                    proxy.script(faults)
                    try:
                        await desk.sync()
                    except DeskError as exc:
                        messages.append("".join(traceback.format_exception(exc)))
                    else:
                        raise AssertionError(f"{faults} did not fail the sync")
                    await desk._connectors["demo"].session.aclose()
                    desk._connectors["demo"].session._gates.clear()  # forget the 429's wait
                proxy.script([])
                await desk.sync()
                key = queries.queue_page(desk.reader(), "reply", limit=1)[0].key
                await desk.act(key, "reply", text=f"secret test {uuid.uuid4()}")
                proxy.script(["reset_after"] + ["reset_before"] * 3)  # the answer is lost
                [pushed] = await desk.push()
                assert pushed.done == 0 and pushed.stopped_by
                messages.append(pushed.stopped_by)
                proxy.go_offline()
                await desk.act(key, "like")
                [pushed] = await desk.push()
                messages.append(pushed.stopped_by or "")
                proxy.go_online()
                _snapshot(tmp_path / "inproc", blobs, "open-profile")
                assert any(k.endswith("-wal") for k in blobs), "no -wal file was scanned"
                assert _private(tmp_path / "inproc") == []
                [pushed] = await desk.push()
                assert pushed.done == 2, pushed
            finally:
                await desk.aclose()
            return messages

        messages = asyncio.run(in_process())
    for i, text in enumerate(messages):
        blobs[f"exception-{i}"] = text.encode()
    blobs["log"] = caplog.text.encode()
    for root in (profile, proxied, tmp_path / "inproc"):
        _snapshot(root, blobs, root.name)
    assert _hits(blobs, canaries) == []
    for root in (profile, proxied, tmp_path / "inproc"):
        assert _private(root) == [], "data files must be 0600 and the profile 0700"
    assert len(blobs) > 40  # the scan really covered files, outputs, logs
    print(f"\nsecrets: {len(canaries)} canaries x {len(_forms(good))} encodings searched in "
          f"{len(blobs)} files/outputs/logs ({sum(map(len, blobs.values())):,} bytes): 0 found")
    # (the outbox ended settled: the test exercised the push paths, not just failures)
    store = DeskService(proxied).reader()
    try:
        assert outbox.counts(store).get("done", 0) >= 1
    finally:
        store.close()


@pytest.mark.parametrize("backend, explained", [(FAIL, "No system keyring is available"),
                                                (NULL, "switched off (null backend)")])
def test_missing_or_silent_keyring_is_explained_and_the_app_works(demo_server, tmp_path,
                                                                  backend, explained):
    profile = tmp_path / "p"
    token = demo_server.tokens["erik"]
    proc = _cli(profile, "account", "add", "--name", "demo", "--url", demo_server.url,
                "--user", "erik", stdin=token + "\n", backend=backend)
    assert proc.returncode == 0, proc.stderr
    assert explained in proc.stderr and "DIALOGUE_DESK_SECRET" in proc.stderr
    # Without the secret in this run: a clear one-line message naming the way out.
    proc = _cli(profile, "sync", backend=backend)
    assert proc.returncode == 1
    assert "DIALOGUE_DESK_SECRET_DEMO" in proc.stderr and proc.stderr.count("\n") == 1
    # With it: the run works.
    proc = _cli(profile, "sync", secret=token, backend=backend)
    assert proc.returncode == 0, proc.stderr
    assert "records" in proc.stdout
    assert _hits({p.name: p.read_bytes() for p in _files(profile)}, [token]) == []
