"""Whole grids at once, for the charts: no Python loop per grid cell.

These answer the questions a static picture cannot: what the neuron outputs
everywhere on the input plane, and how the loss looks over every (w1, w2).
"""

from __future__ import annotations

import numpy as np

from perceptron.maths import loss_from_logits, sigmoid


def output_surface(weights: np.ndarray, x1: np.ndarray, x2: np.ndarray, bias: bool) -> np.ndarray:
    """Output over the grid ``x1 × x2``: result[i, j] is at (x1[j], x2[i]), as plotly expects."""
    w = np.asarray(weights, dtype=np.float64)
    x1 = np.asarray(x1, dtype=np.float64)
    x2 = np.asarray(x2, dtype=np.float64)
    with np.errstate(all="ignore"):
        # x2 varies down the rows, x1 along the columns (an outer product with a
        # scalar is 1-D, so the axes must be spelled out).
        logits = x2[:, None] * w[1] + x1[None, :] * w[0]
        if bias:
            logits = logits + w[2]
        return sigmoid(logits)


def loss_landscape(
    X: np.ndarray,
    y: np.ndarray,
    w1: np.ndarray,
    w2: np.ndarray,
    objective: str,
    bias_value: float | None = None,
) -> np.ndarray:
    """Loss over the grid ``w1 × w2`` (result[i, j] at (w1[j], w2[i])), bias held fixed if any.

    With a bias the true landscape is 3-D; the slice at the current bias is the
    one the weights are walking on at that step.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    grid_w1, grid_w2 = np.meshgrid(w1, w2)
    with np.errstate(all="ignore"):
        logits = grid_w1[..., None] * X[:, 0] + grid_w2[..., None] * X[:, 1]
        if bias_value is not None:
            logits = logits + bias_value
        return loss_from_logits(logits, y, objective)
