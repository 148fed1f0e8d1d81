"""Helpers and fixtures for the browser tests (tests/test_browser*.py) and benchmarks/bench_ui.py.

A Streamlit server is started with ``sys.executable -m streamlit run`` on a free loopback
port and always stopped by its own pid; Chromium is Debian's (env ``CHROMIUM``,
``shutil.which("chromium")`` or ``/usr/bin/chromium``), driven by Playwright for Python.
Readiness is read from the page: ``[data-testid=stApp]`` reports
``data-test-script-state="notRunning"``, every Plotly chart has drawn content, and on the
Train page the stage (``ui/static/stage.js``) says ``data-ready="true"`` with every chart
at the stage's step. The stage's helpers (``stage_state``, ``stage_value``, ``wait_step``,
``press``, ``share_link``, ``wait_reported``, ``Frames``) read its DOM hooks, never sleeps.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ON_CI = os.environ.get("CI", "").lower() == "true"


# --------------------------------------------------------------------------- browser


def find_chromium() -> str | None:
    """Debian's Chromium: ``$CHROMIUM``, then ``chromium`` on PATH, then /usr/bin/chromium."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_chromium() -> str:
    """The Chromium path; skip when missing, but fail on CI (CI=true), never skip there."""
    path = find_chromium()
    if path is None:
        reason = (
            "Chromium not found: set CHROMIUM=/path/to/chromium or install Debian's "
            "'chromium' package (looked at $CHROMIUM, PATH and /usr/bin/chromium)"
        )
        if ON_CI:
            pytest.fail(reason + " [CI=true: a missing browser is a failure]", pytrace=False)
        pytest.skip(reason)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright (Python) is not installed: pip install playwright"
        if ON_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


def launch(playwright, executable: str):
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run`` process, stopped by its own pid."""

    process: subprocess.Popen
    port: int
    log_path: pathlib.Path
    started: float = field(default_factory=time.perf_counter)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 5.0) -> None:
        proc = self.process
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)


def start_server(
    script: str | os.PathLike = "app.py",
    cwd: str | os.PathLike = ROOT,
    *,
    timeout: float = 60.0,
    log_dir: pathlib.Path | None = None,
    port: int | None = None,
) -> Server:
    """Spawn streamlit on loopback and wait until /_stcore/health answers ok.

    On a free port, or on ``port``: a server restarted there lets an open page reconnect
    as it would after a crash or a redeploy (its log is appended to, not replaced).
    """
    port = port or free_port()
    log_dir = log_dir or pathlib.Path(os.environ.get("TMPDIR", "/tmp"))
    log_path = log_dir / f"streamlit-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",  # as the app's config.toml ships, for floors too
        "none",
    ]
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=str(cwd), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    log.close()
    server = Server(process, port, log_path, started)
    deadline = time.monotonic() + timeout
    health = f"{server.url}/_stcore/health"
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"streamlit did not serve within {timeout:.0f} s:\n{server.log()}")
        time.sleep(0.1)


@contextlib.contextmanager
def running_server(script: str | os.PathLike = "app.py", cwd=ROOT) -> Iterator[Server]:
    server = start_server(script, cwd)
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- page helpers

DEFAULT_TIMEOUT_MS = 60_000
TRAIN_CHARTS = 5
"""Charts on the Train page's stage: output (heat map or 3D), landscape, loss, weights, errors."""

# True once the script has finished and every Plotly chart on the page has drawn something
# (an SVG layer with children, or a WebGL canvas for 3D scenes). The Train page's stage
# charts are Plotly divs too, so they count; pages with ``st.plotly_chart`` (Compare) rely
# on this alone.
CHARTS_DRAWN_JS = """
(min) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < min) return false;
  return plots.every((el) => {
    const svg = el.querySelector('.main-svg');
    const gl = el.querySelector('canvas');
    return (svg && svg.childElementCount > 0 && el._fullLayout) || !!gl;
  });
}
"""

# True once the Train page's stage has drawn every chart and each shows the stage's step.
STAGE_READY_JS = """
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true' || stage.dataset.step === undefined) return false;
  const charts = [...stage.querySelectorAll('.lab-chart')];
  return charts.length >= TRAIN_CHARTS
         && charts.every((c) => c.dataset.step === stage.dataset.step);
}
""".replace("TRAIN_CHARTS", str(TRAIN_CHARTS))

# Ready = script idle, charts drawn, and on the Train page (``/`` or ``/train``, or when
# asked) the stage ready too: the script finishes before the stage's JS has drawn anything.
READY_JS = f"""
([min, wantStage]) => {{
  if (!({CHARTS_DRAWN_JS})(min)) return false;
  const path = location.pathname.replace(/\\/+$/, '');
  const train = wantStage === null ? (path === '' || path.endsWith('/train')) : wantStage;
  return !train || ({STAGE_READY_JS})();
}}
"""

CHART_STATE_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => ({
  svgChildren: [...el.querySelectorAll('.main-svg')].reduce((n, s) => n + s.childElementCount, 0),
  canvases: el.querySelectorAll('canvas').length,
  traces: (el._fullData || []).length,
  points: (el._fullData || []).reduce((n, t) => n + ((t.x && t.x.length) || 0)
                                                  + ((t.z && t.z.length) || 0), 0),
  width: el.getBoundingClientRect().width,
  height: el.getBoundingClientRect().height,
}))
"""

# Everything the Train page's stage shows, read in one go (one consistent frame).
STAGE_STATE_JS = """
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage) return null;
  const q = (sel) => stage.querySelector(sel);
  const numbers = {}, hints = {};
  for (const box of stage.querySelectorAll('.lab-number')) {
    numbers[box.dataset.lab] = box.querySelector('.lab-number-value').textContent;
    hints[box.dataset.lab] = box.title;
  }
  const charts = {};
  for (const c of stage.querySelectorAll('.lab-chart')) {
    const name = [...c.classList].find((k) => k.startsWith('lab-chart-')).slice(10);
    charts[name] = c.dataset.step === undefined ? null : Number(c.dataset.step);
  }
  const pressed = (sel) => [...stage.querySelectorAll(sel + ' button')]
    .filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.value);
  const disabled = {};
  for (const key of ['reset', 'back', 'step', 'jump', 'play']) {
    disabled[key] = q(`[data-lab="${key}"]`).disabled;
  }
  const slider = q('input[data-lab="slider"]');
  const summary = q('details.lab-rows summary');
  return {
    ready: stage.dataset.ready === 'true',
    step: stage.dataset.step === undefined ? null : Number(stage.dataset.step),
    mode: stage.dataset.mode,
    numbers, hints, charts,
    rows: [...stage.querySelectorAll('table.lab-rows-table tbody tr')]
      .map((tr) => [...tr.cells].map((td) => td.textContent)),
    rowsSummary: summary ? summary.textContent : null,
    signals: [...stage.querySelectorAll('.lab-signal')].map((s) => s.dataset.kind),
    play: q('[data-lab="play"]').dataset.state,
    playText: q('[data-lab="play"]').textContent.trim(),
    jump: q('[data-lab="jump"]').textContent.trim(),
    disabled,
    slider: { value: Number(slider.value), max: Number(slider.max), disabled: slider.disabled },
    speed: pressed('[data-lab="speed"]'),
    view: pressed('[data-lab="view"]'),
    url: location.href,
  };
}
"""


def _timeout_report(page) -> str:
    """What the page looked like when a wait timed out, for the failure message."""
    try:
        return str(
            page.evaluate(
                """() => ({
                  url: location.href,
                  script: document.querySelector('[data-testid="stApp"]')
                            ?.getAttribute('data-test-script-state'),
                  stage: document.querySelector('.lab-stage')
                    ? { ...document.querySelector('.lab-stage').dataset } : null,
                  exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
                    .map((e) => e.innerText.slice(0, 400)),
                })"""
            )
        )
    except Exception as error:  # the page itself may be gone
        return f"(page state unavailable: {error})"


def _wait(page, js: str, arg=None, timeout: float = DEFAULT_TIMEOUT_MS, what: str = "") -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout, polling=100)
    except PlaywrightTimeout:
        raise AssertionError(
            f"timed out after {timeout / 1000:.0f} s waiting for {what or js[:80]}: "
            f"{_timeout_report(page)}"
        ) from None


def script_idle(page) -> bool:
    return page.evaluate(
        """() => document.querySelector('[data-testid="stApp"]')
                  ?.getAttribute('data-test-script-state') === 'notRunning'"""
    )


def wait_ready(
    page, charts: int = 0, timeout: float = DEFAULT_TIMEOUT_MS, *, stage: bool | None = None
) -> None:
    """Script idle (``notRunning``), at least ``charts`` Plotly charts all drawn, and on the
    Train page the stage ready (``.lab-stage[data-ready="true"]``, every chart at its step).

    ``stage=None`` decides by the path (``/`` or ``/train``); pass True/False to force it.
    After a click in the top navigation, wait for the new URL first: until the new page
    runs, the old one still looks ready.
    """
    _wait(page, READY_JS, [charts, stage], timeout, f"a ready page ({charts} charts)")


def wait_idle(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    _wait(
        page,
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=timeout,
        what="the script to finish",
    )


def open_app(new_page, server, path: str = "", charts: int = 0, **viewport):
    """A new session (its own context) at ``server.url + path``, ready."""
    page = new_page(**viewport)
    page.goto(server.url + path)
    wait_ready(page, charts)
    return page


# ----------------------------------------------------------- the Train page's stage

NUMBER_KEYS = {"Iteration": "iteration", "Loss": "loss", "Accuracy": "accuracy"}


def stage_state(page) -> dict:
    """Everything the stage shows now (``STAGE_STATE_JS``), or None without a stage."""
    return page.evaluate(STAGE_STATE_JS)


def stage_value(page, key: str) -> str | None:
    """A number's shown text: ``key`` is "iteration", "loss", "accuracy", "w1"/"w-w1", …
    (the labels "Iteration", "Loss", "Accuracy" work too)."""
    key = NUMBER_KEYS.get(key, key)
    if key not in ("iteration", "loss", "accuracy") and not key.startswith("w-"):
        key = f"w-{key}"
    return page.evaluate(
        """(key) => document.querySelector(
             `.lab-stage .lab-number[data-lab="${key}"] .lab-number-value`)?.textContent ?? null""",
        key,
    )


def stage_step(page) -> int | None:
    """The step on screen (the stage's ``data-step``)."""
    text = page.evaluate("() => document.querySelector('.lab-stage')?.dataset.step ?? null")
    return None if text is None else int(text)


def wait_step(page, t: int, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the stage, each of its charts and the Iteration number all show step ``t``."""
    _wait(
        page,
        """([t, text]) => {
          const stage = document.querySelector('.lab-stage');
          if (!stage || stage.dataset.step !== String(t)) return false;
          const charts = [...stage.querySelectorAll('.lab-chart')];
          const it = stage.querySelector('.lab-number[data-lab="iteration"] .lab-number-value');
          return charts.length > 0 && charts.every((c) => c.dataset.step === String(t))
                 && !!it && it.textContent === text;
        }""",
        [t, f"{t:,}"],
        timeout,
        f"step {t} on the stage",
    )


def focus_page(page) -> None:
    """Click a spot of the main area that is nothing interactive, so keys reach the page.

    On the Train page that is the Iteration number's label (inside the stage, so the click
    does not hold back the stage's report); elsewhere the main area's top-left padding.
    """
    label = page.locator('.lab-stage .lab-number[data-lab="iteration"] .lab-number-label')
    if label.count():
        label.first.click(position={"x": 2, "y": 2})
    else:
        box = page.locator('[data-testid="stMainBlockContainer"]').first.bounding_box()
        assert box is not None, "no main area to click"
        page.mouse.click(box["x"] + 4, box["y"] + 70)


def press(page, key: str, times: int = 1, delay_ms: float = 0) -> None:
    """Focus the page (``focus_page``), then press ``key`` ``times`` times, ``delay_ms`` apart."""
    focus_page(page)
    for i in range(times):
        if i and delay_ms:
            page.wait_for_timeout(delay_ms)
        page.keyboard.press(key)


def share_link(page) -> str | None:
    """The link in the sidebar's "Share and export" expander (present even while closed)."""
    return page.evaluate(
        """() => {
          const code = document.querySelector('[data-testid="stSidebar"] .lab-link code');
          return code ? code.textContent.trim() : null;
        }"""
    )


def wait_reported(page, t: int, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the server knows step ``t``: the script is idle and the share link says t."""
    _wait(
        page,
        """(t) => {
          const app = document.querySelector('[data-testid="stApp"]');
          if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
          const code = document.querySelector('[data-testid="stSidebar"] .lab-link code');
          if (!code) return false;
          let shown;
          try { shown = new URL(code.textContent.trim()).searchParams.get('t'); }
          catch { return false; }
          return (shown === null ? 0 : Number(shown)) === t;
        }""",
        t,
        timeout,
        f"the server to report step {t} in the share link",
    )


def watch_console(page) -> list[str]:
    """Start collecting the page's console errors and uncaught exceptions (a live list)."""
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


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


def exceptions(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def errors_text(page) -> list[str]:
    return page.locator('[data-testid="stAlertContentError"]').all_inner_texts()


def button(page, key: str):
    """A Streamlit button by its widget key (Streamlit adds class ``st-key-<key>``)."""
    return page.locator(f".st-key-{key} button")


def lab(page, key: str):
    """A control of the Train page's stage by its ``data-lab`` name (step, play, slider…)."""
    return page.locator(f'.lab-stage [data-lab="{key}"]')


def metric_value(page, label: str) -> str:
    """The shown value of the ``st.metric`` whose label is ``label`` (exact match).

    The Train page has no st.metric any more: read its numbers with ``stage_value``.
    """
    return page.evaluate(
        """(label) => {
          for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
            const l = m.querySelector('[data-testid="stMetricLabel"]');
            if (l && l.innerText.trim() === label)
              return m.querySelector('[data-testid="stMetricValue"]').innerText.trim();
          }
          return null;
        }""",
        label,
    )


def wait_metric(page, label: str, value: str, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Until the ``st.metric`` labelled ``label`` shows ``value`` (see ``metric_value``)."""
    page.wait_for_function(
        """([label, value]) => {
          const app = document.querySelector('[data-testid="stApp"]');
          if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
          for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
            const l = m.querySelector('[data-testid="stMetricLabel"]');
            if (l && l.innerText.trim() === label)
              return m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value;
          }
          return false;
        }""",
        arg=[label, value],
        timeout=timeout,
        polling=100,
    )


# --------------------------------------------------------------------------- fixtures
# Imported by tests/test_browser.py (conftest.py is not ours to edit).


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright, chromium_path)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(chromium_path) -> Iterator[Server]:
    """One server for a test module; each test opens its own browser context (session)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fresh_server(chromium_path) -> Iterator[Server]:
    """A server no browser has talked to yet, for deep links."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def new_page(browser):
    """Factory: a page in its own context (own Streamlit session) at a given viewport.

    Other keyword arguments go to ``browser.new_context`` (``permissions``, ``color_scheme``…).
    """
    contexts = []

    def make(width: int = 1280, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str) -> pathlib.Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
