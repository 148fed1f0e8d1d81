"""Soak benchmark: a lecture in one tab, against a plain three-page Streamlit app.

    python benchmarks/bench_soak.py              # 60 cycles, 5 Plays to the end (6-9 min)
    python benchmarks/bench_soak.py --quick      # 12 cycles, 2 Plays to the end (~2.5 min)
    python benchmarks/bench_soak.py --cycles 30 --plays 3

Why: a lecturer keeps one tab open for 90 minutes and switches pages dozens of times, so
whatever a page switch leaves behind (a listener on ``document`` keeping a whole Train
page alive, charts and all) adds up until the tab slows down. This runs that lecture,
cycle by cycle, in the app and in a minimal three-page app (``soak/floor.py``), side by
side in one process, each in its own server and its own headless Chromium (the DOM
counters are per renderer process, so the two must not share one):

  app cycle    on Train: Home, 5 ArrowRights (each timed in the page, keydown → the
               stage's ``data-step`` changed), ``p``, 1 s of Play by the page's clock,
               ``p``; then Walkthrough → Compare → Train in the top navigation, each
               waited for until drawn (its step buttons; two figures ready; the stage
               ready).
  floor cycle  5 clicks on its button (timed: click → the chart's title changed), then
               its pages Two → Three → One, each waited for until drawn.

After cycle 5 and after the last one: two forced GCs (CDP ``HeapProfiler.collectGarbage``),
then JS heap used (``Runtime.getHeapUsage``), DOM nodes and JS event listeners
(``Memory.getDOMCounters``). Then, on the app's Train page, Play to the last step at Fast
speed, N times, with the counters before and after.

The table shows both apps' counters at cycle 5 and at the end, their growth, the Step
median's ratio end / cycle 5, and the issue's budgets (heap, nodes and listeners at most
+10 %, the Step median within 1.2×). Budgets are reported, not asserted: exit 0 always.
Every wait has a timeout, the cycles a count and a time cap (``--cap``), servers listen
on loopback only, and every server and browser started here is stopped by its handle.
"""

from __future__ import annotations

import argparse
import contextlib
import pathlib
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ui import app_version  # noqa: E402
from benchmarks.soak import table  # noqa: E402
from benchmarks.soak.cycle import app_cycle, floor_cycle, open_first  # noqa: E402
from benchmarks.soak.floor import write_floor  # noqa: E402
from benchmarks.soak.pages import FLOOR_ONE, TRAIN  # noqa: E402
from benchmarks.soak.play_end import play_to_end  # noqa: E402
from benchmarks.ui.wire import fresh_page, serving  # noqa: E402
from tests.support import browser as browser_support  # noqa: E402
from tests.support.memory import Probe  # noqa: E402


@dataclass
class Subject:
    """One app under soak: its page, its probe, its cycle, and what was measured."""

    name: str
    page: Any
    cycle: Any
    probe: Probe
    res: dict[str, Any] = field(default_factory=lambda: {"cycle_s": []})

    def run_cycle(self, i: int, total: int) -> None:
        """One cycle; the counters after cycle 5 and after the last; a failure ends it."""
        started = time.monotonic()
        try:
            out = self.cycle(self.page)
        except Exception as error:  # reported under the table, the other subject goes on
            self.res["error"] = f"cycle {i}: {type(error).__name__}: {str(error)[:300]}"
            return
        self.res["cycle_s"].append(time.monotonic() - started)
        self.res["last_steps"] = out["steps"]
        if i == 5:
            self.res["c5"], self.res["step_c5"] = self.probe.read(), out["steps"]
        if i == total:
            self.finish()

    def finish(self) -> None:
        """The end reading, after the last cycle that completed."""
        if "end" not in self.res and self.res["cycle_s"]:
            self.res["end"] = self.probe.read()
            self.res["step_end"] = self.res.get("last_steps", [])
            self.res["cycles"] = len(self.res["cycle_s"])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="12 cycles, 2 Plays to the end")
    parser.add_argument("--cycles", type=int, default=None, help="cycles (≥ 6; default 60)")
    parser.add_argument("--plays", type=int, default=None, help="Plays to the end (default 5)")
    parser.add_argument("--cap", type=float, default=3600.0, help="time cap for the cycles, s")
    args = parser.parse_args(argv)
    args.cycles = args.cycles or (12 if args.quick else 60)
    args.plays = args.plays if args.plays is not None else (2 if args.quick else 5)
    if args.cycles < 6:
        parser.error("--cycles must be at least 6 (growth is read from cycle 5 on)")
    return args


def soak(subjects: list[Subject], args, log) -> None:
    """The cycles, app and floor alternating, each subject until it fails or the cap."""
    deadline = time.monotonic() + args.cap
    for i in range(1, args.cycles + 1):
        if time.monotonic() > deadline:
            log(f"time cap of {args.cap:.0f} s reached after {i - 1} cycles")
            break
        for subject in subjects:
            if "error" not in subject.res:
                subject.run_cycle(i, args.cycles)
        if i in (1, 5) or i % 10 == 0 or i == args.cycles:
            log(f"cycle {i}: " + ", ".join(status(s) for s in subjects))
    for subject in subjects:
        subject.finish()


def status(subject: Subject) -> str:
    if "error" in subject.res:
        return f"{subject.name} stopped ({subject.res['error'][:60]})"
    last = subject.res["cycle_s"][-1] if subject.res["cycle_s"] else float("nan")
    return f"{subject.name} {last:.1f} s/cycle"


def notes(app: Subject, floor: Subject, play: dict, watches: dict) -> list[str]:
    out = []
    for s in (app, floor):
        cycle_s = s.res["cycle_s"]
        if len(cycle_s) >= 10:
            first, last = statistics.median(cycle_s[:5]), statistics.median(cycle_s[-5:])
            out.append(f"{s.name}: a cycle took {first:.1f} s (cycles 1-5), {last:.1f} s (last 5)")
        out.append(f"{s.name}: {table.per_cycle(s.res, s.res.get('cycles', 0))}")
        out.append(f"{s.name}: server peak RSS {watches[s.name].peak / 1e6:,.0f} MB")
        out += [f"{s.name}: {s.res['error']}"] if "error" in s.res else []
        out += [f"{s.name} page error: {e}" for e in s.page.bench_errors[:5]]
    out += [f"play to the end: {play['error']}"] if "error" in play else []
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chromium = browser_support.find_chromium()
    if chromium is None:
        print("Chromium not found (set CHROMIUM or install Debian's chromium)", file=sys.stderr)
        return 0
    from playwright.sync_api import sync_playwright

    began = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - began:5.0f} s] {message}", flush=True)

    print(
        f"app at {app_version()}; machine: {psutil.cpu_count()} cores, load average "
        f"{psutil.getloadavg()[0]:.2f}; {args.cycles} cycles, Play to the end ×{args.plays}"
        + (" (quick)" if args.quick else "")
    )
    with contextlib.ExitStack() as stack:
        tmp = pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="soak_")))
        floor_script = write_floor(tmp)
        app_server, app_watch = stack.enter_context(serving(ROOT / "app.py", ROOT))
        floor_server, floor_watch = stack.enter_context(serving(floor_script, tmp))
        playwright = stack.enter_context(sync_playwright())
        pages = []
        for _ in range(2):
            browser = browser_support.launch_chromium(playwright, chromium)
            stack.callback(browser.close)
            pages.append(stack.enter_context(fresh_page(browser, init_marks=False)))
        open_first(pages[0], app_server.url, TRAIN)
        open_first(pages[1], floor_server.url, FLOOR_ONE)
        log("both apps drawn; soaking")
        app = Subject("app", pages[0], app_cycle, Probe(pages[0]))
        floor = Subject("floor", pages[1], floor_cycle, Probe(pages[1]))
        soak([app, floor], args, log)
        play: dict[str, Any] = {}
        if args.plays and "error" not in app.res:
            try:
                play = play_to_end(app.page, app.probe, args.plays, log)
            except Exception as error:  # reported under the table
                play = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
        print(
            f"finished in {time.monotonic() - began:.0f} s; load average now "
            f"{psutil.getloadavg()[0]:.2f}"
        )
        table.print_table(table.rows(app.res, floor.res) + table.play_rows(play))
        for note in notes(app, floor, play, {"app": app_watch, "floor": floor_watch}):
            print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
