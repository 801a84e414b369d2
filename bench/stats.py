"""Median and spread of repeated measurements, and the shapes the report is built from."""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Sequence
from typing import Any


@dataclasses.dataclass
class Figure:
    """One measured quantity at one size: every run's value, reported as median [min–max]."""

    name: str
    unit: str
    size: int
    values: list[float]
    target: str = ""  # e.g. "< 2 ms"; empty when the figure is a reference, not a goal
    ok: bool | None = None  # whether the median meets the target
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "unit": self.unit, "size": self.size, "median": self.median,
            "min": min(self.values) if self.values else None,
            "max": max(self.values) if self.values else None,
            "runs": self.values, "target": self.target, "ok": self.ok, "note": self.note,
        }


def fmt(value: float) -> str:
    if math.isnan(value):
        return "–"
    if abs(value) >= 10000:
        return f"{value / 1000:,.0f}k"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def spread(values: Sequence[float]) -> str:
    if not values:
        return "–"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt(med)
    return f"{fmt(med)} [{fmt(min(values))}–{fmt(max(values))}]"


def check(value: float, target: str) -> bool | None:
    """Whether ``value`` meets a target written as "< 2", "<= 1.25" or ">= 40000"."""
    if not target:
        return None
    op, _, number = target.partition(" ")
    limit = float(number.split()[0].replace("k", "e3"))
    return {"<": value < limit, "<=": value <= limit, ">": value > limit,
            ">=": value >= limit}[op]
