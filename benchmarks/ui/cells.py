"""The table's vocabulary: a row, the summaries of a list of times, and how cells read.

Why ratios: every budget is either a count or a ratio against a floor measured side by
side in the same run (``floors.py``), because on a shared machine the floor slows down
with the app and the ratio holds still where the milliseconds do not. A figure that could
not be measured reads "n/a" and judges nothing, rather than passing unseen.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def spread(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "min": min(values) if values else math.nan,
        "median": median(values),
        "p95": percentile(values, 0.95),
        "max": max(values) if values else math.nan,
    }


@dataclass
class Row:
    label: str
    app: str
    base: str = ""
    ratio: str = ""
    budget: str = ""
    verdict: str = "info"


def ms(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.1f} ms"


def kb(v: float) -> str:
    return "n/a" if v is None else (f"{v:,.0f} B" if v < 10_000 else f"{v / 1000:,.1f} kB")


def check(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def ratio(a: float, b: float) -> float:
    """``a / b``, or NaN when either side is NaN or ``b`` is zero."""
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def times(r: float) -> str:
    """A ratio's cell: "1.23×", or "n/a"."""
    return "n/a" if math.isnan(r) else f"{r:.2f}×"


def ratio_row(label, app, base, budget, fmt=ms, aim=None, base_name="", at_least=False) -> Row:
    """app / base against ``budget`` (at most, or ``at_least``)."""
    r = ratio(app, base)
    text = ("≥ " if at_least else "≤ ") + f"{budget:g}×" + (f" (aim {aim:g}×)" if aim else "")
    ok = None if math.isnan(r) else (r >= budget if at_least else r <= budget)
    return Row(label, fmt(app), f"{fmt(base)} {base_name}".strip(), times(r), text, check(ok))
