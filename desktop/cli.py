"""The command line: ``dialogue-desk [--profile DIR] COMMAND …``.

Without a command it opens the desk (the GUI). Every expected failure ends with a one-line
message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import __version__, config_cli, report_cli, templates_cli, watch_cli
from desktop.models import vocabulary
from desktop.paths import default_profile

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
LANE_CHOICES = vocabulary.VIEWS
ACT_CHOICES = vocabulary.ACTS


class CliError(Exception):
    pass


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default: this process's arguments)."""
    p = argparse.ArgumentParser(
        prog="dialogue-desk",
        description="Answer, moderate and acknowledge your intranet's conversations.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--profile", type=Path, default=None,
                   help="data directory (default: the platform's user data directory)")
    p.add_argument("--demo", action="store_true",
                   help="start the built-in demo intranet and open the desk on a demo profile")
    p.add_argument("--lang", default=None, help="user interface language (en, de, nb, "
                   "system); saved as the 'language' setting")
    p.add_argument("--style-dark", action="store_true", help="dark colours for this run")
    p.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo-server", help="run the built-in demo intranet")
    # Its options live in the demo server's module, which imports uvicorn and starlette
    # (~100 ms): only a command line that names it pays for that, not every start of the desk.
    if "demo-server" in (sys.argv[1:] if argv is None else argv):
        from desktop.demo import server as demo_server

        demo_server.add_arguments(demo)

    acc = sub.add_parser("account", help="add, list or remove accounts")
    acc_sub = acc.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    add = acc_sub.add_parser("add", help="connect an account (the secret is read from stdin "
                                         "or asked for, and verified before it is saved)")
    add.add_argument("--name", required=True)
    add.add_argument("--connector", default="reference",
                     help="reference (default), wordpress, or an installed plug-in")
    add.add_argument("--url", required=True)
    add.add_argument("--user", required=True)
    lst = acc_sub.add_parser("list", help="list accounts")
    lst.add_argument("--json", action="store_true")
    rm = acc_sub.add_parser("remove", help="forget an account and its local data")
    rm.add_argument("name")

    s = sub.add_parser("sync", help="fetch what is new from the server(s)")
    s.add_argument("--account")
    s.add_argument("--json", action="store_true")
    s.add_argument("--full", action="store_true",
                   help="re-read everything now, not at the account's interval (WordPress: "
                        "every comment, which also finds edits of old ones)")

    q = sub.add_parser("queue", help="list a lane with the reason for each item")
    q.add_argument("--lane", choices=LANE_CHOICES, default="reply",
                   help="a lane, or 'removed' (hidden, spam and deleted comments)")
    q.add_argument("--account")
    q.add_argument("--area")
    q.add_argument("--search")
    q.add_argument("--limit", type=int, default=200)
    q.add_argument("--json", action="store_true")

    se = sub.add_parser("search", help="full-text search over every cached post and comment")
    se.add_argument("text")
    se.add_argument("--limit", type=int, default=50)
    se.add_argument("--json", action="store_true")

    r = sub.add_parser("reply", help="reply to an item")
    r.add_argument("item")
    r.add_argument("--text", help="the reply; with --template, added after the saved reply")
    r.add_argument("--template", metavar="NAME", help="a saved reply (id or title), filled in "
                                                      "for the item in its language")
    r.add_argument("--no-push", action="store_true", help="only queue it; send with 'push'")

    a = sub.add_parser("act", help="moderate, like, or mark an item")
    a.add_argument("item")
    a.add_argument("action", choices=ACT_CHOICES)
    a.add_argument("--until", help="for snooze: 'tomorrow', 'next-week', '3h', '2d' or a date "
                                   "(YYYY-MM-DD[THH:MM])")
    a.add_argument("--no-push", action="store_true")

    d = sub.add_parser("decide", help="write a decision note on an item's thread: it keeps "
                                      "the thread's promises (they leave Follow-up)")
    d.add_argument("item")
    d.add_argument("--text", required=True)

    sub.add_parser("push", help="send queued actions").add_argument("--account")

    o = sub.add_parser("outbox", help="actions waiting, unknown, in conflict or failed")
    o.add_argument("--all", action="store_true", help="include actions already done")
    o.add_argument("--retry", type=int, metavar="ID", help="send a conflicted/failed action again")
    o.add_argument("--discard", type=int, metavar="ID", help="give up a conflicted/failed action")
    o.add_argument("--json", action="store_true")
    config_cli.add_arguments(sub)
    templates_cli.add_arguments(sub)
    watch_cli.add_arguments(sub)
    report_cli.add_arguments(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command == "reply" and args.text is None and args.template is None:
        parser.error("reply needs --text TEXT or --template NAME")
    if args.command is None:
        from desktop import app

        return app.main(args)
    if args.command == "demo-server":
        from desktop.demo import server as demo_server

        return demo_server.run_from_args(args)
    # A pinned clock, so a test or a demo can see Follow-up age: the reasons, overdue marks
    # and snooze times are read at this moment (ISO 8601, UTC); the records keep their own.
    args.now = None
    pinned = os.environ.get("DIALOGUE_DESK_NOW")
    if pinned:
        from desktop.models import timefmt

        try:
            args.now = timefmt.parse_iso(pinned)
        except ValueError:
            print(f"dialogue-desk: DIALOGUE_DESK_NOW={pinned!r} is not an ISO time",
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        return asyncio.run(_run(args))
    except CliError as exc:
        print(f"dialogue-desk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("dialogue-desk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`| head`): not an error worth a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


async def _run(args: argparse.Namespace) -> int:
    from desktop import tuning
    from desktop.models.db import DatabaseError
    from desktop.services.desk import DeskError, DeskService

    tuning.quiet_loggers()
    profile = args.profile or default_profile()
    try:
        desk = DeskService(profile)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    try:
        return await COMMANDS[args.command](desk, args)
    except DeskError as exc:
        raise CliError(str(exc)) from exc
    finally:
        await desk.aclose()


def _out(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _read_secret(name: str) -> str:
    env = os.environ.get("DIALOGUE_DESK_SECRET")
    if env:
        return env
    if sys.stdin is None or not sys.stdin.isatty():
        secret = (sys.stdin.readline() if sys.stdin else "").strip()
    else:
        secret = getpass.getpass(f"Token or password for {name}: ").strip()
    if not secret:
        raise CliError("no secret given (pipe it on standard input or type it at the prompt)")
    return secret


async def cmd_account(desk: Any, args: argparse.Namespace) -> int:
    if args.account_command == "add":
        secret = _read_secret(args.name)
        added = await desk.add_account(args.name, args.connector, args.url, args.user, secret)
        account, warnings = added.value
        for w in warnings:
            print(f"warning: {w}", file=sys.stderr)
        print(f"Added {account.name}: {account.username} ({account.role}) at {account.url}; "
              f"can {', '.join(sorted(account.capabilities)) or 'read only'}")
        return EXIT_OK
    if args.account_command == "list":
        accounts = await desk.list_accounts()
        if args.json:
            _out([a.as_json() for a in accounts])
        elif not accounts:
            print("No accounts. Add one with: dialogue-desk account add --name N --url URL "
                  "--user U")
        for a in accounts if not args.json else []:
            print(f"{a.name}\t{a.connector}\t{a.url}\t{a.username} ({a.role})")
        return EXIT_OK
    if not (await desk.remove_account(args.name)).value:
        raise CliError(f"No account called '{args.name}'")
    print(f"Removed {args.name}")
    return EXIT_OK


class _Bar:
    """A progress bar on a terminal; silent when stderr is not one."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.1:
            return
        self.last = now
        if total:
            frac = min(1.0, done / total)
            bar = "#" * int(frac * 30)
            sys.stderr.write(f"\rSyncing [{bar:<30}] {done:,}/{total:,}")
        else:
            sys.stderr.write(f"\rSyncing {done:,} records")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")


NO_ACCOUNT = ("No account to sync. Add one with: dialogue-desk account add --name N --url URL "
              "--user U")


async def cmd_sync(desk: Any, args: argparse.Namespace) -> int:
    # Nothing to fetch is not a success a script should go on with: exit 1, saying what to do.
    if not await desk.list_accounts():
        raise CliError(NO_ACCOUNT)
    bar = _Bar()
    try:
        # --full: re-read everything now (WordPress's sweep), whatever its interval
        results = await desk.sync(args.account, progress=bar, full=args.full)
    finally:
        bar.close()
    pushed = await desk.push(args.account)
    counts = desk.lane_counts(account=args.account)
    if args.json:
        _out({"accounts": [r.__dict__ for r in results], "lanes": counts,
              "pushed": [p.__dict__ for p in pushed]})
        return EXIT_OK
    for r in results:
        print(f"{r.account}: {r.records:,} records fetched in {r.pages} pages, "
              f"{r.seconds:.1f} s — "
              f"reply {counts['reply']}, moderate {counts['moderate']}, "
              f"acknowledge {counts['acknowledge']}")
    for p in pushed:
        if p.done or p.waiting or p.conflicts or p.failed:
            print(_push_line(p))
    return EXIT_OK


def _push_line(p: Any) -> str:
    line = (f"{p.account}: sent {p.done}, waiting {p.waiting}, conflicts {p.conflicts}, "
            f"failed {p.failed}")
    if p.held:
        line += f" ({p.held} held: already answered, see 'dialogue-desk outbox')"
    if p.stopped_by:
        line += f" ({p.stopped_by})"
    return line


async def cmd_queue(desk: Any, args: argparse.Namespace) -> int:
    await desk.healed()  # lanes as the window shows them once up (a crash may have left one)
    items = desk.queue_page(args.lane, account=args.account, area=args.area,
                            search=args.search, limit=args.limit)
    now = args.now or time.time()
    if args.json:
        _out([i.as_json(now) for i in items])
        return EXIT_OK
    if not items:
        print(f"Nothing in {args.lane}.")
    for i in items:
        flag = " [pending]" if i.pending else ""
        claim = i.claimed_by()
        if claim is not None:
            flag += " [you are replying]" if claim.mine else f" [{claim.name} is replying]"
        print(f"{i.key}\t{i.describe(now)}{flag}\n    {i.author} on “{i.post_title}”: "
              f"{i.excerpt}")
    return EXIT_OK


async def cmd_search(desk: Any, args: argparse.Namespace) -> int:
    await desk.healed()  # each hit names its lane
    hits = desk.search(args.text, limit=args.limit)
    if args.json:
        _out([h.as_json() for h in hits])
        return EXIT_OK
    if not hits:
        print("No matches.")
    for h in hits:
        lane = f" [{h.lane}]" if h.lane else ""
        print(f"{h.key}{lane}\t{h.author} on “{h.title}”: {h.excerpt}")
    return EXIT_OK


async def _queue_and_push(desk: Any, item: str, kind: str, *, text: str | None = None,
                          until: float | None = None, push: bool = True) -> int:
    entry = (await desk.act(item, kind, text=text, until=until)).value
    if entry is None:
        print(f"{item}: marked {kind}")
        return EXIT_OK
    if not push:
        print(f"{item}: {kind} queued (send with 'dialogue-desk push')")
        return EXIT_OK
    results = await desk.push(entry.account)
    state = _entry_state(desk, entry.id)
    if state == "done":
        print(f"{item}: {kind} done")
    elif state in ("queued", "unknown"):
        reason = results[0].stopped_by if results else None
        print(f"{item}: {kind} queued, will be sent when the server is reachable"
              + (f" ({reason})" if reason else "") + " — run 'dialogue-desk push' later")
    else:
        e = desk.outbox_entry(entry.id)
        if e is not None and e.held:
            raise CliError(f"{item}: {kind} held: {e.held_text()} — 'outbox --retry {e.id}' "
                           f"sends it anyway, 'outbox --discard {e.id}' drops it")
        raise CliError(f"{item}: {kind} {state}: {e.message if e else ''}")
    return EXIT_OK


def _entry_state(desk: Any, entry_id: int) -> str:
    e = desk.outbox_entry(entry_id)
    return e.state if e else "gone"


async def cmd_reply(desk: Any, args: argparse.Namespace) -> int:
    text = args.text
    if args.template is not None:
        text = templates_cli.reply_text(desk, args.item, args.template, args.text)
    return await _queue_and_push(desk, args.item, "reply", text=text,
                                 push=not args.no_push)


async def cmd_act(desk: Any, args: argparse.Namespace) -> int:
    if args.action in vocabulary.CLAIM_KINDS:
        return await _claim(desk, args)
    until = None
    if args.action == "snooze":
        until = parse_when(args.until or "tomorrow")
    elif args.until:
        raise CliError("--until goes with snooze only")
    return await _queue_and_push(desk, args.item, args.action, until=until,
                                 push=not args.no_push)


async def _claim(desk: Any, args: argparse.Namespace) -> int:
    """Claims go to the server now or not at all (a stale claim is worse than none)."""
    if args.until:
        raise CliError("--until goes with snooze only")
    if args.action == "release":
        await desk.release(args.item)
        print(f"{args.item}: released")
        return EXIT_OK
    claim = (await desk.claim(args.item)).value
    until = time.strftime("%H:%M", time.localtime(claim.expires_at))
    print(f"{args.item}: claimed until {until} — others see that you are replying")
    return EXIT_OK


async def cmd_decide(desk: Any, args: argparse.Namespace) -> int:
    kept = (await desk.decide(args.item, args.text)).value
    print(f"{args.item}: decision noted" + (f", {kept} promise(s) kept" if kept else ""))
    return EXIT_OK


async def cmd_push(desk: Any, args: argparse.Namespace) -> int:
    results = await desk.push(args.account)
    for p in results:
        print(_push_line(p))
    return EXIT_OK


async def cmd_outbox(desk: Any, args: argparse.Namespace) -> int:
    if args.retry is not None:
        if not (await desk.retry(args.retry)).value:
            raise CliError(f"Action {args.retry} cannot be retried (unknown id or in flight)")
        print(f"Action {args.retry} will be sent again with the next push"
              + (" (sent anyway: it was held as already answered)"
                 if (e := desk.outbox_entry(args.retry)) and e.payload.get("send_anyway") else ""))
        return EXIT_OK
    if args.discard is not None:
        if not (await desk.discard(args.discard)).value:
            raise CliError(f"Action {args.discard} cannot be discarded (only conflicted or "
                           "failed actions can)")
        print(f"Action {args.discard} discarded")
        return EXIT_OK
    states = None if args.all else ("queued", "in_flight", "unknown", "conflict", "failed")
    entries = desk.outbox_entries(states)
    if args.json:
        _out([e.as_json() for e in entries])
        return EXIT_OK
    if not entries:
        print("The outbox is empty: everything has been sent.")
    for e in entries:
        detail = f" — {e.held_text() or e.message}" if e.message else ""
        print(f"#{e.id}\t{e.state}\t{e.kind}\t{e.item}{detail}")
    return EXIT_OK


def parse_when(text: str, now: float | None = None) -> float:
    """A snooze time as the command line takes it (vocabulary.parse_when)."""
    try:
        return vocabulary.parse_when(text, now)
    except vocabulary.BadTime as exc:
        raise CliError(str(exc)) from exc


COMMANDS = {
    "account": cmd_account,
    "sync": cmd_sync,
    "queue": cmd_queue,
    "search": cmd_search,
    "reply": cmd_reply,
    "act": cmd_act,
    "decide": cmd_decide,
    "push": cmd_push,
    "outbox": cmd_outbox,
    "config": config_cli.run,
    "templates": templates_cli.run,
    "watch": watch_cli.run,
    "report": report_cli.run,
}
