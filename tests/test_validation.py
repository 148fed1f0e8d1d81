"""Every bad input is refused with the right type and a message a student can act on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import perceptron
from perceptron import limits
from perceptron.validation import MAX_SEED

GOOD_X = [[0, 1], [1, 0]]
GOOD_Y = [0, 1]


def data_error(X, y) -> perceptron.DatasetError:
    with pytest.raises(perceptron.DatasetError) as info:
        perceptron.train(X, y, iterations=1)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("abc", "'abc' is not a number"),
        (None, "is empty"),
        ("", "is empty"),
        ("   ", "is empty"),
        (float("nan"), "NaN"),
        (float("inf"), "infinite"),
        (-np.inf, "infinite"),
        ("1e309", "infinite"),
        (10**400, "infinite"),
        (True, "not a number"),
        (np.bool_(False), "not a number"),
        (1 + 2j, "complex value is not a number"),
    ],
)
def test_bad_input_cell_names_row_and_column(cell, fragment):
    X = [[0, 1], [1, cell], [0, 0]]
    error = data_error(X, [0, 1, 0])
    assert str(error).startswith("Row 2, column 'x2': ")
    assert fragment in str(error)
    assert [(p.row, p.column) for p in error.problems] == [(2, "x2")]


@pytest.mark.parametrize("target", [7, -0.1, "2", "nope"])
def test_bad_target_names_row_and_y(target):
    error = data_error([*GOOD_X, [1, 1]], [0, 1, target])
    assert str(error).startswith("Row 3, column 'y': ")


def test_all_problems_are_collected_in_reading_order():
    error = data_error([["a", 1], [1, None]], [5, 0])
    assert [(p.row, p.column) for p in error.problems] == [(1, "y"), (1, "x1"), (2, "x2")]


@pytest.mark.parametrize(
    ("X", "y", "fragment"),
    [
        (GOOD_X, [0, 1, 1], "X has 2 rows but y has 3"),
        ([0, 1, 1], [0, 1, 1], "2-D table"),
        ([[[0, 1]], [[1, 0]]], GOOD_Y, "got 3-D"),
        (np.zeros((0, 2)), [], "no rows"),
        ([[1, 2], [3]], GOOD_Y, "Row 2: has 1 cells but row 1 has 2"),
        (np.zeros((limits.MAX_ROWS + 1, 2)), np.zeros(limits.MAX_ROWS + 1), "limit of 1000"),
        (np.zeros((2, limits.MAX_FEATURES + 1)), GOOD_Y, "limit of 10"),
        (np.zeros((2, 0)), GOOD_Y, "no columns"),
        (GOOD_X, [[0, 1], [1, 0]], "y must be one column"),
    ],
)
def test_bad_table_shape(X, y, fragment):
    assert fragment in str(data_error(X, y))


def test_limits_themselves_are_accepted():
    X = np.zeros((limits.MAX_ROWS, limits.MAX_FEATURES))
    X_checked, y_checked = perceptron.check_dataset(X, np.zeros(limits.MAX_ROWS))
    assert X_checked.shape == (limits.MAX_ROWS, limits.MAX_FEATURES) and y_checked.ndim == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"iterations": -1}, "iterations"),
        ({"iterations": 1.5}, "iterations"),
        ({"iterations": True}, "iterations"),
        ({"iterations": limits.MAX_ITERATIONS + 1}, "iterations"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": -1}, "learning_rate"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"learning_rate": float("inf")}, "learning_rate"),
        ({"learning_rate": "1"}, "learning_rate"),
        ({"learning_rate": True}, "learning_rate"),
        ({"learning_rate": 10**400}, "learning_rate"),
        ({"loss": "hinge"}, "loss"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**32}, "seed"),
        ({"seed": True}, "seed"),
        ({"seed": 1.0}, "seed"),
        ({"seed": "1"}, "seed"),
        ({"bias": "yes"}, "bias"),
    ],
)
def test_bad_parameter_names_its_field(kwargs, field):
    params = {"iterations": 1, **kwargs}
    with pytest.raises(ValueError, match=f"^{field}: ") as info:
        perceptron.train(GOOD_X, GOOD_Y, **params)
    assert not isinstance(info.value, perceptron.DatasetError)


def test_history_cap_scales_with_rows():
    rows = 1000
    most = limits.MAX_HISTORY_VALUES // rows - 1
    with pytest.raises(ValueError, match=f"at most {most:,} iterations"):
        perceptron.check_params(1, most + 1, 1.0, False, "squared", n_rows=rows)
    assert perceptron.check_params(1, most, 1.0, False, "squared", n_rows=rows)[1] == most


def test_parameter_edges_are_accepted_and_normalised():
    checked = perceptron.check_params(np.int64(MAX_SEED), 0, 1, np.bool_(True), "cross_entropy")
    assert checked == (MAX_SEED, 0, 1.0, True, "cross_entropy")
    assert type(checked[0]) is int and type(checked[2]) is float and type(checked[3]) is bool


def test_check_frame_with_object_cells():
    frame = pd.DataFrame(
        {"x1": [None, "1", " 2 "], "x2": ["0", "abc", "1"], "y": ["0", "1", "1"]}, dtype=object
    )
    with pytest.raises(perceptron.DatasetError) as info:
        perceptron.check_frame(frame)
    assert [(p.row, p.column) for p in info.value.problems] == [(1, "x1"), (2, "x2")]
    assert (
        str(info.value) == "Row 1, column 'x1': is empty; Row 2, column 'x2': 'abc' is not a number"
    )
    frame.loc[0, "x1"], frame.loc[1, "x2"] = "0", "0"
    X, y = perceptron.check_frame(frame)
    np.testing.assert_array_equal(X, [[0, 0], [1, 0], [2, 1]])  # " 2 " is read as 2
    np.testing.assert_array_equal(y, [0, 1, 1])


def test_check_frame_uses_table_column_names_and_needs_y():
    frame = pd.DataFrame({"height": [1.0, "x"], "y": [0, 1]})
    with pytest.raises(perceptron.DatasetError, match="Row 2, column 'height'"):
        perceptron.check_frame(frame)
    with pytest.raises(perceptron.DatasetError, match="'y' column"):
        perceptron.check_frame(pd.DataFrame({"x1": [1], "x2": [0]}))


def test_many_problems_are_summarised():
    error = data_error([["a", "b"]] * 4, [0] * 4)
    assert len(error.problems) == 8
    assert str(error).endswith("(and 3 more problems)")
