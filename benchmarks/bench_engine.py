"""How much the full history costs next to the notebook's bare loop, and where numpy wins.

Run with ``python3 benchmarks/bench_engine.py`` (under a minute). Every pair is
timed in one process with interleaved repeats, so machine noise hits both sides
alike; best-of is the figure to compare, the median shows the spread. The
kernel table is what ``training.SCALAR_LOOP_MAX_CELLS`` is chosen from.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, uninstalled
import perceptron
from perceptron import training

NB_X = [[0, 1], [0, 1], [1, 0], [1, 0]]
NB_Y = [0, 0, 1, 1]
RATE = np.array([0.1])


def notebook_loop(iterations: int) -> np.ndarray:
    """The notebook's cells as written (no history kept), with a local RandomState."""

    def sigmoid(x):
        output = 1 / (1 + np.exp(-x))
        return output

    def sigmoid_derivative(sigmoid_output):
        return sigmoid_output * (1 - sigmoid_output)

    X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
    y = np.array([[0, 0, 1, 1]]).T
    synapse_0 = 2 * np.random.RandomState(1).random((2, 1)) - 1
    for _ in range(iterations):
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0, synapse_0))
        layer_1_error = layer_1 - y
        layer_1_delta = layer_1_error * sigmoid_derivative(layer_1)
        synapse_0_derivative = np.dot(layer_0.T, layer_1_delta)
        synapse_0 -= synapse_0_derivative
    return synapse_0


def interleaved(fns: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def history_bytes(h: perceptron.History) -> int:
    arrays = (h.X, h.y, h.layer_0, h.weights, h.predictions, h.loss, h.gradients)
    return sum(a.nbytes for a in arrays)


ENGINE_BUDGET = 0.35
"""10,001 steps with the full history in at most this share of the notebook loop's time."""


def compare_with_notebook() -> None:
    print(
        "perceptron.train (full history) vs the notebook's loop, notebook data "
        f"(budget at 10,001 steps: engine/notebook ≤ {ENGINE_BUDGET}×, best of each)"
    )
    print(
        f"{'steps':>8} {'engine best':>12} {'median':>9} {'notebook best':>14} {'median':>9}"
        f" {'engine/notebook':>16} {'history MB':>11}"
    )
    for steps, repeats in ((10_001, 7), (100_000, 3)):
        times = interleaved(
            {
                "engine": lambda s=steps: perceptron.train(NB_X, NB_Y, iterations=s),
                "notebook": lambda s=steps: notebook_loop(s),
            },
            repeats,
        )
        e, n = min(times["engine"]), min(times["notebook"])
        mb = history_bytes(perceptron.train(NB_X, NB_Y, iterations=steps)) / 1e6
        print(
            f"{steps:>8,} {e * 1e3:>10.1f}ms {statistics.median(times['engine']) * 1e3:>7.1f}ms"
            f" {n * 1e3:>12.1f}ms {statistics.median(times['notebook']) * 1e3:>7.1f}ms"
            f" {e / n:>15.2f}x {mb:>11.2f}"
        )


def compare_kernels() -> None:
    print(
        f"\nscalar vs numpy kernel, 2,000 steps (SCALAR_LOOP_MAX_CELLS = "
        f"{training.SCALAR_LOOP_MAX_CELLS})"
    )
    print(
        f"{'rows×weights':>13} {'shape':>7} {'scalar best':>12} {'numpy best':>11}"
        f" {'numpy/scalar':>13}  faster"
    )
    rng = np.random.RandomState(0)
    for rows, weights in (
        (4, 2),
        (8, 2),
        (8, 4),
        (16, 2),
        (16, 3),
        (16, 4),
        (32, 2),
        (20, 4),
        (24, 4),
        (32, 4),
        (64, 2),
    ):
        X, y = rng.normal(size=(rows, weights)), rng.random_sample(rows)
        w0 = rng.uniform(-1, 1, size=(1, weights))
        times = interleaved(
            {
                kind: lambda k=kernel, X=X, y=y, w0=w0: k(X, y, w0, 2000, RATE, "squared")
                for kind, kernel in (
                    ("scalar", training.descend_scalar),
                    ("numpy", training.descend),
                )
            },
            5,
        )
        s, n = min(times["scalar"]), min(times["numpy"])
        print(
            f"{rows * weights:>13} {f'{rows}×{weights}':>7} {s * 1e3:>10.1f}ms"
            f" {n * 1e3:>9.1f}ms {n / s:>12.2f}x  {'scalar' if s < n else 'numpy'}"
        )


if __name__ == "__main__":
    started = time.perf_counter()
    compare_with_notebook()
    compare_kernels()
    print(f"\ntotal {time.perf_counter() - started:.1f}s")
