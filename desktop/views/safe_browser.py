"""A read-only rich-text view for untrusted comment bodies, and the one place links leave the app.

QTextBrowser reads local files named in HTML (a `file:` FIFO image hangs the GUI forever)
and by default follows clicked `file:` links into the view (notes/reliability-security.md
§1.5). Three layers keep that out: every body is sanitised before `setHtml`; `loadResource`
always answers with a placeholder image, so nothing falls through to Qt's file loader even
if markup slips past the sanitiser; links are never followed by the widget, only reported
through `link_requested` after the allowlist check.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPalette, Qt
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from desktop.models.sanitize import SanitizedBody, is_safe_link, sanitize_html

__all__ = ["LinkOpener", "SafeBrowser"]


def _url_text(url: QUrl) -> str:
    # FullyEncoded: what the browser would actually be given, with no decoded spaces or
    # bidi characters hiding inside.
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def _placeholder() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


class SafeBrowser(QTextBrowser):
    """Shows one sanitised comment body; reports clicks on safe links, never opens anything."""

    link_requested = Signal(QUrl)
    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, max_chars: int = 65536) -> None:
        super().__init__(parent)
        self._max_chars = max_chars
        self._raw_html = ""
        self._body = SanitizedBody(html="")
        self._placeholder = _placeholder()
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAccessibleName(self.tr("Comment text"))
        self._apply_palette_css()

    def _connect_signals(self) -> None:
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_highlighted)

    # -- public ---------------------------------------------------------------------------

    @property
    def body(self) -> SanitizedBody:
        """The sanitised form of what is shown (its `links`, whether it was `truncated`)."""
        return self._body

    def show_body(self, html: str) -> SanitizedBody:
        """Sanitise an untrusted body and show it; returns what was rendered."""
        self._raw_html = html
        self._body = sanitize_html(
            html,
            max_chars=self._max_chars,
            image_marker=self.tr("[image]"),
            image_alt_marker=self.tr("[image: %1]"),
        )
        markup = self._body.html
        if self._body.truncated:
            notice = self.tr("This comment is too long to show in full.")
            # The notice is our own text but goes through the same escaping as any other.
            markup += "<p><i>" + sanitize_html(notice).html + "</i></p>"
        super().setHtml(markup)
        return self._body

    def setHtml(self, text: str) -> None:  # Qt's name
        """Same as `show_body`: no code path hands unsanitised HTML to the document."""
        self.show_body(text)

    def loadResource(self, type: int, name: QUrl | str) -> QImage:  # Qt's names
        # Never None: None falls through to QTextBrowser's file loader (measured: 18 opens,
        # and a FIFO blocks forever). Stylesheet requests get the image too, which Qt turns
        # into an empty sheet.
        return self._placeholder

    # -- events ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette_css()
            if self._raw_html:
                self.show_body(self._raw_html)

    # -- slots ----------------------------------------------------------------------------

    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = _url_text(url)
        if url.isValid() and not url.isRelative() and is_safe_link(text):
            self.link_requested.emit(url)
        else:
            self.link_refused.emit(text)

    def _on_highlighted(self, url: QUrl) -> None:
        # Show the real destination: link text can claim any address.
        if url.isEmpty():
            self.setToolTip("")
            QToolTip.hideText()
            return
        self.setToolTip(self.tr("Opens %1").replace("%1", url.toDisplayString()))

    def _apply_palette_css(self) -> None:
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link).name()
        quote = palette.color(QPalette.ColorRole.PlaceholderText).name()
        code_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
        self.document().setDefaultStyleSheet(
            f"a {{ color: {link}; }}"
            f" blockquote {{ color: {quote}; margin-left: 12px; }}"
            f" code, pre {{ background-color: {code_bg}; }}"
        )


class LinkOpener(QObject):
    """Opens links in the system browser or mail client, for allowlisted URLs only.

    Asking the user before opening an unfamiliar host is the caller's job; this is the last
    check before the URL leaves the app.
    """

    refused = Signal(str)

    def open(self, url: QUrl) -> bool:
        text = _url_text(url)
        if not (url.isValid() and not url.isRelative() and is_safe_link(text)):
            self.refused.emit(text)
            return False
        return bool(QDesktopServices.openUrl(url))
