"""The sweep: every comment read again, to find what changes no date in WordPress.

Status changes and edits leave no trace in any date, and hard deletes leave no trace at all, so
the only way to see them is to read every list in full, by id; the store writes only what
changed (``version``). ``_fields`` keeps a sweep at ~30 pages/s, only ~20 % slower than ids
and statuses alone (docs/wordpress.md). A comment missing from the sweep is looked up again
before it becomes a tombstone.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from typing import Any

from desktop.models.records import PartialComment, Tombstone
from desktop.services.connectors.base import Batch, Page
from desktop.services.connectors.wordpress import records as wr
from desktop.services.connectors.wordpress.client import PER_PAGE, WordPressClient
from desktop.services.connectors.wordpress.cursor import Cursor

SWEEP_OVERLAP = 10  # items each sweep page repeats from the one before


async def sweep_pages(client: WordPressClient, state: Cursor, now: float
                      ) -> AsyncIterator[Page]:
    """Every comment again, in full, by id. Paged by offset with an overlap: a comment
    leaving the list meanwhile shifts the pages, and the overlap proves nothing was skipped
    (else read further back). An interrupted sweep starts over (always within one pull:
    ``now``, when this pull began, is before it); it is idempotent. Only its last page's
    cursor records ``swept_at``, so an interrupted sweep does not count for the interval."""
    lists = wr.MOD_LISTS if state.moderator else ("approve",)
    seen: dict[int, str] = {}
    resume_at = state.to_json()  # the state does not change until the last page
    site, listed = client.site, frozenset(state.users)
    for status in lists:
        async for docs, items in read_list(client, status, state.moderator):
            seen.update((cid, st) for cid, _, st in items)
            yield Page(cursor=resume_at,
                       parse=functools.partial(wr.comments_batch, [docs], site, listed))
    state.swept_at = now
    yield await _sweep_end(client, state, seen)


async def read_list(client: WordPressClient, status: str, moderator: bool
                    ) -> AsyncIterator[tuple[list[wr.Doc], list[tuple[int, float, str]]]]:
    """One comment list in full, by id: each non-empty page's documents and keys. The next
    page downloads while the consumer stores this one."""
    offset, last = 0, 0
    ahead: asyncio.Task[list[wr.Doc]] | None = None
    try:
        while True:
            docs = await (ahead or _list_page(client, status, moderator, offset))
            ahead = None
            items = wr.comment_keys(docs, client.site)
            if offset and items and items[0][0] > last:
                offset = max(0, offset - PER_PAGE)  # a gap is possible: step back
                continue
            full = len(items) >= PER_PAGE
            if full:
                last = items[-1][0]
                offset += len(items) - SWEEP_OVERLAP
                ahead = asyncio.ensure_future(_list_page(client, status, moderator, offset))
            if items:
                yield docs, items
            if not full:
                return
    finally:
        drop(ahead)


async def _list_page(client: WordPressClient, status: str, moderator: bool, offset: int
                     ) -> list[wr.Doc]:
    params: dict[str, Any] = {"status": status, "orderby": "id", "order": "asc",
                              "per_page": PER_PAGE, "offset": offset,
                              "_fields": wr.COMMENT_FIELDS}
    if moderator:
        params["context"] = "edit"
    docs, _ = await client.get_list("comments", params, what="the comment list")
    return docs


def drop(task: asyncio.Future[Any] | None) -> None:
    """Cancel a request started ahead that nobody will read (the sync stopped or failed),
    and retrieve its error so that asyncio does not report it as never retrieved."""
    if task is None:
        return
    if task.done():
        if not task.cancelled():
            task.exception()
    else:
        task.cancel()


async def fetch_ids(client: WordPressClient, wanted: dict[str, list[int]], moderator: bool
                    ) -> list[list[wr.Doc]]:
    """Full records of comments, by status list to look them up in (``include=``)."""
    pages = []
    for status, ids in wanted.items():
        for i in range(0, len(ids), PER_PAGE):
            params: dict[str, Any] = {"include": ",".join(map(str, ids[i:i + PER_PAGE])),
                                      "status": status, "per_page": PER_PAGE,
                                      "_fields": wr.COMMENT_FIELDS}
            if moderator:
                params["context"] = "edit"
            docs, _ = await client.get_list("comments", params, what="comments")
            pages.append(docs)
    return pages


async def _sweep_end(client: WordPressClient, state: Cursor, seen: dict[int, str]) -> Page:
    """The sweep's verdict on comments it did not see: tombstones (moderators, after a
    second look) or hidden (others, who cannot tell held from deleted)."""
    missing = sorted(set(state.known) - set(seen))
    tombstones: list[Tombstone] = []
    partial: list[PartialComment] = []
    pages: list[list[wr.Doc]] = []
    if state.moderator and missing:
        # A comment may have changed lists while we swept: look before burying it.
        pages = await fetch_ids(client, dict.fromkeys(wr.MOD_LISTS, missing), True)
        found = wr.ids_in(pages)
        seen.update(found)
        tombstones = [("comment", str(c)) for c in missing if c not in found]
    elif missing:
        # Hidden, never buried: it may come back. The version changes too, so the record
        # read when it comes back is stored.
        partial = [{"id": str(c), "status": "hidden", "version": "vanished"}
                   for c in missing if state.known.get(c) != "x"]
    state.known = {cid: wr.STATUS_CHAR.get(st, "x") for cid, st in seen.items()}
    if not state.moderator:
        state.known.update(dict.fromkeys(missing, "x"))
    state.stage = "done"
    sweep_ids = {str(c) for c in seen} if state.moderator else None
    site, listed = client.site, frozenset(state.users)

    def parse() -> Batch:
        batch = wr.comments_batch(pages, site, listed)
        batch.tombstones.extend(tombstones)
        batch.partial_comments.extend(partial)
        batch.sweep_ids = sweep_ids
        return batch

    return Page(cursor=state.to_json(), parse=parse)
