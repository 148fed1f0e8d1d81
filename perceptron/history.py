"""A training run, step by step: the record every chart, table and export reads.

Row ``t`` of each array is the state after t updates. The arrays are made
read-only once filled: a cached run is shared by every session that shows it,
so nothing downstream may change it in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptron.maths import (
    loss_from_logits,
    on_right_side,
    output_delta,
    sigmoid,
    weighted_sum,
)


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
        """Share of rows on their target's side of the threshold at every step."""
        return on_right_side(self.predictions, self.y).mean(axis=1)

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
        layer_1_error = layer_1 - self.y[:, None]
        has_next = t < self.iterations
        return StepView(
            t=t,
            layer_0=self.layer_0,
            synapse_0=column,
            layer_1=layer_1,
            layer_1_error=layer_1_error,
            layer_1_delta=output_delta(layer_1, layer_1_error, self.objective),
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
    seed, iterations, learning_rate, bias, objective = params
    with np.errstate(all="ignore"):
        logits = weighted_sum(weights, layer_0)
        predictions = sigmoid(logits)
        losses = loss_from_logits(logits, y, objective)
    diverged_at = _first_bad_step(weights, losses)
    if diverged_at is not None:
        for array in (weights, predictions, losses, gradients):
            array[diverged_at:] = np.nan
    for array in (X, y, layer_0, weights, predictions, losses, gradients):
        array.setflags(write=False)
    return History(
        X=X,
        y=y,
        layer_0=layer_0,
        seed=seed,
        iterations=iterations,
        learning_rate=learning_rate,
        bias=bias,
        objective=objective,
        weights=weights,
        predictions=predictions,
        loss=losses,
        gradients=gradients,
        diverged_at=diverged_at,
    )
