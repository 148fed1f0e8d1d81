"""Every page is drawn through app.py, even when Streamlit runs a page's file alone.

While a ``pages/`` folder exists, Streamlit 1.67 runs a fresh server's first script
run in its legacy multipage mode (``_mpa_v1`` in ``script_runner.py``; the mode ends
when app.py's ``st.navigation`` first runs). That mode's pages are app.py and the
files of ``pages/``, named by their stems: a URL that names no file gets a "Page not
found" notice before app.py even starts, and a URL that names a file runs that file
alone, without app.py (no page setup, no shared sidebar, no top navigation). Streamlit's
AppTest starts every run in that mode.

So the files in ``pages/`` are named after their pages' ``url_path`` (a deep link finds
its file), and each file calls :func:`through_app` first. Run alone, it runs app.py in
its place, in the same script run: app.py's ``st.navigation`` resolves the same URL to
the same page, whose file then draws inside app.py, as on a warm server. The first run
of ``/`` already goes this way (the legacy mode's main page is app.py).
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

APP = Path(__file__).resolve().parents[1] / "app.py"

_in_app: ContextVar[bool] = ContextVar("in_app", default=False)
"""True while app.py runs its page (set and reset around it, in the script run's thread)."""


@contextmanager
def inside_app() -> Iterator[None]:
    """Around app.py's ``page.run()``: the page's file is drawn through app.py."""
    token = _in_app.set(True)
    try:
        yield
    finally:
        _in_app.reset(token)


def through_app() -> None:
    """If Streamlit ran this page's file alone, draw the app (and so this page) instead.

    A page started on its own (``streamlit run pages/train.py``, no app.py in the run)
    draws itself, as ``ui.shell.context`` allows.
    """
    ctx = get_script_run_ctx()
    if _in_app.get() or ctx is None or Path(ctx.main_script_path).resolve() != APP:
        return
    runpy.run_path(str(APP))
    st.stop()  # this file's own run: everything is drawn already
