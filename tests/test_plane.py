"""The server's half of editing on the input plane (``ui/plane.py``) and the Dataset box's
words (``controls.dataset_note``): a table from the page is taken by the table's rules."""

from __future__ import annotations

import pytest

from perceptron.datasets import PRESETS
from ui import plane
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


class FakeState(dict):
    """``st.session_state`` as take_edit uses it: items and attributes alike."""

    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


def test_a_drop_outdates_a_dragged_position_whose_run_was_cut_short(monkeypatch):
    """Under load the run of a dragged position can be cut short by the next edit before
    the sidebar takes its preview: the drop's table (here: the row put back) must win."""

    moved = [[*row] for row in NOTEBOOK]
    moved[0] = [1.2, 1.01, 1.0]
    state = FakeState(iterations=10_001, plane_preview=tuple(map(tuple, moved)))
    restarted = []
    monkeypatch.setattr(plane.st, "session_state", state)
    monkeypatch.setattr(plane.controls, "restart_editor", restarted.append)
    back = [list(row) for row in NOTEBOOK]
    state["stage"] = {"edit": {"page": "p", "seq": 3, "rows": back, "dragging": False}}
    plane.take_edit()
    assert "plane_preview" not in state
    assert restarted == [checked_rows(back, 10_001)]
    state["stage"] = {"edit": {"page": "p", "seq": 4, "rows": moved, "dragging": True}}
    plane.take_edit()
    assert state["plane_preview"] == checked_rows(moved, 10_001) and len(restarted) == 1
    assert state["plane"] == {"page": "p", "seq": 4, "problem": None}
