"""Why the weights move, as the page forms it (ui/static/step_parts.js), against the engine.

Each followed row's layer_1, layer_1_error and layer_1_delta must equal
``History.step(t)`` bit for bit, the gradient must be the engine's synapse_derivative,
and the followed rows' pulls, with the rest of the rows summed as one, must add up to
the step the run took. The landscape's arrows and their words (ui/static/pulls.js) and
the plane's rings show those values: on a diverged run, a run of no updates, a bias run,
cross-entropy and 1,000 rows (of which the first 12 are followed, the rest one arrow).
"""

from __future__ import annotations

import functools
import struct
from typing import Any

import numpy as np
import pytest

import perceptron
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
    "thousand-rows": lambda: thousand_rows(learning_rate=0.002),
    "saturated": lambda: thousand_rows(learning_rate=1.0),  # 1,000 rows' sum: stuck after a step
}


def unhex(value: Any) -> Any:
    """Numbers sent as the hex of their float64 bits, back to floats (arrays, dicts within)."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {k: unhex(v) for k, v in value.items()}
    if isinstance(value, list):
        return np.array([unhex(v) for v in value], dtype=np.float64)
    return struct.unpack(">d", bytes.fromhex(value))[0]


@functools.cache
def parts_of(name: str) -> tuple[perceptron.History, dict[int, dict[str, Any]]]:
    """(run, what step_parts.js forms at a few steps and the last), numbers exact."""
    run = RUNS[name]()
    steps = sorted({min(t, run.last_step) for t in (0, 1, 2, 37, run.last_step)})
    out = node_parity(
        node_binary(), "step_parts_parity.mjs", payload.pack(run, name, False, []), steps
    )
    parts = {
        int(t): {k: v if k in ("t", "k", "notes") else unhex(v) for k, v in values.items()}
        for t, values in out.items()
    }
    return run, parts


@pytest.fixture(params=list(RUNS))
def run_parts(request) -> tuple[perceptron.History, dict[int, dict[str, Any]]]:
    return parts_of(request.param)


def same_bits(page: np.ndarray, engine: np.ndarray) -> None:
    assert page.shape == engine.shape
    assert page.tobytes() == np.ascontiguousarray(engine, dtype=np.float64).tobytes()


def test_each_followed_rows_delta_is_the_engines_bit_for_bit(run_parts):
    run, parts = run_parts
    k = min(run.n_rows, SHOWN_ROWS)
    for t, page in parts.items():
        step = run.step(t)
        assert page["t"] == t
        same_bits(page["layer_1"], step.layer_1[:k, 0])
        same_bits(page["layer_1_error"], step.layer_1_error[:k, 0])
        same_bits(page["layer_1_delta"], step.layer_1_delta[:k, 0])
        x_delta = run.layer_0[:k] * step.layer_1_delta[:k]
        same_bits(page["x_delta"], x_delta)
        same_bits(page["pulls"], -run.learning_rate * x_delta)
        same_bits(page["synapse_0"], step.synapse_0[:, 0])


def test_the_gradient_and_the_step_are_the_runs(run_parts):
    run, parts = run_parts
    for t, page in parts.items():
        if t == run.last_step:
            assert page["gradient"] is None and page["step"] is None, t
            assert page["new_synapse_0"] is None and page["other"] is None, t
            continue
        step = run.step(t)
        same_bits(page["gradient"], step.synapse_derivative[:, 0])
        same_bits(page["new_synapse_0"], step.new_synapse[:, 0])
        same_bits(page["step"], run.weights[t + 1] - run.weights[t])


def test_the_pulls_add_up_to_the_step(run_parts):
    """Tip to tail, the followed rows' pulls and the other rows' sum end where the step does;
    the rows not followed pull what the engine's own rows k… give."""
    run, parts = run_parts
    k = min(run.n_rows, SHOWN_ROWS)
    for t, page in parts.items():
        if page["step"] is None:
            continue
        tips = page["pulls"].sum(axis=0)
        if k < run.n_rows:
            rest = run.layer_0[k:] * run.step(t).layer_1_delta[k:]
            scale = np.abs(run.learning_rate * rest).sum(axis=0).max()
            np.testing.assert_allclose(
                page["other"], -run.learning_rate * rest.sum(axis=0), atol=1e-12 * scale
            )
            tips = tips + page["other"]
        else:
            assert page["other"] is None
        size = np.abs(page["pulls"]).sum(axis=0).max() + np.abs(page["step"]).max()
        np.testing.assert_allclose(tips, page["step"], rtol=0, atol=1e-12 * size)


def test_the_runs_cover_the_edge_cases():
    assert parts_of("diverged")[0].diverged_at is not None
    assert parts_of("no-steps")[0].last_step == 0
    assert parts_of("bias-ce-lr100")[0].bias
    assert parts_of("cross-entropy")[0].objective == "cross_entropy"
    assert parts_of("thousand-rows")[0].n_rows == 1000
    saturated = parts_of("saturated")[0]
    assert (saturated.weights[1] == saturated.weights[2]).all(), "a step of exactly 0"


def arrow_scale(extent: float, room: float) -> float:
    """The largest of …, 0.5, 1, 2, 5, 10, … with extent · k ≤ room, by enumeration."""
    candidates = [n * 10.0**e for e in range(-12, 13) for n in (1, 2, 5)]
    return max(k for k in candidates if extent * k <= room * (1 + 1e-12))


def test_the_arrows_show_the_step_and_each_followed_rows_pull(run_parts):
    """The landscape's arrows (placed as the page places them) and the words beside them."""
    run, parts = run_parts
    k = min(run.n_rows, SHOWN_ROWS)
    lr = run.learning_rate
    for t, page in parts.items():
        arrows = page["arrows"]
        if t == run.last_step:
            assert arrows is None and page["notes"] == ["last step: no update follows"]
            continue
        step = run.step(t)
        same_bits(arrows["origin"], run.weights[t, :2])
        same_bits(arrows["step"], (run.weights[t + 1] - run.weights[t])[:2])
        same_bits(arrows["pulls"], (-lr * (run.layer_0[:k] * step.layer_1_delta[:k]))[:, :2])
        chain = [*arrows["pulls"], *([] if arrows["other"] is None else [arrows["other"]])]
        vertices = np.cumsum(np.array(chain) * [100, -100], axis=0)
        extent = max(np.hypot(*(arrows["step"] * 100)), np.hypot(*vertices.T).max())
        if extent == 0:
            assert page["k"] is None
            assert page["notes"] == ["no arrows: the step and every pull are 0 here"]
            continue
        assert page["k"] == pytest.approx(arrow_scale(extent, 100), rel=1e-12)
        notes = page["notes"]
        assert notes[0] == f"arrows ×{page['k']:,.15g} · row pulls sum to the step"
        if k < run.n_rows:
            others = run.n_rows - k
            assert notes[1] == f"rows 1–{k} in colour; the other {others:,} as one grey arrow"
        if run.bias:
            b, new_b = run.weights[t, 2], run.weights[t + 1, 2]
            same_bits(arrows["bias"], np.array([b, new_b, new_b - b]))
            assert notes[-1] == f"b {b:.6f} → {new_b:.6f} (Δb {new_b - b:.4g})"
        assert len(notes) == 1 + (k < run.n_rows) + run.bias


def test_the_planes_rings_are_each_followed_rows_miss(run_parts):
    run, parts = run_parts
    k = min(run.n_rows, SHOWN_ROWS)
    for t, page in parts.items():
        same_bits(page["misses"], run.predictions[t, :k] - run.y[:k])
