"""One look for every chart: colours, sizes, and the layout they share.

A row of the dataset keeps the same colour on every chart, so a student can
follow "row 3" from the input plane to its error curve without a legend hunt.
Every palette is drawn from Okabe–Ito (safe for the common colour-vision
deficiencies); its black and yellow are left out of the cycles because one
vanishes on a dark page and the other on a light page and on washed-out projectors.

Text, grid and background colours are deliberately *not* set here: the page
picks them from the theme it actually shows (see ``ui/static/theme.js``), so a
chart can never be light-on-light or dark-on-dark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from plotly.colors import get_colorscale, hex_to_rgb, sample_colorscale

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
}
"""Okabe–Ito without black and yellow, ordered so that the first few differ most."""

ROW_COLOURS: tuple[str, ...] = tuple(OKABE_ITO.values())
"""Row i is drawn in ROW_COLOURS[i % 6] on every chart; runs on Compare likewise."""

WEIGHT_COLOURS: tuple[str, ...] = (
    OKABE_ITO["vermillion"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["orange"],
)
"""Input weights w1, w2, … in order; the bias always gets NEUTRAL."""

NEUTRAL = "#8C8C8C"
"""The bias, the "you are here" line and the zero line: mid grey reads on light and dark."""

PATH_COLOUR = OKABE_ITO["blue"]
CURRENT_COLOUR = OKABE_ITO["vermillion"]
BOUNDARY_COLOUR = "#000000"
"""The 0.5 line sits where the output colour scale is white, so black always reads."""

LOGIT_SPAN = 6.0
"""The output field's colour range in logits: σ(±6) = 0.0025 / 0.9975, beyond it saturates."""

OUTPUT_TICKS = (0.01, 0.1, 0.5, 0.9, 0.99)
OUTPUT_TICKS_BIG = (0.01, 0.5, 0.99)
"""Presenter mode's colour bar: three labels, so the big type leaves the plane its width."""
LOSS_COLOURSCALE = [[0.0, "#F7F7F7"], [1.0, "#5A5A5A"]]
"""Light valley, darker hills: a lightness ramp on which every path colour stays visible."""

LOSS_FLOOR = 1e-12
"""Losses are drawn on log scales; an exactly-zero loss (saturation) is drawn at this floor."""


def row_colour(i: int) -> str:
    return ROW_COLOURS[i % len(ROW_COLOURS)]


def weight_colour(j: int, name: str) -> str:
    return NEUTRAL if name == "b" else WEIGHT_COLOURS[j % len(WEIGHT_COLOURS)]


RUN_COLOURS: tuple[str, ...] = (*ROW_COLOURS, "#A6761D", "#E7298A")
"""Compare's eight runs, one colour each: Okabe–Ito's six, then ochre and magenta (ColorBrewer
Dark2), the two that stay furthest (CIE76) from the six and near 4:1 on white and on dark."""

RUN_SYMBOLS: tuple[str, ...] = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "pentagon",
    "hexagon",
    "star",
)
"""Each run's marker shape as well, so no run is told apart by its colour alone."""


def run_style(i: int) -> dict[str, str]:
    """Line colour and dash for Compare run ``i``: each of eight runs its own colour."""
    return {"color": RUN_COLOURS[i % len(RUN_COLOURS)], "dash": "solid"}


def colour_table(scale: Any, values: np.ndarray) -> list[int]:
    """Flat RGB bytes of ``scale`` sampled at ``values`` in [0, 1], for a canvas to look up."""
    colours = sample_colorscale(
        get_colorscale(scale) if isinstance(scale, str) else scale,
        np.clip(values, 0, 1).tolist(),
        colortype="tuple",
    )
    return [round(c * 255) for rgb in colours for c in rgb]


OUTPUT_SCALE = colour_table("balance", np.linspace(0, 1, 256))
"""cmocean's perceptually uniform diverging scale by output: 0 blue, 0.5 white, 1 red."""

OUTPUT_LUT = colour_table("balance", 1 / (1 + np.exp(-np.linspace(-LOGIT_SPAN, LOGIT_SPAN, 256))))
"""The same colours indexed by *logit* from −LOGIT_SPAN to LOGIT_SPAN: the page looks a
pixel's logit up here, so colour(logit) = output colour(σ(logit)) without a sigmoid per pixel."""

LOSS_LUT = colour_table(LOSS_COLOURSCALE, np.linspace(0, 1, 256))


def lut_colourscale(lut: list[int], stops: int = 11) -> list[list[Any]]:
    """A Plotly colour scale for a colour bar that matches a canvas lookup table."""
    picks = np.linspace(0, 255, stops).round().astype(int)
    return [[i / 255, "rgb({},{},{})".format(*lut[3 * i : 3 * i + 3])] for i in picks]


def hex_rgba(colour: str, alpha: float) -> str:
    return "rgba({},{},{},{})".format(*hex_to_rgb(colour), alpha)


@dataclass(frozen=True)
class Theme:
    """Sizes in px; presenter mode is for the back row of a lecture hall."""

    font: int
    title: int
    line: float
    thin: float
    marker: int
    current: int
    outline: float


NORMAL = Theme(font=13, title=15, line=2.0, thin=1.5, marker=10, current=13, outline=1.5)
PRESENTER = Theme(font=18, title=20, line=4.0, thin=3.0, marker=16, current=20, outline=2.5)


def style(presenter: bool = False) -> Theme:
    return PRESENTER if presenter else NORMAL


def base_layout(title: str, presenter: bool = False) -> dict[str, Any]:
    """Layout every chart starts from: a one-line title, the legend in a row above the plot.

    The page shows the title above the chart in its own type (``ui/static/chart.js``),
    so the legend takes the top of the figure: it never hides a point, never sits on an
    axis title, and Plotly makes room for as many rows as it needs. ``uirevision`` keeps
    a user's zoom or 3D camera through every update.
    """
    theme = style(presenter)
    return {
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 6, "l": 4},
            "font": {"size": theme.title},
        },
        "font": {"size": theme.font},
        "margin": {"l": 8, "r": 8, "t": theme.title + 22, "b": 8},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": theme.font},
            "bgcolor": "rgba(0,0,0,0)",
        },
        "hovermode": "closest",
        "hoverlabel": {"font": {"size": theme.font}},
        "uirevision": "perceptron-lab",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }


def axis(title: str, presenter: bool = False, **extra: Any) -> dict[str, Any]:
    """A 2D axis whose title says what it measures, with room made for its labels."""
    theme = style(presenter)
    return {
        "title": {"text": title, "font": {"size": theme.font}},
        "tickfont": {"size": theme.font},
        "automargin": True,
        **extra,
    }


def colour_bar(title: str, presenter: bool, **ticks: Any) -> dict[str, Any]:
    """A slim colour bar whose labels never pile up: few ticks, sized like the axes."""
    theme = style(presenter)
    return {
        "title": {"text": title, "side": "top", "font": {"size": theme.font}},
        "thickness": 14 if presenter else 12,
        "len": 0.9,
        "xpad": 4,
        "tickfont": {"size": min(theme.font, 16)},  # 16 px still reads from the back row
        "outlinewidth": 0,
        **ticks,
    }


def scale_trace(name: str, low: float, high: float, scale: list, bar: dict[str, Any]) -> dict:
    """A colour bar with no points: the key to an image the page paints behind the axes."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": name,
        "marker": {
            "color": [low],
            "cmin": low,
            "cmax": high,
            "showscale": True,
            "colorscale": scale,
            "colorbar": bar,
        },
        "hoverinfo": "skip",
        "showlegend": False,
    }
