"""Connector for Plone 6 (plone.restapi + plone.app.discussion). See docs/plone.md."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from desktop.models.records import UserRecord
from desktop.services.connectors.base import (
    Action,
    BadResponse,
    Identity,
    Outcome,
    Page,
    Rejected,
)
from desktop.services.connectors.plone import errors
from desktop.services.connectors.plone import records as rec
from desktop.services.connectors.plone.actions import TRANSITION, Actions
from desktop.services.connectors.plone.client import PloneClient
from desktop.services.connectors.plone.pull import Cursor, Puller
from desktop.services.http import HttpSession, json_or_none

MODERATOR_ROLES = frozenset({"Manager", "Site Administrator", "Reviewer"})


class PloneConnector:
    """One account on a Plone site; the secret is the password or a JWT from ``@login``."""

    kind = "plone"

    def __init__(self, *, url: str, username: str, secret: str,
                 session: HttpSession | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.client = PloneClient(url=url, username=username, secret=secret, session=session,
                                  clock=clock)
        self.site = self.client.site
        self.username = username
        self._clock = clock
        self._puller = Puller(self.client, clock)
        self._actions = Actions(self.client, self._puller)
        self._me: dict[str, Any] | None = None

    async def _load_me(self) -> dict[str, Any]:
        if self._me is None:
            me = await self.client.get_json(f"@users/{self.username}", "your user profile")
            if not isinstance(me, dict) or "roles" not in me:
                raise BadResponse(f"{self.site} sent a user profile that could not be read")
            self._me = me
        return self._me

    async def _is_moderator(self) -> bool:
        return bool(MODERATOR_ROLES & set((await self._load_me()).get("roles") or []))

    async def verify(self) -> Identity:
        # The site first, as it is: a wrong address says so before a login can fail on it.
        response = await self.client.session.request("GET", "", idempotent=True)
        if response.status_code == 401 and errors.is_json(response):
            response = await self.client.request("GET", "", idempotent=True)  # a private site
        site = json_or_none(response) if response.status_code == 200 else None
        if not isinstance(site, dict) or site.get("@type") != "Plone Site":
            raise errors.not_plone(self.site, response)
        await self.client.ensure_token()
        me = await self._load_me()
        roles = list(me.get("roles") or [])
        moderator = bool(MODERATOR_ROLES & set(roles))
        capabilities = {"reply"}
        if moderator:
            # No "like": Plone has no likes or votes.
            capabilities |= {"approve", "hide", "spam", "delete", "restore", "flags"}
        warnings = []
        if "Manager" in roles or "Site Administrator" in roles:
            warnings.append(f"{self.username} administers this Plone site. A Reviewer account "
                            "is enough for answering and moderating comments: better use one.")
        if not moderator:
            warnings.append(f"{self.username} may not moderate comments on this site "
                            "(it needs the Reviewer role): replies only.")
        return Identity(
            user_id=str(me.get("id") or self.username),
            username=str(me.get("username") or self.username),
            display_name=str(me.get("fullname") or self.username),
            role=rec.role_of(roles), capabilities=frozenset(capabilities),
            server_name=str(site.get("title") or ""),
            moderation_scope="all" if moderator else "none", warnings=tuple(warnings))

    def request_sweep(self) -> None:
        """Make the next pull sweep every comment's state, whatever the interval says."""
        self._puller.sweeps_asked += 1

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        me = await self._load_me()
        moderator = await self._is_moderator()
        login = str(me.get("id") or self.username)
        cur = Cursor.load(cursor)
        if cur.moderator != moderator or cur.me != login:
            cur = Cursor(moderator=moderator, me=login)  # other rights, other view: afresh
        cur.roles.setdefault(login, rec.role_of(list(me.get("roles") or [])))
        async for page in self._puller.pull(cur):
            yield page

    async def perform(self, action: Action) -> Outcome:
        me = str((await self._load_me()).get("id") or self.username)
        if action.kind == "reply":
            return await self._actions.reply(action, me)
        if action.kind == "delete":
            return await self._actions.delete(action)
        if action.kind in TRANSITION:
            return await self._actions.moderate(action)
        if action.kind in ("like", "unlike"):
            raise Rejected("Plone has no likes")
        raise Rejected(f"Plone cannot '{action.kind}' (lock a thread by switching its "
                       "discussion off in Plone)")

    async def search_users(self, prefix: str, limit: int = 10) -> list[UserRecord]:
        response = await self.client.request("GET", "@users", idempotent=True,
                                             params={"query": prefix, "limit": limit})
        if response.status_code != 200:
            return []  # only Managers and Site Administrators may list users
        doc = json_or_none(response)
        items = doc.get("items", []) if isinstance(doc, dict) else doc or []
        return [rec.user(u) for u in items if isinstance(u, dict)][:limit]

    async def aclose(self) -> None:
        await self.client.aclose()
