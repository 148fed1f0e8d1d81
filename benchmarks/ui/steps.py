"""Phase 1: what one Step costs, against the cheapest round trip Streamlit offers.

A Step of the app is ArrowRight → the first animation frame in which the stage and every
chart show the new step, the stage then staying free of DOM mutations for one more frame
(so "on screen" means settled, not half drawn). Floor B's Step is a real click on its
button → its chart's title says the new step, the script idle, the main area quiet for a
frame. Both are timed in the page from the input event's ``timeStamp``.

Why alternate app and floor Steps, each from a quiet page: a noisy moment of the machine
then hits both alike, and the app's debounced report rerun of one Step cannot leak into
the next one's time. Why the burst: the Train page steps in the browser and tells the
server once per pause, so ten quick presses should send one report and receive nothing
before it; the websocket frames and bytes count that.
"""

from __future__ import annotations

import contextlib
import math
import time

from tests.support.browser import Server
from tests.support.page import wait_idle
from tests.support.page import widget_button as button
from tests.support.stage import stage_step

from .cells import median
from .page_js import APP_ARM_JS, APP_QUIET_JS, FLOOR_ARM_JS, FLOOR_INSTALL_JS
from .wire import ServerWatch, Wire, fresh_page, open_stage, wait_marks, wait_ws_quiet


def app_step(page, timeout_ms: float = 10_000) -> dict:
    armed = page.evaluate(APP_ARM_JS, timeout_ms)
    page.keyboard.press("ArrowRight")
    result = page.evaluate("() => window.__labBench.pending")
    # Let the debounced report and its rerun pass, so the next step starts from a quiet page.
    try:
        page.wait_for_function(APP_QUIET_JS, arg=armed["reports"], timeout=15_000, polling=20)
        result["quiet"] = True
    except Exception:  # reported in the table, not fatal
        result["quiet"] = False
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
        for _ in range(3):  # warm-up: JIT, first restyles, the first report's rerun
            app_step(app_page)
            floor_step(floor_page)
        app_ms: list[float] = []
        handler_ms: list[float] = []
        floor_ms: list[float] = []
        problems: list[str] = []
        app_cpu = floor_cpu = 0.0
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
            if not a["quiet"]:
                problems.append(f"app step {i}: no report rerun seen within 15 s")
            cpu0 = floor_watch.cpu()
            f = floor_step(floor_page)
            floor_cpu += floor_watch.cpu() - cpu0
            if f["ms"] is None:
                problems.append(f"floor step {i}: timed out {f}")
            else:
                floor_ms.append(f["ms"])
        log(
            f"  steps: app median {median(app_ms):.1f} ms, floor B median {median(floor_ms):.1f} ms"
            f" ({len(app_ms)}/{len(floor_ms)} steps; focus click on {spot})"
        )
        burst = measure_burst(app_page, wire)
        log(
            f"  burst: {burst['sent_during_burst']} sent while pressing, "
            f"{burst['reports']} report(s), {burst['received_after_bytes']} B received after"
        )
        return {
            "app_ms": app_ms,
            "app_handler_ms": handler_ms,
            "floor_ms": floor_ms,
            "app_cpu_per_step_s": app_cpu / max(len(app_ms), 1),
            "floor_cpu_per_step_s": floor_cpu / max(len(floor_ms), 1),
            "problems": problems,
            "burst": burst,
            "page_errors": list(app_page.bench_errors),
        }


def measure_burst(page, wire: Wire, presses: int = 10) -> dict:
    """Ten quick ArrowRights: frames sent and bytes received, before and after the report."""
    wait_ws_quiet(page, wire, 0.5, 10)
    reports0 = page.evaluate("() => window.__labBench.reports.length")
    keys0 = page.evaluate("() => window.__labBench.keys.length")
    step0 = stage_step(page)
    mark = wire.mark()
    started = time.monotonic()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    pressed = time.monotonic()
    with contextlib.suppress(Exception):  # a missing report shows in the counts below
        page.wait_for_function(APP_QUIET_JS, arg=reports0, timeout=15_000, polling=20)
    wait_ws_quiet(page, wire, 0.5, 10)
    info = page.evaluate(
        """([k, r]) => ({ keys: window.__labBench.keys.slice(k),
                          reports: window.__labBench.reports.slice(r),
                          step: Number(document.querySelector('.lab-stage').dataset.step) })""",
        [keys0, reports0],
    )
    frames = wire.frames[mark[0] :]
    sent = [f for f in frames if f[0] == "sent"]
    first_sent = sent[0][1] if sent else math.inf  # CDP time is CLOCK_MONOTONIC, as ours
    received = [f for f in frames if f[0] == "received"]
    before = [f for f in received if f[1] < first_sent]
    after = [f for f in received if f[1] >= first_sent]
    keys = info["keys"]
    since = wire.since(mark)
    return {
        "presses": presses,
        "press_span_ms": (pressed - started) * 1000,
        "steps_moved": info["step"] - step0,
        "reports": len(info["reports"]),
        "report_after_last_key_ms": info["reports"][0] - keys[-1] if info["reports"] else None,
        "sent_frames": len(sent),
        "sent_during_burst": sum(1 for f in sent if f[1] <= pressed),
        "sent_bytes": sum(f[2] for f in sent),
        "received_before_frames": len(before),
        "received_before_bytes": sum(f[2] for f in before),
        "received_after_frames": len(after),
        "received_after_bytes": sum(f[2] for f in after),
        "largest_received_frame": max((f[2] for f in received), default=0),
        "http_after": since["http_bytes"],  # e.g. the run's bytes fetched again
        "media_after": since["media_bytes"],
    }
