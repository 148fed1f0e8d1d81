"""Per-run setup shared by app.py and every page, safe whichever runs first."""

from __future__ import annotations

from urllib.parse import parse_qs

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import controls, memory, sharing, steps
from ui.chosen import ChosenRun

PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] {
  padding: 4.75rem 1.5rem 2rem 1.5rem;
}
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0 4px; }
.st-key-lab-preload { display: none; }
[data-testid="stButtonGroup"] button[data-selected="true"]:not([data-disabled]),
[data-testid="stSlider"] [data-testid="stSliderThumbValue"] { color: inherit; }
</style>
"""
"""A compact page (Streamlit's default leaves 68 px empty under the 60 px top navigation), and
a formula too wide for its column scrolls instead of being cut off.

The chosen segment and a slider's value are written in the body's colour, not in the primary:
no primary reads both as white buttons' ground and as text on the dark sidebar (WCAG 1.4.3,
.streamlit/config.toml); the border, tint and thumb still mark them in the primary."""

PRESENTER_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding-left: 0.75rem; padding-right: 0.75rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stTable"] td { font-size: 1.15rem; }
</style>
"""
"""Constant markup only: no user text is ever rendered as HTML."""

EMBED_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stTopNav"], [data-testid="stTopNavLinkContainer"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { padding: 0.5rem 0.75rem; max-width: none; }
.lab-rows, .lab-animation { display: none !important; }
/* Off screen, not display: none: a chart keeps a size to draw at, so it follows t as before. */
.lab-stage .lab-slot[data-slot="weights"], .lab-stage .lab-slot[data-slot="errors"] {
  position: absolute; left: -200vw; top: 0; width: 600px; height: 300px; visibility: hidden;
}
@media (min-width: 701px) {
  body .lab-stage[data-mode] .lab-grid {
    grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1fr);
    grid-template-areas: "output landscape loss";
    grid-template-rows: max(240px, calc(100vh - var(--lab-top)));
  }
}
</style>
"""
"""Slides (``?embed=true``): Streamlit's embed mode drops its toolbar and header; this drops the
rest of what is not the transport and the three views (the sidebar and its button, the
top navigation, the second row of charts, the rows table), so an iframe shows the lesson only."""


def embedded() -> bool:
    """Whether the page was opened with ``?embed=true``.

    Streamlit keeps ``embed`` out of ``st.query_params`` (it is its own switch), so it is
    read from the session's query string.
    """
    ctx = get_script_run_ctx()
    query = parse_qs(ctx.query_string) if ctx is not None else {}
    return "true" in [value.lower() for value in query.get("embed", [])]


def prepare(page: str) -> None:
    """Draw the shared sidebar and keep this run's context for ``page`` (its title).

    The page's CSS comes first, so no page is ever drawn with Streamlit's wide padding.
    """
    st.html(PAGE_CSS)
    memory.freeze_imports()
    memory.trim_when_session_ends()
    st.session_state.chosen = controls.sidebar()
    steps.current(st.session_state.chosen.history.last_step)  # a link's t, clamped to this run
    with st.sidebar:
        sharing.panel(st.session_state.chosen, page)
    if st.session_state.chosen.presenter:
        st.html(PRESENTER_CSS)
    if embedded():
        st.html(EMBED_CSS)


def context(page: str) -> ChosenRun:
    """The run ``page`` should show; a page opened before app.py ran builds it itself."""
    if "chosen" not in st.session_state:
        prepare(page)
    return st.session_state.chosen


def problems(chosen: ChosenRun) -> None:
    """Say, above the charts, that they show the last valid run and why."""
    if chosen.problems:
        st.warning(
            "Your latest change could not be used, so the charts show the last valid run. "
            "See the message in the sidebar.",
            icon=":material/block:",
        )
    if chosen.history.diverged_at is not None:
        st.error(
            f"Training diverged at step {chosen.history.diverged_at:,}: the weights grew too large "
            "to represent. The charts stop at the last finite step; try a smaller learning rate "
            "or smaller inputs.",
            icon=":material/warning:",
        )
