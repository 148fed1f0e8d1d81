"""The figure builders: right traces, right places, light payloads, never a NaN."""

from __future__ import annotations

import base64
import math

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.colors import get_colorscale, sample_colorscale

import perceptron
from perceptron import limits
from perceptron.figures import (
    CHART_FILENAMES,
    ROW_COLOURS,
    compare_landscape_figure,
    compare_loss_figure,
    decision_boundary,
    drawn_steps,
    errors_figure,
    iteration_axis,
    landscape_figure,
    loss_figure,
    png_config,
    style,
    surface_figure,
    weights_figure,
)
from perceptron.figures.style import OUTPUT_COLOURSCALE
from perceptron.training import history_from_weights

NOTEBOOK_X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]], dtype=float)
NOTEBOOK_Y = np.array([0, 0, 1, 1], dtype=float)
T = 37


@pytest.fixture(scope="module")
def h() -> perceptron.History:
    return perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=10001)


@pytest.fixture(scope="module")
def biased() -> perceptron.History:
    return perceptron.train(NOTEBOOK_X, [0, 1, 1, 1], iterations=300, bias=True)


@pytest.fixture(scope="module")
def diverged() -> perceptron.History:
    """A run whose weights blow up at step 40: rows 40.. are NaN, last_step is 39."""
    base = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=100, bias=True)
    weights, gradients = base.weights.copy(), base.gradients.copy()
    weights[40:] = np.inf
    params = (1, 100, 1.0, True, "squared")
    run = history_from_weights(base.X, base.y, base.layer_0, weights, gradients, params)
    assert run.diverged_at == 40 and run.last_step == 39
    return run


def by_name(fig: go.Figure, name: str):
    return next(trace for trace in fig.data if trace.name == name)


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


def all_figures(run, t):
    yield surface_figure(run, t)
    yield surface_figure(run, t, kind="3d")
    yield weights_figure(run, t)
    yield landscape_figure(run, t)
    yield errors_figure(run, t)
    yield loss_figure(run, t)
    yield compare_landscape_figure([run, run], ["a", "b"])
    yield compare_loss_figure([run, run], ["a", "b"])


# --- sampling ---------------------------------------------------------------------------


@pytest.mark.parametrize(("last", "t"), [(10001, 37), (10001, 10001), (100000, 5432), (5, 9)])
def test_drawn_steps_keep_first_last_current_and_respect_cap(last, t):
    steps = drawn_steps(last, t)
    assert steps[0] == 0 and steps[-1] == last and min(t, last) in steps
    assert np.all(np.diff(steps) > 0) and steps.dtype.kind == "i"
    assert len(steps) <= limits.MAX_DRAWN_POINTS + 3
    assert len(drawn_steps(last, t, 50)) <= 53


def test_drawn_steps_are_dense_early():
    steps = drawn_steps(10001, 5000)
    assert set(range(31)) <= set(steps.tolist())


def test_iteration_axis_labels_true_steps():
    ax = iteration_axis(10001)
    assert ax["type"] == "log" and ax["title"]["text"] == "iteration (log scale)"
    assert ax["tickvals"] == [1, 2, 11, 101, 1001, 10001]
    assert ax["ticktext"] == ["0", "1", "10", "100", "1k", "10k"]
    assert iteration_axis(1000)["ticktext"][-1] == "1k"  # log10(1000) rounds below 3


# --- surface ----------------------------------------------------------------------------


def test_heatmap_is_the_logit_plane_coloured_through_the_sigmoid(h):
    fig = surface_figure(h, T)
    assert [trace.type for trace in fig.data] == ["heatmap", "scatter", "scatter"]
    heat = fig.data[0]
    assert heat.zsmooth == "best" and heat.colorbar.title.text == "output"
    x, y, z = np.asarray(heat.x), np.asarray(heat.y), np.asarray(heat.z)
    assert x.tolist() == [-0.25, 1.25] and y.tolist() == [-0.25, 1.25]
    w1, w2 = h.weights[T]
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1)]:  # a plane: its corners fix it exactly
        assert z[i, j] == pytest.approx(w1 * x[j] + w2 * y[i], rel=1e-12)
    # colour at logit L is the output scale's colour at sigmoid(L)
    scale = get_colorscale(OUTPUT_COLOURSCALE)
    lo, hi = heat.zmin, heat.zmax
    for position, colour in heat.colorscale[::8]:
        logit = lo + position * (hi - lo)
        assert colour == sample_colorscale(scale, [1 / (1 + math.exp(-logit))])[0]
    # colour-bar ticks sit at the logits of the outputs they name
    for value, text in zip(heat.colorbar.tickvals, heat.colorbar.ticktext, strict=True):
        assert 1 / (1 + math.exp(-value)) == pytest.approx(float(text))


def test_boundary_endpoints_lie_on_the_line(biased):
    fig = surface_figure(biased, 150)
    line = by_name(fig, "output = 0.5")
    w1, w2, b = biased.weights[150]
    for x1, x2 in zip(line.x, line.y, strict=True):
        assert w1 * x1 + w2 * x2 + b == pytest.approx(0, abs=1e-9)
        assert -0.25 - 1e-9 <= x1 <= 1.25 + 1e-9 and -0.25 - 1e-9 <= x2 <= 1.25 + 1e-9


def test_boundary_missing_when_outside_box_or_zero_weights():
    assert decision_boundary(0.0, 0.0, 1.0) is None
    assert decision_boundary(1.0, 1.0, 10.0) is None  # x1 + x2 = -10 misses the box
    x1, x2 = decision_boundary(1.0, 0.0, -0.5)  # vertical line x1 = 0.5
    assert x1.tolist() == [0.5, 0.5] and sorted(x2.tolist()) == [-0.25, 1.25]


def test_row_markers_hover_and_colours_match_errors_chart(h):
    markers = by_name(surface_figure(h, T), "rows (● target 1, ○ target 0)")
    assert list(markers.marker.color) == [ROW_COLOURS[i] for i in range(4)]
    assert list(markers.marker.symbol) == ["circle-open"] * 2 + ["circle"] * 2
    np.testing.assert_array_equal(np.asarray(markers.customdata)[:, 2], h.predictions[T])
    errors = errors_figure(h, T)
    for i in range(4):
        assert by_name(errors, f"row {i + 1}").line.color == markers.marker.color[i]


def test_3d_surface_points_and_camera(h):
    camera = {"eye": {"x": 1.5, "y": -1.2, "z": 0.8}}
    fig = surface_figure(h, T, kind="3d", camera=camera)
    assert [trace.type for trace in fig.data] == ["surface", "scatter3d", "scatter3d", "scatter3d"]
    assert fig.layout.scene.camera.eye.x == 1.5 and fig.layout.scene.camera.eye.z == 0.8
    assert fig.layout.scene.zaxis.title.text == "output"
    np.testing.assert_array_equal(by_name(fig, "prediction").z, h.predictions[T])
    np.testing.assert_array_equal(by_name(fig, "target").z, h.y)
    assert list(by_name(fig, "output = 0.5").z) == [0.5, 0.5]


def test_single_input_column_draws_on_x2_zero():
    run = perceptron.train([[0.0], [1.0]], [0, 1], iterations=20, bias=True)
    fig = surface_figure(run, 10)
    assert list(fig.data[-1].y) == [0, 0]
    landscape_figure(run, 10)


# --- paths, errors, loss ----------------------------------------------------------------


def test_weights_figure_marks_exact_values_at_t(h):
    fig = weights_figure(h, T)
    assert [trace.name for trace in fig.data[:2]] == ["w1", "w2"] and len(fig.data) == 4
    now = fig.data[-1]
    assert list(now.x) == [T + 1, T + 1] and list(now.y) == h.weights[T].tolist()
    assert list(by_name(fig, f"step {T}").x) == [T + 1, T + 1]
    w1 = fig.data[0]
    assert len(w1.x) <= limits.MAX_DRAWN_POINTS + 3
    assert w1.x[0] == 1 and w1.x[-1] == 10002 and T + 1 in w1.x
    steps = np.asarray(w1.customdata)
    np.testing.assert_array_equal(np.asarray(w1.x), steps + 1)
    # lines travel as float32 (7 digits, half the bytes); the markers stay exact
    np.testing.assert_allclose(w1.y, h.weights[steps, 0], rtol=1e-6, atol=1e-7)
    assert fig.layout.xaxis.type == "log"


def test_landscape_current_point_and_equal_axes(h, biased):
    fig = landscape_figure(h, T)
    assert [trace.type for trace in fig.data] == ["contour", "scatter", "scatter", "scatter"]
    current = by_name(fig, f"step {T}")
    assert [current.x[0], current.y[0]] == h.weights[T][:2].tolist()
    assert [by_name(fig, "start").x[0], by_name(fig, "start").y[0]] == h.weights[0].tolist()
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.title.text == "w1"
    lo, hi = fig.layout.xaxis.range
    assert lo < h.weights[:, 0].min() and hi > h.weights[:, 0].max()
    assert "bias fixed" in landscape_figure(biased, 10).layout.title.text


def test_landscape_window_caps_huge_weights():
    run = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=5, learning_rate=1e200)
    fig = landscape_figure(run, 5)
    assert all(abs(v) <= 1e3 for v in [*fig.layout.xaxis.range, *fig.layout.yaxis.range])


def test_errors_figure(h):
    fig = errors_figure(h, T)
    assert len(fig.data) == 1 + 4 + 2
    assert list(fig.data[0].y) == [0, 0]  # the zero line
    now = fig.data[-1]
    assert list(now.x) == [T + 1] * 4
    np.testing.assert_array_equal(now.y, h.predictions[T] - h.y)
    assert T + 1 in fig.data[1].x


def test_loss_figure(h):
    fig = loss_figure(h, T)
    assert len(fig.data) == 3
    assert list(fig.data[-1].y) == [h.loss[T]] and list(fig.data[-1].x) == [T + 1]
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.type == "log"
    assert "½Σ(ŷ−y)²" in fig.layout.title.text
    ce = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=50, loss="cross_entropy")
    assert "cross-entropy" in loss_figure(ce, 3).layout.title.text


def test_zero_loss_is_floored_for_log_axis():
    X = [[1000.0, -1000.0], [-1000.0, 1000.0]]
    seed = next(s for s in range(100) if np.diff(perceptron.initial_weights(s, 2))[0] < -0.5)
    run = perceptron.train(X, [1, 0], seed=seed, iterations=5, loss="cross_entropy")
    assert run.loss[0] == 0
    assert min(loss_figure(run, 0).data[0].y) > 0


def test_compare_figures():
    runs = perceptron.train_many(
        NOTEBOOK_X, NOTEBOOK_Y, seeds=[1, 2], learning_rates=[0.1, 10.0], iterations=500
    )
    labels = [f"run {i}" for i in range(4)]
    fig = compare_landscape_figure(runs, labels)
    assert fig.data[0].type == "contour" and [t.name for t in fig.data[1:5]] == labels
    assert len(set(t.line.color for t in fig.data[1:5])) == 4
    assert list(by_name(fig, "end").x) == [r.weights[-1][0] for r in runs]
    loss = compare_loss_figure(runs, labels)
    assert [t.name for t in loss.data[:4]] == labels and loss.layout.yaxis.type == "log"
    with pytest.raises(ValueError, match="labels"):
        compare_loss_figure(runs, labels[:2])
    assert len(compare_loss_figure([], []).data) == 0


# --- robustness, style, size ------------------------------------------------------------


def test_diverged_history_draws_only_finite_steps(diverged):
    for fig in all_figures(diverged, 10_000):
        values = list(numbers(fig.to_plotly_json()["data"]))
        assert values and all(math.isfinite(v) for v in values), fig.layout.title.text
    assert by_name(weights_figure(diverged, 10_000), "w1").x[-1] == 40
    assert list(loss_figure(diverged, 99).data[-1].x) == [40]


def test_infinite_first_loss_is_left_out():
    seed = next(s for s in range(100) if (perceptron.initial_weights(s, 2) < -0.6).all())
    run = perceptron.train([[1.5e308, 1.5e308]], [1], seed=seed, iterations=3, loss="cross_entropy")
    for fig in all_figures(run, 0):
        assert all(math.isfinite(v) for v in numbers(fig.to_plotly_json()["data"]))


def test_t_beyond_last_step_clamps(h):
    assert weights_figure(h, 10**9).data[-1].x[0] == 10002
    assert weights_figure(h, -5).data[-1].x[0] == 1


def test_presenter_mode_is_bigger(h):
    assert style(True).font >= 20 and style(True).line >= 4
    for build in (weights_figure, errors_figure, loss_figure, landscape_figure):
        small, big = build(h, T), build(h, T, presenter=True)
        assert big.layout.font.size > small.layout.font.size
        assert big.data[1].line.width > small.data[1].line.width


def test_layout_keeps_legend_above_and_paper_transparent(h):
    layout = weights_figure(h, T).layout
    assert layout.legend.orientation == "h" and layout.legend.y >= 1
    assert layout.legend.yanchor == "bottom" and layout.uirevision == "perceptron-lab"
    assert layout.paper_bgcolor == "rgba(0,0,0,0)"


def test_png_config():
    config = png_config("surface")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["filename"] == CHART_FILENAMES["surface"]
    assert config["toImageButtonOptions"]["format"] == "png"
    assert "lasso2d" in config["modeBarButtonsToRemove"]
    assert png_config("../x y")["toImageButtonOptions"]["filename"] == "perceptron-lab-x-y"


def test_figures_stay_light(h):
    for fig in all_figures(h, T):
        spec = fig.to_plotly_json()
        spec["layout"].pop("template", None)
        size = len(go.Figure(spec).to_json()) - len(go.Figure().to_json())
        assert size < 30_000, fig.layout.title.text
