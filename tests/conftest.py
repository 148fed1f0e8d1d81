"""Shared fixtures: the notebook's data and a fresh AppTest of the whole app."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]], dtype=float)
NOTEBOOK_Y = np.array([0, 0, 1, 1], dtype=float)


@pytest.fixture
def notebook_data() -> tuple[np.ndarray, np.ndarray]:
    return NOTEBOOK_X.copy(), NOTEBOOK_Y.copy()
