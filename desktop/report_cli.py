"""``dialogue-desk report``: the engagement figures of a period, as text, JSON or CSV.

Reads through the desk service (``DeskService.report`` and ``report_by_area``) on its
background runner; the figures and their definitions are ``desktop/models/insight.py``'s.
Dates are UTC: ``2026-11-01`` is its midnight, ``2026-11-01T12:30`` or a time with an offset
(``+01:00``) is that moment.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import sys
from typing import Any

from desktop.services.errors import DeskError


def add_arguments(sub: Any) -> None:
    """The ``report`` command, on the main parser's subparsers."""
    rep = sub.add_parser(
        "report", help="engagement figures of a period: first replies, unanswered input, "
                       "acknowledgement, first-time contributors, top posts, leaders")
    rep.add_argument("--account", help="one account (default: all)")
    rep.add_argument("--area", help="one area, by name or id (default: all)")
    rep.add_argument("--since", metavar="DATE",
                     help="start, included (YYYY-MM-DD[THH:MM[:SS]], UTC unless an offset "
                          "is given; default: 28 days before --until)")
    rep.add_argument("--until", metavar="DATE", help="end, excluded (default: now)")
    out = rep.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object")
    out.add_argument("--csv", action="store_true",
                     help="one row per area and a total row (the rankings are left out)")


def parse_date(text: str, option: str) -> float:
    """POSIX seconds of a date or date-time; naive ones are UTC."""
    try:
        when = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise DeskError(f"{option}: '{text}' is not a date (YYYY-MM-DD or "
                        f"YYYY-MM-DDTHH:MM)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp()


async def run(desk: Any, args: argparse.Namespace) -> int:
    since = parse_date(args.since, "--since") if args.since else None
    until = parse_date(args.until, "--until") if args.until else None
    if since is not None and until is not None and since >= until:
        raise DeskError("--since must be before --until")
    if since is not None and until is None:
        # a start alone means "from then until now", not the 28 days before now
        until = max(since + 1, datetime.datetime.now(datetime.UTC).timestamp())
    period = {"since": since, "until": until, "area": args.area, "account": args.account}
    await desk.ready()
    total = await desk.in_background(lambda: desk.report(**period))
    if args.csv:
        from desktop.models.insight import CSV_COLUMNS

        areas = await desk.in_background(lambda: desk.report_by_area(**period))
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in areas:
            writer.writerow(_csv(row.csv_row()))
        last = total.csv_row()
        last["area"] = "total" if args.area is None else args.area
        writer.writerow(_csv(last))
        return 0
    data = total.as_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(_text(data))
    return 0


def _csv(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "" if v is None else v for k, v in row.items()}


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _text(d: dict[str, Any]) -> str:
    lines = [
        f"{d['since']} – {d['until']}" + (f", area {d['area']}" if d["area"] else ""),
        f"Comments:                 {d['comments']}",
        f"First reply, median:      {_duration(d['first_reply_median_s'])}",
        f"First reply, 90 %:        {_duration(d['first_reply_p90_s'])}",
        f"Unanswered input:         {d['unanswered']}"
        + (f" (oldest {_duration(d['unanswered_oldest_s'])})" if d["unanswered"] else ""),
        f"Acknowledged:             {_share(d['acknowledged_share'])}",
        f"Followed up:              {_share(d['followed_up_share'])}",
        f"First-time contributors:  {d['first_time_contributors']} "
        f"({d['returning_first_timers']} came back)",
        f"Leaders:                  {d['leaders']['posts']} posts, "
        f"{d['leaders']['replies']} replies",
    ]
    if d["top_posts"]:
        lines.append("Top posts:")
        lines += [f"  {p['comments']:>5}  {p['title']}"
                  + (f" ({p['views']} views)" if p["views"] is not None else "")
                  for p in d["top_posts"]]
    if d["top_contributors"]:
        lines.append("Top contributors:")
        lines += [f"  {p['comments']:>5}  {p['author']}" for p in d["top_contributors"]]
    return "\n".join(lines)
