"""Compare's race: several runs of the same data on one landscape and one loss chart.

These are the charts' still parts (each run's whole path, faint, and its whole loss
curve); the page (``ui/static/race.js``) draws every run's marker and trail at step t
over them. All runs share the first run's landscape (same data, same loss); with a bias
the slice is at b = 0, since each run's bias differs and one slice must serve them all.
The landscape is Train's (``views/landscape_layer.py``), painted by the page behind the axes.

Every run keeps its own colour and marker shape (``views/style.py``), and markers shrink
with the run's index: where runs sit on the same point, their markers nest as rings
instead of hiding one another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.history import History
from views.geometry import landscape_window, weights_2d
from views.landscape_layer import landscape_layer
from views.loss import LOSS_NAMES
from views.marks import now_line
from views.sampling import compact, drawn_steps, iteration_axis, log_axis, points_per_trace
from views.style import RUN_SYMBOLS, axis, base_layout, run_style, style

PATH_OPACITY = 0.4
"""A run's whole path, under the page's bold trail up to t: there, but not the race itself."""


@dataclass(frozen=True)
class CompareChart:
    """A still figure, and what the page paints behind its axes (``layers``, reading ``arrays``).

    Drawn by ``ui/figure.py`` with the Train page's chart code.
    """

    figure: go.Figure
    layers: list[dict[str, Any]] = field(default_factory=list)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


def marker_size(i: int, presenter: bool = False) -> float:
    """Run ``i``'s marker size: each a ring smaller than the one before, so a stack shows all."""
    theme = style(presenter)
    return theme.current + 14 - 2 * i


def _check(histories: Sequence[History], labels: Sequence[str]) -> None:
    if len(histories) != len(labels):
        raise ValueError(f"labels: need one per run ({len(histories)}), got {len(labels)}")


def _run_trace(
    i: int, label: str, xs: list, ys: list, steps: np.ndarray, presenter: bool, hover: str
) -> dict[str, Any]:
    """Run ``i``'s line, with its own marker at its end only (the legend shows both)."""
    theme = style(presenter)
    sizes = [0.0] * len(xs)
    sizes[-1] = marker_size(i, presenter) - 4
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": xs,
        "y": ys,
        "customdata": steps.tolist(),
        "name": label,
        "line": {**run_style(i), "width": theme.line},
        "marker": {
            "symbol": RUN_SYMBOLS[i % len(RUN_SYMBOLS)],
            "size": sizes,
            "color": run_style(i)["color"],
            "line": {"width": 1, "color": "#FFFFFF"},
        },
        "hovertemplate": f"{label}<br>step %{{customdata}}<br>{hover}<extra></extra>",
    }


def landscape_chart(
    histories: Sequence[History], labels: Sequence[str], presenter: bool = False
) -> dict[str, Any]:
    """Each run's whole (w1, w2) path, faint, on one landscape; ``arrays`` are its layer's."""
    _check(histories, labels)
    planes = [weights_2d(h) for h in histories]
    w1, w2 = landscape_window(planes)
    first = histories[0]
    landscape = landscape_layer(first, w1, w2, [0.0] if first.bias else None, presenter)
    data: list[dict[str, Any]] = [landscape.scale]
    budget = points_per_trace(len(histories) + 2)
    for i, (h, label, W) in enumerate(zip(histories, labels, planes, strict=True)):
        steps = drawn_steps(h.last_step, budget)
        trace = _run_trace(
            i, label, compact(W[steps, 0]), compact(W[steps, 1]), steps, presenter,
            "w1 = %{x:.6g}, w2 = %{y:.6g}",
        )  # fmt: skip
        trace["opacity"] = PATH_OPACITY
        data.append(trace)
    title = "Paths on the loss landscape" + (" (slice at bias b = 0)" if first.bias else "")
    layout = base_layout(title, presenter)
    layout["xaxis"] = axis("w1", presenter, range=w1, constrain="domain", showgrid=False)
    layout["yaxis"] = axis(
        "w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    return {
        "name": "landscape",
        "figure": {"data": data, "layout": layout},
        "layers": [landscape.layer],
        "marks": [],
        "arrays": landscape.arrays,
        "window": [w1, w2],
    }


def zero_floor(histories: Sequence[History]) -> float | None:
    """Where a loss of exactly 0 is drawn on the log axis: a decade under the smallest
    positive loss of any run; None when no run reaches 0 (every value is drawn as it is)."""
    shown = np.concatenate([h.loss[: h.last_step + 1] for h in histories])
    finite = shown[np.isfinite(shown)]
    if not (finite == 0).any():
        return None
    positive = finite[finite > 0]
    smallest = float(positive.min()) if positive.size else 1.0
    return 10.0 ** (math.floor(math.log10(smallest)) - 1)


def loss_chart(
    histories: Sequence[History], labels: Sequence[str], presenter: bool = False
) -> dict[str, Any]:
    """Each run's loss on log–log axes, every value where it is: 6.4e-24 is drawn at 6.4e-24.

    Only an exact 0 has no place on a log axis; it is drawn at ``floor`` and the axis
    title says so. A diverged run's line stops at its last finite step.
    """
    _check(histories, labels)
    objective = histories[0].objective
    name = LOSS_NAMES.get(objective, objective)
    floor = zero_floor(histories)
    budget = points_per_trace(len(histories))
    data, drawn = [], []
    for i, (h, label) in enumerate(zip(histories, labels, strict=True)):
        steps = drawn_steps(h.last_step, budget)
        loss = h.loss[steps]
        keep = np.isfinite(loss)
        steps, loss = steps[keep], np.where(loss[keep] == 0, floor or 0, loss[keep])
        drawn.append(loss)
        data.append(
            _run_trace(
                i, label, (steps + 1).tolist(), compact(loss), steps, presenter, "loss = %{y:.4g}"
            )
        )
    title = "loss (log scale)"  # the chart's title names it: a phone keeps the axis's whole
    if floor is not None:
        title += f"; a loss of exactly 0 is drawn at {floor:.0e}"
    layout = base_layout(f"Loss over the iterations: {name}", presenter)
    layout["xaxis"] = iteration_axis(max(h.last_step for h in histories), presenter)
    layout["yaxis"] = log_axis(title, np.concatenate(drawn), presenter)
    return {
        "name": "loss",
        "figure": {"data": data, "layout": layout},
        "layers": [],
        "marks": [now_line(style(presenter))],
        "floor": floor,
    }
