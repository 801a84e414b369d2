"""Truth on WordPress: figures of ``dialogue-desk report --json`` that WordPress can tell equal
the same figures counted in its MariaDB, and posts have no view count (null, never 0)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from wordpress_env import WpEnv, wp_db_query  # the fixture: conftest

pytestmark = pytest.mark.wordpress
ROOT = Path(__file__).resolve().parent.parent


def _cli(profile: Path, secret: str, *args: str, stdin: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUE_DESK")}
    env.update(DIALOGUE_DESK_SECRET_WP=secret, QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    res = subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile), *args],
                         input=stdin, capture_output=True, text=True, check=False, env=env,
                         cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_report_counts_equal_wordpress(wordpress: WpEnv, tmp_path: Path) -> None:
    editor = wordpress.users["editor1"]
    profile = tmp_path / "profile"
    _cli(profile, editor.app_password, "account", "add", "--name", "wp", "--connector",
         "wordpress", "--url", wordpress.url, "--user", "editor1",
         stdin=editor.app_password + "\n")
    _cli(profile, editor.app_password, "sync")
    # WordPress marks no leaders: the setting names them
    _cli(profile, editor.app_password, "config", "set", "leaders", "editor1", "--account", "wp")
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    since = until - timedelta(days=90)
    got = json.loads(_cli(profile, editor.app_password, "report", "--since",
                          since.strftime("%Y-%m-%dT%H:%M:%S"), "--until",
                          until.strftime("%Y-%m-%dT%H:%M:%S"), "--json"))
    period = (f"c.comment_approved = '1' AND c.comment_type IN ('comment', '') "
              f"AND c.comment_date_gmt >= '{since:%Y-%m-%d %H:%M:%S}' "
              f"AND c.comment_date_gmt < '{until:%Y-%m-%d %H:%M:%S}'")
    base = "FROM wp_comments c JOIN wp_posts p ON p.ID = c.comment_post_ID"
    (comments,), = wp_db_query(wordpress, f"SELECT COUNT(*) {base} WHERE {period}")
    assert int(comments) > 0 and got["comments"] == int(comments)
    top = wp_db_query(wordpress, f"SELECT p.ID, COUNT(*) AS n {base} WHERE {period} "
                                 f"GROUP BY p.ID ORDER BY n DESC, p.ID LIMIT 10")
    assert [(p["id"], p["comments"]) for p in got["top_posts"]] == [
        (f"wp:p{pid}", int(n)) for pid, n in top]
    assert all(p["views"] is None for p in got["top_posts"])  # WordPress does not count
    (mine,), = wp_db_query(wordpress, f"SELECT COUNT(*) {base} WHERE {period} "
                                      f"AND c.user_id = {editor.id}")
    assert int(mine) > 0 and got["leaders"]["replies"] == int(mine)
