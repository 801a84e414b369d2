"""The demo intranet never outlives the desk; the desk quits cleanly on SIGTERM and SIGINT.

Real processes: ``python -m desktop --demo`` on a temporary profile (offscreen Qt, keyring's
failing backend so no real keyring is touched). The desk logs the demo server's pid and folder
once it listens; the test then ends the desk with a signal and watches the server's /proc entry
and its folder. A zombie (reparented to a PID 1 that does not reap) counts as gone: it runs no
code and holds no files.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from desktop.shutdown import QuitOnSignal

ROOT = Path(__file__).resolve().parents[1]
LISTENING = re.compile(r"demo intranet \(pid (\d+)\) listening on \S+; its folder: (\S+)")
START_TIMEOUT = 90  # generating a small demo and the first sync: seconds on a busy 2-core box
GONE_WITHIN = 2.0

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="watches processes through /proc")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    for name in ("DIALOGUE_DESK_QUIT_AFTER", "DIALOGUE_DESK_SELECT_ROW"):
        env.pop(name, None)
    return env


def _alive(pid: int) -> bool:
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat_line.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_gone(pid: int, timeout: float) -> float | None:
    """Seconds until ``pid`` is gone, or None if it is still running after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if not _alive(pid):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def _wait_listening(proc: subprocess.Popen[bytes], err: Path) -> tuple[int, Path]:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = LISTENING.search(err.read_text(errors="replace"))
        if found:
            return int(found[1]), Path(found[2])
        assert proc.poll() is None, f"the desk ended early: {err.read_text()[-2000:]}"
        time.sleep(0.1)
    raise AssertionError(f"the demo intranet did not come up: {err.read_text()[-2000:]}")


class Desk:
    def __init__(self, tmp_path: Path) -> None:
        self.profile = tmp_path / "profile"
        self.err = tmp_path / "desk.stderr"
        with open(self.err, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--demo", "--profile", str(self.profile)],
                cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=err)
        self.server_pid: int | None = None

    def wait_listening(self) -> tuple[int, Path]:
        self.server_pid, folder = _wait_listening(self.proc, self.err)
        # the pid the desk logged is its own child, not some other process
        ppid = int(Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        assert ppid == self.proc.pid
        assert (folder / "tokens.json").is_file()
        return self.server_pid, folder

    def end(self) -> None:
        # only what this test started: the desk and the server it logged
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.server_pid is not None and _alive(self.server_pid):
            os.kill(self.server_pid, signal.SIGKILL)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    started = Desk(tmp_path)
    try:
        yield started
    finally:
        started.end()


@pytest.mark.parametrize(("sig", "settle"), [
    (signal.SIGTERM, 2.0),  # the window is up and the loop idle
    (signal.SIGINT, 0.0),   # still starting: the first sync, no window yet
])
def test_desk_quits_on_signal_and_stops_the_demo(desk: Desk, sig: signal.Signals,
                                                  settle: float) -> None:
    server, folder = desk.wait_listening()
    time.sleep(settle)
    desk.proc.send_signal(sig)
    assert desk.proc.wait(timeout=30) == 0, desk.err.read_text()[-2000:]
    assert _wait_gone(server, GONE_WITHIN) is not None, "the demo server outlived the desk"
    assert not folder.exists()
    log = desk.profile / "desk.log"
    assert f"quit on signal {sig.name}" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "Traceback" not in desk.err.read_text(errors="replace")


def test_demo_dies_with_a_killed_desk(desk: Desk) -> None:
    server, folder = desk.wait_listening()
    desk.proc.kill()
    desk.proc.wait(timeout=10)
    assert _wait_gone(server, GONE_WITHIN) is not None, "the demo server outlived the desk"
    assert not folder.exists()


_WORKER_PARENT = textwrap.dedent("""
    import sys, threading, time
    from pathlib import Path
    from desktop.demo.process import DemoServerProcess

    server = DemoServerProcess(Path(sys.argv[1]), size=40, rate=0)
    # from a worker thread: no parent-death signal, the stdin lifeline alone must hold
    worker = threading.Thread(target=server.start)
    worker.start()
    worker.join()
    print(server.pid, server.folder, flush=True)
    time.sleep(120)
""")


def test_lifeline_alone_ends_the_demo(tmp_path: Path) -> None:
    """The pipe on its own (macOS, Windows, or a start from a thread) ends the child."""
    parent = subprocess.Popen([sys.executable, "-c", _WORKER_PARENT, str(tmp_path / "d.db")],
                              cwd=ROOT, env=_env(), stdout=subprocess.PIPE, text=True)
    server = None
    try:
        assert parent.stdout is not None
        pid_text, folder_text = parent.stdout.readline().split()
        server, folder = int(pid_text), Path(folder_text)
        cmdline = Path(f"/proc/{server}/cmdline").read_bytes().split(b"\0")
        assert b"--exit-with-parent" in cmdline and b"--parent-pid" not in cmdline
        parent.kill()
        parent.wait(timeout=10)
        assert _wait_gone(server, GONE_WITHIN) is not None, "the demo server outlived its parent"
        assert not folder.exists()
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
        if server is not None and _alive(server):
            os.kill(server, signal.SIGKILL)


def test_stopped_demo_leaves_no_folder(tmp_path: Path) -> None:
    from desktop.demo.process import DemoServerProcess

    with DemoServerProcess(tmp_path / "d.db", size=40, rate=0) as demo:
        first = demo.folder
        assert first is not None and (first / "tokens.json").is_file()
        demo.restart()
        second = demo.folder
        assert second is not None and second != first and not first.exists()
    assert second is not None and not second.exists()


# -- the handler in this process ----------------------------------------------------------

def test_signal_closes_windows_logs_and_restores(qtbot, tmp_path: Path) -> None:
    log = tmp_path / "desk.log"
    before = signal.getsignal(signal.SIGTERM)
    quit_signals = QuitOnSignal(log, signals=(signal.SIGTERM,))
    hooks: list[str] = []
    try:
        quit_signals.add_hook(lambda: hooks.append("released"))
        window = QWidget()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        signal.raise_signal(signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
        assert quit_signals.requested == signal.SIGTERM
        assert hooks == ["released"]
    finally:
        quit_signals.close()
    assert signal.getsignal(signal.SIGTERM) is before
    assert "quit on signal SIGTERM" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_signal_before_the_window_closes_it_once_shown(qtbot, tmp_path: Path) -> None:
    quit_signals = QuitOnSignal(tmp_path / "desk.log", signals=(signal.SIGINT,))
    try:
        signal.raise_signal(signal.SIGINT)
        qtbot.waitUntil(lambda: quit_signals.requested is not None, timeout=2000)
        window = QWidget()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    finally:
        quit_signals.close()
