"""Show a figure the same way everywhere: full width, themed, a sensible PNG name."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from perceptron.figures import png_config
from ui.plotly_element import plotly_element


def show(
    fig: go.Figure,
    name: str,
    play: dict[str, Any] | None = None,
    frames: list[dict[str, Any]] | None = None,
) -> None:
    """Draw ``fig`` in place; ``name`` keys the chart and names its PNG download.

    While playing, ``frames`` (named by step) are animated in the browser; charts whose
    frames touch anything but scatter traces (heat maps, surfaces) need a full
    redraw per frame, which the player is told here.
    """
    if play is not None and frames:
        types = {fig.data[i].type for i in frames[0]["traces"]}
        play = {**play, "redraw": bool(types - {"scatter"})}
    else:
        play, frames = None, None
    plotly_element(fig, key=f"chart-{name}", config=png_config(name), play=play, frames=frames)
