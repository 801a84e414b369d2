"""Regression guard for the PySide6 6.12.0 bug that drops a reference to None on every call of
a void Qt method and aborts the interpreter (DESIGN.md, Known traps; notes/stack-check.md §0)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

CALLS = 20_000
# 6.11.3 measured +2 over 20k calls; the broken 6.12.0 loses one per call (−20,000).
NOISE = 10


@pytest.mark.skipif(sys.version_info >= (3, 12),
                    reason="None is immortal from 3.12 on; its refcount cannot show the bug")
def test_void_qt_calls_keep_none_alive(qapp) -> None:
    widget = QWidget()
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        widget.setWindowTitle("t")
        widget.update()
        obj.setObjectName("o" if i % 2 else "p")
    after = sys.getrefcount(None)
    widget.deleteLater()
    assert after >= before - NOISE, f"None lost {before - after} references in {CALLS} calls"
