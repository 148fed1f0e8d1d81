"""Phases 3 and 4: a first visit to the Train page, and a server's cold start.

Why a fresh browser context per visit: a student's first visit has no cached Plotly and
no session, and that is the visit that decides whether the page feels slow. Why a warm
server cache for every page measured: the first visit of a run trains it, which is the
engine's cost (``bench_engine.py``), not the page's; it is logged once for information.
Visits of the app, floor A and the 100,000-iteration run are interleaved, so a noisy
moment of the machine hits all three alike.
"""

from __future__ import annotations

import pathlib
import time
from typing import Any

from tests.support.browser import start_server
from tests.support.page import wait_idle
from tests.support.paths import ROOT

from .page_js import TIMELINE_JS
from .wire import Wire, fresh_page, wait_marks, wait_ws_quiet


def cold_start(browser, script: pathlib.Path, cwd: pathlib.Path, app: bool) -> float:
    """Seconds from process spawn until the first page is drawn."""
    server = start_server(script, cwd, timeout=90)
    try:
        with fresh_page(browser) as page:
            page.goto(server.url, wait_until="commit")
            wait_marks(page, "ready" if app else "plot", 180_000)
            return time.perf_counter() - server.started
    finally:
        server.stop()


def measure_cold(browser, floor_a: pathlib.Path, reps: int, log) -> dict[str, list[float]]:
    """``reps`` cold starts of the app and of floor A, alternating (informative only)."""
    cold: dict[str, list[float]] = {"app": [], "floorA": []}
    for i in range(reps):
        cold["app"].append(cold_start(browser, ROOT / "app.py", ROOT, True))
        cold["floorA"].append(cold_start(browser, floor_a, floor_a.parent, False))
        log(
            f"  cold start {i + 1}: app {cold['app'][-1]:.1f} s, floor A {cold['floorA'][-1]:.1f} s"
        )
    return cold


def first_load(browser, url: str, key: str) -> dict[str, Any]:
    """One visit in a fresh context: times from navigation start, and the bytes received."""
    with fresh_page(browser) as page:
        wire = Wire(page)
        page.goto(url, wait_until="commit")
        out: dict[str, Any] = {"url": url}
        out[key] = wait_marks(page, key, 180_000)
        if key == "ready":
            out["firstChart"] = page.evaluate("() => window.__benchLoad.firstChart")
            out["timeline"] = page.evaluate(TIMELINE_JS)
        wait_idle(page)
        wait_ws_quiet(page, wire, 0.3, 5)
        out.update(wire.since((0, 0)))
        out["errors"] = list(page.bench_errors)
        return out


def measure_first_loads(browser, app_url: str, floor_url: str, reps: int, log) -> dict:
    big = f"{app_url}/?iterations=100000"
    # Warm every server cache measured below (trains both runs once), and record the first
    # (cold-cache) visit of the 100,000-iteration run for information.
    warm_default = first_load(browser, app_url, "ready")
    cold_big = first_load(browser, big, "ready")
    first_load(browser, floor_url, "plot")
    log(
        f"  warm-up: default {warm_default['ready']:.0f} ms, "
        f"100k (training it) {cold_big['ready']:.0f} ms"
    )
    runs: dict[str, list[dict]] = {"app": [], "floorA": [], "big": []}
    for i in range(reps):  # interleaved, so a noisy moment hits all three alike
        runs["app"].append(first_load(browser, app_url, "ready"))
        runs["floorA"].append(first_load(browser, floor_url, "plot"))
        runs["big"].append(first_load(browser, big, "ready"))
        log(
            f"  load {i + 1}/{reps}: app {runs['app'][-1]['ready']:.0f} ms, floor A "
            f"{runs['floorA'][-1]['plot']:.0f} ms, 100k first chart "
            f"{runs['big'][-1]['firstChart']:.0f} ms"
        )
    return {"runs": runs, "cold_big_ready_ms": cold_big["ready"]}
