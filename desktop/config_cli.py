"""``dialogue-desk config``: list, read, change and reset the declared settings.

Values are validated by their declaration (desktop/models/settings.py); a bad key or value is
one line on stderr and exit code 1. Writes go through the store's one writer, which also
triages the cached comments again when a rule or a reply deadline changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.services.errors import DeskError


def add_arguments(sub: Any) -> None:
    """The ``config`` command and its actions, on the main parser's subparsers."""
    cfg = sub.add_parser("config", help="list, show, change or reset settings")
    actions = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="every setting with its value, default and scope")
    lst.add_argument("--json", action="store_true")
    get = actions.add_parser("get", help="the value that applies (an area's, else the "
                                         "account's, else the app's, else the default)")
    get.add_argument("key")
    set_ = actions.add_parser("set", help="store a value (for one account or area with "
                                          "--account/--area)")
    set_.add_argument("key")
    set_.add_argument("value", help="seconds take 90, 15m, 2h or 1d; word lists are "
                                    "comma-separated")
    reset = actions.add_parser("reset", help="back to the default (only the given scope's "
                                             "value with --account/--area)")
    reset.add_argument("key")
    for p in (get, set_, reset):
        p.add_argument("--account")
        p.add_argument("--area")


async def run(desk: Any, args: argparse.Namespace) -> int:
    from desktop.models import settings

    try:
        if args.config_command == "list":
            _list(_rows(desk.settings), as_json=args.json)
            return 0
        s = settings.declaration(args.key)
        account, area = args.account, args.area
        settings.check_scope(s, account, area)
        if account and account not in desk.settings.accounts():
            raise DeskError(f"No account called '{account}'")
        if area:  # a name as the queue shows it, or the id; an area not synced yet by id
            known = desk.settings.areas(account) if account else []
            area = next((rid for rid, name in known if area in (rid, name)), area)
        if args.config_command == "get":
            value = desk.settings.get(s.key, account, area)
            print(s.format(value))
        elif args.config_command == "set":
            value = s.parse(args.value)
            await desk.settings.apply_async([settings.Change(s.key, value, account, area)])
            print(f"{s.key} = {s.format(value)}" + _where(account, area)
                  + (" (takes effect after a restart)" if s.restart else ""))
        else:
            await desk.settings.apply_async(_resets(desk.settings, s.key, account, area))
            print(f"{s.key} = {s.format(s.default)}" + _where(account, area)
                  + " (default)")
        return 0
    except settings.SettingError as exc:
        raise DeskError(str(exc)) from exc


def _where(account: str | None, area: str | None) -> str:
    if area:
        return f" for area {area} of {account}"
    return f" for {account}" if account else ""


def _resets(face: Any, key: str, account: str | None, area: str | None) -> list[Any]:
    """The stored values a reset removes: the named scope's, or every one of the key."""
    from desktop.models.settings import Change

    if account or area:
        return [Change(key, None, account, area)]
    return [Change(key, None, acc or None, ar or None)
            for k, acc, ar, _ in face.stored() if k == key]


def _rows(face: Any) -> list[dict[str, Any]]:
    from desktop.models.settings import SETTINGS

    stored: dict[str, list[dict[str, Any]]] = {}
    for key, account, area, value in face.stored():
        stored.setdefault(key, []).append(
            {"account": account or None, "area": area or None, "value": value})
    rows = []
    for s in SETTINGS.values():
        row: dict[str, Any] = {
            "key": s.key, "type": s.kind, "scope": s.scope, "group": s.group,
            "value": face.get(s.key), "default": s.default,
            "label": s.label.replace("&", ""), "help": s.help,
            "stored": stored.get(s.key, []),
        }
        if s.choices:
            row["choices"] = [c for c, _ in s.choices]
        if s.kind not in ("choice", "words", "patterns"):
            row["minimum"], row["maximum"] = s.minimum, s.maximum
        rows.append(row)
    return rows


def _list(rows: list[dict[str, Any]], *, as_json: bool) -> None:
    from desktop.models.settings import SETTINGS

    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    out = sys.stdout
    for row in rows:
        s = SETTINGS[row["key"]]
        default = "" if row["value"] == row["default"] else f"  (default {s.format(s.default)})"
        out.write(f"{row['key']} = {s.format(row['value'])}{default}  [{row['scope']}]\n")
        for st in row["stored"]:
            if st["account"]:
                out.write(f"    {_where(st['account'], st['area']).strip()}: "
                          f"{s.format(st['value'])}\n")
