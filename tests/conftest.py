"""Shared fixtures: the notebook's data and a fresh AppTest of the whole app."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]], dtype=float)
NOTEBOOK_Y = np.array([0, 0, 1, 1], dtype=float)


@pytest.fixture
def notebook_data() -> tuple[np.ndarray, np.ndarray]:
    return NOTEBOOK_X.copy(), NOTEBOOK_Y.copy()


def open_app(query: dict[str, str]) -> AppTest:
    """A fresh session of the whole app, opened with ``query`` as its URL's parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def editor_key(at: AppTest) -> str:
    """The sidebar data editor's current key (it changes with the preset and on reset)."""
    keys = [d.key for d in at.sidebar.dataframe if (d.key or "").startswith("editor-")]
    assert len(keys) == 1, keys
    return keys[0]
