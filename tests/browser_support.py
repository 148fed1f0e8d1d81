"""Helpers and fixtures for the browser tests (tests/test_browser.py) and benchmarks/bench_ui.py.

A Streamlit server is started with ``sys.executable -m streamlit run`` on a free loopback
port and always stopped by its own pid; Chromium is Debian's (env ``CHROMIUM``,
``shutil.which("chromium")`` or ``/usr/bin/chromium``), driven by Playwright for Python.
Readiness is read from the page: ``[data-testid=stApp]`` reports
``data-test-script-state="notRunning"`` and every Plotly chart has drawn content.
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
) -> Server:
    """Spawn streamlit on a free loopback port and wait until /_stcore/health answers ok."""
    port = free_port()
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
    ]
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
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

# True once the script has finished and every Plotly chart on the page has drawn something
# (an SVG layer with children, or a WebGL canvas for 3D scenes).
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


def script_idle(page) -> bool:
    return page.evaluate(
        """() => document.querySelector('[data-testid="stApp"]')
                  ?.getAttribute('data-test-script-state') === 'notRunning'"""
    )


def wait_ready(page, charts: int = 0, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Script idle (``notRunning``) and at least ``charts`` Plotly charts, all drawn."""
    page.wait_for_function(CHARTS_DRAWN_JS, arg=charts, timeout=timeout, polling=100)


def wait_idle(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=timeout,
        polling=100,
    )


def metric_value(page, label: str) -> str:
    """The shown value of the metric whose label is ``label`` (exact match)."""
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


def exceptions(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def errors_text(page) -> list[str]:
    return page.locator('[data-testid="stAlertContentError"]').all_inner_texts()


def button(page, key: str):
    """A Streamlit button by its widget key (Streamlit adds class ``st-key-<key>``)."""
    return page.locator(f".st-key-{key} button")


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


@pytest.fixture(scope="class")
def app_server(chromium_path) -> Iterator[Server]:
    """One server for a class of tests (each test gets its own browser session)."""
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
    """Factory: a page in its own context (own Streamlit session) at a given viewport."""
    contexts = []

    def make(width: int = 1280, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height})
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
