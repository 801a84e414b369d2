"""End to end through the command line, against the demo intranet on 127.0.0.1."""

from __future__ import annotations

import uuid

import pytest
from demo_data import cli, cli_json, count, server_id

LANES = ("reply", "moderate", "acknowledge", "done", "snoozed")


@pytest.fixture
def synced(demo_server, tmp_path):
    """A profile with account 'demo' for mona (moderator), added and synced via the CLI."""
    profile = tmp_path / "p"
    token = demo_server.tokens["mona"]
    added = cli(profile, "account", "add", "--name", "demo", "--url", demo_server.url,
                "--user", "mona", stdin=token + "\n")
    assert added.returncode == 0, added.stderr
    assert "Added demo: mona (moderator)" in added.stdout
    # headless Linux has no keyring: said clearly, and the secret is not written anywhere
    assert "keyring" in added.stderr.lower()
    synced = cli(profile, "sync", secret=token)
    assert synced.returncode == 0, synced.stderr
    return profile, token


def test_lanes_match_the_servers_data(demo_server, synced):
    profile, token = synced
    lanes = {lane: cli_json(profile, "queue", "--lane", lane, "--limit", "100000",
                            secret=token) for lane in LANES}
    held_on_server = count(demo_server, "SELECT COUNT(*) FROM comments WHERE status = 'held'")
    held_in_lane = [i for i in lanes["moderate"] if i["reason"].startswith("Held for approval")]
    assert held_on_server > 0 and len(held_in_lane) == held_on_server
    flagged_on_server = count(
        demo_server, "SELECT COUNT(DISTINCT f.comment_id) FROM flags f JOIN comments c "
        "ON c.id = f.comment_id WHERE f.cleared_at IS NULL AND c.status = 'published'")
    flagged = [i for i in lanes["moderate"] if i["reason"].startswith("Flagged")]
    assert len(flagged) == flagged_on_server
    # every reply item is an unanswered published comment on the server
    assert lanes["reply"]
    for item in lanes["reply"]:
        assert item["status"] == "published" and "unanswered" in item["reason"]
        assert item["id"].startswith("demo:c") and item["url"].startswith(demo_server.url)
    # every item is in exactly one lane
    ids = [i["id"] for lane in LANES for i in lanes[lane]]
    assert len(ids) == len(set(ids))
    stats = cli_json(profile, "sync", secret=token)
    assert {k: stats["lanes"][k] for k in LANES} == {k: len(v) for k, v in lanes.items()}


def test_reply_lands_exactly_once_and_leaves_the_lane(demo_server, synced):
    profile, token = synced
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    text = f"Answer {uuid.uuid4()}"
    done = cli(profile, "reply", item["id"], "--text", text, secret=token)
    assert done.returncode == 0, done.stderr
    assert "reply done" in done.stdout
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{text}%") == 1
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ? AND "
                 "parent_id = ?", f"%{text}%", server_id(item["id"])) == 1
    remaining = {i["id"] for i in cli_json(profile, "queue", "--lane", "reply", "--limit",
                                           "100000", secret=token)}
    assert item["id"] not in remaining
    hits = cli_json(profile, "search", text.split()[1][:8], secret=token)
    assert any(h["excerpt"].startswith("Answer") for h in hits)


def test_moderate_like_and_lock(demo_server, synced):
    profile, token = synced
    moderate = cli_json(profile, "queue", "--lane", "moderate", "--limit", "1000", secret=token)
    held = next(i for i in moderate if i["reason"].startswith("Held"))
    assert cli(profile, "act", held["id"], "approve", secret=token).returncode == 0
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE id = ? AND status = "
                 "'published'", server_id(held["id"])) == 1
    ack = cli_json(profile, "queue", "--lane", "acknowledge", "--limit", "1", secret=token)[0]
    assert cli(profile, "act", ack["id"], "like", secret=token).returncode == 0
    assert count(demo_server, "SELECT COUNT(*) FROM likes l JOIN users u ON u.id = l.user_id "
                 "WHERE l.comment_id = ? AND u.username = 'mona'", server_id(ack["id"])) == 1
    locked = cli(profile, "act", ack["id"], "lock", secret=token)
    assert locked.returncode == 0, locked.stderr
    assert count(demo_server, "SELECT COUNT(*) FROM posts p JOIN comments c ON c.post_id = p.id "
                 "WHERE c.id = ? AND p.locked = 1", server_id(ack["id"])) == 1
    # unlock again so other tests can reply in that thread
    assert cli(profile, "act", ack["id"], "unlock", secret=token).returncode == 0
    outbox = cli_json(profile, "outbox", "--all", secret=token)
    assert [e["state"] for e in outbox] == ["done"] * 4


def test_local_marks(demo_server, synced):
    profile, token = synced
    first = cli_json(profile, "queue", "--lane", "reply", "--limit", "2", secret=token)
    assert cli(profile, "act", first[0]["id"], "done", secret=token).returncode == 0
    assert cli(profile, "act", first[1]["id"], "snooze", "--until", "2d",
               secret=token).returncode == 0
    assert [i["id"] for i in cli_json(profile, "queue", "--lane", "done", secret=token)] == [
        first[0]["id"]]
    snoozed = cli_json(profile, "queue", "--lane", "snoozed", secret=token)
    assert [i["id"] for i in snoozed] == [first[1]["id"]]
    assert snoozed[0]["reason"].startswith("Snoozed for")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("queue", "--lane", "nope"), "invalid choice"),
        (("act", "demo:c999999", "approve"), "No item demo:c999999"),
        (("act", "garbage", "approve"), "not an item id"),
        (("act", "demo:c1", "snooze", "--until", "yesterday-ish"), "is not a time"),
    ],
)
def test_user_errors_are_one_line(synced, args, message):
    profile, token = synced
    proc = cli(profile, *args, secret=token)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_wrong_token_and_wrong_url(demo_server, tmp_path):
    canary = "canary-" + uuid.uuid4().hex
    bad = cli(tmp_path / "p", "account", "add", "--name", "demo", "--url", demo_server.url,
              "--user", "mona", stdin=canary + "\n")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "token" in bad.stderr.lower() and canary not in bad.stderr + bad.stdout
    down = cli(tmp_path / "p", "account", "add", "--name", "demo", "--url",
               "http://127.0.0.1:9", "--user", "mona", stdin="x\n")
    assert down.returncode == 1 and "Traceback" not in down.stderr
    assert "127.0.0.1:9" in down.stderr
    assert cli(tmp_path / "p", "account", "list", "--json").stdout.strip() == "[]"
    for path in (tmp_path / "p").rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path


def test_sync_without_an_account_says_how_to_add_one(tmp_path):
    for args in (("sync",), ("sync", "--json")):
        proc = cli(tmp_path / "empty", *args)
        # an error (nothing was fetched), said in one line that names the way out
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout == ""
        [line] = proc.stderr.splitlines()
        assert "No account to sync" in line and "dialogue-desk account add" in line


def test_the_removed_view_from_the_command_line(demo_server, synced):
    profile, token = synced
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    assert cli(profile, "act", item["id"], "hide", secret=token).returncode == 0
    removed = cli_json(profile, "queue", "--lane", "removed", "--limit", "100000",
                       secret=token)
    [shown] = [i for i in removed if i["id"] == item["id"]]
    assert shown["status"] == "hidden"
    assert item["id"] not in {i["id"] for i in cli_json(profile, "queue", "--lane", "reply",
                                                         "--limit", "100000", secret=token)}
    restored = cli(profile, "act", item["id"], "restore", secret=token)
    assert restored.returncode == 0, restored.stderr
    assert item["id"] not in {i["id"] for i in cli_json(
        profile, "queue", "--lane", "removed", "--limit", "100000", secret=token)}
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE id = ? AND status = "
                 "'published'", server_id(item["id"])) == 1


def _iso_in(days: float) -> str:
    import time

    # a second on: the pinned time is whole seconds, the promise has milliseconds
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1 + days * 86400))


def _add(demo_server, profile, user: str) -> str:
    token = demo_server.tokens[user]
    added = cli(profile, "account", "add", "--name", "demo", "--url", demo_server.url,
                "--user", user, stdin=token + "\n")
    assert added.returncode == 0, added.stderr
    assert cli(profile, "sync", secret=token).returncode == 0
    return token


def test_a_promise_is_followed_up_until_kept(demo_server, synced, tmp_path, monkeypatch):
    """A promise → Follow-up → overdue (the CLI's clock pinned 9 days on) → kept by a later
    staff reply from another desk → out of the lane."""
    profile, token = synced
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    promise = f"Good point, I'll check with facilities ({uuid.uuid4().hex[:8]})."
    assert cli(profile, "reply", item["id"], "--text", promise, secret=token).returncode == 0
    [mine] = [i for i in cli_json(profile, "queue", "--lane", "followup", "--limit", "1000",
                                  secret=token) if i["excerpt"] == promise]
    assert mine["promised_by"] == "Mona Lindqvist"
    assert mine["promised_at"] and mine["due"] > mine["promised_at"]
    assert "due in 6 days" in mine["reason"] or "due in 7 days" in mine["reason"]
    monkeypatch.setenv("DIALOGUE_DESK_NOW", _iso_in(9))
    [late] = [i for i in cli_json(profile, "queue", "--lane", "followup", "--limit", "1000",
                                  secret=token) if i["excerpt"] == promise]
    assert late["reason"] == f"Promised by {mine['promised_by']} 9 days ago, due 2 days ago"
    monkeypatch.delenv("DIALOGUE_DESK_NOW")
    # Erik, on his own desk, answers in the thread; Mona's desk syncs: the promise is kept
    erik = tmp_path / "erik"
    erik_token = _add(demo_server, erik, "erik")
    done = cli(erik, "reply", item["id"], "--text", "It opens Monday: decided.",
               secret=erik_token)
    assert done.returncode == 0, done.stderr
    assert cli(profile, "sync", secret=token).returncode == 0
    left = cli_json(profile, "queue", "--lane", "followup", "--limit", "1000", secret=token)
    assert promise not in [i["excerpt"] for i in left]


def test_two_desks_answer_one_comment_once(demo_server, synced, tmp_path):
    """Mona and Erik reply to the same comment; Erik's goes first; Mona's desk, synced, holds
    hers as "already answered" until she sends it anyway or discards it."""
    profile, token = synced
    erik = tmp_path / "erik"
    erik_token = _add(demo_server, erik, "erik")
    item = cli_json(profile, "queue", "--lane", "reply", "--limit", "1", secret=token)[0]
    cli(erik, "sync", secret=erik_token)
    mine = f"Mona's answer {uuid.uuid4()}"
    queued = cli(profile, "reply", item["id"], "--text", mine, "--no-push", secret=token)
    assert queued.returncode == 0, queued.stderr
    his = f"Erik's answer {uuid.uuid4()}"
    assert cli(erik, "reply", item["id"], "--text", his, secret=erik_token).returncode == 0
    synced_ = cli(profile, "sync", secret=token)
    assert synced_.returncode == 0, synced_.stderr
    assert "1 held: already answered" in synced_.stdout
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{mine}%") == 0
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{his}%") == 1
    [entry] = [e for e in cli_json(profile, "outbox", "--json", secret=token)
               if e["text"] == mine]
    assert entry["state"] == "conflict" and entry["held_by"] == "Erik Solberg"
    listed = cli(profile, "outbox", secret=token).stdout
    assert "Already answered by Erik Solberg" in listed and " ago" in listed
    # discard: nothing goes; (retry would send it anyway, see test_conflicts)
    gone = cli(profile, "outbox", "--discard", str(entry["id"]), secret=token)
    assert gone.returncode == 0, gone.stderr
    assert cli(profile, "push", secret=token).returncode == 0
    assert count(demo_server, "SELECT COUNT(*) FROM comments WHERE body_html LIKE ?",
                 f"%{mine}%") == 0
