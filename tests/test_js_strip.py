"""The "this step" strip (ui/static/strip.js) against the engine, digit for digit.

The strip prints each followed row's layer_1, layer_1_error, layer_1_delta and x·delta,
synapse_derivative, synapse_0, the step and the new synapse_0 with the Walkthrough's
format ("{:.8f}"). Here the real module reads real runs' blobs and every string is
compared with ``History.step(t)`` printed by Python: a diverged run, a run of no updates,
a bias run, cross-entropy, and 1,000 rows (the first 12 get lines; the other 988 are one
summed line, so the column still adds up to the engine's synapse_derivative).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest

import perceptron
from perceptron.training import DEFAULTS
from tests.support.expected import notebook_run
from tests.support.parity import cross_entropy_run, node_parity, thousand_rows
from tests.test_js import diverged_run, no_steps, node_binary, xor_bias_cross_entropy
from views import payload
from views.caps import SHOWN_ROWS

RUNS = {
    "notebook": notebook_run,
    "diverged": diverged_run,
    "no-steps": no_steps,
    "bias-ce-lr100": xor_bias_cross_entropy,
    "cross-entropy": cross_entropy_run,
    "thousand-rows": lambda: thousand_rows(learning_rate=DEFAULTS.learning_rate),
}


def eight(x: float) -> str:
    """Python's "{:.8f}", as format.js's fixed() prints it (exponent form from 1e21)."""
    return f"{x:.8f}" if abs(x) < 1e21 else f"{x:.9g}"


@functools.cache
def strip_of(name: str) -> tuple[perceptron.History, dict[int, dict[str, Any]]]:
    run = RUNS[name]()
    steps = sorted({min(t, run.last_step) for t in (0, 1, 2, 37, run.last_step)})
    blob = payload.pack(run, name, False, [])
    out = node_parity(node_binary(), "strip_parity.mjs", blob, steps)
    return run, {int(t): shown for t, shown in out.items()}


@pytest.mark.parametrize("name", list(RUNS))
def test_every_number_in_the_strip_is_the_historys(name):
    run, strip = strip_of(name)
    k = min(run.n_rows, SHOWN_ROWS)
    for t, shown in strip.items():
        view = run.step(t)
        assert len(shown["rows"]) == k, "only the followed rows get lines"
        for i, cells in enumerate(shown["rows"]):
            x = view.layer_0[i]
            expected = [
                str(i + 1),
                *[f"{v:.6g}" for v in x],
                f"{run.y[i]:.6g}",
                eight(view.layer_1[i, 0]),
                eight(view.layer_1_error[i, 0]),
                eight(view.layer_1_delta[i, 0]),
                *[eight(v * view.layer_1_delta[i, 0]) for v in x],
            ]
            assert cells == expected, (name, t, i)
        foot = dict((label, values) for label, values in shown["foot"])
        assert foot[f"synapse_0 (step {t:,})"] == [eight(v) for v in view.synapse_0[:, 0]]
        if t == run.last_step:  # a diverged run's last finite step has no shown update
            assert len(foot) == 1
            assert shown["end"] == (
                f"Step {t:,} is the end of this run: no update follows."
                if run.diverged_at is None
                else f"Step {t:,} is the last with finite weights: the update to step "
                f"{run.diverged_at:,} overflows (see the note above)."
            )
            continue
        g = view.synapse_derivative[:, 0]
        every = f" (all {run.n_rows:,} rows)" if k < run.n_rows else ""
        assert foot[f"synapse_derivative = Σ x·delta{every}"] == [eight(v) for v in g]
        lr = run.learning_rate
        assert foot[f"− {lr:g} × synapse_derivative"] == [eight(-lr * v) for v in g]
        assert foot[f"new synapse_0 (step {t + 1:,})"] == [eight(v) for v in view.new_synapse[:, 0]]
        if k < run.n_rows:
            followed = view.layer_0[:k] * view.layer_1_delta[:k]
            rest = g - followed.sum(axis=0)
            shown_rest = foot[f"rows {k + 1}–{run.n_rows:,} (no line), summed"]
            assert np.allclose([float(v) for v in shown_rest], rest, atol=2e-8), (t, rest)
        assert shown["end"] is None


def test_the_notebooks_first_update_reads_as_printed():
    """Step 0 of the notebook: σ(−0.166) = 0.459 for rows 3 and 4 (its printed layer_1)."""
    _, strip = strip_of("notebook")
    assert [cells[4] for cells in strip[0]["rows"]] == [
        "0.60841366",
        "0.60841366",
        "0.45860596",
        "0.45860596",
    ]
