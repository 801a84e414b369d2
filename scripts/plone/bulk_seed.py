"""Add many comments to a Plone site fast, inside the instance's own Python (not over HTTP).

Run by plonenv.bulk_seed while the WSGI server is stopped (ZODB's FileStorage has one
writer):

    zconsole run INSTANCE/etc/zope.conf bulk_seed.py SITE_ID COMMENTS POSTS SEED OUT.json

``app`` (the Zope root) is given by zconsole. Creates POSTS News Items in a folder "bulk"
and COMMENTS comments spread over them (a fifth are replies), through plone.app.discussion's
own API, so the workflow and the catalogue index them as for a comment made on the web:
80 % published, 15 % pending, 3 % rejected, 2 % spam. Every date in the site, the seeded ones
included, is moved into the past (the newest an hour ago), as on a site in steady use: a
sync "now" then has nothing new within its overlap window. Writes what it made to OUT.json.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from DateTime import DateTime
from plone.app.discussion.interfaces import IConversation
from Products.CMFCore.utils import getToolByName
from Testing.makerequest import makerequest
from zope.component import createObject
from zope.component.hooks import setSite

MEMBERS = ("member1", "member2", "member3")
STATES = (("published", 80), ("pending", 15), ("rejected", 3), ("spam", 2))
# Made by the admin, a comment is published at once (the workflow's automatic transition for
# reviewers): the other states are reached from there.
TRANSITION = {"pending": "recall", "rejected": "reject", "spam": "mark_as_spam"}
WORDS = ("canteen", "printer", "VPN", "travel", "budget", "slides", "holiday", "parking",
         "laptop", "badge", "training", "meeting", "update", "mobile", "office")


def main(root: Any, argv: list[str]) -> dict[str, Any]:
    site_id, total, n_posts, seed, out = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), \
        argv[4]
    rng = random.Random(seed)
    t0 = time.monotonic()
    root = makerequest(root)
    admin = root.acl_users.getUser("admin")
    newSecurityManager(None, admin.__of__(root.acl_users))
    site = root[site_id]
    setSite(site)
    wf = getToolByName(site, "portal_workflow")
    catalog = getToolByName(site, "portal_catalog")

    if "bulk" not in site:
        site.invokeFactory("Folder", "bulk", title="Bulk discussions")
        wf.doActionFor(site["bulk"], "publish")
    folder = site["bulk"]
    posts = []
    for n in range(n_posts):
        pid = f"bulk-news-{n + 1}"
        folder.invokeFactory("News Item", pid, title=f"Bulk news {n + 1}",
                             description=f"News item {n + 1} with many comments")
        item = folder[pid]
        item.allow_discussion = True
        wf.doActionFor(item, "publish")
        posts.append(item)

    now = datetime.now(UTC)
    newest = now - timedelta(hours=1)
    span = timedelta(days=60).total_seconds()
    states = [s for s, _ in STATES]
    weights = [w for _, w in STATES]
    counts = dict.fromkeys(states, 0)
    made: list[tuple[Any, str]] = []  # (post, comment id) for the replies to pick parents
    for i in range(total):
        post = posts[i % n_posts]
        conversation = IConversation(post)
        comment = createObject("plone.Comment")
        author = rng.choice(MEMBERS)
        comment.text = f"Comment {i + 1} by {author} about the {rng.choice(WORDS)}: " \
                       f"{'any news?' if rng.random() < 0.4 else 'thanks for the update.'}"
        comment.mime_type = "text/plain"
        comment.author_username = comment.creator = author
        comment.author_name = author.capitalize()
        comment.author_email = f"{author}@example.com"
        # Older first, so a reply is never older than what it answers.
        when = newest - timedelta(seconds=span * (1 - i / total))
        comment.creation_date = comment.modification_date = when
        same_post = [cid for p, cid in made[-3 * n_posts:] if p is post]
        if same_post and rng.random() < 0.2:
            comment.in_reply_to = int(rng.choice(same_post))
        cid = conversation.addComment(comment)
        state = rng.choices(states, weights)[0]
        if state != "published":
            wf.doActionFor(conversation[cid], TRANSITION[state])
        counts[state] += 1
        made.append((post, str(cid)))
        if (i + 1) % 1000 == 0:
            transaction.savepoint(optimistic=True)
    added = time.monotonic() - t0

    # Everything into the past (the small seed of plonenv too): Documents, News Items, folders,
    # ten minutes apart, as items edited one by one.
    for n, brain in enumerate(catalog.unrestrictedSearchResults(
            portal_type=["Document", "News Item", "Folder"])):
        obj = brain._unrestrictedGetObject()
        obj.setModificationDate(DateTime(newest.timestamp() - 3600 - 600 * n))
        obj.reindexObject(idxs=["modified"])
    early = newest - timedelta(days=61)
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        obj = brain._unrestrictedGetObject()
        if obj.modification_date > newest:
            obj.creation_date = obj.modification_date = early
            obj.reindexObject(idxs=["modified", "created"])
    transaction.commit()
    summary = {"comments": total, "posts": n_posts, "counts": counts,
               "seconds_add": round(added, 2),
               "seconds_total": round(time.monotonic() - t0, 2)}
    with open(out, "w") as fh:
        json.dump(summary, fh)
    return summary


if __name__ == "__main__" or "app" in globals():
    # zconsole leaves its own arguments in sys.argv before ours
    print(json.dumps(main(globals()["app"], sys.argv[-5:])))
