"""A lecture hall on one server: N sessions open the lecturer's link within S seconds.

Run with ``python benchmarks/bench_hall.py [--sessions 100 --within 10] [--quick]``, plus
``--distinct-seeds`` (each session its own seed) or ``--long-runs`` (its own seed, 100,000 steps).
No browser: each session speaks Streamlit's own websocket protocol as the frontend
does, so a hundred "students" cost this machine little and the numbers are the
server's. Per session: GET the page, then ``/_stcore/health`` (in 1.67 that answer
sets the ``_streamlit_xsrf`` cookie), open ``/_stcore/stream`` offering the
subprotocols ``["streamlit", <xsrf token>]`` with the cookie and a same-origin Origin,
send a ``rerun_script`` BackMsg like the frontend's first one, and read ForwardMsgs
until ``script_finished``. Cacheable messages are kept by hash and later reruns list
those hashes, so the server may answer with ``ref_hash`` references, resolved here as
the browser does. The same load then runs against a floor app (one button, a
50-point Plotly chart): the ratios app/floor separate the app's cost from Streamlit's own.

Nothing else a page sends is simulated, because nothing else reaches the server: the
Train page owns t and steps, plays and writes its address bar in the browser, and only
the Walkthrough reports its step (through the sidebar's ``share-link`` fragment).

Disconnected sessions stay in a TTLCache for ``server.disconnectedSessionTTL`` seconds
(default 120), and expired ones are only dropped on the cache's next write, i.e. the
next disconnect. Both servers get a 2 s TTL, and after the load one more websocket
connects and leaves to trigger that sweep before "RSS after cleanup" is read.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import ipaddress
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SESSION_TTL_S = 2  # server.disconnectedSessionTTL for both servers
MAX_TIMEOUT_S = 600.0
WS_OPEN_TIMEOUT_S = 15.0  # the frontend's: past it, the browser closes and retries
MB = 2**20
FLOOR_APP = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("count", 0)


def _bump():
    st.session_state.count += 1


st.button("Bump", key="bump", on_click=_bump)
x = np.arange(50)
st.plotly_chart(go.Figure(go.Scatter(x=x, y=np.sin(x / 5 + st.session_state.count))))
"""
"""The floor: one button and one small Plotly chart, the smallest app drawing what ours draws.

``st.line_chart`` would be a higher floor: its Altair spec costs more than this whole run."""
QUEUED = "ahead of yours"
"""What the app's notice says while a run waits its turn (``ui/waiting.py``)."""
LONG_RUN_QUERY = "iterations=100000"
"""``--long-runs``: each session asks for its own run at the app's iteration cap."""
BUDGETS = {  # scenario → (row label, largest allowed value, what it is)
    "shared link": ("CPU per session", 1.5, "× the floor"),
    "distinct seeds": ("CPU per session", 2.0, "× the floor"),
    "long runs": ("peak RSS", 1024, "MB"),
}
"""Issue 18's budgets: a ratio against the floor, or (long runs) the app's absolute peak."""
# Keep-going statuses: the app's own st.rerun() or a fragment run; a full run follows.
NOT_DONE = (ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class SessionError(Exception):
    """A run that did not end in FINISHED_SUCCESSFULLY; the message is its cause."""


@dataclass
class SessionResult:
    first_s: float | None = None  # page request → first script_finished
    change_s: float | None = None  # changed-widget rerun sent → its script_finished
    cache_hits: int = 0  # ref_hash messages resolved from this tab's cache
    first_kb: float = 0.0  # ForwardMsg kB the first run sent this tab
    told_queued: bool = False  # the page said the run waits its turn ("… ahead of yours")
    error: str | None = None


def require_loopback(host: str) -> str:
    """Refuse anything but this machine: this is a load generator."""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"refusing non-loopback host {host!r}")
    return host


def http_get(url: str, timeout: float, sizes: list[int] | None = None) -> dict[str, str]:
    """GET a loopback ``url``; return its cookies raw (the XSRF value holds '|')."""
    require_loopback(urllib.parse.urlsplit(url).hostname or "")
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
    if sizes is not None:
        sizes.append(len(body))
    pairs = (cookie.split(";", 1)[0].split("=", 1) for cookie in cookies)
    return {pair[0].strip(): pair[1].strip() for pair in pairs if len(pair) == 2}


class Tab:
    """One browser tab, protocol-wise: websocket, message cache, page hash, widgets seen."""

    def __init__(self, ws: ClientConnection, url: str, query: str, page: str) -> None:
        self.ws, self.url, self.query, self.page = ws, url, query, page
        self.cache: dict[str, ForwardMsg] = {}
        self.cache_hits, self.received = 0, 0
        self.page_script_hash = ""  # "" lets the server pick: page_name, else the default
        self.widgets: dict[str, tuple[str, Any]] = {}  # user key or URL key → (kind, proto)
        self.media: list[str] = []  # files a component asks the browser to fetch (/media/…)
        self.told_queued = False

    def _note_widget(self, element: Any) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind) if kind else None
        if kind == "bidi_component" and proto.json:  # a component's data may name a file
            data = json.loads(proto.json)
            values = data.values() if isinstance(data, dict) else ()
            self.media += [v for v in values if isinstance(v, str) and v.startswith("/media/")]
        widget_id = getattr(proto, "id", "")
        if widget_id.startswith("$$ID-"):  # "$$ID-<hash>-<user key>"
            for name in (widget_id.split("-", 2)[-1], getattr(proto, "query_param_key", "")):
                if name:
                    self.widgets.setdefault(name, (kind, proto))

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """Cache cacheable messages; swap a ``ref_hash`` for its original, as the browser."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise SessionError(f"ForwardMsg cache miss for ref_hash {msg.ref_hash[:12]}")
            self.cache_hits += 1
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(msg.metadata)
            return resolved
        if msg.metadata.cacheable and msg.hash:
            self.cache.setdefault(msg.hash, msg)
        return msg

    async def rerun(self, widget_states: Sequence[WidgetState] = ()) -> None:
        """Send ``rerun_script`` as the frontend does and read until that run finishes."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string, state.page_script_hash = self.query, self.page_script_hash
        state.page_name = "" if self.page_script_hash else self.page
        state.widget_states.widgets.extend(widget_states)
        state.cached_message_hashes.extend(self.cache)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url, info.is_embedded, info.color_scheme = self.url, False, "light"
        await self.ws.send(back.SerializeToString())
        errors: list[str] = []
        for _ in range(1_000_000):  # the caller's timeout bounds the time
            raw = await self.ws.recv()
            if isinstance(raw, str):
                raise SessionError("unexpected text frame from the server")
            self.received += len(raw)
            msg = ForwardMsg.FromString(raw)
            msg = self._resolve(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "page_not_found":
                errors.append(f"page not found: {msg.page_not_found.page_name or self.page!r}")
            elif kind == "session_event":
                if msg.session_event.HasField("script_compilation_exception"):
                    exc = msg.session_event.script_compilation_exception
                    errors.append(f"script compilation error: {exc.type}: {exc.message}")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception" and not element.exception.is_warning:
                    exc = element.exception
                    errors.append(f"exception: {exc.type or 'redacted'}: {exc.message}")
                if element.WhichOneof("type") == "alert" and QUEUED in element.alert.body:
                    self.told_queued = True
                self._note_widget(element)
            elif kind == "script_finished" and msg.script_finished not in NOT_DONE:
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    errors.append(f"script finished with {name}")
                if errors:
                    raise SessionError(errors[0][:200])
                return
        raise SessionError("no script_finished in 1,000,000 messages")

    def changed_widget(self, key: str, offset: float) -> WidgetState:
        """The widget with user or URL key ``key``, changed: number + offset, or a click."""
        if key not in self.widgets:
            raise SessionError(f"no widget with key or URL key {key!r} in the first run")
        kind, proto = self.widgets[key]
        state = WidgetState(id=proto.id)
        if kind == "button":
            state.trigger_value = True
        elif kind == "number_input":
            value = (proto.value if proto.set_value else proto.default) + offset
            if proto.data_type == proto.INT:
                state.int_value = int(value)
            else:
                state.double_value = value
            if proto.query_param_key:  # a bound widget rewrites the URL before the rerun
                params = dict(urllib.parse.parse_qsl(self.query))
                params[proto.query_param_key] = f"{value:g}"
                self.query = urllib.parse.urlencode(params)
        else:
            raise SessionError(f"widget {key!r} is a {kind}, not a number_input or button")
        return state


async def run_session(
    port: int,
    *,
    query: str = "",
    page: str = "",
    change_key: str | None = None,
    change_offset: float = 1.0,
    timeout: float = 60.0,
    host: str = HOST,
    linger: Callable[[], Awaitable[None]] | None = None,
) -> SessionResult:
    """One student: open the link, wait for the run, maybe change a widget.

    Server trouble never raises: it becomes ``error``, a cause string. Only a
    non-loopback ``host`` raises (ValueError).

    ``timeout`` bounds the work; ``linger`` (bounded by its owner) is awaited before the
    tab closes, so the hall stays full until everyone is done, as in a lecture.
    """
    base = f"http://{require_loopback(host)}:{port}"
    timeout = min(max(timeout, 0.1), MAX_TIMEOUT_S)
    url = f"{base}/{page}" + (f"?{query}" if query else "")
    result, phase, tab = SessionResult(), "fetching the page", None
    started = time.perf_counter()
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            await asyncio.to_thread(http_get, url, timeout)
            cookies = await asyncio.to_thread(http_get, f"{base}/_stcore/health", timeout)
            token = cookies.get("_streamlit_xsrf")
            phase = "connecting the websocket"
            async with connect(
                f"ws://{host}:{port}/_stcore/stream",
                subprotocols=["streamlit", token or "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
                origin=base,  # type: ignore[arg-type]
                additional_headers={"Cookie": f"_streamlit_xsrf={token}"} if token else None,
                max_size=2**28,
                open_timeout=WS_OPEN_TIMEOUT_S,
                ping_interval=None,  # browsers send no pings; the server's own are answered
            ) as ws:
                tab, phase = Tab(ws, url, query, page), "first run"
                await tab.rerun()
                phase = "fetching the files the page asks for"
                sizes: list[int] = []
                for path in dict.fromkeys(tab.media):  # as the browser: the run, over HTTP
                    await asyncio.to_thread(http_get, base + path, timeout, sizes)
                result.first_s = time.perf_counter() - started
                result.first_kb = (tab.received + sum(sizes)) / 1024
                if change_key:
                    phase = f"rerun after changing {change_key!r}"
                    widget = tab.changed_widget(change_key, change_offset)
                    changed = time.perf_counter()
                    await tab.rerun([widget])
                    result.change_s = time.perf_counter() - changed
                if linger is not None:
                    deadline.reschedule(None)
                    await linger()
    except SessionError as error:
        result.error = f"{phase}: {error}"
    except TimeoutError:
        if deadline.expired():
            result.error = f"timeout ({timeout:g} s) during {phase}"
        else:  # websockets' open_timeout
            result.error = f"websocket handshake took over {WS_OPEN_TIMEOUT_S:g} s"
    except ConnectionClosed as error:
        if error.rcvd:
            closed = f"the server closed it: {error.rcvd.code} {error.rcvd.reason}".rstrip()
        else:
            closed = f"lost; this client sent close {error.sent.code if error.sent else 'none'}"
        result.error = f"disconnected during {phase} ({closed})"
    except (OSError, InvalidHandshake) as error:
        result.error = f"{type(error).__name__} during {phase}: {error}"[:200]
    result.cache_hits = tab.cache_hits if tab else 0
    result.told_queued = tab.told_queued if tab else False
    return result


async def run_hall(
    port: int,
    queries: list[str],
    *,
    within: float,
    timeout: float = 60.0,
    on_all_done: Callable[[], None] = lambda: None,
    **kw: Any,
) -> list[SessionResult]:
    """One session per query at evenly spaced start times; all stay until all are done."""
    everyone_done, arrived = asyncio.Event(), set()

    def arrive(i: int) -> None:
        arrived.add(i)
        if len(arrived) == len(queries) and not everyone_done.is_set():
            on_all_done()
            everyone_done.set()

    async def student(i: int) -> SessionResult:
        async def linger() -> None:
            arrive(i)
            with contextlib.suppress(TimeoutError):  # stragglers report their own timeout
                await asyncio.wait_for(everyone_done.wait(), within + timeout + 5)

        await asyncio.sleep(i * within / len(queries))
        result = await run_session(port, query=queries[i], timeout=timeout, linger=linger, **kw)
        arrive(i)  # a failed session is done too
        return result

    return await asyncio.gather(*(student(i) for i in range(len(queries))))


# --------------------------------------------------------------------------- server


def start_server(app: Path, port: int | None = None, timeout: float = 60.0) -> subprocess.Popen:
    """``streamlit run`` on loopback, short session TTL, full error details; wait for health.

    Both servers run without Streamlit's file watcher, as the app's own config ships, so
    the ratios compare the apps and not their server settings.
    """
    port = port or free_port()
    log = Path(tempfile.gettempdir()) / f"bench-hall-{port}.log"
    options = {"server.headless": "true", "server.port": port, "server.address": HOST,
               "browser.gatherUsageStats": "false", "client.showErrorDetails": "full",
               "server.disconnectedSessionTTL": SESSION_TTL_S,
               "server.fileWatcherType": "none"}  # fmt: skip
    cmd = [sys.executable, "-m", "streamlit", "run", str(app)]
    cmd += [part for name, value in options.items() for part in (f"--{name}", str(value))]
    with open(log, "wb") as out:
        server = subprocess.Popen(cmd, cwd=app.parent, stdout=out, stderr=subprocess.STDOUT)
    server.port, server.log = port, log  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        with contextlib.suppress(OSError):
            http_get(f"http://{HOST}:{port}/_stcore/health", 2)
            return server
        time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"streamlit did not serve {app} within {timeout:g} s; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop our own server by its pid: terminate, then kill if it lingers."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class RssSampler(threading.Thread):
    """The server's RSS every 50 ms: a full hall's peak lasts only moments."""

    def __init__(self, process: psutil.Process, max_seconds: float = 3600) -> None:
        super().__init__(daemon=True)
        self.process, self.samples, self.peak = process, int(max_seconds / 0.05), 0
        self.done = threading.Event()

    def run(self) -> None:
        for _ in range(self.samples):
            with contextlib.suppress(psutil.Error):
                self.peak = max(self.peak, self.process.memory_info().rss)
            if self.done.wait(0.05):
                return


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


async def sweep(port: int) -> None:
    """Connect and leave: that disconnect writes the session storage, reaping expired ones."""
    async with asyncio.timeout(30), connect(f"ws://{HOST}:{port}/_stcore/stream") as ws:
        await ws.close()


def wait_for_cleanup(port: int, process: psutil.Process, left_at: float) -> dict[str, float]:
    """Once the TTL is over, sweep and poll RSS until it holds within 1 MB for 2 s (≤ 30 s)."""
    time.sleep(max(0.0, left_at + SESSION_TTL_S + 0.5 - time.perf_counter()))
    rss_disconnected = process.memory_info().rss
    with contextlib.suppress(OSError, TimeoutError, InvalidHandshake):
        asyncio.run(sweep(port))
    window: collections.deque[int] = collections.deque(maxlen=8)
    for _ in range(120):
        window.append(process.memory_info().rss)
        if len(window) == window.maxlen and max(window) - min(window) < MB:
            break
        time.sleep(0.25)
    return {
        "rss_disconnected_mb": rss_disconnected / MB,
        "rss_after_cleanup_mb": window[-1] / MB,
        "cleanup_s": time.perf_counter() - left_at,
    }


# --------------------------------------------------------------------------- measurement


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    p95 = statistics.quantiles(values, n=20, method="inclusive")[18] if values[1:] else values[0]
    return {"p50": statistics.median(values), "p95": p95, "max": max(values)}


def with_seed(query: str, seed: int) -> str:
    return urllib.parse.urlencode({**dict(urllib.parse.parse_qsl(query)), "seed": str(seed)})


def measure(app: Path, args: argparse.Namespace, *, floor: bool) -> dict[str, Any]:
    """Warm up, fill the hall, empty it, wait for cleanup; the server is always stopped."""
    n = args.sessions
    seeds = range(1, n + 1) if args.distinct_seeds else [None] * n
    queries = [args.query if seed is None else with_seed(args.query, seed) for seed in seeds]
    session = {
        "page": "" if floor else args.page,
        "change_key": ("bump" if floor else "seed") if args.change_seed else None,
        "change_offset": n if args.distinct_seeds else 1,  # keeps changed seeds distinct too
    }
    server = start_server(app, None if floor else args.port)
    try:
        process, port = psutil.Process(server.pid), server.port  # type: ignore[attr-defined]
        warm_query = with_seed(args.query, 0) if args.distinct_seeds else args.query
        warm = asyncio.run(
            run_session(port, query=warm_query, page=session["page"], timeout=args.timeout)
        )
        time.sleep(0.5)
        me, load_before = psutil.Process(), os.getloadavg()[0]
        rss_before, cpu_before = process.memory_info().rss, cpu_seconds(process)
        client_before = cpu_seconds(me)  # is the load generator itself a bottleneck?
        marks: dict[str, float] = {}  # the CPU clock when the last session is done
        sampler = RssSampler(process)
        sampler.start()
        hall = run_hall(
            port, queries, within=args.within, timeout=args.timeout,
            on_all_done=lambda: marks.setdefault("cpu", cpu_seconds(process)), **session,
        )  # fmt: skip
        results = asyncio.run(hall)
        left_at = time.perf_counter()
        sampler.done.set()
        sampler.join()
        cpu = marks.get("cpu", cpu_seconds(process)) - cpu_before
        client_cpu, load_after = cpu_seconds(me) - client_before, os.getloadavg()[0]
        peak = max(sampler.peak, rss_before)
        cleanup = wait_for_cleanup(port, process, left_at)
    finally:
        stop_server(server)
    causes = collections.Counter(r.error for r in results if r.error)
    return {
        "first_run_s": percentiles([r.first_s for r in results if r.first_s is not None]),
        "change_s": percentiles([r.change_s for r in results if r.change_s is not None]),
        "errors": sum(causes.values()),
        "error_causes": dict(causes.most_common()),
        "warmup_error": warm.error,
        "cache_hits": sum(r.cache_hits for r in results),
        "told_queued": sum(r.told_queued for r in results),
        "first_run_kb": statistics.median([r.first_kb for r in results if r.first_s] or [0]),
        "cpu_s": cpu,
        "client_cpu_s": client_cpu,
        "loadavg_1min": [load_before, load_after],
        "cpu_per_session_s": cpu / n,
        "rss_before_mb": rss_before / MB,
        "peak_rss_mb": peak / MB,
        "mb_per_session": (peak - rss_before) / MB / n,
        **cleanup,
        "server_log": str(server.log),  # type: ignore[attr-defined]
    }


ROWS = [  # label, path into a measure() result, unit, digits, show the app/floor ratio
    *[(f"first run {k}", ("first_run_s", k), "s", 2, k != "max") for k in ("p50", "p95", "max")],
    *[(f"change {k}", ("change_s", k), "s", 2, k == "p50") for k in ("p50", "p95", "max")],
    ("server CPU during load", ("cpu_s",), "s", 1, False),
    ("load generator CPU (client)", ("client_cpu_s",), "s", 1, False),
    ("CPU per session", ("cpu_per_session_s",), "s", 3, True),
    ("RSS before (after warm-up)", ("rss_before_mb",), "MB", 0, False),
    ("peak RSS", ("peak_rss_mb",), "MB", 0, True),
    ("MB per extra session", ("mb_per_session",), "MB", 2, True),
    ("RSS when TTL is over", ("rss_disconnected_mb",), "MB", 0, False),
    ("RSS after cleanup", ("rss_after_cleanup_mb",), "MB", 0, False),
    ("last disconnect → RSS stable", ("cleanup_s",), "s", 1, False),
    ("first run kB (ws + files)", ("first_run_kb",), "kB", 0, True),
    ("ref_hash cache hits", ("cache_hits",), "", 0, False),
    ("sessions told they queued", ("told_queued",), "", 0, False),
    ("machine load avg, start", ("loadavg_1min", 0), "", 1, False),
    ("machine load avg, end", ("loadavg_1min", 1), "", 1, False),
    ("errors", ("errors",), "", 0, False),
]


def _get(result: dict[str, Any], path: tuple[Any, ...]) -> float | None:
    for key in path:
        result = result[key]
    return result  # type: ignore[return-value]


def scenario(args: argparse.Namespace) -> str:
    if args.long_runs:
        return "long runs"
    return "distinct seeds" if args.distinct_seeds else "shared link"


def budget(
    args: argparse.Namespace, app: dict[str, Any], floor: dict[str, Any]
) -> tuple[str, bool]:
    """The scenario's budget line and whether it is met (0 errors is part of every budget)."""
    name = scenario(args)
    label, most, unit = BUDGETS[name]
    path = next(p for row, p, *_ in ROWS if row == label)
    value = _get(app, path) / (_get(floor, path) if unit.startswith("×") else 1)
    met = value <= most and not app["errors"]
    shown = f"{value:.2f}×" if unit.startswith("×") else f"{value:.0f} {unit}"
    return f"budget ({name}): {label} ≤ {most:g} {unit}, 0 errors: {shown}, " + (
        "met" if met else "NOT met"
    ), met


def report(args: argparse.Namespace, app: dict[str, Any], floor: dict[str, Any]) -> str:
    """The app, the floor and their ratio per row, the budget, then errors grouped by cause."""
    link = f"/{args.page}" + (f"?{args.query}" if args.query else "")
    lines = [
        f"Lecture hall: {args.sessions} sessions within {args.within:g} s, link {link!r}"
        + (", seed=i per session" if args.distinct_seeds else "")
        + (", then each changes seed" if args.change_seed else "")
        + ("; CPU per session includes the change" if args.change_seed else ""),
        f"{'':30}{'app':>11}{'floor':>11}{'app/floor':>11}",
    ]
    for label, path, unit, digits, show_ratio in ROWS:
        if path[0] == "change_s" and not args.change_seed:
            continue
        a, f = _get(app, path), _get(floor, path)
        cells = ["—" if v is None else f"{v:.{digits}f} {unit}".rstrip() for v in (a, f)]
        ratio = f"{a / f:.2f}×" if show_ratio and a is not None and f else ""
        lines.append(f"{label:30}{cells[0]:>11}{cells[1]:>11}{ratio:>11}")
    lines.append(budget(args, app, floor)[0])
    for name, result in (("app", app), ("floor", floor)):
        if result["warmup_error"]:
            lines.append(f"{name} warm-up failed: {result['warmup_error']}")
        for cause, count in result["error_causes"].items():
            lines.append(f"{name} errors ×{count}: {cause}")
        if result["errors"] or result["warmup_error"]:
            lines.append(f"{name} server log: {result['server_log']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--sessions", type=int, default=100)
    add("--within", type=float, default=10.0, help="seconds over which the sessions start")
    add("--query", default="", help="the link's query, e.g. 'seed=7&iterations=100000'")
    add("--page", default="", help="the link's page url path, e.g. 'compare'")
    add("--distinct-seeds", action="store_true", help="session i opens seed=i")
    add("--long-runs", action="store_true", help=f"session i opens seed=i&{LONG_RUN_QUERY}")
    add("--change-seed", action="store_true", help="then each changes the Seed widget")
    add("--app", type=Path, default=ROOT / "app.py")
    add("--timeout", type=float, default=120.0, help="per session, at most 600 s")
    add("--port", type=int, default=None, help="the app server's port (default: a free one)")
    add("--host", default=HOST, help="must be 127.0.0.1: the servers listen there only")
    add("--json", type=Path, default=None, help="also write the numbers here")
    add("--quick", action="store_true", help="smoke run: 10 sessions within 2 s")
    args = parser.parse_args(argv)
    if args.host != HOST:
        parser.error(f"refusing --host {args.host}: the benchmark is loopback-only ({HOST})")
    if args.quick:
        args.sessions, args.within = 10, 2.0
    if args.long_runs:
        args.distinct_seeds = True
        args.query = "&".join(part for part in (args.query, LONG_RUN_QUERY) if part)
    if not (1 <= args.sessions <= 1000 and 0 <= args.within <= 600):
        parser.error("--sessions must be within 1..1000 and --within within 0..600")
    args.timeout = min(max(args.timeout, 1.0), MAX_TIMEOUT_S)
    app = measure(args.app.resolve(), args, floor=False)
    with tempfile.TemporaryDirectory(prefix="bench-hall-") as tmp:
        floor_app = Path(tmp) / "floor_app.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        floor = measure(floor_app, args, floor=True)
    print(report(args, app, floor))
    if args.json:
        config = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
        ratios = {label: _get(app, p) / _get(floor, p) for label, p, *_, show in ROWS
                  if show and _get(app, p) is not None and _get(floor, p)}  # fmt: skip
        payload = {"config": config, "app": app, "floor": floor, "ratios_app_to_floor": ratios}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 1 if floor["errors"] or not budget(args, app, floor)[1] else 0


if __name__ == "__main__":
    sys.exit(main())
