"""Where the weights walk: the (w1, w2) path over the loss landscape.

The landscape is drawn by the page as an image behind the Plotly axes, from
loss grids computed here once per run. With a bias the true landscape is 3-D:
the weights walk on the slice at the current bias, so several slices are sent
(spanning the run's bias values) and the page shows the one nearest b at step t.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from perceptron.history import History
from perceptron.landscape import loss_landscape
from views.geometry import biases, landscape_window, weights_2d
from views.marks import array_ref, label, points, trail
from views.sampling import compact, decade_ticks, drawn_steps, points_per_trace
from views.style import (
    CURRENT_COLOUR,
    LOSS_FLOOR,
    LOSS_LUT,
    PATH_COLOUR,
    axis,
    base_layout,
    colour_bar,
    lut_colourscale,
    scale_trace,
    style,
)

GRID = 31
"""Loss values per side of a slice: a smooth image once the page interpolates it."""
SLICES = 24
"""Bias values sampled along a run with a bias; the page shows the nearest one."""


def _slices(h: History, w1: list[float], w2: list[float]) -> dict[str, np.ndarray]:
    """log10(loss) over the window, one grid per sampled bias, quantised to bytes.

    One byte per cell: the image is coloured in bands anyway, and 24 slices then
    cost 23 KB instead of 180 KB of float64.
    """
    g1, g2 = np.linspace(*w1, GRID), np.linspace(*w2, GRID)
    b = biases(h)
    offsets = [None] if b is None else np.unique(np.linspace(b.min(), b.max(), SLICES))
    with np.errstate(all="ignore"):
        grids = np.stack([loss_landscape(h.X, h.y, g1, g2, h.objective, o) for o in offsets])
        z = np.log10(np.clip(np.nan_to_num(grids, nan=LOSS_FLOOR), LOSS_FLOOR, 1e300))
    low, high = float(z.min()), float(z.max())
    span = high - low if high > low else 1.0
    levels = np.rint((z - low) / span * 255).astype(np.uint8)
    bias_values = np.zeros(1) if b is None else np.asarray(offsets, dtype=np.float64)
    return {"slices": levels, "slice_bias": bias_values, "log_loss_range": np.array([low, high])}


def landscape_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """Path (still), start marker, and the point at step t with its exact recent trail.

    Its ``arrays`` (the quantised slices and their biases) travel in the binary part.
    """
    theme = style(presenter)
    W = weights_2d(h)
    w1, w2 = landscape_window([W])
    arrays = _slices(h, w1, w2)
    low, high = (float(v) for v in arrays.pop("log_loss_range"))
    steps = drawn_steps(h.last_step, points_per_trace(4))  # a 2D walk reads fine at ~200 points
    bar = colour_bar("loss", presenter, **decade_ticks(low, high))
    scale = scale_trace("loss scale", low, high, lut_colourscale(LOSS_LUT), bar)
    path = {
        "type": "scatter",
        "mode": "lines",
        "x": compact(W[steps, 0]),
        "y": compact(W[steps, 1]),
        "customdata": steps.tolist(),
        "name": "path",
        "showlegend": False,
        "line": {"color": PATH_COLOUR, "width": theme.line},
        "hovertemplate": "step %{customdata}<br>w1 = %{x:.6g}, w2 = %{y:.6g}<extra></extra>",
    }
    start = {
        "type": "scatter",
        "mode": "markers",
        "x": [float(W[0, 0])],
        "y": [float(W[0, 1])],
        "name": "start",
        "showlegend": False,
        "marker": {
            "symbol": "square",
            "size": theme.marker,
            "color": PATH_COLOUR,
            "line": {"width": theme.outline, "color": "#FFFFFF"},
        },
        "hovertemplate": "start (step 0)<br>w1 = %{x:.6g}, w2 = %{y:.6g}<extra></extra>",
    }
    layout = base_layout("Where the weights walk", presenter)
    layout["xaxis"] = axis("w1", presenter, range=w1, constrain="domain", showgrid=False)
    layout["yaxis"] = axis(
        "w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    at_t = (array_ref("weights", [0]), array_ref("weights", [1]))
    marks = [
        trail(*at_t, CURRENT_COLOUR, theme),
        points(*at_t, [CURRENT_COLOUR], theme, size=theme.current + 4),
    ]
    if h.bias:
        marks.append(label("slice at b ≈ {slice}", theme))
    layer = {"kind": "slices", "lut": LOSS_LUT, "levels": 16, "x": w1, "y": w2}
    return {
        "name": "landscape",
        "figure": {"data": [scale, path, start], "layout": layout},
        "marks": marks,
        "layers": [layer],
        "arrays": arrays,
    }
