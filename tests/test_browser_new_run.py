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


# Each Plotly figure put up from now on (Chart.plot's react, or a new plot), by chart.
COUNT_REDRAWS_JS = """() => {
  window.labRedraws = [];
  for (const name of ['react', 'newPlot', 'purge']) {
    const plain = Plotly[name];
    Plotly[name] = function (div, ...rest) {
      window.labRedraws.push(`${name} ${div.className}`);
      return plain.call(this, div, ...rest);
    };
  }
}"""

# For each chart name, each (x, y) in data units: the most opaque pixel of the chart's lines
# canvas within 2 px of where the chart's axes place it (0: nothing drawn there).
LINE_INK_JS = """(points) => Object.fromEntries(Object.entries(points).map(([name, xys]) => {
  const div = document.querySelector(`.lab-stage .lab-chart-${name}`);
  const canvas = div.querySelector(':scope > canvas.lab-lines');
  const { xaxis: xa, yaxis: ya } = div._fullLayout;
  const px = (axis, v) => axis._offset + axis.c2p(axis.d2c(v));
  const dpr = canvas.width / canvas.getBoundingClientRect().width;
  const left = parseFloat(canvas.style.left), top = parseFloat(canvas.style.top);
  const context = canvas.getContext('2d');
  return [name, xys.map(([x, y]) => {
    const cx = Math.round((px(xa, x) - left) * dpr), cy = Math.round((px(ya, y) - top) * dpr);
    const r = Math.round(2 * dpr);
    const { data } = context.getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1);
    let most = 0;
    for (let i = 3; i < data.length; i += 4) most = Math.max(most, data[i]);
    return most;
  })];
}))"""


# Each chart's lines canvas as a picture (a data URL), by chart.
LINES_PICTURE_JS = """() => [...document.querySelectorAll('.lab-stage canvas.lab-lines')]
  .map((canvas) => canvas.toDataURL())"""


def line_points(h: perceptron.History) -> dict[str, list[tuple[float, float]]]:
    """Points the page's lines must pass through: each chart's values at a few steps."""
    steps = [0, 1, 3, 10, 30, 100, 300, 1_000, 3_000, h.last_step]
    at = [(s + 1, s) for s in steps]
    return {
        "loss": [(x, float(h.loss[s])) for x, s in at],
        "weights": [(x, float(h.weights[s, j])) for x, s in at for j in range(2)],
        "errors": [(x, float(h.predictions[s, i] - h.y[i])) for x, s in at for i in range(4)],
        "landscape": [(float(h.weights[s, 0]), float(h.weights[s, 1])) for s in steps],
    }


def test_a_new_seed_redraws_no_figure_and_its_lines_are_the_new_run(server, new_page):
    """Seed 1 → 2 on the notebook's data rounds every axis to the same numbers (views/lines.py,
    the landscape's window holds where every seed starts): the page puts up no Plotly figure,
    and strokes the new run's lines through its history."""
    page = new_page()
    page.goto(server.url)
    wait_ready(page, TRAIN_CHARTS)
    wait_stage_shows(page, run(), 0)
    ink = page.evaluate(LINE_INK_JS, line_points(run()))
    assert all(all(v > 0 for v in values) for values in ink.values()), ink
    picture = page.evaluate(LINES_PICTURE_JS)
    assert len(picture) == 4  # landscape (its path), weights, errors, loss
    page.evaluate(COUNT_REDRAWS_JS)
    seed_up(page)
    wait_stage_shows(page, run(seed=2), 0)
    assert page.evaluate("() => window.labRedraws") == []
    ink = page.evaluate(LINE_INK_JS, line_points(run(seed=2)))
    assert all(all(v > 0 for v in values) for values in ink.values()), ink
    # And the canvases were painted anew (not just left with seed 1's lines, which pass near).
    assert page.evaluate(LINES_PICTURE_JS) != picture
