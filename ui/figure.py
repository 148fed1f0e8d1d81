"""A still Plotly figure drawn the way the Train page draws its charts.

``st.plotly_chart`` themes a figure with Streamlit's own grey tick labels, which
read at 3.7:1 on a white page (WCAG asks 4.5:1), and the Train page's charts have
no Plotly toolbar over their titles but a PNG button of their own. This element
shares their code (``ui/static/figure.js``), so every chart of the app reads alike
in light and dark and follows a switch of theme without a rerun.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui.assets import PLOTLY_URL, loader

_figure = st.components.v2.component("lab_figure", js=loader("figure.js"), isolate_styles=False)


def show(fig: go.Figure, name: str, presenter: bool = False) -> None:
    """Draw ``fig``; ``name`` keys it and names its PNG."""
    data = {"figure": fig.to_json(), "name": name, "plotly": PLOTLY_URL, "presenter": presenter}
    _figure(key=f"figure-{name}", data=data)
