"""The embed for slides, in headless Chromium: the app in an iframe, as a slide holds it.

A page with only an <iframe> of ``/?embed=true&presenter=true`` (the README's "Put it
in your slides"); one click into the frame, then the keys drive the stage. What the frame
shows is read inside it: the numbers at step 2 against ``perceptron.train``'s history,
and none of Streamlit's chrome (sidebar, its button, header, toolbar, top navigation).
"""

from __future__ import annotations

import pytest

from tests.support.expected import expected_numbers, notebook_run
from tests.support.page import wait_ready
from tests.support.stage import wait_stage_shows

pytestmark = pytest.mark.browser

EMBED = "/?embed=true&presenter=true"
SLIDE = """<!doctype html><html><body style="margin:0;background:#222">
<iframe src="{src}" title="Perceptron Lab" width="1280" height="720" style="border:0"></iframe>
</body></html>"""

CHROME = {
    "sidebar": '[data-testid="stSidebar"]',
    "sidebar button": '[data-testid="stSidebarCollapsedControl"], '
    '[data-testid="stExpandSidebarButton"]',
    "header": '[data-testid="stHeader"]',
    "toolbar": '[data-testid="stToolbar"]',
    "top navigation": '[data-testid="stTopNav"], [data-testid="stTopNavLink"]',
}
VISIBLE_JS = """(selector) => [...document.querySelectorAll(selector)].some((el) => {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
    && box.right > 0 && box.bottom > 0;
})"""


def open_slide(new_page, server):
    """A slide page holding the embed URL in an iframe, and the iframe's frame, ready."""
    page = new_page(1320, 760)
    page.set_content(SLIDE.format(src=server.url + EMBED), wait_until="load")
    frame = next(f for f in page.frames if f is not page.main_frame)
    wait_ready(frame, 3, stage=True)
    return page, frame


def test_the_embed_steps_with_keys_after_one_click_and_shows_the_history(new_page, server):
    page, frame = open_slide(new_page, server)
    h = notebook_run()
    wait_stage_shows(frame, h, 0)
    # One click into the frame, on the Iteration label (nothing interactive), then keys.
    label = frame.locator('.lab-number[data-lab="iteration"] .lab-number-label')
    box = label.bounding_box()
    assert box is not None, "the embed shows no Iteration number"
    page.mouse.click(box["x"] + 2, box["y"] + 2)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    shown = wait_stage_shows(frame, h, 2)
    assert shown["numbers"] == expected_numbers(h, 2)
    for name, w in zip(h.weight_names, h.weights[2], strict=True):
        assert shown["numbers"][f"w-{name}"] == f"{w:.6f}"


def test_the_embed_shows_the_transport_and_three_views_and_no_chrome(new_page, server):
    _, frame = open_slide(new_page, server)
    for what, selector in CHROME.items():
        assert not frame.evaluate(VISIBLE_JS, selector), f"the embed shows Streamlit's {what}"
    for control in ("step", "back", "play", "slider"):
        assert frame.evaluate(VISIBLE_JS, f'.lab-stage [data-lab="{control}"]'), control
    views = {
        slot: frame.evaluate(VISIBLE_JS, f'.lab-slot[data-slot="{slot}"]')
        for slot in ("output", "landscape", "loss", "weights", "errors")
    }
    assert views == {
        "output": True,
        "landscape": True,
        "loss": True,
        "weights": False,
        "errors": False,
    }
    # The three views side by side fill the frame's width, on one row, inside the frame.
    boxes = frame.evaluate(
        """() => ['output', 'landscape', 'loss'].map((slot) => {
          const el = document.querySelector(`.lab-slot[data-slot="${slot}"]`);
          const box = el.getBoundingClientRect();
          return [box.left, box.top, box.right, box.bottom];
        })"""
    )
    assert len({round(top) for _, top, _, _ in boxes}) == 1
    assert boxes[0][2] <= boxes[1][0] <= boxes[1][2] <= boxes[2][0]
    assert all(bottom <= 720 for *_, bottom in boxes)
