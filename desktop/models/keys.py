"""Item keys: stable ids built from the account name and the server's id.

``intranet:c1042`` is comment 1042 of account "intranet"; ``intranet:p17`` is post 17. The same
key names the same item in every profile that calls the account by the same name.
"""

from __future__ import annotations

import re

_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_PREFIX = {"comment": "c", "post": "p"}
_ENTITY = {v: k for k, v in _PREFIX.items()}


class BadKey(ValueError):
    pass


def valid_account_name(name: str) -> bool:
    return bool(_ACCOUNT.match(name))


def make(account: str, entity: str, rid: str) -> str:
    return f"{account}:{_PREFIX[entity]}{rid}"


def parse(key: str) -> tuple[str, str, str]:
    """``"acc:c12"`` → ``("acc", "comment", "12")``; raises BadKey with a readable message."""
    account, sep, rest = key.partition(":")
    if not sep or not valid_account_name(account) or len(rest) < 2 or rest[0] not in _ENTITY:
        raise BadKey(f"'{key}' is not an item id (expected ACCOUNT:c<id> or ACCOUNT:p<id>)")
    return account, _ENTITY[rest[0]], rest[1:]
