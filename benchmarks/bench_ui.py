"""UI benchmark of the Train page against minimal Streamlit floors, in headless Chromium.

    python benchmarks/bench_ui.py                 # full run (10-15 minutes on 2 cores)
    python benchmarks/bench_ui.py --quick         # a short run (fewer repeats, 5 load sessions)
    python benchmarks/bench_ui.py --json out.json # also write every figure as JSON
    python benchmarks/bench_ui.py --load 0        # skip the load test; --load N for N sessions

Every budget is a ratio against a baseline measured side by side in the same run, or a
count: this machine is shared and noisy, so a lone absolute time means little. Timing
happens inside the page with ``performance.now()`` (and event ``timeStamp``) wherever the
thing measured is in the page.

Baselines (Streamlit apps written to a temp dir, served like the app):
  floor A  one ``st.button`` + one 30×30 ``go.Surface`` via ``st.plotly_chart``
  floor B  one ``st.button`` + one 50-point Plotly line that depends on a counter
  surface  a bare 30×30 Plotly surface restyled in a loop on a blank page of the app's
           server, with the app's own Plotly (``ui.assets.PLOTLY_URL``)

What is measured (each is a row of the printed table):
  1 Step    ArrowRight → the first animation frame in which ``.lab-stage[data-step]`` shows
            the new step, every ``.lab-chart`` has that ``data-step``, and the stage then
            stays free of DOM mutations for one more frame; from the keydown's timeStamp.
            Floor B: a real click on its button → the first animation frame in which the
            script is idle again and the chart's title (drawn by the same ``Plotly.react``
            as its line) says the new step, the main area then staying free of mutations for
            one more frame; from the click's timeStamp. App and floor steps alternate, each
            waiting for its page to be quiet (the app's: script idle, the address bar at the
            step, the stage still for a few frames). The Train page owns t, so the app's
            websocket must stay silent: a burst of 10 quick ArrowRights counts frames sent
            (while pressing and after; budget 0) and bytes received (CDP
            ``Network.webSocketFrameSent/Received``; CDP time is CLOCK_MONOTONIC), then
            reads the step in the address bar and the sidebar's share link.
  2 Play    a rAF loop in the page samples every chart's ``data-step`` for 5 s of Play
            (default run, heat-map view): frames/s, share of frames in which each chart's
            step changed, longest gap between its changes. In the 3D view, completed
            ``Plotly.restyle`` calls on ``.lab-chart-surface`` per second against the bare
            surface loop (restyle, wait for it, wait a frame, repeat), run just before and
            just after the app's 3D Play in a page of the same size on the same server.
  3 First   navigation start → ``.lab-stage[data-ready=true]`` (floor A: its 3D canvas
            drawn), fresh context each, server cache warm for every page measured;
            websocket bytes received (CDP) and ``/media/`` HTTP bytes (Streamlit serves the
            stage's bytes there) for the default run; ``?iterations=100000`` → its first
            ``.lab-chart[data-step]`` against the default run's, both with a warm cache.
  4 Cold    process spawn → first page drawn, app against floor A (informative).
  N Newrun  a what-if (benchmarks/ui/new_run.py): the seed's + button or the rate's slider →
            the new run drawn at its step and quiet, against floor B alternately, p50/p95,
            and where the time went (websocket, the run's fetch, the charts drawn).
  R Race    Compare with 8 runs (benchmarks/ui/race.py): a key Step against floor B, and Play
            sampled per frame, as for Train.
  P Plane   a row added on the heat map (benchmarks/ui/plane.py): the click → its new run drawn
            and quiet, against floor B's round trip, p50/p95; then a row dragged for 4 s:
            frames/s in which the dragged point moved (≥ 30), the frame intervals.
  5 Load    N browser sessions (one Chromium) × M Steps each on one fresh server: failures
            and the p95 of the in-page Step time against floor B's single-session median.
Server CPU seconds per step and peak RSS come from psutil on each server's pid.

Every wait has a timeout, every loop a count and a time cap, servers listen on loopback
only, and every server and browser this script starts is stopped by its own handle.

The code lives in benchmarks/ui/, one module per phase (first_load, steps, play, load),
with the in-page JavaScript (page_js), the baselines (floors), the CDP wire and server
watch (wire), and the table (cells, rows_steps, rows_loads, table); this file only
parses the options and runs the phases in order.
"""

from __future__ import annotations

import argparse
import contextlib
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ui.first_load import measure_cold, measure_first_loads  # noqa: E402
from benchmarks.ui.floors import write_floors  # noqa: E402
from benchmarks.ui.load import measure_load  # noqa: E402
from benchmarks.ui.new_run import measure_new_runs  # noqa: E402
from benchmarks.ui.plane import measure_plane  # noqa: E402
from benchmarks.ui.play import measure_play  # noqa: E402
from benchmarks.ui.race import measure_race  # noqa: E402
from benchmarks.ui.steps import measure_steps  # noqa: E402
from benchmarks.ui.table import report  # noqa: E402
from benchmarks.ui.wire import serving  # noqa: E402
from tests.support.browser import find_chromium  # noqa: E402
from tests.support.browser import launch_chromium as launch  # noqa: E402


def app_version() -> str:
    """The commit measured, and whether the app's files differ from it (they are read live)."""

    def run(*cmd: str) -> str:
        done = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=10)
        return done.stdout.strip()

    try:
        head = run("rev-parse", "--short", "HEAD")
        dirty = run("status", "--porcelain", "--", "app.py", "pages", "ui", "views", "perceptron")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, set[str]]:
    """The options with their defaults filled in (``--quick`` shortens them), and the phases."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 5 load sessions")
    parser.add_argument("--steps", type=int, default=None, help="measured Steps (≥ 20)")
    parser.add_argument("--new-runs", type=int, default=None, help="measured new runs")
    parser.add_argument("--cold", type=int, default=None, help="cold starts per app")
    parser.add_argument("--loads", type=int, default=None, help="first loads per page")
    parser.add_argument("--load", type=int, default=None, help="load-test sessions (0: skip)")
    parser.add_argument("--load-steps", type=int, default=10, help="Steps per load session")
    parser.add_argument("--load-cap", type=float, default=420.0, help="load test cap, seconds")
    parser.add_argument("--patience", type=float, default=60.0, help="per wait under load, s")
    parser.add_argument(
        "--only",
        default="cold,first,steps,newrun,play,race,plane,load",
        help="comma list of phases: cold, first, steps, newrun, play, race, plane, load",
    )
    parser.add_argument("--json", type=pathlib.Path, help="also write all figures here")
    args = parser.parse_args(argv)
    args.steps = args.steps or (20 if args.quick else 40)
    args.new_runs = args.new_runs or (12 if args.quick else 30)
    args.cold = args.cold or (1 if args.quick else 2)
    args.loads = args.loads or (2 if args.quick else 3)
    if args.load is None:
        args.load = 5 if args.quick else 20
    phases = {p.strip() for p in args.only.split(",") if p.strip()}
    if args.steps < 20:
        parser.error("--steps must be at least 20")
    if args.load == 0:
        phases.discard("load")
    if "load" in phases:
        phases.add("steps")  # its budget is against floor B's round trip, measured here
    return args, phases


def browser_phases(browser, phases: set[str], args, floors, log) -> dict[str, Any]:
    """Cold starts, then first loads, Steps and Play against one server of the app.

    The floors' servers run beside the app's only for the phases that read them, and every
    server's peak RSS is taken when its phases are done.
    """
    floor_a, floor_b = floors
    res: dict[str, Any] = {}
    if "cold" in phases:
        res["cold"] = measure_cold(browser, floor_a, args.cold, log)
    if phases & {"first", "steps", "newrun", "play", "race", "plane"}:
        with contextlib.ExitStack() as stack:
            app = stack.enter_context(serving(ROOT / "app.py", ROOT))
            rss: dict[str, int] = {}
            if "first" in phases:
                fa = stack.enter_context(serving(floor_a, floor_a.parent))
                res["first_load"] = measure_first_loads(
                    browser, app[0].url, fa[0].url, args.loads, log
                )
                rss["floorA"] = fa[1].peak
            if phases & {"steps", "newrun", "race", "plane"}:
                fb = stack.enter_context(serving(floor_b, floor_b.parent))
            if "steps" in phases:
                res["steps"] = measure_steps(browser, app, fb, args.steps, log)
            if "newrun" in phases:
                res["newrun"] = measure_new_runs(browser, app, fb, args.new_runs, log)
            if "race" in phases:
                res["race"] = measure_race(browser, app[0], fb, args.steps, log)
            if "plane" in phases:
                res["plane"] = measure_plane(browser, app[0], fb, args.steps, log)
            if phases & {"steps", "newrun", "race", "plane"}:
                rss["floorB"] = fb[1].peak
            if "play" in phases:
                res["play"] = measure_play(browser, app[0], log)
            rss["app"] = app[1].peak
            res["rss"] = rss
    return res


def main(argv: list[str] | None = None) -> int:
    args, phases = parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found (set CHROMIUM or install Debian's chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    began = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - began:5.0f} s] {message}", flush=True)

    print(
        f"app at {app_version()}; "
        f"machine: {psutil.cpu_count()} cores, load average {psutil.getloadavg()[0]:.2f}; "
        f"phases {','.join(sorted(phases))}; {args.steps} steps, {args.cold} cold start(s), "
        f"{args.loads} first loads, load {args.load}×{args.load_steps}"
        + (" (quick)" if args.quick else "")
    )
    res: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}}
    with tempfile.TemporaryDirectory(prefix="bench_ui_") as tmp:
        floors = write_floors(pathlib.Path(tmp))
        with sync_playwright() as playwright:
            browser = launch(playwright, chromium)
            try:
                res.update(browser_phases(browser, phases, args, floors, log))
            finally:
                browser.close()
        if "load" in phases:
            ld = measure_load(chromium, args, log)
            res["load"] = {k: getattr(ld, k) for k in ld.__dataclass_fields__}
            log(f"  load: {ld.steps_done} steps, {len(ld.failures)} failures")
    return report(res, args, began)


if __name__ == "__main__":
    sys.exit(main())
