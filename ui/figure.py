"""A still Plotly figure drawn the way the Train page draws its charts.

``st.plotly_chart`` themes a figure with Streamlit's own grey tick labels, which
read at 3.7:1 on a white page (WCAG asks 4.5:1), and the Train page's charts have
no Plotly toolbar over their titles but a PNG button of their own. This element
shares their code (``ui/static/figure.js``), so every chart of the app reads alike
in light and dark and follows a switch of theme without a rerun. A chart's layers
(Compare's loss landscape) are painted by the same page code as Train's.
"""

from __future__ import annotations

import base64
import json

import streamlit as st

from ui.assets import PLOTLY_URL, loader
from views.compare import CompareChart
from views.payload import typed_bytes

_figure = st.components.v2.component("lab_figure", js=loader("figure.js"), isolate_styles=False)


def backdrop(chart: CompareChart) -> str:
    """The chart's layers and the arrays they read, as JSON text for the page.

    Arrays travel as base64 bytes with their dtype and shape, as Plotly encodes typed
    arrays: Compare's 31 × 31 byte grid is 1.3 KB of text. ``ui/static/payload.js`` turns
    them back into the typed arrays a Train run's blob gives, for ``ui/static/field.js``.
    """
    arrays = {}
    for name, values in chart.arrays.items():
        code, raw = typed_bytes(values)
        bdata = base64.b64encode(raw).decode("ascii")
        arrays[name] = {"dtype": code, "shape": list(values.shape), "bdata": bdata}
    return json.dumps({"layers": chart.layers, "arrays": arrays}, separators=(",", ":"))


def show(chart: CompareChart, name: str, presenter: bool = False) -> None:
    """Draw ``chart``; ``name`` keys it and names its PNG."""
    data = {
        "figure": chart.figure.to_json(),
        "backdrop": backdrop(chart),
        "name": name,
        "plotly": PLOTLY_URL,
        "presenter": presenter,
    }
    _figure(key=f"figure-{name}", data=data)
