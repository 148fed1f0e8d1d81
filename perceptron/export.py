"""Take a run out of the lab: a CSV of every step, or a script that redoes it in plain numpy.

The script is the point of the exercise: a student can paste it into the
notebook and watch the same numbers come out of the code they were taught,
which is the best evidence that the dashboard is not doing anything magic.
Everything written into it is a number or a validated keyword; no text the user
typed ever reaches it, so it is safe to run.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from perceptron.history import History
from perceptron.settings import RUN_SETTINGS


def history_csv(h: History) -> str:
    """One line per step, floats at full repr precision so the file reloads to the same bits."""
    columns: dict[str, np.ndarray] = {"step": np.arange(h.iterations + 1)}
    for j, name in enumerate(h.weight_names):
        columns[name] = h.weights[:, j]
    columns["loss"] = h.loss
    columns["accuracy"] = np.where(np.isnan(h.loss), np.nan, h.accuracy)
    for i in range(h.n_rows):
        columns[f"pred_row{i + 1}"] = h.predictions[:, i]
    buffer = io.StringIO()
    pd.DataFrame(columns).to_csv(buffer, index=False, lineterminator="\n", na_rep="nan")
    return buffer.getvalue()


def _matrix(values: np.ndarray) -> str:
    rows = ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in values)
    return f"np.array([{rows}])"


_HEADER = """\
# adapted from https://iamtrask.github.io/2015/07/27/python-network-part2/
import json

import numpy as np


# compute sigmoid nonlinearity
def sigmoid(x):
    # exp(-x) overflows to inf for x < -709; 1/(1+inf) is then exactly 0, which is
    # the right answer, so the warning is silenced rather than the formula changed.
    with np.errstate(over="ignore"):
        output = 1/(1+np.exp(-x))
    return output


# convert OUTPUT of sigmoid function to its derivative
def sigmoid_derivative(sigmoid_output):
    return sigmoid_output * (1-sigmoid_output)

"""

_DELTA = {
    "squared": (
        "    # multiply how much we missed by the\n"
        "    # slope of the sigmoid at the values in l1\n"
        "    layer_1_delta = layer_1_error * sigmoid_derivative(layer_1)\n"
    ),
    "cross_entropy": (
        "    # cross-entropy loss: the sigmoid's slope cancels out of its derivative,\n"
        "    # so the delta is the miss itself\n"
        "    layer_1_delta = layer_1_error\n"
    ),
}


def settings_header(h: History) -> list[str]:
    """The run's settings as comment lines, labelled as the app's sidebar labels them."""
    values = {
        "seed": h.seed,
        "iterations": h.iterations,
        "learning_rate": h.learning_rate,
        "bias": h.bias,
        "objective": h.objective,
    }
    return [f"#   {s.label}: {s.shown(values[s.name])}" for s in RUN_SETTINGS if s.name in values]


def notebook_script(h: History) -> str:
    """A standalone numpy script that retrains this run and prints ``FINAL_WEIGHTS <json>``."""
    n_weights = h.layer_0.shape[1]
    lines = [
        "# Perceptron Lab run, replayed in the teaching notebook's own code. Its settings:",
        *settings_header(h),
        _HEADER,
        "# input dataset",
        f"X = {_matrix(h.X)}",
        "",
        "# output dataset",
        f"y = np.array([[{', '.join(repr(float(v)) for v in h.y)}]]).T",
        "",
        "# seed random numbers to make calculation deterministic; RandomState(seed) draws",
        "# exactly what np.random.seed(seed) then np.random.random would",
        f"rng = np.random.RandomState({int(h.seed)})",
        "",
    ]
    if h.bias:
        lines += [
            "# bias: an extra input fixed at 1, so its weight is the last one",
            "layer_0 = np.hstack([X, np.ones((len(X), 1))])",
        ]
    else:
        lines += ["layer_0 = X"]
    lines += [
        f"# initialize {n_weights} weights randomly with mean 0",
        f"synapse_0 = 2*rng.random_sample(({n_weights},1)) - 1",
        "print('original synapse weights\\n', synapse_0)",
        "",
        f"learning_rate = {float(h.learning_rate)!r}",
        f"for iter in range({int(h.iterations)}):",
        "",
        "    # forward propagation",
        "    layer_1 = sigmoid(np.dot(layer_0,synapse_0))",
        "",
        "    # how much did we miss?",
        "    layer_1_error = layer_1 - y",
        _DELTA[h.objective] + "    synapse_0_derivative = np.dot(layer_0.T,layer_1_delta)",
        "",
        "    # update weights",
        "    synapse_0 -= learning_rate * synapse_0_derivative",
        "",
        'print("Output After Training:")',
        "print('Synapse weights\\n', synapse_0)",
        "# predictions of the final weights (the notebook printed the previous step's layer_1)",
        "print('Synapse predictions\\n', sigmoid(np.dot(layer_0,synapse_0)))",
        'print("FINAL_WEIGHTS", json.dumps(synapse_0[:, 0].tolist()))',
        "",
    ]
    return "\n".join(lines)
