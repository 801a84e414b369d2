"""Turn untrusted comment HTML, names and titles into something safe to show in Qt.

Qt's rich-text widgets read local files named in HTML (`file:` images, FIFOs hang the GUI,
UNC paths leak NTLM on Windows) and resolve relative URLs against the local file system
(notes/reliability-security.md §1.5). nh3's defaults keep relative URLs, so this module adds
an absolute-http(s)/mailto filter, drops images, removes bidi/zero-width tricks and bounds
the size and nesting of what reaches the renderer. Pure Python: no Qt here, so the rules are
testable without a screen and usable by the CLI.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3

__all__ = [
    "ALLOWED_TAGS",
    "SanitizedBody",
    "is_safe_link",
    "plain_text",
    "sanitize_html",
    "strip_controls",
]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "b", "strong", "i", "em", "u", "s", "blockquote", "code", "pre",
     "ul", "ol", "li", "a", "span"}
)
SAFE_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

# Tags whose *content* is not text a reader should see (code, styles, embedded documents).
_DROP_CONTENT_TAGS = {
    "script", "style", "template", "svg", "math", "iframe", "object", "noscript", "noembed",
    "noframes", "title", "textarea", "xmp", "select", "head",
}
# `img` is let through nh3 without attributes except `alt`, only so that it can be
# replaced by a textual marker afterwards; it never reaches Qt as a tag.
_NH3_TAGS = set(ALLOWED_TAGS) | {"img"}
_NH3_ATTRIBUTES = {"a": {"href"}, "img": {"alt"}}

_MAX_URL_CHARS = 2048
_MAX_ALT_CHARS = 120
# Deeper nesting renders slowly in QTextDocument (5k nested blockquotes: ~0.4 s) and helps
# no reader; tags beyond this depth are dropped, their text kept.
MAX_DEPTH = 32
# Markup overhead allowance: the input is cut at this multiple of max_chars before nh3.
_INPUT_FACTOR = 4
_MIN_INPUT_CHARS = 16384

# Bidi overrides/embeddings/isolates and zero-width characters: used to disguise link
# targets and names ("moc.elgoog" shown as "google.com"); never needed in comments.
_INVISIBLE = "\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069"
# C0/C1 controls except tab, newline and carriage return.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_STRIP_RE = re.compile(f"[{_INVISIBLE}{_CONTROLS}]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_LINEBREAK_RUN_RE = re.compile(r"\s*[\t\r\n\v\f\x85\u2028\u2029]+\s*")
_URL_FORBIDDEN_RE = re.compile(r"[\s\\\x00-\x1f\x7f-\x9f" + _INVISIBLE + "]")
_HOST_RE = re.compile(r"^[^\s/?#@:\\\[\]%]+$|^\[[0-9a-fA-F:.]+\]$")

_TAG_RE = re.compile(r"<(/?)([a-z]+)([^>]*)>")
_IMG_RE = re.compile(r'<img(?: alt="([^"]*)")?>')
_HREF_RE = re.compile(r'<a href="([^"]*)">')
_VOID_TAGS = frozenset({"br", "img"})


@dataclass(frozen=True, slots=True)
class SanitizedBody:
    """HTML that is safe to hand to `QTextDocument.setHtml`, plus what the UI needs to know."""

    html: str
    truncated: bool = False
    links: list[str] = field(default_factory=list)


def strip_controls(text: str) -> str:
    """Replace lone surrogates with U+FFFD and drop bidi, zero-width and control characters.

    Lone surrogates come from bodies decoded with `surrogateescape` or from JSON `\\ud800`
    escapes; nh3 (Rust) and Qt cannot take them.
    """
    text = _SURROGATE_RE.sub("\ufffd", text)
    return _STRIP_RE.sub("", text)


def is_safe_link(url: str) -> bool:
    """True only for an absolute http/https URL with a host, or a mailto with an address.

    Everything Qt could resolve locally (relative paths, `//host`, `\\\\host\\share`,
    `file:`) and every scheme that starts a local handler is refused. Whitespace, control
    and bidi characters anywhere refuse the URL, as do credentials in http(s) URLs
    (`https://intranet.example@evil.example/` reads like the intranet).
    """
    if not isinstance(url, str) or not url or len(url) > _MAX_URL_CHARS:
        return False
    if _URL_FORBIDDEN_RE.search(url) or _SURROGATE_RE.search(url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    # urlsplit lower-cases the scheme; require the literal prefix too so "x:https://…"
    # style tricks cannot pass through a lenient parse.
    if not url.lower().startswith(scheme + ":"):
        return False
    if scheme in ("http", "https"):
        if not url[len(scheme) + 1:].startswith("//"):
            return False
        if "@" in parts.netloc or not parts.hostname:
            return False
        host = parts.netloc.rsplit(":", 1)[0] if port is not None else parts.netloc
        if port is None and parts.netloc.endswith(":"):
            return False
        return bool(_HOST_RE.match(host))
    if scheme == "mailto":
        address = parts.path
        if parts.netloc or not address or address.startswith("/"):
            return False
        local, sep, domain = address.partition("@")
        return bool(sep and local and domain and "@" not in domain)
    return False


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if is_safe_link(value) else None
    if tag == "img" and attribute == "alt":
        return plain_text(value, max_chars=_MAX_ALT_CHARS) or None
    return None


_CLEANER = nh3.Cleaner(
    tags=_NH3_TAGS,
    clean_content_tags=_DROP_CONTENT_TAGS,
    attributes=_NH3_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    strip_comments=True,
    # Qt ignores rel; leaving it out keeps the output to the attribute allowlist.
    link_rel=None,
    url_schemes=set(SAFE_SCHEMES),
    url_relative="deny",
)


def _limit_depth(markup: str, max_depth: int) -> str:
    """Drop tags nested deeper than max_depth (their text stays).

    Works on nh3 output only: it is well formed, every tag is balanced and `<`/`>` inside
    attribute values are escaped, so a tag regex is exact here.
    """
    out: list[str] = []
    kept: list[bool] = []
    depth = 0
    pos = 0
    for match in _TAG_RE.finditer(markup):
        out.append(markup[pos:match.start()])
        pos = match.end()
        closing, name = match.group(1), match.group(2)
        if name in _VOID_TAGS:
            out.append(match.group(0))
        elif closing:
            if kept and kept.pop():
                depth -= 1
                out.append(match.group(0))
        else:
            keep = depth < max_depth
            kept.append(keep)
            if keep:
                depth += 1
                out.append(match.group(0))
    out.append(markup[pos:])
    return "".join(out)


def _replace_images(markup: str, marker: str, alt_marker: str) -> str:
    def repl(match: re.Match[str]) -> str:
        alt = match.group(1)
        if alt:
            return html.escape(alt_marker.replace("%1", html.unescape(alt)), quote=False)
        return html.escape(marker, quote=False)

    return _IMG_RE.sub(repl, markup)


def _cut(markup: str, max_chars: int) -> str:
    """Cut clean HTML to at most max_chars without leaving half a tag or entity.

    nh3 closes the tags the cut leaves open, which adds characters; the cut point moves
    back by the overshoot until the result fits (two rounds in practice).
    """
    limit = max_chars
    while limit > 0:
        cut = markup[:limit]
        lt, gt = cut.rfind("<"), cut.rfind(">")
        if lt > gt:
            cut = cut[:lt]
        amp, semi = cut.rfind("&"), cut.rfind(";")
        if amp > semi:
            cut = cut[:amp]
        result = _CLEANER.clean(cut)
        if len(result) <= max_chars:
            return result
        limit -= len(result) - max_chars
    return ""


def sanitize_html(
    html_text: str,
    *,
    max_chars: int = 65536,
    image_marker: str = "[image]",
    image_alt_marker: str = "[image: %1]",
) -> SanitizedBody:
    """Sanitise an untrusted comment body for a Qt rich-text view.

    Only `ALLOWED_TAGS` survive, `href` (absolute http/https/mailto, see `is_safe_link`) is the
    only attribute, images become `image_marker` text (`image_alt_marker` with %1 = alt text
    when there is one). `max_chars` bounds the length of the returned HTML; the input is cut
    before nh3 too, so a megabyte body costs milliseconds. `truncated` is True when anything
    was cut. Markers are parameters so the view can pass translated text.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    input_limit = max(max_chars * _INPUT_FACTOR, _MIN_INPUT_CHARS)
    truncated = len(html_text) > input_limit
    text = _SURROGATE_RE.sub("\ufffd", html_text[:input_limit])
    clean = _CLEANER.clean(text)
    # Stripped after nh3, not before: entities such as &#x202e; are literal characters by
    # now, and an href that carried one was already refused by is_safe_link (a URL with
    # hidden characters is a trick, not a typo). Removing these characters cannot form
    # markup: none of them is part of HTML syntax.
    clean = _STRIP_RE.sub("", clean)
    clean = _limit_depth(clean, MAX_DEPTH)
    clean = _replace_images(clean, strip_controls(image_marker), strip_controls(image_alt_marker))
    if len(clean) > max_chars:
        truncated = True
        clean = _cut(clean, max_chars)
    links = [html.unescape(href) for href in _HREF_RE.findall(clean)]
    return SanitizedBody(html=clean, truncated=truncated, links=links)


def plain_text(text: str, *, max_chars: int = 1024) -> str:
    """A name or title for display as *plain text* (Qt.PlainText / setPlainText only).

    Markup is kept literally (a user called `<img src=x><b>` is shown exactly so); only
    invisible tricks are removed, line breaks collapse to one space and the result is capped
    at max_chars (with an ellipsis) so a hostile name cannot flood a list row.
    """
    text = strip_controls(text)
    text = _LINEBREAK_RUN_RE.sub(" ", text).strip()
    if len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)].rstrip() + "\u2026"
    return text
