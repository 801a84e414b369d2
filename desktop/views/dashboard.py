"""The dashboard (Ctrl+D): the figures of issue 17 for an area and a period, their trend by
week as charts, the top posts and contributors, the leaders' activity.

The figures are read on the desk service's background runner (``DeskService.dashboard``), so
the view paints at once with "Computing…" and fills in when they arrive; a newer request
(another area or period) makes an older answer stale. Every chart has a table of the same
numbers ("Show as tables", Alt+T) for screen readers and keyboard users; the tables show
durations to the second and shares to 0.1 %, so what they show is what ``report`` prints.
Colours come from the application palette, so dark mode works.
"""

from __future__ import annotations

import csv
import datetime
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, QTimeZone, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.models.insight import Figures, Report

DAY = 86400
PERIODS = (7, 28, 90)  # days; 0 in the combo: a chosen range
KEY_ROLE = Qt.ItemDataRole.UserRole


# --- how numbers are shown (the tables are exact; the tiles round) --------------------------

def exact_duration(seconds: int | None) -> str:
    """``1 d 02:03:04``, ``00:05:00``; "–" for none: exact to the second."""
    if seconds is None:
        return "–"
    days, rest = divmod(int(seconds), DAY)
    text = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    return f"{days} d {text}" if days else text


def short_duration(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * DAY:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / DAY:.1f} d"


def share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _hours(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


# --- one chart with its table ---------------------------------------------------------------

class TrendChart(QStackedWidget):
    """A chart of per-week series (page 0) and the same numbers as a table (page 1)."""

    def __init__(self, name: str, title: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{name}")
        self.title, self.kind = title, kind  # kind: "bar" or "line"
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table is the keyboard's way in
        self.view.setMinimumSize(320, 200)
        self.view.setAccessibleName(title)
        self.table = QTableWidget(self)
        self.table.setObjectName(f"table-{name}")
        self.table.setAccessibleName(title)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.addWidget(self.view)
        self.addWidget(self.table)

    def set_data(self, weeks: Sequence[str], series: Sequence[tuple[str, list[float | None]]],
                 shown: Callable[[float | None], str], *, ceiling: float | None = None) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        colours = _series_colours()
        top = max((v for _, values in series for v in values if v is not None), default=0.0)
        x = QBarCategoryAxis()
        x.append([f"W{w.split('-W')[-1]}" for w in weeks])  # 2026-W49 -> W49
        y = QValueAxis()
        y.setRange(0, ceiling if ceiling is not None else max(1.0, top * 1.1))
        y.applyNiceNumbers()
        y.setLabelFormat("%.0f" if top >= 10 or ceiling else "%.1f")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        if self.kind == "bar":
            bars = QBarSeries()
            for i, (label, values) in enumerate(series):
                bar_set = QBarSet(label)
                bar_set.append([v or 0.0 for v in values])
                bar_set.setColor(colours[i % len(colours)])
                bar_set.setBorderColor(colours[i % len(colours)])
                bars.append(bar_set)
            self.chart.addSeries(bars)
            bars.attachAxis(x)
            bars.attachAxis(y)
        else:
            for i, (label, values) in enumerate(series):
                line = QLineSeries()
                line.setName(label)
                for n, v in enumerate(values):
                    if v is not None:  # a week without data is a gap, not a zero
                        line.append(float(n), float(v))
                line.setColor(colours[i % len(colours)])
                self.chart.addSeries(line)
                line.attachAxis(x)
                line.attachAxis(y)
        _paint_chart(self.chart)
        self.table.clear()
        self.table.setColumnCount(1 + len(series))
        self.table.setRowCount(len(weeks))
        self.table.setHorizontalHeaderLabels(
            [QGuiApplication.translate("Dashboard", "Week")] + [s[0] for s in series])
        for row, week in enumerate(weeks):
            self.table.setItem(row, 0, QTableWidgetItem(week))
            for col, (_, values) in enumerate(series, start=1):
                self.table.setItem(row, col, QTableWidgetItem(shown(values[row])))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)


def _series_colours() -> list[QColor]:
    """The palette's accent colours, without repeats (a light palette's accent is often its
    highlight), so two series never share a colour."""
    pal = QGuiApplication.palette()
    roles = (QPalette.ColorRole.Highlight, QPalette.ColorRole.Accent, QPalette.ColorRole.Link,
             QPalette.ColorRole.LinkVisited, QPalette.ColorRole.PlaceholderText)
    colours: list[QColor] = []
    for role in roles:
        colour = pal.color(role)
        if all(abs(colour.hue() - c.hue()) > 20 or abs(colour.value() - c.value()) > 60
               for c in colours):
            colours.append(colour)
    return colours


def _paint_chart(chart: QChart) -> None:
    """Background, titles, axes and legend in the palette's colours (light or dark)."""
    pal = QGuiApplication.palette()
    text, mid = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
    chart.setPlotAreaBackgroundVisible(False)
    chart.setTitleBrush(text)
    legend = chart.legend()
    legend.setLabelColor(text)
    legend.setVisible(len(chart.series()) > 1 or any(
        isinstance(s, QBarSeries) and s.count() > 1 for s in chart.series()))
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setLinePenColor(mid)
        axis.setGridLineColor(mid)


# --- the dialog -------------------------------------------------------------------------------

class DashboardDialog(QDialog):
    _read = Signal(str, int, object)  # what, generation, result or exception: from the runner

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        """``service``: the desk service (``dashboard``, ``report_by_area``,
        ``insight_areas``, ``run_in_background``)."""
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self.report: Report | None = None
        self.weekly: list[Figures] = []
        self._csv_path: str | None = None
        self._setup_ui()
        self._connect_signals()
        self.reload()

    # --- construction ----------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Dashboard"))
        self.setAccessibleName(self.tr("Dashboard"))
        self.area = QComboBox(self)
        self.area.setObjectName("dashboard-area")
        self.area.setAccessibleName(self.tr("Area"))
        self.area.addItem(self.tr("All areas"), None)
        for name in self._service.insight_areas():
            self.area.addItem(name, name)
        area_label = QLabel(self.tr("&Area"), self)
        area_label.setBuddy(self.area)
        self.period = QComboBox(self)
        self.period.setObjectName("dashboard-period")
        self.period.setAccessibleName(self.tr("Period"))
        for days in PERIODS:
            self.period.addItem(self.tr("Last %n day(s)", "", days), days)
        self.period.addItem(self.tr("Chosen range"), 0)
        self.period.setCurrentIndex(PERIODS.index(28))
        period_label = QLabel(self.tr("&Period"), self)
        period_label.setBuddy(self.period)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-28), self)
        self.since.setAccessibleName(self.tr("From (included)"))
        self.until = QDateEdit(today, self)
        self.until.setAccessibleName(self.tr("Until (included)"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        since_label = QLabel(self.tr("&From"), self)
        since_label.setBuddy(self.since)
        until_label = QLabel(self.tr("&Until"), self)
        until_label.setBuddy(self.until)
        self.as_tables = QCheckBox(self.tr("Show as &tables"), self)
        self.csv_button = QPushButton(self.tr("Export &CSV…"), self)
        self.png_button = QPushButton(self.tr("Export P&NG…"), self)
        controls = QHBoxLayout()
        widgets: list[QWidget] = [area_label, self.area, period_label, self.period, since_label,
                                  self.since, until_label, self.until]
        for w in widgets:
            controls.addWidget(w)
        controls.addStretch(1)
        for button in (self.as_tables, self.csv_button, self.png_button):
            controls.addWidget(button)

        self.status = QLabel(self)
        self.status.setObjectName("dashboard-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.tiles: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        for key in ("first_reply_median_s", "unanswered", "acknowledged_share",
                    "first_time_contributors"):
            tile = QLabel(self)
            tile.setObjectName(f"tile-{key}")
            tile.setTextFormat(Qt.TextFormat.PlainText)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setFrameShape(QLabel.Shape.StyledPanel)
            tile.setMinimumHeight(56)
            font = tile.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            tile.setFont(font)
            self.tiles[key] = tile
            tiles.addWidget(tile)

        self.charts: dict[str, TrendChart] = {
            "comments": TrendChart("comments", self.tr("Comments per week"), "bar"),
            "first_reply": TrendChart("first_reply", self.tr("First reply (hours)"), "line"),
            "acknowledged": TrendChart("acknowledged", self.tr("Acknowledged (%)"), "line"),
            "unanswered": TrendChart("unanswered", self.tr("Unanswered input"), "bar"),
            "first_timers": TrendChart("first_timers", self.tr("First-time contributors"),
                                       "bar"),
            "leaders": TrendChart("leaders", self.tr("Leaders' activity"), "bar"),
        }
        self.chart_page = QWidget(self)
        self.chart_page.setObjectName("dashboard-charts")
        grid = QGridLayout(self.chart_page)
        for n, chart in enumerate(self.charts.values()):
            chart.setParent(self.chart_page)
            grid.addWidget(chart, n // 2, n % 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart_page)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.figures = self._table("figures", self.tr("All figures"),
                                   [self.tr("Figure"), self.tr("Value")])
        self.top_posts = self._table("top-posts", self.tr("Top posts"),
                                     [self.tr("Post"), self.tr("Comments"), self.tr("Views")])
        self.top_people = self._table("top-contributors", self.tr("Top contributors"),
                                      [self.tr("Contributor"), self.tr("Comments")])
        side = QVBoxLayout()
        for title, table in ((self.tr("All figures"), self.figures),
                             (self.tr("Top posts"), self.top_posts),
                             (self.tr("Top contributors"), self.top_people)):
            side.addWidget(QLabel(title, self))
            side.addWidget(table, 1)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(340)
        side_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(side_widget, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addLayout(tiles)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(1240, 780)

    def _table(self, name: str, title: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setAccessibleName(title)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def _connect_signals(self) -> None:
        self._read.connect(self._on_read)
        self.area.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self._on_period)
        self.since.dateChanged.connect(self.reload)
        self.until.dateChanged.connect(self.reload)
        self.as_tables.toggled.connect(self.show_tables)
        self.csv_button.clicked.connect(self._ask_csv)
        self.png_button.clicked.connect(self._ask_png)
        self.buttons.rejected.connect(self.reject)

    # --- the period ------------------------------------------------------------------------

    def period_bounds(self) -> tuple[float, float]:
        """``[since, until)`` in POSIX seconds: the last N days up to now, or the chosen
        dates from 00:00 UTC of the first to 24:00 UTC of the last."""
        days = self.period.currentData()
        if days:
            now = time.time()
            return now - days * DAY, now
        utc = QTimeZone.utc()
        since = self.since.date().startOfDay(utc).toSecsSinceEpoch()
        until = self.until.date().addDays(1).startOfDay(utc).toSecsSinceEpoch()
        return float(since), float(max(until, since + DAY))

    def set_range(self, since: datetime.date, until: datetime.date) -> None:
        """Choose a range of dates, both included (what a person does with the date edits)."""
        for edit in (self.since, self.until):
            edit.blockSignals(True)
        self.since.setDate(QDate(since.year, since.month, since.day))
        self.until.setDate(QDate(until.year, until.month, until.day))
        for edit in (self.since, self.until):
            edit.blockSignals(False)
        if self.period.currentData() == 0:
            self.reload()
        else:
            self.period.setCurrentIndex(len(PERIODS))

    def _on_period(self) -> None:
        chosen = self.period.currentData() == 0
        self.since.setEnabled(chosen)
        self.until.setEnabled(chosen)
        self.reload()

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        since, until = self.period_bounds()
        area = self.area.currentData()
        self.status.setText(self.tr("Computing the figures…"))
        future = self._service.run_in_background(
            lambda: self._service.dashboard(since=since, until=until, area=area))
        future.add_done_callback(lambda f: self._deliver("figures", generation, f))

    def _deliver(self, what: str, generation: int, future: Any) -> None:
        # on the runner's thread: the signal is queued to the dialog's (GUI) thread
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - shown as one line in the dialog
            result = exc
        try:
            self._read.emit(what, generation, result)
        except RuntimeError:
            pass  # the dialog was closed and deleted meanwhile

    @property
    def loading(self) -> bool:
        return self.report is None or self.status.text() == self.tr("Computing the figures…")

    def _on_read(self, what: str, generation: int, result: object) -> None:
        if isinstance(result, Exception):
            self.status.setText(self.tr("The figures could not be read: %1")
                                .replace("%1", str(result).splitlines()[0] if str(result)
                                         else type(result).__name__))
            return
        if what == "csv":
            self._write_csv(result)
            return
        if generation != self._generation:
            return  # an answer for an area or period no longer chosen
        assert isinstance(result, tuple)
        self.report, self.weekly = result
        self._show()

    def _show(self) -> None:
        r = self.report
        assert r is not None
        self.status.setText(self.tr("%1 – %2 (UTC), %3: %n comment(s)", "", r.comments)
                            .replace("%1", _day(r.since)).replace("%2", _day(r.until - 1))
                            .replace("%3", r.area or self.tr("all areas")))
        self.tiles["first_reply_median_s"].setText(
            self.tr("First reply (median)") + "\n" + short_duration(r.first_reply_median_s))
        self.tiles["unanswered"].setText(self.tr("Unanswered input") + f"\n{r.unanswered}")
        self.tiles["acknowledged_share"].setText(
            self.tr("Acknowledged") + "\n" + share(r.acknowledged_share))
        self.tiles["first_time_contributors"].setText(
            self.tr("First-time contributors") + f"\n{r.first_time_contributors}")
        self._fill(self.figures, [(label, value) for _, label, value in self.figure_rows(r)])
        for row, (key, _, _) in enumerate(self.figure_rows(r)):
            item = self.figures.item(row, 0)
            assert item is not None  # _fill has just set it
            item.setData(KEY_ROLE, key)
        self._fill(self.top_posts, [(p.title, str(p.comments),
                                     "–" if p.views is None else str(p.views))
                                    for p in r.top_posts])
        self._fill(self.top_people, [(c.author, str(c.comments)) for c in r.top_contributors])
        self._show_trends()

    def figure_rows(self, r: Figures) -> list[tuple[str, str, str]]:
        """(report key, label, value as shown) for every scalar figure."""
        return [
            ("comments", self.tr("Comments"), str(r.comments)),
            ("first_reply_median_s", self.tr("First reply, median"),
             exact_duration(r.first_reply_median_s)),
            ("first_reply_p90_s", self.tr("First reply, 90 %"),
             exact_duration(r.first_reply_p90_s)),
            ("unanswered", self.tr("Unanswered input"), str(r.unanswered)),
            ("unanswered_oldest_s", self.tr("Oldest unanswered"),
             exact_duration(r.unanswered_oldest_s)),
            ("acknowledged_share", self.tr("Acknowledged"), share(r.acknowledged_share)),
            ("followed_up_share", self.tr("Followed up"), share(r.followed_up_share)),
            ("first_time_contributors", self.tr("First-time contributors"),
             str(r.first_time_contributors)),
            ("returning_first_timers", self.tr("… who came back"),
             str(r.returning_first_timers)),
            ("leader_posts", self.tr("Leaders' posts"), str(r.leaders.posts)),
            ("leader_replies", self.tr("Leaders' replies"), str(r.leaders.replies)),
        ]

    @staticmethod
    def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            for col, text in enumerate(row):
                table.setItem(n, col, QTableWidgetItem(text))  # plain text: names from servers

    def _show_trends(self) -> None:
        w = self.weekly
        weeks = [f.week for f in w]

        def count(v: float | None) -> str:
            return "–" if v is None else str(int(v))

        self.charts["comments"].set_data(
            weeks, [(self.tr("Comments"), [float(f.comments) for f in w])], count)
        self.charts["first_reply"].set_data(
            weeks, [(self.tr("Median"), [_hours(f.first_reply_median_s) for f in w]),
                    (self.tr("90 %"), [_hours(f.first_reply_p90_s) for f in w])],
            lambda v: "–" if v is None else f"{v:.2f} h")
        self.charts["acknowledged"].set_data(
            weeks, [(self.tr("Acknowledged"), [_percent(f.acknowledged_share) for f in w])],
            lambda v: "–" if v is None else f"{v:.1f} %", ceiling=100.0)
        self.charts["unanswered"].set_data(
            weeks, [(self.tr("Unanswered input"), [float(f.unanswered) for f in w])], count)
        self.charts["first_timers"].set_data(
            weeks, [(self.tr("First-time contributors"),
                     [float(f.first_time_contributors) for f in w]),
                    (self.tr("Came back"), [float(f.returning_first_timers) for f in w])],
            count)
        self.charts["leaders"].set_data(
            weeks, [(self.tr("Posts"), [float(f.leaders.posts) for f in w]),
                    (self.tr("Replies"), [float(f.leaders.replies) for f in w])], count)

    def show_tables(self, tables: bool) -> None:
        for chart in self.charts.values():
            chart.setCurrentIndex(1 if tables else 0)

    # --- export ------------------------------------------------------------------------------

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), "report.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PNG"), "dashboard.png",
                                              self.tr("PNG images (*.png)"))
        if path:
            self.export_png(path)

    def export_csv(self, path: str) -> None:
        """The report's CSV (``dialogue-desk report --csv``): one row per area, a total row.
        The rows by area are read on the runner; the file is written when they arrive."""
        since, until = self.period_bounds()
        area = self.area.currentData()
        self._csv_path = path

        def read() -> tuple[list[Any], Any, str | None]:
            return (self._service.report_by_area(since=since, until=until, area=area),
                    self._service.report(since=since, until=until, area=area), area)

        future = self._service.run_in_background(read)
        future.add_done_callback(lambda f: self._deliver("csv", self._generation, f))

    def _write_csv(self, result: Any) -> None:
        from desktop.models.insight import CSV_COLUMNS

        areas, total, area = result
        path, self._csv_path = self._csv_path, None
        if path is None:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
                writer.writeheader()
                for row in [a.csv_row() for a in areas] + [
                        {**total.csv_row(), "area": "total" if area is None else area}]:
                    writer.writerow({k: "" if v is None else v for k, v in row.items()})
        except OSError as exc:
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", path)
                                .replace("%2", exc.strerror or str(exc)))
            return
        self.status.setText(self.tr("Exported to %1").replace("%1", path))

    def export_png(self, path: str) -> bool:
        """The charts as one image (the charts, even while the tables are shown)."""
        tables = self.as_tables.isChecked()
        self.show_tables(False)
        ok = self.chart_page.grab().save(path, "PNG")
        self.show_tables(tables)
        self.status.setText(self.tr("Exported to %1").replace("%1", path) if ok
                            else self.tr("Could not write %1").replace("%1", path))
        return ok


def _day(t: float) -> str:
    return datetime.datetime.fromtimestamp(t, datetime.UTC).strftime("%Y-%m-%d")

