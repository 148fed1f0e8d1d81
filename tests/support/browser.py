"""The one server factory and Chromium, for the browser tests and benchmarks/bench_ui.py.

A Streamlit server is started with ``sys.executable -m streamlit run`` on a free loopback
port (or a given one) and always stopped by its own pid: ``start_server`` is the only
place that spawns one; ``running_server`` wraps it in a ``with`` block, and the fixtures in
``tests/conftest.py`` (``server``, ``fresh_server``) use that. Chromium is Debian's (env
``CHROMIUM``, ``shutil.which("chromium")`` or ``/usr/bin/chromium``), driven by
Playwright for Python.
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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest

from tests.support.paths import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ON_CI = os.environ.get("CI", "").lower() == "true"


# --------------------------------------------------------------------------- Chromium


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


def launch_chromium(playwright, executable: str):
    """Headless Chromium from a (sync or async) Playwright instance."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )


# --------------------------------------------------------------------------- servers


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
    options: Mapping[str, object] | None = None,
) -> Server:
    """Spawn streamlit on loopback and wait until /_stcore/health answers ok.

    On a free port, or on ``port``: a server restarted there lets an open page reconnect
    as it would after a crash or a redeploy (its log is appended to, not replaced).
    ``options`` adds Streamlit config options (``{"client.showErrorDetails": "full"}``).
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
    for name, value in (options or {}).items():
        cmd += [f"--{name}", str(value)]
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=str(cwd), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    log.close()
    server = Server(process, port, log_path, started)
    deadline = time.monotonic() + timeout
    health = f"{server.url}/_stcore/health"
    while True:  # polls the health endpoint: a wait for a condition
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
def running_server(
    script: str | os.PathLike = "app.py", cwd: str | os.PathLike = ROOT, **start
) -> Iterator[Server]:
    """``start_server(script, cwd, **start)`` for the ``with`` block, stopped after it."""
    server = start_server(script, cwd, **start)
    try:
        yield server
    finally:
        server.stop()


def kill_server(server: Server, timeout: float = 10.0) -> None:
    """Stop a server by its pid as a crash would look to the page: SIGTERM, then SIGKILL."""
    server.stop(timeout=timeout)
    assert server.process.poll() is not None, f"pid {server.pid} still running"
