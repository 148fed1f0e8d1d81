"""Any page of the app in Chromium: readiness, waiting for a condition, what went wrong.

Readiness is read from the page, never slept for: ``[data-testid=stApp]`` reports
``data-test-script-state="notRunning"``, every Plotly chart has drawn content, and on the
Train page the stage (``ui/static/stage.js``) says ``data-ready="true"`` with every chart
at the stage's step. ``wait_js`` waits for any condition written in JS (a file of
``tests/support/js`` or a one-line expression) and, on a timeout, says what the page
looked like. The Train page's own hooks are in ``tests.support.stage``.
"""

from __future__ import annotations

import pathlib
import time
from dataclasses import dataclass, field

from tests.support.jsfiles import page_js
from tests.support.paths import SCREENSHOTS

DEFAULT_TIMEOUT_MS = 60_000
TRAIN_CHARTS = 5
"""Charts on the Train page's stage: output (heat map or 3D), landscape, loss, weights, errors."""

CHARTS_DRAWN_JS = page_js("charts_drawn")
STAGE_READY_JS = page_js("stage_ready", TRAIN_CHARTS=TRAIN_CHARTS)
READY_JS = page_js("page_ready", CHARTS_DRAWN=CHARTS_DRAWN_JS, STAGE_READY=STAGE_READY_JS)
CHART_STATE_JS = page_js("chart_state")
PAGE_CSS_JS = page_js("page_css_loaded")
SCRIPT_IDLE_JS = """() => document.querySelector('[data-testid="stApp"]')
                  ?.getAttribute('data-test-script-state') === 'notRunning'"""


def page_state_report(page) -> str:
    """What the page looked like when a wait timed out, for the failure message."""
    try:
        return str(page.evaluate(page_js("page_state")))
    except Exception as error:  # the page itself may be gone
        return f"(page state unavailable: {error})"


def wait_js(
    page, js: str, arg=None, *, timeout: float = DEFAULT_TIMEOUT_MS, what: str = ""
) -> None:
    """Until ``js`` (a function expression, called with ``arg``) is truthy in the page,
    polled every 100 ms; a timeout fails with ``what`` and the page's state."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout, polling=100)
    except PlaywrightTimeout:
        raise AssertionError(
            f"timed out after {timeout / 1000:.0f} s waiting for {what or js[:80]}: "
            f"{page_state_report(page)}"
        ) from None


def script_idle(page) -> bool:
    return page.evaluate(SCRIPT_IDLE_JS)


def wait_ready(
    page, charts: int = 0, timeout: float = DEFAULT_TIMEOUT_MS, *, stage: bool | None = None
) -> None:
    """Script idle (``notRunning``), at least ``charts`` Plotly charts all drawn, and on the
    Train page the stage ready (``.lab-stage[data-ready="true"]``, every chart at its step).

    ``stage=None`` decides by the path (``/`` or ``/train``); pass True/False to force it.
    After a click in the top navigation, wait for the new URL first: until the new page
    runs, the old one still looks ready.
    """
    wait_js(
        page, READY_JS, [charts, stage], timeout=timeout, what=f"a ready page ({charts} charts)"
    )


def wait_idle(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    wait_js(page, SCRIPT_IDLE_JS, timeout=timeout, what="the script to finish")


def open_session(new_page, server, path: str = "", charts: int = 0, **viewport):
    """A new session (its own browser context) at ``server.url + path``, ready."""
    page = new_page(**viewport)
    page.goto(server.url + path)
    wait_ready(page, charts)
    return page


# --------------------------------------------------------------------- what went wrong


def watch_console(page) -> list[str]:
    """Start collecting the page's console errors and uncaught exceptions (a live list)."""
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


def page_exceptions(page) -> list[str]:
    """The Python exceptions the page shows (``st.exception`` boxes)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def page_errors(page) -> list[str]:
    """Every ``st.error`` box's text on the page."""
    return page.locator('[data-testid="stAlertContentError"]').all_inner_texts()


def sidebar_message(page) -> tuple[str, list[str]] | None:
    """The sidebar's error under the form: its bold heading and its bullet lines, or None."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentError"]')
    if box.count() == 0:
        return None
    assert box.count() == 1, box.all_inner_texts()
    heading = " ".join(box.locator("strong").all_inner_texts())
    return heading, [t.strip() for t in box.locator("li").all_inner_texts()]


def sidebar_error_text(page) -> str:
    return "\n".join(
        page.locator(
            '[data-testid="stSidebar"] [data-testid="stAlertContentError"]'
        ).all_inner_texts()
    )


def main_warnings(page) -> list[str]:
    return page.locator(
        '[data-testid="stMain"] [data-testid="stAlertContentWarning"]'
    ).all_inner_texts()


# --------------------------------------------------------------------- the websocket


@dataclass
class Frames:
    """Websocket frames of one page, as (monotonic time, bytes) per direction.

    Attach before ``goto`` (``Frames.watch(page)``). Playwright delivers the events while
    the test calls into it, in the order the browser saw them, so a count read right after
    an ``evaluate`` includes every frame sent before it.
    """

    sent: list[tuple[float, int]] = field(default_factory=list)
    received: list[tuple[float, int]] = field(default_factory=list)

    @classmethod
    def watch(cls, page) -> Frames:
        frames = cls()

        def attach(ws) -> None:
            if not ws.url.endswith("/_stcore/stream"):
                return
            ws.on("framesent", lambda f: frames.sent.append((time.monotonic(), len(f))))
            ws.on("framereceived", lambda f: frames.received.append((time.monotonic(), len(f))))

        page.on("websocket", attach)
        return frames

    def mark(self) -> tuple[int, int]:
        """Where the logs are now, to count what comes after."""
        return len(self.sent), len(self.received)


# --------------------------------------------------------------------- widgets, pictures


def widget_button(page, key: str):
    """A Streamlit button by its widget key (Streamlit adds class ``st-key-<key>``)."""
    return page.locator(f".st-key-{key} button")


def metric_value(page, label: str) -> str:
    """The shown value of the ``st.metric`` whose label is ``label`` (exact match).

    The Train page has no st.metric any more: read its numbers with
    ``tests.support.stage.stage_value``.
    """
    return page.evaluate(page_js("metric_value"), label)


def wait_metric(page, label: str, value: str, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the ``st.metric`` labelled ``label`` shows ``value`` (see ``metric_value``)."""
    page.wait_for_function(
        page_js("metric_shows"), arg=[label, value], timeout=timeout, polling=100
    )


def screenshot(page, name: str) -> pathlib.Path:
    """The page as ``screenshots/<name>.png`` (git-ignored), for a human to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
