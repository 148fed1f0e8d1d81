"""Several runs of the same data side by side: one landscape, one loss chart.

All runs are drawn on the first run's landscape (same data, same loss); with a
bias the slice is at b = 0, since each run's bias differs and one slice must
serve them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.figures.errors import LOSS_NAMES, loss_values
from perceptron.figures.geometry import landscape_window, plane
from perceptron.figures.paths import equal_axes, log_loss_contour
from perceptron.figures.sampling import drawn_steps, iteration_axis, points_per_trace
from perceptron.figures.style import LOSS_FLOOR, axis, base_layout, run_style, style
from perceptron.training import History


def _check(histories: Sequence[History], labels: Sequence[str]) -> None:
    if len(histories) != len(labels):
        raise ValueError(f"labels: need one per run ({len(histories)}), got {len(labels)}")


def _ends(
    xs: list[float], ys: list[float], colours: list[str], symbols: list[str], name: str, size: int
) -> dict[str, Any]:
    """One marker trace for every run's start (or end): fewer traces, same information."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": xs,
        "y": ys,
        "name": name,
        "marker": {
            "color": colours,
            "symbol": symbols,
            "size": size,
            "line": {"width": 1.5, "color": "#FFFFFF"},
        },
        "hovertemplate": f"{name}<br>%{{x:.6g}}, %{{y:.6g}}<extra></extra>",
    }


def compare_landscape_figure(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> go.Figure:
    """Each run's (w1, w2) path on one landscape: squares start, circles end (× = diverged)."""
    _check(histories, labels)
    layout = base_layout("Paths on the loss landscape", presenter, name="compare-paths")
    if not histories:
        return go.Figure(layout=layout)
    theme = style(presenter)
    planes = [plane(h)[1][: h.last_step + 1] for h in histories]
    w1, w2 = landscape_window(planes)
    first = histories[0]
    offset = 0.0 if first.bias else None
    data: list[dict[str, Any]] = [log_loss_contour(first, w1, w2, 41, offset, presenter)]
    budget = points_per_trace(len(histories) + 2)
    for i, (h, label, W) in enumerate(zip(histories, labels, planes, strict=True)):
        steps = drawn_steps(h.last_step, h.last_step, budget)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": W[steps, 0],
                "y": W[steps, 1],
                "customdata": steps,
                "name": label,
                "line": {**run_style(i), "width": theme.line},
                "hovertemplate": f"{label}<br>step %{{customdata}}<br>"
                "w1 = %{x:.6g}, w2 = %{y:.6g}<extra></extra>",
            }
        )
    colours = [run_style(i)["color"] for i in range(len(histories))]
    data.append(
        _ends(
            [W[0, 0] for W in planes],
            [W[0, 1] for W in planes],
            colours,
            ["square"] * len(planes),
            "start",
            theme.marker,
        )
    )
    data.append(
        _ends(
            [W[-1, 0] for W in planes],
            [W[-1, 1] for W in planes],
            colours,
            ["x" if h.diverged_at is not None else "circle" for h in histories],
            "end",
            theme.current,
        )
    )
    if first.bias:
        layout["title"]["text"] += " (slice at bias b = 0)"
    layout.update(equal_axes(w1, w2, presenter))
    return go.Figure(data=data, layout=layout)


def compare_loss_figure(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> go.Figure:
    """Each run's loss on log–log axes; a diverged run stops at its last finite step (×)."""
    _check(histories, labels)
    objective = histories[0].objective if histories else "squared"
    name = LOSS_NAMES.get(objective, objective)
    layout = base_layout(f"Loss over the iterations: {name}", presenter, name="compare-loss")
    if not histories:
        return go.Figure(layout=layout)
    theme = style(presenter)
    budget = points_per_trace(len(histories))
    data: list[dict[str, Any]] = []
    for i, (h, label) in enumerate(zip(histories, labels, strict=True)):
        steps, losses = loss_values(h, drawn_steps(h.last_step, h.last_step, budget))
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": steps + 1,
                "y": losses,
                "customdata": steps,
                "name": label,
                "line": {**run_style(i), "width": theme.line},
                "hovertemplate": f"{label}<br>step %{{customdata}}<br>"
                "loss = %{y:.6g}<extra></extra>",
            }
        )
    ends = [(i, h) for i, h in enumerate(histories) if np.isfinite(h.loss[h.last_step])]
    lasts = np.array([h.last_step for _, h in ends], dtype=np.int64)
    data.append(
        _ends(
            (lasts + 1).tolist(),
            [max(float(h.loss[h.last_step]), LOSS_FLOOR) for _, h in ends],
            [run_style(i)["color"] for i, _ in ends],
            ["x" if h.diverged_at is not None else "circle" for _, h in ends],
            "end",
            theme.marker,
        )
    )
    data[-1]["customdata"] = lasts
    data[-1]["hovertemplate"] = "end, step %{customdata}<br>loss = %{y:.6g}<extra></extra>"
    layout["xaxis"] = iteration_axis(max(h.last_step for h in histories), presenter)
    layout["yaxis"] = axis(f"{name} (log scale)", presenter, type="log", exponentformat="power")
    return go.Figure(data=data, layout=layout)
