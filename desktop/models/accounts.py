"""Accounts live in state.db (never their secrets: those are in the keyring only)."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

from desktop.models import db as dbmod
from desktop.models.keys import valid_account_name
from desktop.models.store import Store


class AccountError(Exception):
    """A problem with an account name or record a person can fix."""


@dataclasses.dataclass(frozen=True)
class Account:
    name: str
    connector: str
    url: str
    username: str
    user_id: str = ""
    display_name: str = ""
    role: str = ""
    areas: tuple[str, ...] = ()
    capabilities: frozenset[str] = frozenset()
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def moderation_scope(self) -> str:
        return str(self.settings.get("moderation_scope", "all"))

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "connector": self.connector,
            "url": self.url,
            "username": self.username,
            "role": self.role,
            "areas": list(self.areas),
            "capabilities": sorted(self.capabilities),
        }


_COLUMNS = ("name", "connector", "url", "username", "user_id", "display_name", "role", "areas",
            "capabilities", "settings")


def _from_row(row: tuple[Any, ...]) -> Account:
    name, connector, url, username, user_id, display, role, areas, caps, settings = row
    return Account(
        name=name, connector=connector, url=url, username=username, user_id=user_id or "",
        display_name=display or "", role=role or "", areas=tuple(json.loads(areas or "[]")),
        capabilities=frozenset(json.loads(caps or "[]")), settings=json.loads(settings or "{}"),
    )


def list_accounts(store: Store) -> list[Account]:
    rows = store.state.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM accounts ORDER BY name"
    ).fetchall()
    return [_from_row(r) for r in rows]


def get_account(store: Store, name: str) -> Account | None:
    row = store.state.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM accounts WHERE name = ?", (name,)
    ).fetchone()
    return _from_row(row) if row else None


def save_account(store: Store, account: Account) -> None:
    if not valid_account_name(account.name):
        raise AccountError(
            f"'{account.name}' cannot be an account name: use letters, digits, '.', '-' or '_'"
        )
    with dbmod.transaction(store.state):
        store.state.execute(
            f"INSERT INTO accounts ({', '.join(_COLUMNS)}, created_at) "
            f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:]),
            (account.name, account.connector, account.url, account.username, account.user_id,
             account.display_name, account.role, json.dumps(list(account.areas)),
             json.dumps(sorted(account.capabilities)), json.dumps(account.settings), time.time()),
        )
    store.set_identity(account.name, account.user_id, account.username, account.role,
                       account.areas, account.moderation_scope)


def remove_account(store: Store, name: str) -> bool:
    """Forget an account, its outbox, marks and cached records."""
    with dbmod.transaction(store.state):
        cur = store.state.execute("DELETE FROM accounts WHERE name = ?", (name,))
        store.state.execute("DELETE FROM outbox WHERE account = ?", (name,))
        store.state.execute("DELETE FROM marks WHERE account = ?", (name,))
        store.state.execute("DELETE FROM drafts WHERE item LIKE ?", (name + ":%",))
    acct = store.acct_id(name)
    if acct is not None:
        with dbmod.transaction(store.cache):
            for table in ("comments", "posts", "users", "areas", "tombstones", "claims"):
                store.cache.execute(f"DELETE FROM {table} WHERE acct = ?", (acct,))
            store.cache.execute("DELETE FROM sources WHERE id = ?", (acct,))
            store.cache.execute("INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')")
            store.cache.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")
        store.forget_account(name)
    return cur.rowcount > 0
