"""The neuron's maths, in numerically safe form.

The notebook computes ``1 / (1 + exp(-x))``, which overflows (with a warning) for
x below about -709. Here the exponent is always ``-|x|`` so it never exceeds 0:
the result is the same to the last bit where the notebook's formula works, and
exactly 0 or 1 where it would have overflowed.
"""

from __future__ import annotations

import math

import numpy as np

LOSSES = ("squared", "cross_entropy")

THRESHOLD = 0.5
"""Where an output turns from "class 0" into "class 1": the sigmoid's midpoint, logit 0.

A soft target (0.7) is read the same way, so a row is right when its prediction and
its target fall on the same side of it.
"""


def weighted_sum(weights: np.ndarray, layer_0: np.ndarray) -> np.ndarray:
    """Each row's logit x·w for each weight vector: (A, n) and (rows, n) give (A, rows).

    Summed term by term in the notebook's order (x0·w0 + x1·w1 + …), as the scalar loop
    adds them, never as a matrix product: BLAS may fuse a multiply and an add, and near the
    float limit a fused sum and a plain one part ways (−inf against inf − inf = NaN). Then
    ``train`` (scalar loop), ``train_many`` (numpy kernel) and a history's own losses would
    disagree about whether and when a run diverged; term by term they take the same sums.
    """
    total = weights[:, :1] * layer_0[:, 0]
    for j in range(1, weights.shape[1]):
        total = total + weights[:, j : j + 1] * layer_0[:, j]
    return total


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function that never overflows, even at ±1e308 or ±inf."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def scalar_sigmoid(z: float) -> float:
    """The same function on one Python float, for the fast scalar training loop."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    if z != z:  # NaN: propagate it so divergence is detected, never raise
        return z
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_derivative(sigmoid_output: np.ndarray) -> np.ndarray:
    """Slope of the sigmoid, written in terms of its output as in the notebook."""
    return sigmoid_output * (1.0 - sigmoid_output)


def softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + exp(z)) without overflow: the building block of a finite cross-entropy."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def loss_from_logits(z: np.ndarray, y: np.ndarray, objective: str) -> np.ndarray:
    """Objective summed over rows (the last axis), for logits ``z`` of any leading shape.

    Cross-entropy is computed from the logits, not from the rounded prediction,
    so a saturated neuron (prediction exactly 0 or 1) still gets a finite loss
    instead of log(0). It is written as ``y*softplus(-z) + (1-y)*softplus(z)``
    (equal to ``softplus(z) - y*z``) with each term dropped where its weight is
    0: otherwise an overflowed logit gives ``0 * inf = NaN`` for a neuron that is
    right, and the run would wrongly be reported as diverged.
    """
    if objective == "squared":
        return 0.5 * np.sum((sigmoid(z) - y) ** 2, axis=-1)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        wants_one = np.where(y > 0, y * softplus(-z), 0.0)
        wants_zero = np.where(y < 1, (1 - y) * softplus(z), 0.0)
    return np.sum(wants_one + wants_zero, axis=-1)


def output_delta(layer_1: np.ndarray, layer_1_error: np.ndarray, objective: str) -> np.ndarray:
    """How much each row's logit should move, given its miss: the notebook's ``layer_1_delta``.

    For squared error it is the miss times the sigmoid's slope; for cross-entropy
    the slope cancels out of the derivative and the delta is the miss itself.
    """
    if objective == "squared":
        return layer_1_error * sigmoid_derivative(layer_1)
    return layer_1_error


def is_one(values: np.ndarray) -> np.ndarray:
    """Which outputs (or targets) count as class 1: those at or above :data:`THRESHOLD`."""
    return np.asarray(values) >= THRESHOLD


def on_right_side(predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Whether each prediction falls on its target's side of :data:`THRESHOLD`.

    Broadcasts, so a whole history (steps × rows) against the targets (rows) gives every
    step's verdict at once: the accuracy, the Compare table and the page's ✓/✗ all read this.
    """
    return is_one(predictions) == is_one(y)
