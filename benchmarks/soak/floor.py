"""The soak floor: the least a three-page Streamlit app with a Plotly chart holds on to.

Why a floor: Streamlit itself keeps some things per page switch (its message cache,
React's fibers until the next GC, Plotly's shared state), so "grows across switches" has
to be read against a plain app doing the same thing in the same run. This one has three
pages under top navigation, like the app; the first holds a button and a 50-point
``st.plotly_chart`` whose title says how often the button was pressed (so a click's
effect is visible in the page), the others a line of text each, in a keyed container so
a wait can tell the pages apart. It is written to a temp dir and served like the app, as
the floors of ``benchmarks/ui/floors.py`` are.
"""

from __future__ import annotations

import pathlib

FLOOR_APP = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st


def chart_page():
    st.session_state.setdefault("t", 0)
    if st.button("Step", key="step"):
        st.session_state.t += 1
    t = st.session_state.t
    x = np.arange(50)
    fig = go.Figure(go.Scatter(x=x, y=np.sin(x / 5 + t / 10), mode="lines"))
    fig.update_layout(height=420, title=f"step {t}")
    st.plotly_chart(fig)


def second_page():
    with st.container(key="page-two"):
        st.markdown("The second page.")


def third_page():
    with st.container(key="page-three"):
        st.markdown("The third page.")


page = st.navigation(
    [
        st.Page(chart_page, title="One", url_path="one", default=True),
        st.Page(second_page, title="Two", url_path="two"),
        st.Page(third_page, title="Three", url_path="three"),
    ],
    position="top",
)
page.run()
"""

PAGES = ("One", "Two", "Three")
"""The floor's page titles in the order a cycle visits them (it starts and ends on One)."""


def write_floor(directory: pathlib.Path) -> pathlib.Path:
    """The floor's script, written into ``directory`` (a temp dir)."""
    path = directory / "soak_floor.py"
    path.write_text(FLOOR_APP, encoding="utf-8")
    return path
