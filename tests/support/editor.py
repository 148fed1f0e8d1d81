"""Driving the sidebar's data editor (Streamlit 1.67 ``st.data_editor``, a glide-data-grid
canvas) in headless Chromium, for tests/test_browser_editor.py and tests/test_browser.py.

Adapted from the editor lab's measured helpers (how the grid behaves in Chromium):

* The grid is a <canvas>; cells have no DOM of their own. Its layout (column widths with
  the row-marker column, header and row height, scroll offsets, row count), its selection
  and what each cell draws (``getCellContent``) are read from glide's own React props
  above the canvas, so a cell is found by geometry measured from the grid, and what a
  cell shows is what the grid draws, not its lazily refreshed accessibility table.
* A click is repeated until glide reports the selection (the first click into the grid
  can be taken by focusing its canvas), and verified, so a wrong guess fails loudly
  instead of editing another cell.
* A cell is opened with Enter (or a double-click) before typing: the first key of
  "select and just type" opens the editor, and keys that arrive before it has mounted
  are dropped (the lab saw "0.5" become "05", "5" or ".5").
* Pasting writes the system clipboard first, then presses Ctrl+V: glide reads
  ``navigator.clipboard`` and ignores the paste event's own data. The context needs the
  ``clipboard-read`` and ``clipboard-write`` permissions.

The app's grid sits in an ``st.form``: committing a cell, adding or deleting a row does
not rerun the script; "Train on this table" (:func:`apply_table`) sends the table and
reruns once. Rows here are 0-based as the grid shows them; the app's messages count
from 1. Before that click, wait until the form holds the edits (:func:`wait_handed_over`,
:func:`wait_handed_over_rows`): the grid hands them over 150 ms after the last one.

Fixed pauses here are pacing, never waits for a condition: :data:`KEY_DELAY_MS` between
keys and :data:`PAUSE_MS` after Tab/Enter model a person's pace, which is what the
editor tests type at. Every other wait polls the grid, the form or the run messages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.support.jsfiles import page_js
from tests.support.page import SCRIPT_IDLE_JS

SIDEBAR_EDITOR = '[data-testid="stSidebar"] [data-testid="stDataFrame"]'
EDITOR_INPUT = ".gdg-input"  # the open cell editor: a <textarea> for a TextColumn
APPLY = ".st-key-apply_data button"  # Streamlit also renders a hidden copy of the button
CLIPBOARD = ["clipboard-read", "clipboard-write"]
KEY_DELAY_MS = 80
"""Pacing, not a wait: a human's pace between keys (the brief's 60–100 ms)."""
PAUSE_MS = 150
"""Pacing, not a wait: a human's pause after Tab or Enter before the next key."""

# ------------------------------------------------------------------------ grid geometry

_GEOMETRY_JS = page_js("grid_geometry")  # see js/grid_geometry.js

_CELLS_JS = page_js("grid_cells")  # see js/grid_cells.js

_SELECTION_JS = page_js("grid_selection")  # see js/grid_selection.js


@dataclass
class Geometry:
    header_height: float
    row_height: float
    top: float
    first_visible_row: int
    translate_y: float
    rows: int
    titles: list[str]  # data-column titles: ["x1", "x2", "y"]
    centres: list[float]  # page x of each data column's centre
    marker_centre: float  # page x of the row-marker column's centre

    def row_centre(self, row: int) -> float:
        offset = (row - self.first_visible_row + 0.5) * self.row_height
        return self.top + self.header_height + offset + self.translate_y

    def column(self, column: int | str) -> int:
        if isinstance(column, int):
            return column
        assert column in self.titles, f"no column {column!r}; the grid has {self.titles}"
        return self.titles.index(column)


def sidebar_editor(page):
    return page.locator(SIDEBAR_EDITOR).first


def geometry(page) -> Geometry:
    """The grid's layout, measured from glide's props (fails loudly if they are not found)."""
    editor = sidebar_editor(page)
    editor.locator('canvas[data-testid="data-grid-canvas"]').first.wait_for(state="attached")
    g = editor.evaluate(_GEOMETRY_JS)
    assert g is not None, "glide's grid props not found above the canvas"
    marker, *data = g["columns"]
    assert marker["index"] == 0 and marker["title"] == "", g["columns"]
    return Geometry(
        header_height=g["headerHeight"],
        row_height=g["rowHeight"],
        top=g["top"],
        first_visible_row=g["cellYOffset"],
        translate_y=g["translateY"],
        rows=g["rows"],
        titles=[c["title"] for c in data],
        # A column scrolled out of view to the left has no "left": put it off the grid.
        centres=[c["left"] + c["width"] / 2 if "left" in c else -1.0 for c in data],
        marker_centre=marker.get("left", g["left"]) + marker["width"] / 2,
    )


def row_count(page) -> int:
    return geometry(page).rows


def _frames(page, n: int = 2) -> None:
    """Let React render: ``n`` animation frames of the page."""
    page.evaluate(page_js("animation_frames"), n)


# ------------------------------------------------------------------ what the grid shows


def shown_text(info: dict | None) -> str | None:
    """What a user sees in a cell from glide's cell object: the drawn text, or "None" for
    a missing value (glide draws a faded "None" placeholder)."""
    if info is None:
        return None
    if info.get("isMissingValue") and not info.get("displayData"):
        return "None"
    return info.get("displayData", info.get("data"))


def cell_info(page, row: int, column: int | str) -> dict | None:
    """glide's cell object: ``data``, ``displayData`` (the text drawn), ``isMissingValue``."""
    geo = geometry(page)
    res = sidebar_editor(page).evaluate(_CELLS_JS, [[geo.column(column) + 1, row]])
    assert res is not None, "glide's getCellContent not found"
    return None if row >= res["rows"] else res["cells"][0][2]


def cell_text(page, row: int, column: int | str) -> str | None:
    return shown_text(cell_info(page, row, column))


def grid_texts(page) -> list[list[str | None]]:
    """Every data row as the grid draws it: [[x1, x2, y], ...] ("None" = an empty cell)."""
    res = sidebar_editor(page).evaluate(_CELLS_JS, None)
    assert res is not None, "glide's getCellContent not found"
    table: dict[int, list[str | None]] = {}
    for _c, r, info in res["cells"]:
        table.setdefault(r, []).append(shown_text(info))
    return [table[r] for r in sorted(table)]


def until(page, read, expected, shows: str, timeout: float) -> None:
    """Poll ``read()`` until it equals ``expected``; the failure says what it ``shows``."""
    deadline = time.monotonic() + timeout
    while (got := read()) != expected:
        assert time.monotonic() < deadline, f"{shows} {got}, expected {expected}"
        page.wait_for_timeout(50)


def wait_grid(page, expected: list[list[str]], timeout: float = 10.0) -> None:
    """Until the grid draws exactly ``expected`` (it redraws a moment after a rerun)."""
    until(page, lambda: grid_texts(page), expected, "the grid shows", timeout)


# -------------------------------------------------------------------- selecting, typing


def current_cell(page) -> tuple[int, int] | None:
    """(row, data-column index) of the grid's current cell, or None."""
    sel = sidebar_editor(page).evaluate(_SELECTION_JS)
    if not sel or not sel["cell"]:
        return None
    col, row = sel["cell"]
    return row, col - 1


def _is_current(page, row: int, ci: int, *, or_editing: bool = False) -> bool:
    """(row, ci) is glide's current cell and keys go to the grid (or, with ``or_editing``,
    to that cell's open editor, which lives in glide's portal outside the grid)."""
    sel = sidebar_editor(page).evaluate(_SELECTION_JS)
    focused = sel and (sel["focused"] or (or_editing and editor_open(page)))
    return bool(focused and sel["cell"] == [ci + 1, row])


def editor_open(page) -> bool:
    return page.locator(EDITOR_INPUT).count() > 0


def editor_value(page) -> str | None:
    """The open cell editor's text, or None."""
    loc = page.locator(EDITOR_INPUT)
    return loc.first.input_value() if loc.count() else None


def close_editor(page) -> None:
    """Cancel an open cell editor (Escape), if any."""
    if editor_open(page):
        page.keyboard.press("Escape")
        page.locator(EDITOR_INPUT).first.wait_for(state="detached")


def select_cell(page, row: int, column: int | str, attempts: int = 5) -> None:
    """Make (row, column) the grid's current cell with keyboard focus in the grid.

    Never clicks a cell that is already current (a click on the selected cell opens its
    editor); otherwise clicks until glide reports the selection. An editor a click
    opened anyway is closed with Escape.
    """
    close_editor(page)
    geo = geometry(page)
    ci = geo.column(column)
    if _is_current(page, row, ci):
        return
    for _ in range(attempts):
        geo = geometry(page)
        page.mouse.click(geo.centres[ci], geo.row_centre(row))
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            if _is_current(page, row, ci, or_editing=True):
                _frames(page)
                close_editor(page)  # a click on the current cell opens its editor
                if _is_current(page, row, ci):
                    return
            time.sleep(0.05)
    raise AssertionError(f"could not select row {row}, column {column!r}: {current_cell(page)}")


def _wait_editor_focused(page, timeout_ms: float = 2_000) -> None:
    page.locator(EDITOR_INPUT).first.wait_for(state="attached", timeout=timeout_ms)
    page.wait_for_function(
        "() => document.activeElement?.classList.contains('gdg-input')", timeout=timeout_ms
    )


def open_cell_editor(page, row: int, column: int | str, how: str = "enter") -> None:
    """Select a cell and open its editor with Enter (or a double-click, ``how="dblclick"``);
    wait until the editor has focus."""
    for _ in range(4):
        select_cell(page, row, column)
        if how == "enter":
            page.keyboard.press("Enter")
        else:
            geo = geometry(page)
            page.mouse.dblclick(geo.centres[geo.column(column)], geo.row_centre(row))
        try:
            _wait_editor_focused(page)
            return
        except Exception:
            close_editor(page)
    raise AssertionError(f"the editor of row {row}, column {column!r} did not open")


def _commit(page, key: str) -> None:
    _frames(page)  # React has applied the last keystroke before the commit key
    page.keyboard.press(key)
    page.locator(EDITOR_INPUT).first.wait_for(state="detached", timeout=5_000)
    page.wait_for_timeout(PAUSE_MS)  # pacing: a human's pause after Tab/Enter


def type_into_cell(
    page,
    row: int,
    column: int | str,
    text: str,
    *,
    commit: str = "Enter",
    delay_ms: float = KEY_DELAY_MS,
    insert: bool = False,
) -> str | None:
    """Replace a cell's text: open it with Enter, select its content, type ``text`` key by
    key at a human pace (or ``insert`` it as one text input, like an IME or a character
    not on the keyboard), commit with ``commit``. Returns what the editor held just
    before the commit."""
    open_cell_editor(page, row, column)
    page.keyboard.press("ControlOrMeta+a")
    if insert:
        page.keyboard.insert_text(text)
    elif text:
        page.keyboard.type(text, delay=delay_ms)
    else:
        page.keyboard.press("Backspace")
    _frames(page)
    held = editor_value(page)
    _commit(page, commit)
    return held


def type_row(page, row: int, values: Sequence[str], delay_ms: float = KEY_DELAY_MS) -> list:
    """Type ``values`` into x1, x2, y of ``row`` like a student: select x1, then per cell
    Enter (opens it), the keys at a human pace, Tab (commits and moves right; Enter for
    the last cell) and a pause. Returns what each editor held before its commit."""
    select_cell(page, row, 0)
    held = []
    for i, value in enumerate(values):
        assert current_cell(page) == (row, i), (current_cell(page), row, i)
        page.keyboard.press("Enter")
        _wait_editor_focused(page)
        page.keyboard.type(value, delay=delay_ms)
        _frames(page)
        held.append(editor_value(page))
        _commit(page, "Tab" if i < len(values) - 1 else "Enter")
    return held


def clear_cell(page, row: int, column: int | str) -> None:
    """Select a cell and press Delete: glide empties it."""
    select_cell(page, row, column)
    page.keyboard.press("Delete")
    _frames(page)


def paste_tsv(page, row: int, column: int | str, tsv: str) -> None:
    """Paste a tab/newline separated block with its top-left corner at (row, column):
    write the system clipboard, then a trusted Ctrl+V (needs :data:`CLIPBOARD`)."""
    select_cell(page, row, column)
    page.evaluate("(t) => navigator.clipboard.writeText(t)", tsv)
    page.keyboard.press("ControlOrMeta+v")
    _frames(page)


def add_row(page) -> int:
    """Click the toolbar's "Add row" (+); return the new row's index once it exists."""
    before = row_count(page)
    editor = sidebar_editor(page)
    editor.hover()
    editor.locator('button[aria-label="Add row"]').first.click()
    _wait_until(lambda: row_count(page) == before + 1, f"a row added to {before}")
    return before


def select_rows(page, rows: Sequence[int]) -> None:
    """Tick the row markers of ``rows``; verified in glide's selection."""
    close_editor(page)
    editor = sidebar_editor(page)

    def selected() -> list[int]:
        return (editor.evaluate(_SELECTION_JS) or {}).get("rows", [])

    for row in rows:
        for _ in range(4):
            if row in selected():
                break
            geo = geometry(page)
            page.mouse.click(geo.marker_centre, geo.row_centre(row))
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline and row not in selected():
                time.sleep(0.05)
        assert row in selected(), f"could not select row {row}: {selected()}"


def delete_rows(page, rows: Sequence[int]) -> None:
    """Select ``rows`` by their row markers and press Delete; waits for the row count."""
    before = row_count(page)
    select_rows(page, rows)
    page.keyboard.press("Delete")
    _wait_until(lambda: row_count(page) == before - len(rows), f"{len(rows)} rows deleted")


def _wait_until(ok, what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not ok():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


# ------------------------------------------------------------------ applying the table

_HANDED_OVER_JS = page_js("grid_handed_over")  # see js/grid_handed_over.js


def handed_over(page) -> dict | None:
    """The edits the form will send (None before the first edit)."""
    res = sidebar_editor(page).evaluate(_HANDED_OVER_JS)
    assert res["found"], "the data editor's widget manager was not found above the grid"
    return None if res["value"] is None else json.loads(res["value"])


def edits(
    edited: dict[int, dict[str, str | None]] | None = None,
    added: list[dict[str, str | None]] | None = None,
    deleted: list[int] | None = None,
) -> dict:
    """The editing state Streamlit sends for these edits (rows 0-based, as the grid's)."""
    return {
        "edited_rows": {str(row): cells for row, cells in (edited or {}).items()},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }


def wait_handed_over(page, expected: dict, timeout: float = 10.0) -> None:
    """Until the form holds exactly ``expected`` (see :func:`edits`): what a student sees
    in the grid is then what "Train on this table" sends."""
    until(page, lambda: handed_over(page), expected, "the form holds", timeout)


def handed_over_rows(page, rows_before: int) -> int | None:
    """The rows the table will have once the form's edits apply to ``rows_before`` rows
    (None before the first edit is handed over)."""
    held = handed_over(page)
    if held is None:
        return None
    return rows_before + len(held["added_rows"]) - len(held["deleted_rows"])


def wait_handed_over_rows(page, rows_before: int, rows: int, timeout: float = 30.0) -> None:
    """Until the form holds edits that make the ``rows_before``-row table ``rows`` rows
    long: for a paste too large to spell out cell by cell."""
    until(
        page,
        lambda: handed_over_rows(page, rows_before),
        rows,
        f"the form's edits make a {rows_before}-row table",
        timeout,
    )


@dataclass
class Runs:
    """The script runs a page sees, from Streamlit's own messages on the websocket:
    ``new_session`` starts a run, ``script_finished`` ends it. (The page's
    ``data-test-script-state`` can skip "running" when a run is quick.) Attach before
    ``goto`` with :meth:`watch`; Playwright delivers the messages while the test calls
    into it."""

    events: list[str] = field(default_factory=list)

    @classmethod
    def watch(cls, page) -> Runs:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        runs = cls()

        def on_frame(payload) -> None:
            if isinstance(payload, str):
                return
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            kind = msg.WhichOneof("type")
            if kind in ("new_session", "script_finished"):
                runs.events.append(kind)

        def attach(ws) -> None:
            if ws.url.endswith("/_stcore/stream"):
                ws.on("framereceived", on_frame)

        page.on("websocket", attach)
        return runs

    def mark(self) -> int:
        return len(self.events)

    def finished_since(self, mark: int) -> bool:
        """A run started after ``mark`` and has finished."""
        later = self.events[mark:]
        return "new_session" in later and "script_finished" in later[later.index("new_session") :]


def apply_button(page):
    return page.locator(APPLY).filter(visible=True)


def click_and_wait_run(page, runs: Runs, target, timeout: float = 60.0) -> None:
    """Click ``target`` (a locator) and wait until the run it starts has finished."""
    mark = runs.mark()
    target.click()
    deadline = time.monotonic() + timeout
    while not runs.finished_since(mark):
        assert time.monotonic() < deadline, f"no run finished after the click: {runs.events}"
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket messages
    page.wait_for_function(SCRIPT_IDLE_JS)


def apply_table(page, runs: Runs, expected: dict | None = None) -> None:
    """Click "Train on this table" once the form holds ``expected`` (if given, see
    :func:`wait_handed_over`), and wait until the run it causes has finished."""
    if expected is not None:
        wait_handed_over(page, expected)
    click_and_wait_run(page, runs, apply_button(page))


# ------------------------------------------------- cells at the default sidebar's layout

# A quicker way in for tests about something else than editing (keys while a cell is
# selected, a large paste): cells found by the grid's default geometry at the default
# 1280 px sidebar width, the selection read from the grid's accessibility table
# (td#glide-cell-<col>-<row>, aria-selected). A 35 px header and 35 px rows; a narrow
# row-marker column first, then x1, x2 and y.
HEADER_PX, ROW_PX = 35, 35
COLUMN_CENTRES_PX = (68, 139, 207)  # x1, x2, y at the default 1280 px sidebar width


def _default_layout_point(page, row: int, column: int) -> tuple[float, float]:
    grid = page.locator('[data-testid="stSidebar"] [data-testid="stDataFrameResizable"]').first
    box = grid.bounding_box()
    assert box is not None
    return box["x"] + COLUMN_CENTRES_PX[column], box["y"] + HEADER_PX + ROW_PX * (row - 0.5)


def select_cell_at_default_layout(page, row: int, column: int) -> None:
    """Select the cell at 1-based ``row`` and 0-based ``column`` (0 = x1, 1 = x2, 2 = y).

    The first click into the grid can be taken by focusing its canvas (e.g. right after a
    button had focus), so click until the accessibility table reports the selection.
    """
    selected = page.locator(
        f'[data-testid="glide-cell-{column + 1}-{row - 1}"][aria-selected="true"]'
    )
    for _ in range(4):
        page.mouse.click(*_default_layout_point(page, row, column))
        try:
            selected.wait_for(state="attached", timeout=2_000)
            return
        except Exception:
            continue
    raise AssertionError(f"could not select row {row}, column {column} of the data editor")


def open_cell_editor_at_default_layout(page, row: int, column: int):
    """Double-click opens the cell's editor (an <input>/<textarea> class gdg-input);
    ``row`` is 1-based as in :func:`select_cell_at_default_layout`."""
    editor = page.locator("input.gdg-input, textarea.gdg-input").first
    point = _default_layout_point(page, row, column)
    for _ in range(4):
        page.mouse.click(*point)  # the first click may only focus the grid's canvas
        page.mouse.dblclick(*point)
        try:
            editor.wait_for(state="attached", timeout=2_000)
            return editor
        except Exception:
            continue
    raise AssertionError(f"could not open the editor of row {row}, column {column}")
