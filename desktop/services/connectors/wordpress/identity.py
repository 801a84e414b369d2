"""Who the account is on the WordPress site, what it may do there, and who else is there."""

from __future__ import annotations

import html
from typing import Any

from desktop.models.records import UserRecord
from desktop.services.connectors.base import BadResponse, Identity
from desktop.services.connectors.wordpress.client import PER_PAGE, WordPressClient
from desktop.services.connectors.wordpress.records import role_of, user
from desktop.services.http import json_or_none

USER_FIELDS_FULL = "id,username,name,slug,roles,capabilities"  # with context=edit
USER_FIELDS = "id,name,slug"


async def verify(client: WordPressClient) -> Identity:
    index = await client.request("GET", "", idempotent=True)
    doc = json_or_none(index) if index.status_code == 200 else None
    if not isinstance(doc, dict) or "namespaces" not in doc:
        raise client.not_wordpress(index)
    if "wp/v2" not in (doc.get("namespaces") or []):
        raise BadResponse(f"{client.site} runs WordPress, but its REST API (wp/v2) is "
                          "switched off; ask the site's administrator to enable it")
    me = await client.me()
    caps = await client.caps()
    capabilities = {"reply"}
    if "moderate_comments" in caps:
        capabilities |= {"approve", "hide", "spam", "delete", "restore", "flags"}
    if "edit_others_posts" in caps:
        capabilities.add("lock")
    username = client.username
    warnings = []
    if "manage_options" in caps:
        warnings.append(
            f"{username} is a WordPress administrator (manage_options). An editor "
            "account is enough for answering and moderating, and an application password "
            "carries all of its user's power: better use a dedicated editor account."
        )
    if "moderate_comments" not in caps:
        warnings.append(f"{username} may not moderate comments on this site: replies only.")
    return Identity(
        user_id=str(me["id"]), username=str(me.get("username") or me.get("slug") or ""),
        display_name=html.unescape(str(me.get("name") or username)),
        role=role_of(list(me.get("roles") or []), me.get("capabilities")),
        capabilities=frozenset(capabilities),
        server_name=html.unescape(str(doc.get("name") or "")),
        moderation_scope="all" if "moderate_comments" in caps else "none",
        warnings=tuple(warnings),
    )


def user_params(full: bool) -> dict[str, Any]:
    """Query for the user list: roles only for an account that may list users."""
    if full:
        return {"context": "edit", "_fields": USER_FIELDS_FULL}
    return {"_fields": USER_FIELDS}


async def search_users(client: WordPressClient, prefix: str, limit: int = 10
                       ) -> list[UserRecord]:
    full = "list_users" in await client.caps()
    params = {**user_params(full), "search": prefix, "per_page": max(1, min(limit, PER_PAGE))}
    docs, _ = await client.get_list("users", params, what="the user list")
    try:
        return [user(u, full=full) for u in docs]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadResponse(f"{client.site} sent a user list that could not be read") from None
