"""An accessibility walk: the main window, the welcome page and every dialog, widget by widget.

The rule, for every visible interactive widget (buttons, tool buttons, line and text edits,
combo and spin boxes, check boxes, item views):
- it has a name a screen reader can say: ``accessibleName()``, else the text Qt exposes for
  it (a button's or check box's text), else a QLabel whose buddy it is;
- it can be reached by keyboard: its focus policy includes Tab and it is in its window's focus
  chain, or it has a shortcut (a mnemonic in its text counts).
Views to walk are a table: a new dialog (Preferences) is one more row.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    EmptyDesk,
    desk_fixture,
    empty_desk_fixture,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
               QTextEdit, QPlainTextEdit)


def _buddied(window: QWidget) -> set[int]:
    return {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}


def _focus_chain(window: QWidget) -> set[int]:
    seen: set[int] = set()
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and id(widget) not in seen:
        seen.add(id(widget))
        widget = widget.nextInFocusChain()
    return seen


def _name(widget: QWidget, buddied: set[int]) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    return "(buddy label)" if id(widget) in buddied else ""


def _reachable(widget: QWidget, chain: set[int]) -> bool:
    if isinstance(widget, QAbstractButton) and (
            not widget.shortcut().isEmpty() or "&" in widget.text().replace("&&", "")):
        return True
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None and \
            widget.defaultAction().shortcuts():
        return True  # a tool bar's button: its action's key does what the button does
    tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return tab and id(widget) in chain


def _part_of_another(widget: QWidget) -> bool:
    """Pieces Qt builds inside another widget, named and reached through that widget: a combo's
    or spin box's line edit, a line edit's clear button, an item view's headers, a tool bar's
    overflow button (``qt_*``: its actions have their own shortcuts)."""
    return (isinstance(widget.parent(), QComboBox | QAbstractSpinBox | QLineEdit)
            or isinstance(widget, QHeaderView)
            or widget.objectName().startswith("qt_"))


def problems(window: QWidget) -> list[str]:
    """What the walk finds wrong in ``window`` (empty: it passes)."""
    buddied, chain = _buddied(window), _focus_chain(window)
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(window):
            continue
        if _part_of_another(widget):
            continue
        what = f"{type(widget).__name__} {widget.objectName()!r}"
        if not _name(widget, buddied):
            found.append(f"{what}: no accessible name")
        if not _reachable(widget, chain):
            found.append(f"{what}: not reachable by keyboard")
    return found


def _main(d: Any) -> QWidget:
    return d.window


def _outbox(d: Any) -> QWidget:
    d.window.open_outbox()
    return d.window._outbox


def _account(d: Any) -> QWidget:
    d.window.open_account_dialog()
    return d.window._account_dialog


def _remove_account(d: Any) -> QWidget:
    d.window.open_remove_account()
    return d.window._remove_account


def _shortcuts(d: Any) -> QWidget:
    d.window.show_shortcuts()
    return d.window._shortcuts


def _templates(d: Any) -> QWidget:
    d.window.open_templates()
    return d.window._templates_dialog


def _template_picker(d: Any) -> QWidget:
    d.window.set_lane("reply")
    d.window.composer.open_templates()
    assert d.window.composer.picker.isVisible()
    return d.window


def _digest(d: Any) -> QWidget:
    d.window.open_digest()
    return d.window._digest


def _dashboard(d: Any) -> QWidget:
    d.window.open_dashboard()
    return d.window._dashboard


def _patch(d: Any) -> QWidget:
    d.window.open_patch()
    return d.window._patch


# name -> (fixture: "desk" a synced profile / "empty_desk" the first run, how to open it)
VIEWS: dict[str, tuple[str, Callable[[Any], QWidget]]] = {
    "main window": ("desk", _main),
    "welcome page": ("empty_desk", _main),
    "outbox": ("desk", _outbox),
    "account": ("desk", _account),
    "shortcuts": ("desk", _shortcuts),
    "saved replies": ("desk", _templates),
    "saved reply picker": ("desk", _template_picker),
    "digest": ("desk", _digest),
    "remove account": ("desk", _remove_account),
    "dashboard": ("desk", _dashboard),
    "patch": ("desk", _patch),
}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_widget_is_named_and_reachable(view: str, request: pytest.FixtureRequest,
                                             qtbot: Any) -> None:
    fixture, open_view = VIEWS[view]
    d = request.getfixturevalue(fixture)
    qtbot.waitUntil(lambda: d.window.started)  # the detail pane is built after the first frame
    window = open_view(d)
    if view == "welcome page":
        assert d.window.welcome.isVisibleTo(d.window)
    qtbot.waitExposed(window)
    walked = [w for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE)
              and w.isVisibleTo(window)]
    assert walked, f"nothing interactive found in the {view}"
    assert problems(window) == []
    if window is not d.window:
        window.close()


def test_the_walk_finds_a_removed_name(qtbot: Any, desk: Desk) -> None:
    search = desk.window.search
    assert problems(desk.window) == []
    search.setAccessibleName("")
    assert any("no accessible name" in p and "QLineEdit" in p for p in problems(desk.window))
    search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    assert any("not reachable by keyboard" in p for p in problems(desk.window))
