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


@st.cache_data(max_entries=16, show_spinner=False)
def train_compare(
    rows: tuple[Row, ...],
    learning_rates: tuple[float, ...],
    seeds: tuple[int, ...],
    iterations: int,
    bias: bool,
    loss: str,
) -> list[perceptron.History]:
    """Several runs on the same data for the Compare page, trained in one numpy pass."""
    data = np.array(rows, dtype=np.float64)
    return perceptron.train_many(
        data[:, :2],
        data[:, 2],
        seeds=seeds,
        learning_rates=learning_rates,
        iterations=iterations,
        bias=bias,
        loss=loss,
    )
