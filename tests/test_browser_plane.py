"""Editing the data on the input plane in headless Chromium (issue 18, items 1–3).

A student adds, moves and deletes rows on the heat map with a mouse or a finger, and undoes
with Ctrl+Z (``ui/static/edit.js``). After each edit the plane draws exactly the new table,
and the sidebar's grid, the URL's ``data=`` and the numbers shown at the step on screen
equal ``perceptron.train`` on that table, trained here. The step stays where the student
left it across every new run. Every wait is on page state (the plane's drawn rows and
ghosts, the grid, the address bar, the stage's numbers); the pointer is moved through
Playwright's mouse and Chromium's touch input (CDP ``Input.dispatchTouchEvent``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from perceptron.codecs import decode_rows, encode_rows, format_number
from perceptron.datasets import PRESETS
from tests.support.editor import until, wait_grid
from tests.support.expected import run_of_rows
from tests.support.jsfiles import page_js
from tests.support.page import TRAIN_CHARTS, open_session, wait_js, watch_console
from tests.support.stage import page_share_link, press, stage_step, wait_stage_shows, wait_step

pytestmark = pytest.mark.browser

NOTEBOOK = [list(row) for row in PRESETS["notebook"].rows]
PLANE_POINT_JS = page_js("plane_point")
PLANE_STATE_JS = page_js("plane_state")
T = 3
"""The step the student stands on while editing: every new run must keep it."""


def point(page, x1: float, x2: float) -> tuple[float, float]:
    """Where the heat map draws (x1, x2) now, in page pixels (its axes follow every run)."""
    at = page.evaluate(PLANE_POINT_JS, [x1, x2])
    assert at is not None, "the heat map is not drawn"
    return at["x"], at["y"]


def url_rows(url: str) -> list[list[float]] | None:
    text = parse_qs(urlparse(url).query).get("data", [None])[0]
    return None if text is None else [list(row) for row in decode_rows(text)[0]]


def wait_table(page, table: list[list[float]], t: int = T) -> None:
    """Until the plane, the grid, the URL and the numbers all show ``table`` at step ``t``."""
    wait_js(
        page,
        f"(want) => {{ const s = ({PLANE_STATE_JS})(); return s.coming === 0 && s.going === 0"
        " && JSON.stringify(s.drawn) === JSON.stringify(want); }",
        table,
        what=f"the plane to draw {table}",
    )
    wait_stage_shows(page, run_of_rows(tuple(map(tuple, table))), t)
    wait_grid(page, [[format_number(v) for v in row] for row in table])
    in_url = None if table == NOTEBOOK else table
    until(page, lambda: url_rows(page.url), in_url, "the URL has", 10)


def drag(page, start: tuple[float, float], end: tuple[float, float], moves: int = 40) -> None:
    """Press on ``start`` and move to ``end`` in ``moves`` pointer moves, still pressed."""
    page.mouse.move(*start)
    page.mouse.down()
    for i in range(1, moves + 1):
        f = i / moves
        page.mouse.move(start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1]))


def plane_state(page) -> dict:
    return page.evaluate(PLANE_STATE_JS)


def stand_on_step(page, t: int = T) -> None:
    press(page, "ArrowRight", t)
    wait_step(page, t)


def test_mouse_add_move_delete_undo_and_the_share_link(server, new_page):
    page = open_session(new_page, server, charts=TRAIN_CHARTS)
    problems = watch_console(page)
    stand_on_step(page)
    table = [*NOTEBOOK, [0.5, 0.25, 1.0]]
    page.mouse.click(*point(page, 0.5, 0.25))  # add, with the picker's target 1
    wait_table(page, table)
    assert (
        "Your data (from the Notebook preset)"
        in page.locator('[data-testid="stSidebar"]').inner_text()
    )
    page.keyboard.down("Shift")  # Shift-click: the other target
    page.mouse.click(*point(page, 0.75, 1.0))
    page.keyboard.up("Shift")
    table = [*table, [0.75, 1.0, 0.0]]
    wait_table(page, table)
    # A drag with many moves: exactly its last position is trained.
    drag(page, point(page, 0.5, 0.25), point(page, 0.9, 0.1), moves=60)
    page.mouse.up()
    table[4] = [0.9, 0.1, 1.0]
    wait_table(page, table)
    # Select a row, then Delete; then the × of a selected row.
    page.mouse.click(*point(page, 0.75, 1.0))
    page.keyboard.press("Delete")
    wait_table(page, table[:5])
    page.mouse.click(*point(page, 0.9, 0.1))
    page.locator('[data-lab="edit-delete"]').click()
    wait_table(page, table[:4])
    assert table[:4] == NOTEBOOK  # back to the preset's rows: no data= in the URL
    page.keyboard.press("Control+z")  # the × deletion undone
    wait_table(page, table[:5])
    page.keyboard.press("Control+z")  # the Delete undone
    wait_table(page, table)
    assert stage_step(page) == T
    # A link made now restores exactly this table, at this step, in a new session.
    link = page_share_link(page)
    assert url_rows(link) == table
    other = open_session(new_page, server, "?" + urlparse(link).query, charts=TRAIN_CHARTS)
    wait_table(other, table)
    # A run superseded while the page fetches it may already be gone from the media store
    # (HTTP 404, said on the stage until the newer run draws): reported, not this test's
    # subject; every table the test waits for is drawn from its own run.
    problems = [p for p in problems if "404" not in p]
    assert problems == [], "\n".join(problems)


def test_drag_outside_puts_the_row_back_and_keys_wait(server, new_page):
    page = open_session(new_page, server, charts=TRAIN_CHARTS)
    stand_on_step(page)
    area = page.evaluate(PLANE_POINT_JS, [0, 0])["area"]
    drag(page, point(page, 1, 0), point(page, 0.6, 0.4), moves=20)
    for key in ("ArrowRight", "ArrowLeft", "ArrowUp", "Home", "p"):
        page.keyboard.press(key)  # the transport acts in its keydown: at once, if at all
        assert stage_step(page) == T, f"{key} moved the step while a row was dragged"
    page.mouse.move(area["right"] + 80, area["top"] - 40, steps=5)  # off the plane
    page.mouse.up()
    wait_table(page, NOTEBOOK)
    assert "put back" in plane_state(page)["note"]
    page.mouse.click(area["left"] - 20, area["bottom"] + 20)  # outside the plot: nothing
    wait_table(page, NOTEBOOK)


def test_the_keyboard_adds_moves_and_deletes_rows_on_the_focused_plane(server, new_page):
    page = open_session(new_page, server, charts=TRAIN_CHARTS)
    stand_on_step(page)
    page.locator('[data-lab="edit-plane"]').focus()
    page.keyboard.press("Enter")  # a row at the plane's centre, target 1
    table = [*NOTEBOOK, [0.5, 0.5, 1.0]]
    wait_table(page, table)
    page.keyboard.press("ArrowUp")  # moves the new row up (the transport's ↑ would jump)
    wait_js(
        page,
        f"() => {{ const s = ({PLANE_STATE_JS})(); return s.coming === 0 && s.going === 0"
        " && s.drawn.length === 5 && s.drawn[4][1] > 0.5; }",
        what="row 5 moved up",
    )
    x2 = plane_state(page)["drawn"][4][1]
    assert 0.55 <= x2 <= 0.6, x2  # a twentieth of the axis's span, snapped to 0.01
    wait_table(page, [*NOTEBOOK, [0.5, x2, 1.0]])
    page.keyboard.press("Delete")
    wait_table(page, NOTEBOOK)
    assert stage_step(page) == T


def test_the_row_cap_gives_its_message(server, new_page):
    rows = [[i / 10, (10 - i) / 10, float(i % 2)] for i in range(9)]
    query = f"?data={encode_rows(rows)}&iterations=100000"
    page = open_session(new_page, server, query, charts=TRAIN_CHARTS)
    page.mouse.click(*point(page, 0.9, 0.9))  # empty space
    note = "at 100,000 iterations a table holds at most 9 rows"
    wait_js(
        page,
        f"() => ({PLANE_STATE_JS})().note.includes({note!r})",
        what="the cap's message",
    )
    assert url_rows(page.url) == rows
    assert plane_state(page)["coming"] == 0


def touch(cdp, kind: str, at: tuple[float, float] | None = None) -> None:
    points = [] if at is None else [{"x": at[0], "y": at[1]}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_touch_tap_adds_drag_moves_long_press_deletes(server, new_page):
    page = new_page(has_touch=True)
    page.goto(server.url)
    open_ready = page_js("stage_ready", TRAIN_CHARTS=TRAIN_CHARTS)
    wait_js(page, open_ready, what="the Train page")
    stand_on_step(page)
    cdp = page.context.new_cdp_session(page)
    touch(cdp, "touchStart", point(page, 0.25, 0.75))  # a tap adds
    touch(cdp, "touchEnd")
    table = [*NOTEBOOK, [0.25, 0.75, 1.0]]
    wait_table(page, table)
    start, end = point(page, 0.25, 0.75), point(page, 0.5, 0.5)
    touch(cdp, "touchStart", start)  # a drag moves
    for i in range(1, 31):
        f = i / 30
        touch(
            cdp,
            "touchMove",
            (start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1])),
        )
    touch(cdp, "touchEnd")
    table[4] = [0.5, 0.5, 1.0]
    wait_table(page, table)
    touch(cdp, "touchStart", point(page, 0.5, 0.5))  # a long press deletes, while held
    wait_js(page, f"() => ({PLANE_STATE_JS})().note.startsWith('Row 5 deleted')", what="deleted")
    touch(cdp, "touchEnd")
    wait_table(page, NOTEBOOK)
    cdp.detach()
