"""Coaching in the composer: the rules as a table, then the line under the real composer."""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from desk_fixtures import (  # noqa: F401 - fixtures
    Desk,
    desk_fixture,
    open_desk_fixture,
    qloop_fixture,
)
from PySide6.QtCore import Qt

from desktop.models import coaching
from desktop.models.coaching import Context

ASKED = Context(asker="kari.nordmann")
IDEA = Context(idea=True)
LONG = " ".join(["word"] * 121)

CASES = [
    # text, context, hints
    ("", ASKED, []),
    ("Yes, we", ASKED, []),  # too short to coach
    ("Yes, we will publish the numbers on Friday.", ASKED, ["mention"]),
    ("@kari.nordmann yes, on Friday.", ASKED, []),
    ("Thanks @Kari.Nordmann. On Friday.", ASKED, []),  # case and a full stop after the name
    ("Thanks @kari on Friday, as planned.", ASKED, ["mention"]),  # another person
    ("mail kari.nordmann@example.com about it", ASKED, ["mention"]),  # an address is not one
    ("Great idea, we will look into it.", IDEA, ["question"]),
    ("Great idea! Who else would join?", IDEA, []),
    ("Great idea! Who else would join? :)", IDEA, []),
    ("Great idea. Would you lead it?\n", IDEA, []),
    ("Is it a good idea? We think so.", IDEA, ["question"]),  # the question is not the end
    ("Great idea, we will look into it.", Context(), []),
    (LONG, Context(), ["long"]),
    (" ".join(["word"] * 120), Context(), []),  # exactly 120 is fine
    (LONG, IDEA, ["question", "long"]),
    (LONG + " @kari.nordmann?", ASKED, ["long"]),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES)
def test_rules(text: str, context: Context, expected: list[str]) -> None:
    assert coaching.hints(text, context) == expected


@pytest.mark.parametrize(("reason", "context"), [
    ("question", Context(asker="ola")), ("mention", Context(asker="ola")),
    ("idea", Context(idea=True)), ("own_post", Context()), (None, Context())])
def test_context_from_the_triage_reason(reason: str | None, context: Context) -> None:
    assert coaching.context_for(reason, "ola") == context


def _question_item(desk: Desk) -> Any:
    desk.window.set_lane("reply")
    desk.settle()
    for row in range(desk.window.model.rowCount()):
        desk.window.select_row(row)
        item = desk.window.selected_items()[0]
        if item.reason == "question":
            return item
    pytest.skip("the demo's reply lane has no question")  # pragma: no cover


def test_the_hint_line_under_the_composer(qtbot: Any, desk: Desk) -> None:
    qtbot.waitUntil(lambda: desk.window.started)
    item = _question_item(desk)
    composer = desk.window.composer
    line = composer.coaching
    composer.edit.setFocus()
    qtbot.keyClicks(composer.edit, "We will answer this on Friday.")
    assert line.isVisible() and line.code == "mention"
    assert item.author_username in line.label.text()
    assert desk.window.focusWidget() is composer.edit  # a line, not a modal
    qtbot.keyClicks(composer.edit, f" @{item.author_username}")
    assert not line.isVisible()

    # dismissed for this item: it stays away while typing on
    composer.edit.setPlainText("We will answer this on Friday.")
    assert line.isVisible()
    qtbot.keyClick(line.dismiss, Qt.Key.Key_Space)
    assert not line.isVisible() and desk.window.focusWidget() is composer.edit
    qtbot.keyClicks(composer.edit, " More words.")
    assert not line.isVisible()


def test_coaching_off_in_the_settings(qtbot: Any, desk: Desk) -> None:
    from desktop.models.settings import Change

    qtbot.waitUntil(lambda: desk.window.started)
    desk.controller.service.settings.apply([Change("coaching", "off")]).result()
    _question_item(desk)
    composer = desk.window.composer
    qtbot.keyClicks(composer.edit, "We will answer this on Friday.")
    assert not composer.coaching.isVisible()
