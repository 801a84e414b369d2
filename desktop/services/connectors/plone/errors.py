"""Plone's answers turned into the connector errors of ``connectors.base``.

Messages name the site and the account, never a token or a password.
"""

from __future__ import annotations

import httpx

from desktop.services.connectors.base import (
    AuthError,
    BadResponse,
    ConnectorError,
    NotFound,
    PermissionDenied,
    Rejected,
)
from desktop.services.http import json_or_none


def is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


def message(response: httpx.Response) -> str:
    """Plone's own one-line explanation (``{"message": …}`` or ``{"error": {…}}``), if any."""
    doc = json_or_none(response)
    if not isinstance(doc, dict):
        return ""
    err = doc.get("error")
    if isinstance(err, dict):
        return str(err.get("message") or err.get("type") or "")[:200]
    return str(doc.get("message") or "")[:200]


def not_plone(site: str, response: httpx.Response) -> BadResponse:
    status = response.status_code
    if 300 <= status < 400:
        return BadResponse(f"{site} redirects elsewhere (HTTP {status}); check the address "
                           "(http or https? the site's path, e.g. /Plone?) and whether a login "
                           "page sits in front of the site")
    return BadResponse(f"{site} does not look like a Plone site with its REST API "
                       f"(plone.restapi) switched on (HTTP {status}); check the address: it "
                       "is the site's, e.g. https://intranet.example/Plone")


def auth_error(site: str, username: str) -> AuthError:
    return AuthError(f"Plone at {site} did not accept the password (or token) of {username}. "
                     "Check the login name and the password; a token from @login expires "
                     "after 12 hours unless it is renewed.")


def for_response(site: str, username: str, response: httpx.Response,
                 what: str) -> ConnectorError:
    status = response.status_code
    if status == 401:
        return PermissionDenied(f"{username} may not read or change {what} on Plone "
                                f"({message(response) or status})")
    if status == 403:
        return PermissionDenied(f"{username} may not read or change {what} on Plone")
    if status == 404 and not is_json(response):
        return not_plone(site, response)
    if status == 404:
        return NotFound(f"Plone has no {what} any more")
    if status in (400, 409, 422):
        return Rejected(message(response) or f"Plone refused {what} (HTTP {status})")
    if 300 <= status < 400:
        return not_plone(site, response)
    return BadResponse(f"{site} answered {what} with HTTP {status}")
