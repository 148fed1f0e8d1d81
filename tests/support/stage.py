"""The Train page's stage in Chromium: its DOM hooks, keys, and waits on what it shows.

The stage (``ui/static/stage.js``) marks what it shows with data attributes:
``.lab-stage[data-ready][data-step][data-mode]``, ``.lab-chart[data-step]`` per chart,
``.lab-number[data-lab]`` per number and ``[data-lab=step|back|jump|reset|play|slider|
speed|view]`` per control. Helpers read those (``stage_state``, ``stage_value``,
``stage_step``, ``stage_shown``), act like a student (``stage_control``, ``focus_page``,
``press``) and wait for what the page shows (``wait_step``, ``wait_stage_shows``,
``wait_link_step``, ``wait_settled``), never for a fixed time.
"""

from __future__ import annotations

import time

from perceptron.history import History
from tests.support.expected import expected_numbers, expected_rows
from tests.support.jsfiles import page_js
from tests.support.page import DEFAULT_TIMEOUT_MS, wait_js

NUMBER_KEYS = {"Iteration": "iteration", "Loss": "loss", "Accuracy": "accuracy"}
STAGE_STATE_JS = page_js("stage_state")
STAGE_SETTLED_JS = page_js("stage_settled")


def stage_control(page, key: str):
    """A control of the Train page's stage by its ``data-lab`` name (step, play, slider…)."""
    return page.locator(f'.lab-stage [data-lab="{key}"]')


def stage_state(page) -> dict:
    """Everything the stage shows now (``js/stage_state.js``), or None without a stage."""
    return page.evaluate(STAGE_STATE_JS)


def stage_value(page, key: str) -> str | None:
    """A number's shown text: ``key`` is "iteration", "loss", "accuracy", "w1"/"w-w1", …
    (the labels "Iteration", "Loss", "Accuracy" work too)."""
    key = NUMBER_KEYS.get(key, key)
    if key not in ("iteration", "loss", "accuracy") and not key.startswith("w-"):
        key = f"w-{key}"
    return page.evaluate(page_js("number_text"), key)


def stage_step(page) -> int | None:
    """The step on screen (the stage's ``data-step``)."""
    text = page.evaluate("() => document.querySelector('.lab-stage')?.dataset.step ?? null")
    return None if text is None else int(text)


def wait_step(page, t: int, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the stage, each of its charts and the Iteration number all show step ``t``."""
    wait_js(
        page, page_js("step_shown"), [t, f"{t:,}"], timeout=timeout, what=f"step {t} on the stage"
    )


def wait_settled(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until every stage chart is drawn at its box's final size (unchanged over 3 polls)."""
    wait_js(
        page,
        STAGE_SETTLED_JS,
        timeout=timeout,
        what="the stage's charts to take their final size",
    )


def focus_page(page) -> None:
    """Click a spot of the main area that is nothing interactive, so keys reach the page.

    On the Train page that is the Iteration number's label (inside the stage, so the click
    does not pause Play as a click elsewhere does); elsewhere the main area's top-left padding.
    """
    label = page.locator('.lab-stage .lab-number[data-lab="iteration"] .lab-number-label')
    if label.count():
        label.first.click(position={"x": 2, "y": 2})
    else:
        box = page.locator('[data-testid="stMainBlockContainer"]').first.bounding_box()
        assert box is not None, "no main area to click"
        page.mouse.click(box["x"] + 4, box["y"] + 70)


def press(page, key: str, times: int = 1, delay_ms: float = 0) -> None:
    """Focus the page (``focus_page``), then press ``key`` ``times`` times, ``delay_ms`` apart.

    ``delay_ms`` is pacing, not a wait for a condition: the time between presses is what
    some tests are about (quick presses, a student's pace)."""
    focus_page(page)
    for i in range(times):
        if i and delay_ms:
            page.wait_for_timeout(delay_ms)
        page.keyboard.press(key)


def page_share_link(page) -> str | None:
    """The link in the sidebar's "Share and export" expander (present even while closed)."""
    return page.evaluate(page_js("page_share_link"))


def wait_link_step(page, t: int, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the share link (the address bar, as ``url.js`` writes it) says step ``t``."""
    wait_js(
        page,
        page_js("link_step"),
        t,
        timeout=timeout,
        what=f"the share link to say step {t}",
    )


def stage_shown(page) -> dict | None:
    """The stage's step, numbers, rows table and Play state in one frame (None until ready)."""
    return page.evaluate(page_js("stage_shown"))


def wait_stage_shows(page, h: History, t: int, timeout: float = 30.0) -> dict:
    """Until the stage shows step ``t`` of ``h``: its numbers and its rows table."""
    want = {"step": t, "numbers": expected_numbers(h, t), "rows": expected_rows(h, t)}
    deadline = time.monotonic() + timeout
    while True:  # polls what the stage shows: a wait for a condition
        got = stage_shown(page)
        if got and {k: got[k] for k in want} == want:
            return got
        assert time.monotonic() < deadline, f"the stage shows {got}, expected {want}"
        time.sleep(0.1)
