"""Sync from Plone: areas, posts and comments from the catalogue, then the sweep.

- areas = folders; users from ``@users`` when the account may list them (Manager, Site
  Administrator), else the people the sync meets (comment authors as employees, post creators
  as editors: on an intranet those who publish run it);
- posts = Documents and News Items by ``modified``; comments = Discussion Items by
  ``modified``, each with an overlap window (the DateIndex keeps minutes, not seconds): the
  store writes only what changed (``version``). Bodies come from the items' ``@comments``
  (the catalogue keeps 25 words), the state from the catalogue (``@comments`` has none);
- the sweep, every ``SWEEP_EVERY`` or when asked: every comment's id and state from the
  catalogue, cheap (500 per request). Approvals and other transitions change no date, and
  deletions leave no trace: the sweep finds them, tombstones (moderators) or hides (others)
  what vanished, and fetches what became visible.

A non-moderator never gets more than they should see, whatever the server shows: published
comments and their own pending ones (anonymous and member searches show rejected and spam).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from desktop.models.records import CommentRecord, PartialComment, UserRecord
from desktop.services.connectors.base import BadResponse, Batch, Page
from desktop.services.connectors.plone import records as rec
from desktop.services.connectors.plone.client import PloneClient
from desktop.services.http import json_or_none

OVERLAP = 120.0  # seconds re-read below the high-water marks (minute resolution, clock skew)
SWEEP_EVERY = 5 * 60.0  # a sweep costs one request per 500 comments
META_EVERY = 3600.0
POSTS_PER_PAGE = 20  # items whose comments one page carries
POST_TYPES = ("Document", "News Item")
COMMENT = "Discussion Item"
CONVERSATION = "/++conversation++default/"


@dataclasses.dataclass
class Cursor:
    moderator: bool = False
    me: str = ""
    meta_at: float = 0.0
    posts_hwm: float | None = None
    comments_hwm: float | None = None
    swept_at: float | None = None
    roles: dict[str, str] = dataclasses.field(default_factory=dict)
    # rid → state char + CRC of the text (a sweep's partial update carries the full version)
    known: dict[str, str] = dataclasses.field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), separators=(",", ":"))

    @classmethod
    def load(cls, raw: str | None) -> Cursor:
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})
        except (ValueError, TypeError):
            return cls()  # an unreadable cursor costs a full sync, nothing else


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def split_hit(client: PloneClient, hit: dict[str, Any]) -> tuple[str, str]:
    """(post path, comment id) of a Discussion Item hit."""
    path = client.path_of(str(hit.get("@id") or ""))
    post, sep, cid = path.rpartition(CONVERSATION)
    if not sep or not cid:
        raise BadResponse(f"{client.site} sent a comment without its item ({path})")
    return post.rstrip("/"), cid


def visible(state: str, creator: str, cur: Cursor) -> bool:
    return cur.moderator or state == "published" or (state == "pending" and creator == cur.me)


class Puller:
    def __init__(self, client: PloneClient, clock: Callable[[], float]) -> None:
        self.client = client
        self.clock = clock
        self.sweeps_asked = 0
        self.sweeps_done = 0
        # path → UID of the items read in this pull: a full sync then needs no second search
        # to name the items its comments are on. Kept for one pull only (paths can be reused).
        self._seen_uids: dict[str, str] = {}
        self._folders: dict[str, str] | None = None  # path → UID, read once per pull

    async def pull(self, cur: Cursor) -> AsyncIterator[Page]:
        now = self.clock()
        done = 0
        self._seen_uids, self._folders = {}, None
        if now - cur.meta_at >= META_EVERY or now < cur.meta_at:
            done += 1
            yield await self._meta(cur, now, done)
        async for page in self._posts(cur):
            done += 1
            page.done = done
            yield page
        async for page in self._comments(cur, now):
            done += 1
            page.done = done
            yield page
        due = (self.sweeps_asked > self.sweeps_done or cur.swept_at is None
               or not 0 <= now - cur.swept_at < SWEEP_EVERY)
        if due:
            asked = self.sweeps_asked
            async for page in self._sweep(cur, now):
                done += 1
                page.done = done
                yield page
            self.sweeps_done = max(self.sweeps_done, asked)

    # -- areas and users ----------------------------------------------------------------------

    async def _meta(self, cur: Cursor, now: float, done: int) -> Page:
        folders = await self._folder_hits()
        users: list[UserRecord] = []
        # Only Managers and Site Administrators may list users; for others the refusal (401)
        # would also cost a second login, as for an expired token.
        if cur.roles.get(cur.me) == "admin":
            response = await self.client.request("GET", "@users", idempotent=True)
            doc = json_or_none(response) if response.status_code == 200 else None
            if doc is not None:
                items = doc.get("items", []) if isinstance(doc, dict) else doc
                users = [rec.user(u) for u in items if isinstance(u, dict)]
                cur.roles = {**{u["id"]: u["role"] for u in users},
                             cur.me: cur.roles[cur.me]}
        cur.meta_at = now
        areas = [rec.area(h) for h in folders if h.get("UID")]
        return Page(cursor=cur.to_json(), done=done,
                    parse=lambda: Batch(areas=areas, users=users))

    # -- posts --------------------------------------------------------------------------------

    def _since(self, hwm: float | None) -> list[tuple[str, str]]:
        if hwm is None:
            return []
        return [("modified.query", iso(hwm - OVERLAP)), ("modified.range", "min")]

    async def _posts(self, cur: Cursor) -> AsyncIterator[Page]:
        params = [*(("portal_type", t) for t in POST_TYPES), ("sort_on", "modified"),
                  ("metadata_fields", "UID"), ("metadata_fields", "modified"),
                  *self._since(cur.posts_hwm)]
        hits = await self.client.search("the posts", params)
        if not hits:
            return
        areas = await self._area_uids()
        for i in range(0, len(hits), POSTS_PER_PAGE):
            chunk = hits[i:i + POSTS_PER_PAGE]
            docs = await self.client.search("the posts", [
                *(("UID", str(h["UID"])) for h in chunk), ("fullobjects", "1")])
            posts = []
            for doc in docs:
                path = self.client.path_of(str(doc.get("@id") or ""))
                if doc.get("UID"):
                    self._seen_uids[path] = str(doc["UID"])
                parent = path.rpartition("/")[0]
                posts.append(rec.post(doc, areas.get(parent)))
            users: list[UserRecord] = [
                {"id": a, "username": a, "display_name": a, "role": "editor", "areas": []}
                for a in sorted({p["author_id"] for p in posts if p["author_id"]}
                                - set(cur.roles))]
            for u in users:
                cur.roles[u["id"]] = u["role"]
            last = i + POSTS_PER_PAGE >= len(hits)
            if last:
                cur.posts_hwm = max([rec.ts(h.get("modified")) for h in hits] +
                                    [cur.posts_hwm or 0.0])
            yield Page(cursor=cur.to_json(),
                       parse=functools.partial(Batch, posts=posts, users=users))

    async def _folder_hits(self) -> list[dict[str, Any]]:
        folders = await self.client.search("the folders", [
            ("portal_type", "Folder"), ("metadata_fields", "UID")])
        self._folders = {self.client.path_of(str(h["@id"])): str(h["UID"]) for h in folders
                         if h.get("UID")}
        return folders

    async def _area_uids(self) -> dict[str, str]:
        if self._folders is None:
            await self._folder_hits()
        return self._folders or {}

    # -- comments -----------------------------------------------------------------------------

    async def _comments(self, cur: Cursor, now: float) -> AsyncIterator[Page]:
        whole = cur.comments_hwm is None
        hits = await self.client.search("the comments", [
            ("portal_type", COMMENT), ("sort_on", "modified"),
            ("metadata_fields", "review_state"), ("metadata_fields", "modified"),
            ("metadata_fields", "Creator"), *self._since(cur.comments_hwm)])
        hwm = max([rec.ts(h.get("modified")) for h in hits] + [cur.comments_hwm or 0.0])

        def final() -> None:
            cur.comments_hwm = hwm or None
            if whole:
                # Every comment and its state was just read: a sweep now would read the
                # whole catalogue a second time (a third of a first sync's time, measured).
                cur.swept_at = now
                self.sweeps_done = self.sweeps_asked

        async for page in self._fetch(cur, hits, final=final):
            yield page

    async def _fetch(self, cur: Cursor, hits: list[dict[str, Any]],
                     final: Callable[[], None]) -> AsyncIterator[Page]:
        """Full records of the comments these catalogue hits name, grouped by item. Only the
        last page carries the advanced cursor (``final``): an interrupted run repeats."""
        wanted: dict[str, dict[str, tuple[str, str]]] = {}  # post path → cid → (state, creator)
        for h in hits:
            state = str(h.get("review_state") or "")
            creator = str(h.get("Creator") or "")
            if state not in rec.STATUS or not visible(state, creator, cur):
                continue
            post, cid = split_hit(self.client, h)
            wanted.setdefault(post, {})[cid] = (state, creator)
        resume = cur.to_json()
        paths = list(wanted)
        if not paths:
            final()
            yield Page(cursor=cur.to_json(), parse=Batch)
            return
        for i in range(0, len(paths), POSTS_PER_PAGE):
            chunk = paths[i:i + POSTS_PER_PAGE]
            uids = await self.post_uids(chunk)
            comments: list[CommentRecord] = []
            authors: dict[str, UserRecord] = {}
            for path in chunk:
                uid = uids.get(path)
                if uid is None:
                    continue  # the item went away meanwhile: the sweep settles its comments
                items = await self.list_comments(path)
                post_url = f"{self.client.site}/{path}"
                for item in items:
                    cid = str(item.get("comment_id"))
                    if cid not in wanted[path]:
                        continue
                    state, _ = wanted[path][cid]
                    record = rec.comment(item, uid, state, post_url)
                    comments.append(record)
                    cur.known[record["id"]] = rec.STATE_CHAR[state] + rec.text_crc(item)
                    a = rec.author(item, cur.roles)
                    authors[a["id"]] = a
            last = i + POSTS_PER_PAGE >= len(paths)
            if last:
                final()
            users = list(authors.values())
            yield Page(cursor=cur.to_json() if last else resume,
                       parse=functools.partial(Batch, comments=comments, users=users))

    async def post_uids(self, paths: list[str]) -> dict[str, str]:
        found = {p: self._seen_uids[p] for p in paths if p in self._seen_uids}
        ask = [p for p in paths if p not in found]
        if not ask:
            return found
        hits = await self.client.search("the posts", [
            *(("path.query", self.client.catalog_path(p)) for p in ask),
            ("path.depth", "0"), ("metadata_fields", "UID")])
        found.update({self.client.path_of(str(h["@id"])): str(h["UID"]) for h in hits
                      if h.get("UID")})
        return found

    async def list_comments(self, path: str) -> list[dict[str, Any]]:
        """Every comment of one item (``@comments``, all pages)."""
        items: list[dict[str, Any]] = []
        start = 0
        while True:
            doc = await self.client.get_json(f"{path}/@comments", "the comments",
                                             b_size=100, b_start=start)
            page = doc.get("items") if isinstance(doc, dict) else None
            if not isinstance(page, list):
                raise BadResponse(f"{self.client.site} sent a comment list that could not "
                                  "be read")
            items.extend(page)
            start += len(page)
            if not page or start >= int(doc.get("items_total") or 0):
                return items

    # -- sweep --------------------------------------------------------------------------------

    async def _sweep(self, cur: Cursor, now: float) -> AsyncIterator[Page]:
        hits = await self.client.search("the comments", [
            ("portal_type", COMMENT), ("metadata_fields", "review_state"),
            ("metadata_fields", "modified"), ("metadata_fields", "Creator")])
        seen: dict[str, str] = {}  # rid → state char, of what this account may see
        partial: list[PartialComment] = []
        unknown: list[dict[str, Any]] = []
        uids = await self._uids_of_hits(hits)
        for h in hits:
            state = str(h.get("review_state") or "")
            if state not in rec.STATUS or not visible(state, str(h.get("Creator") or ""), cur):
                continue
            post, cid = split_hit(self.client, h)
            uid = uids.get(post)
            if uid is None:
                continue
            r = rec.rid(uid, cid)
            old = cur.known.get(r)
            if old is None:
                unknown.append(h)  # became visible (published) or was missed: read it whole
                continue
            seen[r] = rec.STATE_CHAR[state] + old[1:]
            if old[:1] != seen[r][:1]:
                partial.append({"id": r, "status": rec.STATUS[state], "version": rec.version(
                    str(h.get("modified") or ""), state, old[1:])})
        unseen = {rec.rid(uids[p], c) for p, c in (split_hit(self.client, h) for h in unknown)}
        missing = set(cur.known) - set(seen) - unseen
        if cur.moderator:
            tombstones = [("comment", r) for r in sorted(missing)]
            sweep_ids: set[str] | None = set(seen) | unseen
        else:
            # Hidden, never buried: it may come back when it is published again.
            tombstones, sweep_ids = [], None
            partial += [{"id": r, "status": "hidden", "version": "vanished"}
                        for r in sorted(missing)]
        async for page in self._fetch(cur, unknown, final=lambda: None):
            yield page
        cur.known = {**seen, **{r: cur.known[r] for r in unseen if r in cur.known}}
        cur.swept_at = now

        def parse() -> Batch:
            return Batch(partial_comments=partial, tombstones=tombstones, sweep_ids=sweep_ids)

        yield Page(cursor=cur.to_json(), parse=parse)

    async def _uids_of_hits(self, hits: list[dict[str, Any]]) -> dict[str, str]:
        paths = sorted({split_hit(self.client, h)[0] for h in hits})
        out: dict[str, str] = {}
        for i in range(0, len(paths), 100):
            out.update(await self.post_uids(paths[i:i + 100]))
        return out
