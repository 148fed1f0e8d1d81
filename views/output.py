"""What the neuron outputs everywhere on the input plane: a heat map, or a 3D sheet.

The heat map answers "which side of the line is each input on, and how sure is
the neuron"; the 3D view shows the same sigmoid as a sheet the rows sit on. The
output field itself is the one thing the page computes: σ(w·x + b) from the
history's weights at step t, per pixel, behind the Plotly axes. Everything else
that moves reads the history.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from perceptron.history import History
from perceptron.maths import is_one
from views import caps
from views.errors import shown_rows
from views.geometry import input_box
from views.marks import array_ref, boundary, label, misses
from views.style import (
    BOUNDARY_COLOUR,
    LOGIT_SPAN,
    OUTPUT_LUT,
    OUTPUT_SCALE,
    OUTPUT_TICKS,
    OUTPUT_TICKS_BIG,
    base_layout,
    colour_bar,
    lut_colourscale,
    row_colour,
    scale_trace,
    style,
)

SURFACE_GRID = 30
"""Points per side of the 3D sheet: what Plotly's software-rendered WebGL redraws per frame."""
TITLE = "What the neuron outputs"


def _title(h: History) -> str:
    k = min(h.n_rows, caps.PLANE_ROWS)
    return TITLE + (f" (first {k} of {h.n_rows:,} rows)" if k < h.n_rows else "")


def _rows(h: History, theme: Any) -> dict[str, Any]:
    k = min(h.n_rows, caps.PLANE_ROWS)
    ones = is_one(h.y[:k])
    return {
        "type": "scatter",
        "mode": "markers",
        "x": h.X[:k, 0].tolist(),
        "y": h.X[:k, 1].tolist(),
        "customdata": np.column_stack([np.arange(1, k + 1), h.y[:k]]).tolist(),
        "name": "rows",
        "showlegend": False,
        "marker": {
            "color": [row_colour(i) for i in range(k)],
            "size": theme.marker + 2,
            "symbol": np.where(ones, "circle", "circle-open").tolist(),
            "line": {"color": BOUNDARY_COLOUR, "width": theme.outline + 1},
        },
        "hovertemplate": "row %{customdata[0]}<br>x1 = %{x}, x2 = %{y}"
        "<br>target %{customdata[1]}<extra></extra>",
    }


def heatmap_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """The output field (drawn by the page), the 0.5 boundary at step t, the rows, and around
    each followed row a ring as wide as its miss at t, in the colour of its pull arrow."""
    theme = style(presenter)
    x1, x2 = input_box(h.X)
    ticks = OUTPUT_TICKS_BIG if presenter else OUTPUT_TICKS
    logits = [float(np.log(o / (1 - o))) for o in ticks]
    bar = colour_bar("output", presenter, tickvals=logits, ticktext=[f"{o:g}" for o in ticks])
    scale = scale_trace("output scale", -LOGIT_SPAN, LOGIT_SPAN, lut_colourscale(OUTPUT_LUT), bar)
    layout = base_layout(_title(h), presenter)
    small = {"size": min(theme.font, 16)}  # the plane's labels give its square the room
    layout["margin"]["b"] = 2
    layout["xaxis"] = {
        "title": {"text": "x1   ·   ● target 1, ○ target 0", "standoff": 4, "font": small},
        "tickfont": small,
        "range": x1,
        "automargin": True,
        # Either axis gives up domain, never range, to keep the plane square: a box wider
        # than tall (presenter mode at 1280×720) would otherwise widen x1's range instead.
        "constrain": "domain",
        "showgrid": False,
        "zeroline": False,
    }
    layout["yaxis"] = {
        "title": {"text": "x2", "standoff": 4, "font": small},
        "tickfont": small,
        "range": x2,
        "nticks": 4 if presenter else 8,  # short labels leave the plane its width
        "automargin": True,
        "scaleanchor": "x",
        "scaleratio": 1,
        "constrain": "domain",
        "showgrid": False,
        "zeroline": False,
    }
    field = {"kind": "field", "lut": OUTPUT_LUT, "span": LOGIT_SPAN, "x": x1, "y": x2}
    k = shown_rows(h)
    error = array_ref("predictions", list(range(k)), minus=h.y[:k].tolist())
    colours = [row_colour(i) for i in range(k)]
    rings = misses(h.X[:k].tolist(), error, colours, theme)
    which = f" (rows 1–{k})" if k < h.n_rows else ""
    plane_rows = h.X[: caps.PLANE_ROWS].tolist()
    words = label(f"step {{t}} · ring = miss |ŷ − y|{which}", theme, avoid=plane_rows)
    marks = [boundary(theme), rings, words]
    figure = {"data": [scale, _rows(h, theme)], "layout": layout}
    return {"name": "heatmap", "figure": figure, "marks": marks, "layers": [field]}


def surface_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """The output as a 3D sheet over the input plane, predictions on it, targets beside."""
    theme = style(presenter)
    x1, x2 = input_box(h.X)
    k = min(h.n_rows, caps.PLANE_ROWS)
    n = shown_rows(h)  # rows whose prediction the page has at every step
    gx, gy = np.linspace(*x1, SURFACE_GRID).tolist(), np.linspace(*x2, SURFACE_GRID).tolist()
    colours = [row_colour(i) for i in range(k)]
    rows = {
        "type": "scatter3d",
        "mode": "markers",
        "x": h.X[:k, 0].tolist(),
        "y": h.X[:k, 1].tolist(),
        "customdata": list(range(1, k + 1)),
        "hovertemplate": "row %{customdata}<br>x1 = %{x}, x2 = %{y}<br>%{z:.4f}<extra></extra>",
    }
    data = [
        {
            "type": "surface",
            "x": gx,
            "y": gy,
            "z": np.full((SURFACE_GRID, SURFACE_GRID), 0.5).tolist(),
            "cmin": 0.0,
            "cmax": 1.0,
            "colorscale": lut_colourscale(OUTPUT_SCALE),
            "opacity": 0.85,
            "name": "output",
            "colorbar": colour_bar("output", presenter),
            "hovertemplate": "x1 = %{x:.3f}, x2 = %{y:.3f}<br>output %{z:.4f}<extra></extra>",
        },
        {
            **rows,
            "name": "prediction",
            "z": [0.5] * n,
            "x": rows["x"][:n],
            "y": rows["y"][:n],
            "customdata": rows["customdata"][:n],
            "marker": {"color": colours[:n], "size": theme.marker * 0.6, "symbol": "circle"},
        },
        {
            **rows,
            "name": "target",
            "z": h.y[:k].tolist(),
            "marker": {"color": colours, "size": theme.marker * 0.6, "symbol": "diamond-open"},
        },
        {
            "type": "scatter3d",
            "mode": "lines",
            "x": [],
            "y": [],
            "z": [],
            "name": "output = 0.5",
            "line": {"color": BOUNDARY_COLOUR, "width": theme.line * 2},
            "hoverinfo": "skip",
        },
    ]
    tick = {"size": theme.font}
    layout = base_layout(_title(h), presenter)
    layout["scene"] = {
        "xaxis": {"range": x1, "title": {"text": "x1"}, "tickfont": tick},
        "yaxis": {"range": x2, "title": {"text": "x2"}, "tickfont": tick},
        "zaxis": {"range": [0, 1], "title": {"text": "output"}, "tickfont": tick, "nticks": 5},
        "aspectmode": "cube",
        "uirevision": "perceptron-lab",
        # Further out than Plotly's default (1.25, 1.25, 1.25), which cut off the tick
        # labels in a laptop's half-width chart.
        "camera": {"eye": {"x": 1.9, "y": 1.9, "z": 1.45}},
    }
    layout["margin"] = {**layout["margin"], "b": 0, "l": 0, "r": 0}
    marks = [
        {"kind": "sheet", "trace": "output", "x": gx, "y": gy},
        {"kind": "points3d", "trace": "prediction", "z": array_ref("predictions", list(range(n)))},
        {"kind": "boundary3d", "trace": "output = 0.5", "x": x1, "y": x2},
        label("step {t}", theme),
    ]
    return {"name": "surface", "figure": {"data": data, "layout": layout}, "marks": marks}
