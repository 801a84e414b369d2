"""``dialogue-desk watch`` through the real command line against the demo intranet."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import IO

import httpx
import orjson
from demo_data import cli


class Lines:
    """Read a pipe on a thread so a test can wait for a line with a deadline."""

    def __init__(self, pipe: IO[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(pipe,), daemon=True).start()

    def _read(self, pipe: IO[str]) -> None:
        for line in pipe:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s; saw {self.seen!r}")

    def drain(self, seconds: float) -> list[str]:
        time.sleep(seconds)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.seen


def _watch(profile: Path, token: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["DIALOGUE_DESK_SECRET_DEMO"] = token
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(profile), "watch", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def _comment(server, text: str) -> str:
    """A new comment by kari (an employee) on post 3, through the demo's write API."""
    response = httpx.post(f"{server.url}/api/v1/posts/3/comments", json={"body": text},
                          headers={"Authorization": f"Bearer {server.tokens['kari']}"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _profile(server, tmp_path: Path) -> tuple[Path, str]:
    profile = tmp_path / "p"
    token = server.tokens["mona"]
    added = cli(profile, "account", "add", "--name", "demo", "--url", server.url,
                "--user", "mona", stdin=token + "\n")
    assert added.returncode == 0, added.stderr
    return profile, token


def _stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_watch_prints_a_new_comment_as_it_arrives_and_ends_on_ctrl_c(own_demo_server, tmp_path):
    profile, token = _profile(own_demo_server, tmp_path)
    proc = _watch(profile, token, "--json")
    out, err = Lines(proc.stdout), Lines(proc.stderr)  # type: ignore[arg-type]
    try:
        time.sleep(4)  # caught up and waiting on the long-poll
        assert out.drain(0.1) == [], "items already in a lane are not news"
        marker = uuid.uuid4().hex[:8]
        started = time.monotonic()
        cid = _comment(own_demo_server, f"When does the {marker} open?")
        line = out.wait_for(marker, timeout=10)
        took = time.monotonic() - started
        item = orjson.loads(line)
        assert item["id"] == f"demo:c{cid}"
        assert item["lane"] == "reply"
        assert set(item) == {"id", "account", "lane", "reason", "author", "post_title",
                             "excerpt", "created", "status", "url", "claimed_by"}
        assert took < 3, f"the comment took {took:.1f} s to arrive"
        # once only: a later change elsewhere does not print it again
        _comment(own_demo_server, f"Another {marker}")
        out.wait_for(f"Another {marker}", timeout=10)
        assert sum(marker in line for line in out.drain(1)) == 2
    finally:
        code = _stop(proc)
    assert code == 130
    assert "Traceback" not in "".join(err.drain(0.5))


def test_watch_says_a_lost_connection_once_and_continues(own_demo_server, tmp_path):
    profile, token = _profile(own_demo_server, tmp_path)
    proc = _watch(profile, token, "--lane", "reply")
    out, err = Lines(proc.stdout), Lines(proc.stderr)  # type: ignore[arg-type]
    try:
        time.sleep(4)
        own_demo_server.stop()
        err.wait_for("lost the connection to demo", timeout=20)
        time.sleep(6)  # several probes fail meanwhile: still one line
        own_demo_server.start()
        err.wait_for("demo is back", timeout=20)
        marker = uuid.uuid4().hex[:8]
        cid = _comment(own_demo_server, f"Is the {marker} still on?")
        line = out.wait_for(marker, timeout=10)
        assert line.startswith(f"reply\tdemo:c{cid}\t")
    finally:
        code = _stop(proc)
    said = err.drain(0.5)
    assert sum("lost the connection" in s for s in said) == 1, said
    assert "Traceback" not in "".join(said)
    assert code == 130
