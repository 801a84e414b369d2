"""``dialogue-desk templates list|import|export`` and the text of ``reply ITEM --template``.

Everything goes through the desk service's templates (services/templates.py). A bad file, an
unknown template or item is one line on stderr and exit code 1; an import that fails changes
nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.services.errors import DeskError


def add_arguments(sub: Any) -> None:
    """The ``templates`` command and its actions, on the main parser's subparsers."""
    t = sub.add_parser("templates", help="saved replies: list, import or export them")
    actions = t.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="every saved reply with its titles")
    lst.add_argument("--json", action="store_true")
    imp = actions.add_parser("import", help="add the replies of a JSON file (one with the "
                                            "same id is replaced; none is removed)")
    imp.add_argument("file", type=Path)
    exp = actions.add_parser("export", help="write every saved reply to a JSON file to share")
    exp.add_argument("file", type=Path)


async def run(desk: Any, args: argparse.Namespace) -> int:
    templates = desk.templates
    if args.templates_command == "list":
        every = templates.all()
        if args.json:
            print(json.dumps([t.as_json() for t in every], ensure_ascii=False, indent=2))
            return 0
        lang = templates.interface_language()
        for t in every:
            unknown = t.unknown_placeholders()
            note = f"  [unknown placeholder {braced(unknown)}]" \
                if unknown else ""
            print(f"{t.id}\t{t.title_in(lang)}{note}")
        if not every:
            print("No saved replies. Import some with: dialogue-desk templates import FILE")
        return 0
    if args.templates_command == "import":
        n = (await templates.import_file(args.file)).value
        print(f"Imported {n} saved {'reply' if n == 1 else 'replies'} from {args.file}")
        for t in templates.all():
            unknown = t.unknown_placeholders()
            if unknown:
                print(f"warning: '{t.id}' has unknown placeholders "
                      f"{braced(unknown)}: they are kept as written",
                      file=sys.stderr)
        return 0
    n = templates.export_file(args.file)
    print(f"Exported {n} saved {'reply' if n == 1 else 'replies'} to {args.file}")
    return 0


def braced(names: list[str]) -> str:
    return ", ".join("{" + n + "}" for n in names)


def reply_text(desk: Any, item: str, name: str, extra: str | None) -> str:
    """The text of ``reply ITEM --template NAME [--text EXTRA]``: the template filled for the
    item in its language, then the extra text after a blank line."""
    template = desk.templates.find(name)
    if template is None:
        raise DeskError(f"No saved reply called '{name}' (see 'dialogue-desk templates list')")
    reply = desk.templates.reply(template, item)
    left = [*reply.filled.unknown, *reply.filled.missing]
    if left:
        print(f"warning: {braced(left)} left as written "
              f"(unknown, or nothing to fill it with for {item})", file=sys.stderr)
    text = reply.text.strip()
    if extra and extra.strip():
        text = f"{text}\n\n{extra.strip()}"
    return text
