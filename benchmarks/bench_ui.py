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
           server, with the app's own Plotly (``./component/ui.stage.plotly_assets/``)

What is measured (each is a row of the printed table):
  1 Step    ArrowRight → the first animation frame in which ``.lab-stage[data-step]`` shows
            the new step, every ``.lab-chart`` has that ``data-step``, and the stage then
            stays free of DOM mutations for one more frame; from the keydown's timeStamp.
            Floor B: a real click on its button → the first animation frame in which the
            script is idle again and the chart's title (drawn by the same ``Plotly.react``
            as its line) says the new step, the main area then staying free of mutations for
            one more frame; from the click's timeStamp. App and floor steps alternate, each
            waiting for its page to be quiet (the app's debounced report rerun included). A
            burst of 10 quick ArrowRights counts websocket frames sent and bytes received
            (CDP ``Network.webSocketFrameSent/Received``; CDP time is CLOCK_MONOTONIC).
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
  5 Load    N browser sessions (one Chromium) × M Steps each on one fresh server: failures
            and the p95 of the in-page Step time against floor B's single-session median.
Server CPU seconds per step and peak RSS come from psutil on each server's pid.

Every wait has a timeout, every loop a count and a time cap, servers listen on loopback
only, and every server and browser this script starts is stopped by its own handle.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import pathlib
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    Server,
    find_chromium,
    launch,
    start_server,
)

PLOTLY_PATH = "/component/ui.stage.plotly_assets/plotly.min.js"
VIEWPORT = {"width": 1280, "height": 800}
PLAY_SECONDS = 5.0
CHARTS_2D = ["heatmap", "landscape", "loss", "weights", "errors"]

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

# --------------------------------------------------------------------------- page scripts

# Runs at document start in every measured page: times (from navigation start) of the first
# chart shown, the stage ready, and a floor's Plotly chart drawn, checked once per frame.
LOAD_MARKS_JS = """
(() => {
  const marks = window.__benchLoad = {};
  const started = performance.now();
  const check = () => {
    const now = performance.now();
    if (marks.stage === undefined && document.querySelector('.lab-stage')) marks.stage = now;
    if (marks.firstChart === undefined && document.querySelector('.lab-chart[data-step]'))
      marks.firstChart = now;
    if (marks.ready === undefined && document.querySelector('.lab-stage[data-ready="true"]'))
      marks.ready = now;
    if (marks.plot === undefined) {
      const el = document.querySelector('.js-plotly-plot');
      if (el && el._fullLayout && !el.closest('.lab-stage')
          && (el.querySelector('canvas') || el.querySelector('.main-svg g.trace'))) {
        marks.plot = now;
      }
    }
    const done = marks.ready !== undefined || marks.plot !== undefined;
    if (!done && now - started < 300000) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""

# The app page: counts stage mutations and reports (window.__labReport is reassigned by the
# report component on every run, so a property keeps our counter in front of it), records
# key times and the script-state transitions of [data-testid=stApp].
APP_INSTALL_JS = """
() => {
  if (window.__labBench) return true;
  const stage = document.querySelector('.lab-stage');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!stage || !app) return false;
  const b = window.__labBench = { mutations: 0, reports: [], keys: [], lastIdle: 0,
                                  lastRunning: 0 };
  new MutationObserver((records) => { b.mutations += records.length; })
    .observe(stage, { subtree: true, childList: true, attributes: true, characterData: true });
  let inner = window.__labReport;
  const wrapped = (values) => { b.reports.push(performance.now()); return inner(values); };
  Object.defineProperty(window, '__labReport', { configurable: true,
    get() { return inner ? wrapped : undefined; }, set(f) { inner = f; } });
  window.addEventListener('keydown', (e) => { b.keys.push(e.timeStamp); }, true);
  const state = () => {
    if (app.getAttribute('data-test-script-state') === 'notRunning') b.lastIdle = performance.now();
    else b.lastRunning = performance.now();
  };
  new MutationObserver(state).observe(app, { attributes: true,
                                             attributeFilter: ['data-test-script-state'] });
  return true;
}
"""

# Arm one Step measurement: resolves once the step is on screen everywhere and settled.
APP_ARM_JS = """
(timeoutMs) => {
  const b = window.__labBench;
  const stage = document.querySelector('.lab-stage');
  const before = stage.dataset.step;
  b.pending = new Promise((resolve) => {
    const started = performance.now();
    let key = null; let handled = null; let candidate = null; let frames = 0;
    const once = { capture: true, once: true };
    window.addEventListener('keydown', (e) => { key = e.timeStamp; }, once);
    window.addEventListener('keydown', () => { handled = performance.now(); }, { once: true });
    const frame = () => {
      const now = performance.now();
      if (key !== null) {
        frames += 1;
        const step = stage.dataset.step;
        const charts = [...stage.querySelectorAll('.lab-chart')];
        const shown = step !== before && charts.length > 0
          && charts.every((c) => c.dataset.step === step);
        if (shown && candidate && candidate.mutations === b.mutations) {
          return resolve({ ms: candidate.at - key, handlerMs: handled - key,
                           step: Number(step), charts: charts.length,
                           frames: candidate.frames, before: Number(before) });
        }
        if (shown) candidate = { at: now, mutations: b.mutations, frames };
        else candidate = null;
      }
      if (now - started > timeoutMs) {
        const steps = [...stage.querySelectorAll('.lab-chart')].map((c) => c.dataset.step);
        return resolve({ ms: null, key, step: stage.dataset.step, before, charts: steps });
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { before: Number(before), reports: b.reports.length };
}
"""

# Idle again after the report that followed a step: the report was sent and the script has
# gone back to notRunning after it (or it never ran: then after a short grace period).
APP_QUIET_JS = """
(reports) => {
  const b = window.__labBench;
  const app = document.querySelector('[data-testid="stApp"]');
  if (b.reports.length <= reports) return false;
  const sent = b.reports[b.reports.length - 1];
  const idle = app.getAttribute('data-test-script-state') === 'notRunning';
  return idle && (b.lastIdle > sent || performance.now() - sent > 1500);
}
"""

# Floor B: one Step is a real click on its button until the first animation frame in which
# the script is idle, the chart's title says the new step (the title is drawn by the same
# Plotly.react as the line) and the main area then stays free of DOM mutations for a frame.
FLOOR_INSTALL_JS = """
() => !!document.querySelector('[data-testid="stApp"]')
  && !!document.querySelector('[data-testid="stMain"] .js-plotly-plot .gtitle')
"""

FLOOR_ARM_JS = """
(timeoutMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const title = () => {
    const t = main.querySelector('.js-plotly-plot .gtitle');
    return t ? t.textContent : null;
  };
  const before = title();
  const expected = `step ${Number(String(before).replace('step ', '')) + 1}`;
  const b = window.__floorBench = window.__floorBench || {};
  b.pending = new Promise((resolve) => {
    const started = performance.now();
    let click = null; let candidate = null; let mutations = 0;
    const observer = new MutationObserver((records) => { mutations += records.length; });
    observer.observe(main, { subtree: true, childList: true, attributes: true,
                             characterData: true });
    const once = { capture: true, once: true };
    window.addEventListener('click', (e) => { click = e.timeStamp; }, once);
    const finish = (value) => { observer.disconnect(); resolve(value); };
    const frame = () => {
      const now = performance.now();
      if (click !== null) {
        const idle = app.getAttribute('data-test-script-state') === 'notRunning';
        const shown = idle && title() === expected;
        if (shown && candidate && candidate.mutations === mutations) {
          return finish({ ms: candidate.at - click, title: expected });
        }
        candidate = shown ? { at: now, mutations } : null;
      }
      if (now - started > timeoutMs) {
        return finish({ ms: null, clicked: click !== null, title: title(), expected });
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return before;
}
"""

# A point of the main area outside the stage that nothing reacts to, for the focus click.
EMPTY_SPOT_JS = """
() => {
  const stage = document.querySelector('.lab-stage');
  const main = document.querySelector('[data-testid="stMain"]')
    || document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!stage || !main) return null;
  const m = main.getBoundingClientRect();
  const s = stage.getBoundingClientRect();
  const busy = 'a,button,input,select,textarea,label,summary,details,canvas,svg,'
    + '.js-plotly-plot,[role=button],[role=slider],[data-testid=stSidebar],'
    + '[data-testid=stSidebarResizeHandle],header';
  const ys = [s.top + 8, s.top + 40, s.top + 120, m.top + 40];
  const xs = [m.right - 10, s.right + 6, m.left + 8, (m.left + s.left) / 2];
  for (const y of ys) for (const x of xs) {
    if (x < 1 || y < 1 || x >= innerWidth - 1 || y >= innerHeight - 1) continue;
    const el = document.elementFromPoint(x, y);
    if (!el || !main.contains(el) || stage.contains(el) || el.closest(busy)) continue;
    return { x, y, what: el.getAttribute('data-testid') || el.className || el.tagName };
  }
  return null;
}
"""

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

# The 3D floor: a bare 30×30 surface with fixed axis ranges (as the app's; autoranged axes
# redraw their ticks and run at half the rate), restyled with a new grid, each restyle
# awaited and followed by one animation frame (so every redraw reaches the screen), for `ms`.
SURFACE_FLOOR_JS = """
async ({ ms, width, height }) => {
  const div = document.createElement('div');
  div.style.cssText = `width:${width}px;height:${height}px`;
  document.body.appendChild(div);
  const n = 30;
  const xs = Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
  const grid = (k) => xs.map((y) => xs.map((x) =>
    1 / (1 + Math.exp(-(x * Math.cos(k / 10) + y * Math.sin(k / 10))))));
  await Plotly.newPlot(div, [{ type: 'surface', x: xs, y: xs, z: grid(0), showscale: false }],
                       { width, height, margin: { t: 10, b: 0, l: 0, r: 0 },
                         scene: { xaxis: { range: [-3, 3] }, yaxis: { range: [-3, 3] },
                                  zaxis: { range: [0, 1] }, aspectmode: 'cube' } },
                       { displayModeBar: false });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  await frame();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms && count < 10000) {
    await Plotly.restyle(div, { z: [grid(count + 1)] });
    await frame();
    count += 1;
  }
  const elapsed = performance.now() - started;
  Plotly.purge(div);
  div.remove();
  return { count, seconds: elapsed / 1000, perSecond: count / (elapsed / 1000) };
}
"""

# Where a first load of the Train page spends its time (ms from navigation start): the
# page's first script run seen (stApp mounted), the stage element mounted, Plotly and the
# run's bytes (/media/) fully loaded, every chart drawn.
TIMELINE_JS = """
() => {
  const end = (test) => {
    const hits = performance.getEntriesByType('resource').filter((r) => test(r.name));
    return hits.length ? Math.max(...hits.map((r) => r.responseEnd)) : null;
  };
  const path = (u) => new URL(u).pathname;
  return {
    html: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    stage: window.__benchLoad.stage ?? null,
    plotly: end((u) => u.endsWith('/plotly.min.js')),
    run: end((u) => path(u).startsWith('/media/')),
    ready: window.__benchLoad.ready ?? null,
  };
}
"""

# The machine's own frame pacing: a rAF loop on a blank page for `ms`.
RAF_BASELINE_JS = """
async (ms) => {
  const times = [];
  const started = performance.now();
  await new Promise((resolve) => {
    const loop = (now) => {
      times.push(performance.now());
      if (performance.now() - started < ms && times.length < 20000) requestAnimationFrame(loop);
      else resolve();
    };
    requestAnimationFrame(loop);
  });
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  const span = (times[times.length - 1] - times[0]) / 1000;
  return { fps: (times.length - 1) / span, max_frame_ms: longest };
}
"""

# --------------------------------------------------------------------------- helpers


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def spread(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "min": min(values) if values else math.nan,
        "median": median(values),
        "p95": percentile(values, 0.95),
        "max": max(values) if values else math.nan,
    }


def b64_size(payload: str) -> int:
    return len(payload) * 3 // 4 - payload[-2:].count("=") if payload else 0


class Wire:
    """What one page sends and receives: websocket frames and HTTP responses, from CDP."""

    def __init__(self, page) -> None:
        self.frames: list[tuple[str, float, int]] = []  # (sent|received, CDP time s, bytes)
        self.urls: dict[str, str] = {}
        self.http: list[tuple[str, int]] = []  # (url, encoded bytes incl. headers)
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameSent", lambda p: self._frame("sent", p))
        self.cdp.on("Network.webSocketFrameReceived", lambda p: self._frame("received", p))
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.send("Network.enable")

    def _frame(self, kind: str, params: dict) -> None:
        response = params.get("response", {})
        payload = response.get("payloadData", "")
        size = b64_size(payload) if response.get("opcode") == 2 else len(payload.encode())
        self.frames.append((kind, float(params.get("timestamp", 0.0)), size))

    def _response(self, params: dict) -> None:
        self.urls[params["requestId"]] = params.get("response", {}).get("url", "")

    def _finished(self, params: dict) -> None:
        url = self.urls.get(params["requestId"], "")
        self.http.append((url, int(params.get("encodedDataLength", 0))))

    def mark(self) -> tuple[int, int]:
        return len(self.frames), len(self.http)

    def since(self, mark: tuple[int, int]) -> dict[str, Any]:
        frames = self.frames[mark[0] :]
        http = self.http[mark[1] :]
        return {
            "ws_sent_frames": sum(1 for f in frames if f[0] == "sent"),
            "ws_sent_bytes": sum(f[2] for f in frames if f[0] == "sent"),
            "ws_received_frames": sum(1 for f in frames if f[0] == "received"),
            "ws_received_bytes": sum(f[2] for f in frames if f[0] == "received"),
            "media_bytes": sum(n for u, n in http if urlsplit(u).path.startswith("/media/")),
            "media": [
                (urlsplit(u).path, n) for u, n in http if urlsplit(u).path.startswith("/media/")
            ],
            "component_bytes": sum(n for u, n in http if "/component/" in u),
            "http_bytes": sum(n for _, n in http),
        }


class ServerWatch:
    """Peak RSS of a server process (sampled every 100 ms) and its CPU seconds on demand."""

    def __init__(self, server: Server) -> None:
        self.proc = psutil.Process(server.pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(0.1)

    def cpu(self) -> float:
        try:
            times = self.proc.cpu_times()
        except psutil.Error:
            return math.nan
        return times.user + times.system

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


@contextlib.contextmanager
def serving(script: pathlib.Path, cwd: pathlib.Path):
    """A server and its watch, both stopped on the way out whatever happens."""
    server = start_server(script, cwd, timeout=90)
    watch = ServerWatch(server)
    try:
        yield server, watch
    finally:
        watch.stop()
        server.stop()


@contextlib.contextmanager
def fresh_page(browser, *, init_marks: bool = True):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    try:
        if init_marks:
            context.add_init_script(LOAD_MARKS_JS)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)[:200]))
        page.bench_errors = errors  # type: ignore[attr-defined]
        yield page
    finally:
        context.close()


def wait_marks(page, key: str, timeout_ms: float) -> float:
    page.wait_for_function(
        f"() => window.__benchLoad && window.__benchLoad.{key} !== undefined",
        timeout=timeout_ms,
        polling=50,
    )
    return page.evaluate(f"() => window.__benchLoad.{key}")


def wait_idle(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=timeout_ms,
        polling=50,
    )


def wait_ws_quiet(page, wire: Wire, quiet_s: float = 0.4, cap_s: float = 10.0) -> None:
    """Until no websocket frame has arrived for ``quiet_s`` (at most ``cap_s``)."""
    end = time.monotonic() + cap_s
    count = -1
    while time.monotonic() < end:
        page.wait_for_timeout(quiet_s * 1000)
        if len(wire.frames) == count:
            return
        count = len(wire.frames)


def focus_click(page) -> str:
    """Click an empty spot of the main area (outside the stage) so keys reach the page."""
    spot = page.evaluate(EMPTY_SPOT_JS)
    if spot is None:
        raise RuntimeError("no empty spot of the main area found for the focus click")
    page.mouse.click(spot["x"], spot["y"])
    return str(spot["what"])


def install_app(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(APP_INSTALL_JS, timeout=timeout_ms, polling=100)


# --------------------------------------------------------------------------- 4: cold start


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


# --------------------------------------------------------------------------- 3: first load


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


# --------------------------------------------------------------------------- 1: steps


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
    page.locator(".st-key-step button").click()
    return page.evaluate("() => window.__floorBench.pending")


def measure_steps(
    browser, app: tuple[Server, ServerWatch], floor: tuple[Server, ServerWatch], n: int, log
) -> dict:
    """Alternate app Steps and floor-B round trips, then a burst of 10 quick Steps."""
    (app_server, app_watch), (floor_server, floor_watch) = app, floor
    with fresh_page(browser) as app_page, fresh_page(browser) as floor_page:
        wire = Wire(app_page)
        app_page.goto(app_server.url)
        app_page.wait_for_selector(".lab-stage[data-ready=true]", timeout=120_000)
        wait_idle(app_page)
        install_app(app_page)
        spot = focus_click(app_page)
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
    step0 = page.evaluate("() => Number(document.querySelector('.lab-stage').dataset.step)")
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
        "http_after": wire.since(mark)["http_bytes"],  # e.g. the run's bytes fetched again
        "media_after": wire.since(mark)["media_bytes"],
    }


# --------------------------------------------------------------------------- 2: play


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


def play_once(page, names: list[str], seconds: float = PLAY_SECONDS) -> dict:
    """Press Play with a rAF sampler already running; sample ``seconds`` of it; Pause."""
    reports0 = page.evaluate("() => window.__labBench.reports.length")
    present = page.evaluate(PLAY_START_JS, names)
    page.wait_for_timeout(300)  # a few idle frames before the press
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
    page.wait_for_function(APP_QUIET_JS, arg=reports0, timeout=15_000, polling=50)
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
    reports0 = page.evaluate("() => window.__labBench.reports.length")
    if page.evaluate("() => document.querySelector('.lab-stage').dataset.step") == "0":
        return
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.querySelector('.lab-stage').dataset.step === '0'", timeout=10_000
    )
    page.wait_for_function(APP_QUIET_JS, arg=reports0, timeout=15_000, polling=50)


def measure_play(browser, server: Server, log) -> dict:
    """Play in the heat-map view, then in the 3D view, each with a blank-page baseline."""
    out: dict[str, Any] = {}
    with fresh_page(browser) as page, fresh_page(browser, init_marks=False) as floor:
        page.goto(server.url)
        page.wait_for_selector(".lab-stage[data-ready=true]", timeout=120_000)
        wait_idle(page)
        install_app(page)
        focus_click(page)
        # A blank page of the same server, with the app's Plotly: the machine's own frame
        # pacing just before the heat-map Play, and the bare surface around the 3D Play.
        floor.goto(f"{server.url}/_stcore/health")
        floor.add_script_tag(url=f"{server.url}{PLOTLY_PATH}")
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
        # The 3D view, from step 0 again.
        reports0 = page.evaluate("() => window.__labBench.reports.length")
        page.locator('[data-lab="view"] button[data-value="3d"]').click()
        page.wait_for_function(
            """() => { const el = document.querySelector('.lab-chart-surface');
                       return el && el.dataset.step !== undefined && el._fullLayout
                              && el.querySelector('canvas'); }""",
            timeout=60_000,
            polling=50,
        )
        page.wait_for_function(APP_QUIET_JS, arg=reports0, timeout=15_000, polling=50)
        reset_to_zero(page)
        size = page.evaluate(
            """() => { const el = document.querySelector('.lab-chart-surface');
                       return { width: el.clientWidth, height: el.clientHeight }; }"""
        )
        sizes = {"ms": PLAY_SECONDS * 1000, **size}
        before = floor.evaluate(SURFACE_FLOOR_JS, sizes)
        out["surface"] = play_once(page, ["surface", *CHARTS_2D[1:]])
        after = floor.evaluate(SURFACE_FLOOR_JS, sizes)
        out["surface_floor"] = {
            "before": before,
            "after": after,
            "perSecond": (before["count"] + after["count"])
            / (before["seconds"] + after["seconds"]),
        }
        out["surface_size"] = size
        out["page_errors"] = list(page.bench_errors)
    s = out["surface"]
    if "error" not in s:
        log(
            f"  play (3D): surface {s['surface_restyles_per_s']:.1f} redraws/s, bare surface "
            f"{out['surface_floor']['perSecond']:.1f}/s, page {s['fps']:.1f} frames/s"
        )
    return out


# --------------------------------------------------------------------------- 5: load


@dataclass
class LoadResult:
    sessions: int
    steps: int
    latencies: list[float] = field(default_factory=list)
    load_seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    exceptions: int = 0
    steps_done: int = 0
    cpu_seconds: float = 0.0
    peak_rss: int = 0
    wall: float = 0.0


async def load_session(browser, url: str, args, result: LoadResult, go: asyncio.Event) -> None:
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.on("pageerror", lambda e: result.page_errors.append(str(e)[:200]))
    patience = args.patience * 1000
    try:
        started = time.perf_counter()
        loading = max(3 * patience, 700 * args.load_cap)  # N pages load at once on 2 cores
        await page.goto(url, wait_until="commit", timeout=loading)
        await page.wait_for_selector(".lab-stage[data-ready=true]", timeout=loading)
        await page.wait_for_function(APP_INSTALL_JS, timeout=patience, polling=100)
        result.load_seconds.append(time.perf_counter() - started)
        spot = await page.evaluate(EMPTY_SPOT_JS)
        if spot is None:
            raise RuntimeError("no empty spot for the focus click")
        await page.mouse.click(spot["x"], spot["y"])
        await go.wait()
        for i in range(args.load_steps):
            armed = await page.evaluate(APP_ARM_JS, patience)
            await page.keyboard.press("ArrowRight")
            out = await page.evaluate("() => window.__labBench.pending")
            if out["ms"] is None:
                result.failures.append(f"step {i} not on screen within {args.patience:.0f} s")
                continue
            result.latencies.append(out["ms"])
            result.steps_done += 1
            await page.wait_for_function(
                APP_QUIET_JS, arg=armed["reports"], timeout=patience, polling=50
            )
        final = await page.evaluate("() => document.querySelector('.lab-stage').dataset.step")
        if final != str(args.load_steps):
            result.failures.append(f"ended on step {final}, expected {args.load_steps}")
        result.exceptions += await page.locator('[data-testid="stException"]').count()
    except Exception as error:  # a timeout is a finding, not a crash
        result.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    finally:
        await context.close()


async def drive_load(url: str, watch: ServerWatch, chromium: str, args, log) -> LoadResult:
    from playwright.async_api import async_playwright

    result = LoadResult(args.load, args.load_steps)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=chromium, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            go = asyncio.Event()
            tasks = [
                asyncio.create_task(load_session(browser, url, args, result, go))
                for _ in range(args.load)
            ]
            started = time.monotonic()
            while len(result.load_seconds) + len(result.failures) < len(tasks):
                if time.monotonic() - started > args.load_cap * 0.7:
                    break
                await asyncio.sleep(0.1)
            log(
                f"  load: {len(result.load_seconds)}/{args.load} sessions loaded in "
                f"{time.monotonic() - started:.0f} s; stepping"
            )
            cpu0 = watch.cpu()
            stepping = time.monotonic()
            go.set()
            remaining = max(5.0, args.load_cap - (time.monotonic() - started))
            _, pending = await asyncio.wait(tasks, timeout=remaining)
            for task in pending:
                task.cancel()
                result.failures.append("cancelled at the time cap")
            await asyncio.gather(*tasks, return_exceptions=True)
            result.wall = time.monotonic() - stepping
            result.cpu_seconds = watch.cpu() - cpu0
        finally:
            await browser.close()
    result.peak_rss = watch.peak
    return result


def measure_load(chromium: str, args, log) -> LoadResult:
    with serving(ROOT / "app.py", ROOT) as (server, watch):
        return asyncio.run(drive_load(server.url, watch, chromium, args, log))


# --------------------------------------------------------------------------- report


@dataclass
class Row:
    label: str
    app: str
    base: str = ""
    ratio: str = ""
    budget: str = ""
    verdict: str = "info"


def ms(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.1f} ms"


def kb(v: float) -> str:
    return "n/a" if v is None else (f"{v:,.0f} B" if v < 10_000 else f"{v / 1000:,.1f} kB")


def check(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def ratio_row(label, app, base, budget, fmt=ms, aim=None, base_name="", at_least=False) -> Row:
    """app / base against ``budget`` (at most, or ``at_least``)."""
    r = app / base if base and not math.isnan(base) and not math.isnan(app) else math.nan
    text = ("≥ " if at_least else "≤ ") + f"{budget:g}×" + (f" (aim {aim:g}×)" if aim else "")
    ok = None if math.isnan(r) else (r >= budget if at_least else r <= budget)
    return Row(
        label,
        fmt(app),
        f"{fmt(base)} {base_name}".strip(),
        f"{r:.2f}×" if not math.isnan(r) else "n/a",
        text,
        check(ok),
    )


def build_rows(res: dict, args) -> list[Row]:
    rows: list[Row] = []
    st = res.get("steps")
    if st:
        a, f = spread(st["app_ms"]), spread(st["floor_ms"])
        rows.append(
            ratio_row(
                "1 Step median (→ settled frame)",
                a["median"],
                f["median"],
                0.5,
                aim=0.25,
                base_name="floor B",
            )
        )
        rows.append(
            Row(
                "  Step min / p95",
                f"{ms(a['min'])} / {ms(a['p95'])}",
                f"{ms(f['min'])} / {ms(f['p95'])}",
            )
        )
        rows.append(Row("  Step: key → handler done, median", ms(median(st["app_handler_ms"]))))
        rows.append(
            Row(
                "  Steps measured (app / floor B)",
                f"{a['n']}",
                f"{f['n']}",
                verdict="info" if not st["problems"] else "WARN",
            )
        )
        b = st["burst"]
        rows.append(
            Row(
                "  burst of 10: frames sent while pressing",
                f"{b['sent_during_burst']}",
                budget="= 0",
                verdict=check(b["sent_during_burst"] == 0),
            )
        )
        rows.append(
            Row(
                "  burst of 10: reports sent (frames sent in all)",
                f"{b['reports']} ({b['sent_frames']}, {kb(b['sent_bytes'])})",
                budget="= 1",
                verdict=check(b["reports"] == 1 and b["sent_frames"] == 1),
            )
        )
        rows.append(
            Row(
                "  burst of 10: report after the last key",
                ms(b["report_after_last_key_ms"]),
                budget="debounce 400 ms",
            )
        )
        run_bytes = None
        if res.get("first_load"):
            apps = res["first_load"]["runs"]["app"]
            run_bytes = median([r["ws_received_bytes"] + r["media_bytes"] for r in apps])
        limit = 0.05 * run_bytes if run_bytes else 64_000
        rows.append(
            Row(
                "  burst of 10: received before / after the report (ws + HTTP)",
                f"{kb(b['received_before_bytes'])} / "
                f"{kb(b['received_after_bytes'])} + {kb(b['http_after'])}",
                f"run {kb(run_bytes)}" if run_bytes else "",
                budget=f"0 / ≤ {kb(limit)} (5% of run)" if run_bytes else "0 / ≤ 64 kB",
                verdict=check(
                    b["received_before_bytes"] == 0
                    and b["received_after_bytes"] + b["http_after"] <= limit
                ),
            )
        )
        rows.append(Row("  burst of 10: largest frame received", kb(b["largest_received_frame"])))
        rows.append(
            Row(
                "  server CPU per step",
                ms(st["app_cpu_per_step_s"] * 1000),
                f"{ms(st['floor_cpu_per_step_s'] * 1000)} floor B",
                _ratio(st["app_cpu_per_step_s"], st["floor_cpu_per_step_s"]),
            )
        )
    pl = res.get("play")
    if pl:
        h = pl["heatmap"]
        if "error" in h:
            rows.append(Row("2 Play (heat map)", h["error"], verdict="FAIL"))
        else:
            rows.append(
                Row(
                    "2 Play frames/s (heat map)",
                    f"{h['fps']:.1f}",
                    f"{pl['blank_raf']['fps']:.1f} blank page",
                    budget="≥ 30",
                    verdict=check(h["fps"] >= 30),
                )
            )
            rows.append(
                Row(
                    "  steps moved in the window / stage step changed in",
                    f"{h['steps'][0]:.0f}→{h['steps'][1]:.0f} / {h['stage_share']:.0%}",
                )
            )
            rows.append(
                Row(
                    "  longest frame (at ms into Play) / frames > 50 ms",
                    f"{ms(h['max_frame_ms'])} (+{h['max_frame_at_ms']:.0f}) / {h['long_frames']}",
                    f"{ms(pl['blank_raf']['max_frame_ms'])} blank page",
                )
            )
            for name, c in h["charts"].items():
                rows.append(
                    Row(
                        f"  {name}: frames with a new step",
                        f"{c['share']:.0%}",
                        f"followed {c['followed']:.0%} of the stage's",
                        budget="≥ 80%",
                        verdict=check(c["share"] >= 0.8),
                    )
                )
                rows.append(
                    Row(
                        f"  {name}: longest gap (ends at ms into Play)",
                        f"{ms(c['gap_ms'])} (+{c['gap_ends_at_ms']:.0f})",
                        budget="≤ 150 ms",
                        verdict=check(c["gap_ms"] <= 150),
                    )
                )
        s, fl = pl["surface"], pl["surface_floor"]
        if "error" in s:
            rows.append(Row("2 Play (3D)", s["error"], verdict="FAIL"))
        else:
            rows.append(
                ratio_row(
                    "2 Play 3D: surface redraws/s",
                    s["surface_restyles_per_s"],
                    fl["perSecond"],
                    0.8,
                    fmt=lambda v: f"{v:.1f}/s",
                    base_name="bare surface",
                    at_least=True,
                )
            )
            rows.append(
                Row(
                    "  bare surface before / after the app's 3D Play",
                    f"{fl['before']['perSecond']:.1f}/s / {fl['after']['perSecond']:.1f}/s",
                )
            )
            rows.append(
                Row("  3D: afterplots/s on the surface", f"{s['surface_afterplots_per_s']:.1f}/s")
            )
            rows.append(
                Row(
                    "  3D: page frames/s / longest frame",
                    f"{s['fps']:.1f} / {ms(s['max_frame_ms'])}",
                )
            )
            for name, c in s["charts"].items():
                if name == "surface":
                    continue
                rows.append(
                    Row(
                        f"  3D: {name} new step / longest gap",
                        f"{c['share']:.0%} / {ms(c['gap_ms'])}",
                    )
                )
    fl = res.get("first_load")
    if fl:
        runs = fl["runs"]
        app_ready = median([r["ready"] for r in runs["app"]])
        floor_ready = median([r["plot"] for r in runs["floorA"]])
        rows.append(
            ratio_row(
                "3 First load → every chart drawn", app_ready, floor_ready, 1.5, base_name="floor A"
            )
        )
        line = {
            k: median([r["timeline"][k] for r in runs["app"] if r["timeline"][k] is not None])
            for k in ("html", "stage", "plotly", "run", "ready")
        }
        rows.append(
            Row(
                "  app timeline: DOM loaded / stage / Plotly / run bytes",
                " / ".join(f"{line[k] / 1000:.1f}" for k in ("html", "stage", "plotly", "run"))
                + " s",
                f"ready {line['ready'] / 1000:.1f} s",
            )
        )
        ws = median([r["ws_received_bytes"] for r in runs["app"]])
        media = median([r["media_bytes"] for r in runs["app"]])
        rows.append(
            Row(
                "  data for the default run: websocket + /media/",
                f"{kb(ws)} + {kb(media)}",
                f"{kb(median([r['ws_received_bytes'] for r in runs['floorA']]))} floor A ws",
                budget="≤ 1 MB",
                verdict=check(ws + media <= 1_000_000),
            )
        )
        rows.append(
            Row(
                "  HTTP: component assets (Plotly, lab JS) / all",
                f"{kb(median([r['component_bytes'] for r in runs['app']]))} / "
                f"{kb(median([r['http_bytes'] for r in runs['app']]))}",
                f"{kb(median([r['http_bytes'] for r in runs['floorA']]))} floor A all",
            )
        )
        default_first = median([r["firstChart"] for r in runs["app"]])
        big_first = median([r["firstChart"] for r in runs["big"]])
        rows.append(
            ratio_row(
                "  100,000 iterations → first chart (warm cache)",
                big_first,
                default_first,
                2.0,
                base_name="default",
            )
        )
        rows.append(
            Row(
                "  100,000 iterations: ready / websocket + /media/",
                f"{ms(median([r['ready'] for r in runs['big']]))} / "
                f"{kb(median([r['ws_received_bytes'] for r in runs['big']]))} + "
                f"{kb(median([r['media_bytes'] for r in runs['big']]))}",
            )
        )
        rows.append(
            Row("  100,000 iterations, first visit (trains it)", ms(fl["cold_big_ready_ms"]))
        )
    cold = res.get("cold")
    if cold:
        a, f = median(cold["app"]), median(cold["floorA"])
        rows.append(
            Row("4 Cold start (spawn → drawn)", f"{a:.2f} s", f"{f:.2f} s floor A", _ratio(a, f))
        )
    ld = res.get("load")
    if ld:
        base = median(st["floor_ms"]) if st else math.nan
        rows.append(
            Row(
                f"5 Load {ld['sessions']}×{ld['steps']}: failures",
                f"{len(ld['failures'])} (+{ld['exceptions']} stException, "
                f"{len(ld['page_errors'])} page errors)",
                budget="= 0",
                verdict=check(
                    not ld["failures"] and not ld["exceptions"] and not ld["page_errors"]
                ),
            )
        )
        p95 = percentile(ld["latencies"], 0.95)
        rows.append(ratio_row("  Step p95 under load", p95, base, 2.0, base_name="floor B median"))
        rows.append(
            Row(
                "  Step median / max under load",
                f"{ms(median(ld['latencies']))} / "
                f"{ms(max(ld['latencies']) if ld['latencies'] else math.nan)}",
            )
        )
        rows.append(Row("  page load median under load", f"{median(ld['load_seconds']):.1f} s"))
        cpu = ld["cpu_seconds"] / ld["steps_done"] if ld["steps_done"] else math.nan
        rows.append(
            Row(
                "  server CPU per step / peak RSS under load",
                f"{ms(cpu * 1000)} / {ld['peak_rss'] / 2**20:.0f} MiB",
            )
        )
    rss = res.get("rss")
    if rss:
        rows.append(
            Row(
                "server peak RSS",
                f"{rss['app'] / 2**20:.0f} MiB",
                " / ".join(
                    f"{rss[k] / 2**20:.0f}" if rss.get(k) else "n/a" for k in ("floorA", "floorB")
                )
                + " MiB floor A / B",
                _ratio(rss["app"], max(rss.get("floorA", 0), rss.get("floorB", 0))),
            )
        )
    return rows


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b and not math.isnan(a) and not math.isnan(b) else "n/a"


def print_table(rows: list[Row]) -> None:
    header = Row("measure", "app", "baseline", "ratio", "budget", "result")
    cols = ["label", "app", "base", "ratio", "budget", "verdict"]
    table = [[getattr(r, c) for c in cols] for r in [header, *rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for n, row in enumerate(table):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print(line)
    print(line)


# --------------------------------------------------------------------------- main


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 5 load sessions")
    parser.add_argument("--steps", type=int, default=None, help="measured Steps (≥ 20)")
    parser.add_argument("--cold", type=int, default=None, help="cold starts per app")
    parser.add_argument("--loads", type=int, default=None, help="first loads per page")
    parser.add_argument("--load", type=int, default=None, help="load-test sessions (0: skip)")
    parser.add_argument("--load-steps", type=int, default=10, help="Steps per load session")
    parser.add_argument("--load-cap", type=float, default=420.0, help="load test cap, seconds")
    parser.add_argument("--patience", type=float, default=60.0, help="per wait under load, s")
    parser.add_argument(
        "--only",
        default="cold,first,steps,play,load",
        help="comma list of phases: cold, first, steps, play, load",
    )
    parser.add_argument("--json", type=pathlib.Path, help="also write all figures here")
    args = parser.parse_args(argv)
    args.steps = args.steps or (20 if args.quick else 40)
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
    app_script = ROOT / "app.py"
    with tempfile.TemporaryDirectory(prefix="bench_ui_") as tmp:
        tmpdir = pathlib.Path(tmp)
        floor_a = tmpdir / "floor_a.py"
        floor_b = tmpdir / "floor_b.py"
        floor_a.write_text(textwrap.dedent(FLOOR_A), encoding="utf-8")
        floor_b.write_text(textwrap.dedent(FLOOR_B), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = launch(playwright, chromium)
            try:
                if "cold" in phases:
                    cold: dict[str, list[float]] = {"app": [], "floorA": []}
                    for i in range(args.cold):
                        cold["app"].append(cold_start(browser, app_script, ROOT, True))
                        cold["floorA"].append(cold_start(browser, floor_a, tmpdir, False))
                        log(
                            f"  cold start {i + 1}: app {cold['app'][-1]:.1f} s, "
                            f"floor A {cold['floorA'][-1]:.1f} s"
                        )
                    res["cold"] = cold
                if phases & {"first", "steps", "play"}:
                    with contextlib.ExitStack() as stack:
                        app = stack.enter_context(serving(app_script, ROOT))
                        rss: dict[str, int] = {}
                        if "first" in phases:
                            fa = stack.enter_context(serving(floor_a, tmpdir))
                            res["first_load"] = measure_first_loads(
                                browser, app[0].url, fa[0].url, args.loads, log
                            )
                            rss["floorA"] = fa[1].peak
                        if "steps" in phases:
                            fb = stack.enter_context(serving(floor_b, tmpdir))
                            res["steps"] = measure_steps(browser, app, fb, args.steps, log)
                            rss["floorB"] = fb[1].peak
                        if "play" in phases:
                            res["play"] = measure_play(browser, app[0], log)
                        rss["app"] = app[1].peak
                        res["rss"] = rss
            finally:
                browser.close()
        if "load" in phases:
            ld = measure_load(chromium, args, log)
            res["load"] = {k: getattr(ld, k) for k in ld.__dataclass_fields__}
            log(f"  load: {ld.steps_done} steps, {len(ld.failures)} failures")
    rows = build_rows(res, args)
    print(
        f"finished in {time.monotonic() - began:.0f} s; load average now "
        f"{psutil.getloadavg()[0]:.2f}"
    )
    print_table(rows)
    notes = []
    if res.get("steps", {}).get("problems"):
        notes += res["steps"]["problems"][:8]
    if res.get("load", {}).get("failures"):
        notes += [f"load: {m}" for m in res["load"]["failures"][:8]]
    if res.get("load", {}).get("page_errors"):
        notes += [f"load page error: {m}" for m in res["load"]["page_errors"][:5]]
    for note in notes:
        print(f"note: {note}")
    if args.json:
        res["table"] = [vars(r) for r in rows]
        args.json.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if any(r.verdict == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
