"""Fuzz the data editor's path: whatever a student types, train or name the bad cell.

Every table goes through ``check_frame`` and then ``train`` exactly as
``ui/controls.py`` does. The only acceptable outcomes are a finite run or a
:class:`DatasetError` whose problems point at a real row (1-based) and column,
or describe the whole table. pytest runs with ``-W error::RuntimeWarning``, so a
numpy overflow warning anywhere on the way fails the test too.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron import limits
from tests.conftest import ROOT, editor_key, metric

APP = str(ROOT / "app.py")
COLUMNS = ("x1", "x2", "y")
ITERATIONS = 50

NASTY_CELLS = [
    None,
    "",
    "  ",
    "abc",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    float("nan"),
    float("inf"),
    float("-inf"),
    1e300,
    -1e300,
    1e-300,
    -1e-300,
    -1,
    -0.5,
    2,
    1.5,
    True,
    False,
    np.True_,
    " 0.5 ",
    "1",
    "0",
    " -3 ",
    0,
    1,
    10**400,  # a Python int beyond the float range
    np.float64("nan"),
    np.int64(1),
]

cells = st.one_of(
    st.sampled_from(NASTY_CELLS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.text(max_size=8),
    st.floats(min_value=0, max_value=1).map(lambda v: f" {v!r} "),
)
good_cells = st.sampled_from([0, 1, 0.0, 1.0, 0.5, "0", "1", " 0.25 ", 1e-300, np.int64(0)])


def frame(rows: list[list[object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)


def assert_trains_or_names_cells(table: pd.DataFrame) -> perceptron.History | None:
    """The contract of the editor path; returns the run when the table was accepted."""
    n_rows = len(table)
    try:
        X, y = perceptron.check_frame(table)
    except perceptron.DatasetError as error:
        assert error.problems, "a DatasetError must list at least one problem"
        for problem in error.problems:
            assert str(problem).strip()
            if problem.row is None:
                assert problem.column is None or problem.column in COLUMNS
                assert problem.message.strip()
            else:
                assert 1 <= problem.row <= n_rows, problem
                assert problem.column in COLUMNS, problem
        return None
    assert X.shape == (n_rows, 2) and y.shape == (n_rows,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert np.isfinite(X).all() and np.isfinite(y).all()
    assert ((y >= 0) & (y <= 1)).all()
    history = perceptron.train(X, y, iterations=ITERATIONS)
    check_history(history)
    return history


def check_history(history: perceptron.History) -> None:
    end = history.last_step
    assert 0 <= end <= history.iterations
    drawable = slice(0, end + 1)
    assert np.isfinite(history.weights[drawable]).all()
    assert np.isfinite(history.loss[drawable]).all()
    predictions = history.predictions[drawable]
    assert np.isfinite(predictions).all()
    assert ((predictions >= 0) & (predictions <= 1)).all()
    if history.diverged_at is not None:
        assert 1 <= history.diverged_at <= history.iterations
        assert np.isnan(history.weights[history.diverged_at :]).all()


@settings(max_examples=250, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=0, max_size=12))
def test_any_table_trains_or_names_its_bad_cells(rows):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning at all, not only RuntimeWarning
        assert_trains_or_names_cells(frame(rows))


@settings(max_examples=60, deadline=2000)
@given(
    st.lists(st.lists(good_cells, min_size=3, max_size=3), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=20),
)
def test_duplicated_rows_train(rows, copies):
    history = assert_trains_or_names_cells(frame(rows * copies))
    assert history is not None
    assert history.n_rows == len(rows) * copies


@pytest.mark.parametrize("target", [0, 1, 0.5, "1", " 0 "])
def test_all_targets_equal_trains(target):
    rows = [[i % 3, -(i % 2), target] for i in range(7)]
    history = assert_trains_or_names_cells(frame(rows))
    assert history is not None
    assert np.all(history.y == float(str(target).strip()))


def test_empty_table_is_a_whole_table_problem():
    with pytest.raises(perceptron.DatasetError) as caught:
        perceptron.check_frame(frame([]))
    [problem] = caught.value.problems
    assert problem.row is None and "no rows" in problem.message


@pytest.mark.parametrize("cell", NASTY_CELLS, ids=repr)
@pytest.mark.parametrize("column", COLUMNS)
def test_one_row_with_each_nasty_cell(cell, column):
    row = {"x1": 0.5, "x2": -0.5, "y": 1}
    row[column] = cell
    table = frame([[row[c] for c in COLUMNS]])
    history = assert_trains_or_names_cells(table)
    if history is None:
        with pytest.raises(perceptron.DatasetError) as caught:
            perceptron.check_frame(table)
        assert {(p.row, p.column) for p in caught.value.problems} == {(1, column)}


def test_too_many_rows_is_one_whole_table_problem():
    rows = [[i % 2, (i + 1) % 2, i % 2] for i in range(limits.MAX_ROWS + 1)]
    rows[5][2] = "abc"  # a bad cell too: the size is reported first and alone
    with pytest.raises(perceptron.DatasetError) as caught:
        perceptron.check_frame(frame(rows))
    [problem] = caught.value.problems
    assert problem.row is None and problem.column is None
    assert str(limits.MAX_ROWS) in problem.message


def test_exactly_max_rows_trains():
    rows = [[i % 2, (i // 2) % 2, i % 2] for i in range(limits.MAX_ROWS)]
    history = assert_trains_or_names_cells(frame(rows))
    assert history is not None and history.n_rows == limits.MAX_ROWS


def test_every_bad_cell_of_a_big_table_is_listed_with_its_row():
    rows = [[0, 1, 0] for _ in range(limits.MAX_ROWS)]
    bad = {7: "x", 500: None, 999: "1e309"}
    for index, value in bad.items():
        rows[index][index % 3] = value
    with pytest.raises(perceptron.DatasetError) as caught:
        perceptron.check_frame(frame(rows))
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(i + 1, COLUMNS[i % 3]) for i in bad}


def test_huge_and_tiny_inputs_train_without_warnings():
    rows = [[1e300, -1e300, 1], [1e-300, -1e-300, 0], [-1e300, 1e300, 0], [1, 1e-300, 1]]
    history = assert_trains_or_names_cells(frame(rows))
    assert history is not None
    assert math.isfinite(history.loss[history.last_step])


# --- the same path through the running app -----------------------------------------------

BAD_EDITS = [
    # (row index, column, value, what the sidebar must say)
    (1, "y", 2.0, "target 2 is outside"),
    (0, "y", -1.0, "target -1 is outside"),
    (2, "x1", float("inf"), "infinite"),
    (3, "x2", None, "empty"),
    (1, "y", "abc", "empty"),  # the editor turns unparsable text into NaN
]


@pytest.fixture(scope="module")
def stepped_app() -> tuple[AppTest, str]:
    """One app after a Step; each bad edit then starts from a fresh editor."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key="step").click().run()
    assert not at.exception
    return at, metric(at, "w1")


@pytest.mark.parametrize(("row", "column", "value", "says"), BAD_EDITS)
def test_a_bad_edit_in_the_app_names_the_cell_and_keeps_the_last_run(
    stepped_app, row, column, value, says
):
    at, good_w1 = stepped_app
    assert good_w1 == "0.102886"  # the notebook's first new synapse value
    at.session_state[editor_key(at)] = {
        "edited_rows": {row: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1, errors
    assert f"Row {row + 1}, column '{column}'" in errors[0]
    assert says in errors[0]
    assert any("last valid run" in w.value for w in at.warning)
    assert metric(at, "w1") == good_w1
    assert metric(at, "Iteration") == "1"
    # Put the table back (the Reset button bumps the editor's key) for the next case.
    _reset_data(at)
    assert not at.sidebar.error
    assert metric(at, "w1") == good_w1


def _reset_data(at: AppTest) -> None:
    reset = next(b for b in at.sidebar.button if b.label == "Reset data to preset")
    reset.click().run()
