"""Rows edited on the input plane: the page sends a whole table, the server takes it or says why.

The heat map's editor (``ui/static/edit.js``) sends every edit as one value of the stage
component: ``{"page", "seq", "rows", "dragging"}``, the whole new table, never a half-edit;
while a row is dragged its positions on the way are trained for that run only. Here it is
checked by the rules every table follows (:func:`perceptron.check_frame`, the app's cap on
rows for the chosen iterations) and becomes the sidebar editor's new start
(``controls.restart_editor``), so from then on it is the sidebar's table: trained, written into
the link's ``data=`` and the exports by the path a table applied in the sidebar takes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import perceptron
from perceptron import limits
from perceptron.settings import Row
from ui import caps, controls
from ui.chosen import ChosenRun
from views.caps import PLANE_ROWS


def row_cap(iterations: int) -> int:
    """Most rows a table may have at ``iterations``: the engine's limit, the app's history cap."""
    return max(1, min(limits.MAX_ROWS, caps.APP_MAX_HISTORY_VALUES // (iterations + 1)))


def cap_text(iterations: int) -> str:
    """What the plane says when a row would go past :func:`row_cap`."""
    cap = row_cap(iterations)
    if cap == limits.MAX_ROWS:
        return f"No more rows: a table holds at most {cap:,} rows."
    return (
        f"No more rows: at {iterations:,} iterations a table holds at most {cap:,} rows, "
        f"as a run records at most {caps.APP_MAX_HISTORY_VALUES:,} values. "
        "Fewer iterations allow more rows."
    )


def checked_rows(rows: Any, iterations: int) -> tuple[Row, ...]:
    """The plane's table as the engine takes it, or ValueError saying what is wrong with it."""
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 3 for r in rows):
        raise ValueError("each row needs x1, x2 and a target")
    if len(rows) > row_cap(iterations):
        raise ValueError(cap_text(iterations))
    X, y = perceptron.check_frame(pd.DataFrame(rows, columns=list(controls.COLUMNS), dtype=object))
    return tuple(zip(X[:, 0].tolist(), X[:, 1].tolist(), y.tolist(), strict=True))


def take_edit() -> None:
    """The stage sent a table (its ``edit`` value changed): make it the sidebar's start."""
    state = st.session_state
    # A dragged position not yet trained (its run was cut short by this edit) is outdated by
    # it: left in place, a put-back row would be trained where the drag last was.
    state.pop("plane_preview", None)
    edit = state["stage"].get("edit")
    edit = edit if isinstance(edit, dict) else {}
    page, seq = edit.get("page"), edit.get("seq")
    state.plane = {
        "page": page if isinstance(page, str) else None,
        "seq": seq if isinstance(seq, int) and not isinstance(seq, bool) else 0,
        "problem": None,
    }
    try:
        rows = checked_rows(edit.get("rows"), int(state["iterations"]))
    except ValueError as error:  # DatasetError too: each names the row and the problem
        state.plane["problem"] = f"Not used: {error}"
        return
    if edit.get("dragging") is True:
        # A position on the way: trained and shown, but the sidebar's grid is rebuilt only
        # for the drop (a grid rebuilt every 150 ms cost the dragged point half its frames).
        state.plane_preview = rows
    else:
        controls.restart_editor(rows)


def stage_data(chosen: ChosenRun) -> dict[str, Any]:
    """What the plane's editor needs: every row of the run's table (the payload has the shown
    dozen), the last edit taken from the page and what was wrong with it, and the row cap."""
    plane = st.session_state.get("plane") or {"page": None, "seq": 0, "problem": None}
    iterations = chosen.spec.iterations
    return {
        "rows": [list(row) for row in chosen.spec.rows],
        **plane,
        "cap": row_cap(iterations),
        "capText": cap_text(iterations),
        "drawn": PLANE_ROWS,
    }
