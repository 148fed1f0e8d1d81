"""Driving the sidebar's data editor (Streamlit 1.67 ``st.data_editor``, a glide-data-grid
canvas) in headless Chromium, for tests/test_browser_editor.py.

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
from 1.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import perceptron
from views import caps as view_caps

SIDEBAR_EDITOR = '[data-testid="stSidebar"] [data-testid="stDataFrame"]'
EDITOR_INPUT = ".gdg-input"  # the open cell editor: a <textarea> for a TextColumn
APPLY = ".st-key-apply_data button"  # Streamlit also renders a hidden copy of the button
CLIPBOARD = ["clipboard-read", "clipboard-write"]
KEY_DELAY_MS = 80
"""A human's pace between keys (the brief's 60–100 ms)."""
PAUSE_MS = 150
"""A human's pause after Tab or Enter before the next key."""

# ------------------------------------------------------------------------ grid geometry

# glide's DataGrid props: columns incl. the row-marker column with their final widths,
# header/row height, scroll offsets, rows (+1 for the trailing "add row" row).
_GEOMETRY_JS = r"""
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  if (!canvas) return null;
  const r = canvas.getBoundingClientRect();
  const key = Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && p.headerHeight !== undefined
        && p.rowHeight !== undefined && p.rows !== undefined) {
      const frozen = p.freezeColumns || 0;
      const columns = p.columns.map((c, i) => ({index: i, title: c.title, width: c.width}));
      let x = r.left;
      for (const c of columns.slice(0, frozen)) { c.left = x; x += c.width; }
      x += p.translateX || 0;
      for (const c of columns.slice(Math.max(p.cellXOffset || 0, frozen))) {
        c.left = x; x += c.width;
      }
      return {
        left: r.left, top: r.top, columns,
        headerHeight: p.headerHeight + (p.enableGroups ? p.groupHeaderHeight : 0),
        rowHeight: typeof p.rowHeight === 'number' ? p.rowHeight : p.rowHeight(0),
        cellYOffset: p.cellYOffset || 0,
        translateY: p.translateY || 0,
        rows: p.rows - (p.hasAppendRow ? 1 : 0),
      };
    }
  }
  return null;
}
"""

# What glide draws: its own getCellContent for the wanted [col, row] pairs (col counts the
# row marker, so x1 is 1), or every data cell.
_CELLS_JS = r"""
(root, wanted) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && typeof p.getCellContent === 'function' && Array.isArray(p.columns)
        && p.rows !== undefined) {
      const nrows = p.rows - (p.hasAppendRow ? 1 : 0);
      const cells = wanted || [...Array(nrows).keys()].flatMap(
        (r) => [...Array(p.columns.length - 1).keys()].map((c) => [c + 1, r]));
      return {rows: nrows, cells: cells.map(([c, r]) => {
        const cell = p.getCellContent([c, r]);
        const out = {};
        for (const [k, v] of Object.entries(cell)) {
          if (typeof v !== 'function' && k !== 'themeOverride') out[k] = v;
        }
        return [c, r, out];
      })};
    }
  }
  return null;
}
"""

# glide's current cell and selected rows, and whether keyboard focus is in the grid.
_SELECTION_JS = r"""
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  const focused = root.contains(document.activeElement);
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && p.selection && 'current' in p.selection && Array.isArray(p.columns)) {
      const cur = p.selection.current;
      const rows = p.selection.rows;
      return {cell: cur ? cur.cell : null,
              rows: rows && typeof rows.toArray === 'function' ? rows.toArray() : [],
              focused};
    }
  }
  return null;
}
"""


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
    page.evaluate(
        """(n) => new Promise((done) => { const step = (k) => k ? requestAnimationFrame(
             () => step(k - 1)) : done(); step(n); })""",
        n,
    )


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


def _until(page, read, expected, shows: str, timeout: float) -> None:
    """Poll ``read()`` until it equals ``expected``; the failure says what it ``shows``."""
    deadline = time.monotonic() + timeout
    while (got := read()) != expected:
        assert time.monotonic() < deadline, f"{shows} {got}, expected {expected}"
        page.wait_for_timeout(50)


def wait_grid(page, expected: list[list[str]], timeout: float = 10.0) -> None:
    """Until the grid draws exactly ``expected`` (it redraws a moment after a rerun)."""
    _until(page, lambda: grid_texts(page), expected, "the grid shows", timeout)


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
    page.wait_for_timeout(PAUSE_MS)  # a human's pause after Tab/Enter


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

# The form's copy of the grid's edits, as Streamlit's widget manager holds it: the JSON
# ({"edited_rows", "added_rows", "deleted_rows"}) the submit button sends. The data editor
# hands its edits over 150 ms after the last one (a debounce in Streamlit's DataFrame
# element), so a click on the button sooner than that sends the table without them.
_HANDED_OVER_JS = r"""
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 120; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && p.widgetMgr && p.element && p.element.id) {
      return {found: true,
              value: p.widgetMgr.getStringValue({id: p.element.id, formId: p.element.formId})
                     ?? null};
    }
  }
  return {found: false, value: null};
}
"""


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
    _until(page, lambda: handed_over(page), expected, "the form holds", timeout)


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
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'"""
    )


def apply_table(page, runs: Runs, expected: dict | None = None) -> None:
    """Click "Train on this table" once the form holds ``expected`` (if given, see
    :func:`wait_handed_over`), and wait until the run it causes has finished."""
    if expected is not None:
        wait_handed_over(page, expected)
    click_and_wait_run(page, runs, apply_button(page))


def sidebar_message(page) -> tuple[str, list[str]] | None:
    """The sidebar's error under the form: its bold heading and its bullet lines, or None."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentError"]')
    if box.count() == 0:
        return None
    assert box.count() == 1, box.all_inner_texts()
    heading = " ".join(box.locator("strong").all_inner_texts())
    return heading, [t.strip() for t in box.locator("li").all_inner_texts()]


def sidebar_error_text(page) -> str:
    return "\n".join(
        page.locator(
            '[data-testid="stSidebar"] [data-testid="stAlertContentError"]'
        ).all_inner_texts()
    )


def main_warnings(page) -> list[str]:
    return page.locator(
        '[data-testid="stMain"] [data-testid="stAlertContentWarning"]'
    ).all_inner_texts()


# ------------------------------------------------------------ what the stage should show


def weight_text(w: float) -> str:
    """A weight as the page prints it: f"{w:.6f}", exponent notation from 1e21 on."""
    return f"{w:.6f}" if abs(w) < 1e21 else f"{w:.7g}"


def expected_numbers(h: perceptron.History, t: int) -> dict[str, str]:
    """The stage's numbers at step t of ``h`` (Python's format specs, as the page uses)."""
    loss = float(h.loss[t])
    numbers = {
        "iteration": f"{t:,}",
        "loss": "∞" if loss == math.inf else f"{loss:.4g}",
        "accuracy": f"{float(h.accuracy[t]):.0%}",
    }
    for name, w in zip(h.weight_names, h.weights[t], strict=True):
        numbers[f"w-{name}"] = weight_text(float(w))
    return numbers


def expected_rows(h: perceptron.History, t: int) -> list[list[str]]:
    """The stage's rows table at step t: row, x1, x2, target, prediction, error, right?"""
    rows = []
    for i in range(min(h.n_rows, view_caps.SHOWN_ROWS)):
        (x1, x2), y, p = h.X[i], float(h.y[i]), float(h.predictions[t, i])
        right = "✓" if (p >= 0.5) == (y >= 0.5) else "✗"
        rows.append(
            [str(i + 1), f"{x1:.6g}", f"{x2:.6g}", f"{y:.6g}", f"{p:.6f}", f"{p - y:.6f}", right]
        )
    return rows


# The stage's numbers and rows table, and its step, in one frame.
_SHOWN_JS = r"""
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true') return null;
  const numbers = {};
  for (const box of stage.querySelectorAll('.lab-number')) {
    numbers[box.dataset.lab] = box.querySelector('.lab-number-value').textContent;
  }
  return {
    step: Number(stage.dataset.step),
    numbers,
    rows: [...stage.querySelectorAll('table.lab-rows-table tbody tr')]
      .map((tr) => [...tr.cells].map((td) => td.textContent)),
    play: stage.querySelector('[data-lab="play"]').dataset.state,
  };
}
"""


def shown(page) -> dict | None:
    return page.evaluate(_SHOWN_JS)


def wait_shows(page, h: perceptron.History, t: int, timeout: float = 30.0) -> dict:
    """Until the stage shows step ``t`` of ``h``: its numbers and its rows table."""
    want = {"step": t, "numbers": expected_numbers(h, t), "rows": expected_rows(h, t)}
    deadline = time.monotonic() + timeout
    while True:
        got = shown(page)
        if got and {k: got[k] for k in want} == want:
            return got
        assert time.monotonic() < deadline, f"the stage shows {got}, expected {want}"
        time.sleep(0.1)
