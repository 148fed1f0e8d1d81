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

import contextlib
import gzip
import hashlib
from typing import Any

import numpy as np
import streamlit as st
from streamlit import runtime
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

import perceptron
from perceptron.diagnostics import diagnose, to_json
from perceptron.settings import Row, RunSpec
from ui import caps, waiting
from ui.shelf import Queue, Shelf
from views.payload import pack

RUN_MIMETYPE = "application/gzip"
"""How a packed run is filed with Streamlit's media store (``ui/stage.py``)."""


def history_bytes(history: perceptron.History) -> int:
    """What a run holds: its arrays (the rest is a few small Python objects)."""
    return sum(v.nbytes for v in vars(history).values() if isinstance(v, np.ndarray))


@st.cache_resource(show_spinner=False)
def _runs() -> Shelf[perceptron.History]:
    return Shelf(caps.RUN_SHELF_BYTES, history_bytes)


@st.cache_resource(show_spinner=False)
def _packed_runs() -> Shelf[bytes]:
    return Shelf(caps.PACKED_SHELF_BYTES, len, on_evict=forget_file)


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


SHELF_HOLDER = "perceptron-lab-shelf"
"""The name a packed run is held under in Streamlit's media store besides its sessions'."""


def serve_file(spec: RunSpec, presenter: bool, history: perceptron.History) -> str:
    """File the packed run (:func:`packed`) with Streamlit's media store and return its URL.

    The store drops a file as soon as no session's *latest* script run names it, and a
    rerun that is cut short (a drag sends a position every ~150 ms) names none: the page,
    still fetching the run the previous rerun sent, then gets a 404, and the rerun that
    follows files the same URL again without telling it. So the file is also held in the
    shelf's name for exactly as long as the packed run is on its shelf (``forget_file``
    lets go of both). Streamlit has no public call for this: the manager's own lock and
    maps are used, and if a future version renames them the file is left to the sessions
    alone, as before.
    """
    blob = packed(spec, presenter, history)
    manager = runtime.get_instance().media_file_mgr
    url = manager.add(blob, RUN_MIMETYPE, "lab-stage-run")
    file_id = _calculate_file_id(blob, RUN_MIMETYPE)
    with contextlib.suppress(AttributeError), manager._lock:  # type: ignore[union-attr]
        # Under the lock an eviction's forget_file waits, so a run is held only while shelved.
        if _packed_runs().get((spec, presenter)) is blob:
            manager._files_by_session_and_coord[SHELF_HOLDER][file_id] = file_id  # type: ignore[union-attr]
    return url


def forget_file(blob: bytes) -> None:
    """Take a packed run that left its shelf out of Streamlit's media store as well.

    The store keeps a file while the shelf holds it (``serve_file``), and each session's
    file until that session runs again or ends, so a hall of students who each asked for
    their own long run would otherwise hold every one of them. A page has fetched its file
    within moments of its run (the shelf holds far more than a moment's worth of runs); a
    later run of that session packs and stores it again.
    """
    manager = runtime.get_instance().media_file_mgr if runtime.exists() else None
    file_id = _calculate_file_id(blob, RUN_MIMETYPE)
    with contextlib.suppress(AttributeError, KeyError), manager._lock:  # type: ignore[union-attr]
        manager._files_by_session_and_coord[SHELF_HOLDER].pop(file_id, None)  # type: ignore[union-attr]
        if file_id in manager._file_metadata:  # type: ignore[union-attr]
            manager._delete_file(file_id)  # type: ignore[union-attr]


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
