"""``dialogue-desk templates …`` and ``reply ITEM --template`` through real processes against
the demo intranet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from demo_data import cli, cli_json, count, server_id


@pytest.fixture
def synced(demo_server: Any, tmp_path: Path) -> tuple[Path, str]:
    profile = tmp_path / "p"
    token = demo_server.tokens["erik"]
    added = cli(profile, "account", "add", "--name", "demo", "--url", demo_server.url,
                "--user", "erik", stdin=token + "\n")
    assert added.returncode == 0, added.stderr
    assert cli(profile, "sync", secret=token).returncode == 0
    return profile, token


def test_reply_with_a_template_lands_once_filled(demo_server: Any, synced: Any,
                                                 tmp_path: Path) -> None:
    profile, token = synced
    team = tmp_path / "team.json"
    marker = "ticket-7f3a"
    team.write_text(json.dumps({"version": 1, "templates": [{
        "id": "e2e", "title": {"en": "E2E"},
        "body": {lang: f"{marker} {lang} {{first_name}} | {{post_title}} | {{my_name}}"
                 for lang in ("en", "de", "nb")}}]}), encoding="utf-8")
    imported = cli(profile, "templates", "import", str(team))
    assert imported.returncode == 0, imported.stderr
    listed = cli_json(profile, "templates", "list")
    assert "e2e" in [t["id"] for t in listed] and len(listed) == 7  # six defaults kept

    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    done = cli(profile, "reply", item["id"], "--template", "e2e", "--text", "PS: see you",
               secret=token)
    assert done.returncode == 0, done.stderr
    assert "reply done" in done.stdout
    rows = _replies_with(demo_server, marker)
    assert len(rows) == 1
    body, parent = rows[0]
    assert parent == server_id(item["id"])
    first = item["author"].split()[0]
    assert f"{first} | {item['post_title']} | Erik" in body and "PS: see you" in body
    assert "{" not in body
    # once on the whole server, not only under this comment
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{marker}%") == 1


def _replies_with(server: Any, marker: str) -> list[tuple[str, int]]:
    from demo_data import server_db

    conn = server_db(server)
    try:
        return conn.execute("SELECT body_html, parent_id FROM comments WHERE body_html LIKE ?",
                            (f"%{marker}%",)).fetchall()
    finally:
        conn.close()


def test_unknown_template_and_bad_file_are_one_line_and_change_nothing(
        demo_server: Any, synced: Any, tmp_path: Path) -> None:
    profile, token = synced
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    unknown = cli(profile, "reply", item["id"], "--template", "no-such-reply", secret=token)
    assert unknown.returncode == 1
    assert unknown.stderr.count("\n") == 1 and "No saved reply called 'no-such-reply'" in \
        unknown.stderr
    assert cli_json(profile, "outbox", "--all") == []  # nothing queued

    before = cli_json(profile, "templates", "list")
    bad = tmp_path / "bad.json"
    bad.write_text('{"templates": [{"id": "x", "body": {"fr": "Merci"}}]}', encoding="utf-8")
    refused = cli(profile, "templates", "import", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "unknown language 'fr'" in refused.stderr
    assert cli_json(profile, "templates", "list") == before

    out = tmp_path / "export.json"
    exported = cli(profile, "templates", "export", str(out))
    assert exported.returncode == 0 and "Exported 6" in exported.stdout
    assert [t["id"] for t in json.loads(out.read_text())["templates"]] == \
        [t["id"] for t in before]
    neither = cli(profile, "reply", item["id"])
    assert neither.returncode == 2 and "--template" in neither.stderr
