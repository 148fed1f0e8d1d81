"""Divergence and saturation: overflowing weights end a run cleanly (reported as
divergence, its charts and payload finite), and saturated inputs give exact 0 and 1
without numpy warnings.
"""

from __future__ import annotations

import json
import math
import warnings
from typing import Any

import numpy as np
import pytest

import perceptron
from perceptron.diagnostics import diagnose, to_json
from tests.support.expected import diverging_history
from views.payload import CHARTS, pack, unpack


def test_overflowing_weights_are_reported_as_divergence_not_warnings():
    history = diverging_history()
    assert history.diverged_at is not None and history.diverged_at >= 1
    end = history.last_step
    assert end == history.diverged_at - 1
    assert np.isfinite(history.weights[: end + 1]).all()
    assert np.isfinite(history.loss[: end + 1]).all()
    assert np.isnan(history.weights[history.diverged_at :]).all()
    assert history.summary()["diverged_at"] == history.diverged_at
    assert math.isfinite(history.summary()["final_loss"])


def non_finite(value: Any, path: str = "") -> list[str]:
    """Paths of every NaN/inf number inside a chart's dict (lists, arrays, nested dicts)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{path}.{k}")]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{path}[{i}]")]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.isfinite(value).all():
            return [path]
        if value.dtype == object:
            return non_finite(value.tolist(), path)
        return []
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        return [path]
    return []


def test_the_scanner_finds_non_finite_values():
    assert non_finite({"a": [1.0, {"b": np.array([0.0, np.inf])}], "c": math.nan}) == [
        ".a[1].b",
        ".c",
    ]


@pytest.mark.parametrize("presenter", [False, True])
def test_charts_of_a_diverged_run_hold_no_nan_or_inf(presenter):
    history = diverging_history()
    for build in CHARTS:
        chart = build(history, presenter)
        chart.pop("arrays", None)  # typed arrays travel raw; the rest is JSON
        bad = non_finite(chart)
        assert not bad, f"{build.__name__}: non-finite values at {bad[:5]}"
        json.dumps(chart, allow_nan=False)


def test_a_diverged_run_packs_its_finite_steps_only():
    history = diverging_history()
    header, arrays = unpack(pack(history, "diverged", False, to_json(diagnose(history))))
    assert header["meta"]["diverged_at"] == history.diverged_at
    assert header["meta"]["last"] == history.last_step
    assert arrays["weights"].shape == (history.last_step + 1, 2)
    assert np.isfinite(arrays["weights"]).all() and np.isfinite(arrays["loss"]).all()


def test_saturated_inputs_give_exact_zero_and_one_without_warnings():
    # Seed 7 starts at w ≈ (-0.847, 0.560), so the logits are about ±1407: far past
    # the ±745 where exp underflows. The notebook's formula would warn; ours must not.
    X = [[-1000.0, 1000.0], [1000.0, -1000.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for objective in perceptron.LOSSES:
            history = perceptron.train(X, [1, 0], seed=7, iterations=20, objective=objective)
            assert history.diverged_at is None
            assert history.predictions[0].tolist() == [1.0, 0.0]
            assert np.isfinite(history.loss).all()
            assert history.loss[0] == 0.0
            wrong = perceptron.train(X, [0, 1], seed=7, iterations=20, objective=objective)
            assert wrong.predictions[0].tolist() == [1.0, 0.0]
            assert np.isfinite(wrong.loss).all() and wrong.loss[0] > 0
