"""Transport to one WordPress site: REST routes, permalink probing, the account's profile.

Only ever the configured site: links in WordPress's answers are never followed.
"""

from __future__ import annotations

from typing import Any

import httpx

from desktop.services.connectors.base import BadResponse, ConnectorError
from desktop.services.connectors.wordpress import errors
from desktop.services.connectors.wordpress.records import Doc, decode_list
from desktop.services.http import HttpSession, build_client, json_or_none

PER_PAGE = 100  # WordPress's maximum


class WordPressClient:
    """Requests to ``/wp/v2/…`` of one site as one account; the secret is an application
    password and lives only inside the HTTP client's auth, never in an attribute, a URL or
    a message."""

    def __init__(self, *, url: str, username: str, secret: str,
                 session: HttpSession | None = None) -> None:
        self.site = url.rstrip("/")
        self.username = username
        self.owns_session = session is None
        if session is None:
            auth = httpx.BasicAuth(username, secret)
            session = HttpSession(lambda: build_client(base_url=self.site + "/", auth=auth))
        self.session = session
        self._plain: bool | None = None  # ?rest_route= instead of /wp-json/ (plain permalinks)
        self._me: Doc | None = None

    async def request(self, method: str, route: str, *, idempotent: bool,
                      params: dict[str, Any] | None = None,
                      body: dict[str, Any] | None = None) -> httpx.Response:
        """One REST call to ``/wp/v2/<route>`` (or the index for route ""). The first call
        learns whether the site has pretty permalinks; without them WordPress answers
        ``/wp-json/`` with an HTML 404 and only ``?rest_route=`` works."""
        response: httpx.Response | None = None
        for plain in ((self._plain,) if self._plain is not None else (False, True)):
            args = dict(params or {})
            if plain:
                url = ""
                args["rest_route"] = "/" + (f"wp/v2/{route}" if route else "")
            else:
                url = "wp-json/" + (f"wp/v2/{route}" if route else "")
            kwargs: dict[str, Any] = {"params": args}
            if body is not None:
                kwargs["json"] = body
            response = await self.session.request(method, url, idempotent=idempotent, **kwargs)
            if self._plain is None:
                if response.status_code == 404 and not errors.is_json(response) and not plain:
                    continue  # no pretty permalinks: try ?rest_route=
                if errors.is_json(response):
                    self._plain = plain
            return response
        assert response is not None  # the loop runs at least once
        return response

    async def get(self, route: str, params: dict[str, Any] | None = None, *,
                  what: str) -> httpx.Response:
        response = await self.request("GET", route, idempotent=True, params=params)
        if response.status_code != 200:
            raise self.error_for(response, what)
        return response

    async def get_list(self, route: str, params: dict[str, Any], *,
                       what: str) -> tuple[list[Doc], httpx.Response]:
        response = await self.get(route, params, what=what)
        return decode_list(response.content, self.site, what), response

    async def all_pages(self, route: str, params: dict[str, Any], what: str) -> list[list[Doc]]:
        pages, page = [], 1
        while True:
            docs, response = await self.get_list(
                route, {**params, "per_page": PER_PAGE, "page": page}, what=what)
            pages.append(docs)
            if page >= int(response.headers.get("x-wp-totalpages") or 1):
                return pages
            page += 1

    async def me(self) -> Doc:
        """The account's own profile (context=edit: roles and capabilities), read once."""
        if self._me is None:
            response = await self.request("GET", "users/me", idempotent=True,
                                          params={"context": "edit"})
            if response.status_code != 200:
                raise self.error_for(response, "your user profile")
            me = json_or_none(response)
            if not isinstance(me, dict) or "id" not in me:
                raise self.not_wordpress(response)
            self._me = me
        return self._me

    async def caps(self) -> set[str]:
        me = await self.me()
        return {k for k, v in (me.get("capabilities") or {}).items() if v}

    def error_for(self, response: httpx.Response, what: str) -> ConnectorError:
        return errors.error_for(self.site, self.username, response, what)

    def not_wordpress(self, response: httpx.Response) -> BadResponse:
        return errors.not_wordpress(self.site, response)

    async def aclose(self) -> None:
        if self.owns_session:
            await self.session.aclose()
