"""Per-run setup shared by app.py and every page, safe whichever runs first."""

from __future__ import annotations

import streamlit as st

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


def prepare(page: str) -> None:
    """Draw the shared sidebar and keep this run's context for ``page`` (its title).

    The page's CSS comes first, so no page is ever drawn with Streamlit's wide padding.
    """
    st.html(PAGE_CSS)
    memory.trim_when_session_ends()
    st.session_state.chosen = controls.sidebar()
    steps.current(st.session_state.chosen.history.last_step)  # a link's t, clamped to this run
    with st.sidebar:
        sharing.panel(st.session_state.chosen, page)
    if st.session_state.chosen.presenter:
        st.html(PRESENTER_CSS)


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
