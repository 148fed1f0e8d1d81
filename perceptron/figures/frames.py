"""Animation frames: only what moves from one step to the next, per chart.

The browser plays these on one clock shared by every chart of the page
(``ui/static/plotly_element.js``), so all views show the same step with no server
round trip per frame. A frame is named by its step and restyles just the
current-step traces of the figure the matching builder made at the first step
(the marker, the "now" line, the boundary, the surface). Frames are plain
dicts with numbers rounded to 6 significant digits: hundreds of them cost tens
of kilobytes per chart, and skipping plotly's per-trace validation keeps
building them cheaper than building the figure itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from perceptron.figures.errors import MAX_ERROR_ROWS
from perceptron.figures.geometry import decision_boundary, plane_weights
from perceptron.figures.style import LOSS_FLOOR
from perceptron.figures.surface import frame_surface, surface_title
from perceptron.training import History

Frame = dict[str, Any]


def _r(values: Any) -> list[float]:
    return [float(f"{v:.6g}") for v in np.ravel(values)]


def _frames(
    fig: go.Figure,
    h: History,
    steps: Sequence[int],
    traces: list[int],
    data: Callable[[int], list[dict[str, Any]]],
    title: Callable[[int], str] | None = None,
) -> list[Frame]:
    base_title = fig.layout.title.to_plotly_json() if fig.layout.title else {}
    frames = []
    for step in sorted({min(max(int(s), 0), h.last_step) for s in steps}):
        frame: Frame = {"name": str(step), "traces": traces, "data": data(step)}
        if title is not None:
            frame["layout"] = {"title": {**base_title, "text": title(step)}}
        frames.append(frame)
    return frames


def _now(step: int) -> dict[str, Any]:
    return {"x": [step + 1, step + 1]}


def weights_frames(fig: go.Figure, h: History, steps: Sequence[int]) -> list[Frame]:
    """Frames for :func:`weights_figure`: the now line and the weight markers."""
    d = h.weights.shape[1]

    def data(s: int) -> list[dict[str, Any]]:
        return [_now(s), {"x": [s + 1] * d, "y": _r(h.weights[s])}]

    return _frames(fig, h, steps, [d, d + 1], data)


def errors_frames(fig: go.Figure, h: History, steps: Sequence[int]) -> list[Frame]:
    """Frames for :func:`errors_figure`: the now line and each row's error marker."""
    k = min(h.n_rows, MAX_ERROR_ROWS)

    def data(s: int) -> list[dict[str, Any]]:
        return [_now(s), {"x": [s + 1] * k, "y": _r(h.predictions[s, :k] - h.y[:k])}]

    return _frames(fig, h, steps, [k + 1, k + 2], data)


def loss_frames(fig: go.Figure, h: History, steps: Sequence[int]) -> list[Frame]:
    """Frames for :func:`loss_figure`: the now line and the loss marker (none if infinite)."""

    def data(s: int) -> list[dict[str, Any]]:
        loss = h.loss[s]
        marker = (
            {"x": [s + 1], "y": _r(max(loss, LOSS_FLOOR))}
            if np.isfinite(loss)
            else {"x": [], "y": []}
        )
        return [_now(s), marker]

    return _frames(fig, h, steps, [1, 2], data)


def landscape_frames(fig: go.Figure, h: History, steps: Sequence[int]) -> list[Frame]:
    """Frames for :func:`landscape_figure`: the current (w1, w2) point."""

    def data(s: int) -> list[dict[str, Any]]:
        w1, w2, _ = plane_weights(h, s)
        return [{"x": _r(w1), "y": _r(w2)}]

    return _frames(fig, h, steps, [3], data)


def surface_frames(fig: go.Figure, h: History, steps: Sequence[int]) -> list[Frame]:
    """Frames for :func:`surface_figure` (either kind): surface, boundary and row points."""
    three_d = any(trace.type == "surface" for trace in fig.data)

    def data(s: int) -> list[dict[str, Any]]:
        w1, w2, b = plane_weights(h, s)
        line = decision_boundary(w1, w2, b)
        xs, ys = (_r(line[0]), _r(line[1])) if line is not None else ([], [])
        surface = {"z": np.round(frame_surface(fig, w1, w2, b), 3).tolist()}
        if three_d:
            return [surface, {"z": _r(h.predictions[s])}, {"x": xs, "y": ys, "z": [0.5] * len(xs)}]
        return [surface, {"x": xs, "y": ys}]

    traces = [0, 1, 3] if three_d else [0, 1]
    return _frames(fig, h, steps, traces, data, lambda s: surface_title(h, s))
