"""The ambassador's patch: a profile written as a sync writes it, with threads and posts made
to be (or not be) quiet, silent, new; the model's answer and the view (Ctrl+Shift+P)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk_fixtures import Desk, desk_fixture, open_desk_fixture, qloop_fixture  # noqa: F401
from PySide6.QtCore import Qt

from desktop.models import patch as patchmod
from desktop.models.store import Store
from desktop.services.connectors.base import Batch, Page

NOW = time.time()
DAY = 86400.0


def _post(rid: str, area: str, age: float, body: str = "<p>News</p>") -> dict[str, Any]:
    return {"id": rid, "area_id": area, "author_id": "u1", "title": f"Post {rid}",
            "body_html": body, "created_at": NOW - age * DAY, "version": "1"}


def _comment(rid: str, post: str, author: str, age: float, text: str,
             parent: str | None = None) -> dict[str, Any]:
    row = {"id": rid, "post_id": post, "author_id": author, "body_html": f"<p>{text}</p>",
           "created_at": NOW - age * DAY, "version": "1"}
    if parent:
        row["parent_id"] = parent
    return row


def build(profile: Path, areas: list[str]) -> None:
    store = Store(profile)
    try:
        store.set_identity("intra", "u1", "amb", "ambassador", areas)
        store.begin_sync("intra")
        users = [{"id": "u1", "username": "amb", "display_name": "Amb", "role": "ambassador",
                  "areas": areas},
                 {"id": "u2", "username": "old", "display_name": "Old Timer", "role": "employee"},
                 {"id": "u3", "username": "new", "display_name": "New Person",
                  "role": "employee"}]
        posts = [_post("1", "a1", 40), _post("2", "a1", 30), _post("3", "a1", 20),
                 _post("4", "a2", 20), _post("5", "a1", 5, "<p>Who knows?</p>"),
                 _post("6", "a1", 5), _post("7", "a1", 1), _post("8", "a1", 200)]
        comments = [
            _comment("10", "1", "u2", 39, "Old news"),
            _comment("11", "1", "u2", 10, "When does it open?"),  # quiet question (a1)
            _comment("20", "2", "u2", 29, "Nice"), _comment("21", "2", "u2", 28, "Really"),
            _comment("22", "2", "u2", 12, "Indeed"),  # quiet discussion, 3 comments
            _comment("30", "3", "u2", 15, "Thanks"),  # quiet but one plain comment: not listed
            _comment("40", "4", "u2", 10, "Where is it?"),  # quiet question in a2
            _comment("50", "1", "u3", 2, "First time here: hi"),  # a new person, this week
            _comment("51", "1", "u2", 3, "Me again"),
            _comment("52", "1", "u1", 2, "Welcome!", parent="50"),  # mine: not "came in"
            _comment("80", "8", "u2", 150, "Ancient?"),  # older than RECENT: history
        ]
        batch = Batch(areas=[{"id": "a1", "name": "News"}, {"id": "a2", "name": "HR"}],
                      users=users, posts=posts, comments=comments)
        store.apply_page("intra", Page(cursor="1", parse=lambda: batch, done=1, total=1))
        store.finish_sync("intra")
    finally:
        store.close()


def _read(profile: Path) -> patchmod.Patch:
    store = Store(profile, readonly=True)
    try:
        return patchmod.patch(store, now=NOW)
    finally:
        store.close()


def test_an_ambassadors_patch(tmp_path: Path) -> None:
    build(tmp_path / "p", ["a1"])
    p = _read(tmp_path / "p")
    assert p.areas == ("News",)
    # post 1's last comment (10 days) is newer than 7 days? no: 50/51/52 are 2-3 days old
    assert [(q.title, q.kind, q.comments) for q in p.quiet] == [
        ("Post 2", "discussion", 3)]
    assert [q.key for q in p.quiet] == ["intra:c22"]
    assert [(s.title, s.suggestion) for s in p.silent] == [
        ("Post 5", "mention"), ("Post 6", "question")]  # post 7 is a day old
    assert p.week.came_in == 2 and p.week.input == 2 and p.week.new_people == ("New Person",)
    assert p.week.answered == 1  # the ambassador answered the newcomer


def test_everyone_else_sees_every_area_and_the_setting_counts(tmp_path: Path) -> None:
    from desktop.models.settings import Change, apply_changes

    build(tmp_path / "p", [])
    p = _read(tmp_path / "p")
    assert p.areas == ()
    assert [q.title for q in p.quiet] == ["Post 4", "Post 2"]  # newest quiet first
    store = Store(tmp_path / "p")
    try:
        apply_changes(store, [Change("patch_quiet_days", 11, account="intra")])
    finally:
        store.close()
    assert [q.title for q in _read(tmp_path / "p").quiet] == ["Post 2"]


def test_the_patch_view_by_keyboard(qtbot: Any, desk: Desk) -> None:
    qtbot.waitUntil(lambda: desk.window.started)
    qtbot.keyClick(desk.window, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = desk.window._patch
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert dialog.patch is not None
    assert dialog.week.count() == 3
    assert dialog.focusWidget() is dialog.quiet  # the keyboard starts in the quiet list
    if dialog.patch.quiet:
        key = dialog.patch.quiet[0].key
        opened: list[str] = []
        dialog._open_item = opened.append
        qtbot.keyClick(dialog.quiet, Qt.Key.Key_Return)
        assert opened == [key]
