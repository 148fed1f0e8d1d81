"""The browser's logic, run in Node: its own tests, and parity with the engine's History.

The page shows every number from the run's blob (ui/static/readout.js) and places
every moving mark from it (ui/static/marks.js). Here the real modules decode real
runs and print what the page would show; the expectations are computed from
``perceptron.train``'s History with Python's own format specs.
"""

from __future__ import annotations

import functools
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import perceptron
from perceptron.diagnostics import diagnose, to_json
from perceptron.history import history_from_weights
from perceptron.settings import LOSS_LABELS
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y, loss_text, notebook_run, weight_text
from tests.support.parity import node_parity
from tests.support.paths import ROOT
from views import payload
from views.race_payload import pack_race

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0], dtype=float)
STEPS = (0, 1, 2, 37)
TRAIL = 16  # steps a trail reaches back (views.marks.trail's default length)


def node_binary() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required in CI to test ui/static")
        pytest.skip("node is not installed")
    return node


def test_node_tests_pass():
    done = subprocess.run(
        [node_binary(), "--test", "ui/static/tests/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"node --test failed:\n{done.stdout}\n{done.stderr}"


# --- parity: the page's numbers and marks for real runs -------------------------------------


def xor_bias_cross_entropy() -> perceptron.History:
    return perceptron.train(XOR_X, XOR_Y, bias=True, objective="cross_entropy", learning_rate=100.0)


def diverged_run() -> perceptron.History:
    """Weights blown up at step 40: rows 40.. are NaN and the page gets steps 0..39."""
    base = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=100, bias=True)
    weights, gradients = base.weights.copy(), base.gradients.copy()  # History arrays are read-only
    weights[40:] = np.inf
    params = (1, 100, 1.0, True, "squared")
    run = history_from_weights(base.X, base.y, base.layer_0, weights, gradients, params)
    assert run.last_step == 39
    return run


def no_steps() -> perceptron.History:
    return perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0)


def infinite_start_run() -> perceptron.History:
    """loss[0] = ∞: w·x overflows at step 0 (inputs 1.1e308, both weights below −0.8)."""
    seed = next(s for s in range(1000) if (perceptron.initial_weights(s, 2) < -0.8).all())
    run = perceptron.train(
        [[1.1e308, 1.1e308]], [1], seed=seed, iterations=3, objective="cross_entropy"
    )
    assert math.isinf(run.loss[0])
    return run


RUNS = {
    "notebook": notebook_run,
    "xor-bias-ce-lr100": xor_bias_cross_entropy,
    "diverged": diverged_run,
    "no-steps": no_steps,
    "infinite-start": infinite_start_run,
}


def special(value: Any) -> Any:
    """parity.mjs spells non-finite numbers "#Infinity", "#-Infinity", "#NaN"."""
    if isinstance(value, str) and value.startswith("#"):
        return float(value[1:].lower().replace("infinity", "inf"))
    if isinstance(value, list):
        return [special(v) for v in value]
    if isinstance(value, dict):
        return {k: special(v) for k, v in value.items()}
    return value


@functools.cache
def page_of(name: str) -> tuple[perceptron.History, list[int], dict[str, Any]]:
    """(run, steps asked for, what the page shows at them) via ui/static/tests/parity.mjs."""
    node = node_binary()
    run = RUNS[name]()
    blob = payload.pack(run, name, False, to_json(diagnose(run)))
    steps = sorted({min(t, run.last_step) for t in (*STEPS, run.last_step)})
    out = node_parity(node, "parity.mjs", blob, steps)
    assert out["id"] == name
    assert out["last"] == run.last_step
    return run, steps, special(out["steps"])


@pytest.fixture(params=list(RUNS))
def parity_page(request) -> tuple[perceptron.History, list[int], dict[str, Any]]:
    return page_of(request.param)


def test_the_page_shows_the_historys_numbers(parity_page):
    run, steps, page = parity_page
    for t in steps:
        numbers = {key: (label, text, hint) for key, label, text, hint in page[str(t)]["numbers"]}
        assert numbers["iteration"][1:] == (f"{t:,}", f"of {run.last_step:,}")
        assert numbers["loss"][1] == loss_text(run.loss[t]), t
        assert numbers["accuracy"][1] == f"{run.accuracy[t]:.0%}", t
        weight_keys = [key for key in numbers if key.startswith("w-")]
        assert weight_keys == [f"w-{name}" for name in run.weight_names]
        for j, name in enumerate(run.weight_names):
            label, text, hint = numbers[f"w-{name}"]
            assert (label, text) == (name, weight_text(run.weights[t, j])), (t, name)
            assert hint.startswith(f"{name} = ")
            assert float(hint.removeprefix(f"{name} = ")) == run.weights[t, j], "exact in the hint"


def test_the_notebooks_numbers_read_as_printed():
    """The teaching notebook's printed weights, read off the page."""
    _, _, page = page_of("notebook")
    weights = {key: text for key, _, text, _ in page["0"]["numbers"] if key.startswith("w-")}
    assert weights == {"w-w1": "-0.165956", "w-w2": "0.440649"}
    weights = {key: text for key, _, text, _ in page["1"]["numbers"] if key.startswith("w-")}
    assert weights == {"w-w1": "0.102886", "w-w2": "0.150744"}
    weights = {key: text for key, _, text, _ in page["10001"]["numbers"] if key.startswith("w-")}
    assert weights == {"w-w1": "5.283217", "w-w2": "-5.283169"}


def test_the_loss_hint_names_the_objective():
    for name in ("notebook", "xor-bias-ce-lr100"):  # squared error, cross-entropy
        run, _, page = page_of(name)
        hint = next(hint for key, _, _, hint in page["0"]["numbers"] if key == "loss")
        assert "undefined" not in hint, hint
        assert hint.lower().startswith(LOSS_LABELS[run.objective].lower()), hint


def test_the_page_shows_each_rows_prediction_and_error(parity_page):
    run, steps, page = parity_page
    k = min(run.n_rows, 12)
    for t in steps:
        rows = page[str(t)]["rows"]
        assert len(rows) == k
        for i, row in enumerate(rows):
            x1, x2 = run.X[i]
            y, p = run.y[i], run.predictions[t, i]
            right = "✓" if (p >= 0.5) == (y >= 0.5) else "✗"
            shown = [f"{x1:.6g}", f"{x2:.6g}", f"{y:.6g}", f"{p:.6f}", f"{p - y:.6f}"]
            assert row == [i + 1, *shown, right], (t, i)


def marks(page: dict[str, Any], t: int, chart: str, kind: str) -> list[dict[str, Any]]:
    return [m["at"] for m in page[str(t)]["marks"][chart] if m["kind"] == kind]


def test_the_marks_sit_on_the_historys_values(parity_page):
    run, steps, page = parity_page
    k = min(run.n_rows, 12)
    for t in steps:
        w = run.weights[t].tolist()
        for chart in ("weights", "errors", "loss"):
            assert marks(page, t, chart, "vline") == [{"x": [t + 1]}], (chart, t)
        assert marks(page, t, "weights", "points") == [{"x": [t + 1], "y": w}]
        misses = (run.predictions[t, :k] - run.y[:k]).tolist()
        [errors] = marks(page, t, "errors", "points")
        assert errors["x"] == [t + 1]
        np.testing.assert_allclose(errors["y"], misses, rtol=0, atol=1e-15)
        loss = run.loss[t]
        floored = loss if math.isinf(loss) else max(loss, 1e-12)
        assert marks(page, t, "loss", "points") == [{"x": [t + 1], "y": [floored]}]
        assert marks(page, t, "landscape", "points") == [{"x": [w[0]], "y": [w[1]]}]
        [trail] = marks(page, t, "landscape", "trail")
        back = range(max(0, t - TRAIL), t + 1)
        assert trail["trail"] == [[run.weights[s, 0], run.weights[s, 1]] for s in back]
        [plane] = marks(page, t, "heatmap", "boundary")
        b = w[2] if run.bias else 0
        assert plane == {"plane": {"w1": w[0], "w2": w[1], "b": b}}
        assert marks(page, t, "heatmap", "label") == [{"text": f"step {t:,} · ring = miss |ŷ − y|"}]
        assert marks(page, t, "surface", "label") == [{"text": f"step {t:,}"}]


def test_the_slice_label_names_the_bias_at_step_t(parity_page):
    """The landscape is the slice the weights are on: its label prints b as the readout does."""
    run, steps, page = parity_page
    labels = [marks(page, t, "landscape", "label") for t in steps]
    if not run.bias:
        assert labels == [[]] * len(steps)
        return
    for t, [label] in zip(steps, labels, strict=True):
        b = weight_text(run.weights[t, 2])
        assert label["text"] == f"slice at this step's b = {b}"


def test_the_3d_sheet_is_the_output_at_step_t(parity_page):
    run, steps, page = parity_page
    k = min(run.n_rows, 12)
    chart = payload.unpack(payload.pack(run, "x", False, []))[0]["charts"]["surface"]
    order = [trace["name"] for trace in chart["figure"]["data"]]
    sheet_trace = chart["figure"]["data"][order.index("output")]
    xs, ys = np.asarray(sheet_trace["x"]), np.asarray(sheet_trace["y"])
    for t in steps:
        update, traces = page[str(t)]["sheet"]["update"], page[str(t)]["sheet"]["traces"]
        named = dict(zip([order[i] for i in traces], range(len(traces)), strict=True))
        assert set(named) == {"output", "prediction", "output = 0.5"}
        w = run.weights[t]
        b = w[2] if run.bias else 0.0
        with np.errstate(all="ignore"):
            logits = w[0] * xs[None, :] + w[1] * ys[:, None] + b  # rows follow x2
            expected = 1 / (1 + np.exp(-logits))
        np.testing.assert_allclose(update["z"][named["output"]], expected, rtol=1e-12, atol=1e-300)
        assert update["z"][named["prediction"]] == run.predictions[t, :k].tolist()
        line = named["output = 0.5"]
        for x1, x2, z in zip(update["x"][line], update["y"][line], update["z"][line], strict=True):
            assert z == 0.5
            assert w[0] * x1 + w[1] * x2 + b == pytest.approx(0, abs=1e-9 * (1 + abs(b)))


# --- parity: Compare's landscape, as its race sends it ---------------------------------------

RACE_LANDSCAPE_JS = """
import { readFileSync } from "node:fs";
import { decode } from "./ui/static/payload.js";
import { slicePixels } from "./ui/static/field.js";
const paint = (layer, slices) =>
  Buffer.from(slicePixels(slices.data, slices.shape[1], layer.lut, layer.levels).pixels);
const [race, train] = process.argv.slice(1).map((p) => decode(new Uint8Array(readFileSync(p))));
const layer = (blob) => blob.header.charts.landscape.layers[0];
const pixels = (blob) => paint(layer(blob), blob.arrays.slices);
const slices = race.arrays.slices;
console.log(JSON.stringify({ shape: slices.shape, levels: Array.from(slices.data),
  samePixels: pixels(race).equals(pixels(train)) }));
"""


def test_the_page_paints_compares_landscape_as_trains():
    """The race's arrays reach field.js byte for byte: for one run, the very pixels of Train's."""
    run = notebook_run()
    blobs = [pack_race([run], ["notebook"], "r"), payload.pack(run, "x", False, [])]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("race.bin", "train.bin")]
        for path, blob in zip(paths, blobs, strict=True):
            path.write_bytes(blob)
        done = subprocess.run(
            [node_binary(), "--input-type=module", "-e", RACE_LANDSCAPE_JS, *map(str, paths)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    _, arrays = payload.unpack(blobs[1])
    assert page["shape"] == list(arrays["slices"].shape)
    assert page["levels"] == arrays["slices"].ravel().tolist()
    assert page["samePixels"]
