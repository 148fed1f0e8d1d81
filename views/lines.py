"""Lines against the iterations, drawn by the page on its own canvas instead of by Plotly.

A new seed, rate or data point changes every line of the loss, weights and errors charts
but rarely their axes. As Plotly traces, each new run meant a Plotly redraw of three
charts (most of a new run's time in the browser, ``benchmarks/ui/new_run.py``); as a layer,
the figure (axes, legend) stays as it was and the page only strokes the new lines
(``ui/static/lines.js``). So the axes are given explicit ranges, rounded outwards to
round numbers: two runs that differ a little share them, and their figure.

A line is the steps to draw (thinned as before, :func:`views.sampling.envelope_steps`:
each bucket's lowest and highest value, so a bounce keeps its band), sent as an array of
the run's blob, and a value reference into the run's history (:mod:`views.marks`), so the
page reads the same numbers it shows at step t: nothing is sent twice.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from views.marks import Ref

Line = dict[str, Any]


def line(
    array: str, y: Ref, name: str, colour: str, width: float, x: Ref | None = None, **start: Any
) -> Line:
    """One line through the steps in ``array`` (a blob array): at each, y = ``y`` and x =
    ``x`` (by default step + 1, the iteration axes'). ``start`` (size, outline, outlineWidth)
    marks its first point with a square, as the landscape's path starts."""
    drawn = {"steps": array, "y": y, "name": name, "color": colour, "width": width}
    return {**drawn, **({"x": x} if x else {}), **({"start": start} if start else {})}


def lines_layer(lines: list[Line]) -> dict[str, Any]:
    return {"kind": "lines", "lines": lines}


def step_array(steps: np.ndarray) -> np.ndarray:
    """Steps as the blob carries them (uint32: a run has at most a few million steps)."""
    return np.asarray(steps, dtype=np.uint32)


def legend_entry(name: str, colour: str, width: float) -> dict[str, Any]:
    """A trace with no points: the line's name and colour in the chart's legend."""
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [None],
        "y": [None],
        "name": name,
        "line": {"color": colour, "width": width},
        "hoverinfo": "skip",
    }


def nice_step(span: float) -> float:
    """The 1-2-5 step that cuts ``span`` into about ten parts: rounding to it wastes at most
    a tenth of an axis, and still lets runs that differ a little share it."""
    raw = span / 10
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))


def nice_range(values: np.ndarray, pad: float = 0.04, least: float = 1.0) -> list[float]:
    """[low, high] around the finite ``values``, padded and rounded outwards to 1-2-5 steps.

    Rounded so that another run whose values reach a little further or less far gets the
    same range (and the page keeps the figure). ``least`` is the smallest span shown, so a
    flat line sits in the middle of a readable range, not on a hair-thin one.
    """
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    middle = (low + high) / 2
    low, high = min(low, middle - least / 2), max(high, middle + least / 2)
    margin = pad * (high - low)
    step = nice_step(high - low + 2 * margin)
    return [
        round_to(math.floor((low - margin) / step), step),
        round_to(math.ceil((high + margin) / step), step),
    ]


def round_to(count: float, step: float) -> float:
    """``count`` steps, without the float noise of the product (1.0, not 1.0000000000000002):
    the figure the page compares is JSON text."""
    return float(f"{count * step:.12g}")
