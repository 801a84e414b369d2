"""Read the demo server's own SQLite file (read-only) to check effects on the server."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any


def server_db(server: Any) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{server.data}?mode=ro", uri=True)


def server_id(key_or_rid: str) -> int:
    """``demo:c17`` or ``17`` → 17 (the demo's integer id)."""
    return int(re.sub(r"\D", "", key_or_rid.rsplit(":", 1)[-1]))


def count(server: Any, sql: str, *args: Any) -> int:
    conn = server_db(server)
    try:
        return int(conn.execute(sql, args).fetchone()[0])
    finally:
        conn.close()


def cli(profile: Path, *args: str, secret: str | None = None, stdin: str | None = None,
        account: str = "demo", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``dialogue-desk`` as a user would (a fresh process, the failing keyring of a headless
    Linux machine, the secret from the environment)."""
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("DIALOGUE_DESK_SECRET", None)
    if secret is not None:
        env[f"DIALOGUE_DESK_SECRET_{account.upper()}"] = secret
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(profile), *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=timeout, check=False,
    )


def cli_json(profile: Path, *args: str, secret: str | None = None) -> Any:
    proc = cli(profile, *args, "--json", secret=secret)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
