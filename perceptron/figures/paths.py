"""Where the weights go: each weight over time, and the (w1, w2) walk on the loss landscape."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.figures.geometry import landscape_window, plane, slice_offset
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
    LOSS_COLOURSCALE,
    LOSS_FLOOR,
    PATH_COLOUR,
    axis,
    base_layout,
    style,
    weight_colour,
)
from perceptron.landscape import loss_landscape
from perceptron.training import History


def weights_figure(h: History, t: int, *, presenter: bool = False) -> go.Figure:
    """Every weight over the iterations (log x), with the exact values at step t marked."""
    last = h.last_step
    t = clamp_step(t, last)
    theme = style(presenter)
    names = h.weight_names
    steps = drawn_steps(last, t, points_per_trace(len(names)))
    drawn = h.weights[steps]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": steps + 1,
            "y": compact(drawn[:, j]),
            "customdata": steps,
            "name": name,
            "line": {"color": weight_colour(j, name), "width": theme.line},
            "hovertemplate": f"step %{{customdata}}<br>{name} = %{{y:.6g}}<extra></extra>",
        }
        for j, name in enumerate(names)
    ]
    data.append(now_line(t, float(drawn.min()), float(drawn.max()), presenter))
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": np.full(len(names), t + 1),
            "y": h.weights[t],
            "customdata": names,
            "name": f"at step {t:,}",
            "showlegend": False,
            "marker": {
                "color": [weight_colour(j, n) for j, n in enumerate(names)],
                "size": theme.current,
                "line": {"width": theme.outline, "color": "#FFFFFF"},
            },
            "hovertemplate": f"step {t}<br>%{{customdata}} = %{{y:.6g}}<extra></extra>",
        }
    )
    layout = base_layout("Each weight over the iterations", presenter, name="weights")
    layout["xaxis"] = iteration_axis(last, presenter)
    layout["yaxis"] = axis("weight value", presenter, zeroline=True)
    return go.Figure(data=data, layout=layout)


def log_loss_contour(
    h: History,
    w1: list[float],
    w2: list[float],
    grid: int,
    offset: float | np.ndarray | None,
    presenter: bool,
) -> dict[str, Any]:
    """Filled contour of log10(loss) over the window; float32 keeps the JSON small."""
    g1 = np.linspace(w1[0], w1[1], max(int(grid), 2))
    g2 = np.linspace(w2[0], w2[1], max(int(grid), 2))
    X, _ = plane(h)
    loss = loss_landscape(X[:, :2], h.y, g1, g2, h.objective, bias_value=offset)
    with np.errstate(all="ignore"):
        z = np.log10(np.clip(np.nan_to_num(loss, nan=LOSS_FLOOR), LOSS_FLOOR, 1e300))
    low, high = int(np.floor(z.min())), int(np.ceil(z.max()))
    ticks = list(range(low, high + 1)) if high > low else [low]
    return {
        "type": "contour",
        "x": g1,
        "y": g2,
        "z": z.astype(np.float32),
        "colorscale": LOSS_COLOURSCALE,
        "ncontours": 16,
        "contours": {"coloring": "fill", "showlines": True},
        "line": {"width": 0.5, "color": "rgba(0,0,0,0.25)"},
        "colorbar": {
            "title": {"text": "loss (log scale)"},
            "tickvals": ticks,
            "ticktext": [f"{10.0**k:g}" for k in ticks],
            "thickness": 20 if presenter else 12,
            "len": 0.9,
        },
        "hovertemplate": "w1 = %{x:.4g}, w2 = %{y:.4g}<br>log₁₀ loss = %{z:.2f}<extra></extra>",
        "name": "loss",
        "showlegend": False,
    }


def equal_axes(w1: list[float], w2: list[float], presenter: bool) -> dict[str, Any]:
    return {
        "xaxis": axis("w1", presenter, range=w1, constrain="domain"),
        "yaxis": axis("w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain"),
    }


def landscape_figure(h: History, t: int, *, presenter: bool = False, grid: int = 31) -> go.Figure:
    """The (w1, w2) path over the loss contour; the slice is the one the weights stand on at t."""
    last = h.last_step
    t = clamp_step(t, last)
    theme = style(presenter)
    _, W = plane(h)
    w1, w2 = landscape_window([W[: last + 1]])
    steps = drawn_steps(last, t, points_per_trace(4))  # a 2D walk reads fine at ~200 points
    path = W[steps]
    data = [
        log_loss_contour(h, w1, w2, grid, slice_offset(h, t), presenter),
        {
            "type": "scatter",
            "mode": "lines",
            "x": compact(path[:, 0]),
            "y": compact(path[:, 1]),
            "customdata": steps,
            "name": "path",
            "line": {"color": PATH_COLOUR, "width": theme.line},
            "hovertemplate": "step %{customdata}<br>w1 = %{x:.6g}, w2 = %{y:.6g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": W[:1, 0],
            "y": W[:1, 1],
            "name": "start",
            "marker": {
                "symbol": "square",
                "size": theme.marker,
                "color": PATH_COLOUR,
                "line": {"width": theme.outline, "color": "#FFFFFF"},
            },
            "hovertemplate": "start (step 0)<br>w1 = %{x:.6g}, w2 = %{y:.6g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": W[t : t + 1, 0],
            "y": W[t : t + 1, 1],
            "name": f"step {t:,}",
            "marker": {
                "symbol": "circle",
                "size": theme.current + 4,
                "color": CURRENT_COLOUR,
                "line": {"width": theme.outline, "color": "#FFFFFF"},
            },
            "hovertemplate": f"step {t}<br>w1 = %{{x:.6g}}, w2 = %{{y:.6g}}<extra></extra>",
        },
    ]
    title = "Loss landscape over (w1, w2)"
    if h.bias:
        title += f", bias fixed at its step-{t:,} value {h.weights[t][-1]:.3g}"
    layout = base_layout(title, presenter, name="landscape")
    layout.update(equal_axes(w1, w2, presenter))
    return go.Figure(data=data, layout=layout)
