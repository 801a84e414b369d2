"""The dashboard (Ctrl+D) shows what ``dialogue-desk report --json`` prints, on the same
profile synced from the demo intranet; charts have their tables; export writes CSV and PNG."""

from __future__ import annotations

import csv
import datetime
import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo_data import cli_json
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    desk_fixture,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


def _hms(seconds: int | None) -> str:
    """The table's duration, written out independently of the view's formatter."""
    if seconds is None:
        return "–"
    d, h, m, s = seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60, seconds % 60
    return (f"{d} d " if d else "") + f"{h:02d}:{m:02d}:{s:02d}"


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.1f} %"


def _open(qtbot: Any, desk: Desk) -> Any:
    qtbot.waitUntil(lambda: desk.window.started)
    qtbot.keyClick(desk.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = getattr(desk.window, "_dashboard", None)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _shown(table: Any) -> dict[str, str]:
    return {table.item(r, 0).data(Qt.ItemDataRole.UserRole): table.item(r, 1).text()
            for r in range(table.rowCount())}


def test_numbers_shown_equal_the_reports(qtbot: Any, desk: Desk) -> None:
    dialog = _open(qtbot, desk)
    today = datetime.datetime.now(datetime.UTC).date()
    checked = 0
    for first, last, area in ((today - datetime.timedelta(days=27), today - datetime.timedelta(days=1), None),
                              (today - datetime.timedelta(days=13), today - datetime.timedelta(days=1), 1)):
        if area is not None:
            dialog.area.setCurrentIndex(area)  # the first named area
        dialog.set_range(first, last)
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        args = ["report", "--since", first.isoformat(),
                "--until", (last + datetime.timedelta(days=1)).isoformat()]
        if dialog.area.currentData() is not None:
            args += ["--area", dialog.area.currentData()]
        want = cli_json(desk.profile, *args)
        shown = _shown(dialog.figures)
        assert shown == {
            "comments": str(want["comments"]),
            "first_reply_median_s": _hms(want["first_reply_median_s"]),
            "first_reply_p90_s": _hms(want["first_reply_p90_s"]),
            "unanswered": str(want["unanswered"]),
            "unanswered_oldest_s": _hms(want["unanswered_oldest_s"]),
            "acknowledged_share": _pct(want["acknowledged_share"]),
            "followed_up_share": _pct(want["followed_up_share"]),
            "first_time_contributors": str(want["first_time_contributors"]),
            "returning_first_timers": str(want["returning_first_timers"]),
            "leader_posts": str(want["leaders"]["posts"]),
            "leader_replies": str(want["leaders"]["replies"]),
        }
        posts = [(dialog.top_posts.item(r, 0).text(), int(dialog.top_posts.item(r, 1).text()))
                 for r in range(dialog.top_posts.rowCount())]
        assert posts == [(p["title"], p["comments"]) for p in want["top_posts"]]
        people = [(dialog.top_people.item(r, 0).text(), int(dialog.top_people.item(r, 1).text()))
                  for r in range(dialog.top_people.rowCount())]
        assert people == [(p["author"], p["comments"]) for p in want["top_contributors"]]
        # the weekly table adds up to the period's comments
        table = dialog.charts["comments"].table
        assert sum(int(table.item(r, 1).text()) for r in range(table.rowCount())) == \
            want["comments"]
        checked += want["comments"]
    assert checked > 0, "the demo intranet had no comments in the periods: nothing compared"


def test_tables_toggle_and_export(qtbot: Any, desk: Desk, tmp_path: Any) -> None:
    dialog = _open(qtbot, desk)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    chart = dialog.charts["first_reply"]
    assert chart.currentWidget() is chart.view
    dialog.as_tables.setFocus()
    qtbot.keyClick(dialog.as_tables, Qt.Key.Key_Space)
    assert chart.currentWidget() is chart.table
    assert chart.table.rowCount() == len(dialog.weekly) > 0

    png = tmp_path / "d.png"
    assert dialog.export_png(str(png))
    assert chart.currentWidget() is chart.table  # the tables stay on after the export
    image = QImage(str(png))
    assert image.width() > 300 and image.height() > 200

    out = tmp_path / "d.csv"
    dialog.export_csv(str(out))
    qtbot.waitUntil(out.exists, timeout=20_000)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[-1]["area"] == "total"
    assert int(rows[-1]["comments"]) == dialog.report.comments
    assert sum(int(r["comments"]) for r in rows[:-1]) == dialog.report.comments


def test_chart_colours_follow_the_palette(qtbot: Any, desk: Desk) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    app = QGuiApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Base, QColor(20, 20, 20))
    dark.setColor(QPalette.ColorRole.WindowText, QColor(240, 240, 240))
    app.setPalette(dark)
    try:
        dialog = _open(qtbot, desk)
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        chart = dialog.charts["comments"].chart
        assert chart.backgroundBrush().color() == QColor(20, 20, 20)
        assert chart.titleBrush().color() == QColor(240, 240, 240)
    finally:
        app.setPalette(before)


def test_the_shortcuts_dialog_lists_the_dashboard_and_the_patch(qtbot: Any, desk: Desk) -> None:
    from desktop.views.actions import shortcut_table

    rows = dict(shortcut_table(desk.window.actions_))
    assert rows["Ctrl+D"] == "Dashboard…"
    assert rows["Ctrl+Shift+P"] == "My patch…"
