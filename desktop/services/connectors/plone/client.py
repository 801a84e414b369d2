"""HTTP for one Plone account: JWT from ``@login`` renewed before it expires, paths relative
to the configured site only (Plone's absolute ``@id`` links are read for their path, never
followed), ``@search`` paging."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Generator
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.services.connectors.base import BadResponse
from desktop.services.connectors.plone import errors
from desktop.services.http import HttpSession, build_client, json_or_none

RENEW_BEFORE = 3600.0  # renew a token that expires within the hour (Plone's last 12 h)
SEARCH_PAGE = 500


class TokenAuth(httpx.Auth):
    """Bearer auth whose token the client replaces; the token lives only here."""

    def __init__(self) -> None:
        self.token: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.token and "Authorization" not in request.headers:
            request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


def looks_like_jwt(secret: str) -> bool:
    return secret.startswith("eyJ") and secret.count(".") == 2


def jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim (not verified: the server does that), or None."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


class PloneClient:
    def __init__(self, *, url: str, username: str, secret: str,
                 session: HttpSession | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.site = url.rstrip("/")
        self.username = username
        self.site_path = urlsplit(self.site).path.rstrip("/")
        self._clock = clock
        self._auth = TokenAuth()
        # A JWT given as the secret is used (and renewed) as it is; a password logs in. The
        # password lives only in this closure, never in an attribute a repr or a log shows.
        jwt = looks_like_jwt(secret)
        self._credentials: Callable[[], dict[str, str]] | None = None if jwt else (
            lambda: {"login": username, "password": secret})
        self._auth.token = secret if jwt else None
        self._expires: float | None = jwt_expiry(secret) if jwt else None
        self._owns_session = session is None
        if session is None:
            auth = self._auth
            session = HttpSession(lambda: build_client(
                base_url=self.site + "/", auth=auth, headers={"Accept": "application/json"}))
        self.session = session

    # -- tokens -------------------------------------------------------------------------------

    async def _login(self) -> None:
        if self._credentials is None:
            raise errors.auth_error(self.site, self.username)
        self._auth.token = None
        response = await self.session.request("POST", "@login", idempotent=True,
                                              json=self._credentials())
        doc = json_or_none(response)
        if response.status_code == 401:
            raise errors.auth_error(self.site, self.username)
        if response.status_code != 200 or not isinstance(doc, dict) or "token" not in doc:
            raise errors.not_plone(self.site, response)
        self._set_token(str(doc["token"]))

    def _set_token(self, token: str) -> None:
        self._auth.token = token
        self._expires = jwt_expiry(token)

    async def ensure_token(self) -> None:
        now = self._clock()
        if self._auth.token is None:
            await self._login()
            return
        if self._expires is None or self._expires - now > RENEW_BEFORE:
            return
        if self._expires <= now:
            await self._login()  # too late to renew
            return
        response = await self.session.request("POST", "@login-renew", idempotent=True)
        doc = json_or_none(response)
        if response.status_code == 200 and isinstance(doc, dict) and "token" in doc:
            self._set_token(str(doc["token"]))
        elif self._credentials is not None:
            await self._login()
        else:
            raise errors.auth_error(self.site, self.username)

    @property
    def token_expires(self) -> float | None:
        return self._expires

    # -- requests -----------------------------------------------------------------------------

    async def request(self, method: str, path: str, *, idempotent: bool,
                      **kwargs: Any) -> httpx.Response:
        """One request to ``path`` below the site, logged in; a 401 logs in again once."""
        await self.ensure_token()
        response = await self.session.request(method, path, idempotent=idempotent, **kwargs)
        if response.status_code == 401 and self._credentials is not None and idempotent:
            await self._login()
            response = await self.session.request(method, path, idempotent=idempotent, **kwargs)
        return response

    async def get_json(self, path: str, what: str, **params: Any) -> Any:
        response = await self.request("GET", path, idempotent=True, params=params or None)
        if response.status_code != 200:
            raise errors.for_response(self.site, self.username, response, what)
        doc = json_or_none(response)
        if doc is None:
            raise BadResponse(f"{self.site} answered {what} with something that is not JSON")
        return doc

    async def search(self, what: str, params: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """Every hit of ``@search`` for these parameters, page by page (``b_start``)."""
        hits: list[dict[str, Any]] = []
        start = 0
        while True:
            query = [*params, ("b_size", str(SEARCH_PAGE)), ("b_start", str(start))]
            doc = await self._search_page(query, what)
            items = doc.get("items")
            if not isinstance(items, list):
                raise BadResponse(f"{self.site} sent {what} that could not be read")
            hits.extend(items)
            total = int(doc.get("items_total") or 0)
            start += len(items)
            if not items or start >= total:
                return hits

    async def peek(self, what: str, params: list[tuple[str, str]], size: int = 1
                   ) -> tuple[int, list[dict[str, Any]]]:
        """(total, first ``size`` hits) of one ``@search``: a count costs one short page."""
        doc = await self._search_page([*params, ("b_size", str(size))], what)
        items = doc.get("items")
        if not isinstance(items, list):
            raise BadResponse(f"{self.site} sent {what} that could not be read")
        return int(doc.get("items_total") or 0), items

    async def _search_page(self, query: list[tuple[str, str]], what: str) -> dict[str, Any]:
        response = await self.request("GET", "@search", idempotent=True,
                                      # a tuple: the stub types the list form invariantly
                                      params=httpx.QueryParams(tuple(query)))
        if response.status_code != 200:
            raise errors.for_response(self.site, self.username, response, what)
        doc = json_or_none(response)
        if not isinstance(doc, dict):
            raise BadResponse(f"{self.site} sent {what} that could not be read")
        return doc

    def path_of(self, url: str) -> str:
        """The path below the site of one of Plone's absolute ``@id`` URLs."""
        path = urlsplit(url).path
        if self.site_path and path.startswith(self.site_path + "/"):
            return path[len(self.site_path) + 1:]
        if not self.site_path:
            return path.lstrip("/")
        raise BadResponse(f"{self.site} named an item outside the site ({path})")

    def catalog_path(self, path: str) -> str:
        """A path below the site as the catalogue's ``path`` index wants it."""
        return f"{self.site_path}/{path}" if path else self.site_path or "/"

    async def aclose(self) -> None:
        if self._owns_session:
            await self.session.aclose()
