"""Icons drawn from our own SVGs in the palette's text colour, so they stay crisp in light and dark.

Each SVG in resources/icons strokes with `currentColor`. The icon engine renders it on demand
at the requested size with `currentColor` replaced by the colour for the icon mode, read from
the application palette at paint time: a palette change (dark mode) recolours every icon on
the next repaint without rebuilding any QIcon.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

__all__ = ["ICON_NAMES", "icon", "icon_path", "resources_dir"]

ICON_NAMES: tuple[str, ...] = (
    "reply", "approve", "hide", "spam", "delete", "restore", "lock", "unlock", "like", "done",
    "snooze", "followup", "search", "sync", "offline", "online", "outbox", "warning",
    "lane-reply", "lane-moderate", "lane-acknowledge", "lane-done", "lane-snoozed",
    "lane-followup", "lane-removed", "account", "app",
)
_CURRENT_COLOR = b"currentColor"


def resources_dir() -> Path:
    """The resources folder: next to the package in a checkout, under _MEIPASS when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icon_path(name: str) -> Path:
    if name not in ICON_NAMES:
        raise ValueError(f"unknown icon {name!r}")
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def _svg_source(name: str) -> bytes:
    return icon_path(name).read_bytes()


def _mode_colour(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


class _SvgIconEngine(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        # One renderer per colour seen: a handful at most (normal, disabled, selected × theme).
        self._renderers: dict[int, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = _mode_colour(mode)
        key = colour.rgba()
        renderer = self._renderers.get(key)
        if renderer is None:
            source = _svg_source(self._name).replace(
                _CURRENT_COLOR, colour.name(QColor.NameFormat.HexRgb).encode("ascii")
            )
            renderer = QSvgRenderer(QByteArray(source))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        self._renderer(mode).render(painter, square)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # Qt's name
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name)

    def key(self) -> str:
        return "DialogueDeskSvg"

    def iconName(self) -> str:
        return self._name

    def isNull(self) -> bool:
        return False


def icon(name: str) -> QIcon:
    """The named icon (see `ICON_NAMES`), drawn in the current palette's text colour.

    Raises ValueError for an unknown name and FileNotFoundError when the resources are
    missing (a broken install should be loud, not blank buttons).
    """
    _svg_source(name)  # fail here, not silently at paint time
    return QIcon(_SvgIconEngine(name))
