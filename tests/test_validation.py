"""Every bad input is refused with the right type and a message a student can act on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import perceptron
from perceptron import limits
from perceptron.limits import MAX_SEED

GOOD_X = [[0, 1], [1, 0]]
GOOD_Y = [0, 1]


def data_error(X, y) -> perceptron.DatasetError:
    with pytest.raises(perceptron.DatasetError) as info:
        perceptron.train(X, y, iterations=1)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "'abc' is not a number"),
        (None, "is empty"),
        ("", "is empty"),
        ("   ", "is empty"),
        (float("nan"), "is empty"),  # a blank cell of a number column; no more "(NaN)"
        (np.nan, "is empty"),
        (float("inf"), "is too large to use"),
        (-np.inf, "is too large to use"),
        ("1e309", "'1e309' is too large to use"),
        (10**400, "is too large to use"),  # a Python int beyond the float range
        (True, "True is not a number (use 0 or 1)"),
        (1 + 2j, "complex value is not a number"),
    ],
)
def test_bad_input_cell_names_row_and_column(cell, message):
    X = [[0, 1], [1, cell], [0, 0]]
    error = data_error(X, [0, 1, 0])
    assert str(error) == f"Row 2, column 'x2': {message}"
    assert [(p.row, p.column, p.message) for p in error.problems] == [(2, "x2", message)]


def test_numpy_bool_cell_is_not_a_number():
    error = data_error([[0, 1], [1, np.bool_(False)]], [0, 1])
    assert [(p.row, p.column) for p in error.problems] == [(2, "x2")]
    assert str(error).startswith("Row 2, column 'x2': ")
    assert str(error).endswith("is not a number (use 0 or 1)")


TYPED_CELLS = [
    ("abc", "'abc' is not a number"),
    ("1e999", "'1e999' is too large to use"),
    ("-1e999", "'-1e999' is too large to use"),
    ("inf", "'inf' is not a number"),
    ("0,5", "'0,5' has a comma: write decimals with a point (0.5), no thousands commas"),
    (
        "\u22120,5",
        "'\u22120,5' has a comma: write decimals with a point (0.5), no thousands commas",
    ),
    ("1_000", "'1_000' is not a number"),  # Python's float() would read 1000
    ("", "is empty"),
    ("  ", "is empty"),
    ("x" * 25, f"'{'x' * 20}…' is not a number"),  # a long entry is shortened, not echoed
]


@pytest.mark.parametrize(("typed", "message"), TYPED_CELLS, ids=lambda v: repr(v)[:20])
def test_typed_cell_message_names_row_column_what_was_typed_and_why(typed, message):
    # What the sidebar's text columns hand over: every cell a string, exactly as typed.
    frame = pd.DataFrame(
        {"x1": ["0", "0", "1"], "x2": ["1", f" {typed} ", "0"], "y": ["0", "0", "1"]}
    )
    with pytest.raises(perceptron.DatasetError) as info:
        perceptron.check_frame(frame)
    assert str(info.value) == f"Row 2, column 'x2': {message}"
    [problem] = info.value.problems
    assert (problem.row, problem.column, problem.message) == (2, "x2", message)
    assert str(problem) == f"Row 2, column 'x2': {message}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e999", "'1e999' is too large to use"),
        (float("inf"), "is too large to use"),
        ("inf", "'inf' is not a number"),
        ("0,5", "'0,5' has a comma: write decimals with a point (0.5), no thousands commas"),
        ("1_000", "'1_000' is not a number"),
        ("", "is empty"),
        (None, "is empty"),
        (float("nan"), "is empty"),
    ],
    ids=repr,
)
def test_cell_messages_reach_train(typed, message):
    error = data_error([[0, 1], [0, 1], [1, typed]], [0, 0, 1])
    assert str(error) == f"Row 3, column 'x2': {message}"


def test_unicode_minus_is_read_as_a_minus():
    # U+2212, as pasted from a document or a slide, means the same as "-"
    X, y = perceptron.check_dataset([["\u22120.5", " \u22122 "]], ["0"])
    np.testing.assert_array_equal(X, [[-0.5, -2.0]])
    frame = pd.DataFrame({"x1": ["\u22120.5"], "x2": ["1"], "y": ["1"]})
    X, y = perceptron.check_frame(frame)
    np.testing.assert_array_equal(X, [[-0.5, 1.0]])
    np.testing.assert_array_equal(y, [1.0])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5", "'5' is outside 0 to 1; a target is 0, 1 or a value in between"),
        (" 5 ", "'5' is outside 0 to 1; a target is 0, 1 or a value in between"),
        (7, "7 is outside 0 to 1; a target is 0, 1 or a value in between"),
        (np.float64(7.0), "7 is outside 0 to 1; a target is 0, 1 or a value in between"),
        (-0.1, "-0.1 is outside 0 to 1; a target is 0, 1 or a value in between"),
        ("\u22120.5", "'\u22120.5' is outside 0 to 1; a target is 0, 1 or a value in between"),
        ("1.0000001", "'1.0000001' is outside 0 to 1; a target is 0, 1 or a value in between"),
        ("nope", "'nope' is not a number"),  # unreadable: said once, not also "outside"
    ],
    ids=repr,
)
def test_bad_target_message_names_what_was_typed(typed, message):
    error = data_error([[0, 1], [1, 0], [1, 1]], [0, 1, typed])
    assert str(error) == f"Row 3, column 'y': {message}"
    assert [(p.row, p.column, p.message) for p in error.problems] == [(3, "y", message)]


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("0", 0.0),
        ("1", 1.0),
        (" 0.25 ", 0.25),
        (0.0, 0.0),
        (1, 1.0),
        ("\u22120", 0.0),
        ("1e-3", 1e-3),
    ],
)
def test_targets_from_0_to_1_are_accepted(target, value):
    _, y = perceptron.check_dataset([[0, 1]], [target])
    assert y.tolist() == [value]


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
        ({"objective": "hinge"}, "loss"),
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


def test_the_old_loss_keyword_is_refused_not_ignored():
    # ``loss=`` was renamed ``objective=``; an old call must fail loudly, not train squared error
    with pytest.raises(TypeError, match="loss"):
        perceptron.train(GOOD_X, GOOD_Y, iterations=1, loss="cross_entropy")
    h = perceptron.train(GOOD_X, GOOD_Y, iterations=1, objective="cross_entropy")
    assert h.objective == "cross_entropy"


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
