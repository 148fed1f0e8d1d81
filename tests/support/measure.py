"""Screen measurements in Chromium, for tests/test_browser_screens.py: what the browser laid
out (``getBoundingClientRect``, computed styles, Plotly's own ``_fullLayout``), so a test
asserts what a student sees, in px. The JS is in ``tests/support/js`` (named below).
"""

from __future__ import annotations

from tests.support.jsfiles import page_js

MIN_CONTRAST = 4.5  # WCAG AA for normal text

STAGE_LAYOUT_JS = page_js("stage_layout")
"""The stage as laid out: viewport, sidebar, transport, numbers, and per chart slot its
boxes, plot area, colour bar, fonts and line widths."""
CONTRAST_JS = page_js("contrast")
"""WCAG 2 contrast of every chart text (and the stage's numbers and titles) on the page."""
CONTRAST_MONITOR_JS = page_js("contrast_monitor", CONTRAST=CONTRAST_JS, MIN=MIN_CONTRAST)
"""CONTRAST_JS at every animation frame from now on, keeping the worst frame."""
STOP_MONITOR_JS = page_js("contrast_monitor_stop")
PLOT_PARTS_JS = page_js("plot_parts")
"""Per Plotly chart: titles, axis titles, legend entries, colour-bar labels, with boxes."""
SCENE_BOX_JS = page_js("scene_box")
"""The 3D view's axis box corners, projected with the scene's camera, in canvas px."""
OVERFLOW_JS = page_js("overflow")
"""Elements of the main area wider than the viewport, or making it scroll sideways."""


def inside(rect: dict | None, viewport: dict, slack: float = 0.5) -> bool:
    """``rect`` lies wholly inside the viewport (0..width, 0..height)."""
    return (
        rect is not None
        and rect["left"] >= -slack
        and rect["top"] >= -slack
        and rect["right"] <= viewport["width"] + slack
        and rect["bottom"] <= viewport["height"] + slack
    )


def box(rect: dict | None) -> str:
    """A rect as "left,top → right,bottom (w×h)" in whole px, for messages."""
    if rect is None:
        return "none"
    return (
        f"{rect['left']:.0f},{rect['top']:.0f} → {rect['right']:.0f},{rect['bottom']:.0f} "
        f"({rect['width']:.0f}×{rect['height']:.0f})"
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )
