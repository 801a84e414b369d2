"""Run the demo intranet in a child process (tests, benchmarks, the GUI's ``--demo`` mode).

    with DemoServerProcess(tmp_path / "demo.db") as demo:
        token = demo.tokens["kari"]
        httpx.get(f"{demo.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})

The child runs ``python -m desktop.demo`` in its own process group; ``restart()`` brings it back
on the same port and data file, which is how crash and restart tests work.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

READY_PREFIX = "Demo intranet listening on "


class DemoServerError(RuntimeError):
    """The demo server did not start (the message carries its stderr)."""


class DemoServerProcess:
    def __init__(self, data: Path, *, seed: int = 1, size: str | int = "small",
                 activity: bool = False, rate: float = 50.0, port: int | None = None,
                 extra_args: Sequence[str] = ()) -> None:
        self.data = Path(data)
        self.seed = seed
        self.size = size
        self.activity = activity
        self.rate = rate
        self._port = port
        self.extra_args = tuple(extra_args)
        self._proc: subprocess.Popen[str] | None = None
        self._url: str | None = None
        self._tokens: dict[str, str] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="demo-process-")

    # -- properties ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The site URL (``http://127.0.0.1:PORT``); the API is under ``/api/v1``."""
        if self._url is None:
            raise DemoServerError("the demo server is not running")
        return self._url

    @property
    def port(self) -> int:
        if self._port is None:
            raise DemoServerError("the demo server has not started yet")
        return self._port

    @property
    def tokens(self) -> dict[str, str]:
        return dict(self._tokens)

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    # -- control ---------------------------------------------------------------------------

    def start(self, timeout: float = 60) -> DemoServerProcess:
        if self._proc is not None and self._proc.poll() is None:
            raise DemoServerError("the demo server is already running")
        tokens_file = Path(self._tmp.name) / "tokens.json"
        tokens_file.unlink(missing_ok=True)
        command = [
            # a frozen (PyInstaller) build is the app itself: its CLI has the subcommand
            *((sys.executable, "demo-server") if getattr(sys, "frozen", False)
              else (sys.executable, "-m", "desktop.demo")),
            "--data", str(self.data), "--seed", str(self.seed), "--size", str(self.size),
            "--rate", str(self.rate), "--port", str(self._port or 0),
            "--tokens-file", str(tokens_file), *self.extra_args,
        ]
        if self.activity:
            command.append("--activity")
        stderr_path = Path(self._tmp.name) / "stderr.txt"
        self._stderr = open(stderr_path, "w+", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self._proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=self._stderr, text=True,
            start_new_session=True, env=_child_env(),
        )
        line = self._read_ready_line(timeout)
        if line is None:
            self.kill()
            self._stderr.seek(0)
            raise DemoServerError(f"the demo server did not start: {self._stderr.read()[-2000:]}")
        self._url = line[len(READY_PREFIX):].strip()
        self._port = int(self._url.rsplit(":", 1)[1])
        raw = json.loads(tokens_file.read_text(encoding="utf-8"))
        self._tokens = {name: info["token"] for name, info in raw.items()}
        return self

    def _read_ready_line(self, timeout: float) -> str | None:
        assert self._proc is not None and self._proc.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self._proc.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not selector.select(timeout=min(0.5, deadline - time.monotonic())):
                    if self._proc.poll() is not None:
                        return None
                    continue
                line = self._proc.stdout.readline()
                if not line:
                    return None
                if line.startswith(READY_PREFIX):
                    return line
        return None

    def stop(self, timeout: float = 10) -> int | None:
        """SIGTERM, wait up to ``timeout`` s, then SIGKILL. Returns the exit code."""
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            _signal_group(proc, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait()
        self._finish()
        return proc.returncode

    def kill(self) -> None:
        """SIGKILL at once: a crash, with no chance to clean up."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
        self._finish()

    def restart(self, timeout: float = 60) -> DemoServerProcess:
        """Stop (if running) and start again on the same port and data file."""
        self.stop()
        return self.start(timeout)

    def _finish(self) -> None:
        if self._proc is not None and self._proc.stdout is not None:
            self._proc.stdout.close()
        stderr = getattr(self, "_stderr", None)
        if stderr is not None:
            stderr.close()
            self._stderr = None
        self._url = None

    def close(self) -> None:
        self.stop()
        self._tmp.cleanup()

    def __enter__(self) -> Self:
        if self._proc is None or self._proc.poll() is not None:
            self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _signal_group(proc: subprocess.Popen[str], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signum)  # the child leads its own group (start_new_session)


def _child_env() -> dict[str, str]:
    # So ``-m desktop.demo`` imports this checkout even when the package is not installed.
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env
