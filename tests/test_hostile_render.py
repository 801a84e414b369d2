"""Hostile comment bodies rendered in the real SafeBrowser touch no file and no server.

Detectors: a canary HTTP server on 127.0.0.1 that counts connections; Linux inotify on the
canary directory, which sees an open/read of a canary file by any process (Qt reads files
in C++, so Python-level spies cannot); a spy on `SafeBrowser.loadResource`. The FIFO canary
would hang a reader forever, so the runs that could reach it happen in a subprocess with a
timeout. Control tests show each detector fires on an unprotected QTextBrowser.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import ctypes
import json
import re
import struct
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hostile_corpus import hostile_bodies, hostile_hrefs, resource_bodies
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser

from desktop.models.sanitize import is_safe_link
from desktop.views.safe_browser import LinkOpener, SafeBrowser

REPO = Path(__file__).resolve().parents[1]
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Environment noise from fonts without OpenType tables (random bytes decode to Syriac/Thaana).
FONT_NOISE = "OpenType support missing"

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify and FIFOs: Linux"),
    pytest.mark.qt_log_ignore(FONT_NOISE),
]

_PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5e2d4a60000000049454e44ae426082"
)


# -- detectors -------------------------------------------------------------------------------

class FileAccessWatch:
    """inotify IN_OPEN/IN_ACCESS on the files of one directory, from any process."""

    IN_ACCESS, IN_OPEN, IN_ISDIR = 0x1, 0x20, 0x40000000
    _HEADER = struct.Struct("iIII")

    def __init__(self, directory: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        wd = libc.inotify_add_watch(self._fd, os.fsencode(directory), self.IN_OPEN | self.IN_ACCESS)
        if wd < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")

    def events(self) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return found
            offset = 0
            while offset < len(data):
                _wd, mask, _cookie, length = self._HEADER.unpack_from(data, offset)
                offset += self._HEADER.size
                name = data[offset:offset + length].rstrip(b"\0").decode()
                offset += length
                if not mask & self.IN_ISDIR:
                    found.append((name, mask))

    def close(self) -> None:
        os.close(self._fd)


class _CanaryServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _CanaryHandler)
        self.connections = 0
        self.requests: list[str] = []

    def verify_request(self, request: object, client_address: object) -> bool:
        # Counted at accept time, so even a connection that never sends a request shows.
        self.connections += 1
        return True


class _CanaryHandler(BaseHTTPRequestHandler):
    server: _CanaryServer

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(_PNG_1X1)))
        self.end_headers()
        self.wfile.write(_PNG_1X1)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def canary_server() -> Iterator[_CanaryServer]:
    server = _CanaryServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def canary_url(server: _CanaryServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def canary_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "canaries"
    directory.mkdir()
    (directory / "canary.png").write_bytes(_PNG_1X1)
    (directory / "canary.css").write_text("body { color: red }")
    (directory / "canary.html").write_text("<p>local file loaded</p>")
    os.mkfifo(directory / "fifo.png")
    return directory


def regular_canaries(directory: Path) -> list[Path]:
    return [directory / "canary.png", directory / "canary.css", directory / "canary.html"]


def all_canaries(directory: Path) -> list[Path]:
    return [*regular_canaries(directory), directory / "fifo.png"]


@pytest.fixture
def watch(canary_dir: Path) -> Iterator[FileAccessWatch]:
    watcher = FileAccessWatch(canary_dir)
    yield watcher
    watcher.close()


class ResourceSpy:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []
        self.non_placeholders: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch | None) -> None:
        original = SafeBrowser.loadResource
        spy = self

        def load_resource(browser: SafeBrowser, kind: int, name: QUrl) -> object:
            result = original(browser, kind, name)
            spy.calls.append((int(kind), name.toString()))
            if not (isinstance(result, QImage) and result.size() == QSize(1, 1)
                    and result.pixelColor(0, 0).alpha() == 0):
                spy.non_placeholders.append(name.toString())
            return result

        if monkeypatch is None:
            SafeBrowser.loadResource = load_resource  # child process: no teardown needed
        else:
            monkeypatch.setattr(SafeBrowser, "loadResource", load_resource)


def _layout(browser: QTextBrowser) -> None:
    # Images are requested during layout and painting; force both.
    browser.document().size()
    browser.grab()


def _rendered_hrefs(browser: QTextBrowser) -> list[str]:
    hrefs = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return hrefs


# -- in-process tests (no FIFO in the corpus: a regression would hang this process) --------

def test_corpus_renders_without_reads_fetches_or_unsafe_links(
    qtbot, monkeypatch, canary_server, canary_dir, watch
):
    spy = ResourceSpy()
    spy.install(monkeypatch)
    bodies = hostile_bodies(regular_canaries(canary_dir), canary_url(canary_server))
    assert len(bodies) >= 1000
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(480, 320)
    browser.show()

    unsafe_anchors = []
    truncated = 0
    for i, body in enumerate(bodies):
        shown = browser.show_body(body)
        truncated += shown.truncated
        _layout(browser)
        unsafe_anchors += [h for h in _rendered_hrefs(browser) if not is_safe_link(h)]
        if i % 100 == 0:
            QApplication.processEvents()

    assert watch.events() == []
    assert canary_server.connections == 0
    assert spy.non_placeholders == []
    assert unsafe_anchors == []
    assert truncated >= 3  # the 1 MB bodies and the 20k-link bodies
    # The detectors work: one real request is counted.
    urllib.request.urlopen(canary_url(canary_server) + "/probe", timeout=5).read()
    assert canary_server.requests == ["/probe"]


def test_unsanitised_html_still_gets_only_placeholders(
    qtbot, monkeypatch, canary_server, canary_dir, watch
):
    """Defence in depth: markup that bypasses the sanitiser still cannot read files."""
    spy = ResourceSpy()
    spy.install(monkeypatch)
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(480, 320)
    browser.show()
    for body in resource_bodies(regular_canaries(canary_dir), canary_url(canary_server)):
        QTextBrowser.setHtml(browser, body)  # the base method: no sanitising
        _layout(browser)
    assert len(spy.calls) > 100  # the raw markup did ask for resources…
    assert spy.non_placeholders == []  # …and got only the placeholder
    assert watch.events() == []
    assert canary_server.connections == 0


def test_control_plain_qtextbrowser_reads_canary_file(qtbot, canary_dir, watch):
    """Shows the inotify detector fires when Qt does read a file."""
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(f'<img src="file://{(canary_dir / "canary.png").as_posix()}">')
    _layout(browser)
    assert any(name == "canary.png" for name, _mask in watch.events())


def test_anchor_clicks_emit_only_allowlisted_links(qtbot, monkeypatch, canary_dir):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    requested: list[QUrl] = []
    refused: list[str] = []
    browser.link_requested.connect(requested.append)
    browser.link_refused.connect(refused.append)

    url = "http://127.0.0.1:9"
    hrefs = hostile_hrefs(all_canaries(canary_dir), url)
    for body in resource_bodies(all_canaries(canary_dir), url):
        hrefs += re.findall(r"""href=["']?([^"'>]*)""", body, flags=re.IGNORECASE)
    for href in hrefs:
        browser.anchorClicked.emit(QUrl(href))
    browser.anchorClicked.emit(QUrl("https://intranet.example/news/1"))
    browser.anchorClicked.emit(QUrl("mailto:editor@intranet.example"))

    assert {u.scheme() for u in requested} <= ALLOWED_SCHEMES
    assert all(is_safe_link(u.toString(QUrl.ComponentFormattingOption.FullyEncoded))
               for u in requested)
    assert QUrl("https://intranet.example/news/1") in requested
    assert QUrl("mailto:editor@intranet.example") in requested
    assert any(r.startswith("file:") for r in refused)
    assert any(r.startswith("javascript:") for r in refused)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened.append(QUrl(u)) or True)
    opener = LinkOpener()
    results = {href: opener.open(QUrl(href)) for href in hrefs}
    assert opener.open(QUrl("https://intranet.example/ok")) is True
    assert {u.scheme() for u in opened} <= ALLOWED_SCHEMES
    assert opened[-1] == QUrl("https://intranet.example/ok")
    assert not results["javascript:alert(document.domain)"]
    assert not results["\\\\evil.example\\share\\x.png"]
    assert not results["//evil.example/x.png"]


def _anchor_point(browser: SafeBrowser) -> object:
    cursor = QTextCursor(browser.document())
    text = browser.document().toPlainText()
    cursor.setPosition(text.index("intranet link") + 2)
    return browser.cursorRect(cursor).center()


def test_mouse_click_and_keyboard_activation(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(400, 200)
    browser.show_body('<p>see <a href="https://intranet.example/a">intranet link</a> '
                      '<a href="file:///etc/passwd">local link</a></p>')
    browser.show()
    qtbot.waitExposed(browser)
    # The file: anchor lost its href; only one anchor is left in the document.
    assert _rendered_hrefs(browser) == ["https://intranet.example/a"] * len(
        _rendered_hrefs(browser))

    with qtbot.waitSignal(browser.link_requested, timeout=2000) as blocker:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(browser))
    assert blocker.args == [QUrl("https://intranet.example/a")]

    browser.activateWindow()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus, timeout=2000)
    with qtbot.waitSignal(browser.link_requested, timeout=2000) as blocker:
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert blocker.args == [QUrl("https://intranet.example/a")]


# -- subprocess runs with the FIFO canary ------------------------------------------------------

def _run_child(mode: str, canary_dir: Path, url: str, timeout: float) -> dict[str, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "tests")]))
    proc = subprocess.run(
        [sys.executable, str(Path(__file__)), mode, str(canary_dir), url],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_whole_corpus_with_fifo_canary_finishes(canary_server, canary_dir, watch):
    url = canary_url(canary_server)
    try:
        safe = _run_child("safe", canary_dir, url, timeout=60)
        raw = _run_child("raw", canary_dir, url, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("rendering hung: a FIFO canary was opened")
    assert safe["rendered"] >= 1000
    assert safe["non_placeholder"] == 0
    assert raw["requests"] > 100
    assert raw["non_placeholder"] == 0
    assert watch.events() == []
    assert canary_server.connections == 0


def test_control_fifo_hangs_an_unprotected_browser(canary_dir):
    """The FIFO canary is a real hazard: a plain QTextBrowser blocks on it."""
    with pytest.raises(subprocess.TimeoutExpired):
        _run_child("control", canary_dir, "http://127.0.0.1:9", timeout=3)


def _child(mode: str, directory: Path, url: str) -> None:
    app = QApplication([])
    spy = ResourceSpy()
    spy.install(None)
    canaries = all_canaries(directory)
    if mode == "control":
        browser = QTextBrowser()
        browser.setHtml(f'<img src="file://{(directory / "fifo.png").as_posix()}">')
        _layout(browser)
        print(json.dumps({"rendered": 1}))
        return
    browser = SafeBrowser()
    browser.resize(480, 320)
    browser.show()
    bodies = hostile_bodies(canaries, url) if mode == "safe" else resource_bodies(canaries, url)
    for i, body in enumerate(bodies):
        if mode == "safe":
            browser.show_body(body)
        else:
            QTextBrowser.setHtml(browser, body)
        _layout(browser)
        if i % 100 == 0:
            app.processEvents()
    print(json.dumps({"rendered": len(bodies), "requests": len(spy.calls),
                      "non_placeholder": len(spy.non_placeholders)}))


if __name__ == "__main__":
    # Child mode for the FIFO runs above: python tests/test_hostile_render.py MODE DIR URL
    _child(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
