"""Secrets: canaries pushed through every path are found nowhere; files are private; a missing
or silent keyring is explained and the app still works for the run.

The canaries are the demo server's real token for mona (random, unique) and a wrong token
``CANARY-…``. They go through account add (good and bad), syncs and pushes that fail (401,
503, lost responses, HTML pages, truncated bodies, offline), a SIGKILL mid-push, and logging at
DEBUG. Then every byte of the profile (``-wal``/``-shm`` while open, backups, settings), every
stdout/stderr and every log record is searched for the canaries in clear, base64 (HTTP Basic)
and URL-encoded form: 0 hits.

The desk itself (the GUI, a real process) gets the same scan of its own files: the QSettings
file ``desk.ini``, the log ``desk.log``, state.db and cache.db (with ``-wal``/``-shm`` while it
runs) and its stdout/stderr, after it met a 401 and a 503 and was ended by SIGTERM. The desk has
no DEBUG switch (app.py logs at INFO), so that part is the in-process test's alone.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from faultproxy import FaultProxy

from desktop.models import outbox, queries
from desktop.services.connectors.reference import ReferenceConnector
from desktop.services.desk import DeskError, DeskService
from desktop.services.http import HttpSession, build_client

ROOT = Path(__file__).resolve().parents[1]
WORKER = Path(__file__).with_name("crash_worker.py")
FAIL = "keyring.backends.fail.Keyring"
NULL = "keyring.backends.null.Keyring"
START_TIMEOUT = 90  # the desk's start and first sync: seconds on a busy 2-core box
SETTLE = 1.5  # for the desk to take in the last answer before it is ended
DESK_FILES = ("desk.ini", "desk.log", "state.db", "cache.db")


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


def _snapshot(root: Path, blobs: dict[str, bytes], tag: str, live: bool = False) -> None:
    """Every file under ``root``; ``live``: a running desk may remove one (a lock) meanwhile."""
    for path in _files(root):
        try:
            blobs[f"{tag}:{path.relative_to(root)}"] = path.read_bytes()
        except FileNotFoundError:
            if not live:
                raise


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


# -- the desk (GUI) as a process: its own files ----------------------------------------------

class _GuiRun:
    """``python -m desktop --profile …`` (the window, offscreen) with the secret given by the
    environment, its stdout/stderr in files."""

    def __init__(self, profile: Path, secret: str, out: Path) -> None:
        env = dict(os.environ)
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                   PYTHON_KEYRING_BACKEND=FAIL, DIALOGUE_DESK_SECRET_DEMO=secret)
        for name in ("DIALOGUE_DESK_SECRET", "DIALOGUE_DESK_CRASHPOINT", "DIALOGUE_DESK_PROFILE",
                     "DIALOGUE_DESK_QUIT_AFTER", "DIALOGUE_DESK_SELECT_ROW"):
            env.pop(name, None)
        self.out, self.err = out.with_suffix(".stdout"), out.with_suffix(".stderr")
        with open(self.out, "wb") as stdout, open(self.err, "wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--profile", str(profile)], cwd=ROOT, env=env,
                stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not done():
            assert self.proc.poll() is None, f"the desk ended early: {self.stderr()[-2000:]}"
            assert time.monotonic() < deadline, f"{what}: {self.stderr()[-2000:]}"
            time.sleep(0.1)

    def terminate(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        assert self.proc.wait(timeout=30) == 0, self.stderr()[-2000:]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def outputs(self, blobs: dict[str, bytes], tag: str) -> None:
        blobs[f"{tag}:stdout"] = self.out.read_bytes()
        blobs[f"{tag}:stderr"] = self.err.read_bytes()


class _NotingProxy(FaultProxy):
    """A FaultProxy that also notes the server's status for every request it forwards."""

    def __init__(self, upstream_port: int, *, seed: int = 0) -> None:
        super().__init__(upstream_port, seed=seed)
        self.answers: list[tuple[str, int]] = []

    async def _forward(self, request: Any) -> Any:
        response = await super()._forward(request)
        self.answers.append((request.origin_form(), int(response.status_line.split()[1])))
        return response


def _gui_run(profile: Path, secret: str, out: Path, proxy: FaultProxy, requests: int,
             blobs: dict[str, bytes], tag: str) -> _GuiRun:
    """One run of the desk: it syncs (``requests`` reach the proxy), is scanned while open
    (``-wal``/``-shm``), then ends on SIGTERM."""
    before = proxy.count()
    run = _GuiRun(profile, secret, out)
    try:
        run.wait_until(lambda: proxy.count() >= before + requests, "the desk did not sync")
        time.sleep(SETTLE)
        _snapshot(profile, blobs, f"{tag}-open", live=True)
        run.terminate()
    finally:
        run.kill()
    run.outputs(blobs, tag)
    assert "Traceback" not in run.stderr()
    return run


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX permissions, SIGTERM")
def test_the_desks_own_files_hold_no_canary_after_a_gui_run(own_demo_server, tmp_path):
    server = own_demo_server
    good = server.tokens["mona"]
    bad = f"CANARY-{uuid.uuid4()}"
    canaries = [good, bad]
    profile = tmp_path / "gui"
    blobs: dict[str, bytes] = {}
    with _NotingProxy(server.port, seed=5) as proxy:
        proc = _cli(profile, "account", "add", "--name", "demo", "--user", "mona", "--url",
                    proxy.url, stdin=good + "\n")
        assert proc.returncode == 0, proc.stderr
        blobs["add:stderr"] = proc.stderr.encode()
        # A wrong secret: the server refuses it (401); the sync and the live follower (its
        # long-poll) each stop at their first refusal.
        start, answered = proxy.count(), len(proxy.answers)
        _gui_run(profile, bad, tmp_path / "gui-401", proxy, 1, blobs, "gui-401")
        refused = proxy.answers[answered:]
        assert 1 <= proxy.count() - start <= 2, proxy.log[start:]
        assert refused and all(code == 401 for _, code in refused), refused
        # The right one, and the server unavailable: 503 until the desk gives up (5 attempts;
        # Retry-After 0 on the last ones keeps the backoff short).
        # (The sync and the live follower's long-poll share the scripted answers; what comes
        # after them is served.)
        before = proxy.count()
        proxy.script(["503", "503"] + ["503:0"] * 3)
        run = _gui_run(profile, good, tmp_path / "gui-503", proxy, 5, blobs, "gui-503")
        assert [fault for *_, fault in proxy.log[before:before + 5]] == (
            ["503", "503"] + ["503:0"] * 3)
        assert "answered 503, attempt 1" in run.stderr()
        proxy.script([])
    _snapshot(profile, blobs, "gui")

    for name in DESK_FILES:
        path = profile / name
        assert path.is_file() and path.stat().st_size > 0, f"{name} missing or empty"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{name} is not 0600"
    ini = (profile / "desk.ini").read_text(encoding="utf-8")
    assert "[window]" in ini and "geometry=" in ini  # the window saved itself on SIGTERM
    assert (profile / "desk.log").read_text(encoding="utf-8").count(
        "quit on signal SIGTERM") == 2
    assert any(k.startswith("gui-503-open:") and k.endswith("-wal") for k in blobs)
    assert _hits(blobs, canaries) == []
    assert _private(profile) == [], "data files must be 0600 and the profile 0700"

    # Self-check: a canary in any of its forms planted in desk.ini or desk.log is found by
    # the same file scan, so the 0 above is not a scan that looked past them.
    for name in ("desk.ini", "desk.log"):
        for form in _forms(bad):
            planted = tmp_path / "planted"
            shutil.rmtree(planted, ignore_errors=True)
            shutil.copytree(profile, planted)
            with open(planted / name, "ab") as out:
                out.write(form)
            found: dict[str, bytes] = {}
            _snapshot(planted, found, "planted")
            assert _hits(found, canaries) == [(f"planted:{name}", bad[:10] + "…")]
    print(f"\nsecrets (desk): {len(canaries)} canaries x {len(_forms(good))} encodings searched "
          f"in {len(blobs)} files/outputs of 2 desk runs "
          f"({sum(map(len, blobs.values())):,} bytes): 0 found")
