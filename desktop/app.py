"""Composition root of the desk: QApplication, translator, qasync loop, service, main window.

Order matters: PySide6 is imported before qasync (qasync picks the first Qt binding it finds),
the translator is installed before any widget calls tr(), and ``sys.excepthook`` is installed
before the loop runs (qasync hands errors of async slots to it).

QMessageBox and QStyleFactory are imported where they are used: PySide6 builds all of a class's
enums on its first import (milliseconds each) and neither belongs in the first frame.

Paint first: the window's first frame (lanes, counts, the first page of the queue) comes before
anything that can wait. The first sync (keyring, connector, HTTP client and its TLS context),
the outbox counts and ``gc.freeze()`` start on ``MainWindow.first_painted``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication  # QMessageBox, QStyleFactory: see the docstring

from desktop import __version__, tuning
from desktop.controller import DeskController
from desktop.models import db
from desktop.paths import default_profile, demo_profile
from desktop.services.desk import DeskError, DeskService
from desktop.shutdown import QuitOnSignal

if TYPE_CHECKING:
    from desktop.services.notifier import Alerts

log = logging.getLogger("desktop")

APP_NAME = "Dialogue Desk"
DEMO_ACCOUNT = "demo"
DEMO_USER = "erik"  # an editor: can reply, approve, hide, lock… like most desk users


# --- paths, language, looks ------------------------------------------------------------------

def i18n_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "i18n"
    return Path(__file__).resolve().parents[1] / "i18n"


def install_translators(app: QApplication, lang: str | None,
                        directory: Path | None = None) -> list[QTranslator]:
    """Our catalogue (from ``directory``, default i18n_dir()) plus Qt's own (standard
    buttons). English has a catalogue too, of plural forms only ("1 like", "2 likes"), and it
    serves every language we do not ship."""
    locale = QLocale(lang) if lang else QLocale.system()
    directory = directory or i18n_dir()
    installed = []
    ours = QTranslator(app)
    if not ours.load(locale, "dialogue_desk", "_", str(directory)):
        if lang and not lang.startswith("en"):
            log.warning("no translation for %s in %s (run: python scripts/i18n.py release)",
                        lang, directory)
        ours.load(QLocale(QLocale.Language.English), "dialogue_desk", "_", str(directory))
    if not ours.isEmpty():
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def dark_palette() -> QPalette:
    """A dark palette for --style-dark / DIALOGUE_DESK_DARK=1 (screenshots, systems without one).

    The only place colours are chosen; every widget reads them from the palette.
    """
    p = QPalette()
    window, base, alt, text = QColor(37, 37, 40), QColor(28, 28, 30), QColor(44, 44, 48), \
        QColor(230, 230, 230)
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, alt),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, alt),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Highlight, QColor(42, 110, 187)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Link, QColor(110, 170, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 155)),
        (QPalette.ColorRole.Accent, QColor(240, 140, 60)),
    ):
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(110, 110, 110))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(110, 110, 110))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(110, 110, 110))
    return p


@dataclasses.dataclass(frozen=True)
class LaunchOptions:
    lang: str | None  # None: the system's
    theme: str  # system, light, dark
    sync_interval: int  # seconds; 0: only when asked


def launch_options(service: DeskService, args: argparse.Namespace,
                   environ: Mapping[str, str]) -> LaunchOptions:
    """The settings this run starts with: stored ones, overridden by the command line and the
    environment (read here, in the composition root, and nowhere else). ``--lang`` is saved
    as the language setting; ``--style-dark`` and DIALOGUE_DESK_DARK=1 hold for one run."""
    from desktop.models import settings

    lang = getattr(args, "lang", None)
    if lang:
        try:
            service.settings.apply([settings.Change("language", lang)]).result()
        except settings.SettingError as exc:
            log.warning("--lang %s is used for this run but not saved: %s", lang, exc)
    stored = service.settings.snapshot(("language", "theme", "sync_interval"))
    lang = lang or stored["language"]
    theme = str(stored["theme"])
    if getattr(args, "style_dark", False) or environ.get("DIALOGUE_DESK_DARK") == "1":
        theme = "dark"
    return LaunchOptions(None if lang == "system" else lang, theme, int(stored["sync_interval"]))


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` leaves the platform's style and palette alone."""
    if theme == "system":
        return
    from PySide6.QtWidgets import QStyleFactory

    style = QStyleFactory.create("Fusion")
    app.setStyle(style)
    app.setPalette(dark_palette() if theme == "dark" else style.standardPalette())


# --- errors: one road --------------------------------------------------------------------------

class ErrorHandler:
    """Bugs: a dialog with the traceback and an entry in <profile>/desk.log (mode 0600).

    Expected errors (DeskError) reach the window as a message through the controller; one that
    slips through to here is shown as a plain message, without a traceback. A damaged cache
    met by a read of the window (an item model's query) is not a bug: ``on_damage`` has the
    writer check the cache and rebuild it from the server, which the window then says.
    """

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.window = None  # set once the main window exists
        self.on_damage: Callable[[], object] | None = None
        self._showing = False

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, DeskError):
            if self.window is not None:
                self.window.show_message(str(exc))
            return
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if self.on_damage is not None and db.is_damage(exc):
            log.warning("the window met a damaged cache: %s", exc)
            self.on_damage()
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        self._write(text)
        sys.__stderr__.write(text) if sys.__stderr__ else None
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        from PySide6.QtWidgets import QMessageBox

        try:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                              QApplication.translate(
                                  "ErrorHandler",
                                  "Something went wrong inside Dialogue Desk. Your work is "
                                  "saved; the details are in %1.").replace(
                                      "%1", str(self.log_path)),
                              QMessageBox.StandardButton.Ok, self.window)
            box.setDetailedText(text)
            box.exec()
        finally:
            self._showing = False

    def _write(self, text: str) -> None:
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(text + "\n")
        except OSError:
            pass


# --- building the desk -----------------------------------------------------------------------

async def prepare_demo(service: DeskService, data_dir: Path) -> object:
    """Start the demo intranet (live activity) and connect the demo profile to it as erik."""
    from desktop.demo.process import DemoServerProcess

    data_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - before the loop has work
    server = DemoServerProcess(data_dir / "demo-intranet.db", activity=True)
    await server.astart()  # from the loop's (main) thread: see DemoServerProcess
    # The port changes on every start: (re)add the account with the fresh URL and token.
    await service.add_account(DEMO_ACCOUNT, "reference", server.url, DEMO_USER,
                              server.tokens[DEMO_USER])
    await service.sync()
    return server


def build_window(controller: DeskController, profile: Path):
    from desktop.views.main_window import MainWindow

    path = profile / "desk.ini"
    # Qt rewrites the file through a temporary one that takes the old file's mode, so a file
    # made 0600 here stays private (and an older, wider one is narrowed, as desk.log is).
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    return MainWindow(controller, settings)


def build_alerts(service: DeskService, controller: DeskController) -> Alerts:
    """Desktop notifications on the platform's service; a notice's action opens its item."""
    from desktop.services.notifier import Alerts, Bus

    bus = Bus(controller.open_requested.emit,
              open_label=QApplication.translate("DeskApp", "Open in the desk"))
    return Alerts(service, bus, tr=lambda text: QApplication.translate("", text))


def main(args: argparse.Namespace) -> int:
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication.setApplicationName("dialogue-desk")
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # instance() is typed as the QCoreApplication base

    demo = args.demo or args.self_test
    scratch = None
    if args.self_test:
        scratch = _self_test_setup()
    if scratch is not None and args.profile is None:
        profile = Path(scratch.name) / "demo"
    else:
        profile = demo_profile() if demo and args.profile is None else (
            args.profile or default_profile())
    profile.mkdir(parents=True, exist_ok=True)
    handler = ErrorHandler(profile / "desk.log")
    sys.excepthook = handler
    quit_signals = QuitOnSignal(profile / "desk.log")
    logging.basicConfig(level=logging.INFO)
    tuning.quiet_loggers()
    tuning.responsive_threads()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    service = _open_service(profile)
    if service is None:
        return 1
    handler.on_damage = service.check_cache
    options = launch_options(service, args, os.environ)
    apply_theme(app, options.theme)
    install_translators(app, options.lang)
    server = None
    if demo:
        try:
            server = loop.run_until_complete(prepare_demo(service, profile))
        except Exception as exc:  # noqa: BLE001 - the desk still opens, with the message
            handler._write(traceback.format_exc())
            print(f"dialogue-desk: the demo intranet did not start: {exc}", file=sys.stderr)
    controller = DeskController(service, loop=loop,
                                sync_interval_ms=options.sync_interval * 1000)
    alerts = controller.alerts = build_alerts(service, controller)
    window = build_window(controller, profile)
    handler.window = window
    window.demo_requested.connect(lambda: _relaunch_demo(window))
    if server is not None and controller.accounts():
        controller.last_sync = __import__("time").time()
        window.status.sync_finished("", controller.last_sync)
        controller._set_online(True)

    # A damaged cache, found by any job, read or the check below, is rebuilt and said so; the
    # window reads the new one and the next sync fills it.
    from desktop.services import repair

    def cache_rebuilt(_moved: Path) -> None:  # on the writer thread
        loop.call_soon_threadsafe(window.show_message, QApplication.translate(
            "DeskApp", "The local cache was damaged; it is being rebuilt from the server. "
                       "Your outbox and drafts are safe."))
        loop.call_soon_threadsafe(controller.sync_and_push)

    repair.on_rebuilt(service, cache_rebuilt)

    probe: list[asyncio.Task[bool]] = []  # kept: a task without a reference may be collected

    def after_first_frame() -> None:
        # Everything built so far lives as long as the window: out of the collector's sight, a
        # full collection during a sync no longer walks the widgets and modules (loop lag).
        gc.freeze()
        service.check_cache()  # on the writer, before the first sync's jobs
        window.status.set_outbox_counts(controller.outbox_counts())
        # asked once, so the Preferences can say there is no notification service
        probe.append(loop.create_task(alerts.bus.probe()))
        if controller.accounts():
            controller.sync_and_push()
        controller.start_live()
        watch_network(controller)

    controller.live_changed.connect(window.status.set_live)
    window.first_painted.connect(after_first_frame)
    window.showMaximized() if os.environ.get("DIALOGUE_DESK_SELECT_ROW") else window.show()
    code = 0
    if args.self_test:
        code = _self_test(app, window, loop, demo_started=server is not None)
    else:
        row = os.environ.get("DIALOGUE_DESK_SELECT_ROW")  # screenshots: open a thread
        if row and window.model.total() > int(row):
            window.select_row(int(row))
        quit_after = os.environ.get("DIALOGUE_DESK_QUIT_AFTER")
        if quit_after:
            QTimer.singleShot(int(float(quit_after) * 1000), window.close)
        app.lastWindowClosed.connect(loop.stop)
        loop.run_forever()
    loop.run_until_complete(controller.aclose())
    alerts.bus.close()
    if server is not None:
        server.stop()
    if not loop.is_closed():
        loop.close()  # also stops qasync's executor threads
    if scratch is not None:
        scratch.cleanup()
    quit_signals.close()
    return code


def watch_network(controller: DeskController) -> None:
    """Tell the live service when the OS says the network is back, where Qt has a backend for
    it (none under offscreen or in many containers: then the probes alone notice)."""
    from PySide6.QtNetwork import QNetworkInformation

    if not QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability):
        return
    info = QNetworkInformation.instance()
    if info is None:
        return
    online = QNetworkInformation.Reachability.Online
    info.reachabilityChanged.connect(lambda r: controller.network_changed(r == online))


def _open_service(profile: Path) -> DeskService | None:
    """The service on ``profile``, or None once the person has been told why not (a damaged
    or too new profile). The window's modules load while the writer recovers the outbox."""
    try:
        service = DeskService(profile)
    except Exception as exc:  # noqa: BLE001 - a damaged or too new profile: say so and stop
        _refuse(exc)
        return None
    import desktop.views.main_window  # noqa: F401 - meanwhile

    try:
        service.wait_ready()
    except Exception as exc:  # noqa: BLE001 - as above, found by the recovery
        service.writer.close()
        _refuse(exc)
        return None
    return service


def _refuse(exc: Exception) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, APP_NAME, str(exc))


def _self_test_setup() -> tempfile.TemporaryDirectory[str]:
    """The self-test runs on a throwaway profile and leaves the person's keyring alone.

    It reports which keyring backend the (maybe frozen) program found, then uses the failing
    backend so the demo token is kept for this run only.
    """
    import keyring
    import keyring.backends.fail

    try:
        name = type(keyring.get_keyring()).__module__
    except Exception as exc:  # noqa: BLE001 - reported, the self-test goes on without one
        name = f"unavailable ({type(exc).__name__})"
    print(f"self-test: keyring backend {name}")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    return tempfile.TemporaryDirectory(prefix="dialogue-desk-self-test-")


def _self_test(app: QApplication, window, loop: qasync.QEventLoop, *,
               demo_started: bool) -> int:
    """Open the desk on a synced demo profile, check it is visible, painted and filled."""
    async def check() -> int:
        await asyncio.sleep(0.5)
        image = window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        on_queue = window.stack.currentWidget() is window.splitter
        ok = (demo_started and window.isVisible() and on_queue and image.width() > 100
              and len(colours) > 8 and window.model.total() > 0)
        print(f"self-test: demo={demo_started} visible={window.isVisible()} "
              f"queue={on_queue} size={image.width()}x{image.height()} "
              f"colours={len(colours)} rows={window.model.total()} "
              f"lane={window.sidebar.lane_name('reply')!r} -> "
              f"{'ok' if ok else 'FAILED'}")
        return 0 if ok else 1

    code = loop.run_until_complete(check())
    window.close()
    return code


def _relaunch_demo(window) -> None:
    """The welcome page's "Try the demo": the demo runs on its own profile, in a new process."""
    from PySide6.QtCore import QProcess

    arguments = ["--demo"] if getattr(sys, "frozen", False) else ["-m", "desktop", "--demo"]
    started, _pid = QProcess.startDetached(sys.executable, arguments)
    if started:
        window.close()
    else:
        window.show_message(QApplication.translate("DeskApp", "The demo could not be started"))
