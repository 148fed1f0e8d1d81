"""N students pressing Step at once: latency, errors, server CPU and memory per step.

Run with ``python3 benchmarks/bench_load.py [--sessions 10] [--steps 5] [--play]``.
It starts ``streamlit run app.py`` (headless, loopback, a free port), drives N
browser contexts of one headless Chromium against it, then does the same against
a floor app it writes to a temp dir (one button, one metric, one line chart):
the cheapest Streamlit page with the same interaction. The ratio of the two is
what Perceptron Lab itself costs, separate from Streamlit's own overhead and this
machine's load.

Step latency is click → the app is idle again (``data-test-script-state=notRunning``)
and the Iteration metric shows a new value. Server CPU is psutil's user+system
time of the server process during the stepping phase, divided by the steps taken.
Each app run is capped at ``--cap`` seconds (default 300: ten Chromium pages
loading at once on two cores take about a minute before the first click), and a
click that takes longer than ``--patience`` seconds (default 60) counts as a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

FLOOR_APP = """
import numpy as np
import streamlit as st

st.session_state.setdefault("t", 0)


def _step():
    st.session_state.t += 1


st.button("Step", key="step", on_click=_step)
st.metric("Iteration", f"{st.session_state.t:,}")
st.line_chart(np.sin(np.arange(400) / 20 + st.session_state.t / 5))
"""

IDLE_AND_CHANGED = """([old]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const metric = [...document.querySelectorAll('[data-testid="stMetric"]')]
    .find((m) => m.innerText.includes('Iteration'));
  const value = metric && metric.querySelector('[data-testid="stMetricValue"]');
  return !!value && value.innerText.trim() !== old;
}"""

ITERATION = """() => {
  const metric = [...document.querySelectorAll('[data-testid="stMetric"]')]
    .find((m) => m.innerText.includes('Iteration'));
  const value = metric && metric.querySelector('[data-testid="stMetricValue"]');
  return value ? value.innerText.trim() : null;
}"""


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    load_seconds: list[float] = field(default_factory=list)
    click_seconds: list[float] = field(default_factory=list)
    exceptions: int = 0
    page_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0
    steps: int = 0
    peak_rss: int = 0
    rss_start: int = 0
    wall: float = 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, port: int, log: Any) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"server did not start: {log.read()[-2000:]!r}") from None
            time.sleep(0.3)


@contextlib.contextmanager
def server(script: Path, cwd: Path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--logger.level=error",
    ]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(proc, port, log)
            yield proc, f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def sample_rss(pid: int, result: Result, stop: asyncio.Event) -> None:
    process = psutil.Process(pid)
    while not stop.is_set():
        with contextlib.suppress(psutil.Error):
            result.peak_rss = max(result.peak_rss, process.memory_info().rss)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)


async def one_session(
    browser: Browser, url: str, args: argparse.Namespace, result: Result, go: asyncio.Event
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda error: result.page_errors.append(str(error)[:200]))
    patience = args.patience * 1000  # ms, per click or wait; a page load gets three times that
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=3 * patience)
        await page.wait_for_function(IDLE_AND_CHANGED, arg=[None], timeout=3 * patience)
        result.load_seconds.append(time.perf_counter() - start)
        await go.wait()  # every session loaded: now they all step at once
        button = page.locator(".st-key-step button").first
        for _ in range(args.steps):
            old = await page.evaluate(ITERATION)
            start = time.perf_counter()
            await button.click(timeout=patience)
            clicked = time.perf_counter()
            await page.wait_for_function(IDLE_AND_CHANGED, arg=[old], timeout=patience, polling=20)
            result.latencies.append(time.perf_counter() - start)
            result.click_seconds.append(clicked - start)
            result.steps += 1
        if args.play and await page.locator(".st-key-play button").count():
            await page.locator(".st-key-play button").click()
            await page.wait_for_timeout(2000)
            await page.locator(".st-key-play button").click()
            await page.wait_for_function(IDLE_AND_CHANGED, arg=[None], timeout=patience)
        result.exceptions += await page.locator('[data-testid="stException"]').count()
    except Exception as error:  # a timeout is a finding, not a crash of the benchmark
        result.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    finally:
        await context.close()


async def drive(name: str, script: Path, cwd: Path, args: argparse.Namespace) -> Result:
    result = Result(name)
    with server(script, cwd) as (proc, url):
        process = psutil.Process(proc.pid)
        result.rss_start = process.memory_info().rss
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(proc.pid, result, stop))
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            go = asyncio.Event()
            sessions = [
                asyncio.create_task(one_session(browser, url, args, result, go))
                for _ in range(args.sessions)
            ]
            started = time.monotonic()
            try:
                while sum(1 for _ in result.load_seconds) + len(result.failures) < len(sessions):
                    if time.monotonic() - started > args.cap:
                        break
                    await asyncio.sleep(0.1)
                cpu = process.cpu_times()
                cpu_before = cpu.user + cpu.system
                stepping = time.monotonic()
                go.set()
                remaining = max(1.0, args.cap - (time.monotonic() - started))
                _, pending = await asyncio.wait(sessions, timeout=remaining)
                for task in pending:
                    task.cancel()
                    result.failures.append("cancelled at the time cap")
                await asyncio.gather(*sessions, return_exceptions=True)
                result.wall = time.monotonic() - stepping
                cpu = process.cpu_times()
                result.cpu_seconds = cpu.user + cpu.system - cpu_before
            finally:
                await browser.close()
        stop.set()
        await sampler
    return result


def report(result: Result, args: argparse.Namespace) -> None:
    mib = 2**20
    per_step = result.cpu_seconds / result.steps if result.steps else float("nan")
    print(f"== {result.name}: {args.sessions} sessions × {args.steps} steps")
    nan = float("nan")
    load = statistics.median(result.load_seconds or [nan])
    click = statistics.median(result.click_seconds or [nan])
    print(
        f"   first load median {load:.2f} s; step latency p50 {result.pct(0.5) * 1000:.0f} ms,"
        f" p95 {result.pct(0.95) * 1000:.0f} ms, max {max(result.latencies or [nan]) * 1000:.0f} ms"
        f" ({len(result.latencies)} steps; click() itself p50 {click * 1000:.0f} ms)"
    )
    print(
        f"   server CPU  {result.cpu_seconds:.2f} s over {result.wall:.1f} s wall"
        f" = {per_step * 1000:.0f} ms per step"
        f"   RSS start {result.rss_start / mib:.0f} MiB, peak {result.peak_rss / mib:.0f} MiB"
    )
    print(
        f"   errors: stException {result.exceptions}, page errors {len(result.page_errors)},"
        f" session failures {len(result.failures)}"
    )
    for message in (result.page_errors + result.failures)[:5]:
        print(f"     - {message}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--play", action="store_true", help="also press Play for 2 s")
    parser.add_argument("--cap", type=float, default=300.0, help="seconds per app, at most")
    parser.add_argument(
        "--patience",
        type=float,
        default=60.0,
        help="seconds one click may take before it counts as failed",
    )
    args = parser.parse_args()
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    print(f"cores {psutil.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        lab = asyncio.run(drive("Perceptron Lab", ROOT / "app.py", ROOT, args))
        report(lab, args)
        floor = asyncio.run(drive("floor app", floor_script, Path(tmp), args))
        report(floor, args)
    lab_cpu = lab.cpu_seconds / max(lab.steps, 1)
    floor_cpu = floor.cpu_seconds / max(floor.steps, 1)
    print(
        "== ratios (Perceptron Lab / floor): "
        f"p50 {lab.pct(0.5) / floor.pct(0.5):.1f}×, p95 {lab.pct(0.95) / floor.pct(0.95):.1f}×, "
        f"CPU per step {lab_cpu / floor_cpu if floor_cpu else float('nan'):.1f}×, "
        f"peak RSS {lab.peak_rss / max(floor.peak_rss, 1):.1f}×"
    )
    failed = lab.failures or floor.failures or lab.exceptions or floor.exceptions
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
