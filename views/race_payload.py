"""Compare's race as the page receives it: every run's history and both charts, sent once.

The format is the Train page's (``views/payload.blob``): a JSON header, then typed
arrays. Per run ``i``: ``weights_i`` (w1, w2 at every shown step), ``loss_i``,
``correct_i`` (rows on the right side) and ``path_i`` (the steps of its drawn path,
which the page's trail follows up to t); then the landscape's byte grids. The page
owns t from then on (``ui/static/race.js``): a run whose history is shorter than the
race's (it diverged) holds its last step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from perceptron.diagnostics import diagnose, to_json
from perceptron.history import History
from perceptron.maths import on_right_side
from perceptron.settings import LOSS_LABELS
from views.compare import landscape_chart, loss_chart, marker_size
from views.geometry import check_two_inputs
from views.payload import blob, on_shown_steps
from views.race_claims import end_findings, number, what_happened
from views.sampling import drawn_steps, jump_stops, points_per_trace
from views.style import RUN_SYMBOLS, run_style


def run_arrays(i: int, h: History) -> dict[str, np.ndarray]:
    """What the page needs of run ``i`` per step: where it is, its loss, rows right."""
    end = h.last_step + 1
    right = on_right_side(h.predictions[:end], h.y)
    return {
        f"weights_{i}": h.weights[:end, :2],
        f"loss_{i}": h.loss[:end],
        f"correct_{i}": right.sum(axis=1).astype(np.uint16),
        f"path_{i}": drawn_steps(h.last_step, points_per_trace(10)).astype(np.float64),
    }


def run_facts(i: int, h: History, label: str, presenter: bool) -> dict[str, Any]:
    """Run ``i`` as the numbers row and the table name it, and how the page draws it."""
    return {
        "label": label,
        "colour": run_style(i)["color"],
        "symbol": RUN_SYMBOLS[i % len(RUN_SYMBOLS)],
        "size": marker_size(i, presenter),
        "last": h.last_step,
        "diverged_at": h.diverged_at,
        "final_loss": number(float(h.loss[h.last_step])),
        "final_accuracy": f"{h.accuracy[h.last_step]:.0%}",
        "happened": what_happened(h),
        "signals": on_shown_steps(to_json(diagnose(h)), h),
    }


def pack_race(
    histories: Sequence[History], labels: Sequence[str], race_id: str, presenter: bool = False
) -> bytes:
    """The blob for one race of ``histories`` (same data and loss), named by ``labels``."""
    if not histories:
        raise ValueError("a race needs at least one run")
    for h in histories:
        check_two_inputs(h)
    landscape = landscape_chart(histories, labels, presenter)
    loss = loss_chart(histories, labels, presenter)
    arrays = landscape.pop("arrays")
    for i, h in enumerate(histories):
        arrays.update(run_arrays(i, h))
    last = max(h.last_step for h in histories)
    first = histories[0]
    named = enumerate(zip(histories, labels, strict=True))
    header = {
        "id": race_id,
        "presenter": presenter,
        "meta": {
            "last": last,
            "stops": jump_stops(last),
            "n_rows": first.n_rows,
            "objective_label": LOSS_LABELS.get(first.objective, first.objective),
        },
        "runs": [run_facts(i, h, label, presenter) for i, (h, label) in named],
        "findings": end_findings(histories, labels, landscape.pop("window")),
        "charts": {"landscape": landscape, "loss": loss},
    }
    return blob(header, arrays)
