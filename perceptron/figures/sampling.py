"""Which steps to draw, and how to label an iteration axis.

A run has up to a million steps but a line needs a few hundred points, and
nearly all the learning happens in the first few dozen steps. So paths are
sampled on a log scale (dense early) plus a uniform sprinkle (so late
oscillations are not skipped entirely), with step 0, the last step and the
current step always exact: the marker at ``t`` must sit on the line.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from perceptron import limits
from perceptron.figures.style import NOW_COLOUR, style


def clamp_step(t: int, last: int) -> int:
    """``t`` inside 0..last: a link or a stale session may ask for a step a run never reached."""
    return min(max(int(t), 0), max(int(last), 0))


def drawn_steps(last: int, t: int, max_points: int = limits.MAX_DRAWN_POINTS) -> np.ndarray:
    """Sorted unique steps in 0..last: at most ``max_points`` plus 0, ``last`` and ``t``."""
    last = max(int(last), 0)
    t = clamp_step(t, last)
    max_points = max(int(max_points), 2)
    if last + 1 <= max_points:
        return np.arange(last + 1, dtype=np.int64)
    n_log = max(2, (max_points * 2) // 3)
    n_lin = max(2, max_points - n_log)
    log_part = np.expm1(np.linspace(0.0, math.log1p(last), n_log))
    lin_part = np.linspace(0.0, last, n_lin)
    steps = np.concatenate([np.rint(log_part), np.rint(lin_part), [0, last, t]]).astype(np.int64)
    return np.unique(np.clip(steps, 0, last))


def compact(values: np.ndarray) -> np.ndarray:
    """A line's values as float32 when they fit (7 digits, half the bytes), else unchanged.

    Lines are drawn, not read digit by digit; the current-step markers stay exact.
    """
    values = np.asarray(values, dtype=np.float64)
    return values.astype(np.float32) if np.all(np.abs(values) < 1e30) else values


def points_per_trace(n_traces: int) -> int:
    """Share the point budget between lines: two lines get the full cap, more get fewer each."""
    return max(60, (limits.MAX_DRAWN_POINTS * 2) // max(n_traces, 2))


def _tick_label(step: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if step >= size and step % size == 0:
            return f"{step // size}{suffix}"
    return str(step)


def iteration_axis(last: int, presenter: bool = False) -> dict[str, Any]:
    """Log x axis for x = t + 1, ticks labelled with the true step (0, 1, 10, 100, 1k …)."""
    last = max(int(last), 0)
    steps = [0]
    decade = 1
    while decade <= last:
        steps.append(decade)
        decade *= 10
    theme = style(presenter)
    top = math.log10(last + 1)
    pad = max(0.02 * top, 0.05)
    return {
        "type": "log",
        "title": {"text": "iteration (log scale)", "font": {"size": theme.font}},
        "tickvals": [s + 1 for s in steps],
        "ticktext": [_tick_label(s) for s in steps],
        "tickfont": {"size": theme.font},
        "range": [-pad, top + pad],
        "automargin": True,
    }


def now_line(t: int, low: float, high: float, presenter: bool = False) -> dict[str, Any]:
    """Vertical line at step t (x = t + 1), as a trace: shapes on log axes are easy to misplace."""
    theme = style(presenter)
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [t + 1, t + 1],
        "y": [low, high],
        "name": f"step {t}",
        "line": {"color": NOW_COLOUR, "width": theme.thin, "dash": "solid" if presenter else "dot"},
        "hoverinfo": "skip",
        "showlegend": False,
    }
