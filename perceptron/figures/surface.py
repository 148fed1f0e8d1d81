"""What the neuron outputs everywhere on the input plane at step t.

The heat map answers "which side of the line is each input on, and how sure
is the neuron"; the 3D view shows the same sigmoid as a sheet the data points
sit on. Only x1 and x2 are drawn; any further inputs are held at 0 (and the
title says so).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import plotly.graph_objects as go

from perceptron.figures.sampling import clamp_step
from perceptron.figures.style import (
    BOUNDARY_COLOUR,
    OUTPUT_COLOURSCALE,
    base_layout,
    row_colour,
    style,
)
from perceptron.landscape import output_surface
from perceptron.training import History

LOW, HIGH = -0.25, 1.25
"""The input box: the teaching data live in {0, 1}², with room for the markers."""


def plane_weights(h: History, t: int) -> tuple[float, float, float]:
    """(w1, w2, b) at step t; a missing second input or bias counts as 0."""
    w = h.weights[t]
    d = h.X.shape[1]
    return float(w[0]), float(w[1]) if d > 1 else 0.0, float(w[-1]) if h.bias else 0.0


def decision_boundary(
    w1: float, w2: float, b: float, low: float = LOW, high: float = HIGH
) -> tuple[np.ndarray, np.ndarray] | None:
    """Endpoints of w1·x1 + w2·x2 + b = 0 inside the box, or None if it misses the box."""
    points: list[tuple[float, float]] = []
    with np.errstate(all="ignore"):
        if w2 != 0:
            points += [(x1, -(b + w1 * x1) / w2) for x1 in (low, high)]
        if w1 != 0:
            points += [(-(b + w2 * x2) / w1, x2) for x2 in (low, high)]
    span = high - low
    inside = [
        (x1, x2)
        for x1, x2 in points
        if np.isfinite(x1) and np.isfinite(x2) and all(low - 1e-9 * span <= v <= high + 1e-9 * span
                                                       for v in (x1, x2))
    ]  # fmt: skip
    best, far = None, 1e-9 * span
    for i, p in enumerate(inside):
        for q in inside[i + 1 :]:
            gap = float(np.hypot(p[0] - q[0], p[1] - q[1]))
            if gap > far:
                best, far = (p, q), gap
    if best is None:
        return None
    return np.array([best[0][0], best[1][0]]), np.array([best[0][1], best[1][1]])


def _rows(h: History, t: int) -> dict[str, Any]:
    x1 = h.X[:, 0]
    x2 = h.X[:, 1] if h.X.shape[1] > 1 else np.zeros(h.n_rows)
    ones = h.y >= 0.5
    return {
        "x1": x1,
        "x2": x2,
        "colours": [row_colour(i) for i in range(h.n_rows)],
        "ones": ones,
        "custom": np.column_stack([np.arange(1, h.n_rows + 1), h.y, h.predictions[t]]),
    }


ROW_HOVER = (
    "row %{customdata[0]}<br>x1 = %{x}, x2 = %{y}<br>target %{customdata[1]}"
    "<br>prediction %{customdata[2]:.6f}<extra></extra>"
)


def _title(h: History, t: int) -> str:
    extra = " (other inputs at 0)" if h.X.shape[1] > 2 else ""
    return f"Neuron output over the input plane at step {t:,}{extra}"


def surface_figure(
    h: History,
    t: int,
    *,
    kind: Literal["heatmap", "3d"] = "heatmap",
    presenter: bool = False,
    camera: dict[str, Any] | None = None,
    grid: int = 30,
) -> go.Figure:
    """Heat map (or 3D sheet) of the output, the 0.5 boundary, and the rows at step t."""
    t = clamp_step(t, h.last_step)
    theme = style(presenter)
    axis_values = np.linspace(LOW, HIGH, max(int(grid), 2))
    w1, w2, b = plane_weights(h, t)
    z = output_surface(np.array([w1, w2, b]), axis_values, axis_values, bias=True)
    line = decision_boundary(w1, w2, b)
    rows = _rows(h, t)
    colourbar = {"title": {"text": "output"}, "thickness": 12 if not presenter else 20, "len": 0.9}
    layout = base_layout(_title(h, t), presenter, name="surface")
    if kind == "3d":
        data = _three_d(axis_values, z, line, rows, theme, colourbar)
        scene_axis = {"range": [LOW, HIGH], "title": {"font": {"size": theme.font}}}
        layout["scene"] = {
            "xaxis": {**scene_axis, "title": {"text": "x1"}},
            "yaxis": {**scene_axis, "title": {"text": "x2"}},
            "zaxis": {"range": [0, 1], "title": {"text": "output"}},
            "aspectmode": "cube",
        }
        if camera is not None:
            layout["scene"]["camera"] = camera
        layout["margin"]["b"] = 0
        return go.Figure(data=data, layout=layout)
    data = [
        {
            "type": "heatmap",
            "x": axis_values,
            "y": axis_values,
            "z": z,
            "zmin": 0.0,
            "zmax": 1.0,
            "colorscale": OUTPUT_COLOURSCALE,
            "colorbar": colourbar,
            "hovertemplate": "x1 = %{x:.3f}, x2 = %{y:.3f}<br>output %{z:.4f}<extra></extra>",
            "name": "output",
        }
    ]
    if line is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": line[0],
                "y": line[1],
                "name": "output = 0.5",
                "line": {"color": BOUNDARY_COLOUR, "width": theme.line, "dash": "dash"},
                "hoverinfo": "skip",
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": rows["x1"],
            "y": rows["x2"],
            "customdata": rows["custom"],
            "name": "rows (● target 1, ○ target 0)",
            "marker": {
                "color": rows["colours"],
                "size": theme.marker + 2,
                "symbol": np.where(rows["ones"], "circle", "circle-open").tolist(),
                "line": {"color": BOUNDARY_COLOUR, "width": theme.outline + 1},
            },
            "hovertemplate": ROW_HOVER,
        }
    )
    box = [LOW, HIGH]
    layout["xaxis"] = {"title": {"text": "x1"}, "range": box, "automargin": True}
    layout["yaxis"] = {
        "title": {"text": "x2"},
        "range": box,
        "automargin": True,
        "scaleanchor": "x",
        "scaleratio": 1,
        "constrain": "domain",
    }
    return go.Figure(data=data, layout=layout)


def _three_d(
    axis_values: np.ndarray,
    z: np.ndarray,
    line: tuple[np.ndarray, np.ndarray] | None,
    rows: dict[str, Any],
    theme: Any,
    colourbar: dict[str, Any],
) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = [
        {
            "type": "surface",
            "x": axis_values,
            "y": axis_values,
            "z": z,
            "cmin": 0.0,
            "cmax": 1.0,
            "colorscale": OUTPUT_COLOURSCALE,
            "colorbar": colourbar,
            "opacity": 0.85,
            "name": "output",
            "hovertemplate": "x1 = %{x:.3f}, x2 = %{y:.3f}<br>output %{z:.4f}<extra></extra>",
        },
        {
            "type": "scatter3d",
            "mode": "markers",
            "x": rows["x1"],
            "y": rows["x2"],
            "z": rows["custom"][:, 2],
            "customdata": rows["custom"],
            "name": "prediction",
            "marker": {"color": rows["colours"], "size": theme.marker * 0.6, "symbol": "circle"},
            "hovertemplate": ROW_HOVER,
        },
        {
            "type": "scatter3d",
            "mode": "markers",
            "x": rows["x1"],
            "y": rows["x2"],
            "z": rows["custom"][:, 1],
            "customdata": rows["custom"],
            "name": "target",
            "marker": {
                "color": rows["colours"],
                "size": theme.marker * 0.6,
                "symbol": "diamond-open",
            },
            "hovertemplate": ROW_HOVER,
        },
    ]
    if line is not None:
        data.append(
            {
                "type": "scatter3d",
                "mode": "lines",
                "x": line[0],
                "y": line[1],
                "z": [0.5, 0.5],
                "name": "output = 0.5",
                "line": {"color": BOUNDARY_COLOUR, "width": theme.line * 2},
                "hoverinfo": "skip",
            }
        )
    return data
