"""WordPress's answers → our ConnectorError types, with messages a person can act on.

WordPress explains a refusal with a JSON ``code`` (``rest_comment_closed``…) and an HTML
``message``; a site that is not WordPress (or hides its REST API) answers HTML, redirects or
404s. Messages never contain the password: it lives only in the HTTP client's auth.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from desktop.models.ingest import html_to_text
from desktop.services.connectors.base import (
    AuthError,
    BadResponse,
    ConnectorError,
    NotFound,
    PermissionDenied,
    Rejected,
)
from desktop.services.http import json_or_none

_AUTH_CODES = frozenset({"rest_not_logged_in", "incorrect_password", "invalid_username",
                         "invalid_email", "application_passwords_disabled", ""})


def is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


def code(response: httpx.Response) -> str:
    doc = json_or_none(response) if is_json(response) else None
    return str(doc.get("code") or "") if isinstance(doc, dict) else ""


def message(response: httpx.Response) -> str:
    """WordPress's own explanation (HTML in JSON), as one short line of text."""
    doc = json_or_none(response) if is_json(response) else None
    if not isinstance(doc, dict):
        return ""
    return html_to_text(str(doc.get("message") or ""))[:300]


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1")


def not_wordpress(site: str, response: httpx.Response) -> BadResponse:
    status = response.status_code
    if 300 <= status < 400:
        return BadResponse(f"{site} redirects elsewhere (HTTP {status}); check the "
                           "address (http or https? www?) and whether a login page sits "
                           "in front of the site")
    if is_json(response) and status in (401, 403):
        return BadResponse(f"{site} runs WordPress, but its REST API is closed to "
                           f"applications ({code(response) or status}); ask the site's "
                           "administrator to allow it")
    return BadResponse(f"{site} does not look like WordPress, or its REST API is "
                       f"switched off (no JSON at /wp-json/, HTTP {status})")


def auth_error(site: str, username: str) -> AuthError:
    https = "" if site.startswith("https://") or is_local(site) else (
        " WordPress accepts application passwords only over HTTPS: use the https:// "
        "address.")
    return AuthError(
        f"WordPress did not accept the password for {username}. Use an application "
        "password (your profile in wp-admin → Application Passwords), not the login "
        f"password.{https} If it is right, the web server may drop the Authorization "
        "header (ask the administrator)."
    )


def error_for(site: str, username: str, response: httpx.Response, what: str) -> ConnectorError:
    """The error for a refused request about ``what`` ("the reply", "the user list"…)."""
    status, wp_code = response.status_code, code(response)
    text = message(response)
    if status == 401 and wp_code in _AUTH_CODES:
        return auth_error(site, username)
    if status in (401, 403):
        return PermissionDenied(f"{username} may not read or change {what} on "
                                f"WordPress ({text or wp_code or status})")
    if status == 404 and not is_json(response):
        return not_wordpress(site, response)
    if status == 404:
        return NotFound(text or f"WordPress has no {what}")
    if status in (400, 409, 422):
        return Rejected(text or f"WordPress refused {what} (HTTP {status})")
    if 300 <= status < 400:
        return not_wordpress(site, response)
    return BadResponse(f"{site} answered {what} with HTTP {status}")
