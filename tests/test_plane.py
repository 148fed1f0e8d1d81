"""The server's half of editing on the input plane (``ui/plane.py``) and the Dataset box's
words (``controls.dataset_note``): a table from the page is taken by the table's rules."""

from __future__ import annotations

import pytest

from perceptron.datasets import PRESETS
from ui.caps import APP_MAX_HISTORY_VALUES
from ui.controls import dataset_note
from ui.plane import cap_text, checked_rows, row_cap

NOTEBOOK = PRESETS["notebook"].rows


def test_a_table_from_the_plane_is_read_as_the_engine_takes_it():
    rows = [[0, 1, 0], [0, 1, 0], [1, 0, 1], [1, 0, 1], [0.52, 0.25, 1], [0.52, 0.25, 1]]
    assert checked_rows(rows, 10_001) == tuple(tuple(float(v) for v in r) for r in rows)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("0,1,0", "each row needs x1, x2 and a target"),
        ([[0, 1]], "each row needs x1, x2 and a target"),
        ([], "no rows"),
        ([[0, 1, 0], [None, 1, 0]], "Row 2, column 'x1': is empty"),
        ([[0, 1, 0], [0, True, 0]], "Row 2, column 'x2'"),
        ([[0, 1, 0], [0, 1, 1e400]], "Row 2, column 'y'"),
    ],
)
def test_a_bad_table_is_refused_naming_the_row_and_the_problem(rows, problem):
    with pytest.raises(ValueError) as caught:
        checked_rows(rows, 10_001)
    assert problem in str(caught.value)


def test_the_row_cap_follows_the_iterations_and_is_named():
    assert row_cap(10_001) == APP_MAX_HISTORY_VALUES // 10_002 == 99
    assert row_cap(100) == 1_000  # the engine's own limit
    assert "at most 99 rows" in cap_text(10_001) and "10,001 iterations" in cap_text(10_001)
    assert "at most 1,000 rows" in cap_text(100)
    with pytest.raises(ValueError, match="at most 99 rows"):
        checked_rows([[0, 0, 0]] * 100, 10_001)


def test_the_dataset_box_says_whose_rows_they_are():
    assert dataset_note("notebook", NOTEBOOK) == PRESETS["notebook"].description
    mine = (*NOTEBOOK, (0.5, 0.5, 1.0))
    assert dataset_note("notebook", mine) == "Your data (from the Notebook preset): 5 rows."
    assert dataset_note("and", NOTEBOOK[:1]) == "Your data (from the AND preset): 1 row."
