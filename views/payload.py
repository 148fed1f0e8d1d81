"""A run as the page receives it: sent once, enough to show any step without the server.

One binary blob per run: a JSON header (the run's facts, every chart's still
parts and declared marks, the training signals) followed by the history arrays
as raw little-endian typed arrays. Binary because the history of a diverged run
holds infinities that JSON cannot carry, and because 10,001 steps of float64
weights are 160 KB raw but more than twice that as JSON text. The blob depends only on
the run (and the presenter sizes), so it is built once and shared by every
session that shows the run (``ui/run.py`` serves it as a file).
"""

from __future__ import annotations

import json
import struct
from typing import Any

import numpy as np

from perceptron.history import History
from perceptron.maths import on_right_side
from perceptron.settings import LOSS_LABELS
from views.errors import errors_chart, shown_rows
from views.geometry import check_two_inputs
from views.landscape import landscape_chart
from views.loss import loss_chart
from views.output import heatmap_chart, surface_chart
from views.sampling import jump_stops
from views.weights import weights_chart

MAGIC, VERSION = b"PLAB", 1
DTYPES = {
    "f8": np.dtype("<f8"),
    "u4": np.dtype("<u4"),
    "u2": np.dtype("<u2"),
    "u1": np.dtype("u1"),
}
"""The typed arrays the page knows: Float64Array, Uint32Array, Uint16Array, Uint8Array."""
CHARTS = (heatmap_chart, surface_chart, landscape_chart, weights_chart, errors_chart, loss_chart)
"""Every chart of the Train page, each a view unit that owns its still parts and marks."""


def typed_bytes(values: np.ndarray) -> tuple[str, bytes]:
    """(dtype code, little-endian bytes) of an array as the page reads it into a typed array."""
    unsigned = {1: "u1", 2: "u2"}.get(values.dtype.itemsize, "u4")
    code = {"f": "f8", "u": unsigned}[values.dtype.kind]
    return code, np.ascontiguousarray(values, dtype=DTYPES[code]).tobytes()


def run_arrays(h: History) -> dict[str, np.ndarray]:
    """What the page needs per step: exact weights, loss, rows right, shown rows' predictions.

    Only the shown steps, 0 … last_step, are sent (a diverged run stops at its last finite step);
    an infinite first loss travels as a float64 infinity and is shown as such. Each shown
    row's ✓/✗ travels as a byte, so the page never applies the 0.5 rule itself.
    """
    end, k = h.last_step + 1, shown_rows(h)
    right = on_right_side(h.predictions[:end], h.y)
    return {
        "weights": h.weights[:end],
        "loss": h.loss[:end],
        "correct": right.sum(axis=1).astype(np.uint16),
        "right": right[:, :k].astype(np.uint8),
        "predictions": h.predictions[:end, :k],
        # Why the weights move: the engine's synapse_derivative (all rows summed) for every
        # step that has a next one (t < last). Each shown row's layer_1_delta is not sent:
        # it is one product of its prediction (maths.output_delta), which the page forms
        # in float64 and tests check bit for bit; sending it would add 8 bytes per row-step.
        "gradients": h.gradients[: h.last_step],
    }


def on_shown_steps(signals: list[dict[str, Any]], h: History) -> list[dict[str, Any]]:
    """Signals placed on steps the page can show: a divergence at the step after the last
    finite one is told at that last step, where the student's stepping stops."""
    last = h.last_step
    return [{**s, "start": min(s["start"], last), "end": min(s["end"], last)} for s in signals]


def meta(h: History) -> dict[str, Any]:
    k = shown_rows(h)
    return {
        "steps": h.last_step + 1,
        "last": h.last_step,
        "stops": jump_stops(h.last_step),
        "iterations": h.iterations,
        "diverged_at": h.diverged_at,
        "n_rows": h.n_rows,
        "shown_rows": k,
        "rows": np.column_stack([h.X[:k], h.y[:k]]).tolist(),
        "weight_names": h.weight_names,
        "objective": h.objective,
        "objective_label": LOSS_LABELS.get(h.objective, h.objective),
        "learning_rate": h.learning_rate,
        "bias": h.bias,
        "seed": h.seed,
    }


def pack(h: History, run_id: str, presenter: bool, signals: list[dict[str, Any]]) -> bytes:
    """The blob for one run (see :func:`blob`)."""
    check_two_inputs(h)
    arrays = run_arrays(h)
    charts = [build(h, presenter) for build in CHARTS]
    for chart in charts:
        arrays.update(chart.pop("arrays", {}))
    header = {
        "id": run_id,
        "presenter": presenter,
        "meta": meta(h),
        "signals": on_shown_steps(signals, h),
        "charts": {c["name"]: c for c in charts},
    }
    return blob(header, arrays)


def blob(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> bytes:
    """``header`` as JSON (with where each array lies), then each array 8-byte aligned.

    Shared by Train's run and Compare's race (``views/race_payload.py``): one format, one
    decoder on the page (``ui/static/payload.js``).
    """
    layout, chunks, offset = {}, [], 0
    for name, values in arrays.items():
        code, raw = typed_bytes(values)
        layout[name] = {"dtype": code, "shape": list(values.shape), "offset": offset}
        chunks.append(raw + bytes(-len(raw) % 8))
        offset += len(chunks[-1])
    text = json.dumps({**header, "arrays": layout}, allow_nan=False, separators=(",", ":"))
    data = text.encode()
    data += b" " * (-(12 + len(data)) % 8)
    return b"".join([MAGIC, struct.pack("<II", VERSION, len(data)), data, *chunks])


def unpack(data: bytes) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(header, arrays): what the page reads from the blob, for tests and tools."""
    if data[:4] != MAGIC:
        raise ValueError("not a Perceptron Lab run")
    _, size = struct.unpack("<II", data[4:12])
    header = json.loads(data[12 : 12 + size])
    base = 12 + size
    arrays = {}
    for name, spec in header["arrays"].items():
        dtype = DTYPES[spec["dtype"]]
        count = int(np.prod(spec["shape"]))
        start = base + spec["offset"]
        arrays[name] = np.frombuffer(data, dtype, count, start).reshape(spec["shape"])
    return header, arrays
