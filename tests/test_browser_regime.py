"""The regime map in the browser: a cell's hover names its run and that run's regime, a click
adds that run to the race and offers it on Train; the map reads in light, dark, presenter
mode and on a phone.

Expectations come from ``perceptron``: the cell's run trained alone and diagnosed
(``regime_of``), not from the map that drew it.
"""

from __future__ import annotations

import math

import pytest

import perceptron
from perceptron.regimes import regime_of
from tests.support.jsfiles import page_js
from tests.support.page import wait_js, wait_ready
from views.regime import WORDS

pytestmark = pytest.mark.browser

NOTEBOOK = perceptron.get_preset("notebook")
MAP_TIMEOUT_MS = 240_000
"""A cold map: 1,281 runs trained on a shared machine (seconds alone, more under load)."""
MIN_CONTRAST = 4.5

CELL_JS = """([x, y]) => {
  const gd = document.querySelector('.lab-chart-regime-map');
  const box = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  return [box.left + xa._offset + xa.l2p(x), box.top + ya._offset + ya.l2p(y)];
}"""
"""Where on screen the cell at (log10 rate, seed) is, from Plotly's own axes."""

HOVER_JS = """(wanted) => {
  const label = document.querySelector('.lab-chart-regime-map .hoverlayer .hovertext');
  return !!label && label.textContent.includes(wanted);
}"""

TRACES_JS = """() => document.querySelector('.lab-chart-regime-map').data
  .map((t) => ({name: t.name, x: t.x, y: t.y}))"""


def open_map(new_page, server, query: str = "", width: int = 1280, height: int = 900, **options):
    page = new_page(width, height, **options)
    page.goto(f"{server.url}/compare{query}")
    wait_ready(page, 2, stage=False, timeout=MAP_TIMEOUT_MS)
    page.wait_for_selector(".lab-regime[data-ready=true]", timeout=MAP_TIMEOUT_MS)
    page.locator(".lab-regime").scroll_into_view_if_needed()
    return page


def hover_cell(page, seed: int, rate: float, wanted: str) -> tuple[float, float]:
    x, y = page.evaluate(CELL_JS, [math.log10(rate), seed])
    page.mouse.move(x, y)
    wait_js(page, HOVER_JS, wanted, what=f"the hover text {wanted!r}")
    return x, y


def words_for(seed: int, rate: float) -> str:
    """What the map must say of this cell: its run trained alone, diagnosed."""
    return WORDS[regime_of(perceptron.train(NOTEBOOK.X, NOTEBOOK.y, seed, 10_001, rate))]


@pytest.mark.parametrize(("seed", "rate"), [(4, 2.5), (0, 0.001), (20, 1000.0)])
def test_hovering_a_cell_names_its_run_and_its_regime(server, new_page, seed, rate):
    page = open_map(new_page, server)
    run = f"lr {perceptron.settings.format_number(rate)}, seed {seed}"
    hover_cell(page, seed, rate, run)
    hover_cell(page, seed, rate, words_for(seed, rate))


def test_clicking_a_cell_adds_its_run_to_the_race_and_offers_it_on_train(server, new_page):
    page = open_map(new_page, server)
    x, y = hover_cell(page, 4, 2.5, "lr 2.5, seed 4")
    page.mouse.click(x, y)
    page.get_by_role("button", name="lr 2.5, seed 4").wait_for(timeout=MAP_TIMEOUT_MS)
    link = page.get_by_role("link", name="Open it on Train")
    link.wait_for()
    href = link.get_attribute("href")
    assert "seed=4" in href and "lr=2" in href and "lr=2.5" not in href, href
    said = page.locator("p", has=link).inner_text()
    assert "nearest to 2.5" in said and words_for(4, 2.5).lower() in said, said
    wait_ready(page, 2, stage=False, timeout=MAP_TIMEOUT_MS)


def test_the_sidebar_run_is_outlined_on_the_map(server, new_page):
    page = open_map(new_page, server, "?seed=7&lr=0.1")
    traces = {t["name"]: t for t in page.evaluate(TRACES_JS)}
    outline = traces["sidebar run (lr 0.1, seed 7)"]
    assert outline["y"] == [7] and math.isclose(outline["x"][0], -1.0)


@pytest.mark.parametrize(
    ("scheme", "query", "width", "height"),
    [
        pytest.param("light", "", 1280, 900, id="light"),
        pytest.param("dark", "", 1280, 900, id="dark"),
        pytest.param("light", "?presenter=true", 1920, 1080, id="presenter"),
        pytest.param("dark", "", 390, 844, id="phone-dark"),
    ],
)
def test_the_map_reads_in_every_theme_and_size(server, new_page, scheme, query, width, height):
    page = open_map(new_page, server, query, width, height, color_scheme=scheme)
    measured = page.evaluate(page_js("contrast"), ".lab-chart-regime-map")
    assert measured["count"] > 10, measured
    assert measured["worst"][0]["ratio"] >= MIN_CONTRAST, measured["worst"][:3]
    legend_clear = page.evaluate(
        """() => {
          const gd = document.querySelector('.lab-chart-regime-map');
          const legend = gd.querySelector('.legend').getBoundingClientRect();
          const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
          const page = document.documentElement.clientWidth;
          return legend.bottom <= plot.top + 1 && legend.right <= page + 1;
        }"""
    )
    assert legend_clear, "the legend overlaps the plot or leaves the screen"
