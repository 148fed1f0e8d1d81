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
dominates, so the loop itself runs on Python floats (about 2× faster than the
notebook's numpy loop even with the full history, see ``benchmarks/bench_engine.py``); above
``SCALAR_LOOP_MAX_CELLS`` cells numpy wins and is used instead. Both loops are
tested to agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptron.maths import loss_from_logits, output_delta, scalar_sigmoid, sigmoid
from perceptron.validation import check_dataset, check_params

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
    layer_0: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int, lr: float, loss: str
) -> tuple[list[list[float]], list[list[float]]]:
    rows = list(zip(layer_0.tolist(), y.tolist(), strict=True))
    synapse = w.tolist()
    cols = range(len(synapse))
    squared = loss == "squared"
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
    layer_0: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int, lr: float, loss: str
) -> tuple[np.ndarray, np.ndarray]:
    weights = np.empty((iterations + 1, len(w)))
    gradients = np.empty((iterations, len(w)))
    weights[0] = w
    layer_0_t = np.ascontiguousarray(layer_0.T)
    for t in range(iterations):
        layer_1 = sigmoid(layer_0 @ weights[t])
        gradients[t] = layer_0_t @ output_delta(layer_1, y, loss)
        weights[t + 1] = weights[t] - lr * gradients[t]
    return weights, gradients


@dataclass(frozen=True)
class StepView:
    """The notebook's named intermediate values at one step, as column vectors."""

    t: int
    layer_0: np.ndarray
    synapse_0: np.ndarray
    layer_1: np.ndarray
    layer_1_error: np.ndarray
    layer_1_delta: np.ndarray
    synapse_derivative: np.ndarray | None
    new_synapse: np.ndarray | None


@dataclass(frozen=True, eq=False)
class History:
    """Everything one training run did; row ``t`` of each array is the state after t updates.

    After a divergence (weights or loss no longer finite) the rows from
    ``diverged_at`` on are NaN, and ``last_step`` is the last drawable step.
    """

    X: np.ndarray
    y: np.ndarray
    layer_0: np.ndarray
    seed: int
    iterations: int
    learning_rate: float
    bias: bool
    objective: str
    weights: np.ndarray
    predictions: np.ndarray
    loss: np.ndarray
    gradients: np.ndarray
    diverged_at: int | None

    @property
    def n_rows(self) -> int:
        return len(self.y)

    @property
    def weight_names(self) -> list[str]:
        names = [f"w{j + 1}" for j in range(self.X.shape[1])]
        return [*names, "b"] if self.bias else names

    @property
    def last_step(self) -> int:
        return self.iterations if self.diverged_at is None else self.diverged_at - 1

    @property
    def errors(self) -> np.ndarray:
        """Per-row miss at every step (prediction − target), the notebook's layer_1_error."""
        return self.predictions - self.y

    @property
    def accuracy(self) -> np.ndarray:
        """Share of rows on the right side of 0.5 at every step (targets ≥ 0.5 count as class 1)."""
        return ((self.predictions >= 0.5) == (self.y >= 0.5)).mean(axis=1)

    @property
    def loss_rose_at(self) -> int | None:
        """First step whose loss is above the previous one: the sign of an overshooting rate."""
        loss = self.loss[: self.last_step + 1]
        with np.errstate(invalid="ignore"):
            rose = np.flatnonzero(loss[1:] > loss[:-1])
        return int(rose[0]) + 1 if rose.size else None

    def step(self, t: int) -> StepView:
        """The notebook's cell values at step ``t`` (``new_synapse`` is None at the end)."""
        if not 0 <= t <= self.iterations:
            raise ValueError(f"step: t must be from 0 to {self.iterations}, got {t}")
        column = self.weights[t][:, None]
        layer_1 = self.predictions[t][:, None]
        y = self.y[:, None]
        has_next = t < self.iterations
        return StepView(
            t=t,
            layer_0=self.layer_0,
            synapse_0=column,
            layer_1=layer_1,
            layer_1_error=layer_1 - y,
            layer_1_delta=output_delta(layer_1, y, self.objective),
            synapse_derivative=self.gradients[t][:, None] if has_next else None,
            new_synapse=self.weights[t + 1][:, None] if has_next else None,
        )

    def summary(self) -> dict[str, Any]:
        """Plain-JSON description of the run and where it ended."""
        end = self.last_step
        return {
            "seed": self.seed,
            "iterations": self.iterations,
            "learning_rate": self.learning_rate,
            "bias": self.bias,
            "loss_function": self.objective,
            "weight_names": self.weight_names,
            "initial_weights": self.weights[0].tolist(),
            "final_weights": self.weights[end].tolist(),
            "final_predictions": self.predictions[end].tolist(),
            "initial_loss": float(self.loss[0]),
            "final_loss": float(self.loss[end]),
            "final_accuracy": float(self.accuracy[end]),
            "diverged_at": self.diverged_at,
        }


def _first_bad_step(weights: np.ndarray, loss: np.ndarray) -> int | None:
    bad = ~(np.isfinite(weights).all(axis=1) & np.isfinite(loss))
    # Step 0 is the seeded draw in [-1, 1], always finite; only its loss can be
    # infinite (a logit overflowing on huge inputs). Blanking it would leave no
    # drawable step at all (last_step -1), so the run counts from step 1 on.
    bad[:1] = False
    return int(np.argmax(bad)) if bad.any() else None


def history_from_weights(
    X: np.ndarray,
    y: np.ndarray,
    layer_0: np.ndarray,
    weights: np.ndarray,
    gradients: np.ndarray,
    params: tuple[int, int, float, bool, str],
) -> History:
    """Fill in predictions, losses and divergence for a run whose weights are known."""
    seed, iterations, learning_rate, bias, loss = params
    with np.errstate(all="ignore"):
        logits = weights @ layer_0.T
        predictions = sigmoid(logits)
        losses = loss_from_logits(logits, y, loss)
    diverged_at = _first_bad_step(weights, losses)
    if diverged_at is not None:
        for array in (weights, predictions, losses, gradients):
            array[diverged_at:] = np.nan
    return History(
        X=X,
        y=y,
        layer_0=layer_0,
        seed=seed,
        iterations=iterations,
        learning_rate=learning_rate,
        bias=bias,
        objective=loss,
        weights=weights,
        predictions=predictions,
        loss=losses,
        gradients=gradients,
        diverged_at=diverged_at,
    )


def train(
    X: Any,
    y: Any,
    seed: int = 1,
    iterations: int = 10000,
    learning_rate: float = 1.0,
    bias: bool = False,
    loss: str = "squared",
) -> History:
    """Train one sigmoid neuron by full-batch gradient descent and return its whole history."""
    X_checked, y_checked = check_dataset(X, y)
    params = check_params(seed, iterations, learning_rate, bias, loss, n_rows=len(y_checked))
    seed, iterations, learning_rate, bias, loss = params
    layer_0 = with_bias_column(X_checked, bias)
    w0 = initial_weights(seed, layer_0.shape[1])
    descend = _descend_scalar if layer_0.size <= SCALAR_LOOP_MAX_CELLS else _descend_numpy
    with np.errstate(all="ignore"):
        weights, gradients = descend(layer_0, y_checked, w0, iterations, learning_rate, loss)
    weights = np.asarray(weights, dtype=np.float64)
    gradients = np.asarray(gradients, dtype=np.float64).reshape(iterations, layer_0.shape[1])
    return history_from_weights(X_checked, y_checked, layer_0, weights, gradients, params)
