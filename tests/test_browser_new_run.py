"""A new run on the Train page (issue 18, items 3 and 4): what a student's what-if shows.

Each test changes a setting in the sidebar like a student does (the seed's + button, the
rate's slider with the arrow key, the loss's segmented control, the iterations box, the
preset picker) and then reads what the page shows against ``perceptron.train`` run here:

- the step on screen is kept across every new run, clamped to the new run's length, so
  "same step, new data" can be compared;
- quick clicks end on the newest run, drawn once it is there (``ui/static/newest.js``);
- after new data (a preset), the landscape's axes are the new run's window, exactly as a
  fresh page opened on the same link draws them: no blank bands, the path on the chart.
"""

from __future__ import annotations

import numpy as np
import pytest

import perceptron
from perceptron.datasets import PRESETS
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y
from tests.support.page import DEFAULT_TIMEOUT_MS, TRAIN_CHARTS, wait_js, wait_ready
from tests.support.stage import press, wait_stage_shows, wait_step
from views.geometry import landscape_window, weights_2d

pytestmark = pytest.mark.browser


def run(rows=None, **settings) -> perceptron.History:
    """The engine's run with the app's defaults and ``settings``, on the notebook's rows."""
    if rows is None:
        return perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, **settings)
    table = np.array(rows, dtype=float)
    return perceptron.train(table[:, :2], table[:, 2], **settings)


def shown_run(page) -> str | None:
    return page.evaluate("() => document.querySelector('.lab-stage')?.dataset.run ?? null")


def wait_new_run(page, before: str | None) -> None:
    """Until the stage has drawn a run other than ``before`` and the script is idle."""
    wait_js(
        page,
        """(before) => document.querySelector('.lab-stage')?.dataset.run !== before
           && document.querySelector('[data-testid="stApp"]')
                ?.getAttribute('data-test-script-state') === 'notRunning'""",
        before,
        what="a new run drawn",
    )


def seed_up(page) -> None:
    before = shown_run(page)
    page.locator('.st-key-seed [data-testid="stNumberInputStepUp"]').click()
    wait_new_run(page, before)


def rate_notch(page, key: str) -> float:
    """Move the learning rate's slider one notch with ``key``; the rate it then shows."""
    before = shown_run(page)
    slider = page.locator('.st-key-lr input[type="range"]')
    slider.focus()
    page.keyboard.press(key)
    wait_new_run(page, before)
    return float(slider.get_attribute("aria-valuetext"))


def pick_loss(page, label: str) -> None:
    before = shown_run(page)
    page.locator(".st-key-loss button", has_text=label).click()
    wait_new_run(page, before)


def set_iterations(page, n: int) -> None:
    before = shown_run(page)
    box = page.locator(".st-key-iterations input")
    box.fill(str(n))
    box.press("Enter")
    wait_new_run(page, before)


def test_the_step_is_kept_across_every_new_run(server, new_page):
    """t stays where the student left it (clamped to a shorter run) for a new seed, rate,
    loss and iteration count; the page's own steps count, not the link's t."""
    page = new_page()
    page.goto(f"{server.url}/?t=40")
    wait_ready(page, TRAIN_CHARTS)
    wait_stage_shows(page, run(), 40)
    press(page, "ArrowRight", 3)
    wait_step(page, 43)
    seed_up(page)
    wait_stage_shows(page, run(seed=2), 43)
    rate = rate_notch(page, "ArrowRight")
    assert rate > 1.0
    wait_stage_shows(page, run(seed=2, learning_rate=rate), 43)
    pick_loss(page, "Cross-entropy")
    settings = {"seed": 2, "learning_rate": rate, "objective": "cross_entropy"}
    wait_stage_shows(page, run(**settings), 43)
    set_iterations(page, 30)  # shorter than t: the last step
    wait_stage_shows(page, run(**settings, iterations=30), 30)
    set_iterations(page, 35)  # longer again: t stays where it was clamped
    wait_stage_shows(page, run(**settings, iterations=35), 30)
    press(page, "ArrowLeft", 5)
    wait_step(page, 25)
    set_iterations(page, 28)  # shorter than the server's last t (30), not than the page's
    wait_stage_shows(page, run(**settings, iterations=28), 25)


def test_quick_clicks_end_on_the_newest_run(server, new_page):
    """Three quick clicks on the seed's +: the page ends on seed 4's run, at its step."""
    page = new_page()
    page.goto(f"{server.url}/?t=7")
    wait_ready(page, TRAIN_CHARTS)
    wait_stage_shows(page, run(), 7)
    plus = page.locator('.st-key-seed [data-testid="stNumberInputStepUp"]')
    for _ in range(3):
        plus.click()
    wait_stage_shows(page, run(seed=4), 7)
    wait_js(page, "() => !document.querySelector('.lab-stage').dataset.error", what="no error")


# The landscape's axes as Plotly drew them: ranges, domains and the plot area's size.
LANDSCAPE_AXES_JS = """() => {
  const f = document.querySelector('.lab-chart-landscape')?._fullLayout;
  return f && { x: f.xaxis.range, y: f.yaxis.range, xd: f.xaxis.domain, yd: f.yaxis.domain,
                w: f._size.w, h: f._size.h };
}"""


def landscape_axes(page) -> dict:
    return page.evaluate(LANDSCAPE_AXES_JS)


def test_landscape_fills_the_plot_after_new_data(server, new_page):
    """After a preset change the landscape shows the new run's window, square, as a fresh
    page on the same link does (before the fix it kept the old run's domain and widened
    the new ranges: blank bands, the path running off)."""
    xor = PRESETS["xor"]
    window = landscape_window([weights_2d(run(xor.rows))])
    page = new_page()
    page.goto(server.url)
    wait_ready(page, TRAIN_CHARTS)
    before = shown_run(page)
    page.locator(".st-key-preset").click()
    page.get_by_role("option", name=xor.name).click()
    wait_new_run(page, before)
    wait_stage_shows(page, run(xor.rows), 0)
    changed = landscape_axes(page)
    assert changed["x"] == pytest.approx(window[0], rel=1e-12)
    assert changed["y"] == pytest.approx(window[1], rel=1e-12)
    fresh = new_page()
    fresh.goto(page.url)
    wait_ready(fresh, TRAIN_CHARTS, timeout=DEFAULT_TIMEOUT_MS)
    wait_stage_shows(fresh, run(xor.rows), 0)
    # The same picture as a fresh page's, whatever height the page above left each chart:
    # the same ranges, one scale on both axes, and one axis spanning its whole domain.
    for axes in (changed, landscape_axes(fresh)):
        assert (axes["x"], axes["y"]) == (changed["x"], changed["y"])
        spans = [axes["xd"][1] - axes["xd"][0], axes["yd"][1] - axes["yd"][0]]
        per_x = axes["w"] * spans[0] / (axes["x"][1] - axes["x"][0])
        per_y = axes["h"] * spans[1] / (axes["y"][1] - axes["y"][0])
        assert per_x == pytest.approx(per_y, rel=0.02), axes
        assert max(spans) == pytest.approx(1.0), axes
