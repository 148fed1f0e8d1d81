"""The printed table: app and floor side by side, cycle 5 → the last cycle, and the budgets.

Why from cycle 5 and not from the first load: the first cycles fill caches that are meant
to stay (Plotly's code, Streamlit's message cache, the JIT), so growth is read from a tab
that has settled. Why the floor beside the app: a growth the floor shows too is
Streamlit's or Chromium's, not the app's. The budgets are the issue's: heap, nodes and
listeners at most +10 % from cycle 5 to the end, a Step's median at the end within 1.2×
of cycle 5's. They are reported, not asserted: the benchmark always exits 0.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from tests.support.memory import Counts

GROWTH_BUDGET = 0.10
STEP_BUDGET = 1.2

FIELDS = (
    ("JS heap used", "heap_mb", "{:,.1f} MB"),
    ("DOM nodes", "nodes", "{:,}"),
    ("JS event listeners", "listeners", "{:,}"),
)


def growth(start: float, end: float) -> float:
    """Relative growth from ``start`` to ``end`` (0.1 is +10 %); NaN without a start."""
    return (end - start) / start if start else float("nan")


def median_ms(steps: list[dict]) -> float:
    """The median Step time of one cycle's presses, ms (NaN if none settled)."""
    values = [s["ms"] for s in steps if s.get("ms") is not None]
    return statistics.median(values) if values else math.nan


def pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:+.0%}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def span(a: Counts | None, b: Counts | None, attr: str, fmt: str) -> tuple[str, float]:
    """ "start → end" for one counter, and its growth."""
    if a is None or b is None:
        return "n/a", math.nan
    x, y = getattr(a, attr), getattr(b, attr)
    return f"{fmt.format(x)} → {fmt.format(y)}", growth(x, y)


def subject_cells(res: dict, label: str, attr: str, fmt: str) -> tuple[list[str], float]:
    text, g = span(res.get("c5"), res.get("end"), attr, fmt)
    return [text, pct(g)], g


def rows(app: dict, floor: dict) -> list[list[str]]:
    """One row per counter and one for the Step median, for app and floor."""
    out = []
    budget = f"≤ {GROWTH_BUDGET:+.0%}"
    for label, attr, fmt in FIELDS:
        a_cells, ga = subject_cells(app, label, attr, fmt)
        f_cells, gf = subject_cells(floor, label, attr, fmt)
        checks = [None if math.isnan(g) else g <= GROWTH_BUDGET for g in (ga, gf)]
        out.append([label, *a_cells, *f_cells, budget, *map(verdict, checks)])
    cells, checks = [], []
    for res in (app, floor):
        m5, mend = median_ms(res.get("step_c5", [])), median_ms(res.get("step_end", []))
        r = mend / m5 if m5 and not math.isnan(m5) and not math.isnan(mend) else math.nan
        cells += [f"{m5:.1f} → {mend:.1f} ms", "n/a" if math.isnan(r) else f"{r:.2f}×"]
        checks.append(None if math.isnan(r) else r <= STEP_BUDGET)
    out.append(["Step median", *cells, f"≤ {STEP_BUDGET}×", *map(verdict, checks)])
    return out


def play_rows(play: dict[str, Any] | None) -> list[list[str]]:
    """Play to the end: the app's counters before and after the loop (no floor, no budget)."""
    if not play or "before" not in play:
        return []
    n = len(play["seconds"])
    out = []
    for label, attr, fmt in FIELDS:
        text, g = span(play["before"], play["after"], attr, fmt)
        out.append([f"Play to end ×{n}: {label}", text, pct(g), "", "", "", "info", ""])
    secs = play["seconds"]
    runs = f"{min(secs):.1f} … {max(secs):.1f} s" if secs else "n/a"
    out.append([f"Play to end ×{n}: time to step {play['last']:,}", runs, "", "", "", "", "", ""])
    return out


def print_table(table: list[list[str]]) -> None:
    header = ["measure", "app c5 → end", "growth", "floor c5 → end", "growth", "budget"]
    header += ["app", "floor"]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for n, row in enumerate([header, *table]):
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs]
        print("  ".join(cells).rstrip())
        if n == 0:
            print(line)
    print(line)


def per_cycle(res: dict, cycles: int) -> str:
    """What one cycle adds after cycle 5, on average (the slope the growth comes from)."""
    a, b = res.get("c5"), res.get("end")
    if a is None or b is None or cycles <= 5:
        return "n/a"
    k = cycles - 5
    return (
        f"{(b.heap - a.heap) / k / 1000:+,.0f} kB heap, {(b.nodes - a.nodes) / k:+,.0f} nodes, "
        f"{(b.listeners - a.listeners) / k:+,.0f} listeners per cycle"
    )
