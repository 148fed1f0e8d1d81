"""The one place the app trains, and the one place a run is packed for the page.

A run is a read-only object shared by every session that shows it, never a copy per
session: runs and packed files live on two shelves (:mod:`ui.shelf`) the whole process
shares, each bounded by bytes (``ui/caps.py``). Sessions keep only the spec of their run
(:class:`ui.chosen.ChosenRun`) and take it from the shelf on each rerun; a run that left
the shelf is trained again. A lecture hall that opens one link holds one history and one
packed file, and a hall where everyone trains their own holds what the shelves allow.

Training waits for its turn (``caps.TRAINING_TURNS`` at once, first come first served),
and a student whose run waits is told so on the page (:mod:`ui.waiting`).
"""

from __future__ import annotations

import gzip
import hashlib
from typing import Any

import numpy as np
import streamlit as st

import perceptron
from perceptron.diagnostics import diagnose, to_json
from perceptron.settings import Row, RunSpec
from ui import caps, media, waiting
from ui.shelf import Queue, Shelf
from views.payload import pack


def history_bytes(history: perceptron.History) -> int:
    """What a run holds: its arrays (the rest is a few small Python objects)."""
    return sum(v.nbytes for v in vars(history).values() if isinstance(v, np.ndarray))


@st.cache_resource(show_spinner=False)
def _runs() -> Shelf[perceptron.History]:
    return Shelf(caps.RUN_SHELF_BYTES, history_bytes)


@st.cache_resource(show_spinner=False)
def _packed_runs() -> Shelf[bytes]:
    return Shelf(caps.PACKED_SHELF_BYTES, len, on_evict=media.forget)


@st.cache_resource(show_spinner=False)
def _turns() -> Queue:
    return Queue(caps.TRAINING_TURNS)


def _train(spec: RunSpec) -> perceptron.History:
    with waiting.notice() as told, _turns().turn(told):
        told.started()
        data = np.array(spec.rows, dtype=np.float64)
        return perceptron.train(
            data[:, :2], data[:, 2], **spec.params(), max_values=caps.APP_MAX_HISTORY_VALUES
        )


def train(spec: RunSpec) -> perceptron.History:
    """Train (or take from the shelf) the run ``spec`` describes, within the app's history cap.

    The engine checks the parameters, once; a run over the cap raises ValueError unstored.
    """
    return _runs().get_or_build(spec, lambda: _train(spec))


def run_id(spec: RunSpec, presenter: bool) -> str:
    """The page's name for a run: equal specs name the same run, as they share its shelf entry
    (a row typed as 1 equals one read as 1.0, so every number is named as a float)."""

    def named(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(named(v) for v in value)
        return (
            float(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
        )

    fields = (named(spec.rows), *(named(v) for v in spec.params().values()), presenter)
    return hashlib.sha1(repr(fields).encode()).hexdigest()[:16]


def pack_run(spec: RunSpec, presenter: bool, history: perceptron.History) -> bytes:
    """The run as the page receives it (see :mod:`views.payload`), gzipped.

    Gzipped once (histories of smooth descents halve), and fixed in time (``mtime=0``) so
    the same run is always the same bytes: the page caches it by URL.
    """
    blob = pack(history, run_id(spec, presenter), presenter, to_json(diagnose(history)))
    return gzip.compress(blob, compresslevel=1, mtime=0)


def packed(spec: RunSpec, presenter: bool, _history: perceptron.History) -> bytes:
    """:func:`pack_run`, built once per run and shelved for every session that shows it.

    ``_history`` is the session's run of ``spec``, so packing never trains.
    """
    return _packed_runs().get_or_build(
        (spec, presenter), lambda: pack_run(spec, presenter, _history)
    )


def serve_file(spec: RunSpec, presenter: bool, history: perceptron.History) -> str:
    """Where the page fetches the packed run (:func:`packed`): held while it is shelved."""
    blob = packed(spec, presenter, history)
    return media.serve(_packed_runs(), (spec, presenter), blob, "lab-stage-run")


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
