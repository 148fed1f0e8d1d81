"""Phase 1: what one Step costs, against the cheapest round trip Streamlit offers.

A Step of the app is ArrowRight → the first animation frame in which the stage and every
chart show the new step, the stage then staying free of DOM mutations for one more frame
(so "on screen" means settled, not half drawn). Floor B's Step is a real click on its
button → its chart's title says the new step, the script idle, the main area quiet for a
frame. Both are timed in the page from the input event's ``timeStamp``.

Why alternate app and floor Steps, each from a quiet page: a noisy moment of the machine
then hits both alike, and the address bar's write after one Step (``url.js``, throttled to
250 ms) cannot leak into the next one's time. Why the burst: the Train page owns t and
steps in the browser, so the server hears nothing at all while it steps; ten quick presses
should send no websocket frame, then or after, and receive nothing. The frames and bytes
on the wire count that, and the address bar and the share link must still follow the step.
"""

from __future__ import annotations

import time

from tests.support.browser import Server
from tests.support.page import wait_idle
from tests.support.page import widget_button as button
from tests.support.stage import stage_step

from .cells import median
from .page_js import APP_ARM_JS, FLOOR_ARM_JS, FLOOR_INSTALL_JS
from .wire import (
    ServerWatch,
    Wire,
    fresh_page,
    open_stage,
    wait_marks,
    wait_quiet,
    wait_ws_quiet,
)

# After the burst, the page quiet, how long no websocket frame may arrive before the burst
# is called over: well past the 400 ms debounce with which the page used to report a pause.
SILENCE_S = 0.75

# The step as the stage, the address bar and the sidebar's share link show it (an absent t
# is step 0, the default); the link is null if it is missing or not a URL.
SHOWN_T_JS = """
() => {
  const t = (search) => { const v = new URLSearchParams(search).get('t');
                          return v === null ? 0 : Number(v); };
  const code = document.querySelector('[data-testid="stSidebar"] .lab-link code');
  let link = null;
  try { link = t(new URL(code.textContent.trim()).search); } catch { link = null; }
  return { stage: Number(document.querySelector('.lab-stage').dataset.step),
           url: t(location.search), link };
}
"""


def app_step(page, timeout_ms: float = 10_000) -> dict:
    page.evaluate(APP_ARM_JS, timeout_ms)
    page.keyboard.press("ArrowRight")
    result = page.evaluate("() => window.__benchApp.pending")
    # The next step starts from a quiet page: the address bar written, the stage still.
    result["settled"] = wait_quiet(page)
    return result


def floor_step(page, timeout_ms: float = 30_000) -> dict:
    page.evaluate(FLOOR_ARM_JS, timeout_ms)
    button(page, "step").click()
    return page.evaluate("() => window.__floorBench.pending")


def measure_steps(
    browser, app: tuple[Server, ServerWatch], floor: tuple[Server, ServerWatch], n: int, log
) -> dict:
    """Alternate app Steps and floor-B round trips, then a burst of 10 quick Steps."""
    (app_server, app_watch), (floor_server, floor_watch) = app, floor
    with fresh_page(browser) as app_page, fresh_page(browser) as floor_page:
        wire = Wire(app_page)
        spot = open_stage(app_page, app_server.url)
        floor_page.goto(floor_server.url)
        floor_page.wait_for_function(FLOOR_INSTALL_JS, timeout=120_000, polling=100)
        wait_marks(floor_page, "plot", 120_000)
        wait_idle(floor_page)
        for _ in range(3):  # warm-up: JIT, the charts' first restyles
            app_step(app_page)
            floor_step(floor_page)
        app_ms: list[float] = []
        handler_ms: list[float] = []
        floor_ms: list[float] = []
        problems: list[str] = []
        app_cpu = floor_cpu = 0.0
        mark = wire.mark()  # the measured Steps on the app's wire (the floor's has its own)
        deadline = time.monotonic() + 60 + n * 20
        for i in range(n):
            if time.monotonic() > deadline:
                problems.append(f"time cap reached after {i} steps")
                break
            cpu0 = app_watch.cpu()
            a = app_step(app_page)
            app_cpu += app_watch.cpu() - cpu0
            if a["ms"] is None:
                problems.append(f"app step {i}: not settled {a}")
            else:
                app_ms.append(a["ms"])
                handler_ms.append(a["handlerMs"])
                if a["step"] != a["before"] + 1 or a["charts"] != 5:
                    problems.append(f"app step {i}: {a}")
            if not a["settled"]["quiet"]:
                problems.append(f"app step {i}: page not quiet within 15 s {a['settled']}")
            cpu0 = floor_watch.cpu()
            f = floor_step(floor_page)
            floor_cpu += floor_watch.cpu() - cpu0
            if f["ms"] is None:
                problems.append(f"floor step {i}: timed out {f}")
            else:
                floor_ms.append(f["ms"])
        during = wire.since(mark)
        log(
            f"  steps: app median {median(app_ms):.1f} ms, floor B median {median(floor_ms):.1f} ms"
            f" ({len(app_ms)}/{len(floor_ms)} steps; focus click on {spot})"
        )
        burst = measure_burst(app_page, wire)
        log(
            f"  burst: {burst['sent_during_burst']} frame(s) sent while pressing, "
            f"{burst['sent_after_burst']} after, {burst['received_bytes']} B received"
        )
        return {
            "app_ms": app_ms,
            "app_handler_ms": handler_ms,
            "floor_ms": floor_ms,
            "app_cpu_per_step_s": app_cpu / max(len(app_ms), 1),
            "floor_cpu_per_step_s": floor_cpu / max(len(floor_ms), 1),
            "problems": problems,
            "ws_during_steps": {k: v for k, v in during.items() if k.startswith("ws_")},
            "burst": burst,
            "page_errors": list(app_page.bench_errors),
        }


def measure_burst(page, wire: Wire, presses: int = 10) -> dict:
    """Ten quick ArrowRights: frames sent while pressing and after, bytes received, and the
    step the stage, the address bar and the share link show once the page is quiet."""
    wait_quiet(page)
    wait_ws_quiet(page, wire, 0.5, 10)
    step0 = stage_step(page)
    mark = wire.mark()
    started = time.monotonic()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    pressed = time.monotonic()
    settled = wait_quiet(page)
    wait_ws_quiet(page, wire, SILENCE_S, 10)  # anything the presses set off has arrived
    shown = page.evaluate(SHOWN_T_JS)
    frames = wire.frames[mark[0] :]
    sent = [f for f in frames if f[0] == "sent"]  # CDP time is CLOCK_MONOTONIC, as ours
    received = [f for f in frames if f[0] == "received"]
    since = wire.since(mark)
    return {
        "presses": presses,
        "press_span_ms": (pressed - started) * 1000,
        "steps_moved": shown["stage"] - step0,
        "quiet": settled["quiet"],
        "shown": shown,
        "sent_frames": len(sent),
        "sent_during_burst": sum(1 for f in sent if f[1] <= pressed),
        "sent_after_burst": sum(1 for f in sent if f[1] > pressed),
        "sent_bytes": sum(f[2] for f in sent),
        "received_frames": len(received),
        "received_bytes": sum(f[2] for f in received),
        "http_after": since["http_bytes"],  # e.g. the run's bytes fetched again
        "media_after": since["media_bytes"],
    }
