"""The view layer: each chart's still parts and named marks, and the blob the page receives.

Traces are found by name, never by position; numbers are checked against the
engine's History and against values computed here independently.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import math
import struct
from dataclasses import replace
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.colors import get_colorscale, sample_colorscale

import perceptron
from perceptron import limits
from perceptron.diagnostics import diagnose, to_json
from perceptron.history import history_from_weights
from perceptron.landscape import loss_landscape
from perceptron.settings import RunSpec
from ui import run as run_module
from ui.figure import backdrop
from views import caps as view_caps
from views import compare, lines, payload
from views.errors import errors_chart
from views.geometry import input_box, landscape_window, weights_2d
from views.landscape import landscape_chart
from views.landscape_layer import GRID, LEVEL_TOP, LEVELS
from views.loss import LOSS_NAMES, loss_chart
from views.marks import now_line
from views.output import heatmap_chart, surface_chart
from views.race_payload import pack_race
from views.sampling import decade_ticks, envelope_steps, log_buckets
from views.style import (
    LOGIT_SPAN,
    LOSS_FLOOR,
    LOSS_LUT,
    NEUTRAL,
    ROW_COLOURS,
    row_colour,
    style,
    weight_colour,
)
from views.weights import weights_chart

NOTEBOOK_X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]], dtype=float)
NOTEBOOK_Y = np.array([0, 0, 1, 1], dtype=float)
T = 37


# --- runs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def h() -> perceptron.History:
    """The notebook's run: 10,001 updates, no bias."""
    return perceptron.train(NOTEBOOK_X, NOTEBOOK_Y)


@pytest.fixture(scope="module")
def biased() -> perceptron.History:
    return perceptron.train(NOTEBOOK_X, [0, 1, 1, 1], iterations=300, bias=True)


@pytest.fixture(scope="module")
def diverged() -> perceptron.History:
    """A run whose weights blow up at step 40: rows 40.. are NaN, last_step is 39."""
    base = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=100, bias=True)
    weights, gradients = base.weights.copy(), base.gradients.copy()  # History arrays are read-only
    weights[40:] = np.inf
    params = (1, 100, 1.0, True, "squared")
    run = history_from_weights(base.X, base.y, base.layer_0, weights, gradients, params)
    assert run.diverged_at == 40 and run.last_step == 39
    return run


@pytest.fixture(scope="module")
def zero() -> perceptron.History:
    run = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0)
    assert run.last_step == 0
    return run


@pytest.fixture(scope="module")
def big() -> perceptron.History:
    """1,000 rows spread over [-2, 3]²: more than the page follows or draws."""
    X = np.random.RandomState(0).uniform(-2, 3, (limits.MAX_ROWS, 2))
    return perceptron.train(X, (X.sum(axis=1) > 1).astype(float), iterations=50)


@pytest.fixture(scope="module")
def infinite_start() -> perceptron.History:
    """Cross-entropy on huge inputs: the first logit overflows, so loss[0] is infinite.

    Inputs of 1.1e308 with both weights below −0.8 make w·x overflow to −inf at step 0;
    the first update throws the weights to +1.1e308 and the loss is finite (0) from then on.
    """
    seed = next(s for s in range(1000) if (perceptron.initial_weights(s, 2) < -0.8).all())
    run = perceptron.train(
        [[1.1e308, 1.1e308]], [1], seed=seed, iterations=3, objective="cross_entropy"
    )
    assert math.isinf(run.loss[0]) and np.isfinite(run.loss[1:]).all() and run.diverged_at is None
    return run


@pytest.fixture(scope="module")
def runs(h, biased, diverged, zero, big, infinite_start) -> dict[str, perceptron.History]:
    return {
        "notebook": h,
        "biased": biased,
        "diverged": diverged,
        "zero": zero,
        "big": big,
        "infinite_start": infinite_start,
    }


RUN_NAMES = ["notebook", "biased", "diverged", "zero", "big", "infinite_start"]


def packed(run: perceptron.History, presenter: bool = False) -> bytes:
    return payload.pack(run, "test-run", presenter, to_json(diagnose(run)))


@pytest.fixture(scope="module")
def blobs(runs) -> dict[str, bytes]:
    return {name: packed(run) for name, run in runs.items()}


def lines_of(chart: dict[str, Any]) -> list[dict[str, Any]]:
    """The lines the page strokes for a chart (views/lines.py, ui/static/lines.js)."""
    return [
        line
        for layer in chart.get("layers", [])
        if layer["kind"] == "lines"
        for line in layer["lines"]
    ]


def line_values(
    ref: dict[str, Any], arrays: dict[str, np.ndarray], steps: np.ndarray
) -> np.ndarray:
    """A value reference at each step, as the page resolves it (marks.js ``resolve``)."""
    values = arrays[ref["array"]][steps]
    if values.ndim == 2:
        values = values[:, ref["cols"][0]]
    if "minus" in ref:
        values = values - ref["minus"][0]
    if "floor" in ref:
        values = np.where(np.isfinite(values), np.maximum(values, ref["floor"]), values)
    return values


def drawn_line(chart: dict[str, Any], h: perceptron.History, name: str) -> dict[str, Any]:
    """The line ``name`` as the page draws it, read like a Plotly trace: its points (x, y),
    the steps they are at (customdata) and its colour and width."""
    [line] = [line for line in lines_of(chart) if line["name"] == name]
    arrays = {**payload.run_arrays(h), **chart["arrays"]}
    steps = arrays[line["steps"]].astype(np.int64)
    x = line_values(line["x"], arrays, steps) if "x" in line else steps + 1
    return {
        "x": x.tolist(),
        "y": line_values(line["y"], arrays, steps).tolist(),
        "customdata": steps.tolist(),
        "line": {"color": line["color"], "width": line["width"]},
        "start": line.get("start"),
    }


def by_name(
    chart: dict[str, Any], name: str, h: perceptron.History | None = None
) -> dict[str, Any]:
    """The figure's trace ``name``, or with ``h`` the page's line ``name`` of ``h``'s chart."""
    if h is not None:
        return drawn_line(chart, h, name)
    found = [trace for trace in chart["figure"]["data"] if trace.get("name") == name]
    assert len(found) == 1, (name, [trace.get("name") for trace in chart["figure"]["data"]])
    return found[0]


def names(chart: dict[str, Any]) -> list[str]:
    return [trace.get("name") for trace in chart["figure"]["data"]]


def marks_of(chart: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [mark for mark in chart["marks"] if mark["kind"] == kind]


def refs(value: Any):
    """Every value reference ({"array": …} or {"step": …}) in a mark, however deep."""
    if isinstance(value, dict):
        if "array" in value or "step" in value:
            yield value
        else:
            for item in value.values():
                yield from refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs(item)


def no_constants(token: str) -> None:
    raise AssertionError(f"non-standard JSON token {token}")


def strict_json(text: bytes | str) -> Any:
    """json.loads that refuses NaN, Infinity and -Infinity, as JSON.parse in a browser does."""
    return json.loads(text, parse_constant=no_constants)


def numbers(value):
    """Every number in a plotly JSON tree, base64 typed arrays ({dtype, bdata}) included."""
    if isinstance(value, dict) and "bdata" in value:
        raw = base64.b64decode(value["bdata"])
        yield from np.frombuffer(raw, dtype=np.dtype(value["dtype"]).newbyteorder("<")).tolist()
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from numbers(item)
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            yield from value.ravel().tolist()
        elif value.dtype.kind == "O":
            yield from numbers(value.tolist())
    elif isinstance(value, float):
        yield value


def test_number_walker_sees_typed_arrays():
    bad = go.Figure(go.Scatter(x=np.arange(3), y=np.array([0.0, np.nan, 1.0])))
    assert any(math.isnan(v) for v in numbers(bad.to_plotly_json()["data"]))
    assert len(list(numbers(bad.to_plotly_json()["data"]))) == 6


# --- iteration axes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run_name", "tickvals", "ticktext"),
    [
        ("notebook", [1, 2, 11, 101, 1001, 10001], ["0", "1", "10", "100", "1k", "10k"]),
        ("diverged", [1, 2, 11], ["0", "1", "10"]),
        ("biased", [1, 2, 11, 101], ["0", "1", "10", "100"]),
        ("zero", [1], ["0"]),
    ],
)
def test_iteration_axes_are_log_and_labelled_with_true_steps(runs, run_name, tickvals, ticktext):
    run = runs[run_name]
    for build in (weights_chart, errors_chart, loss_chart):
        axis = build(run)["figure"]["layout"]["xaxis"]
        assert axis["type"] == "log" and axis["title"]["text"] == "iteration (log scale)"
        assert axis["tickvals"] == tickvals and axis["ticktext"] == ticktext
        low, high = axis["range"]  # log10 units: step 0 sits at x = 1, the last at last + 1
        assert low < 0 <= math.log10(run.last_step + 1) < high


# --- output field: heat map and 3D sheet --------------------------------------------------


def test_heatmap_names_its_traces_and_declares_the_field(h):
    chart = heatmap_chart(h)
    assert chart["name"] == "heatmap" and sorted(names(chart)) == ["output scale", "rows"]
    layout = chart["figure"]["layout"]
    assert layout["title"]["text"] == "What the neuron outputs"
    assert layout["xaxis"]["range"] == [-0.25, 1.25] and layout["yaxis"]["range"] == [-0.25, 1.25]
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["xaxis"]["title"]["text"].startswith("x1")
    [field] = chart["layers"]
    assert field["kind"] == "field" and field["span"] == LOGIT_SPAN and len(field["lut"]) == 768
    assert field["x"] == layout["xaxis"]["range"] and field["y"] == layout["yaxis"]["range"]
    assert {m["kind"] for m in chart["marks"]} == {"boundary", "misses", "label"}
    assert marks_of(chart, "label")[0]["text"] == "step {t} · ring = miss |ŷ − y|"
    # A ring around each followed row, sized by its miss ŷ − y at t, in the row's colour.
    [rings] = marks_of(chart, "misses")
    assert rings["rows"] == h.X.tolist()
    assert rings["error"] == {"array": "predictions", "cols": [0, 1, 2, 3], "minus": h.y.tolist()}
    assert rings["colors"] == [row_colour(i) for i in range(4)]
    # The colour bar's ticks sit at the logits of the outputs they name, in the field's colours.
    bar = by_name(chart, "output scale")["marker"]
    assert bar["cmin"] == -LOGIT_SPAN and bar["cmax"] == LOGIT_SPAN
    # Position p of the bar is logit −6 + 12p; its colour is the output colour at σ(logit).
    balance = get_colorscale("balance")
    for position, colour in bar["colorscale"]:
        logit = -LOGIT_SPAN + position * 2 * LOGIT_SPAN
        want = sample_colorscale(balance, [1 / (1 + math.exp(-logit))], colortype="tuple")[0]
        got = [int(v) for v in colour[4:-1].split(",")]
        assert all(abs(g - 255 * w) <= 1 for g, w in zip(got, want, strict=True)), position
    ticks = bar["colorbar"]
    assert len(ticks["tickvals"]) <= 5
    for value, text in zip(ticks["tickvals"], ticks["ticktext"], strict=True):
        assert 1 / (1 + math.exp(-value)) == pytest.approx(float(text))


def test_rows_keep_their_colour_and_target_symbol_on_every_chart(h):
    rows = by_name(heatmap_chart(h), "rows")
    assert rows["x"] == NOTEBOOK_X[:, 0].tolist() and rows["y"] == NOTEBOOK_X[:, 1].tolist()
    assert rows["marker"]["color"] == [ROW_COLOURS[i] for i in range(4)]
    assert rows["marker"]["symbol"] == ["circle-open"] * 2 + ["circle"] * 2
    errors = errors_chart(h)
    surface = surface_chart(h)
    for i in range(4):
        assert by_name(errors, f"row {i + 1}")["line"]["color"] == rows["marker"]["color"][i]
    assert by_name(surface, "prediction")["marker"]["color"] == rows["marker"]["color"]
    assert by_name(surface, "target")["marker"]["color"] == rows["marker"]["color"]


def test_surface_names_its_traces_and_restyles_them_by_name(h):
    chart = surface_chart(h)
    assert sorted(names(chart)) == ["output", "output = 0.5", "prediction", "target"]
    sheet = by_name(chart, "output")
    assert sheet["type"] == "surface" and (sheet["cmin"], sheet["cmax"]) == (0.0, 1.0)
    scene = chart["figure"]["layout"]["scene"]
    assert scene["xaxis"]["range"] == [-0.25, 1.25] and scene["zaxis"]["range"] == [0, 1]
    assert scene["zaxis"]["title"]["text"] == "output"
    assert by_name(chart, "target")["z"] == NOTEBOOK_Y.tolist()
    # Every 3D mark names a trace that exists; the sheet's grid is the surface's own.
    for mark in chart["marks"]:
        if "trace" in mark:
            by_name(chart, mark["trace"])
    [grid] = marks_of(chart, "sheet")
    assert grid["x"] == sheet["x"] and grid["y"] == sheet["y"]
    assert sheet["x"][0] == -0.25 and sheet["x"][-1] == 1.25
    [points3d] = marks_of(chart, "points3d")
    assert points3d["trace"] == "prediction"
    assert points3d["z"] == {"array": "predictions", "cols": [0, 1, 2, 3]}
    [line] = marks_of(chart, "boundary3d")
    assert line["x"] == [-0.25, 1.25] and line["y"] == [-0.25, 1.25]


@pytest.mark.parametrize(
    "X",
    [
        [[0, 1], [1, 0], [5, 0.5]],  # a row far right must be drawn, not clipped
        [[0.2, 0.3], [0.8, 0.7]],  # rows inside the unit square: the box never shrinks
        [[-3, -2], [0, 1], [1, 0]],  # negative inputs
    ],
)
def test_the_output_field_covers_every_row_with_a_margin(X):
    X = np.array(X, dtype=float)
    x1, x2 = input_box(X)
    for (low, high), column in zip((x1, x2), X.T, strict=True):
        assert low <= 0 and high >= 1, "never smaller than the unit square"
        assert low < column.min() and column.max() < high, "every row strictly inside"
        span = high - low
        assert column.min() - low >= 0.1 * span and high - column.max() >= 0.1 * span
    run = perceptron.train(X, [0] * (len(X) - 1) + [1], iterations=3)
    layout = heatmap_chart(run)["figure"]["layout"]
    for point in X:
        assert layout["xaxis"]["range"][0] < point[0] < layout["xaxis"]["range"][1]
        assert layout["yaxis"]["range"][0] < point[1] < layout["yaxis"]["range"][1]
    scene = surface_chart(run)["figure"]["layout"]["scene"]
    assert scene["xaxis"]["range"] == layout["xaxis"]["range"]


def test_a_row_at_5_half_is_inside_the_box():
    x1, x2 = input_box(np.array([[0, 1], [1, 0], [5, 0.5]], dtype=float))
    assert x1[0] < 5 < x1[1] and x2[0] < 0.5 < x2[1]
    assert x1 == [-1.25, 6.25] and x2 == [-0.25, 1.25]  # 0.25 × span on each side, by hand


def test_a_thousand_rows_are_followed_for_12_and_drawn_for_200(big):
    heat = heatmap_chart(big)
    assert len(by_name(heat, "rows")["x"]) == view_caps.PLANE_ROWS == 200
    assert "first 200 of" in heat["figure"]["layout"]["title"]["text"]
    surface = surface_chart(big)
    assert len(by_name(surface, "target")["z"]) == 200
    assert len(by_name(surface, "prediction")["z"]) == view_caps.SHOWN_ROWS == 12
    errors = errors_chart(big)
    assert [n for n in names(errors) if n.startswith("row ")] == [f"row {i}" for i in range(1, 13)]
    assert "(first 12 of 1,000)" in errors["figure"]["layout"]["title"]["text"]
    [misses] = marks_of(errors, "points")
    assert misses["y"]["cols"] == list(range(12)) and misses["y"]["minus"] == big.y[:12].tolist()


# --- landscape ----------------------------------------------------------------------------


def test_landscape_path_start_and_marks(h, biased):
    chart = landscape_chart(h)
    assert names(chart) == ["loss scale"]  # the path is the page's line, from a square
    assert [line["name"] for line in lines_of(chart)] == ["path"]
    path = by_name(chart, "path", h)
    assert path["start"]["size"] > 0 and [path["x"][0], path["y"][0]] == h.weights[0].tolist()
    steps = np.asarray(path["customdata"])
    assert steps[0] == 0 and steps[-1] == h.last_step and len(steps) <= view_caps.MAX_DRAWN_POINTS
    np.testing.assert_array_equal(path["x"], h.weights[steps, 0])
    np.testing.assert_array_equal(path["y"], h.weights[steps, 1])
    layout = chart["figure"]["layout"]
    assert layout["xaxis"]["title"]["text"] == "w1" and layout["yaxis"]["title"]["text"] == "w2"
    assert layout["yaxis"]["scaleanchor"] == "x"
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    assert x0 < h.weights[:, 0].min() and h.weights[:, 0].max() < x1
    assert y0 < h.weights[:, 1].min() and h.weights[:, 1].max() < y1
    assert x1 - x0 == pytest.approx(y1 - y0), "square window, equal scales"
    layer, _ = chart["layers"]
    assert layer["kind"] == "slices" and layer["x"] == [x0, x1] and layer["y"] == [y0, y1]
    at_t = ({"array": "weights", "cols": [0]}, {"array": "weights", "cols": [1]})
    assert [(m["x"], m["y"]) for m in marks_of(chart, "trail")] == [at_t]
    assert [(m["x"], m["y"]) for m in marks_of(chart, "points")] == [at_t]
    assert marks_of(chart, "label") == []  # no bias: one slice, nothing to say
    # The step and each row's pull, in the rows' colours (the page forms them: step_parts.js).
    [arrows] = marks_of(chart, "pulls")
    assert arrows["colors"] == [row_colour(i) for i in range(4)] and arrows["other"] == NEUTRAL
    assert 0 < arrows["room"] < 1
    scale = by_name(chart, "loss scale")["marker"]
    ticks = scale["colorbar"]["tickvals"]
    assert ticks and all(scale["cmin"] - 1 <= k <= scale["cmax"] + 1 for k in ticks)
    [slice_label] = marks_of(landscape_chart(biased), "label")
    assert slice_label["text"] == "slice at this step's b = {b}"


def test_landscape_window_caps_huge_weights():
    run = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=5, learning_rate=1e200)
    layout = landscape_chart(run)["figure"]["layout"]
    assert all(abs(v) <= 1e3 for v in [*layout["xaxis"]["range"], *layout["yaxis"]["range"]])


def decade_value(text: str) -> float:
    """A tick label read back: "0.001", "1", or "10⁻¹²" (superscript exponent)."""
    if text.startswith("10") and len(text) > 2 and not text[2:].isascii():
        return 10.0 ** int(text[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
    return float(text)


def test_landscape_colour_bar_never_piles_up_labels():
    ticks = decade_ticks(-12.0, 0.27)  # the old bug: 1e-12 … 1, thirteen labels
    assert 2 <= len(ticks["tickvals"]) <= 5 and ticks["tickvals"][0] == -12
    assert all(isinstance(k, int) and -12 <= k <= 0 for k in ticks["tickvals"])
    for k, text in zip(ticks["tickvals"], ticks["ticktext"], strict=True):
        assert decade_value(text) == pytest.approx(10.0**k)
    assert decade_ticks(-0.4, -0.2)["tickvals"] == [0]


def slice_expectations(blob: bytes):
    header, arrays = payload.unpack(blob)
    chart = header["charts"]["landscape"]
    scale = by_name(chart, "loss scale")["marker"]
    low, high = scale["cmin"], scale["cmax"]
    (x0, x1), (y0, y1) = chart["layers"][0]["x"], chart["layers"][0]["y"]
    return arrays, low, high, (x0, x1), (y0, y1)


def test_one_landscape_slice_without_a_bias(blobs):
    _, arrays = payload.unpack(blobs["notebook"])
    assert arrays["slices"].shape == (1, GRID, GRID) and arrays["slices"].dtype == np.uint16
    assert arrays["slice_bias"].tolist() == [0.0]


@pytest.mark.parametrize("run_name", ["biased", "diverged"])
def test_several_sorted_slices_span_the_runs_bias(runs, blobs, run_name):
    run = runs[run_name]
    _, arrays = payload.unpack(blobs[run_name])
    bias = arrays["slice_bias"]
    assert len(bias) > 1 and arrays["slices"].shape == (len(bias), GRID, GRID)
    assert np.all(np.diff(bias) > 0)
    drawn = run.weights[: run.last_step + 1, 2]  # NaN rows of a diverged run are not drawn
    assert bias[0] == pytest.approx(drawn.min(), abs=1e-12)
    assert bias[-1] == pytest.approx(drawn.max(), abs=1e-12)


def assert_slices_are_log10_loss(run, arrays, low, high, window) -> None:
    """level / LEVEL_TOP over the colour bar's range is log10(loss) at the grid point, to a
    level."""
    (x0, x1), (y0, y1) = window
    level = (high - low) / LEVEL_TOP if high > low else 1 / LEVEL_TOP
    rng = np.random.RandomState(3)
    cells = [(0, 0), (0, GRID - 1), (GRID - 1, 0), (GRID - 1, GRID - 1), (15, 15), (3, 27)]
    cells += [tuple(ij) for ij in rng.randint(0, GRID, (12, 2))]
    for k, b in enumerate(arrays["slice_bias"]):
        for i, j in cells:  # row i follows w2, column j follows w1
            w1 = x0 + j * (x1 - x0) / (GRID - 1)
            w2 = y0 + i * (y1 - y0) / (GRID - 1)
            with np.errstate(all="ignore"):
                value = loss_landscape(
                    run.X, run.y, np.array([w1]), np.array([w2]), run.objective,
                    float(b) if run.bias else None,
                )[0, 0]  # fmt: skip
            expected = math.log10(min(max(value, LOSS_FLOOR), 1e300))
            decoded = low + arrays["slices"][k, i, j] / LEVEL_TOP * (high - low)
            assert abs(decoded - expected) <= level + 1e-9, (k, i, j)


@pytest.mark.parametrize("run_name", ["notebook", "biased", "diverged", "zero"])
def test_slice_levels_decode_to_log10_loss(runs, blobs, run_name):
    arrays, low, high, w1, w2 = slice_expectations(blobs[run_name])
    assert_slices_are_log10_loss(runs[run_name], arrays, low, high, (w1, w2))


# --- weights, errors, loss ----------------------------------------------------------------


@pytest.mark.parametrize("run_name", ["notebook", "biased", "diverged", "zero"])
def test_weights_chart_one_line_per_weight(runs, run_name):
    run = runs[run_name]
    chart = weights_chart(run)
    assert chart["figure"]["layout"]["title"]["text"] == "Each weight"
    assert names(chart) == run.weight_names
    for j, name in enumerate(run.weight_names):
        line = by_name(chart, name, run)
        steps = np.asarray(line["customdata"])
        assert line["x"] == (steps + 1).tolist() and line["x"][0] == 1
        assert line["x"][-1] == run.last_step + 1
        assert len(steps) <= view_caps.MAX_DRAWN_POINTS + 2
        np.testing.assert_array_equal(line["y"], run.weights[steps, j])
        assert line["line"]["color"] == weight_colour(j, name)
        assert by_name(chart, name)["line"] == line["line"]  # its legend entry
    if run.bias:
        assert by_name(chart, "b")["line"]["color"] != by_name(chart, "w1")["line"]["color"]
    # The axis covers every finite weight, on round numbers (a nearby run shares it).
    low, high = chart["figure"]["layout"]["yaxis"]["range"]
    finite = run.weights[np.isfinite(run.weights)]
    assert low < finite.min() and finite.max() < high and high - low >= 1
    [now] = marks_of(chart, "vline")
    assert now["x"] == {"step": 1}
    [at_t] = marks_of(chart, "points")
    assert at_t["x"] == {"step": 1}
    assert at_t["y"] == {"array": "weights", "cols": list(range(len(run.weight_names)))}


def test_weight_lines_are_dense_early(h):
    steps = by_name(weights_chart(h), "w1", h)["customdata"]
    assert set(range(31)) <= set(steps) and T in steps


def longest_stretch_on_one_side(values: np.ndarray) -> int:
    """Most consecutive points on one side of the values' mean: 1 for a strict zig-zag."""
    high = (values > values.mean()).astype(int)
    changes = np.flatnonzero(np.diff(np.r_[-1, high, -1]) != 0)
    return int(np.diff(changes).max())


def test_a_period_2_bounce_is_drawn_as_a_band_not_an_alias():
    """XOR at rate 100 flips between two weight states every step (test_diagnostics.py).

    Thinning by min/max per bucket draws each line up and down between exactly those two
    states (at most two points in a row on one side: one bucket's last, the next's first);
    one step per bucket would draw long runs on one level, a random-looking zig-zag.
    """
    xor_x, xor_y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    bounce = perceptron.train(xor_x, xor_y, 1, 10_000, 100.0, True, "cross_entropy")
    for chart, traces in (
        (weights_chart(bounce), bounce.weight_names),
        (errors_chart(bounce), ["row 1", "row 2", "row 3", "row 4"]),
    ):
        for name in traces:
            line = by_name(chart, name, bounce)
            steps = np.asarray(line["customdata"])
            assert len(steps) <= view_caps.MAX_DRAWN_POINTS and steps[-1] == bounce.last_step
            drawn = np.asarray(line["y"])[1:]  # step 0 is before the bounce starts
            assert len(set(drawn.round(6))) == 2, name
            assert longest_stretch_on_one_side(drawn) <= 2, name
    loss = by_name(loss_chart(bounce), "loss", bounce)
    assert longest_stretch_on_one_side(np.asarray(loss["y"])[1:]) <= 2


def plain_envelope(values: np.ndarray, max_points: int) -> np.ndarray:
    """The envelope as first written: the most log buckets that fit, then a loop over them."""
    last = len(values) - 1
    count = max(
        c
        for c in range(2, max_points + 1)
        if np.minimum(np.diff(log_buckets(last, c)), 2).sum() <= max_points - 2
    )
    edges = log_buckets(last, count)
    finite = np.isfinite(values)
    lows, highs = np.where(finite, values, np.inf), np.where(finite, values, -np.inf)
    picked = [
        np.arange(a, b) if b - a <= 2 else [a + np.argmin(lows[a:b]), a + np.argmax(highs[a:b])]
        for a, b in itertools.pairwise(edges)
    ]
    return np.unique(np.concatenate([*picked, [0, last]]).astype(np.int64))


@pytest.mark.parametrize("steps", [401, 1_000, 10_001])
def test_the_vectorised_envelope_picks_what_the_loop_picks(steps):
    """Each bucket's first lowest and first highest step, ties and gaps included: a
    new run packs seven lines, so the thinning runs over all buckets at once."""
    rng = np.random.default_rng(steps)
    noisy = rng.normal(size=steps)
    tied = np.round(noisy)
    gaps = noisy.copy()
    gaps[::7], gaps[3::11] = np.inf, np.nan
    for values in (noisy, tied, gaps, np.full(steps, np.inf)):
        for budget in (60, view_caps.MAX_DRAWN_POINTS):
            expected = plain_envelope(values, budget).tolist()
            assert envelope_steps(values, budget).tolist() == expected


def test_a_dozen_error_curves_leave_the_plot_its_height(h, big):
    """A 12-row legend wrapped over the errors plot (about 90 px left at 1,000 rows): past
    six rows the curves go unlabelled, coloured as on the input plane, named by the pointer."""
    assert errors_chart(h)["figure"]["layout"]["showlegend"] is True
    assert errors_chart(big)["figure"]["layout"]["showlegend"] is False
    for chart in (errors_chart(big), weights_chart(h), loss_chart(h)):
        assert chart["figure"]["layout"]["hovermode"] is False  # the page's label reads t exactly


def test_errors_chart_one_curve_per_row(h):
    chart = errors_chart(h)
    assert chart["figure"]["layout"]["title"]["text"] == "Each row's error ŷ − y"
    assert names(chart) == ["no error", "row 1", "row 2", "row 3", "row 4"]
    zero_line = by_name(chart, "no error")
    assert zero_line["x"] == [1, h.last_step + 1] and zero_line["y"] == [0.0, 0.0]
    for i in range(4):
        line = by_name(chart, f"row {i + 1}", h)
        steps = np.asarray(line["customdata"])
        np.testing.assert_array_equal(line["y"], h.predictions[steps, i] - h.y[i])
        assert (
            line["line"]
            == by_name(chart, f"row {i + 1}")["line"]
            == {
                "color": row_colour(i),
                "width": line["line"]["width"],
            }
        )
    [at_t] = marks_of(chart, "points")
    misses = {"array": "predictions", "cols": [0, 1, 2, 3], "minus": NOTEBOOK_Y.tolist()}
    assert at_t["y"] == misses


def test_loss_chart_log_log_with_named_objective(h):
    chart = loss_chart(h)
    assert names(chart) == [] and [line["name"] for line in lines_of(chart)] == ["loss"]
    layout = chart["figure"]["layout"]
    assert layout["title"]["text"] == "How wrong it is: the loss"
    assert layout["xaxis"]["type"] == "log" and layout["yaxis"]["type"] == "log"
    assert layout["yaxis"]["title"]["text"] == f"{LOSS_NAMES['squared']} (log)"
    line = by_name(chart, "loss", h)
    steps = np.asarray(line["customdata"])
    np.testing.assert_array_equal(line["y"], h.loss[steps])
    low, high = layout["yaxis"]["range"]  # log10 units, whole tenths of decades at least
    assert low < np.log10(h.loss.min()) and np.log10(h.loss.max()) < high
    [at_t] = marks_of(chart, "points")
    assert at_t["y"] == {"array": "loss", "floor": LOSS_FLOOR}
    ce = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=50, objective="cross_entropy")
    assert "cross-entropy" in loss_chart(ce)["figure"]["layout"]["yaxis"]["title"]["text"]


def test_zero_loss_is_floored_and_an_infinite_one_left_out(infinite_start):
    X = [[1000.0, -1000.0], [-1000.0, 1000.0]]
    seed = next(s for s in range(100) if np.diff(perceptron.initial_weights(s, 2))[0] < -0.5)
    run = perceptron.train(X, [1, 0], seed=seed, iterations=5, objective="cross_entropy")
    assert run.loss[0] == 0
    assert min(by_name(loss_chart(run), "loss", run)["y"]) >= LOSS_FLOOR
    line = by_name(loss_chart(infinite_start), "loss", infinite_start)
    assert 0 not in line["customdata"] and line["customdata"][0] == 1
    assert all(math.isfinite(v) and v > 0 for v in line["y"])


def test_presenter_mode_is_bigger(h):
    for build in (weights_chart, errors_chart, loss_chart, landscape_chart, heatmap_chart):
        small, large = build(h), build(h, presenter=True)
        size = lambda chart: chart["figure"]["layout"]["font"]["size"]  # noqa: E731
        assert size(large) > size(small), build.__name__
        title = lambda chart: chart["figure"]["layout"]["title"]["font"]["size"]  # noqa: E731
        assert title(large) > title(small)
    line = lambda chart: by_name(chart, "w1")["line"]["width"]  # noqa: E731
    assert line(weights_chart(h, True)) > line(weights_chart(h))


def test_layout_legend_above_the_plot_and_paper_transparent(h):
    """The title is drawn by the page above the figure, so the legend takes the figure's top:
    under the plot it sat on the x-axis title."""
    layout = weights_chart(h)["figure"]["layout"]
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["y"] >= 1
    assert layout["legend"]["yanchor"] == "bottom" and layout["uirevision"] == "perceptron-lab"
    assert layout["paper_bgcolor"] == "rgba(0,0,0,0)"


def test_a_run_with_one_input_column_is_refused():
    run = perceptron.train([[0.0], [1.0]], [0, 1], iterations=5, bias=True)
    with pytest.raises(ValueError, match="two input columns"):
        packed(run)


# --- marks reference the payload ----------------------------------------------------------


@pytest.mark.parametrize("run_name", RUN_NAMES)
def test_every_mark_references_arrays_in_the_payload(blobs, run_name):
    header, arrays = payload.unpack(blobs[run_name])
    assert set(header["charts"]) == {"heatmap", "surface", "landscape", "weights", "errors", "loss"}
    kinds = {"vline", "points", "trail", "boundary", "label", "sheet", "points3d", "boundary3d"}
    kinds |= {"pulls", "misses"}
    seen = set()
    for name, chart in header["charts"].items():
        assert chart["name"] == name
        trace_names = names(chart)
        for mark in chart["marks"]:
            assert mark["kind"] in kinds, (name, mark["kind"])
            if "trace" in mark:
                assert mark["trace"] in trace_names, (name, mark["trace"])
            for ref in refs(mark):
                if "step" in ref:
                    assert ref["step"] == 1  # the iteration axes plot step t at x = t + 1
                    continue
                assert ref["array"] in {"weights", "loss", "predictions"}, ref
                seen.add(ref["array"])
                shape = arrays[ref["array"]].shape
                if "cols" in ref:
                    assert len(shape) == 2 and all(0 <= j < shape[1] for j in ref["cols"])
                    if "minus" in ref:
                        assert len(ref["minus"]) == len(ref["cols"])
                else:
                    assert len(shape) == 1, ref
    assert seen == {"weights", "loss", "predictions"}


# --- the blob -----------------------------------------------------------------------------


def raw_parts(blob: bytes) -> tuple[bytes, int]:
    """(header text, where the arrays start) read by hand, not by unpack."""
    magic, version, size = struct.unpack("<4sII", blob[:12])
    assert magic == b"PLAB" and version == 1
    return blob[12 : 12 + size], 12 + size


@pytest.mark.parametrize("run_name", RUN_NAMES)
def test_pack_unpack_round_trip_is_exact(runs, blobs, run_name):
    run = runs[run_name]
    header, arrays = payload.unpack(blobs[run_name])
    S = run.last_step + 1
    k = min(run.n_rows, 12)
    np.testing.assert_array_equal(arrays["weights"], run.weights[:S])
    np.testing.assert_array_equal(arrays["loss"], run.loss[:S])  # an infinity stays infinite
    np.testing.assert_array_equal(arrays["predictions"], run.predictions[:S, :k])
    right = np.rint(run.accuracy[:S] * run.n_rows)  # share right × rows = rows right
    np.testing.assert_array_equal(arrays["correct"], right)
    assert arrays["correct"].dtype == np.uint16 and arrays["weights"].dtype == np.float64
    for name in ("weights", "loss", "correct", "predictions"):
        assert arrays[name].shape[0] == S, name
        assert np.isfinite(arrays[name]).all() or name == "loss"
    for t in sorted({0, run.last_step // 2, run.last_step - 1} & set(range(run.last_step))):
        view = run.step(t)  # the notebook's named values, by the engine's own step()
        np.testing.assert_array_equal(arrays["gradients"][t], view.synapse_derivative[:, 0])
    assert arrays["gradients"].shape == (run.last_step, len(run.weight_names))
    meta = header["meta"]
    assert meta["steps"] == S and meta["last"] == run.last_step
    assert meta["n_rows"] == run.n_rows and meta["shown_rows"] == k
    assert meta["rows"] == np.column_stack([run.X[:k], run.y[:k]]).tolist()
    assert meta["weight_names"] == run.weight_names and meta["bias"] == run.bias
    assert meta["objective"] == run.objective and meta["diverged_at"] == run.diverged_at
    # Each shown row's side of 0.5, by hand (≥ 0.5 is class 1): the page applies no rule itself.
    by_hand = (run.predictions[:S, :k] >= 0.5) == (run.y[:k] >= 0.5)
    np.testing.assert_array_equal(arrays["right"], by_hand)
    assert arrays["right"].dtype == np.uint8
    if k == run.n_rows:  # every row shown: the ✓ count is the rows-right count
        np.testing.assert_array_equal(arrays["right"].sum(axis=1), arrays["correct"])


def test_an_infinite_first_loss_travels_as_infinity(blobs):
    _, arrays = payload.unpack(blobs["infinite_start"])
    assert arrays["loss"][0] == np.inf and arrays["loss"][1:].tolist() == [0.0, 0.0, 0.0]


def test_a_diverged_run_sends_its_shown_steps_only(diverged, blobs):
    header, arrays = payload.unpack(blobs["diverged"])
    assert arrays["weights"].shape == (40, 3) and header["meta"]["steps"] == 40
    assert header["meta"]["diverged_at"] == 40 and np.isfinite(arrays["weights"]).all()


def test_a_divergence_is_told_at_the_last_step_the_page_can_show(diverged):
    """The engine dates the divergence at step 40; the page stops at 39 and says it there."""
    [signal] = [s for s in to_json(diagnose(diverged)) if s["kind"] == "divergence"]
    assert signal["start"] == 40
    header, _ = payload.unpack(payload.pack(diverged, "x", False, [signal]))
    [sent] = header["signals"]
    assert (sent["start"], sent["end"]) == (39, 39) and sent["detail"] == signal["detail"]


def test_right_counts_count_a_soft_target_and_a_prediction_of_exactly_half():
    """0.5 itself is class 1, for a prediction and for a target; 0.7 is a class-1 target."""
    w = np.array([[0.0, 0.0], [0.0, 0.0]])  # every prediction is exactly 0.5
    h = history_from_weights(
        np.eye(4, 2),
        np.array([0.5, 0.7, 0.3, 0.0]),
        np.eye(4, 2),
        w,
        np.zeros((1, 2)),
        (1, 1, 1.0, False, "squared"),
    )
    _, arrays = payload.unpack(payload.pack(h, "x", False, []))
    assert arrays["correct"].tolist() == [2, 2]  # rows 1 and 2 right, rows 3 and 4 wrong


def test_right_counts_by_hand(h, blobs):
    """Rows on the right side of 0.5, counted row by row at a few steps."""
    _, arrays = payload.unpack(blobs["notebook"])
    for t in (0, 1, 2, T, h.last_step):
        by_hand = sum((p >= 0.5) == (y >= 0.5) for p, y in zip(h.predictions[t], h.y, strict=True))
        assert arrays["correct"][t] == by_hand


@pytest.mark.parametrize("run_name", RUN_NAMES)
def test_header_is_strict_json_and_arrays_are_aligned(blobs, run_name):
    blob = blobs[run_name]
    text, base = raw_parts(blob)
    header = strict_json(text)
    assert base % 8 == 0, "typed arrays need 8-byte aligned offsets"
    end = base
    for name, spec in header["arrays"].items():
        itemsize = {"f8": 8, "u4": 4, "u2": 2, "u1": 1}[spec["dtype"]]
        assert spec["offset"] % 8 == 0, name
        end = max(end, base + spec["offset"] + itemsize * math.prod(spec["shape"]))
    assert end <= len(blob) < end + 8


def test_strict_parser_refuses_infinity():
    with pytest.raises(AssertionError, match="Infinity"):
        strict_json('{"x": Infinity}')


@pytest.mark.parametrize(
    ("X", "y"),
    [([[1.4e308, 1.4e308]], [1]), ([[-1e308, 0.0], [1e308, 1.0]], [0, 1])],
    ids=["x-1.4e308", "x-plus-minus-1e308"],
)
def test_huge_inputs_the_engine_accepts_still_reach_the_page(X, y):
    run = perceptron.train(X, y, iterations=3)  # validation lets every finite number through
    text, _ = raw_parts(packed(run))
    header = strict_json(text)
    for name in ("heatmap", "surface"):
        layout = header["charts"][name]["figure"]["layout"]
        axes = (
            [layout["xaxis"], layout["yaxis"]] if name == "heatmap" else [layout["scene"]["xaxis"]]
        )
        assert all(math.isfinite(v) for axis in axes for v in axis["range"])


def test_a_thousand_row_payload_follows_12_rows(big, blobs):
    header, arrays = payload.unpack(blobs["big"])
    assert arrays["predictions"].shape == (big.last_step + 1, 12)
    assert header["meta"]["shown_rows"] == 12 and len(header["meta"]["rows"]) == 12
    assert header["meta"]["n_rows"] == 1000
    heat = header["charts"]["heatmap"]
    assert len(by_name(heat, "rows")["x"]) == 200
    assert "first 200" in heat["figure"]["layout"]["title"]["text"]
    # Only the followed rows get rings and arrows, and the plane says which.
    [rings] = marks_of(heat, "misses")
    assert len(rings["rows"]) == len(rings["colors"]) == 12
    [words] = marks_of(heat, "label")
    assert words["text"] == "step {t} · ring = miss |ŷ − y| (rows 1–12)"
    assert words["avoid"] == big.X[:200].tolist(), "kept clear of every row drawn"
    [arrows] = marks_of(header["charts"]["landscape"], "pulls")
    assert arrows["colors"] == [row_colour(i) for i in range(12)]


def test_the_default_run_fits_the_size_budget():
    spec = RunSpec()
    data = np.array(spec.rows, dtype=float)
    run = perceptron.train(data[:, :2], data[:, 2], **spec.params())
    assert run.iterations == 10_001
    for presenter in (False, True):
        size = len(packed(run, presenter))
        assert size <= 1_000_000, size  # the budget for one run sent to the page


def test_the_served_run_is_gzipped_deterministic_and_small(h):
    """What the page fetches (ui.run.packed): the same run is the same bytes every time, so
    Streamlit's media store keeps one copy and the browser caches it by URL."""
    spec = RunSpec()
    first, again = run_module.packed(spec, False, h), run_module.pack_run(spec, False, h)
    assert first == again, "gzip with mtime=0: identical bytes for an identical run"
    header, arrays = payload.unpack(gzip.decompress(first))
    assert header["meta"]["last"] == h.last_step
    np.testing.assert_array_equal(arrays["weights"], h.weights)
    assert len(first) <= 1_000_000 and len(first) < len(gzip.decompress(first))
    with pytest.raises(ValueError, match="not a Perceptron Lab run"):
        payload.unpack(b"nope" + gzip.decompress(first)[4:])


# --- Compare's race: its still charts --------------------------------------------------------


@pytest.fixture(scope="module")
def compared() -> list[perceptron.History]:
    """Eight runs, the most Compare races: 3 seeds × 3 rates, less one."""
    return perceptron.train_many(
        NOTEBOOK_X, NOTEBOOK_Y, seeds=[1, 2, 3], learning_rates=[0.1, 10.0, 100.0], iterations=500
    )[:8]


def trace_named(chart: dict[str, Any], name: str) -> dict[str, Any]:
    found = [t for t in chart["figure"]["data"] if t["name"] == name]
    assert len(found) == 1, (name, [t["name"] for t in chart["figure"]["data"]])
    return found[0]


def finite_everywhere(chart: dict[str, Any]) -> bool:
    values = list(numbers(go.Figure(chart["figure"]).to_plotly_json()))
    return bool(values) and all(math.isfinite(v) for v in values)


def test_compare_landscape_tells_every_run_apart(compared):
    labels = [f"run {i}" for i in range(len(compared))]
    chart = compare.landscape_chart(compared, labels)
    for run, label in zip(compared, labels, strict=True):
        path = trace_named(chart, label)
        steps = np.asarray(path["customdata"])
        np.testing.assert_allclose(path["x"], run.weights[steps, 0], rtol=1e-6, atol=1e-7)
        assert steps[-1] == run.last_step
        sizes = path["marker"]["size"]
        assert sizes[-1] > 0 and not any(sizes[:-1]), "a marker at the run's end only"
    traces = [trace_named(chart, label) for label in labels]
    assert len({t["line"]["color"] for t in traces}) == 8, "eight runs, eight colours"
    assert len({t["marker"]["symbol"] for t in traces}) == 8, "and eight marker shapes"
    assert {t["line"]["dash"] for t in traces} == {"solid"}
    sizes = [t["marker"]["size"][-1] for t in traces]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 8, "markers nest as rings"
    assert finite_everywhere(chart)


def test_compare_paints_the_first_runs_landscape_behind_the_paths(compared):
    """The layer Train paints: the window around every path, 16 bands, the loss at b = 0."""
    chart = compare.landscape_chart(compared, [f"run {i}" for i in range(len(compared))])
    [layer] = chart["layers"]
    w1, w2 = landscape_window([weights_2d(r) for r in compared])
    assert layer == {"kind": "slices", "lut": LOSS_LUT, "levels": LEVELS, "x": w1, "y": w2}
    layout = chart["figure"]["layout"]
    assert layout["xaxis"]["range"] == w1 and layout["yaxis"]["range"] == w2
    slices = chart["arrays"]["slices"]
    assert slices.shape == (1, GRID, GRID) and slices.dtype == np.uint16
    assert chart["arrays"]["slice_bias"].tolist() == [0.0]
    scale = trace_named(chart, "loss scale")["marker"]
    assert scale["cmax"] - scale["cmin"] >= 6, "this landscape spans many decades"
    assert len(scale["colorbar"]["tickvals"]) <= 5
    low, high = scale["cmin"], scale["cmax"]
    assert_slices_are_log10_loss(compared[0], chart["arrays"], low, high, (w1, w2))


def test_compare_with_a_bias_paints_the_slice_at_zero(biased, diverged):
    chart = compare.landscape_chart([biased, diverged], ["a", "b"])
    assert chart["arrays"]["slice_bias"].tolist() == [0.0]
    scale = trace_named(chart, "loss scale")["marker"]
    [layer] = chart["layers"]
    window = (layer["x"], layer["y"])
    assert_slices_are_log10_loss(biased, chart["arrays"], scale["cmin"], scale["cmax"], window)
    assert "slice at bias b = 0" in chart["figure"]["layout"]["title"]["text"]


@pytest.mark.parametrize("presenter", [False, True])
def test_compare_and_train_draw_one_landscape_alike(h, presenter):
    """One pipeline: for one run, Compare sends exactly Train's layer, grid and colour bar."""
    chart = compare.landscape_chart([h], ["notebook"], presenter=presenter)
    train = landscape_chart(h, presenter)
    assert chart["layers"] == train["layers"][:1]  # Train's path is a line of its own
    assert chart["arrays"].keys() == train["arrays"].keys() - {"path_line"}
    for name, values in chart["arrays"].items():
        np.testing.assert_array_equal(chart["arrays"][name], values)
    assert trace_named(chart, "loss scale") == by_name(train, "loss scale")


def test_a_still_figure_gets_its_arrays_as_base64_bytes(compared):
    """What ui/figure.py sends beside a still figure decodes back to the exact arrays."""
    spec = compare.landscape_chart(compared, [f"run {i}" for i in range(len(compared))])
    chart = compare.CompareChart(go.Figure(spec["figure"]), spec["layers"], spec["arrays"])
    sent = json.loads(backdrop(chart))
    assert sent["layers"] == chart.layers
    for name, values in chart.arrays.items():
        spec = sent["arrays"][name]
        raw = np.frombuffer(base64.b64decode(spec["bdata"]), payload.DTYPES[spec["dtype"]])
        np.testing.assert_array_equal(raw.reshape(spec["shape"]), values)


def test_compare_loss_draws_every_value_where_it_is(compared):
    """No clipping: lr 100 on the notebook's data falls to ~1e-24 and is drawn there."""
    labels = [f"run {i}" for i in range(len(compared))]
    chart = compare.loss_chart(compared, labels)
    for run, label in zip(compared, labels, strict=True):
        line = trace_named(chart, label)
        steps = np.asarray(line["customdata"])
        np.testing.assert_allclose(line["y"], run.loss[steps], rtol=1e-6)
        assert line["x"] == (steps + 1).tolist()
    smallest = min(float(r.loss[r.last_step]) for r in compared)
    assert smallest < 1e-20, "a run far below the old 1e-12 floor"
    layout = chart["figure"]["layout"]
    assert layout["xaxis"]["type"] == "log" and layout["yaxis"]["type"] == "log"
    assert min(layout["yaxis"]["tickvals"]) <= smallest * 10, "the axis reaches it"
    assert chart["floor"] is None and "exactly 0" not in layout["yaxis"]["title"]["text"]
    assert chart["marks"] == [now_line(style())]


def test_compare_loss_says_where_an_exact_zero_is_drawn(compared):
    zeroed = replace(compared[0], loss=np.r_[compared[0].loss[:-1], 0.0])
    chart = compare.loss_chart([zeroed, compared[1]], ["zero", "other"])
    positive = min(float(r.loss[r.loss > 0].min()) for r in (zeroed, compared[1]))
    floor = chart["floor"]
    assert floor < positive and floor == 10.0 ** (math.floor(math.log10(positive)) - 1)
    assert trace_named(chart, "zero")["y"][-1] == pytest.approx(floor)
    title = chart["figure"]["layout"]["yaxis"]["title"]["text"]
    assert f"exactly 0 is drawn at {floor:.0e}" in title


def test_compare_draws_a_diverged_run_without_nan(diverged, biased):
    for build in (compare.landscape_chart, compare.loss_chart):
        chart = build([diverged, biased], ["diverged", "fine"])
        assert finite_everywhere(chart), build.__name__
        assert trace_named(chart, "diverged")["customdata"][-1] == diverged.last_step


def test_the_race_says_where_a_diverged_run_stops_and_holds(diverged, biased, zero):
    """A run whose history ends early holds its last step while the race goes on: said once
    at the end, and each run's facts carry its own last step for the page to hold."""
    header, arrays = payload.unpack(pack_race([diverged, biased, zero], ["d", "b", "z"], "r"))
    assert header["meta"]["last"] == biased.last_step == 300
    facts = [(r["last"], r["diverged_at"]) for r in header["runs"]]
    assert facts == [(39, 40), (300, None), (0, None)]
    assert ["d stops early", "it diverged at step 40, so it holds step 39 to step 300."] in (
        header["findings"]
    )
    assert ["z stops early", "its history ends at step 0, so it holds step 0 to step 300."] in (
        header["findings"]
    )
    for i, run in enumerate((diverged, biased, zero)):
        end = run.last_step + 1
        np.testing.assert_array_equal(arrays[f"weights_{i}"], run.weights[:end, :2])
        np.testing.assert_array_equal(arrays[f"loss_{i}"], run.loss[:end])
        assert arrays[f"correct_{i}"].tolist() == (run.accuracy[:end] * run.n_rows).round().tolist()
        assert arrays[f"path_{i}"][-1] == run.last_step


def test_the_races_numbers_are_written_as_the_page_writes_them(compared):
    """One format: the findings, the table's final loss and the page's general(x, 4)."""
    labels = [f"run {i}" for i in range(len(compared))]
    header, _ = payload.unpack(pack_race(compared, labels, "r"))
    best = min(range(len(compared)), key=lambda i: compared[i].loss[compared[i].last_step])
    assert header["findings"][0] == [
        "Lowest final loss",
        f"{labels[best]} ({header['runs'][best]['final_loss']}).",
    ]
    for run, facts in zip(compared, header["runs"], strict=True):
        assert facts["final_loss"] == f"{run.loss[run.last_step]:.4g}"
        assert facts["final_accuracy"] == f"{run.accuracy[run.last_step]:.0%}"


def test_compare_checks_labels(compared):
    for build in (compare.landscape_chart, compare.loss_chart):
        with pytest.raises(ValueError, match="labels"):
            build(compared, ["a"])


def test_row_colours_cycle_through_six():
    assert [row_colour(i) for i in range(7)] == [*ROW_COLOURS, ROW_COLOURS[0]]
    assert len(set(ROW_COLOURS)) == 6


# --- lines the page draws (views/lines.py) ------------------------------------------------


def test_nearby_runs_share_their_line_charts_figures(h):
    """The page redraws no Plotly figure for a new run whose axes round to the same numbers:
    a slightly different rate changes every line, but no chart's figure."""
    near = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, learning_rate=1.05)
    for build in (weights_chart, errors_chart, loss_chart):
        assert build(near)["figure"] == build(h)["figure"], build.__name__
        assert by_name(build(near), lines_of(build(h))[0]["name"], near) != by_name(
            build(h), lines_of(build(h))[0]["name"], h
        )


@pytest.mark.parametrize(
    "values",
    [[0.3, 0.31], [-5.28, 5.63, 0.4], [1e-9, 2e-9], [-1234.5, 99.0], [7.0, 7.0], [np.inf, 2.0]],
)
def test_nice_ranges_cover_their_values_on_round_numbers(values):
    low, high = lines.nice_range(np.asarray(values))
    finite = [v for v in values if math.isfinite(v)]
    assert low < min(finite) and max(finite) < high and high - low >= 1.0
    step = lines.nice_step(high - low)
    for end in (low, high):  # a whole number of 1-2-5 steps
        assert abs(end / step - round(end / step)) < 1e-9, (end, step)


def test_the_landscape_window_is_square_round_and_covers_the_path(runs):
    for run in runs.values():
        W = weights_2d(run)
        (x0, x1), (y0, y1) = landscape_window([W])
        assert x1 - x0 == pytest.approx(y1 - y0)
        finite = np.clip(np.vstack([W, [[-1, -1], [1, 1]]]), -1e3, 1e3)  # where seeds start
        assert x0 <= finite[:, 0].min() and finite[:, 0].max() <= x1
        assert y0 <= finite[:, 1].min() and finite[:, 1].max() <= y1
        step = lines.nice_step(max(np.ptp(finite, axis=0).max() / 2, 1.0))
        if max(abs(x0), abs(x1), abs(y0), abs(y1)) < 1e3:  # not cut at the window's cap
            for end in (x0, x1, y0, y1):  # a whole number of steps
                assert abs(end / step - round(end / step)) < 1e-9, (end, step)
