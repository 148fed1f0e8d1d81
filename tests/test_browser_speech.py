"""The Train page for a screen reader and a keyboard (issue 21, items 2–4), in Chromium.

What the stage says in its polite live region (one sentence per settled move, none during
Play), each chart's accessible name, description and data table at step t, the list of
keys, where focus goes, and Play with reduced motion. Expected numbers come from the engine
(``perceptron.train`` via ``tests/support/expected.py``), printed with Python's format specs
as the page prints them. Every wait is for a condition in the page; the JS snippets are
``tests/support/js/speech_watch.js``, ``chart_texts.js`` and ``chart_table.js``.
"""

from __future__ import annotations

import math

import pytest

from perceptron import diagnostics
from perceptron.history import History
from perceptron.settings import LOSS_LABELS
from tests.support.expected import (
    DIVERGING_LATER_QUERY,
    expected_numbers,
    expected_rows,
    loss_text,
    notebook_run,
    run_of_query,
)
from tests.support.jsfiles import page_js
from tests.support.page import open_session, wait_js
from tests.support.stage import press, stage_control, stage_step, wait_step

pytestmark = pytest.mark.browser

WATCH_JS = page_js("speech_watch")
SPEECH_JS = "() => window.__speech"
SAID_JS = "(text) => window.__speech.spoken.at(-1) === text"
TEXTS_JS = page_js("chart_texts")
TABLE_JS = page_js("chart_table")
ACTIVE_JS = "() => document.activeElement?.dataset.lab ?? document.activeElement?.dataset.value"
SLOTS = ("output", "landscape", "loss", "weights", "errors")
PLAYED_TO = 100
"""A step Play reaches in about 2 s at Normal speed (log time: 10,001 steps in 15 s)."""


@pytest.fixture
def train(server, new_page):
    """Factory: a new session on the Train page (``query`` appended to the URL), ready."""

    def make(query: str = ""):
        return open_session(new_page, server, query and f"/?{query}")

    return make


# ----------------------------------------------------------------------- expectations


def sentence(h: History, t: int) -> str:
    """What the live region says at step t: the numbers row's iteration, loss, accuracy."""
    shown = expected_numbers(h, t)
    return (
        f"Step {shown['iteration']} of {h.last_step:,}: "
        f"loss {shown['loss']}, accuracy {shown['accuracy']}"
    )


def spoken_list(items: list[int]) -> str:
    """1; 1 and 2; 1, 2 and 3."""
    if len(items) == 1:
        return str(items[0])
    return ", ".join(map(str, items[:-1])) + f" and {items[-1]}"


def output_text(h: History, t: int, lead: str) -> str:
    """The output plane at t: its boundary line (no bias here), its side, each row's place."""
    w1, w2 = (float(w) for w in h.weights[t])
    sides = ["right", "upper right", "top", "upper left", "left", "lower left", "bottom"]
    side = [*sides, "lower right"][(round(math.atan2(w2, w1) / (math.pi / 4)) + 8) % 8]
    groups = []
    for where, test in (("below", lambda p: p < 0.5), ("above", lambda p: p > 0.5)):
        rows = [i + 1 for i, p in enumerate(h.predictions[t]) if test(p)]
        if rows:
            groups.append(
                f"{'rows' if len(rows) > 1 else 'row'} {spoken_list(rows)} "
                f"{'are' if len(rows) > 1 else 'is'} {where} 0.5"
            )
    return (
        f"{lead} at step {t:,}: the boundary (output 0.5) is the line x2 = {-w1 / w2:.4g}·x1; "
        f"the output is above 0.5 toward the {side}; {', '.join(groups)}."
    )


def descriptions(h: History, t: int) -> dict[str, str]:
    """Each chart's description at step t (t > 0) of a run without a bias."""

    def weights(s: int) -> str:
        return ", ".join(
            f"{n} = {w:.6f}" for n, w in zip(h.weight_names, h.weights[s], strict=True)
        )

    def loss(s: int) -> str:
        return loss_text(float(h.loss[s]))

    trend = "falling" if h.loss[t] < h.loss[t - 1] else "rising"
    misses = h.predictions[t] - h.y
    errors = ", ".join(f"row {i + 1} {miss:.6f}" for i, miss in enumerate(misses))
    return {
        "output": output_text(h, t, "Output over the input plane"),
        "landscape": f"The weights at step {t:,}: {weights(t)}; the loss there is {loss(t)}. "
        f"The walk started at {weights(0)}, loss {loss(0)}.",
        "loss": f"The loss ({LOSS_LABELS[h.objective]}) at step {t:,}: {loss(t)}, {trend} "
        f"({loss(t - 1)} at step {t - 1:,}); it started at {loss(0)}.",
        "weights": f"Each weight at step {t:,}: {weights(t)}.",
        "errors": f"Each row's error ŷ − y at step {t:,}: {errors}.",
    }


def wait_said(page, text: str) -> None:
    wait_js(page, SAID_JS, text, what=f"the live region to say {text!r}")


# ------------------------------------------------------------------------------ tests


def test_one_step_is_said_with_the_engines_numbers(train):
    h = notebook_run()
    page = train()
    region = page.locator('.lab-stage [data-lab="spoken"]')
    assert region.get_attribute("role") == "status"
    assert region.get_attribute("aria-live") == "polite"
    page.evaluate(WATCH_JS)
    press(page, "ArrowRight")
    wait_step(page, 1)
    said = sentence(h, 1)
    assert said.startswith("Step 1 of 10,001: loss ") and said.endswith("%")
    wait_said(page, said)
    assert page.evaluate(SPEECH_JS)["spoken"] == [said]


def test_a_burst_of_presses_is_said_once(train):
    h = notebook_run()
    page = train()
    page.evaluate(WATCH_JS)
    press(page, "ArrowRight", times=5)
    wait_said(page, sentence(h, 5))
    assert page.evaluate(SPEECH_JS)["spoken"] == [sentence(h, 5)], "one change for 5 presses"


def test_play_is_said_only_at_pause(train):
    h = notebook_run()
    page = train()
    page.evaluate(WATCH_JS)
    press(page, "p")
    wait_js(page, f"() => Number(document.querySelector('.lab-stage').dataset.step) >= {PLAYED_TO}")
    assert page.evaluate(SPEECH_JS)["spoken"] == [], "nothing is said while Play runs"
    page.keyboard.press("p")
    t = stage_step(page)
    wait_said(page, sentence(h, t))
    assert page.evaluate(SPEECH_JS)["spoken"] == [sentence(h, t)]


def test_a_signal_is_said_when_it_begins(server, new_page):
    h = run_of_query(DIVERGING_LATER_QUERY)
    signal = diagnostics.diagnose(h)[0]
    assert signal.kind == "divergence" and h.last_step == 1
    query = "&".join(f"{k}={v}" for k, v in DIVERGING_LATER_QUERY.items())
    page = open_session(new_page, server, f"/?{query}")
    page.evaluate(WATCH_JS)
    press(page, "ArrowRight")
    said = f"{sentence(h, 1)}. {signal.title}. {signal.detail}"
    wait_said(page, said)
    assert page.evaluate(SPEECH_JS)["spoken"] == [said]


def test_each_chart_has_a_name_and_a_description_at_t(train):
    from playwright.sync_api import expect

    h = notebook_run()
    page = train()
    press(page, "ArrowRight", times=2)
    want = descriptions(h, 2)
    wait_js(page, f"(want) => ({TEXTS_JS})().errors.description === want", want["errors"])
    texts = page.evaluate(TEXTS_JS)
    assert {slot: texts[slot]["description"] for slot in SLOTS} == want
    for slot in SLOTS:
        title = texts[slot]["title"]
        assert title, slot
        assert texts[slot]["save"] == f"Save the {title} chart as PNG"
        assert texts[slot]["table"] == f"Table of the {title} chart"
        chart = page.locator(f'.lab-stage .lab-slot[data-slot="{slot}"] .lab-chart')
        expect(chart).to_have_accessible_name(title)
        expect(chart).to_have_accessible_description(want[slot])
    assert len({texts[slot]["save"] for slot in SLOTS}) == len(SLOTS), "one name per save button"


def test_the_table_toggle_shows_the_data_at_t(train):
    h = notebook_run()
    page = train()
    press(page, "ArrowRight", times=2)
    wait_step(page, 2)
    toggle = page.locator('.lab-stage [data-lab="table-toggle-weights"]')
    toggle.click()

    def table_at(t: int) -> dict:
        caption = f"Each weight: the data at step {t:,}"
        wait_js(page, f"(caption) => ({TABLE_JS})('weights')?.caption === caption", caption)
        return page.evaluate(TABLE_JS, "weights")

    table = table_at(2)
    assert table["shown"] and table["expanded"] == "true"
    assert table["head"] == [["weight", "step 0", "step 2"]] and table["headCells"] == 3
    assert table["rows"] == [
        [name, f"{h.weights[0, j]:.6f}", f"{h.weights[2, j]:.6f}"]
        for j, name in enumerate(h.weight_names)
    ]
    page.keyboard.press("ArrowRight")  # focus is on the toggle, a button: keys still act
    wait_step(page, 3)
    assert table_at(3)["rows"][0] == ["w1", f"{h.weights[0, 0]:.6f}", f"{h.weights[3, 0]:.6f}"]
    toggle.click()
    assert page.evaluate(TABLE_JS, "weights")["shown"] is False
    assert toggle.get_attribute("aria-expanded") == "false"


def test_the_3d_view_has_its_words_and_table(train):
    h = notebook_run()
    page = train("view=3D+surface")
    press(page, "ArrowRight")
    want = output_text(h, 1, "Output as a 3D sheet over the input plane")
    wait_js(page, f"(want) => ({TEXTS_JS})().output.description === want", want)
    page.locator('.lab-stage [data-lab="table-toggle-surface"]').click()
    wait_js(page, f"() => ({TABLE_JS})('output')?.shown === true")
    table = page.evaluate(TABLE_JS, "output")
    assert table["head"] == [["row", "x1", "x2", "target", "output"]]
    assert table["rows"] == [row[:5] for row in expected_rows(h, 1)]


def test_question_mark_lists_the_keys_and_escape_closes_it(train):
    from playwright.sync_api import expect

    page = train()
    stage_control(page, "step").focus()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keys")
    expect(dialog).to_be_visible()
    for key in ("→", "←", "↑", "Home", "P", "?"):
        expect(dialog.locator("kbd", has_text=key).first).to_be_visible()
    page.keyboard.press("ArrowRight")  # handled (and ignored) before the next press
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert stage_step(page) == 0, "no key acts while the list is open"
    assert page.evaluate(ACTIVE_JS) == "step", "focus returns where it was"
    stage_control(page, "keys").click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    assert page.evaluate(ACTIVE_JS) == "keys"


def test_focus_follows_the_page_and_stays_on_a_control_after_reset(train):
    page = train()
    stage_control(page, "step").click()
    wait_step(page, 1)
    stage_control(page, "reset").focus()
    order = []
    for _ in range(17):
        page.keyboard.press("Tab")
        order.append(page.evaluate(ACTIVE_JS))
    assert order == [
        "back", "step", "jump", "play", "Slow", "Normal", "Fast", "slider", "copy", "keys",
        "save-animation", "1", "0",  # the plane's target for a new row (● 1 / ○ 0)
        "heatmap", "3d", "table-toggle-heatmap", "save-heatmap",
    ]  # fmt: skip
    stage_control(page, "reset").focus()
    page.keyboard.press("Enter")
    wait_step(page, 0)
    assert page.evaluate(ACTIVE_JS) == "step", "Reset is disabled at step 0: focus moves to Step"
    press(page, "ArrowRight", times=2)
    wait_step(page, 2)
    page.keyboard.press("Home")
    wait_step(page, 0)
    assert page.evaluate(ACTIVE_JS) == "step", "after Home, focus is on a control"


def test_reduced_motion_still_plays_in_discrete_moves(train):
    page = train()
    page.emulate_media(reduced_motion="reduce")
    wait_js(page, "() => matchMedia('(prefers-reduced-motion: reduce)').matches")
    page.evaluate(WATCH_JS)
    press(page, "p")
    wait_js(page, f"() => Number(document.querySelector('.lab-stage').dataset.step) >= {PLAYED_TO}")
    page.keyboard.press("p")
    steps = page.evaluate(SPEECH_JS)["steps"]
    assert steps[-1] >= PLAYED_TO, steps
    # Smooth Play shows a new step in nearly every frame; held moves come at most 2 a second.
    assert len(steps) <= 8, f"{len(steps)} moves on the way to step {PLAYED_TO}: {steps}"
