"""What a page sends and receives, what a server costs, and the pages the phases open.

Why CDP and not Playwright's websocket events (``tests.browser_support.Frames``): the CDP
events carry the browser's own timestamps, on CLOCK_MONOTONIC like ``time.monotonic()``,
so the burst can tell a frame sent while the keys were pressed from one sent after; and
they carry the encoded bytes of every HTTP response, which is where Streamlit serves the
stage's run (``/media/``). Why psutil on the server's pid: CPU seconds and peak RSS are
counts, not times, so they stay meaningful on a noisy machine.
"""

from __future__ import annotations

import contextlib
import math
import pathlib
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import psutil

from tests.support.browser import Server, start_server
from tests.support.page import wait_idle

from .page_js import APP_INSTALL_JS, APP_QUIET_JS, EMPTY_SPOT_JS, LOAD_MARKS_JS

VIEWPORT = {"width": 1280, "height": 800}
QUIET_FRAMES = 3  # frames in a row without a stage mutation that count as settled


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


def wait_ws_quiet(page, wire: Wire, quiet_s: float = 0.4, cap_s: float = 10.0) -> None:
    """Until no websocket frame has arrived for ``quiet_s`` (at most ``cap_s``)."""
    end = time.monotonic() + cap_s
    count = -1
    while time.monotonic() < end:
        page.wait_for_timeout(quiet_s * 1000)
        if len(wire.frames) == count:
            return
        count = len(wire.frames)


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
    """A page in its own context (its own Streamlit session), closed on the way out.

    ``init_marks`` installs ``LOAD_MARKS_JS`` before the page's own scripts, so load times
    count from navigation start. Uncaught page errors collect in ``page.bench_errors``.
    """
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
    """Until ``LOAD_MARKS_JS`` has recorded ``key``; its time from navigation start, ms."""
    page.wait_for_function(
        f"() => window.__benchLoad && window.__benchLoad.{key} !== undefined",
        timeout=timeout_ms,
        polling=50,
    )
    return page.evaluate(f"() => window.__benchLoad.{key}")


def focus_click(page) -> str:
    """Click an empty spot of the main area (outside the stage) so keys reach the page.

    Not ``browser_support.focus_page``, which clicks inside the stage: a spot outside it
    that nothing reacts to keeps the click itself out of what the Steps measure.
    """
    spot = page.evaluate(EMPTY_SPOT_JS)
    if spot is None:
        raise RuntimeError("no empty spot of the main area found for the focus click")
    page.mouse.click(spot["x"], spot["y"])
    return str(spot["what"])


def install_app(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(APP_INSTALL_JS, timeout=timeout_ms, polling=100)


def wait_quiet(page, timeout_ms: float = 15_000) -> dict:
    """Until the app page is quiet (``APP_QUIET_JS``): script idle, the address bar at the
    stage's step, the stage unchanged for ``QUIET_FRAMES`` frames. ``quiet`` is False (with
    what the page showed) if that did not happen within ``timeout_ms``."""
    return page.evaluate(APP_QUIET_JS, {"frames": QUIET_FRAMES, "timeoutMs": timeout_ms})


def open_stage(page, url: str) -> str:
    """Open the Train page, wait until it is drawn and idle, instrument it and focus it.

    Returns what the focus click landed on (for the log).
    """
    page.goto(url)
    page.wait_for_selector(".lab-stage[data-ready=true]", timeout=120_000)
    wait_idle(page)
    install_app(page)
    return focus_click(page)
