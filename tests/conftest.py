"""Shared fixtures: the notebook's data, a fresh AppTest of the whole app, and readers of
what the app sends the page.

The Train page draws everything in the browser from one packed run (see
:mod:`views.payload`), which the ``lab_stage`` component's data names by URL next to
the step the page starts at. What the page shows at a step comes from that run's
arrays, formatted as the browser formats them (``ui/static/format.js``, whose parity
with Python's format specs is tested elsewhere): ``shown`` reads it, ``expected_shown``
computes the same from an independent :class:`perceptron.History`.
"""

from __future__ import annotations

import gzip
import json
import pathlib
from typing import Any

import numpy as np
import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from perceptron.history import History
from ui.run import packed
from views.payload import unpack

# Plain asserts in the browser helpers report their values, as in the tests themselves.
pytest.register_assert_rewrite(
    "tests.browser_support", "tests.editor_support", "tests.screens_support"
)

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


STAGE_MIMETYPE = "application/gzip"
"""How ``ui.stage`` files the packed run with Streamlit's media store."""


def _stage_element(at: AppTest) -> Any:
    stages = [e for e in at.get("bidi_component") if e.proto.component_name == "lab_stage"]
    assert len(stages) == 1, f"expected one lab_stage, found {len(stages)}"
    return stages[0]


def stage_bytes(at: AppTest) -> bytes:
    """What the stage element carries on each run (where the page starts, where its run is)."""
    return _stage_element(at).proto.json.encode()


def stage_data(at: AppTest) -> dict[str, Any]:
    return json.loads(stage_bytes(at))


def run_blob(at: AppTest) -> bytes:
    """The packed run the page fetches from the stage's URL, checked to be that URL's file.

    Streamlit names a media file by a hash of its content, so the file the page asks
    for is the server's cached ``packed`` blob of this session's spec if the names agree.
    """
    ctx = at.session_state["ctx"]
    gzipped = packed(ctx.spec, ctx.presenter)
    name = stage_data(at)["run"].rsplit("/", 1)[-1]
    assert name == _calculate_file_id(gzipped, STAGE_MIMETYPE) + ".gz", name
    return gzip.decompress(gzipped)


def stage(at: AppTest) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, Any]]:
    """(header, arrays, session) of what the Train page received on the last run."""
    header, arrays = unpack(run_blob(at))
    session = {k: v for k, v in stage_data(at).items() if k != "run"}
    return header, arrays, session


def _formatted(
    t: int, names: list[str], weights: np.ndarray, loss: float, correct: int, n: int
) -> dict[str, str]:
    shown = {"Iteration": f"{t:,}", "Loss": f"{loss:.4g}", "Accuracy": f"{correct / n:.0%}"}
    shown.update({name: f"{w:.6f}" for name, w in zip(names, weights, strict=True)})
    return shown


def shown(at: AppTest, t: int | None = None) -> dict[str, str]:
    """What the Train page shows at step ``t`` (default: the server's step), from the payload."""
    header, arrays, _ = stage(at)
    t = at.session_state["t"] if t is None else t
    meta = header["meta"]
    assert 0 <= t <= meta["last"], (t, meta["last"])
    return _formatted(
        t,
        meta["weight_names"],
        arrays["weights"][t],
        float(arrays["loss"][t]),
        int(arrays["correct"][t]),
        meta["n_rows"],
    )


def expected_shown(history: History, t: int) -> dict[str, str]:
    """The same readout, computed from an independently trained history."""
    correct = round(float(history.accuracy[t]) * history.n_rows)
    return _formatted(
        t, history.weight_names, history.weights[t], float(history.loss[t]), correct, history.n_rows
    )


def share_link(at: AppTest) -> str:
    """The link in the sidebar's "Share and export" expander (the ``lab_link`` element)."""
    links = [e for e in at.sidebar.get("bidi_component") if e.proto.component_name == "lab_link"]
    assert len(links) == 1, f"expected one lab_link in the sidebar, found {len(links)}"
    return json.loads(links[0].proto.json)["link"]


def editor_key(at: AppTest) -> str:
    """The sidebar data editor's current key (it changes with the preset and on reset)."""
    keys = [d.key for d in at.sidebar.dataframe if (d.key or "").startswith("editor-")]
    assert len(keys) == 1, keys
    return keys[0]


def edit(at: AppTest, edited_rows: dict, added_rows: list | None = None) -> AppTest:
    """Type into the sidebar's data editor (its cells are text, so values are strings)."""
    at.session_state[editor_key(at)] = {
        "edited_rows": edited_rows,
        "added_rows": added_rows or [],
        "deleted_rows": [],
    }
    return at.run()


def sidebar_errors(at: AppTest) -> list[str]:
    return [e.value for e in at.sidebar.error]
