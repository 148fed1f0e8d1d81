"""Exports: the generated notebook script retrains to the engine's weights; the CSV reloads."""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import perceptron
from perceptron.export import history_csv, notebook_script

NB = perceptron.get_preset("notebook")
XOR = perceptron.get_preset("xor")

CONFIGS = {
    "default": (NB.X, NB.y, {"seed": 1, "iterations": 10001}),
    "bias-ce": (
        NB.X,
        NB.y,
        {
            "seed": 7,
            "iterations": 2000,
            "learning_rate": 0.5,
            "bias": True,
            "objective": "cross_entropy",
        },
    ),
    # XOR decays to all-zero weights (no line separates it); stop while they are not ~0
    "xor": (XOR.X, XOR.y, {"seed": 3, "iterations": 40, "learning_rate": 0.5, "bias": True}),
    "odd-data": (
        np.array([[0.1, -2.5, 1e-3], [3.0, 0.25, -1.0], [1 / 3, 2.0, 7.0]]),
        np.array([0.2, 1.0, 0.0]),
        {"seed": 11, "iterations": 500, "learning_rate": 0.05, "objective": "cross_entropy"},
    ),
}


def run_script(source: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


@pytest.mark.parametrize("name", CONFIGS)
def test_exported_script_retrains_to_the_same_weights(name):
    X, y, params = CONFIGS[name]
    h = perceptron.train(X, y, **params)
    out = run_script(notebook_script(h))
    final = [line for line in out.splitlines() if line.startswith("FINAL_WEIGHTS ")]
    assert len(final) == 1
    weights = json.loads(final[0].removeprefix("FINAL_WEIGHTS "))
    np.testing.assert_allclose(weights, h.weights[-1], rtol=1e-9)
    assert out.startswith("original synapse weights\n")
    assert "Output After Training:" in out


def test_default_script_prints_the_notebooks_weights():
    h = perceptron.train(NB.X, NB.y, seed=1, iterations=10001)
    out = run_script(notebook_script(h))
    assert "original synapse weights\n [[-0.16595599]\n [ 0.44064899]]" in out
    assert "Synapse weights\n [[ 5.28321694]\n [-5.28316892]]" in out


def test_script_is_numpy_only_and_in_notebook_style():
    h = perceptron.train(NB.X, NB.y, iterations=5, bias=True, objective="cross_entropy")
    source = notebook_script(h)
    tree = ast.parse(source)
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert imported == {"json", "numpy"}
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))
    for name in (
        "def sigmoid(",
        "def sigmoid_derivative(",
        "layer_0",
        "layer_1_error",
        "synapse_0_derivative",
        "RandomState(1)",
        "np.ones((len(X), 1))",
        "layer_1_delta = layer_1_error\n",
    ):
        assert name in source
    squared = notebook_script(perceptron.train(NB.X, NB.y, iterations=5))
    assert "layer_1_delta = layer_1_error * sigmoid_derivative(layer_1)" in squared
    assert "np.ones" not in squared


def test_script_contains_only_numbers_from_the_data():
    # Data read from a table full of text: the script must carry floats, never the strings.
    frame = pd.DataFrame({"x1": [" 1e0 ", "0"], "x2": ["0", "__import__('os')"], "y": ["1", "0"]})
    with pytest.raises(perceptron.DatasetError):
        perceptron.check_frame(frame)
    frame.loc[1, "x2"] = "  2.50  "
    X, y = perceptron.check_frame(frame)
    source = notebook_script(perceptron.train(X, y, iterations=2))
    assert "X = np.array([[1.0, 0.0], [0.0, 2.5]])" in source
    assert "y = np.array([[1.0, 0.0]]).T" in source
    assert "2.50" not in source and "1e0" not in source


@pytest.mark.parametrize("bias", [False, True])
def test_history_csv_round_trips(bias):
    h = perceptron.train(XOR.X, XOR.y, seed=5, iterations=50, learning_rate=0.7, bias=bias)
    text = history_csv(h)
    frame = pd.read_csv(io.StringIO(text))
    names = ["w1", "w2", "b"] if bias else ["w1", "w2"]
    preds = [f"pred_row{i}" for i in range(1, 5)]
    assert list(frame.columns) == ["step", *names, "loss", "accuracy", *preds]
    assert len(text.splitlines()) == 1 + 51
    np.testing.assert_array_equal(frame["step"], np.arange(51))
    np.testing.assert_array_equal(frame[names].to_numpy(), h.weights)  # repr precision: exact
    np.testing.assert_array_equal(frame["loss"], h.loss)
    np.testing.assert_array_equal(frame["accuracy"], h.accuracy)
    np.testing.assert_array_equal(frame[preds].to_numpy(), h.predictions)


def test_history_csv_of_a_diverged_run_marks_nan():
    h = perceptron.train(
        [[1e306, 1e306]], [0], iterations=3, learning_rate=1000.0, objective="cross_entropy"
    )
    frame = pd.read_csv(io.StringIO(history_csv(h)))
    assert frame.loc[0].notna().all()
    assert frame.loc[1:, ["w1", "w2", "loss", "accuracy", "pred_row1"]].isna().all().all()
