"""The cheap check: does the server still hold what the known map says, judged by counts?

WordPress answers every list with ``X-WP-Total``. One request of one id per status gives the
number of approved, held, spam and trashed comments; the known map in the cursor gives the
numbers we expect. When they agree, nothing moved between lists and nothing was purged (as far
as counts can tell), so a sync that found nothing new ends there: a handful of requests instead
of re-reading every comment (docs/wordpress.md, "The cheap check").

When a short list disagrees (held, spam, trash: short on an intranet), the short lists are
read again, and the comments that left them are looked up by id: an approval, a comment trashed
or spammed, a purge from the trash are found without reading the approved comments. Only when
the counts still disagree after that does a full sweep follow.

What counts cannot see: an edit of a comment's text, and moves that cancel each other out
within one list. The scheduled sweep finds those.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from desktop.models.records import Tombstone
from desktop.services.connectors.base import Batch, Page
from desktop.services.connectors.wordpress import records as wr
from desktop.services.connectors.wordpress.client import WordPressClient
from desktop.services.connectors.wordpress.cursor import Cursor
from desktop.services.connectors.wordpress.sweep import fetch_ids, read_list

# known-map letter → the status list WordPress counts it in
CHAR_LIST = {"a": "approve", "h": "hold", "s": "spam", "t": "trash"}
SMALL = "hst"  # the short lists, read in full when a count of them disagrees


async def counts(client: WordPressClient, moderator: bool) -> dict[str, int]:
    """The server's number of comments per known-map letter (approved only, for an account
    that sees only approved comments): one request of one id per list."""
    totals = {}
    for ch in ("ahst" if moderator else "a"):
        params: dict[str, Any] = {"status": CHAR_LIST[ch], "per_page": 1, "_fields": "id"}
        if moderator:
            params["context"] = "edit"
        response = await client.get("comments", params, what="the comment counts")
        try:
            totals[ch] = int(response.headers["x-wp-total"])
        except (KeyError, ValueError):
            totals[ch] = -1  # a proxy that strips the header: never "agrees", so sweep
    return totals


def disagreeing(state: Cursor, totals: dict[str, int]) -> str:
    """The letters whose server count differs from the known map's."""
    known = Counter(state.known.values())
    return "".join(ch for ch, n in totals.items() if known.get(ch, 0) != n)


async def verdict(client: WordPressClient, state: Cursor) -> str:
    """The stage after the new comments: "done" when the counts agree, "check" (read the
    disagreeing small lists, kept in ``state.check``) or "sweep" (read everything)."""
    off = disagreeing(state, await counts(client, state.moderator))
    if not off:
        return "done"
    # All short lists, not only those that disagree: moves in and out of one list cancel
    # out in its count (a comment trashed, another purged from the trash).
    small = SMALL if state.moderator and any(ch in SMALL for ch in off) else ""
    state.check = small
    return "check" if small else "sweep"


async def check_pages(client: WordPressClient, state: Cursor) -> AsyncIterator[Page]:
    """The disagreeing small lists in full, then a second look at the comments that left
    them; the last page says whether the counts now agree ("done") or a sweep follows."""
    resume_at = state.to_json()  # the state does not change until the last page
    site, listed = client.site, frozenset(state.users)
    seen: dict[int, str] = {}
    for ch in state.check:
        async for docs, items in read_list(client, CHAR_LIST[ch], True):
            seen.update((cid, st) for cid, _, st in items)
            yield Page(cursor=resume_at,
                       parse=functools.partial(wr.comments_batch, [docs], site, listed))
    left = sorted(cid for cid, ch in state.known.items()
                  if ch in state.check and cid not in seen)
    pages = await fetch_ids(client, dict.fromkeys(wr.MOD_LISTS, left), True) if left else []
    found = wr.ids_in(pages)
    tombstones: list[Tombstone] = [("comment", str(c)) for c in left if c not in found]
    for cid, st in {**seen, **found}.items():
        state.known[cid] = wr.STATUS_CHAR.get(st, "x")
    for _, cid_text in tombstones:
        state.known.pop(int(cid_text), None)
    state.stage = await verdict(client, state)
    if state.stage == "check":
        state.stage = "sweep"  # the small lists are read: what still differs needs all
    state.check = ""

    def parse() -> Batch:
        batch = wr.comments_batch(pages, site, listed)
        batch.tombstones.extend(tombstones)
        return batch

    yield Page(cursor=state.to_json(), parse=parse)
