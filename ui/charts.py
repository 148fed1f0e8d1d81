"""Show a figure the same way everywhere: full width, themed, a sensible PNG name."""

from __future__ import annotations

import plotly.graph_objects as go

from perceptron.figures import png_config
from ui.plotly_element import plotly_element


def show(fig: go.Figure, name: str) -> None:
    """Draw ``fig`` in place; ``name`` keys the chart and names its PNG download."""
    plotly_element(fig, key=f"chart-{name}", config=png_config(name))
