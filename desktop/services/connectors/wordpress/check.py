"""The cheap check: does the server still hold what the known map says, judged by counts?

WordPress answers every list with ``X-WP-Total``. One request of one id per status gives the
number of approved, held, spam and trashed comments; the known map in the cursor gives the
numbers we expect. When they agree, nothing moved between lists and nothing was purged (as far
as counts can tell), so a sync that found nothing new ends there: a handful of requests instead
of re-reading every comment (docs/wordpress.md, "The cheap check").

When a short list disagrees (held, spam, trash: short on an intranet), that list is read
again, and the comments that left it are looked up by id: an approval, a comment trashed or
spammed, a purge from the trash are found without reading the approved comments. When the
counts still disagree, the other short lists follow (moves in and out of one list cancel out
in its count), and only then a full sweep.

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
SMALL = "hst"  # the short lists, read in full when the counts disagree


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


async def verdict(client: WordPressClient, state: Cursor, read: str = "") -> str:
    """What follows: "done" when the counts agree, "check" (read the short lists kept in
    ``state.check``) or "sweep" (read everything). ``read``: the short lists this pull has
    read in full already; they are not read again.

    First the short lists whose counts disagree; if the counts still disagree, the other
    short lists (a comment trashed and another purged from the trash leave the trash's count
    as it was); then the sweep."""
    off = disagreeing(state, await counts(client, state.moderator))
    state.check = ""
    if not off:
        return "done"
    if not state.moderator:
        return "sweep"
    unread = [ch for ch in SMALL if ch not in read]
    state.check = "".join(ch for ch in unread if ch in off) or "".join(unread)
    return "check" if state.check else "sweep"


async def check_pages(client: WordPressClient, state: Cursor) -> AsyncIterator[Page]:
    """Rounds of the short lists in ``state.check`` read in full, each followed by a second
    look at the comments that left them; each round's last page says whether the counts now
    agree ("done"), another round follows ("check") or the sweep."""
    read = ""
    while state.stage == "check":
        read += state.check
        async for page in _check_round(client, state, read):
            yield page


async def _check_round(client: WordPressClient, state: Cursor, read: str
                       ) -> AsyncIterator[Page]:
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
    state.stage = await verdict(client, state, read)

    def parse() -> Batch:
        batch = wr.comments_batch(pages, site, listed)
        batch.tombstones.extend(tombstones)
        return batch

    yield Page(cursor=state.to_json(), parse=parse)
