"""Gradients against finite differences, and the grid/batch helpers against slow loops.

The grids live in :mod:`perceptron.landscape`; the batch trainer ``train_many`` in
:mod:`perceptron.training`, next to the ``train`` it must agree with.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import perceptron
from perceptron.landscape import loss_landscape, output_surface
from perceptron.training import train_many


def reference_loss(layer_0: np.ndarray, y: np.ndarray, w: np.ndarray, objective: str) -> float:
    """The two objectives written out from their textbook definitions, one row at a time."""
    total = 0.0
    for row, target in zip(layer_0, y, strict=True):
        s = 1.0 / (1.0 + math.exp(-float(row @ w)))
        if objective == "squared":
            total += 0.5 * (s - target) ** 2
        else:
            total -= target * math.log(s) + (1 - target) * math.log(1 - s)
    return total


@st.composite
def small_problems(draw):
    n = draw(st.integers(1, 5))
    d = draw(st.integers(1, 3))
    values = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)
    X = draw(arrays(np.float64, (n, d), elements=values))
    y = draw(arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    return X, y, draw(st.integers(0, 2**32 - 1)), draw(st.booleans())


@pytest.mark.parametrize("objective", perceptron.LOSSES)
@settings(max_examples=60, deadline=None)
@given(problem=small_problems())
def test_gradient_matches_central_finite_difference(objective, problem):
    X, y, seed, bias = problem
    h = perceptron.train(X, y, seed=seed, iterations=1, bias=bias, objective=objective)
    w = h.weights[0]
    eps = 1e-6
    numeric = np.empty_like(w)
    for j in range(len(w)):
        step = np.zeros_like(w)
        step[j] = eps
        plus = reference_loss(h.layer_0, y, w + step, objective)
        minus = reference_loss(h.layer_0, y, w - step, objective)
        numeric[j] = (plus - minus) / (2 * eps)
    np.testing.assert_allclose(h.gradients[0], numeric, rtol=1e-5, atol=1e-7)
    assert h.loss[0] == pytest.approx(reference_loss(h.layer_0, y, w, objective), rel=1e-12)


def test_output_surface_matches_per_cell_loop():
    x1 = np.linspace(-1.0, 2.0, 7)
    x2 = np.linspace(-0.5, 1.5, 5)
    for weights, bias in (([1.5, -2.0], False), ([0.3, 0.7, -1.1], True)):
        surface = output_surface(np.array(weights), x1, x2, bias)
        assert surface.shape == (len(x2), len(x1))
        for i, b in enumerate(x2):
            for j, a in enumerate(x1):
                z = a * weights[0] + b * weights[1] + (weights[2] if bias else 0.0)
                assert surface[i, j] == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-14)


@pytest.mark.parametrize("objective", perceptron.LOSSES)
@pytest.mark.parametrize("bias_value", [None, -0.75])
def test_loss_landscape_matches_per_cell_loop(objective, bias_value):
    preset = perceptron.get_preset("or")
    w1 = np.linspace(-6.0, 6.0, 9)
    w2 = np.linspace(-4.0, 5.0, 6)
    grid = loss_landscape(preset.X, preset.y, w1, w2, objective, bias_value)
    assert grid.shape == (len(w2), len(w1))
    ones = np.ones((4, 1))
    layer_0 = preset.X if bias_value is None else np.hstack([preset.X, ones])
    for i, b in enumerate(w2):
        for j, a in enumerate(w1):
            w = np.array([a, b] if bias_value is None else [a, b, bias_value])
            assert grid[i, j] == pytest.approx(
                reference_loss(layer_0, preset.y, w, objective), rel=1e-12
            )


@pytest.mark.parametrize("objective", perceptron.LOSSES)
@pytest.mark.parametrize("bias", [False, True])
def test_train_many_equals_train_per_pair(objective, bias):
    preset = perceptron.get_preset("and")
    seeds, rates = (1, 7, 42), (0.1, 1.0, 3.0)
    runs = train_many(
        preset.X,
        preset.y,
        seeds=seeds,
        learning_rates=rates,
        iterations=400,
        bias=bias,
        objective=objective,
    )
    assert len(runs) == len(seeds) * len(rates)
    pairs = [(s, lr) for s in seeds for lr in rates]
    for run, (seed, lr) in zip(runs, pairs, strict=True):
        one = perceptron.train(
            preset.X,
            preset.y,
            seed=seed,
            iterations=400,
            learning_rate=lr,
            bias=bias,
            objective=objective,
        )
        assert (run.seed, run.learning_rate) == (seed, lr)
        for name in ("weights", "predictions", "loss", "gradients"):
            np.testing.assert_allclose(
                getattr(run, name), getattr(one, name), rtol=1e-10, atol=1e-12, err_msg=name
            )
        assert run.diverged_at == one.diverged_at
        assert (run.iterations, run.bias, run.objective) == (400, bias, objective)
        assert not run.weights.flags.writeable and not run.loss.flags.writeable
    # each run owns its arrays: none is a view into another's
    assert not np.shares_memory(runs[0].weights, runs[1].weights)


def test_train_many_validates_every_pair():
    with pytest.raises(ValueError, match="learning_rate"):
        train_many([[0, 1]], [1], learning_rates=(1.0, -1.0), iterations=3)
    with pytest.raises(ValueError, match="seed"):
        train_many([[0, 1]], [1], seeds=(1, -1), iterations=3)


def test_output_surface_puts_x2_down_the_rows_on_square_grids():
    # Only w2 is non-zero, so the output must change down the rows and not across them.
    x = np.array([0.0, 1.0])
    surface = output_surface(np.array([0.0, 5.0]), x, x, bias=False)
    expected_top = 1 / (1 + math.exp(-5.0))
    np.testing.assert_allclose(surface, [[0.5, 0.5], [expected_top, expected_top]], rtol=1e-15)
