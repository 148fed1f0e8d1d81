"""What the app should show, computed here with ``perceptron`` (never read from the app).

The notebook's data and runs, the diverging run the limit and browser tests share, and
the texts the page prints for a run at a step: the stage's numbers and rows table (the
browser's ``ui/static/format.js`` follows Python's format specs) and the readout an
AppTest reads from the payload (``tests.support.apptest.apptest_shown``).
"""

from __future__ import annotations

import functools
import math

import numpy as np

import perceptron
from perceptron.history import History
from perceptron.settings import SETTINGS
from views import caps as view_caps

NOTEBOOK_X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]], dtype=float)
NOTEBOOK_Y = np.array([0, 0, 1, 1], dtype=float)
NOTEBOOK_ROWS = tuple(
    (float(a), float(b), float(y)) for (a, b), y in zip(NOTEBOOK_X, NOTEBOOK_Y, strict=True)
)
"""The notebook's rows as (x1, x2, y) tuples, as the data editor's tests name tables."""

# --------------------------------------------------------------------------- runs


@functools.cache
def notebook_run() -> History:
    """The notebook's run with the app's defaults (seed 1, 10,001 updates, rate 1)."""
    h = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y)
    assert h.iterations == 10001 == SETTINGS["iterations"].default
    return h


def run_of_query(params: dict[str, str]) -> History:
    """The engine's run for a link's parameters (decoded by the settings table)."""
    decoded = {key: SETTINGS[key].decode(text)[0] for key, text in params.items()}
    rows = decoded.get("data") or [(*x, y) for x, y in zip(NOTEBOOK_X, NOTEBOOK_Y, strict=True)]
    table = np.array(rows, dtype=float)
    kwargs = {
        "seed": decoded.get("seed", 1),
        "iterations": decoded.get("iterations", 10001),
        "learning_rate": decoded.get("lr", 1.0),
        "bias": decoded.get("bias", False),
        "objective": decoded.get("loss", "squared"),
    }
    return perceptron.train(table[:, :2], table[:, 2], **kwargs)


@functools.cache
def run_of_rows(rows: tuple[tuple[float, float, float], ...]) -> History:
    """The engine's run of a table with the app's defaults (seed 1, 10,001 updates, rate 1)."""
    table = np.array(rows, dtype=float)
    return perceptron.train(table[:, :2], table[:, 2])


# A diverging run: inputs of 1e200 at rate 100 with cross-entropy put the weights at
# ±1e202 after one update, so step 1's logits are inf − inf: it has only step 0 to show.
DIVERGING = {
    "X": [[1e200, 1e200], [-1e200, 1e200]],
    "y": [1, 0],
    "learning_rate": 100.0,
    "objective": "cross_entropy",
}
DIVERGING_QUERY = {"data": "1e200,1e200,1;-1e200,1e200,0", "lr": "100", "loss": "Cross-entropy"}
DIVERGING_LATER_QUERY = {"data": "1e249,0,1;1e249,5e250,0", "lr": "1", "loss": "Cross-entropy"}
"""A run with one good step before it diverges (DIVERGING_QUERY's x·w is inf − inf at step 1)."""
"""The same run as a link's parameters (``run_of_query`` trains it)."""


def diverging_history(iterations: int = 30) -> History:
    return perceptron.train(
        DIVERGING["X"],
        DIVERGING["y"],
        iterations=iterations,
        **{k: DIVERGING[k] for k in ("learning_rate", "objective")},
    )


# ------------------------------------------------------------ the stage in the browser


def weight_text(w: float) -> str:
    """A weight as the page prints it: f"{w:.6f}"; past 1e21, where that is hundreds of
    digits, format.js switches to exponent notation (.7g)."""
    return f"{w:.6f}" if abs(w) < 1e21 else f"{w:.7g}"


def loss_text(loss: float) -> str:
    """A loss as the page prints it: .4g, or "∞"."""
    return "∞" if math.isinf(loss) else f"{loss:.4g}"


def expected_numbers(h: History, t: int) -> dict[str, str]:
    """The stage's numbers at step t of ``h`` (Python's format specs, as the page uses)."""
    loss = float(h.loss[t])
    numbers = {
        "iteration": f"{t:,}",
        "loss": "∞" if loss == math.inf else f"{loss:.4g}",
        "accuracy": f"{float(h.accuracy[t]):.0%}",
    }
    for name, w in zip(h.weight_names, h.weights[t], strict=True):
        numbers[f"w-{name}"] = weight_text(float(w))
    return numbers


def expected_numbers_from_predictions(h: History, t: int) -> dict[str, str]:
    """The stage's numbers at step t, the accuracy counted here from the predictions (an
    independent check of ``History.accuracy``; finite runs only)."""
    correct = np.mean((h.predictions[t] >= 0.5) == (h.y >= 0.5))
    shown = {"iteration": f"{t:,}", "loss": f"{h.loss[t]:.4g}", "accuracy": f"{correct:.0%}"}
    for name, value in zip(h.weight_names, h.weights[t], strict=True):
        shown[f"w-{name}"] = f"{value:.6f}"
    return shown


def expected_rows(h: History, t: int) -> list[list[str]]:
    """The stage's rows table at step t: row, x1, x2, target, prediction, error, right?"""
    rows = []
    for i in range(min(h.n_rows, view_caps.SHOWN_ROWS)):
        (x1, x2), y, p = h.X[i], float(h.y[i]), float(h.predictions[t, i])
        right = "✓" if (p >= 0.5) == (y >= 0.5) else "✗"
        rows.append(
            [str(i + 1), f"{x1:.6g}", f"{x2:.6g}", f"{y:.6g}", f"{p:.6f}", f"{p - y:.6f}", right]
        )
    return rows


# ------------------------------------------------------------ the readout an AppTest reads


def readout(
    t: int, names: list[str], weights: np.ndarray, loss: float, correct: int, n: int
) -> dict[str, str]:
    """The Train page's readout by label ("Iteration", "Loss", "Accuracy", "w1", …)."""
    shown = {"Iteration": f"{t:,}", "Loss": f"{loss:.4g}", "Accuracy": f"{correct / n:.0%}"}
    shown.update({name: f"{w:.6f}" for name, w in zip(names, weights, strict=True)})
    return shown


def expected_shown(history: History, t: int) -> dict[str, str]:
    """The readout at step t, computed from an independently trained history (compare
    with ``tests.support.apptest.apptest_shown``)."""
    correct = round(float(history.accuracy[t]) * history.n_rows)
    return readout(
        t, history.weight_names, history.weights[t], float(history.loss[t]), correct, history.n_rows
    )
