"""The engine's parameter bounds, at and just past each: seed, iterations, the history
cap, learning rates, bias and loss.

A limit is only real if the value one past it is refused with a message that names the
field (``ValueError("<field>: ...")``), and the value at it is accepted.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import perceptron
from perceptron import limits
from perceptron.limits import MAX_SEED
from perceptron.settings import LEARNING_RATES
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y

GOOD = {"seed": 1, "iterations": 10, "learning_rate": 1.0, "bias": False, "loss": "squared"}


def params(**changes: Any) -> tuple:
    values = {**GOOD, **changes}
    return perceptron.check_params(
        values["seed"],
        values["iterations"],
        values["learning_rate"],
        values["bias"],
        values["loss"],
        n_rows=values.get("n_rows", 4),
    )


@pytest.mark.parametrize("seed", [0, 1, MAX_SEED, np.int64(7), np.uint32(MAX_SEED)])
def test_seed_at_the_bounds_is_accepted(seed):
    assert params(seed=seed)[0] == int(seed)
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, seed=seed, iterations=1)
    expected = 2 * np.random.RandomState(int(seed)).random_sample(2) - 1
    np.testing.assert_array_equal(history.weights[0], expected)


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 2**64, "1", True, False, 1.0, None, math.nan])
def test_seed_past_the_bounds_is_refused_naming_seed(seed):
    with pytest.raises(ValueError, match=r"^seed: "):
        params(seed=seed)
    with pytest.raises(ValueError, match=r"^seed: "):
        perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, seed=seed, iterations=1)


def test_iterations_zero_and_max_are_accepted():
    assert params(iterations=0)[1] == 0
    assert params(iterations=limits.MAX_ITERATIONS, n_rows=1)[1] == limits.MAX_ITERATIONS
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0)
    assert history.last_step == 0 and history.weights.shape == (1, 2)
    assert history.gradients.shape == (0, 2)


@pytest.mark.parametrize(
    "iterations", [-1, limits.MAX_ITERATIONS + 1, 10**12, 10**400, 1.0, "10", True, None]
)
def test_iterations_past_the_bounds_are_refused_naming_iterations(iterations):
    with pytest.raises(ValueError, match=r"^iterations: "):
        params(iterations=iterations, n_rows=1)


def test_history_cap_is_exact_for_many_rows():
    rows = limits.MAX_ROWS
    most = limits.MAX_HISTORY_VALUES // rows - 1
    assert (most + 1) * rows <= limits.MAX_HISTORY_VALUES < (most + 2) * rows
    assert params(iterations=most, n_rows=rows)[1] == most
    with pytest.raises(ValueError, match=r"^iterations: .*at most " + f"{most:,}"):
        params(iterations=most + 1, n_rows=rows)


def test_history_cap_through_train_with_many_rows():
    X = np.tile(NOTEBOOK_X, (limits.MAX_ROWS // 4, 1))
    y = np.tile(NOTEBOOK_Y, limits.MAX_ROWS // 4)
    with pytest.raises(ValueError, match=r"^iterations: "):
        perceptron.train(X, y, iterations=limits.MAX_HISTORY_VALUES // limits.MAX_ROWS)


@pytest.mark.parametrize("rate", [min(LEARNING_RATES), max(LEARNING_RATES), 1e-300, 1e300])
def test_offered_and_extreme_learning_rates_are_accepted(rate):
    assert params(learning_rate=rate)[2] == rate
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, learning_rate=rate, iterations=50)
    end = history.last_step
    assert np.isfinite(history.loss[: end + 1]).all()
    assert ((history.predictions[: end + 1] >= 0) & (history.predictions[: end + 1] <= 1)).all()


@pytest.mark.parametrize(
    "rate", [0, 0.0, -0.0, -1, -1e-300, math.nan, math.inf, -math.inf, 10**400, "1", True, None]
)
def test_bad_learning_rates_are_refused_naming_the_field(rate):
    with pytest.raises(ValueError, match=r"^learning_rate: "):
        params(learning_rate=rate)


@pytest.mark.parametrize(("field", "value"), [("bias", 1), ("bias", "true"), ("loss", "hinge")])
def test_bias_and_loss_must_be_exact(field, value):
    with pytest.raises(ValueError, match=f"^{field}: "):
        params(**{field: value})
