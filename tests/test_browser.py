"""The app in headless Chromium: what a student sees and clicks (issue 4).

Run with the rest of the suite (``pytest``) or alone: ``pytest -m browser``.
Needs Debian's Chromium (``$CHROMIUM``, ``chromium`` on PATH or /usr/bin/chromium) and
Playwright for Python; skipped without them, except on CI (CI=true) where that fails.
Readiness always comes from the page (script state + drawn charts), never from sleeps.
"""

from __future__ import annotations

import math
import re
import time
from urllib.parse import parse_qs, urlparse

import pytest

pytest.register_assert_rewrite("tests.browser_support")

import perceptron  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHART_STATE_JS,
    ROOT,
    button,
    exceptions,
    metric_value,
    shot,
    wait_idle,
    wait_metric,
    wait_ready,
)
from tests.conftest import NOTEBOOK_X, NOTEBOOK_Y  # noqa: E402

# Fixtures (browser, app_server, fresh_server, new_page) live in our own plugin module,
# since tests/conftest.py is shared.
pytest_plugins = ["tests.browser_support"]
pytestmark = pytest.mark.browser

TRAIN_CHARTS = 5  # surface, landscape, weights, errors, loss
PAGES = {"train": ("Train", 5), "walkthrough": ("Walkthrough", 0), "compare": ("Compare", 2)}

# A cheap fingerprint of what every chart currently shows (titles and x/y data, no z grids).
SIGNATURE_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => JSON.stringify([
  el._fullLayout && el._fullLayout.title && el._fullLayout.title.text,
  (el.data || []).map((t) => [t.x, t.y, t.visible]),
]))
"""

CAMERA_JS = """
() => {
  const el = document.querySelector('.st-key-chart-surface .js-plotly-plot');
  const scene = el && el._fullLayout && el._fullLayout.scene;
  if (!scene) return null;
  const live = scene._scene && scene._scene.getCamera ? scene._scene.getCamera() : scene.camera;
  return JSON.parse(JSON.stringify({layout: scene.camera, live}));
}
"""


def history(X=NOTEBOOK_X, y=NOTEBOOK_Y, seed: int = 1) -> perceptron.History:
    return perceptron.train(X, y, seed=seed, iterations=10001)


def shown(value: float) -> str:
    return f"{value:.6f}"


def open_app(new_page, server, path: str = "", charts: int = TRAIN_CHARTS, **viewport):
    page = new_page(**viewport)
    page.goto(server.url + path)
    wait_ready(page, charts)
    return page


def signature(page) -> list[str]:
    return page.evaluate(SIGNATURE_JS)


def wait_redrawn(page, before: list[str], charts: int = TRAIN_CHARTS) -> None:
    """Every chart drawn and at least one showing something other than ``before``."""
    wait_ready(page, charts)
    page.wait_for_function(
        f"(before) => {{ const now = ({SIGNATURE_JS})();"
        " return now.length === before.length && now.some((s, i) => s !== before[i]); }",
        arg=before,
        polling=100,
    )
    wait_ready(page, charts)


def assert_charts_drawn(page, charts: int) -> None:
    states = page.evaluate(CHART_STATE_JS)
    assert len(states) == charts, states
    for state in states:
        assert state["traces"] > 0, states
        assert state["svgChildren"] > 0 or state["canvases"] > 0, states
        assert state["width"] > 100 and state["height"] > 100, states


def step(page) -> None:
    button(page, "step").first.click()


def slider_value(page) -> str:
    """The step slider's shown value (thumb label), without thousands separators."""
    text = page.locator('.st-key-t_slider [data-testid="stSliderThumbValue"]').first.inner_text()
    return text.strip().replace(",", "")


def sidebar_errors(page) -> str:
    return "\n".join(
        page.locator(
            '[data-testid="stSidebar"] [data-testid="stAlertContentError"]'
        ).all_inner_texts()
    )


# ----------------------------------------------------------------- editing the data grid

# st.data_editor is a glide-data-grid canvas: cells have no DOM of their own, only an
# accessibility table (td#glide-cell-<col>-<row>, aria-selected) mirroring the selection.
# Cells are found by geometry: a 35 px header and 35 px rows; a narrow row-marker column
# first, then x1, x2 and y.
HEADER_PX, ROW_PX = 35, 35
COLUMN_CENTRES_PX = (68, 139, 207)  # x1, x2, y at the default 1280 px sidebar width


def _cell_point(page, row: int, column: int) -> tuple[float, float]:
    grid = page.locator('[data-testid="stSidebar"] [data-testid="stDataFrameResizable"]').first
    box = grid.bounding_box()
    assert box is not None
    return box["x"] + COLUMN_CENTRES_PX[column], box["y"] + HEADER_PX + ROW_PX * (row - 0.5)


def select_cell(page, row: int, column: int) -> None:
    """Select the cell at 1-based ``row`` and 0-based ``column`` (0 = x1, 1 = x2, 2 = y).

    The first click into the grid can be taken by focusing its canvas (e.g. right after a
    button had focus), so click until the accessibility table reports the selection.
    """
    selected = page.locator(
        f'[data-testid="glide-cell-{column + 1}-{row - 1}"][aria-selected="true"]'
    )
    for _ in range(4):
        page.mouse.click(*_cell_point(page, row, column))
        try:
            selected.wait_for(state="attached", timeout=2_000)
            return
        except Exception:
            continue
    raise AssertionError(f"could not select row {row}, column {column} of the data editor")


def type_into_cell(page, row: int, column: int, text: str) -> None:
    """Double-click opens the cell editor (an <input class=gdg-input>); Enter commits."""
    editor = page.locator("input.gdg-input, textarea.gdg-input").first
    point = _cell_point(page, row, column)
    for _ in range(4):
        page.mouse.click(*point)  # the first click may only focus the grid's canvas
        page.mouse.dblclick(*point)
        try:
            editor.wait_for(state="attached", timeout=2_000)
            break
        except Exception:
            continue
    editor.fill(text)
    editor.press("Enter")
    editor.wait_for(state="detached")


class TestTrainPage:
    """One server; every test opens its own browser session (fresh Streamlit state)."""

    def test_default_page_renders_every_chart(self, app_server, new_page):
        page = open_app(new_page, app_server)
        assert_charts_drawn(page, TRAIN_CHARTS)
        assert metric_value(page, "Iteration") == "0"
        assert metric_value(page, "w1") == "-0.165956"
        assert metric_value(page, "w2") == shown(history().weights[0][1])
        assert page.get_by_role("link", name="Train").count() >= 1
        assert exceptions(page) == []

    def test_step_advances_and_redraws_then_reset(self, app_server, new_page):
        page = open_app(new_page, app_server)
        before = signature(page)
        step(page)
        wait_metric(page, "Iteration", "1")
        wait_redrawn(page, before)
        assert metric_value(page, "w1") == "0.102886"
        assert metric_value(page, "w2") == shown(history().weights[1][1])
        title = page.evaluate(
            "() => document.querySelector('.st-key-chart-surface .js-plotly-plot')"
            "._fullLayout.title.text"
        )
        assert "step 1" in title

        # The → key steps too (shortcut "Right"), once focus has left the buttons.
        page.locator('[data-testid="stMainBlockContainer"] p').first.click()
        page.keyboard.press("ArrowRight")
        wait_metric(page, "Iteration", "2")
        assert metric_value(page, "w1") == shown(history().weights[2][0])

        before = signature(page)
        button(page, "reset").first.click()
        wait_metric(page, "Iteration", "0")
        wait_redrawn(page, before)
        assert metric_value(page, "w1") == "-0.165956"
        assert exceptions(page) == []

    def test_play_advances_and_pause_stops(self, app_server, new_page):
        page = open_app(new_page, app_server)
        button(page, "play").first.click()
        # The clock fragment updates the numbers every 0.5 s while the browser animates.
        page.wait_for_function(
            """() => {
              const b = document.querySelector('.st-key-play button');
              return b && b.innerText.includes('Pause');
            }""",
            polling=100,
        )
        seen = set()
        deadline = time.monotonic() + 30
        while len(seen) < 3 and time.monotonic() < deadline:
            value = metric_value(page, "Iteration")
            if value:
                seen.add(value)
            page.wait_for_timeout(100)
        assert len(seen) >= 3, f"iteration did not advance while playing: {seen}"
        assert "0" not in seen or len(seen - {"0"}) >= 2

        button(page, "play").first.click()
        page.wait_for_function(
            """() => {
              const b = document.querySelector('.st-key-play button');
              return b && b.innerText.includes('Play');
            }""",
            polling=100,
        )
        wait_ready(page, TRAIN_CHARTS)
        stopped = metric_value(page, "Iteration")
        assert int(stopped.replace(",", "")) > 0
        # Paused: nothing moves any more (poll for 2 s: 4 periods of the 0.5 s clock).
        for _ in range(10):
            page.wait_for_timeout(200)
            assert metric_value(page, "Iteration") == stopped
        assert slider_value(page) == stopped.replace(",", "")
        assert exceptions(page) == []

    def test_editing_a_cell_retrains(self, app_server, new_page):
        page = open_app(new_page, app_server)
        step(page)
        wait_metric(page, "w1", "0.102886")
        type_into_cell(page, row=1, column=0, text="1")
        X = NOTEBOOK_X.copy()
        X[0, 0] = 1.0
        expected = history(X).weights[1]
        wait_metric(page, "w1", shown(expected[0]))
        assert metric_value(page, "w2") == shown(expected[1])
        assert metric_value(page, "Iteration") == "1"
        assert "data" in parse_qs(urlparse(page.url).query)
        assert exceptions(page) == []

    def test_bad_cell_names_row_and_column(self, app_server, new_page):
        page = open_app(new_page, app_server)
        step(page)
        wait_metric(page, "w1", "0.102886")
        select_cell(page, row=3, column=2)
        page.keyboard.press("Delete")
        page.wait_for_function(
            """() => [...document.querySelectorAll(
                  '[data-testid="stSidebar"] [data-testid="stAlertContentError"]')]
                .some((e) => e.innerText.includes('Row 3'))""",
            polling=100,
        )
        wait_idle(page)
        message = sidebar_errors(page)
        assert "Row 3" in message and "'y'" in message and "empty" in message, message
        # The charts keep the last valid run and say so above them.
        warning = page.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"]')
        assert "last valid run" in " ".join(warning.all_inner_texts())
        assert metric_value(page, "w1") == "0.102886"
        assert page.locator('[data-testid="stException"]').count() == 0

    def test_top_navigation_opens_every_page(self, app_server, new_page):
        page = open_app(new_page, app_server)
        for slug, (title, charts) in [*list(PAGES.items())[1:], ("train", PAGES["train"])]:
            nav = page.locator('[data-testid="stTopNavLink"]', has_text=title)
            if nav.count() == 0:
                nav = page.get_by_role("link", name=title)
            nav.first.click()
            page.wait_for_url(
                re.compile(rf"/{slug}(\?|$)") if slug != "train" else re.compile(r"/(train)?(\?|$)")
            )
            wait_ready(page, charts)
            if slug == "walkthrough":
                page.get_by_text("1 · The inputs").wait_for()
            assert_charts_drawn(page, charts)
            assert exceptions(page) == [], slug
            assert not page.get_by_text("Something went wrong").count(), slug

    def test_rotated_3d_camera_survives_a_step(self, app_server, new_page):
        page = open_app(new_page, app_server)
        page.locator(".st-key-view button", has_text="3D surface").first.click()
        page.wait_for_function(
            """() => { const el = document.querySelector('.st-key-chart-surface .js-plotly-plot');
                       return el && el._fullLayout && el._fullLayout.scene
                              && el.querySelector('canvas'); }""",
            polling=100,
        )
        wait_ready(page, TRAIN_CHARTS)
        chart = page.locator(".st-key-chart-surface .js-plotly-plot").first
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        start = page.evaluate(CAMERA_JS)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6
        page.mouse.move(x, y)
        page.mouse.down()
        for i in range(1, 11):
            page.mouse.move(x + 12 * i, y + 4 * i)
        page.mouse.up()
        page.wait_for_function(
            f"(start) => JSON.stringify(({CAMERA_JS})().live) !== JSON.stringify(start.live)",
            arg=start,
            polling=100,
        )
        rotated = page.evaluate(CAMERA_JS)
        before = signature(page)
        step(page)
        wait_metric(page, "Iteration", "1")
        wait_redrawn(page, before)
        after = page.evaluate(CAMERA_JS)
        eye_rotated, eye_after = rotated["live"]["eye"], after["live"]["eye"]
        for axis in "xyz":
            assert math.isclose(eye_after[axis], eye_rotated[axis], abs_tol=1e-3), (
                f"camera moved on Step: {rotated} -> {after}"
            )
        assert any(
            not math.isclose(eye_rotated[a], start["live"]["eye"][a], abs_tol=1e-3) for a in "xyz"
        ), "the drag did not rotate the view"
        assert exceptions(page) == []

    def test_presenter_mode_enlarges_fonts(self, app_server, new_page):
        page = open_app(new_page, app_server)
        sizes_js = """() => {
          const value = document.querySelector('[data-testid="stMetricValue"]');
          const chart = document.querySelector('.st-key-chart-loss .js-plotly-plot');
          if (!value || !chart || !chart._fullLayout) return null;
          return { metric: parseFloat(getComputedStyle(value).fontSize),
                   chart: chart._fullLayout.font.size };
        }"""
        normal = page.evaluate(sizes_js)
        page.locator(".st-key-presenter label").first.click()
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('presenter') === 'true'", polling=100
        )
        page.wait_for_function(
            f"(normal) => {{ const s = ({sizes_js})(); return !!s && s.metric > normal.metric"
            " && s.chart > normal.chart; }",
            arg=normal,
            polling=100,
        )
        wait_ready(page, TRAIN_CHARTS)
        big = page.evaluate(sizes_js)
        assert big["metric"] >= normal["metric"] * 1.2, (normal, big)
        assert big["chart"] > normal["chart"], (normal, big)

        linked = open_app(new_page, app_server, "/?presenter=true")
        from_link = linked.evaluate(sizes_js)
        assert from_link["metric"] == pytest.approx(big["metric"]), (big, from_link)
        assert exceptions(page) == [] and exceptions(linked) == []

    def test_widget_changes_update_the_url_and_a_url_restores_them(self, app_server, new_page):
        page = open_app(new_page, app_server)
        page.locator('.st-key-seed [data-testid="stNumberInputStepUp"]').first.click()
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('seed') === '2'", polling=100
        )
        seed2 = history(seed=2)
        wait_metric(page, "w1", shown(seed2.weights[0][0]))
        step(page)
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('t') === '1'", polling=100
        )
        query = parse_qs(urlparse(page.url).query)
        assert query["seed"] == ["2"] and query["t"] == ["1"], page.url

        linked = open_app(new_page, app_server, "/?seed=2&t=5")
        assert metric_value(linked, "Iteration") == "5"
        assert metric_value(linked, "w1") == shown(seed2.weights[5][0])
        assert metric_value(linked, "w2") == shown(seed2.weights[5][1])
        assert linked.locator(".st-key-seed input").first.input_value() == "2"
        assert slider_value(linked) == "5"
        query = parse_qs(urlparse(linked.url).query)
        assert query.get("seed") == ["2"] and query.get("t") == ["5"], linked.url
        assert exceptions(linked) == []

    def test_screenshots_of_every_page(self, app_server, new_page):
        """Screenshots for a human to look at (screenshots/, git-ignored) + docs/train.png.

        One session: pages are switched from the top navigation and the viewport resized,
        which is much cheaper than a fresh page load per screenshot.
        """
        page = open_app(new_page, app_server, "/?t=10")
        assert metric_value(page, "Iteration") == "10"
        docs = ROOT / "docs" / "train.png"
        docs.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(docs))
        assert docs.stat().st_size < 300_000
        order = {
            (1280, 800): ["train", "walkthrough", "compare"],
            (1920, 1080): ["compare", "walkthrough", "train"],
        }
        current = "train"
        for (width, height), slugs in order.items():
            widths = [s["width"] for s in page.evaluate(CHART_STATE_JS)]
            resized = page.viewport_size != {"width": width, "height": height}
            page.set_viewport_size({"width": width, "height": height})
            if (
                widths and resized
            ):  # Plotly follows the window: wait for the charts to take the new width
                page.wait_for_function(
                    f"(old) => ({CHART_STATE_JS})().some((s, i) => s.width !== old[i])",
                    arg=widths,
                    polling=100,
                )
            for slug in slugs:
                title, charts = PAGES[slug]
                if slug != current:
                    page.get_by_role("link", name=title).first.click()
                    page.wait_for_url(re.compile(rf"/{slug}" if slug != "train" else r"/(\?|$)"))
                    current = slug
                wait_ready(page, charts)
                if slug == "walkthrough":
                    page.get_by_text("1 · The inputs").wait_for()
                assert exceptions(page) == []
                path = shot(page, f"{slug}-{width}x{height}")
                assert path.stat().st_size > 10_000


@pytest.mark.parametrize("slug", list(PAGES))
def test_deep_link_on_a_fresh_server(fresh_server, new_page, slug):
    """A page's URL opened first on a server that has not run app.py yet.

    The default page (Train) lives at ``/``; Streamlit serves a default page only there.
    """
    title, charts = PAGES[slug]
    page = open_app(new_page, fresh_server, "/" if slug == "train" else f"/{slug}", charts)
    assert exceptions(page) == []
    assert not page.get_by_text("Something went wrong").count()
    assert_charts_drawn(page, charts)
    # app.py ran: the shared sidebar and the top navigation are there.
    assert page.locator('[data-testid="stSidebar"] .st-key-seed').count() == 1
    assert page.get_by_role("link", name=title).count() >= 1
    if slug == "train":
        assert metric_value(page, "Iteration") == "0"
        assert metric_value(page, "w1") == "-0.165956"
    if slug == "walkthrough":
        assert page.get_by_text("1 · The inputs").count() >= 1
    if page.get_by_text("Page not found").count():
        # Streamlit 1.67 with a pages/ folder: the first deep link on a fresh server gets
        # a "Page not found" notice over the right page (measured: none without the folder,
        # and none for any later visitor). Kept visible here so a fix shows up.
        pytest.xfail("Streamlit 1.67 pages/ folder: 'Page not found' on a fresh server")
