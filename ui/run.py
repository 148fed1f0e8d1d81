"""The one place the app trains, and the one place a run is packed for the page.

Both are ``st.cache_resource``: a run is a read-only object shared by every
session that shows it, not a copy per session (``st.cache_data`` would unpickle
a fresh copy of the history for each visitor). A lecture hall that opens one
link then holds one history and one packed blob, however many students are in it.
"""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import streamlit as st

import perceptron
from perceptron.diagnostics import diagnose, to_json
from perceptron.settings import Row, RunSpec
from ui import caps
from views.payload import pack


@st.cache_resource(max_entries=caps.CACHE_ENTRIES, show_spinner=False)
def train(spec: RunSpec) -> perceptron.History:
    """Train (or fetch from the cache) the run ``spec`` describes, within the app's history cap.

    The engine checks the parameters, once; a run over the cap raises ValueError unstored.
    """
    data = np.array(spec.rows, dtype=np.float64)
    return perceptron.train(
        data[:, :2], data[:, 2], **spec.params(), max_values=caps.APP_MAX_HISTORY_VALUES
    )


@st.cache_resource(max_entries=caps.CACHE_ENTRIES, show_spinner=False)
def packed(spec: RunSpec, presenter: bool, _history: perceptron.History) -> bytes:
    """The run as the page receives it (see :mod:`views.payload`), built once per run.

    ``_history`` is the session's own run of ``spec`` (unhashed: the spec names it), so a
    run that left the training cache is packed again without being trained again.
    Gzipped once here (histories of smooth descents halve), and fixed in time
    (``mtime=0``) so the same run is always the same bytes: the page caches it by URL.
    """
    history = _history
    run_id = hashlib.sha1(repr((spec, presenter)).encode()).hexdigest()[:16]
    blob = pack(history, run_id, presenter, to_json(diagnose(history)))
    return gzip.compress(blob, compresslevel=1, mtime=0)


def affordable_iterations(n_rows: int) -> int:
    """Most iterations the app records for one run of ``n_rows`` rows (its history cap)."""
    return max(1, caps.APP_MAX_HISTORY_VALUES // max(n_rows, 1) - 1)


@st.cache_resource(max_entries=caps.COMPARE_CACHE_ENTRIES, show_spinner=False)
def train_compare(
    rows: tuple[Row, ...],
    pairs: tuple[tuple[int, float], ...],
    iterations: int,
    bias: bool,
    objective: str,
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
            objective=objective,
        )
        runs.update({(seed, h.learning_rate): h for h in histories})
    return [runs[(s, float(r))] for s, r in pairs]
