"""Phase "race": Compare's race of eight runs, stepped and played in the browser.

A key Step on Compare with 8 runs is timed like a Step on Train (``steps.py``): ArrowRight →
the first animation frame in which the race and both its charts show the new step, then one
more frame without DOM mutations; alternated with floor B's round trip (a real click) in
the same run, each from a quiet page. Play is sampled frame by frame like Train's
(``play.py``): frames/s, the share of frames in which each chart moved, its longest gap.
The in-page probes are Train's own, pointed at the race's element instead of the stage.

Budgets (issue 20): Step median ≤ 0.25× floor B; Play ≥ 30 frames/s, every chart moves in
≥ 80 % of frames, no pause longer than 150 ms.
"""

from __future__ import annotations

import time

from tests.support.browser import Server
from tests.support.page import wait_idle

from .cells import Row, check, median, ms, ratio_row, spread
from .floors import RAF_BASELINE_JS
from .page_js import APP_ARM_JS, APP_INSTALL_JS, APP_QUIET_JS, EMPTY_SPOT_JS, FLOOR_INSTALL_JS
from .play import PLAY_START_JS, PLAY_STOP_JS, analyse_play
from .steps import floor_step
from .wire import QUIET_FRAMES, ServerWatch, fresh_page, wait_marks

RACE_CHARTS = ["landscape", "loss"]
ADDED_RATES = ["0.001", "0.01", "0.5", "2", "100"]  # with the page's 0.1, 1, 10: eight runs
PLAY_SECONDS = 5.0


def on_race(js: str) -> str:
    """A probe written for Train's stage, pointed at Compare's race."""
    return js.replace(".lab-stage", ".lab-race")


RACE_OF_JS = """(n) => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state') === 'notRunning'
  && document.querySelectorAll('.lab-race-run').length === n
  && document.querySelector('.lab-race')?.dataset.ready === 'true'"""


def open_race(page, url: str) -> str:
    """Compare with eight runs, drawn, idle, instrumented and focused; what the click hit."""
    page.goto(f"{url}/compare")
    page.wait_for_function(RACE_OF_JS, arg=3, timeout=120_000, polling=100)
    combo = page.locator(".st-key-compare_rates").get_by_role("combobox")
    for n, rate in enumerate(ADDED_RATES, start=4):
        combo.click()
        page.get_by_role("option", name=rate, exact=True).click()
        page.keyboard.press("Escape")
        page.wait_for_function(RACE_OF_JS, arg=n, timeout=120_000, polling=100)
    wait_idle(page)
    page.wait_for_function(on_race(APP_INSTALL_JS), timeout=60_000, polling=100)
    spot = page.evaluate(on_race(EMPTY_SPOT_JS))
    if spot is None:
        raise RuntimeError("no empty spot outside the race for the focus click")
    page.mouse.click(spot["x"], spot["y"])
    return str(spot["what"])


def race_step(page) -> dict:
    page.evaluate(on_race(APP_ARM_JS), 10_000)
    page.keyboard.press("ArrowRight")
    result = page.evaluate("() => window.__benchApp.pending")
    result["settled"] = quiet(page)
    return result


def quiet(page) -> dict:
    return page.evaluate(on_race(APP_QUIET_JS), {"frames": QUIET_FRAMES, "timeoutMs": 15_000})


def play(page) -> dict:
    """Home, then Play with the frame sampler running; PLAY_SECONDS of it; Pause."""
    page.keyboard.press("Home")
    page.wait_for_function("() => document.querySelector('.lab-race').dataset.step === '0'")
    quiet(page)
    page.evaluate(on_race(PLAY_START_JS), RACE_CHARTS)
    page.locator('.lab-race [data-lab="play"]').click()
    page.wait_for_function(
        "() => { const f = window.__benchPlay.frames; return f.length > 1"
        " && f[f.length - 1][1] !== f[0][1]; }",
        timeout=15_000,
        polling=20,
    )
    page.wait_for_timeout(PLAY_SECONDS * 1000 + 300)  # the measurement window itself
    sample = page.evaluate(PLAY_STOP_JS)
    if page.locator('.lab-race [data-lab="play"][data-state="playing"]').count():
        page.locator('.lab-race [data-lab="play"]').click()
    return analyse_play(sample["frames"], RACE_CHARTS, PLAY_SECONDS)


def measure_race(
    browser, app: Server, floor: tuple[Server, ServerWatch], n: int, log
) -> dict[str, object]:
    """Alternate race Steps (8 runs) and floor-B round trips, then Play the race."""
    floor_server, _ = floor
    with fresh_page(browser) as page, fresh_page(browser) as floor_page:
        spot = open_race(page, app.url)
        floor_page.goto(floor_server.url)
        floor_page.wait_for_function(FLOOR_INSTALL_JS, timeout=120_000, polling=100)
        wait_marks(floor_page, "plot", 120_000)
        wait_idle(floor_page)
        for _ in range(3):  # warm-up: JIT, the charts' first redraws
            race_step(page)
            floor_step(floor_page)
        app_ms, floor_ms, problems = [], [], []
        deadline = time.monotonic() + 60 + n * 20
        for i in range(n):
            if time.monotonic() > deadline:
                problems.append(f"time cap reached after {i} steps")
                break
            a = race_step(page)
            if a["ms"] is None or a["step"] != a["before"] + 1 or a["charts"] != 2:
                problems.append(f"race step {i}: {a}")
            else:
                app_ms.append(a["ms"])
            f = floor_step(floor_page)
            if f["ms"] is None:
                problems.append(f"floor step {i}: timed out {f}")
            else:
                floor_ms.append(f["ms"])
        log(
            f"  race: step median {median(app_ms):.1f} ms, floor B {median(floor_ms):.1f} ms"
            f" ({len(app_ms)}/{len(floor_ms)} steps; focus click on {spot})"
        )
        with fresh_page(browser, init_marks=False) as blank:  # the machine's own frame pacing
            blank.goto(f"{app.url}/_stcore/health")
            blank_raf = blank.evaluate(RAF_BASELINE_JS, PLAY_SECONDS * 1000)
        played = play(page)
        if "error" not in played:
            log(f"  race play: {played['fps']:.1f} frames/s")
        return {
            "app_ms": app_ms,
            "floor_ms": floor_ms,
            "problems": problems,
            "play": played,
            "blank_raf": blank_raf,
            "page_errors": list(page.bench_errors),
        }


def race_rows(res: dict) -> list[Row]:
    """The race's rows: its Step against floor B, then its Play."""
    race = res.get("race")
    if not race:
        return []
    a, f = spread(race["app_ms"]), spread(race["floor_ms"])
    rows = [
        ratio_row(
            "R Race Step, 8 runs (→ settled)", a["median"], f["median"], 0.25, base_name="floor B"
        ),
        Row(
            "  Race Step min / p95",
            f"{ms(a['min'])} / {ms(a['p95'])}",
            f"{ms(f['min'])} / {ms(f['p95'])}",
            verdict="info" if not race["problems"] else "WARN",
        ),
    ]
    p = race["play"]
    if "error" in p:
        return [*rows, Row("  Race Play", p["error"], verdict="FAIL")]
    rows.append(
        Row(
            "  Race Play frames/s",
            f"{p['fps']:.1f}",
            f"{race['blank_raf']['fps']:.1f} blank page",
            budget="≥ 30",
            verdict=check(p["fps"] >= 30),
        )
    )
    rows.append(
        Row(
            "  Race Play longest frame",
            ms(p["max_frame_ms"]),
            f"{ms(race['blank_raf']['max_frame_ms'])} blank page",
            budget="≤ 150 ms",
            verdict=check(p["max_frame_ms"] <= 150),
        )
    )
    for name, c in p["charts"].items():
        rows.append(
            Row(
                f"  Race Play {name}: frames moved / longest gap",
                f"{c['share']:.0%} / {ms(c['gap_ms'])}",
                budget="≥ 80% / ≤ 150 ms",
                verdict=check(c["share"] >= 0.8 and c["gap_ms"] <= 150),
            )
        )
    return rows
