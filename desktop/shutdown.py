"""An orderly quit on SIGTERM and SIGINT (and SIGHUP where there is one) for the Qt/qasync desk.

Python runs a signal handler only when the interpreter gets control, and an idle desk sits in
Qt's C++ event loop, so a plain ``signal.signal`` handler could wait for the next mouse move.
Instead the C-level handler writes the signal's number to a socket (``signal.set_wakeup_fd``)
and a QSocketNotifier on the other end wakes the Qt loop. This works the same however the loop
is driven (``app.exec``, qasync's ``run_forever`` or ``run_until_complete``) and on every
platform: qasync's ``add_signal_handler`` is asyncio's, which the Windows proactor loop lacks.

The quit: the reason goes to the desk's log (``<profile>/desk.log``, mode 0600), the hooks run
(where a platform has claims to release; none has yet), and every window closes as if the person
had closed it — the main window flushes the open draft (the outbox and drafts are durable in
state.db already), ``lastWindowClosed`` ends the loop, and ``app.main`` stops the demo intranet
and returns 0. A signal during start-up closes the window as soon as it is up. A second signal
while that runs means "now": the process ends at once, as nothing in memory is precious then.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger("desktop.shutdown")

QUIT_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
RETRY_MS = 100  # how often a signal that came during start-up looks for the window


class QuitOnSignal:
    """Installs the handlers on creation (main thread, QApplication present); ``close()``
    puts the previous ones back."""

    def __init__(self, log_path: Path, signals: Sequence[signal.Signals] = QUIT_SIGNALS) -> None:
        self.requested: signal.Signals | None = None
        self._hooks: list[Callable[[], None]] = []
        self._file = _PrivateFileHandler(log_path)
        self._file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(self._file)
        log.setLevel(logging.INFO)
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {sig: signal.signal(sig, _noted) for sig in signals}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read,
                                         QCoreApplication.instance())
        self._notifier.activated.connect(self._on_readable)
        self._retry = QTimer(QCoreApplication.instance())
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._close_windows)

    def add_hook(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` on a quit by signal before the windows close (release a claim, …).

        A hook that fails is logged and the quit goes on."""
        self._hooks.append(hook)

    def close(self) -> None:
        self._retry.stop()
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._retry.deleteLater()
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()
        log.removeHandler(self._file)
        self._file.close()

    # -- slots ---------------------------------------------------------------------------------

    def _on_readable(self, *_: Any) -> None:
        try:
            data = self._read.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            self._quit(signal.Signals(number))

    def _quit(self, sig: signal.Signals) -> None:
        if self.requested is not None:
            log.warning("%s again while quitting: quitting at once", sig.name)
            os._exit(128 + sig.value)
        self.requested = sig
        log.info("quit on signal %s", sig.name)
        for hook in self._hooks:
            try:
                hook()
            except Exception:  # one failed release must not keep the desk open
                log.exception("a quit hook failed")
        if not self._close_windows():
            self._retry.start()

    def _close_windows(self) -> bool:
        """Close every visible window; False while there is none yet (start-up)."""
        if not any(w.isVisible() for w in QApplication.topLevelWidgets()):
            return False
        self._retry.stop()
        QApplication.closeAllWindows()
        return True


def _noted(signum: int, frame: FrameType | None) -> None:
    # Only replaces the default action (die, or KeyboardInterrupt for SIGINT); the work is done
    # on the Qt loop once the wakeup byte arrives.
    return None


class _PrivateFileHandler(logging.FileHandler):
    """A FileHandler whose file is created, and kept, mode 0600 like the rest of the log."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def _open(self) -> Any:
        path = Path(self.baseFilename)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):  # an older file made with a wider mode (not on Windows)
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8")
