"""Where the weights walk: the (w1, w2) path over the loss landscape.

The landscape is drawn by the page as an image behind the Plotly axes, from
loss grids computed once per run (``views/landscape_layer.py``, shared with
Compare). With a bias the true landscape is 3-D: the weights walk on the slice
at the current bias, so several slices are sent (spanning the run's bias values)
and the page mixes the two around b at step t, so the slice follows b. At step t
the page also draws why the weights move (``ui/static/pulls.js``): the step and
each followed row's pull, tip to tail.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from perceptron.history import History
from views import lines
from views.errors import shown_rows
from views.geometry import biases, landscape_window, weights_2d
from views.landscape_layer import landscape_layer
from views.marks import array_ref, label, points, pulls, trail
from views.sampling import drawn_steps, points_per_trace
from views.style import CURRENT_COLOUR, PATH_COLOUR, axis, base_layout, row_colour, style

SLICES = 24
"""Bias values sampled along a run with a bias; the page mixes the two around b at step t."""


def slice_biases(h: History) -> np.ndarray | None:
    """SLICES biases evenly over the run's own (fewer if it barely moves); None without one."""
    b = biases(h)
    return None if b is None else np.unique(np.linspace(b.min(), b.max(), SLICES))


def landscape_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """Path (still, drawn by the page: :mod:`views.lines`) from its start's square, the point
    at step t with its exact recent trail, and the step's arrows.

    Its ``arrays`` (the quantised slices and their biases) travel in the binary part.
    """
    theme = style(presenter)
    W = weights_2d(h)
    w1, w2 = landscape_window([W])
    landscape = landscape_layer(h, w1, w2, slice_biases(h), presenter)
    steps = drawn_steps(h.last_step, points_per_trace(4))  # a 2D walk reads fine at ~200 points
    at_t = (array_ref("weights", [0]), array_ref("weights", [1]))
    path = lines.line(
        "path_line",
        at_t[1],
        "path",
        PATH_COLOUR,
        theme.line,
        x=at_t[0],
        size=theme.marker,
        outline="#FFFFFF",
        outlineWidth=theme.outline,
    )
    layout = base_layout("Where the weights walk", presenter)
    layout["xaxis"] = axis("w1", presenter, range=w1, constrain="domain", showgrid=False)
    layout["yaxis"] = axis(
        "w2", presenter, range=w2, scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False
    )
    marks = [
        trail(*at_t, CURRENT_COLOUR, theme),
        points(*at_t, [CURRENT_COLOUR], theme, size=theme.current + 4),
        pulls([row_colour(i) for i in range(shown_rows(h))], theme, avoid=W[steps].tolist()),
    ]
    if h.bias:
        marks.append(label("slice at this step's b = {b}", theme))
    return {
        "name": "landscape",
        "figure": {"data": [landscape.scale], "layout": layout},
        "marks": marks,
        "layers": [landscape.layer, lines.lines_layer([path])],
        "arrays": {**landscape.arrays, "path_line": lines.step_array(steps)},
    }
