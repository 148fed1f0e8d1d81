"""How wrong the neuron is: each row's miss, and the loss that sums them up."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.figures.sampling import (
    clamp_step,
    compact,
    drawn_steps,
    iteration_axis,
    now_line,
    points_per_trace,
)
from perceptron.figures.style import (
    CURRENT_COLOUR,
    LOSS_FLOOR,
    NOW_COLOUR,
    PATH_COLOUR,
    axis,
    base_layout,
    row_colour,
    style,
)
from perceptron.training import History

MAX_ERROR_ROWS = 12
"""Error curves drawn one per row; a 1,000-row upload shows its first dozen (the title says so)."""

LOSS_NAMES = {"squared": "squared error ½Σ(ŷ−y)²", "cross_entropy": "cross-entropy"}


def errors_figure(h: History, t: int, *, presenter: bool = False) -> go.Figure:
    """Each row's error (prediction − target) over the iterations, in that row's colour."""
    last = h.last_step
    t = clamp_step(t, last)
    theme = style(presenter)
    k = min(h.n_rows, MAX_ERROR_ROWS)
    steps = drawn_steps(last, t, points_per_trace(k))
    drawn = h.predictions[steps, :k] - h.y[:k]
    now = h.predictions[t, :k] - h.y[:k]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [1, last + 1],
            "y": [0.0, 0.0],
            "name": "no error",
            "line": {"color": NOW_COLOUR, "width": theme.thin},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    data += [
        {
            "type": "scatter",
            "mode": "lines",
            "x": steps + 1,
            "y": compact(drawn[:, i]),
            "customdata": steps,
            "name": f"row {i + 1}",
            "line": {"color": row_colour(i), "width": theme.line},
            "hovertemplate": f"step %{{customdata}}<br>row {i + 1} error = %{{y:.6g}}"
            "<extra></extra>",
        }
        for i in range(k)
    ]
    data.append(now_line(t, -1.0, 1.0, presenter))
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": np.full(k, t + 1),
            "y": now,
            "customdata": np.arange(1, k + 1),
            "name": f"at step {t:,}",
            "showlegend": False,
            "marker": {
                "color": [row_colour(i) for i in range(k)],
                "size": theme.current,
                "line": {"width": theme.outline, "color": "#FFFFFF"},
            },
            "hovertemplate": f"step {t}<br>row %{{customdata}} error = %{{y:.6g}}<extra></extra>",
        }
    )
    shown = f" (first {k} of {h.n_rows} rows)" if k < h.n_rows else ""
    title = f"Each row's error, prediction − target{shown}"
    layout = base_layout(title, presenter, name="errors")
    layout["xaxis"] = iteration_axis(last, presenter)
    layout["yaxis"] = axis("error ŷ − y", presenter, range=[-1.05, 1.05], zeroline=False)
    return go.Figure(data=data, layout=layout)


def loss_values(h: History, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(steps, losses) ready for a log axis: zero floored to LOSS_FLOOR, infinite ones left out.

    A run may start at an infinite loss (a logit overflowing on huge inputs)
    and still be drawable from step 1 on; no axis can show that point.
    """
    loss = h.loss[steps]
    keep = np.isfinite(loss)
    return steps[keep], np.maximum(loss[keep], LOSS_FLOOR)


def loss_figure(h: History, t: int, *, presenter: bool = False) -> go.Figure:
    """The loss over the iterations on log–log axes, with the exact value at step t marked."""
    last = h.last_step
    t = clamp_step(t, last)
    theme = style(presenter)
    steps, drawn = loss_values(h, drawn_steps(last, t))
    now_steps, now = loss_values(h, np.array([t]))
    low, high = (float(drawn.min()), float(drawn.max())) if len(drawn) else (LOSS_FLOOR, 1.0)
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": steps + 1,
            "y": compact(drawn),
            "customdata": steps,
            "name": "loss",
            "line": {"color": PATH_COLOUR, "width": theme.line},
            "hovertemplate": "step %{customdata}<br>loss = %{y:.6g}<extra></extra>",
            "showlegend": False,
        },
        now_line(t, low, high, presenter),
        {
            "type": "scatter",
            "mode": "markers",
            "x": now_steps + 1,
            "y": now,
            "name": f"at step {t:,}",
            "showlegend": False,
            "marker": {
                "color": CURRENT_COLOUR,
                "size": theme.current,
                "line": {"width": theme.outline, "color": "#FFFFFF"},
            },
            "hovertemplate": f"step {t}<br>loss = %{{y:.6g}}<extra></extra>",
        },
    ]
    name = LOSS_NAMES.get(h.objective, h.objective)
    layout = base_layout(f"Loss: {name}", presenter, name="loss")
    layout["xaxis"] = iteration_axis(last, presenter)
    layout["yaxis"] = axis(f"{name} (log scale)", presenter, type="log", exponentformat="power")
    return go.Figure(data=data, layout=layout)
