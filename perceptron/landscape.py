"""Whole grids and many runs at once, for the charts: no Python loop per grid cell.

These answer the questions a static picture cannot: what the neuron outputs
everywhere on the input plane, how the loss looks over every (w1, w2), and how
the same data trains under several learning rates or seeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from perceptron.maths import loss_from_logits, output_delta, sigmoid
from perceptron.training import History, history_from_weights, initial_weights, with_bias_column
from perceptron.validation import check_dataset, check_params


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
    loss: str,
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
        return loss_from_logits(logits, y, loss)


def train_many(
    X: Any,
    y: Any,
    *,
    seeds: Sequence[int] = (1,),
    learning_rates: Sequence[float] = (1.0,),
    iterations: int = 10000,
    bias: bool = False,
    loss: str = "squared",
) -> list[History]:
    """Train every (seed, learning rate) pair at once: one numpy pass per step for all runs.

    Each returned history equals what :func:`perceptron.train` gives for that pair
    (to floating-point rounding), which is what lets the Compare page put many
    runs on one landscape without waiting.
    """
    X_checked, y_checked = check_dataset(X, y)
    pairs = [(s, lr) for s in seeds for lr in learning_rates]
    params = [check_params(s, iterations, lr, bias, loss, n_rows=len(y_checked)) for s, lr in pairs]
    layer_0 = with_bias_column(X_checked, bias)
    n_weights = layer_0.shape[1]
    rates = np.array([p[2] for p in params])[:, None]
    weights = np.empty((iterations + 1, len(pairs), n_weights))
    gradients = np.empty((iterations, len(pairs), n_weights))
    weights[0] = np.stack([initial_weights(p[0], n_weights) for p in params])
    with np.errstate(all="ignore"):
        for t in range(iterations):
            layer_1 = sigmoid(weights[t] @ layer_0.T)
            gradients[t] = output_delta(layer_1, y_checked, loss) @ layer_0
            weights[t + 1] = weights[t] - rates * gradients[t]
    return [
        history_from_weights(
            X_checked, y_checked, layer_0, weights[:, r].copy(), gradients[:, r].copy(), params[r]
        )
        for r in range(len(pairs))
    ]
