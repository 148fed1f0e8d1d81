"""The regime map: every cell says what ``perceptron.diagnostics`` says of that run trained alone.

The reference is ``regime_of(perceptron.train(...))``: the run trained on its own (the
scalar loop for small tables) and diagnosed whole, exactly as the Train page does. The map
instead steps all runs together block by block and keeps only the signals; these tests
check that nothing is lost on the way, for every cell of small maps and samples of the
Compare page's full map.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import perceptron
from perceptron.diagnostics import diagnose
from perceptron.regimes import (
    RATES,
    REGIMES,
    SEEDS,
    map_iterations,
    regime_map,
    regime_of,
    still_falling,
)
from perceptron.settings import LEARNING_RATES

NOTEBOOK = perceptron.get_preset("notebook")


def data(key: str) -> tuple[np.ndarray, np.ndarray]:
    preset = perceptron.get_preset(key)
    return preset.X, preset.y


HUGE_X = np.array([[1e306, 1.0], [2.0, -1e305], [3.0, 4.0]])
HUGE_Y = np.array([1.0, 0.0, 1.0])
"""Inputs near the float limit: large rates make the weights overflow (the only way to diverge)."""


def assert_cells_agree(X, y, rates, seeds, iterations, bias, objective) -> set[str]:
    """Every cell of the map equals its run trained alone; returns the regimes seen."""
    found = regime_map(
        X, y, iterations=iterations, bias=bias, objective=objective, rates=rates, seeds=seeds
    )
    seen = set()
    for i, seed in enumerate(seeds):
        for j, rate in enumerate(rates):
            h = perceptron.train(X, y, seed, iterations, rate, bias, objective)
            cell = f"seed {seed}, lr {rate}"
            # diagnose multiplies steps of ~1e306 weights, which overflows (to inf, harmlessly)
            with np.errstate(over="ignore"):
                assert found.name(i, j) == regime_of(h), cell
            assert found.diverged_at[i, j] == (-1 if h.diverged_at is None else h.diverged_at), cell
            assert math.isclose(found.final_loss[i, j], h.loss[h.last_step], rel_tol=1e-6), cell
            seen.add(found.name(i, j))
    return seen


@pytest.mark.parametrize(
    ("key", "bias", "objective", "iterations"),
    [
        ("xor", True, "squared", 400),
        ("xor", False, "cross_entropy", 400),
        ("and", True, "cross_entropy", 1500),
        ("or", True, "squared", 800),
        ("notebook", False, "squared", 300),
    ],
)
def test_every_cell_of_a_small_map_matches_its_run_alone(key, bias, objective, iterations):
    X, y = data(key)
    seen = assert_cells_agree(X, y, RATES[::3], SEEDS[::5], iterations, bias, objective)
    assert {"converged", "slow"} <= seen


def test_the_small_maps_between_them_show_every_regime_but_divergence():
    """The premise of the test above: its maps hold overshooting and oscillating runs."""
    X, y = data("xor")
    seen = assert_cells_agree(X, y, RATES[::3], SEEDS[::5], 400, True, "squared")
    assert {"overshooting", "oscillating"} <= seen


@pytest.mark.parametrize("objective", ["squared", "cross_entropy"])
def test_diverging_runs_stop_where_their_runs_alone_stop(objective):
    seen = assert_cells_agree(HUGE_X, HUGE_Y, RATES[::4], (0, 3, 7), 200, True, objective)
    if objective == "cross_entropy":
        assert "diverged" in seen


@pytest.fixture(scope="module")
def notebook_map():
    """The Compare page's default map: the notebook's data, 10,001 iterations, 61 × 21 runs."""
    return regime_map(NOTEBOOK.X, NOTEBOOK.y, iterations=10_001, bias=False, objective="squared")


@pytest.mark.parametrize(
    ("seed", "rate"), [(1, 1.0), (0, 0.001), (20, 1000.0), (7, 0.0315), (13, 63.0), (4, 2.5)]
)
def test_sample_cells_of_the_full_map_match_their_runs_alone(notebook_map, seed, rate):
    i, j = SEEDS.index(seed), RATES.index(rate)
    h = perceptron.train(NOTEBOOK.X, NOTEBOOK.y, seed, 10_001, rate)
    assert notebook_map.name(i, j) == regime_of(h)
    assert math.isclose(notebook_map.final_loss[i, j], h.loss[h.last_step], rel_tol=1e-6)


def test_the_notebook_map_is_slow_at_the_smallest_rates_and_converged_at_the_notebooks(
    notebook_map,
):
    assert notebook_map.regime.shape == (21, 61)
    assert notebook_map.name(SEEDS.index(1), RATES.index(0.001)) == "slow"
    assert notebook_map.name(SEEDS.index(1), RATES.index(1.0)) == "converged"


def test_regime_of_follows_the_signals_most_serious_first():
    """Divergence outranks everything; a calm run is slow or converged by its loss curve."""
    diverged = perceptron.train(HUGE_X, HUGE_Y, 7, 200, 1000.0, True, "cross_entropy")
    assert {s.kind for s in diagnose(diverged)} >= {"divergence"}
    assert regime_of(diverged) == "diverged"
    X, y = data("xor")
    bouncing = perceptron.train(X, y, 0, 400, 50.0, False, "cross_entropy")
    assert "oscillation" in {s.kind for s in diagnose(bouncing)}
    assert regime_of(bouncing) == "oscillating"
    tiny = perceptron.train(NOTEBOOK.X, NOTEBOOK.y, 1, 10_001, 0.001)
    assert diagnose(tiny) == [] and regime_of(tiny) == "slow"


def test_still_falling_by_hand():
    """Half the fall in the second half: still moving; 1 % of it: settled; no fall: stuck."""
    assert still_falling(1.0, 0.5, 0.0)
    assert not still_falling(1.0, 0.01, 0.0)
    assert still_falling(1.0, 1.0, 1.0)
    assert still_falling(1.0, 1.1, 1.05)  # went up overall: not converged
    assert list(still_falling(np.array([1.0, 1.0]), np.array([0.5, 0.01]), np.zeros(2))) == [
        True,
        False,
    ]


def test_the_rates_cover_0_001_to_1000_evenly_on_a_log_axis_with_every_offered_rate():
    assert len(RATES) >= 48 and RATES[0] == 0.001 and RATES[-1] == 1000.0
    steps = np.diff(np.log10(RATES))
    assert steps.min() > 0.08 and steps.max() < 0.12  # a tenth of a decade, give or take
    assert set(LEARNING_RATES) <= set(RATES)
    assert tuple(range(21)) == SEEDS
    assert len(REGIMES) == 5


def test_map_iterations_are_the_sidebars_up_to_the_cap():
    assert map_iterations(10_001, 4) == 10_001
    assert map_iterations(100_000, 4) == 10_001
    assert map_iterations(500, 4) == 500
    assert map_iterations(100_000, 1_000) == 40


def test_the_map_refuses_bad_parameters_with_the_fields_name():
    with pytest.raises(ValueError, match="learning_rate"):
        regime_map(
            NOTEBOOK.X, NOTEBOOK.y, iterations=10, bias=False, objective="squared", rates=(0.0,)
        )


# --- the map as drawn (views/regime.py) ------------------------------------------------------


def test_the_figure_holds_every_cell_once_under_its_regimes_symbol_and_words(notebook_map):
    import plotly.graph_objects as go

    from views.regime import SYMBOLS, WORDS, regime_chart

    figure = regime_chart(notebook_map, (1, 1.0))
    go.Figure(figure)  # valid for Plotly
    traces = {t["name"]: t for t in figure["data"] if t["type"] == "scatter"}
    cells = set()
    for name in REGIMES:
        trace = traces[name]
        assert trace["marker"]["symbol"] == SYMBOLS[name]
        assert WORDS[name] in trace["hovertemplate"]
        for row, column, rate, _ in trace.get("customdata", []):
            assert notebook_map.name(row, column) == name
            assert rate == perceptron.settings.format_number(RATES[column])
            cells.add((row, column))
    assert len(cells) == len(SEEDS) * len(RATES)
    assert len(set(SYMBOLS.values())) == len(REGIMES)
    outline = traces["sidebar run (lr 1, seed 1)"]
    assert outline["x"] == [0.0] and outline["y"] == [1]


def test_a_sidebar_run_off_the_map_is_not_outlined(notebook_map):
    from views.regime import regime_chart

    names = [t["name"] for t in regime_chart(notebook_map, (21, 1.0))["data"]]
    assert not any(n.startswith("sidebar run") for n in names)


def test_losses_below_the_floor_share_the_lowest_colour_and_say_so(notebook_map):
    from views.regime import regime_chart

    heatmap = regime_chart(notebook_map, None)["data"][0]
    assert notebook_map.final_loss.min() < 1e-12
    assert heatmap["zmin"] == -12 and heatmap["colorbar"]["ticktext"][0] == "≤ 10⁻¹²"
