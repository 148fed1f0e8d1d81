"""Share and export: the link that restores this setup, the history, a notebook script.

Its link element is also how the page tells the server its step where the page
drawn depends on it (``ui/static/link.js``): a report is a widget change like any
other, so the page reruns once, drawn at that step. Not a fragment on purpose: a
fragment's ``st.rerun`` issued by the server could land after the student's click
on another page and undo that switch; a widget's rerun is always older than it.
"""

from __future__ import annotations

import streamlit as st

from perceptron import limits
from perceptron.export import history_csv, notebook_script
from ui import links, steps
from ui.assets import loader
from ui.chosen import ChosenRun

# The link with a Copy button (ui/static/link.js): st.code would cost every first visit a
# syntax highlighter's large script, parsed while the Train page starts its charts.
_link = st.components.v2.component("lab_link", js=loader("link.js"), isolate_styles=False)


DRAWN_FROM_T = ("Walkthrough",)
"""Pages the server draws from its t: the page tells it the step on screen when they open."""


def _page_shows() -> None:
    """The page said which step it shows: this run draws the page at that step."""
    steps.reported(st.session_state["share-link"].get("shown"))


DOWNLOADS = (
    (
        "History as CSV",
        ":material/download:",
        history_csv,
        ".csv",
        "text/csv",
        "Every step: weights, loss, accuracy and each row's prediction.",
    ),
    (
        "Notebook-style script",
        ":material/code:",
        notebook_script,
        ".py",
        "text/x-python",
        "A numpy-only script that reproduces this run and prints the same weights.",
    ),
)
"""Each export: its button, how it is made from the history (only on click), its file."""


def _slug(chosen: ChosenRun) -> str:
    spec = chosen.spec
    return f"perceptron-seed{spec.seed}-lr{spec.learning_rate:g}-{spec.iterations}it"


def panel(chosen: ChosenRun, page: str) -> None:
    """One expander with the share link and both downloads (the files built only on click).

    The link element gets ``page``: a switch of page drops the page's own parameters from
    the address bar, and a new value makes the element write them back.
    """
    with st.expander("Share and export", icon=":material/share:", expanded=False):
        st.caption(
            "This link restores the data, parameters, view and step for anyone who opens it."
        )
        data = {**steps.server_step(), "page": page, "follow": page in DRAWN_FROM_T}
        data["settings"] = links.page_settings()
        _link(key="share-link", data=data, on_shown_change=_page_shows)
        if not links.fits(chosen.spec.rows):
            st.warning(
                f"This table is too long for a link (more than {limits.MAX_URL_CHARS:,} "
                "characters), so the link opens on the preset's rows. Share the table itself: "
                "the history CSV below holds every row's prediction, and the script holds "
                "the rows.",
                icon=":material/link_off:",
            )
        for label, icon, build, suffix, mime, hint in DOWNLOADS:
            st.download_button(
                label,
                icon=icon,
                data=lambda build=build: build(chosen.history),
                file_name=_slug(chosen) + suffix,
                mime=mime,
                width="stretch",
                on_click="ignore",
                help=hint,
            )
