"""The geometry behind the charts: where the boundary crosses the box, which window to draw.

Kept apart from the figure code so it can be tested as plain numbers.
"""

from __future__ import annotations

import numpy as np

from perceptron.training import History

LOW, HIGH = -0.25, 1.25
"""The input box: the teaching data live in {0, 1}², with room for the markers."""


WINDOW_CAP = 1e3
"""The landscape never spans beyond ±1e3: past that the sigmoid is flat, the grid says nothing."""


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
        if np.isfinite(x1)
        and np.isfinite(x2)
        and all(low - 1e-9 * span <= v <= high + 1e-9 * span for v in (x1, x2))
    ]
    best, far = None, 1e-9 * span
    for i, p in enumerate(inside):
        for q in inside[i + 1 :]:
            gap = float(np.hypot(p[0] - q[0], p[1] - q[1]))
            if gap > far:
                best, far = (p, q), gap
    if best is None:
        return None
    return np.array([best[0][0], best[1][0]]), np.array([best[0][1], best[1][1]])


def landscape_window(paths: list[np.ndarray]) -> tuple[list[float], list[float]]:
    """Square (w1, w2) window around every path, with a margin, capped at ±WINDOW_CAP.

    Square so that with equal axis scales the plot fills its box; the margin
    keeps start and end markers off the edge.
    """
    stacked = np.vstack(paths)
    stacked = np.clip(stacked, -WINDOW_CAP, WINDOW_CAP)
    low, high = stacked.min(axis=0), stacked.max(axis=0)
    centre = (low + high) / 2
    half = max(float((high - low).max()) / 2 * 1.15 + 0.5, 1.0)
    ranges = []
    for c in centre:
        lo, hi = max(c - half, -WINDOW_CAP), min(c + half, WINDOW_CAP)
        ranges.append([float(lo), float(hi)])
    return ranges[0], ranges[1]


def plane(h: History) -> tuple[np.ndarray, np.ndarray]:
    """(X, W) restricted to two inputs: a single-input dataset gets a zero x2 column and w2."""
    if h.X.shape[1] >= 2:
        return h.X, h.weights[:, :2]
    zeros = np.zeros((len(h.weights), 1))
    return np.hstack([h.X, np.zeros((h.n_rows, 1))]), np.hstack([h.weights[:, :1], zeros])


def slice_offset(h: History, t: int) -> float | np.ndarray | None:
    """What the drawn slice holds fixed at step t: the bias and any inputs beyond x2.

    ``loss_landscape`` adds ``bias_value`` to every row's logit, so a per-row
    array carries the contribution of inputs 3+ (their weights at step t).
    """
    d = h.X.shape[1]
    if d <= 2 and not h.bias:
        return None
    w = h.weights[t]
    with np.errstate(all="ignore"):
        extra = h.X[:, 2:] @ w[2:d] if d > 2 else np.zeros(h.n_rows)
        extra = extra + (w[-1] if h.bias else 0.0)
    extra = np.nan_to_num(extra)  # inf − inf on absurd inputs: hold the slice at 0 there
    return float(extra[0]) if d <= 2 else extra
