"""The one place the app trains: cached by inputs, so stepping and paging never retrain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import perceptron
from perceptron import limits

Row = tuple[float, float, float]


@dataclass(frozen=True)
class RunSpec:
    """Everything that defines a training run; hashable, so it keys the cache."""

    rows: tuple[Row, ...]
    seed: int = 1
    iterations: int = 10001
    learning_rate: float = 1.0
    bias: bool = False
    loss: str = "squared"


@st.cache_data(max_entries=limits.CACHE_ENTRIES, show_spinner=False)
def train(spec: RunSpec) -> perceptron.History:
    """Train (or fetch from the cache) the run ``spec`` describes."""
    data = np.array(spec.rows, dtype=np.float64)
    return perceptron.train(
        data[:, :2],
        data[:, 2],
        seed=spec.seed,
        iterations=spec.iterations,
        learning_rate=spec.learning_rate,
        bias=spec.bias,
        loss=spec.loss,
    )


def affordable_iterations(n_rows: int) -> int:
    """Most iterations the app records for one run of ``n_rows`` rows (its history cap)."""
    return max(1, limits.APP_MAX_HISTORY_VALUES // max(n_rows, 1) - 1)


@st.cache_data(max_entries=limits.COMPARE_CACHE_ENTRIES, show_spinner=False)
def train_compare(
    rows: tuple[Row, ...],
    pairs: tuple[tuple[int, float], ...],
    iterations: int,
    bias: bool,
    loss: str,
) -> list[perceptron.History]:
    """The Compare page's (seed, learning rate) runs, in order: only those it draws.

    One numpy pass per seed trains all of that seed's rates at once.
    """
    data = np.array(rows, dtype=np.float64)
    runs = {}
    for seed in dict.fromkeys(s for s, _ in pairs):
        histories = perceptron.train_many(
            data[:, :2],
            data[:, 2],
            seeds=(seed,),
            learning_rates=[r for s, r in pairs if s == seed],
            iterations=iterations,
            bias=bias,
            loss=loss,
        )
        runs.update({(seed, h.learning_rate): h for h in histories})
    return [runs[(s, float(r))] for s, r in pairs]
