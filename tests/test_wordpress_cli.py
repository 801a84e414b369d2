"""The whole round trip through the command line against the real WordPress.

A new profile, ``account add --connector wordpress`` with the application password on stdin,
sync, the lanes, every moderation action, a reply, and a second sync after changes made
directly in WordPress. Headless Linux has no keyring, so every command also gets the secret in
``DIALOGUE_DESK_SECRET_WP`` (what a user without a keyring does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from wordpress_env import WpEnv, wp_add_comment, wp_db_query, wp_php  # the fixture: conftest

pytestmark = pytest.mark.wordpress
ROOT = Path(__file__).resolve().parent.parent


def _ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


class Cli:
    def __init__(self, profile: Path, secret: str) -> None:
        self.profile = profile
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUE_DESK")}
        self.env.update(DIALOGUE_DESK_SECRET_WP=secret, QT_QPA_PLATFORM="offscreen",
                        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")

    def __call__(self, *args: str, stdin: str = "", ok: bool = True
                 ) -> subprocess.CompletedProcess[str]:
        res = subprocess.run([sys.executable, "-m", "desktop", "--profile", str(self.profile),
                              *args], input=stdin, capture_output=True, text=True, check=False,
                             env=self.env, cwd=ROOT, timeout=60)
        if ok:
            assert res.returncode == 0, res.stderr
        return res

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json").stdout)


def _status(env: WpEnv, cid: int) -> str | None:
    rows = wp_db_query(env, f"SELECT comment_approved FROM wp_comments WHERE comment_ID = {cid}")
    return rows[0][0] if rows else None


def test_round_trip_through_the_cli(wordpress: WpEnv, tmp_path: Path) -> None:
    editor = wordpress.users["editor1"]
    cli = Cli(tmp_path / "profile", editor.app_password)
    post = wordpress.seed["posts"][1]
    tag = uuid.uuid4().hex[:8]
    held = [wp_add_comment(wordpress, post, f"Held {i} {tag}", status="0", date_gmt=_ago(3))
            for i in range(3)]
    question = wp_add_comment(wordpress, post, f"When does it start {tag}?", date_gmt=_ago(4))
    trash_me = wp_add_comment(wordpress, post, f"Trash me {tag}", date_gmt=_ago(4))

    # -- connect: verified before it is saved; a wrong password is refused with a hint.
    bad = cli("account", "add", "--name", "wp", "--connector", "wordpress", "--url",
              wordpress.url, "--user", "editor1", stdin="wrong-password\n", ok=False)
    assert bad.returncode == 1 and "application password" in bad.stderr
    added = cli("account", "add", "--name", "wp", "--connector", "wordpress", "--url",
                wordpress.url, "--user", "editor1", stdin=editor.app_password + "\n")
    assert "editor1 (editor)" in added.stdout and "like" not in added.stdout
    assert editor.app_password not in added.stdout + added.stderr

    # -- sync: the lanes match what WordPress holds.
    cli("sync")
    moderate = {i["id"] for i in cli.json("queue", "--lane", "moderate", "--limit", "5000")}
    hold_in_db = {f"wp:c{r[0]}" for r in wp_db_query(
        wordpress, "SELECT comment_ID FROM wp_comments WHERE comment_approved = '0'")}
    assert hold_in_db <= moderate
    assert all(f"wp:c{h}" in moderate for h in held)
    reply = {i["id"] for i in cli.json("queue", "--lane", "reply", "--limit", "5000")}
    assert {f"wp:c{q}" for q in wordpress.seed["comments"]["unanswered_questions"]} <= reply
    assert f"wp:c{question}" in reply

    # -- act: each one lands on WordPress exactly once.
    text = f"It starts on Monday ({tag})."
    cli("reply", f"wp:c{question}", "--text", text)
    rows = wp_db_query(wordpress, "SELECT comment_parent, user_id, comment_approved FROM "
                                  f"wp_comments WHERE comment_content = '{text}'")
    assert rows == [(str(question), str(editor.id), "1")]
    cli("act", f"wp:c{held[0]}", "approve")
    cli("act", f"wp:c{held[1]}", "spam")
    cli("act", f"wp:c{trash_me}", "delete")
    assert [_status(wordpress, c) for c in (held[0], held[1], trash_me)] == ["1", "spam", "trash"]
    cli("act", f"wp:c{trash_me}", "restore")
    assert _status(wordpress, trash_me) == "1"  # WordPress restores the status before trash
    cli("act", f"wp:c{held[2]}", "lock")
    assert wp_db_query(wordpress, f"SELECT comment_status FROM wp_posts WHERE ID = {post}") \
        == [("closed",)]
    cli("act", f"wp:c{held[2]}", "unlock")
    assert wp_db_query(wordpress, f"SELECT comment_status FROM wp_posts WHERE ID = {post}") \
        == [("open",)]
    like = cli("act", f"wp:c{question}", "like", ok=False)
    assert like.returncode == 1 and "may not like" in like.stderr
    assert cli.json("outbox") == []  # nothing waiting, in conflict or failed

    cli("sync")
    reply = {i["id"] for i in cli.json("queue", "--lane", "reply", "--limit", "5000")}
    moderate = {i["id"] for i in cli.json("queue", "--lane", "moderate", "--limit", "5000")}
    assert f"wp:c{question}" not in reply  # answered
    assert f"wp:c{held[0]}" not in moderate and f"wp:c{held[1]}" not in moderate
    assert f"wp:c{held[2]}" in moderate

    # -- changes made directly in WordPress show up with the next sync.
    wp_php(wordpress, f"wp_set_comment_status({held[2]}, 'approve');"
                      f"wp_update_comment(['comment_ID' => {trash_me}, "
                      f"'comment_content' => 'Edited in wpadmin {tag}']);"
                      f"wp_delete_comment({held[1]}, true);")
    new_q = wp_add_comment(wordpress, post, f"Another question {tag}?")
    staff = wp_add_comment(wordpress, post, f"Staff says hi {tag}", parent=new_q, user="admin")
    cli("sync")
    moderate = {i["id"] for i in cli.json("queue", "--lane", "moderate", "--limit", "5000")}
    reply = {i["id"] for i in cli.json("queue", "--lane", "reply", "--limit", "5000")}
    assert f"wp:c{held[2]}" not in moderate
    assert f"wp:c{new_q}" not in reply  # staff answered it in WordPress
    assert {h["id"] for h in cli.json("search", f"Staff says hi {tag}")} == {f"wp:c{staff}"}
    assert cli.json("search", f"Held 1 {tag}") == []  # purged in WordPress: gone here too
    # An edit changes no count: a plain sync does not see it before the hourly sweep;
    # --full re-reads every comment now.
    assert cli.json("search", f"wpadmin {tag}") == []
    cli("sync", "--full")
    hits = {h["id"] for h in cli.json("search", f"wpadmin {tag}")}
    assert hits == {f"wp:c{trash_me}"}
