"""Phase 2: Play, sampled frame by frame in the page.

Why a rAF sampler: Play is an animation, and what matters is what each frame shows, so a
loop in the page reads the stage's step and every chart's ``data-step`` once per frame
(frames/s, the share of frames in which each chart moved, its longest gap). Why
baselines on a blank page of the same server: the heat-map view is read against the
machine's own frame pacing, and the 3D view's surface redraws against a bare Plotly
surface in a page of the same size, run just before and just after the app's 3D Play
so a drift of the machine shows up on both sides.
"""

from __future__ import annotations

import itertools
from typing import Any

from tests.support.browser import Server
from tests.support.stage import stage_step

from .floors import RAF_BASELINE_JS, SURFACE_FLOOR_JS
from .wire import fresh_page, open_stage, wait_quiet

PLAY_SECONDS = 5.0
CHARTS_2D = ["heatmap", "landscape", "loss", "weights", "errors"]

# Play: a rAF loop samples the stage's step and each chart's data-step once per frame;
# surface restyles and afterplots are timed for the 3D view.
PLAY_START_JS = """
(names) => {
  const stage = document.querySelector('.lab-stage');
  const p = window.__benchPlay = { frames: [], restyles: [], afterplots: [], stop: false };
  const charts = names.map((n) => stage.querySelector('.lab-chart-' + n));
  const surface = stage.querySelector('.lab-chart-surface');
  if (surface && !surface.__benchHooked && typeof surface.on === 'function') {
    surface.__benchHooked = true;
    surface.on('plotly_afterplot', () => window.__benchPlay.afterplots.push(performance.now()));
  }
  if (window.Plotly && !window.Plotly.__benchWrapped) {
    const restyle = window.Plotly.restyle;
    window.Plotly.restyle = function (gd, ...rest) {
      const done = restyle.call(this, gd, ...rest);
      if (gd && gd.classList && gd.classList.contains('lab-chart-surface')) {
        Promise.resolve(done).then(() => window.__benchPlay.restyles.push(performance.now()));
      }
      return done;
    };
    window.Plotly.__benchWrapped = true;
  }
  const started = performance.now();
  const loop = () => {
    if (p.stop || p.frames.length >= 20000 || performance.now() - started > 60000) return;
    p.frames.push([performance.now(), Number(stage.dataset.step),
                   ...charts.map((c) => (c ? Number(c.dataset.step) : -1))]);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  return charts.map((c) => !!c);
}
"""

PLAY_STOP_JS = """
() => { const p = window.__benchPlay; p.stop = true;
        return { frames: p.frames, restyles: p.restyles, afterplots: p.afterplots }; }
"""


def analyse_play(frames: list[list[float]], names: list[str], seconds: float) -> dict:
    """Frames/s and, per chart, the share of frames it changed in and its longest gap."""
    first = next((i for i in range(1, len(frames)) if frames[i][1] != frames[i - 1][1]), None)
    if first is None:
        return {"error": "the step never changed during Play", "frames": len(frames)}
    t0 = frames[first][0]
    t1 = t0 + seconds * 1000
    window = [f for f in frames[first - 1 :] if f[0] <= t1]
    span = (window[-1][0] - window[0][0]) / 1000
    ticks = len(window) - 1
    out: dict[str, Any] = {
        "fps": ticks / span if span else 0.0,
        "frames": ticks,
        "window_s": span,
        "steps": [window[0][1], window[-1][1]],
    }
    intervals = [
        (window[i][0] - window[i - 1][0], window[i][0] - t0) for i in range(1, len(window))
    ]
    longest = max(intervals, default=(0.0, 0.0))
    out["max_frame_ms"], out["max_frame_at_ms"] = longest
    out["long_frames"] = sum(1 for d, _ in intervals if d > 50)
    stage_changes = [i for i in range(1, len(window)) if window[i][1] != window[i - 1][1]]
    out["stage_share"] = len(stage_changes) / ticks if ticks else 0.0
    charts = {}
    for c, name in enumerate(names):
        col = c + 2
        if window[0][col] < 0:
            continue
        changed = [i for i in range(1, len(window)) if window[i][col] != window[i - 1][col]]
        times = [window[i][0] for i in changed]
        edges = [t0, *times, min(t1, window[-1][0])]
        followed = sum(1 for i in stage_changes if window[i][col] == window[i][1])
        gap, at = max(((b - a, b - t0) for a, b in itertools.pairwise(edges)), default=(0, 0))
        charts[name] = {
            "share": len(changed) / ticks if ticks else 0.0,
            "followed": followed / len(stage_changes) if stage_changes else 0.0,
            "gap_ms": gap,
            "gap_ends_at_ms": at,
        }
    out["charts"] = charts
    return out


def settle(page, what: str) -> None:
    """Until the page is quiet (``wire.wait_quiet``); a page that never settles is an error."""
    seen = wait_quiet(page)
    if not seen["quiet"]:
        raise RuntimeError(f"the page did not settle {what}: {seen}")


def play_once(page, names: list[str], seconds: float = PLAY_SECONDS) -> dict:
    """Press Play with a rAF sampler already running; sample ``seconds`` of it; Pause."""
    present = page.evaluate(PLAY_START_JS, names)
    settle(page, "before Play")  # a few still frames sampled before the press
    page.locator('[data-lab="play"]').click()
    page.wait_for_function(
        "() => { const f = window.__benchPlay.frames; return f.length > 1"
        " && f[f.length - 1][1] !== f[0][1]; }",
        timeout=15_000,
        polling=20,
    )
    page.wait_for_timeout(seconds * 1000 + 300)  # the measurement window itself
    sample = page.evaluate(PLAY_STOP_JS)
    if page.locator('[data-lab="play"][data-state="playing"]').count():
        page.locator('[data-lab="play"]').click()
    settle(page, "after Pause")  # Pause writes the address bar at once
    out = analyse_play(sample["frames"], [n for n, ok in zip(names, present, strict=True)], seconds)
    if "error" not in out:
        frames = sample["frames"]
        first = next(i for i in range(1, len(frames)) if frames[i][1] != frames[i - 1][1])
        t0 = frames[first][0]
        t1 = t0 + seconds * 1000
        restyles = [t for t in sample["restyles"] if t0 <= t <= t1]
        afterplots = [t for t in sample["afterplots"] if t0 <= t <= t1]
        out["surface_restyles_per_s"] = len(restyles) / seconds
        out["surface_afterplots_per_s"] = len(afterplots) / seconds
    return out


def reset_to_zero(page) -> None:
    if stage_step(page) == 0:
        return
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.querySelector('.lab-stage').dataset.step === '0'", timeout=10_000
    )
    settle(page, "at step 0")


def plotly_path() -> str:
    """Where the app serves its own Plotly (imported here: it is a Streamlit component)."""
    from ui.assets import PLOTLY_URL

    return PLOTLY_URL.removeprefix(".")


def measure_play(browser, server: Server, log) -> dict:
    """Play in the heat-map view, then in the 3D view, each with a blank-page baseline."""
    out: dict[str, Any] = {}
    with fresh_page(browser) as page, fresh_page(browser, init_marks=False) as floor:
        open_stage(page, server.url)
        # A blank page of the same server, with the app's Plotly: the machine's own frame
        # pacing just before the heat-map Play, and the bare surface around the 3D Play.
        floor.goto(f"{server.url}/_stcore/health")
        floor.add_script_tag(url=f"{server.url}{plotly_path()}")
        floor.wait_for_function("() => !!window.Plotly", timeout=60_000)
        out["blank_raf"] = floor.evaluate(RAF_BASELINE_JS, PLAY_SECONDS * 1000)
        out["heatmap"] = play_once(page, CHARTS_2D)
        h = out["heatmap"]
        if "error" not in h:
            log(
                f"  play (heat map): {h['fps']:.1f} frames/s (blank page "
                f"{out['blank_raf']['fps']:.1f}), slowest chart share "
                f"{min(c['share'] for c in h['charts'].values()):.0%}"
            )
        out.update(play_3d(page, floor))
        out["page_errors"] = list(page.bench_errors)
    s = out["surface"]
    if "error" not in s:
        log(
            f"  play (3D): surface {s['surface_restyles_per_s']:.1f} redraws/s, bare surface "
            f"{out['surface_floor']['perSecond']:.1f}/s, page {s['fps']:.1f} frames/s"
        )
    return out


def play_3d(page, floor) -> dict[str, Any]:
    """The 3D view from step 0, with the bare surface run just before and just after it."""
    page.locator('[data-lab="view"] button[data-value="3d"]').click()
    page.wait_for_function(
        """() => { const el = document.querySelector('.lab-chart-surface');
                   return el && el.dataset.step !== undefined && el._fullLayout
                          && el.querySelector('canvas'); }""",
        timeout=60_000,
        polling=50,
    )
    settle(page, "in the 3D view")
    reset_to_zero(page)
    size = page.evaluate(
        """() => { const el = document.querySelector('.lab-chart-surface');
                   return { width: el.clientWidth, height: el.clientHeight }; }"""
    )
    sizes = {"ms": PLAY_SECONDS * 1000, **size}
    before = floor.evaluate(SURFACE_FLOOR_JS, sizes)
    surface = play_once(page, ["surface", *CHARTS_2D[1:]])
    after = floor.evaluate(SURFACE_FLOOR_JS, sizes)
    return {
        "surface": surface,
        "surface_floor": {
            "before": before,
            "after": after,
            "perSecond": (before["count"] + after["count"])
            / (before["seconds"] + after["seconds"]),
        },
        "surface_size": size,
    }
