"""Sync from Plone: areas, posts and comments from the catalogue, then the sweep.

- areas = folders; users from ``@users`` when the account may list them (Manager, Site
  Administrator), else the people the sync meets (comment authors as employees, post creators
  as editors: on an intranet those who publish run it);
- posts = Documents and News Items by ``modified``, read whole (body, discussion on or off);
  a first sync takes them from the catalogue's metadata (the description for a body) and
  leaves the whole reads to the next sweep (``Cursor.bodies``);
- comments = Discussion Items by ``modified``; both with an overlap window (the DateIndex
  keeps minutes, not seconds): the store writes only what changed (``version``). Bodies come
  from the items' ``@comments`` (the catalogue keeps 25 words), the state from the catalogue
  (``@comments`` has none);
- a moderator's first sync may walk the items instead (``Walk``): every post's
  ``@comments``, with the states of the unpublished comments from one catalogue search.
  Plone spends about as long on a catalogue hit as on a comment in a list (~1 ms), and on a
  comment list's request about what six hits cost: where there are many comments per post,
  reading every state from the catalogue nearly doubles a first sync's server time
  (5,000 comments: 2 searches of ~1,000 hits in all instead of 11 of 500);
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
from collections.abc import AsyncIterator, Awaitable, Callable
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
# One item's comment list costs about what six catalogue hits cost (measured, 2026-12): the
# walk is taken when the catalogue holds at least this many comments per item.
WALK_COST = 6
HELD_STATES = ("pending", "rejected", "spam")  # comment_review_workflow's other states


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
    bodies: list[str] = dataclasses.field(default_factory=list)  # post UIDs to read whole

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


@dataclasses.dataclass
class Walk:
    """What a walk needs from the catalogue, read before the first comment list."""

    # The newest comment's ``modified`` (the DateIndex sorts by the minute: the newest
    # minute's comments come in any order): comments after that minute wait for the next sync.
    newest: float
    total: int  # comments in the catalogue then
    held: dict[str, dict[str, str]]  # item path → comment id → state, of the unpublished


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
        self._posts_whole = False  # every post was read in this pull (its paths are known)

    async def pull(self, cur: Cursor) -> AsyncIterator[Page]:
        now = self.clock()
        done = 0
        self._seen_uids, self._folders, self._posts_whole = {}, None, False
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
            async for page in self._bodies(cur):
                done += 1
                page.done = done
                yield page

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
        # A first sync takes the posts from the catalogue, one request per 500, where reading
        # them whole costs one per 20 and a tenth of its server time (5,000 comments on 109
        # items, measured); their bodies and discussion flags come with the next sweep.
        whole = self._posts_whole = cur.posts_hwm is None
        fields = ("UID", "modified", "created", "Creator") if whole else ("UID", "modified")
        hits = await self.client.search("the posts", [
            *(("portal_type", t) for t in POST_TYPES), ("sort_on", "modified"),
            *(("metadata_fields", f) for f in fields), *self._since(cur.posts_hwm)])
        if not hits:
            return
        areas = await self._area_uids()
        if whole:
            cur.bodies = [str(h["UID"]) for h in hits if h.get("UID")]
        for i in range(0, len(hits), POSTS_PER_PAGE):
            chunk = hits[i:i + POSTS_PER_PAGE]
            if not whole:
                chunk = await self._whole_posts([str(h["UID"]) for h in chunk])
            if i + POSTS_PER_PAGE >= len(hits):
                cur.posts_hwm = max([rec.ts(h.get("modified")) for h in hits] +
                                    [cur.posts_hwm or 0.0])
            yield self._posts_page(cur, chunk, areas, summary=whole)

    async def _bodies(self, cur: Cursor) -> AsyncIterator[Page]:
        """The posts a first sync took from the catalogue, read whole (body, discussion on
        or off), POSTS_PER_PAGE a request; the cursor keeps what is left."""
        if not cur.bodies:
            return
        areas = await self._area_uids()
        while cur.bodies:
            docs = await self._whole_posts(cur.bodies[:POSTS_PER_PAGE])
            del cur.bodies[:POSTS_PER_PAGE]  # a post gone meanwhile is simply not found
            yield self._posts_page(cur, docs, areas, summary=False)

    async def _whole_posts(self, uids: list[str]) -> list[dict[str, Any]]:
        return await self.client.search("the posts", [*(("UID", u) for u in uids),
                                                      ("fullobjects", "1")])

    def _posts_page(self, cur: Cursor, docs: list[dict[str, Any]], areas: dict[str, str],
                    *, summary: bool) -> Page:
        posts = []
        for doc in docs:
            path = self.client.path_of(str(doc.get("@id") or ""))
            if doc.get("UID"):
                self._seen_uids[path] = str(doc["UID"])
            area = areas.get(path.rpartition("/")[0])
            posts.append(rec.post_summary(doc, area) if summary else rec.post(doc, area))
        if not summary and cur.bodies:
            read = {p["id"] for p in posts}
            cur.bodies = [u for u in cur.bodies if u not in read]
        users: list[UserRecord] = [
            {"id": a, "username": a, "display_name": a, "role": "editor", "areas": []}
            for a in sorted({p["author_id"] for p in posts if p["author_id"]} - set(cur.roles))]
        for u in users:
            cur.roles[u["id"]] = u["role"]
        return Page(cursor=cur.to_json(),
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
        if whole and cur.moderator and self._posts_whole:
            walk = await self._plan_walk()
            if walk is not None:
                async for page in self._walk(cur, now, walk):
                    yield page
                return
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
        wanted: dict[str, dict[str, str]] = {}  # post path → cid → state
        for h in hits:
            state = str(h.get("review_state") or "")
            creator = str(h.get("Creator") or "")
            if state not in rec.STATUS or not visible(state, creator, cur):
                continue
            post, cid = split_hit(self.client, h)
            wanted.setdefault(post, {})[cid] = state

        def pick(path: str, item: dict[str, Any]) -> str | None:
            return wanted[path].get(str(item.get("comment_id")))

        async for page in self._read_items(cur, list(wanted), pick, final):
            yield page

    async def _plan_walk(self) -> Walk | None:
        """What a walk needs, or None when the catalogue route costs less (few comments per
        item) or when comments are in states this connector does not know."""
        base = [("portal_type", COMMENT)]
        total, newest = await self.client.peek("the comments", [
            *base, ("sort_on", "modified"), ("sort_order", "descending"),
            ("metadata_fields", "modified")])
        if not total or not newest or len(self._seen_uids) * WALK_COST > total:
            return None
        published, _ = await self.client.peek("the comments",
                                               [*base, ("review_state", "published")])
        hits = await self.client.search("the comments", [
            *base, *(("review_state", s) for s in HELD_STATES),
            ("metadata_fields", "review_state")])
        if published + len(hits) < total:
            return None  # another state (or a deletion meanwhile): the catalogue route
        held: dict[str, dict[str, str]] = {}
        for h in hits:
            post, cid = split_hit(self.client, h)
            held.setdefault(post, {})[cid] = str(h.get("review_state") or "")
        return Walk(newest=rec.ts(newest[0].get("modified")), total=total, held=held)

    async def _walk(self, cur: Cursor, now: float, walk: Walk) -> AsyncIterator[Page]:
        """Every post's comments (and those of the items the unpublished ones are on); a
        comment the unpublished search did not name was published when it ran. Comments
        changed after the count are left to the next sync (``modified`` ≥ its high-water
        mark); those of the newest minute are read, and ``settle`` corrects the state of any
        that came in unpublished after the search."""
        paths = [*self._seen_uids, *sorted(set(walk.held) - set(self._seen_uids))]
        read = 0
        after = (walk.newest // 60 + 1) * 60

        def pick(path: str, item: dict[str, Any]) -> str | None:
            nonlocal read
            if rec.ts(item.get("modification_date")) >= after:
                return None
            read += 1
            return walk.held.get(path, {}).get(str(item.get("comment_id")), "published")

        def final() -> None:
            cur.comments_hwm = walk.newest
            # Comments on items that are not posts (an Event, say) are not walked: then the
            # sweep, due at once, reads the catalogue and fetches them.
            if read >= walk.total:
                cur.swept_at = now
                self.sweeps_done = self.sweeps_asked

        async def settle() -> list[PartialComment]:
            """Comments unpublished since the newest minute, as they are now: one that came
            in pending while the items were read was taken for published."""
            hits = await self.client.search("the comments", [
                ("portal_type", COMMENT), *(("review_state", s) for s in HELD_STATES),
                ("metadata_fields", "review_state"), ("metadata_fields", "modified"),
                *self._since(walk.newest)])
            uids = await self.post_uids(sorted({split_hit(self.client, h)[0] for h in hits}))
            partial: list[PartialComment] = []
            for h in hits:
                post, cid = split_hit(self.client, h)
                state = str(h.get("review_state") or "")
                r = rec.rid(uids.get(post, ""), cid)
                old = cur.known.get(r)
                if old is None or state not in rec.STATE_CHAR or \
                        old[:1] == rec.STATE_CHAR[state]:
                    continue
                cur.known[r] = rec.STATE_CHAR[state] + old[1:]
                partial.append({"id": r, "status": rec.STATUS[state], "version": rec.version(
                    str(h.get("modified") or ""), state, old[1:])})
            return partial

        async for page in self._read_items(cur, paths, pick, final, settle):
            yield page

    async def _read_items(self, cur: Cursor, paths: list[str],
                          pick: Callable[[str, dict[str, Any]], str | None],
                          final: Callable[[], None],
                          settle: Callable[[], Awaitable[list[PartialComment]]] | None = None
                          ) -> AsyncIterator[Page]:
        """The comments of these items that ``pick`` gives a state, POSTS_PER_PAGE items a
        page; only the last page carries the advanced cursor: an interrupted run repeats."""
        resume = cur.to_json()
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
                    state = pick(path, item)
                    if state is None:
                        continue
                    record = rec.comment(item, uid, state, post_url)
                    comments.append(record)
                    cur.known[record["id"]] = rec.STATE_CHAR[state] + rec.text_crc(item)
                    a = rec.author(item, cur.roles)
                    authors[a["id"]] = a
            last = i + POSTS_PER_PAGE >= len(paths)
            partial = await settle() if last and settle else []
            if last:
                final()
            users = list(authors.values())
            yield Page(cursor=cur.to_json() if last else resume,
                       parse=functools.partial(Batch, comments=comments, users=users,
                                               partial_comments=partial))

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
