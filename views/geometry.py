"""The geometry behind the charts: which window to draw, and where each weight stands.

Kept apart from the figure code so it can be tested as plain numbers.
"""

from __future__ import annotations

import math

import numpy as np

from perceptron.history import History
from views.lines import nice_step, round_to

START_BOX = np.array([[-1.0, -1.0], [1.0, 1.0]])
"""Corners of the square every run starts in (``perceptron.initial_weights``: [-1, 1))."""
WINDOW_CAP = 1e3
"""The landscape never spans beyond ±1e3: past that the sigmoid is flat, the grid says nothing."""


def check_two_inputs(h: History) -> None:
    """The charts draw the input plane (x1, x2): the app's tables have exactly two inputs."""
    if h.X.shape[1] != 2:
        raise ValueError(f"charts need two input columns (x1, x2), got {h.X.shape[1]}")


def weights_2d(h: History) -> np.ndarray:
    """(w1, w2) at every shown step (0 … last_step: before any divergence)."""
    return h.weights[: h.last_step + 1, :2]


def biases(h: History) -> np.ndarray | None:
    """b at every shown step, or None for a run without a bias input."""
    return h.weights[: h.last_step + 1, 2] if h.bias else None


def input_box(X: np.ndarray) -> tuple[list[float], list[float]]:
    """(x1, x2) ranges that show every row with a margin, never smaller than the unit square.

    The teaching data live in {0, 1}², but a student may type a row at (5, 0.5):
    it must be drawn, not clipped away. Inputs near the float limit are held at
    ±1e300 for drawing, so the margin cannot overflow.
    """
    X = np.clip(X, -1e300, 1e300)
    low = np.minimum(X.min(axis=0), 0.0)
    high = np.maximum(X.max(axis=0), 1.0)
    margin = 0.25 * high - 0.25 * low
    ranges = [[float(lo - m), float(hi + m)] for lo, hi, m in zip(low, high, margin, strict=True)]
    return ranges[0], ranges[1]


def landscape_window(paths: list[np.ndarray]) -> tuple[list[float], list[float]]:
    """Square (w1, w2) window around every path, with a margin, capped at ±WINDOW_CAP.

    Square so that with equal axis scales the plot fills its box; the margin keeps start and
    end markers off the edge. It always holds START_BOX, where every seed starts, and its
    centre and half-width are rounded to a tenth-of-a-window 1-2-5 step: runs whose paths
    differ a little (another seed, a nearby rate) share the window, so the student compares
    them in one frame and the page keeps its axes (``views/lines.py``).
    """
    stacked = np.clip(np.vstack([*paths, START_BOX]), -WINDOW_CAP, WINDOW_CAP)
    low, high = stacked.min(axis=0), stacked.max(axis=0)
    step = nice_step(max(float((high - low).max()) / 2, 1.0))
    centre = np.round((low + high) / 2 / step)  # in steps
    reach = float(np.maximum(high - centre * step, centre * step - low).max())
    half = math.ceil(max(reach * 1.15 + 0.5, 1.0) / step)
    ranges = [
        [max(round_to(c - half, step), -WINDOW_CAP), min(round_to(c + half, step), WINDOW_CAP)]
        for c in centre
    ]
    return ranges[0], ranges[1]
