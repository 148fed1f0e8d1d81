"""WCAG 2.1 AA in headless Chromium: axe-core finds nothing, and every stage control is a
target a finger can hit.

axe-core (bundled by ``axe-playwright-python``) runs with the rules tagged wcag2a, wcag2aa,
wcag21a and wcag21aa on every page (Train, Walkthrough, Compare), in the light and the dark
theme (the app follows the browser's preference: Playwright's ``color_scheme``), at a
laptop's size, in presenter mode and on a phone. Any violation, of any impact, fails, with
its rule, impact, help text and first targets in the message. Nothing is excluded; one
best-practice rule is added (``empty-table-header``).

Touch targets: WCAG 2.5.8 (a 2.2 criterion, which axe's 2.1 rules do not check) asks for
24 × 24 CSS px; every button, input and summary of the stage and of the sidebar's share link
is measured at 1280 × 800 and at 390 × 844.
"""

from __future__ import annotations

import pytest

from tests.support.page import TRAIN_CHARTS, wait_js, wait_ready
from tests.support.stage import wait_settled

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    # A best-practice rule, outside the tags, that a new user's report named: a table's header
    # cell with no text (the Walkthrough's index columns) tells a screen reader nothing.
    "rules": {"empty-table-header": {"enabled": True}},
    "resultTypes": ["violations"],
}
LAPTOP = (1280, 800)
PHONE = (390, 844)
MIN_TARGET = 24  # CSS px, WCAG 2.5.8

COMPARE_READY_JS = """() => document.querySelector('.lab-race[data-ready="true"]') !== null"""
TABLES_DRAWN_JS = """(n) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const grids = [...(main?.querySelectorAll('[data-testid="stDataFrame"]') || [])];
  return grids.length >= n
    && grids.every((g) => g.querySelector('canvas') && g.querySelector('table'));
}"""
"""Walkthrough: at least n data frames in the main area, each drawn (its canvas) with its
accessible table."""
WALKTHROUGH_TABLES = 9  # the notebook's arrays at t = 0: seven cells and the last cell's two
PAGE_BACKGROUND_JS = """() => getComputedStyle(document.querySelector('[data-testid="stApp"]'))
  .backgroundColor.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)"""

TARGETS_JS = """() => [...document.querySelectorAll(
    '.lab-stage button, .lab-stage input, .lab-stage summary,'
    + ' .lab-link button, .lab-link input')]
  .map((el) => ({ el, r: el.getBoundingClientRect() }))
  .filter(({ el, r }) => r.width > 0 && r.height > 0
          && getComputedStyle(el).visibility !== 'hidden')
  .map(({ el, r }) => ({
    what: el.dataset.lab || el.dataset.value || el.getAttribute('aria-label')
          || el.textContent.trim() || el.tagName,
    width: r.width, height: r.height,
  }))"""
"""Every visible control of the stage and the share link, with its box in CSS px."""


@pytest.fixture(scope="module")
def server(warm_server):
    """This module's pages share one warm server (tests/conftest.py ``warm_server``)."""
    return warm_server


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def open_drawn(new_page, server, page_name: str, query: str, size, scheme: str):
    """``page_name`` in a ``scheme`` browser at ``size``, once everything on it is drawn."""
    page = new_page(*size, color_scheme=scheme)
    path = "" if page_name == "train" else page_name
    page.goto(f"{server.url}/{path}{query}")
    if page_name == "train":
        wait_ready(page, TRAIN_CHARTS)
        wait_settled(page)
    elif page_name == "compare":
        wait_ready(page, 2, stage=False)
        wait_js(page, COMPARE_READY_JS, what="Compare's race")
    else:
        wait_ready(page, 0, stage=False)
        wait_js(page, TABLES_DRAWN_JS, WALKTHROUGH_TABLES, what="the Walkthrough's tables")
    return page


def open_share_panel(page) -> None:
    """The sidebar's "Share and export" expander opened (on a phone, the sidebar first), so
    its link and Copy button are on screen to be checked."""
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.is_visible():
        expand.click()
    page.locator('[data-testid="stSidebar"] summary', has_text="Share and export").click()
    page.locator(".lab-link button").wait_for()


def axe_violations(page, script: str) -> list[dict]:
    page.evaluate(script)
    results = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for node in v["nodes"][:4]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:200]
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


MODES = {"laptop": ("", LAPTOP), "presenter": ("?presenter=true", LAPTOP), "phone": ("", PHONE)}
"""Each screen: the address's query and the viewport."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("name", ["train", "walkthrough", "compare"])
def test_axe_finds_no_wcag_21_aa_violation(server, new_page, axe_script, name, mode, scheme):
    query, size = MODES[mode]
    page = open_drawn(new_page, server, name, query, size, scheme)
    if mode != "phone":  # a phone's sidebar starts closed: the page as a phone shows it
        open_share_panel(page)
    background = page.evaluate(PAGE_BACKGROUND_JS)
    assert (sum(background) / 3 > 128) == (scheme == "light"), (
        f"a {scheme} browser got a page background of rgb{tuple(background)}"
    )
    violations = axe_violations(page, axe_script)
    assert not violations, f"{len(violations)} axe rules fail:\n{describe(violations)}"


@pytest.mark.parametrize("mode", list(MODES))
def test_every_stage_control_is_at_least_24_px_square(server, new_page, mode):
    query, size = MODES[mode]
    page = open_drawn(new_page, server, "train", query, size, "light")
    open_share_panel(page)
    targets = page.evaluate(TARGETS_JS)
    kinds = {t["what"] for t in targets}
    for expected in ("step", "back", "reset", "play", "slider", "save-loss", "Copy"):
        assert expected in kinds, f"no visible {expected!r} control among {sorted(kinds)}"
    small = [t for t in targets if min(t["width"], t["height"]) < MIN_TARGET]
    assert not small, "under 24 px: " + ", ".join(
        f"{t['what']} {t['width']:.0f}×{t['height']:.0f}" for t in small
    )
