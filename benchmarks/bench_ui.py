"""UI benchmark: the app against two minimal Streamlit apps, in headless Chromium.

    python benchmarks/bench_ui.py            # full: 2 cold starts, 40 steps per app
    python benchmarks/bench_ui.py --quick    # 1 cold start, 20 steps per app

Floors (written to a temp dir): A = one button + one 30×30 3D ``go.Surface`` via
``st.plotly_chart``; B = one button + one small line chart. Each button steps a counter
that the chart depends on, as the app's Step does.

Per app: cold start (process spawn → every chart drawn); step latency (click → script
state back to ``notRunning`` AND every ``.js-plotly-plot`` has fired ``plotly_afterplot``
since the click: timestamps taken in the page, min/median/p95); websocket bytes received
(CDP ``Network.webSocketFrameReceived``) on first load and per step; server CPU seconds
per step and peak RSS (psutil); and for the app, 5 s of Play: frames/s and the longest gap
between frames (the app's ``lab_frame`` events, else ``plotly_animatingframe``, else
``plotly_afterplot`` on the first chart). One server and one browser at a time, each
stopped by its own pid.
"""

from __future__ import annotations

import argparse
import itertools
import pathlib
import statistics
import sys
import tempfile
import textwrap
import time

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import (  # noqa: E402
    find_chromium,
    launch,
    start_server,
    wait_ready,
)

FLOOR_A = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("t", 0)
if st.button("Step", key="step"):
    st.session_state.t += 1
t = st.session_state.t
x = np.linspace(-3, 3, 30)
z = 1 / (1 + np.exp(-(x[None, :] * np.cos(t / 10) + x[:, None] * np.sin(t / 10))))
fig = go.Figure(go.Surface(x=x, y=x, z=z, showscale=False))
fig.update_layout(height=420, title=f"step {t}")
st.plotly_chart(fig)
"""

FLOOR_B = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("t", 0)
if st.button("Step", key="step"):
    st.session_state.t += 1
t = st.session_state.t
x = np.arange(50)
fig = go.Figure(go.Scatter(x=x, y=np.sin(x / 5 + t / 10), mode="lines"))
fig.update_layout(height=420, title=f"step {t}")
st.plotly_chart(fig)
"""

# Hooks every Plotly chart (also charts mounted later) for afterplot / frame events and
# records the script-state transitions of [data-testid=stApp], all with performance.now().
INSTALL_JS = """
() => {
  if (window.__bench) return;
  const b = window.__bench = { lastRunning: 0, lastIdle: 0, frames: [] };
  const hook = (el) => {
    if (el.__benchHooked || typeof el.on !== 'function') return;
    el.__benchHooked = true;
    const drawn = el._fullLayout && el.querySelector('.main-svg');
    el.__benchAfterplot = drawn ? performance.now() : 0;
    el.on('plotly_afterplot', () => { el.__benchAfterplot = performance.now(); });
    const note = (kind) => () => b.frames.push([kind, el.__benchId, performance.now()]);
    el.on('plotly_animatingframe', note('animatingframe'));
    el.addEventListener('lab_frame', note('lab_frame'));
    el.__benchId = [...document.querySelectorAll('.js-plotly-plot')].indexOf(el);
  };
  const scan = () => document.querySelectorAll('.js-plotly-plot').forEach(hook);
  const app = document.querySelector('[data-testid="stApp"]');
  const state = () => {
    const s = app.getAttribute('data-test-script-state');
    if (s === 'notRunning') b.lastIdle = performance.now(); else b.lastRunning = performance.now();
  };
  new MutationObserver(state).observe(app, { attributes: true,
                                             attributeFilter: ['data-test-script-state'] });
  new MutationObserver(scan).observe(document.body,
    { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  scan();
}
"""

STEP_JS = """
async ({ selector, timeoutMs }) => {
  const b = window.__bench;
  const app = document.querySelector('[data-testid="stApp"]');
  const t0 = performance.now();
  document.querySelector(selector).click();
  return await new Promise((resolve) => {
    const check = () => {
      const plots = [...document.querySelectorAll('.js-plotly-plot')];
      plots.forEach((el) => { if (!el.__benchHooked && typeof el.on === 'function') {
        el.__benchHooked = true; el.__benchAfterplot = performance.now();
        el.on('plotly_afterplot', () => { el.__benchAfterplot = performance.now(); }); } });
      const ran = b.lastRunning > t0 || b.lastIdle > t0;
      const idle = app.getAttribute('data-test-script-state') === 'notRunning';
      const times = plots.map((el) => el.__benchAfterplot || 0);
      const drawn = plots.length > 0 && times.every((t) => t > t0);
      if (ran && idle && drawn) {
        return resolve({ ms: Math.max(b.lastIdle, ...times) - t0, charts: plots.length });
      }
      if (performance.now() - t0 > timeoutMs) {
        return resolve({ ms: null, charts: plots.length, ran, idle,
                         missing: times.filter((t) => t <= t0).length });
      }
      setTimeout(check, 5);
    };
    check();
  });
}
"""


class Wire:
    """Bytes received over the page's websocket, from CDP Network events."""

    def __init__(self, page) -> None:
        self.received = 0
        self.frames = 0
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.send("Network.enable")

    def _frame(self, params: dict) -> None:
        response = params.get("response", {})
        payload = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary frames arrive base64-encoded
            size = len(payload) * 3 // 4 - payload[-2:].count("=")
        else:
            size = len(payload.encode("utf-8"))
        self.received += size
        self.frames += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def rss(proc: psutil.Process) -> int:
    try:
        return proc.memory_info().rss
    except psutil.Error:
        return 0


def cold_start(browser, script: pathlib.Path, charts: int) -> tuple[float, int]:
    """Seconds from process spawn to every chart drawn, and first-load websocket bytes."""
    server = start_server(script.name, script.parent)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        wire = Wire(page)
        page.goto(server.url)
        wait_ready(page, charts, timeout=120_000)
        seconds = time.perf_counter() - server.started
        page.evaluate("() => 0")  # flush pending CDP events
        context.close()
        return seconds, wire.received
    finally:
        server.stop()


def measure(browser, name: str, script: pathlib.Path, charts: int, args) -> dict:
    result: dict = {"name": name}
    colds, loads = [], []
    for _ in range(args.cold):
        seconds, first = cold_start(browser, script, charts)
        colds.append(seconds)
        loads.append(first)
    result["cold_s"] = statistics.median(colds)
    result["first_load_bytes"] = statistics.median(loads)

    server = start_server(script.name, script.parent)
    try:
        proc = psutil.Process(server.pid)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        wire = Wire(page)
        page.goto(server.url)
        wait_ready(page, charts, timeout=120_000)
        page.evaluate(INSTALL_JS)
        peak = rss(proc)
        for _ in range(3):  # warm-up: caches, first Plotly.react
            page.evaluate(STEP_JS, {"selector": ".st-key-step button", "timeoutMs": 30_000})
        page.evaluate("() => 0")
        latencies: list[float] = []
        timeouts = 0
        cpu0 = proc.cpu_times()
        bytes0 = wire.received
        for _ in range(args.steps):
            out = page.evaluate(STEP_JS, {"selector": ".st-key-step button", "timeoutMs": 30_000})
            if out["ms"] is None:
                timeouts += 1
            else:
                latencies.append(out["ms"])
            peak = max(peak, rss(proc))
        page.evaluate("() => 0")
        cpu1 = proc.cpu_times()
        result["step_bytes"] = (wire.received - bytes0) / args.steps
        result["cpu_per_step_s"] = (
            (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
        ) / args.steps
        result["step_ms"] = latencies
        result["step_timeouts"] = timeouts
        if page.locator(".st-key-play button").count():
            result.update(play(page, proc, wire))
            peak = max(peak, result.pop("peak_rss"))
        result["peak_rss"] = max(peak, rss(proc))
        context.close()
    finally:
        server.stop()
    return result


def play(page, proc: psutil.Process, wire: Wire, seconds: float = 5.0) -> dict:
    """Click Play, wait for the first client-side frame, record frames for ``seconds``."""
    page.evaluate("() => { window.__bench.frames = []; }")
    bytes0 = wire.received
    t_click = page.evaluate("() => performance.now()")
    page.locator(".st-key-play button").first.click()
    page.wait_for_function("() => window.__bench.frames.length > 0", timeout=60_000, polling=20)
    t_first = page.evaluate("() => window.__bench.frames[0][2]")
    peak = rss(proc)
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # the measurement window itself, not a readiness wait
        page.wait_for_timeout(250)
        peak = max(peak, rss(proc))
    frames = page.evaluate("() => window.__bench.frames")
    page.locator(".st-key-play button").first.click()  # Pause
    page.evaluate("() => 0")
    window = [f for f in frames if t_first <= f[2] <= t_first + seconds * 1000]
    kinds = {f[0] for f in window}
    kind = "lab_frame" if "lab_frame" in kinds else "animatingframe"
    per_chart: dict[int, list[float]] = {}
    for k, chart, t in window:
        if k == kind:
            per_chart.setdefault(chart, []).append(t)

    def gaps(times: list[float]) -> float:
        edges = [t_first, *sorted(times), t_first + seconds * 1000]
        return max(b - a for a, b in itertools.pairwise(edges))

    first = per_chart.get(min(per_chart)) if per_chart else []
    return {
        "play_event": kind,
        "play_start_ms": t_first - t_click,
        "fps_first_chart": len(first) / seconds if first else 0.0,
        "gap_first_chart_ms": gaps(first) if first else seconds * 1000,
        "fps_min_chart": min(len(v) for v in per_chart.values()) / seconds if per_chart else 0,
        "gap_max_chart_ms": max(gaps(v) for v in per_chart.values()) if per_chart else 0,
        "play_bytes": wire.received - bytes0,
        "peak_rss": peak,
    }


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


ROWS = [
    ("cold start (spawn → charts drawn)", "cold_s", lambda v: f"{v:.2f} s"),
    ("first load, websocket received", "first_load_bytes", fmt_bytes),
    ("step latency min", "step_min", lambda v: f"{v:.0f} ms"),
    ("step latency median", "step_median", lambda v: f"{v:.0f} ms"),
    ("step latency p95", "step_p95", lambda v: f"{v:.0f} ms"),
    ("step timeouts (>30 s)", "step_timeouts", lambda v: f"{v}"),
    ("websocket received per step", "step_bytes", fmt_bytes),
    ("server CPU per step", "cpu_per_step_s", lambda v: f"{v * 1000:.1f} ms"),
    ("server peak RSS", "peak_rss", lambda v: f"{v / 2**20:.0f} MB"),
    ("play: time to first frame", "play_start_ms", lambda v: f"{v:.0f} ms"),
    ("play: frames/s, first chart", "fps_first_chart", lambda v: f"{v:.1f}"),
    ("play: longest gap, first chart", "gap_first_chart_ms", lambda v: f"{v:.0f} ms"),
    ("play: frames/s, slowest chart", "fps_min_chart", lambda v: f"{v:.1f}"),
    ("play: longest gap, any chart", "gap_max_chart_ms", lambda v: f"{v:.0f} ms"),
    ("play: websocket received (5 s)", "play_bytes", fmt_bytes),
]


def report(results: list[dict]) -> None:
    for r in results:
        lat = r.get("step_ms") or [float("nan")]
        r["step_min"], r["step_median"], r["step_p95"] = (
            min(lat),
            statistics.median(lat),
            percentile(lat, 0.95),
        )
    names = [r["name"] for r in results]
    app = results[0]
    floors = results[1:]
    header = ["metric", *names, *[f"app/{f['name']}" for f in floors]]
    table = []
    for label, key, show in ROWS:
        row = [label]
        for r in results:
            row.append(show(r[key]) if key in r else "n/a")
        for f in floors:
            if key in app and key in f and isinstance(f[key], (int, float)) and f[key]:
                row.append(f"{app[key] / f[key]:.2f}×")
            else:
                row.append("n/a")
        table.append(row)
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print(
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    )
    print(line)
    for row in table:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    print(line)
    if "play_event" in app:
        print(f"play frames counted from '{app['play_event']}' events")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 cold start, 20 steps per app")
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--cold", type=int, default=None)
    args = parser.parse_args()
    args.steps = args.steps or (20 if args.quick else 40)
    args.cold = args.cold or (1 if args.quick else 2)
    if args.steps < 20:
        parser.error("--steps must be at least 20")
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found (set CHROMIUM or install Debian's chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    print(
        f"machine: {psutil.cpu_count()} cores, load {psutil.getloadavg()[0]:.2f}; "
        f"{args.cold} cold start(s), {args.steps} steps per app"
    )
    with tempfile.TemporaryDirectory(prefix="bench_ui_") as tmp:
        floor_a = pathlib.Path(tmp) / "floor_a.py"
        floor_b = pathlib.Path(tmp) / "floor_b.py"
        floor_a.write_text(textwrap.dedent(FLOOR_A), encoding="utf-8")
        floor_b.write_text(textwrap.dedent(FLOOR_B), encoding="utf-8")
        apps = [("app", ROOT / "app.py", 5), ("floorA", floor_a, 1), ("floorB", floor_b, 1)]
        results = []
        with sync_playwright() as playwright:
            browser = launch(playwright, chromium)
            try:
                for name, script, charts in apps:
                    started = time.perf_counter()
                    results.append(measure(browser, name, script, charts, args))
                    print(
                        f"  {name}: measured in {time.perf_counter() - started:.0f} s", flush=True
                    )
            finally:
                browser.close()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
