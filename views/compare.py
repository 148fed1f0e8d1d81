"""Several runs of the same data side by side: one landscape, one loss chart.

All runs are drawn on the first run's landscape (same data, same loss); with a
bias the slice is at b = 0, since each run's bias differs and one slice must
serve them all. These are static figures, drawn by ``st.plotly_chart``, which
themes them like the page it is on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.history import History
from perceptron.landscape import loss_landscape
from views.geometry import landscape_window, weights_2d
from views.loss import LOSS_NAMES, loss_values
from views.sampling import (
    compact,
    decade_ticks,
    drawn_steps,
    iteration_axis,
    log_axis,
    points_per_trace,
)
from views.style import (
    LOSS_COLOURSCALE,
    LOSS_FLOOR,
    axis,
    base_layout,
    colour_bar,
    run_style,
    style,
)


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


def _contour(h: History, w1: list[float], w2: list[float], presenter: bool) -> dict[str, Any]:
    """Filled contour of log10(loss) over the window, at b = 0 when there is a bias."""
    g1, g2 = np.linspace(*w1, 41), np.linspace(*w2, 41)
    with np.errstate(all="ignore"):
        loss = loss_landscape(h.X, h.y, g1, g2, h.objective, 0.0 if h.bias else None)
        z = np.log10(np.clip(np.nan_to_num(loss, nan=LOSS_FLOOR), LOSS_FLOOR, 1e300))
    return {
        "type": "contour",
        "x": g1,
        "y": g2,
        "z": z.astype(np.float32),
        "colorscale": LOSS_COLOURSCALE,
        "ncontours": 16,
        "contours": {"coloring": "fill", "showlines": True},
        "line": {"width": 0.5, "color": "rgba(0,0,0,0.25)"},
        "colorbar": colour_bar("loss", presenter, **decade_ticks(float(z.min()), float(z.max()))),
        "hovertemplate": "w1 = %{x:.4g}, w2 = %{y:.4g}<br>log₁₀ loss = %{z:.2f}<extra></extra>",
        "name": "loss",
        "showlegend": False,
    }


def compare_landscape_figure(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> go.Figure:
    """Each run's (w1, w2) path on one landscape: squares start, circles end (× = diverged)."""
    _check(histories, labels)
    layout = base_layout("Paths on the loss landscape", presenter)
    if not histories:
        return go.Figure(layout=layout)
    theme = style(presenter)
    planes = [weights_2d(h) for h in histories]
    w1, w2 = landscape_window(planes)
    first = histories[0]
    data: list[dict[str, Any]] = [_contour(first, w1, w2, presenter)]
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
    layout["xaxis"] = axis("w1", presenter, range=w1, constrain="domain")
    layout["yaxis"] = axis(
        "w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain"
    )
    return go.Figure(data=data, layout=layout)


def compare_loss_figure(
    histories: Sequence[History], labels: Sequence[str], *, presenter: bool = False
) -> go.Figure:
    """Each run's loss on log–log axes; a diverged run stops at its last finite step (×)."""
    _check(histories, labels)
    objective = histories[0].objective if histories else "squared"
    name = LOSS_NAMES.get(objective, objective)
    layout = base_layout(f"Loss over the iterations: {name}", presenter)
    if not histories:
        return go.Figure(layout=layout)
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
    return go.Figure(data=data, layout=layout)
