"""Seed a fresh Plone site (plonenv.start calls ``seed(env, seed)``) over its REST API.

Deterministic for a seed: the same users, folders (areas), Documents and News Items with
discussion allowed, threads with replies, and comments in every moderation state — published,
pending, rejected, spam — some with hostile bodies from tests/hostile_corpus.py. Returns a
summary (ids and counts by state) that the tests compare with what the server says.
"""

from __future__ import annotations

import html
import importlib.util
import random
import re
import secrets
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "tests" / "hostile_corpus.py"

# login -> (roles, full name)
USERS: dict[str, tuple[tuple[str, ...], str]] = {
    "siteadmin": (("Site Administrator",), "Siri Site-Admin"),
    "reviewer1": (("Reviewer",), "Rita Reviewer"),
    "editor1": (("Editor", "Contributor"), "Eva Editor"),
    "member1": (("Member",), "Mona Member"),
    "member2": (("Member",), "Mats Member"),
    "member3": (("Member",), "Mia Member"),
}
AREAS = (("team-news", "Team news"), ("hr", "HR and people"), ("it-help", "IT help"))
POSTS_PER_AREA = 3  # two News Items and a Document
MEMBERS = ("member1", "member2", "member3")
STATES = ("published", "pending", "rejected", "spam")


def _hostile(rng: random.Random, count: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("dialogue_desk_hostile_corpus", CORPUS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bodies = module.hostile_bodies([Path("/nonexistent/dd-canary")], "http://127.0.0.1:9/canary")
    # Plone keeps at most a few thousand characters readable in a list; long ones are fine too.
    return rng.sample([b for b in bodies if len(b) < 4000], count)


def seed(env: Any, seed: int, pe: Any) -> dict[str, Any]:
    """``pe`` is the plonenv module (its HTTP helpers); ``env`` gains the seeded users."""
    api, PloneUser = pe.api, pe.PloneUser
    rng = random.Random(seed)
    for login, (roles, fullname) in USERS.items():
        password = secrets.token_urlsafe(12)
        api(env, "POST", f"{env.url}/@users", "admin", body={
            "username": login, "email": f"{login}@example.com", "password": password,
            "fullname": fullname, "roles": list(roles)})
        env.users[login] = PloneUser(login, password, roles, fullname)

    areas: dict[str, str] = {}
    posts: list[dict[str, str]] = []
    for slug, title in AREAS:
        _, _, doc = api(env, "POST", env.url, "admin",
                        body={"@type": "Folder", "id": slug, "title": title})
        api(env, "POST", f"{env.url}/{slug}/@workflow/publish", "admin")
        areas[slug] = doc["UID"]
        for n in range(POSTS_PER_AREA):
            kind = "Document" if n == POSTS_PER_AREA - 1 else "News Item"
            # editor1 owns the IT help posts: "a post's creator on their own post".
            author = "editor1" if slug == "it-help" else "admin"
            pid = f"{slug}-{kind.lower().replace(' ', '-')}-{n + 1}"
            _, _, doc = api(env, "POST", f"{env.url}/{slug}", author, body={
                "@type": kind, "id": pid, "title": f"{title}: {kind} {n + 1}",
                "description": f"Seeded {kind} {n + 1} in {title}",
                "text": {"data": f"<p>{kind} {n + 1} of {title}.</p>",
                         "content-type": "text/html"},
                "allow_discussion": True})
            api(env, "POST", f"{env.url}/{slug}/{pid}/@workflow/publish", "admin")
            posts.append({"uid": doc["UID"], "path": f"{slug}/{pid}", "area": slug})

    # Comments: members start threads (pending under moderation), the reviewer publishes most
    # of them and answers some; a few are rejected or marked spam; one post has none.
    hostile = _hostile(rng, 6)
    comments: list[dict[str, Any]] = []
    counter = 0
    for post in posts[:-1]:
        for _ in range(rng.randint(2, 4)):
            counter += 1
            member = rng.choice(MEMBERS)
            text = hostile.pop() if hostile and rng.random() < 0.3 else \
                f"Question {counter} from {member}: {rng.choice(_PHRASES)}"
            api(env, "POST", f"{env.url}/{post['path']}/@comments", member, body={"text": text})
            comments.append({"post": post, "author": member, "text": text, "parent": None})
    # A pending comment's id is in no answer (Location only for published ones): list them.
    _attach_ids(env, pe, comments)
    token = pe.csrf_token(env, "admin")
    for c in comments:
        state = rng.choices(STATES, weights=(6, 2, 1, 1))[0]
        if state != "pending":
            action = {"published": "publish", "rejected": "reject", "spam": "mark_as_spam"}[state]
            pe.moderate(env, c["post"]["path"], c["id"], action, "admin", token)
        c["state"] = state
    replies = []
    for c in [c for c in comments if c["state"] == "published"][::2]:
        counter += 1
        text = f"Answer {counter}: {rng.choice(_ANSWERS)}"
        api(env, "POST", f"{env.url}/{c['post']['path']}/@comments/{c['id']}", "reviewer1",
            body={"text": text})
        replies.append({"post": c["post"], "author": "reviewer1", "text": text,
                        "parent": c["id"], "state": "published"})
    _attach_ids(env, pe, replies)
    everything = comments + replies
    counts = {s: sum(1 for c in everything if c["state"] == s) for s in STATES}
    return {
        "areas": areas,
        "posts": posts,
        "comments": [{"post": c["post"]["uid"], "path": c["post"]["path"], "id": c["id"],
                      "parent": c["parent"], "author": c["author"], "state": c["state"],
                      "text": c["text"]} for c in everything],
        "counts": counts,
        "hostile": sum(1 for c in everything if c["text"].startswith("<") or "<" in c["text"]),
    }


def _attach_ids(env: Any, pe: Any, comments: list[dict[str, Any]]) -> None:
    by_path: dict[str, list[dict[str, Any]]] = {}
    for c in comments:
        by_path.setdefault(c["post"]["path"], []).append(c)
    for path, group in by_path.items():
        items = pe.list_comments(env, path, "admin")
        for c in group:
            match = [i for i in items if i["author_username"] == c["author"]
                     and i["in_reply_to"] == c["parent"] and _same_text(i, c["text"])]
            if len(match) != 1:
                raise RuntimeError(f"seeded comment not found once on {path}: {c['text'][:60]!r}")
            c["id"] = match[0]["comment_id"]


def _same_text(item: dict[str, Any], text: str) -> bool:
    # The list carries the comment rendered as HTML (text/plain → escaped, with <br />):
    # compare the raw text the server keeps via the plain rendering of both.
    data = item.get("text", {}).get("data") or ""
    plain = html.unescape(re.sub(r"<br\s*/?>", "\n", data))
    plain = re.sub(r"<[^>]+>", "", plain)
    return " ".join(plain.split()) == " ".join(text.split()) or text in html.unescape(data)


_PHRASES = (
    "when does the new canteen open?", "is the VPN down again?", "who approves travel costs?",
    "can we get the slides from Friday?", "the printer on floor 3 jams — any news?",
    "how many vacation days carry over?", "why was the meeting moved?",
    "Ærlig talt: fungerer ikke dette på mobil?", "Grüße aus Köln — läuft das Update heute?",
)
_ANSWERS = (
    "thanks, we are on it.", "see the updated page.", "yes, from Monday.",
    "please open a ticket.", "the slides are attached to the post.",
)
