"""Phase 5: N students pressing Step at once, on one fresh server.

Why one Chromium with N contexts: each context is its own Streamlit session, which is
all N students are to the server, and one browser process costs the shared machine far
less than N would. Why async Playwright: the sessions must
press at the same time, and one event loop drives them all without threads. All sessions
first load the page, then start stepping together (an ``asyncio.Event``), so the load
test measures Steps under load rather than page loads under load. A Step never reaches
the server (the page owns t), so what N sessions share while stepping is the machine: the
p95 shows whether stepping stays fast with the server and N pages beside it. A timeout is
a finding, written to the table, never a crash; everything is capped (``--load-cap`` for
the whole test, ``--patience`` per wait).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from tests.support.browser import launch_chromium as launch
from tests.support.paths import ROOT

from .page_js import APP_ARM_JS, APP_INSTALL_JS, APP_QUIET_JS, EMPTY_SPOT_JS
from .wire import QUIET_FRAMES, VIEWPORT, ServerWatch, serving


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
    """One student: load the page, wait for ``go``, then ``--load-steps`` timed Steps."""
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
        spot = await page.evaluate(EMPTY_SPOT_JS)  # wire.focus_click, awaited
        if spot is None:
            raise RuntimeError("no empty spot for the focus click")
        await page.mouse.click(spot["x"], spot["y"])
        await go.wait()
        for i in range(args.load_steps):
            await page.evaluate(APP_ARM_JS, patience)
            await page.keyboard.press("ArrowRight")
            out = await page.evaluate("() => window.__benchApp.pending")
            if out["ms"] is None:
                result.failures.append(f"step {i} not on screen within {args.patience:.0f} s")
                continue
            result.latencies.append(out["ms"])
            result.steps_done += 1
            quiet = {"frames": QUIET_FRAMES, "timeoutMs": patience}  # wire.wait_quiet, awaited
            if not (await page.evaluate(APP_QUIET_JS, quiet))["quiet"]:
                result.failures.append(f"step {i}: page not quiet within {args.patience:.0f} s")
        final = await page.evaluate("() => document.querySelector('.lab-stage').dataset.step")
        if final != str(args.load_steps):
            result.failures.append(f"ended on step {final}, expected {args.load_steps}")
        result.exceptions += await page.locator('[data-testid="stException"]').count()
    except Exception as error:  # a timeout is a finding, not a crash
        result.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    finally:
        await context.close()


async def drive_load(url: str, watch: ServerWatch, chromium: str, args, log) -> LoadResult:
    """All sessions load, then step together; the server's CPU is counted while stepping."""
    from playwright.async_api import async_playwright

    result = LoadResult(args.load, args.load_steps)
    async with async_playwright() as pw:
        browser = await launch(pw, chromium)
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
