"""Run the demo intranet in a child process (tests, benchmarks, the GUI's ``--demo`` mode).

    with DemoServerProcess(tmp_path / "demo.db") as demo:
        token = demo.tokens["kari"]
        httpx.get(f"{demo.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})

The child runs ``python -m desktop.demo`` in its own process group; ``restart()`` brings it back
on the same port and data file, which is how crash and restart tests work.

The child never outlives its parent, however the parent ends (a clean stop, SIGTERM, SIGKILL, a
crash), on every platform:

- it watches its stdin, a pipe whose only write end the parent holds (non-inheritable, so no
  other child of the parent keeps it open): when the parent dies the kernel closes it, the read
  sees EOF and the child stops as on SIGTERM;
- on Linux it also asks the kernel for SIGTERM when the parent goes (``PR_SET_PDEATHSIG``). That
  signal fires when the *thread* that started the child ends, so the parent asks for it only
  when it starts the child from the main thread (``astart()`` does so from the event loop's
  thread; ``start()`` called from a worker thread relies on the pipe alone).

Each start makes a fresh temporary folder (the tokens file, the child's stderr) that the child
owns: it removes the folder on its way out, so nothing is left when the parent was killed. The
parent removes it too once the child has exited, for the one case the child cannot: a child
killed with SIGKILL (``kill()``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Self

READY_PREFIX = "Demo intranet listening on "
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

log = logging.getLogger(__name__)


class DemoServerError(RuntimeError):
    """The demo server did not start (the message carries its stderr)."""


class DemoServerProcess:
    def __init__(self, data: Path, *, seed: int = 1, size: str | int = "small",
                 activity: bool = False, rate: float = 50.0, port: int | None = None,
                 extra_args: Sequence[str] = (), reference_time: str | None = None) -> None:
        self.data = Path(data)
        self.reference_time = reference_time  # ISO 8601; None: the data hangs on "now"
        self.seed = seed
        self.size = size
        self.activity = activity
        self.rate = rate
        self._port = port
        self.extra_args = tuple(extra_args)
        self._proc: subprocess.Popen[str] | None = None
        self._url: str | None = None
        self._tokens: dict[str, str] = {}
        self._folder: Path | None = None
        self._stderr: IO[str] | None = None

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

    @property
    def folder(self) -> Path | None:
        """The temporary folder of the running child (tokens file, stderr); it removes it."""
        return self._folder

    # -- control ---------------------------------------------------------------------------

    def start(self, timeout: float = 60) -> DemoServerProcess:
        """Start and wait until it listens (blocking; see the module docstring on threads)."""
        self._spawn()
        return self._wait_ready(timeout)

    async def astart(self, timeout: float = 60) -> DemoServerProcess:  # noqa: ASYNC109 - passed to the blocking wait
        """Start from the event loop's thread (the main thread in the desk, so Linux's
        parent-death signal is tied to a thread that lives as long as the desk) and wait for
        it in the default executor."""
        self._spawn()
        await asyncio.get_running_loop().run_in_executor(None, self._wait_ready, timeout)
        return self

    def _spawn(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            raise DemoServerError("the demo server is already running")
        self._finish()
        folder = Path(tempfile.mkdtemp(prefix="demo-process-"))
        command = [
            # a frozen (PyInstaller) build is the app itself: its CLI has the subcommand
            *((sys.executable, "demo-server") if getattr(sys, "frozen", False)
              else (sys.executable, "-m", "desktop.demo")),
            "--data", str(self.data), "--seed", str(self.seed), "--size", str(self.size),
            "--rate", str(self.rate), "--port", str(self._port or 0),
            "--tokens-file", str(folder / "tokens.json"), *self.extra_args,
            "--exit-with-parent", "--remove-at-exit", str(folder),
        ]
        if threading.current_thread() is threading.main_thread():
            command += ["--parent-pid", str(os.getpid())]
        if self.activity:
            command.append("--activity")
        if self.reference_time is not None:
            command += ["--reference-time", self.reference_time]
        self._folder = folder
        self._stderr = open(folder / "stderr.txt", "w+", encoding="utf-8")  # noqa: SIM115 (closed in _finish)
        # stdin is the lifeline: the parent never writes to it and never lets go of it.
        self._proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            text=True, start_new_session=True, env=_child_env(),
        )

    def _wait_ready(self, timeout: float) -> DemoServerProcess:
        assert self._proc is not None and self._folder is not None
        line = self._read_ready_line(timeout)
        if line is None:
            stderr = self._stderr
            assert stderr is not None
            stderr.seek(0)
            message = stderr.read()[-2000:]
            self.kill()
            raise DemoServerError(f"the demo server did not start: {message}")
        self._url = line[len(READY_PREFIX):].strip()
        self._port = int(self._url.rsplit(":", 1)[1])
        raw = json.loads((self._folder / "tokens.json").read_text(encoding="utf-8"))
        self._tokens = {name: info["token"] for name, info in raw.items()}
        log.info("demo intranet (pid %d) listening on %s; its folder: %s",
                 self._proc.pid, self._url, self._folder)
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
        if self._proc is not None:
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._folder is not None:
            # The child removed it unless it was SIGKILLed; the stderr file went with it.
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._url = None

    def close(self) -> None:
        self.stop()

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


# -- in the child ---------------------------------------------------------------------------

def tie_to_parent(parent_pid: int | None) -> None:
    """Stop this process (as on SIGTERM) when the parent that started it ends.

    The parent holds the write end of our stdin; a thread waits for EOF. With ``parent_pid``
    (Linux) the kernel also sends SIGTERM when the parent's thread ends. SIGTERM raises
    SystemExit until the server takes the signal over, so cleanup runs even while the data is
    still being generated.
    """
    signal.signal(signal.SIGTERM, _exit_on_signal)
    if parent_pid is not None and sys.platform.startswith("linux"):
        _set_parent_death_signal(signal.SIGTERM)
        if os.getppid() != parent_pid:  # it died before the kernel was asked to tell us
            signal.raise_signal(signal.SIGTERM)
    threading.Thread(target=_watch_stdin, name="parent-lifeline", daemon=True).start()


def remove_folder(folder: Path) -> None:
    """Remove the folder this child owns; its own stderr file is in it."""
    with contextlib.suppress(OSError):
        # Windows cannot remove a file that is still open: let go of stderr first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    shutil.rmtree(folder, ignore_errors=True)


def _watch_stdin() -> None:
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    # From this thread, raise_signal goes through the same handlers as a SIGTERM from outside
    # (uvicorn's graceful shutdown while serving); os.kill would be TerminateProcess on Windows.
    signal.raise_signal(signal.SIGTERM)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _set_parent_death_signal(signum: int) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(ctypes.c_int(PR_SET_PDEATHSIG), ctypes.c_ulong(signum), ctypes.c_ulong(0),
                  ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
        # The stdin lifeline still holds; say why the second line of defence is missing.
        print(f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(ctypes.get_errno())}",
              file=sys.stderr)
