"""Why the weights moved, on the Train page: the landscape's arrows and the plane's rings.

At step t the landscape draws the step (×k, k from 1-2-5, said on the chart) and each
followed row's pull tip to tail in the row's colour, ending where the step ends; on a bias
run it prints b's part of the step and the slice it shows is at b of step t. The plane
rings each followed row by its miss |ŷ − y|. Expectations come from perceptron's History;
the arrows' pixels from the chart's own axes. (The JS against Python on a diverged run,
cross-entropy and 1,000 rows: tests/test_js_step_parts.py.)
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from perceptron.history import History
from tests.support.expected import run_of_query
from tests.support.jsfiles import page_js
from tests.support.page import wait_js, wait_ready
from tests.support.stage import press, wait_step
from views.output import heatmap_chart
from views.style import row_colour

pytestmark = pytest.mark.browser

ARROWS_JS = page_js("arrows_drawn")
NICE = {n * 10**e for e in range(-6, 13) for n in (1, 2, 5)}
PX = 0.05
"""Pixels two drawn points may differ by: SVG attributes carry the page's float64 maths."""


def open_at(new_page, server, query: str, **options):
    page = new_page(**options)
    page.goto(f"{server.url}/?{query}")
    wait_ready(page)
    return page


def drawn(page, t: int) -> dict:
    wait_step(page, t)
    wait_js(page, f"() => ({ARROWS_JS})()?.step === {t}", what=f"the marks at step {t}")
    return page.evaluate(ARROWS_JS)


def scale_of(notes: list[str]) -> float:
    match = re.search(r"arrows ×([\d,.]+) ·", " ".join(notes))
    assert match, notes
    k = float(match.group(1).replace(",", ""))
    assert k in NICE, k
    return k


def assert_arrows_explain_the_step(h: History, t: int, marks: dict) -> None:
    land = marks["landscape"]
    texts = land["notes"]["texts"]
    w, w_next = h.weights[t], h.weights[t + 1]
    k = scale_of(texts)
    expected = [f"arrows ×{k:,.15g} · row pulls sum to the step"]
    if h.bias:
        expected.insert(0, f"slice at this step's b = {w[2]:.6f}")
        expected.append(f"b {w[2]:.6f} → {w_next[2]:.6f} (Δb {w_next[2] - w[2]:.4g})")
    assert texts == expected
    # Data → pixels on the chart's axes (w2 upwards), ×k.
    sx, sy = land["pxPerUnit"]
    to_px = np.array([k * sx, -k * sy])
    step, *pulls = land["arrows"]
    origin = np.array([step["x1"], step["y1"]])
    assert np.hypot(*(origin - [land["marker"]["cx"], land["marker"]["cy"]])) < PX, "from w_t"
    tip = np.array([step["x2"], step["y2"]])
    np.testing.assert_allclose(tip - origin, (w_next - w)[:2] * to_px, atol=PX)
    # Each row's pull −lr·x·δ in its colour, tip to tail from w_t; together they reach the tip.
    delta = h.step(t).layer_1_delta[:, 0]
    expected_pulls = (-h.learning_rate * h.layer_0 * delta[:, None])[:, :2] * to_px
    assert len(pulls) == len(expected_pulls) == h.n_rows
    at = origin
    for i, (line, pull) in enumerate(zip(pulls, expected_pulls, strict=True)):
        assert line["stroke"] == row_colour(i)
        np.testing.assert_allclose([line["x1"], line["y1"]], at, atol=PX)
        np.testing.assert_allclose(
            [line["x2"] - line["x1"], line["y2"] - line["y1"]], pull, atol=PX
        )
        at = np.array([line["x2"], line["y2"]])
    np.testing.assert_allclose(at, tip, atol=PX)
    # Legible: the drawing spans a fair part of the plot, never more than a third of it.
    extent = max(np.hypot(*(tip - origin)), *(np.hypot(*(np.cumsum(expected_pulls, 0)).T)))
    assert min(land["area"]) / 8 < extent <= min(land["area"]) * 0.3 + PX


def assert_rings_show_each_miss(h: History, t: int, marks: dict) -> None:
    [mark] = [m for m in heatmap_chart(h)["marks"] if m["kind"] == "misses"]
    rings = marks["heatmap"]["rings"]
    misses = np.abs(h.predictions[t] - h.y)
    assert [r["stroke"] for r in rings] == [row_colour(i) for i in range(h.n_rows)]
    for ring, miss in zip(rings, misses, strict=True):
        assert ring["r"] == pytest.approx(mark["inner"] + miss * mark["grow"], abs=1e-9)


def overlaps_box(box: dict, points: list[tuple[float, float]]) -> bool:
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    return any(x <= px <= x + w and y <= py <= y + h for px, py in points)


def line_points(line: dict, n: int = 200) -> list[tuple[float, float]]:
    return [
        (line["x1"] + (line["x2"] - line["x1"]) * s, line["y1"] + (line["y2"] - line["y1"]) * s)
        for s in np.linspace(0, 1, n)
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_bias_run_shows_each_rows_pull_adding_up_to_the_step(server, new_page, scheme):
    h = run_of_query({"bias": "true"})
    page = open_at(new_page, server, "bias=true&t=40", color_scheme=scheme)
    for t in (40, 41):
        marks = drawn(page, t)
        assert_arrows_explain_the_step(h, t, marks)
        assert_rings_show_each_miss(h, t, marks)
        # The slice label names the b the readout shows.
        b = page.locator('[data-lab="w-b"] .lab-number-value').inner_text()
        assert marks["landscape"]["notes"]["texts"][0] == f"slice at this step's b = {b}"
        # Step arrow in the page's ink: dark on light, light on dark.
        ink = [int(v) for v in re.findall(r"\d+", marks["landscape"]["arrows"][0]["stroke"])]
        assert (sum(ink) / 3 > 128) == (scheme == "dark"), ink
        # The words keep off the marker and the boundary line.
        land, plane = marks["landscape"], marks["heatmap"]
        marker = land["marker"]
        assert not overlaps_box(land["notes"]["box"], [(marker["cx"], marker["cy"])])
        [line] = plane["boundary"]
        assert not overlaps_box(plane["notes"]["box"], line_points(line))
        press(page, "ArrowRight")


def test_the_landscape_is_drawn_at_the_screens_resolution(server, new_page):
    """One computed pixel per screen pixel of the plot: a band's edge cannot show stair steps."""
    for scale in (1, 2):
        page = open_at(new_page, server, "bias=true&t=3", device_scale_factor=scale)
        land = drawn(page, 3)["landscape"]
        canvas = land["canvas"]
        assert (canvas["cssWidth"], canvas["cssHeight"]) == pytest.approx(land["area"], abs=0.5)
        width, height = land["area"]
        factor = min(scale, math.sqrt(480 * 480 / (width * height)))  # field.js's MAX_PIXELS
        assert canvas["width"] == round(width * factor) and canvas["height"] == round(
            height * factor
        )


def test_the_last_step_says_no_update_follows(server, new_page):
    page = open_at(new_page, server, "iterations=0")
    marks = drawn(page, 0)
    assert marks["landscape"]["notes"]["texts"] == ["last step: no update follows"]
    assert marks["landscape"]["arrows"] == []
