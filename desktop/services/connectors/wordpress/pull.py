"""Pulling a WordPress site: categories and users, posts by modification date, new comments
by creation date, then the cheap check of the counts per status (check.py) or, when due, the
sweep (sweep.py).

WordPress has no change feed and no modified date on comments, and its date filters are
exclusive; so each list is read with a keyset position (cursor.Position) and a one-second
overlap, new things first, on every sync.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from desktop.models.timefmt import iso_z
from desktop.services.connectors.base import BadResponse, Page
from desktop.services.connectors.wordpress import check, errors
from desktop.services.connectors.wordpress import records as wr
from desktop.services.connectors.wordpress.client import PER_PAGE, WordPressClient
from desktop.services.connectors.wordpress.cursor import Cursor, Position
from desktop.services.connectors.wordpress.identity import user_params
from desktop.services.connectors.wordpress.sweep import drop, sweep_pages

# The desk syncs every minute. Each sync reads new posts and comments and asks WordPress for
# its counts per status (check.py): a handful of requests that find new comments, moderation
# and deletions at once. What counts cannot see (an edit of an old comment's text, moves that
# cancel out) needs the sweep, one request per 100 comments: on a site with 20,000 comments
# ~200 requests, ~7 s of a PHP worker. Hourly that is ~0.2 % of the worker per open desk; the
# person who needs it sooner asks for a "Full check" (Shift+F5, ``sync --full``).
SWEEP_EVERY = 3600.0
META_EVERY = 6 * 3600.0  # categories and users


class Puller:
    """The pull side of one connector: the sweep interval and the sweeps asked for."""

    def __init__(self, client: WordPressClient, *, clock: Callable[[], float] = time.time,
                 sweep_interval: float = SWEEP_EVERY) -> None:
        self.client = client
        self.clock = clock
        self.sweep_interval = sweep_interval
        # request_sweep() calls, and how many of them a completed sweep has answered
        self.sweeps_asked = 0
        self.sweeps_done = 0

    def sweep_due(self, state: Cursor, now: float) -> bool:
        if self.sweeps_asked > self.sweeps_done or state.swept_at is None:
            return True
        age = now - state.swept_at
        return age >= self.sweep_interval or age < 0  # a clock set back must not stop sweeps

    async def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        caps = await self.client.caps()
        moderator = "moderate_comments" in caps
        state = Cursor.load(cursor)
        if state.moderator != moderator:
            state = Cursor(moderator=moderator)  # other rights, other lists: start afresh
        now = self.clock()
        if state.stage == "done":
            state.stage = "meta" if now - state.meta_at > META_EVERY else "posts"
            state.list_index = 0
            state.run_from = state.comments_hwm
            state.run = Position(state.run_from)
        done = 0
        if state.stage == "meta":
            done += 1
            yield await self._meta_page(state, caps, now)
        stages = (("posts", lambda: self._posts_pages(state)),
                  ("comments", lambda: self._comment_pages(state, now)),
                  ("check", lambda: check.check_pages(self.client, state)),
                  ("sweep", lambda: self._sweep(state, now)))
        for stage, pages in stages:
            if state.stage == stage:
                async for page in pages():
                    done += 1
                    page.done = done
                    yield page

    async def _meta_page(self, state: Cursor, caps: set[str], now: float) -> Page:
        client = self.client
        categories = await client.all_pages("categories", {"_fields": "id,name"}, "categories")
        full = "list_users" in caps
        users = await client.all_pages("users", user_params(full), "the user list")
        state.stage, state.meta_at = "posts", now
        try:
            state.users = sorted({int(u["id"]) for docs in users for u in docs})
        except (KeyError, TypeError, ValueError):
            raise BadResponse(f"{client.site} sent a user list that could not be read") \
                from None
        site = client.site
        return Page(cursor=state.to_json(),
                    parse=lambda: wr.meta_batch(categories, users, full, site))

    def _keyset(self, route: str, params: dict[str, Any], after: str, pos: Position,
                what: str) -> Coroutine[Any, Any, list[wr.Doc]]:
        """The request for the page at ``pos``; its arguments are taken now, so it may run
        while the state moves on."""
        args = {**params, "per_page": PER_PAGE, "order": "asc"}
        if pos.t is not None:
            args[after] = iso_z(pos.t - 1)  # exclusive filter: re-read second t
        if pos.o:
            args["offset"] = pos.o
        return self._get(route, args, what)

    async def _get(self, route: str, args: dict[str, Any], what: str) -> list[wr.Doc]:
        response = await self.client.request("GET", route, idempotent=True, params=args)
        if response.status_code == 400 and \
                errors.code(response) == "rest_post_invalid_page_number":
            return []
        if response.status_code != 200:
            raise self.client.error_for(response, what)
        return wr.decode_list(response.content, self.client.site, what)

    async def _posts_pages(self, state: Cursor) -> AsyncIterator[Page]:
        params = {"orderby": "modified", "_fields": wr.POST_FIELDS}
        site = self.client.site
        while True:
            docs = await self._keyset("posts", params, "modified_after", state.posts, "posts")
            items = wr.post_keys(docs, site)
            full = len(items) >= PER_PAGE
            if items:
                state.posts = state.posts.advance([t for _, t in items])
                state.posts.o = state.posts.o if full else 0
            if not full:
                state.stage = "comments"
            yield Page(cursor=state.to_json(), parse=functools.partial(wr.posts_batch, docs, site))
            if not full:
                return

    async def _comment_pages(self, state: Cursor, now: float) -> AsyncIterator[Page]:
        """New comments of every list, by creation date (so they show up first). What follows
        is decided at the end, so a request_sweep() made meanwhile counts: the sweep when it
        is due, else the cheap check (check.py) when the counts disagree, else nothing."""
        lists = wr.MOD_LISTS if state.moderator else ("approve",)
        site = self.client.site
        # The next page downloads while the writer stores this one, so the store's time can
        # hide behind the server's (when a core is free for it: docs/benchmarks.md).
        ahead: asyncio.Task[list[wr.Doc]] | None = None
        try:
            while state.list_index < len(lists):
                docs = await (ahead or self._comment_request(state, lists))
                ahead = None
                items = wr.comment_keys(docs, site)
                self._note_comments(state, items, lists, now)
                if state.stage == "comments" and state.list_index < len(lists):
                    ahead = asyncio.ensure_future(self._comment_request(state, lists))
                elif state.stage == "comments":
                    state.stage = await self._after_comments(state, now)
                if items or state.stage != "comments":
                    yield Page(cursor=state.to_json(), parse=functools.partial(
                        wr.comments_batch, [docs], site, frozenset(state.users)))
        finally:
            drop(ahead)

    def _comment_request(self, state: Cursor, lists: tuple[str, ...]
                         ) -> Coroutine[Any, Any, list[wr.Doc]]:
        params: dict[str, Any] = {"orderby": "date_gmt", "status": lists[state.list_index],
                                  "_fields": wr.COMMENT_FIELDS}
        if state.moderator:
            params["context"] = "edit"
        return self._keyset("comments", params, "after", state.run, "comments")

    def _note_comments(self, state: Cursor, items: list[tuple[int, float, str]],
                       lists: tuple[str, ...], now: float) -> None:
        """Move the state past a page of new comments: the known map, the newest date, the
        position (or the next list)."""
        for cid, created, wp_status in items:
            state.known[cid] = wr.STATUS_CHAR.get(wp_status, "x")
            if state.comments_hwm is None or created > state.comments_hwm:
                state.comments_hwm = created
        if len(items) >= PER_PAGE:
            state.run = state.run.advance([t for _, t, _ in items])
        else:
            state.list_index += 1
            state.run = Position(state.run_from)
            if state.list_index >= len(lists) and state.run_from is None:
                # A run that read every list from the start has nothing to sweep for, and
                # counts as a sweep for the interval.
                state.stage, state.swept_at = "done", now

    async def _after_comments(self, state: Cursor, now: float) -> str:
        """What follows the new comments: the sweep when it is due, else the cheap check."""
        if self.sweep_due(state, now):
            return "sweep"
        return await check.verdict(self.client, state)

    async def _sweep(self, state: Cursor, now: float) -> AsyncIterator[Page]:
        asked = self.sweeps_asked
        async for page in sweep_pages(self.client, state, now):
            yield page
        # Reached only once the consumer has stored the sweep's last page (sync_account asks
        # for the next one after apply_page): then the requests made before it began are met.
        self.sweeps_done = max(self.sweeps_done, asked)
