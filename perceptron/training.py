"""Gradient descent on one sigmoid neuron, recording every step.

The update is the notebook's, generalised only where the app needs it (a bias
column, a learning rate, a cross-entropy option):

    layer_1        = sigmoid(layer_0 @ synapse_0)
    layer_1_error  = layer_1 - y
    layer_1_delta  = layer_1_error * sigmoid_derivative(layer_1)   # squared error
    synapse_derivative = layer_0.T @ layer_1_delta
    synapse_0     -= learning_rate * synapse_derivative

Only the weights are inherently sequential, so the loop records just weights
and gradients; predictions and losses for every step are then computed in one
vectorised pass. On the tiny teaching datasets numpy's per-call overhead
dominates, so the loop itself runs on Python floats (faster than the notebook's
numpy loop even with the full history: ``benchmarks/bench_engine.py`` measures
it); above ``SCALAR_LOOP_MAX_CELLS`` cells numpy wins and is used instead. Both
loops are tested to agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from perceptron.history import History, history_from_weights
from perceptron.maths import output_delta, scalar_sigmoid, sigmoid
from perceptron.settings import RunSpec
from perceptron.validation import check_dataset, check_params

DEFAULTS = RunSpec()
"""The defaults of every run setting, from the one table in :mod:`perceptron.settings`."""

SCALAR_LOOP_MAX_CELLS = 48
"""Rows × weights up to which the pure-Python loop beats numpy (measured in the benchmark)."""


def initial_weights(seed: int, n_weights: int) -> np.ndarray:
    """The notebook's draw, ``2 * random((n, 1)) - 1``, from a private generator.

    ``RandomState(seed).random_sample`` yields exactly what ``np.random.seed(seed)``
    followed by ``np.random.random`` does, without touching numpy's global state.
    """
    return (2 * np.random.RandomState(seed).random_sample((n_weights, 1)) - 1)[:, 0]


def with_bias_column(X: np.ndarray, bias: bool) -> np.ndarray:
    """The bias is an extra input fixed at 1, so its weight is the last entry."""
    return np.hstack([X, np.ones((len(X), 1))]) if bias else X.copy()


def _descend_scalar(
    layer_0: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int, lr: float, objective: str
) -> tuple[list[list[float]], list[list[float]]]:
    rows = list(zip(layer_0.tolist(), y.tolist(), strict=True))
    synapse = w.tolist()
    cols = range(len(synapse))
    squared = objective == "squared"
    weights = [synapse]
    gradients = []
    for _ in range(iterations):
        derivative = [0.0] * len(synapse)
        for x, target in rows:
            z = 0.0
            for j in cols:
                z += x[j] * synapse[j]
            s = scalar_sigmoid(z)
            delta = (s - target) * (s * (1.0 - s)) if squared else s - target
            for j in cols:
                derivative[j] += x[j] * delta
        synapse = [w_j - lr * g_j for w_j, g_j in zip(synapse, derivative, strict=True)]
        gradients.append(derivative)
        weights.append(synapse)
    return weights, gradients


def _descend_numpy(
    layer_0: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int, lr: float, objective: str
) -> tuple[np.ndarray, np.ndarray]:
    weights = np.empty((iterations + 1, len(w)))
    gradients = np.empty((iterations, len(w)))
    weights[0] = w
    layer_0_t = np.ascontiguousarray(layer_0.T)
    for t in range(iterations):
        layer_1 = sigmoid(layer_0 @ weights[t])
        gradients[t] = layer_0_t @ output_delta(layer_1, y, objective)
        weights[t + 1] = weights[t] - lr * gradients[t]
    return weights, gradients


def train(
    X: Any,
    y: Any,
    seed: int = DEFAULTS.seed,
    iterations: int = DEFAULTS.iterations,
    learning_rate: float = DEFAULTS.learning_rate,
    bias: bool = DEFAULTS.bias,
    objective: str = DEFAULTS.objective,
) -> History:
    """Train one sigmoid neuron by full-batch gradient descent and return its whole history."""
    X_checked, y_checked = check_dataset(X, y)
    params = check_params(seed, iterations, learning_rate, bias, objective, n_rows=len(y_checked))
    seed, iterations, learning_rate, bias, objective = params
    layer_0 = with_bias_column(X_checked, bias)
    w0 = initial_weights(seed, layer_0.shape[1])
    descend = _descend_scalar if layer_0.size <= SCALAR_LOOP_MAX_CELLS else _descend_numpy
    with np.errstate(all="ignore"):
        weights, gradients = descend(layer_0, y_checked, w0, iterations, learning_rate, objective)
    weights = np.asarray(weights, dtype=np.float64)
    gradients = np.asarray(gradients, dtype=np.float64).reshape(iterations, layer_0.shape[1])
    return history_from_weights(X_checked, y_checked, layer_0, weights, gradients, params)


def train_many(
    X: Any,
    y: Any,
    *,
    seeds: Sequence[int] = (DEFAULTS.seed,),
    learning_rates: Sequence[float] = (DEFAULTS.learning_rate,),
    iterations: int = DEFAULTS.iterations,
    bias: bool = DEFAULTS.bias,
    objective: str = DEFAULTS.objective,
) -> list[History]:
    """Train every (seed, learning rate) pair at once: one numpy pass per step for all runs.

    Each returned history equals what :func:`train` gives for that pair (to
    floating-point rounding), which is what lets the Compare page put many runs
    on one landscape without waiting.
    """
    X_checked, y_checked = check_dataset(X, y)
    pairs = [(s, lr) for s in seeds for lr in learning_rates]
    params = [
        check_params(s, iterations, lr, bias, objective, n_rows=len(y_checked)) for s, lr in pairs
    ]
    layer_0 = with_bias_column(X_checked, bias)
    n_weights = layer_0.shape[1]
    rates = np.array([p[2] for p in params])[:, None]
    weights = np.empty((iterations + 1, len(pairs), n_weights))
    gradients = np.empty((iterations, len(pairs), n_weights))
    weights[0] = np.stack([initial_weights(p[0], n_weights) for p in params])
    with np.errstate(all="ignore"):
        for t in range(iterations):
            layer_1 = sigmoid(weights[t] @ layer_0.T)
            gradients[t] = output_delta(layer_1, y_checked, objective) @ layer_0
            weights[t + 1] = weights[t] - rates * gradients[t]
    return [
        history_from_weights(
            X_checked, y_checked, layer_0, weights[:, r].copy(), gradients[:, r].copy(), params[r]
        )
        for r in range(len(pairs))
    ]
