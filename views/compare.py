"""Several runs of the same data side by side: one landscape, one loss chart.

All runs are drawn on the first run's landscape (same data, same loss); with a
bias the slice is at b = 0, since each run's bias differs and one slice must
serve them all. The landscape is Train's (``views/landscape_layer.py``): the
same grid, bands, colours and colour bar, painted by the page behind the axes.
These are still charts, drawn by the lab's own element (``ui/figure.py``) like
the Train page's, so they read alike in light and dark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.history import History
from views.geometry import landscape_window, weights_2d
from views.landscape_layer import landscape_layer
from views.loss import LOSS_NAMES, loss_values
from views.sampling import (
    compact,
    drawn_steps,
    iteration_axis,
    log_axis,
    points_per_trace,
)
from views.style import LOSS_FLOOR, axis, base_layout, run_style, style


@dataclass(frozen=True)
class CompareChart:
    """A still figure, and what the page paints behind its axes (``layers``, reading ``arrays``).

    The layers and arrays have the shape of a Train chart's (``views/payload.py``),
    so the page draws them with the same code.
    """

    figure: go.Figure
    layers: list[dict[str, Any]] = field(default_factory=list)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


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


def compare_landscape_chart(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> CompareChart:
    """Each run's (w1, w2) path on one landscape: squares start, circles end (× = diverged)."""
    _check(histories, labels)
    layout = base_layout("Paths on the loss landscape", presenter)
    if not histories:
        return CompareChart(go.Figure(layout=layout))
    theme = style(presenter)
    planes = [weights_2d(h) for h in histories]
    w1, w2 = landscape_window(planes)
    first = histories[0]
    landscape = landscape_layer(first, w1, w2, [0.0] if first.bias else None, presenter)
    data: list[dict[str, Any]] = [landscape.scale]
    budget = points_per_trace(len(histories) + 2)
    for i, (h, label, W) in enumerate(zip(histories, labels, planes, strict=True)):
        steps = drawn_steps(h.last_step, budget)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": compact(W[steps, 0]),
                "y": compact(W[steps, 1]),
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
    symbols = ["x" if h.diverged_at is not None else "circle" for h in histories]
    data.append(
        _ends(
            [W[-1, 0] for W in planes],
            [W[-1, 1] for W in planes],
            colours,
            symbols,
            "end",
            theme.current,
        )
    )
    if first.bias:
        layout["title"]["text"] += " (slice at bias b = 0)"
    layout["xaxis"] = axis("w1", presenter, range=w1, constrain="domain", showgrid=False)
    layout["yaxis"] = axis(
        "w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    return CompareChart(go.Figure(data=data, layout=layout), [landscape.layer], landscape.arrays)


def compare_loss_chart(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> CompareChart:
    """Each run's loss on log–log axes; a diverged run stops at its last finite step (×)."""
    _check(histories, labels)
    objective = histories[0].objective if histories else "squared"
    name = LOSS_NAMES.get(objective, objective)
    layout = base_layout(f"Loss over the iterations: {name}", presenter)
    if not histories:
        return CompareChart(go.Figure(layout=layout))
    theme = style(presenter)
    budget = points_per_trace(len(histories))
    data: list[dict[str, Any]] = []
    for i, (h, label) in enumerate(zip(histories, labels, strict=True)):
        steps, losses = loss_values(h, drawn_steps(h.last_step, budget))
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": steps + 1,
                "y": compact(losses),
                "customdata": steps,
                "name": label,
                "line": {**run_style(i), "width": theme.line},
                "hovertemplate": f"{label}<br>step %{{customdata}}<br>"
                "loss = %{y:.6g}<extra></extra>",
            }
        )
    ends = [(i, h) for i, h in enumerate(histories) if np.isfinite(h.loss[h.last_step])]
    lasts = np.array([h.last_step for _, h in ends], dtype=np.int64)
    marker = _ends(
        (lasts + 1).tolist(),
        [max(float(h.loss[h.last_step]), LOSS_FLOOR) for _, h in ends],
        [run_style(i)["color"] for i, _ in ends],
        ["x" if h.diverged_at is not None else "circle" for _, h in ends],
        "end",
        theme.marker,
    )
    marker["customdata"] = lasts
    marker["hovertemplate"] = "end, step %{customdata}<br>loss = %{y:.6g}<extra></extra>"
    data.append(marker)
    layout["xaxis"] = iteration_axis(max(h.last_step for h in histories), presenter)
    finals = np.concatenate([loss_values(h, np.arange(h.last_step + 1))[1] for h in histories])
    layout["yaxis"] = log_axis(f"{name} (log scale)", finals, presenter)
    return CompareChart(go.Figure(data=data, layout=layout))
