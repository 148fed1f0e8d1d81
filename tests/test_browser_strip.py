"""The Train page's "why this step" parts in Chromium: the strip, point to seek, the sticky bar.

Every number is checked against ``perceptron``'s History (``History.step(t)`` printed as the
Walkthrough prints it), never against what the page showed before.
"""

from __future__ import annotations

import math

import pytest

from perceptron import diagnostics
from tests.support.expected import DIVERGING_QUERY, notebook_run, run_of_query
from tests.support.page import TRAIN_CHARTS, open_session, wait_js
from tests.support.stage import press, stage_step, wait_step
from tests.test_js_strip import eight
from ui import caps as app_caps

pytestmark = pytest.mark.browser

STRIP_JS = """() => {
  const strip = document.querySelector('.lab-stage [data-lab=strip]');
  const cells = (tr) => [...tr.children].map((c) => c.textContent);
  return {
    summary: strip.querySelector('summary').textContent,
    rows: [...strip.querySelectorAll('tbody tr')].map(cells),
    foot: [...strip.querySelectorAll('tfoot tr')].map(cells),
    notes: [...strip.querySelectorAll('.lab-strip-note')].map((n) => n.textContent),
    end: strip.querySelector('.lab-strip-end').hidden ? null
      : strip.querySelector('.lab-strip-end').textContent,
  };
}"""


def expected_strip(h, t: int) -> dict:
    """The strip's rows and foot at step t, from the engine ("{:.8f}" as the Walkthrough)."""
    view = h.step(t)
    rows = [
        [
            str(i + 1),
            *[f"{v:.6g}" for v in view.layer_0[i]],
            f"{h.y[i]:.6g}",
            *[f"{v:.8f}" for v in (view.layer_1[i, 0], view.layer_1_error[i, 0])],
            f"{view.layer_1_delta[i, 0]:.8f}",
            *[f"{v * view.layer_1_delta[i, 0]:.8f}" for v in view.layer_0[i]],
        ]
        for i in range(h.n_rows)
    ]
    g = view.synapse_derivative[:, 0]
    foot = [
        ["synapse_derivative = Σ x·delta", *[f"{v:.8f}" for v in g]],
        [f"synapse_0 (step {t:,})", *[f"{v:.8f}" for v in view.synapse_0[:, 0]]],
        [
            f"− {h.learning_rate:g} × synapse_derivative",
            *[f"{-h.learning_rate * v:.8f}" for v in g],
        ],
        [f"new synapse_0 (step {t + 1:,})", *[f"{v:.8f}" for v in view.new_synapse[:, 0]]],
    ]
    return {"rows": rows, "foot": foot}


def show_strip(page) -> None:
    """Scroll the strip into view and wait until it has caught up with the stage's step."""
    page.locator(".lab-stage [data-lab=strip]").scroll_into_view_if_needed()
    wait_js(
        page,
        """() => { const s = document.querySelector('.lab-stage');
          const at = `synapse_0 (step ${Number(s.dataset.step).toLocaleString('en-US')})`;
          return [...s.querySelectorAll('[data-lab=strip] tfoot th')]
            .some((th) => th.textContent === at); }""",
        what="the strip at the stage's step",
    )


def test_the_strip_moves_with_a_step_in_the_same_frame(server, new_page):
    h = notebook_run()
    page = open_session(new_page, server, "", TRAIN_CHARTS)
    press(page, "ArrowRight")
    wait_step(page, 1)
    show_strip(page)
    assert {k: v for k, v in page.evaluate(STRIP_JS).items() if k in ("rows", "foot")} == (
        expected_strip(h, 1)
    )
    # A click on Step and a read in the same task: the strip is already at step 2.
    shown = page.evaluate(
        f"() => {{ document.querySelector('.lab-stage [data-lab=step]').click();"
        f" return ({STRIP_JS})(); }}"
    )
    assert shown["summary"] == "Step t = 2: the update from synapse_0 at step 2 to step 3"
    assert {"rows": shown["rows"], "foot": shown["foot"]} == expected_strip(h, 2)
    # The Step bar stays in reach down here (sticky): its button is what is under its centre.
    assert page.evaluate(
        """() => { const b = document.querySelector('.lab-stage [data-lab=step]');
          const r = b.getBoundingClientRect();
          return r.top >= 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
            ?.closest('[data-lab=step]') === b; }"""
    ), "the Step button scrolled away"


def test_the_strip_links_to_the_walkthrough_at_the_same_step(server, new_page):
    page = open_session(new_page, server, "", TRAIN_CHARTS)
    press(page, "ArrowRight", times=3)
    wait_step(page, 3)
    show_strip(page)
    page.locator(".lab-stage [data-lab=strip-walkthrough]").click()
    page.wait_for_url("**/walkthrough*")
    page.get_by_text("Step t = 3:").first.wait_for()


def test_a_diverged_runs_last_step_says_why_and_shows_its_note_in_full(server, new_page):
    h = run_of_query(DIVERGING_QUERY)
    [signal] = [s for s in diagnostics.diagnose(h) if s.kind == "divergence"]
    query = "&".join(f"{k}={v}" for k, v in DIVERGING_QUERY.items())
    page = open_session(new_page, server, f"/?{query}", TRAIN_CHARTS)
    press(page, "ArrowRight")
    wait_step(page, h.last_step)
    show_strip(page)
    shown = page.evaluate(STRIP_JS)
    assert shown["notes"] == [f"{signal.title}. {signal.detail}"]
    assert shown["end"] == (
        f"Step {h.last_step:,} is the last with finite weights: the update to step "
        f"{h.diverged_at:,} overflows (see the note above)."
    )
    assert shown["foot"] == [
        [f"synapse_0 (step {h.last_step:,})", *map(eight, h.weights[h.last_step])]
    ]
    # The readout's one-line note says it opens, and opens.
    more = page.locator(".lab-stage .lab-signal-more")
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert more.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("chart", ["loss", "weights", "errors"])
def test_a_click_on_a_chart_seeks_to_the_iteration_it_names(server, new_page, chart):
    h = notebook_run()
    page = open_session(new_page, server, "", TRAIN_CHARTS)
    plot = page.locator(f".lab-chart-{chart} .nsewdrag").first
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    x, y = round(box["x"] + box["width"] * 0.55), round(box["y"] + box["height"] * 0.5)
    page.mouse.move(x, y)
    tip = page.locator(f".lab-slot:has(.lab-chart-{chart}) .lab-seek-tip")
    tip.wait_for()
    lines = tip.evaluate("(t) => [...t.children].map((d) => d.textContent)")
    head = lines[0]
    assert head.startswith("step ") and head.endswith(" · click to go there")
    t = int(head.removeprefix("step ").split(" ")[0].replace(",", ""))
    assert 10 < t < h.last_step
    expected = {
        "loss": [f"Squared error = {h.loss[t]:.4g}"],
        "weights": [f"{n} = {h.weights[t, j]:.6f}" for j, n in enumerate(h.weight_names)],
        "errors": [f"row {i + 1} = {h.predictions[t, i] - h.y[i]:.6f}" for i in range(h.n_rows)],
    }[chart]
    assert lines[1:] == expected
    page.mouse.click(x, y)
    wait_step(page, t)
    assert stage_step(page) == t


# Where the landscape draws (w1, w2), in page pixels.
LANDSCAPE_POINT_JS = """([w1, w2]) => {
  const div = document.querySelector('.lab-stage .lab-chart-landscape');
  const { xaxis: xa, yaxis: ya } = div._fullLayout;
  const box = div.getBoundingClientRect();
  return [box.left + xa._offset + xa.c2p(w1), box.top + ya._offset + ya.c2p(w2)];
}"""


def test_hovering_the_landscapes_path_names_the_step_there_and_a_click_seeks(server, new_page):
    """The path is the page's line (ui/static/lines.js): the pointer on it names the drawn
    step nearest it with its exact weights, and a click goes there."""
    h = notebook_run()
    page = open_session(new_page, server, "", TRAIN_CHARTS)
    page.locator(".lab-chart-landscape").scroll_into_view_if_needed()
    x, y = (round(v) for v in page.evaluate(LANDSCAPE_POINT_JS, h.weights[300].tolist()))
    page.mouse.move(x, y)
    tip = page.locator(".lab-slot:has(.lab-chart-landscape) .lab-seek-tip")
    tip.wait_for()
    lines = tip.evaluate("(t) => [...t.children].map((d) => d.textContent)")
    t = int(lines[0].removeprefix("step ").split(" ")[0].replace(",", ""))
    px, py = page.evaluate(LANDSCAPE_POINT_JS, h.weights[t].tolist())
    assert t > 0 and math.hypot(px - x, py - y) <= 12, (t, px - x, py - y)
    assert lines[1:] == [f"w1 = {h.weights[t, 0]:.6f}", f"w2 = {h.weights[t, 1]:.6f}"]
    page.mouse.click(x, y)
    wait_step(page, t)
    far = page.evaluate(LANDSCAPE_POINT_JS, [h.weights[:, 0].max() + 1, h.weights[:, 1].max()])
    page.mouse.move(*far)  # nowhere near the path: nothing named
    tip.wait_for(state="hidden")


def test_hundreds_of_rows_keep_titles_whole_and_the_errors_plot_tall(server, new_page):
    """600 rows (a link holds at most 666): the titles say "first 12 of 600" in full, the
    errors plot keeps its height (no 12-row legend over it), and only the followed rows get
    strip lines, the other 588 one summed line."""
    rows = ";".join(f"{i % 7},{i % 5},{i % 2}" for i in range(600))
    iterations = app_caps.APP_MAX_HISTORY_VALUES // 600 - 1  # within the app's cap
    page = open_session(new_page, server, f"/?data={rows}&iterations={iterations}", TRAIN_CHARTS)
    wait_js(
        page,
        "() => document.querySelector('.lab-stage [data-lab=strip] summary') &&"
        " document.querySelectorAll('.lab-stage .lab-rows tbody tr').length === 12",
        what="the 600-row run on the stage",
    )
    page.evaluate("() => document.querySelector('.lab-stage').scrollIntoView()")
    titles = page.evaluate(
        """() => [...document.querySelectorAll('.lab-stage .lab-title')].map((t) => ({
          text: t.textContent, cut: t.scrollHeight > t.clientHeight + 1
            || t.scrollWidth > t.clientWidth + 1 }))"""
    )
    assert any("first 12 of 600" in t["text"] for t in titles), titles
    assert not [t for t in titles if t["cut"]], titles
    plot = page.evaluate(
        "() => document.querySelector('.lab-chart-errors')._fullLayout.yaxis._length"
    )
    assert plot >= 200, f"the errors plot is {plot} px tall"
    show_strip(page)
    shown = page.evaluate(STRIP_JS)
    assert len(shown["rows"]) == 12
    assert shown["foot"][0][0] == "rows 13–600 (no line), summed"
