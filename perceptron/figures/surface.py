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

from perceptron.figures.geometry import HIGH, LOW, decision_boundary, plane_weights
from perceptron.figures.sampling import clamp_step
from perceptron.figures.style import (
    BOUNDARY_COLOUR,
    LOGIT_SPAN,
    OUTPUT_COLOURSCALE,
    OUTPUT_TICKS,
    SIGMOID_COLOURSCALE,
    base_layout,
    row_colour,
    style,
)
from perceptron.landscape import output_surface
from perceptron.training import History


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


def _logit_corners(w1: float, w2: float, b: float) -> list[list[float]]:
    """w·x + b at the box's corners; rows are x2, columns x1, as plotly expects."""
    return [[w1 * x1 + w2 * x2 + b for x1 in (LOW, HIGH)] for x2 in (LOW, HIGH)]


def _sheet(axis_values: np.ndarray, w1: float, w2: float, b: float) -> np.ndarray:
    return output_surface(np.array([w1, w2, b]), axis_values, axis_values, bias=True)


def frame_surface(fig: go.Figure, w1: float, w2: float, b: float) -> np.ndarray:
    """The first trace's z for other weights: corners for the heat map, the sheet in 3D."""
    if fig.data[0].type == "heatmap":
        return np.array(_logit_corners(w1, w2, b))
    return _sheet(np.asarray(fig.data[0].x), w1, w2, b)


def _boundary_2d(line: tuple[np.ndarray, np.ndarray] | None, theme: Any) -> dict[str, Any]:
    """The 0.5 line; always present (empty when it misses the box) so frames can move it."""
    xs, ys = line if line is not None else ([], [])
    return {
        "type": "scatter",
        "mode": "lines",
        "x": xs,
        "y": ys,
        "name": "output = 0.5",
        "line": {"color": BOUNDARY_COLOUR, "width": theme.line, "dash": "dash"},
        "hoverinfo": "skip",
    }


def surface_title(h: History, t: int) -> str:
    extra = " (other inputs at 0)" if h.X.shape[1] > 2 else ""
    return f"Neuron output over the input plane at step {t:,}{extra}"


def surface_figure(
    h: History,
    t: int,
    *,
    kind: Literal["heatmap", "3d"] = "heatmap",
    presenter: bool = False,
    camera: dict[str, Any] | None = None,
    grid: int = 20,
) -> go.Figure:
    """Heat map (or 3D sheet) of the output, the 0.5 boundary, and the rows at step t.

    The heat map draws the *logit* w·x + b, a plane, exactly from its four
    corners (bilinear smoothing reproduces a plane) through a colour scale bent
    by the sigmoid, so each colour is the neuron's output there. Four numbers
    per step instead of a grid: that is what lets playback run at display rate.
    """
    t = clamp_step(t, h.last_step)
    theme = style(presenter)
    axis_values = np.linspace(LOW, HIGH, max(int(grid), 2))
    w1, w2, b = plane_weights(h, t)
    z = _sheet(axis_values, w1, w2, b)
    line = decision_boundary(w1, w2, b)
    rows = _rows(h, t)
    colourbar = {"title": {"text": "output"}, "thickness": 12 if not presenter else 20, "len": 0.9}
    layout = base_layout(surface_title(h, t), presenter, name="surface")
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
            "x": [LOW, HIGH],
            "y": [LOW, HIGH],
            "z": _logit_corners(w1, w2, b),
            "zsmooth": "best",
            "zmin": -LOGIT_SPAN,
            "zmax": LOGIT_SPAN,
            "colorscale": SIGMOID_COLOURSCALE,
            "colorbar": {**colourbar, **OUTPUT_TICKS},
            "hoverinfo": "skip",
            "name": "output",
        },
        _boundary_2d(line, theme),
    ]
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
    xs, ys = line if line is not None else ([], [])
    data.append(
        {
            "type": "scatter3d",
            "mode": "lines",
            "x": xs,
            "y": ys,
            "z": [0.5] * len(xs),
            "name": "output = 0.5",
            "line": {"color": BOUNDARY_COLOUR, "width": theme.line * 2},
            "hoverinfo": "skip",
        }
    )
    return data
