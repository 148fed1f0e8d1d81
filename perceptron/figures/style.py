"""One look for every chart: colours, sizes and the layout they share.

A row of the dataset keeps the same colour on every chart, so a student can
follow "row 3" from the input plane to its error curve without a legend hunt.
The palette is Okabe–Ito (safe for the common colour-vision deficiencies);
black and yellow are left out of the cycles because one vanishes on Streamlit's
dark theme and the other on the light theme and on washed-out projectors.

Font colours, grid colours and plot backgrounds are deliberately *not* set:
Streamlit's Plotly template supplies them per theme. Only the paper is made
transparent so both themes read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from plotly.colors import get_colorscale, sample_colorscale

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

ROW_COLOURS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Row i is drawn in ROW_COLOURS[i % len(ROW_COLOURS)] on every chart."""

WEIGHT_COLOURS: tuple[str, ...] = ("#D55E00", "#56B4E9", "#009E73", "#CC79A7", "#E69F00")
"""Input weights w1, w2, … in order; the bias always gets BIAS_COLOUR."""

BIAS_COLOUR = "#8C8C8C"
RUN_COLOURS = ROW_COLOURS
"""Compare page: run i gets RUN_COLOURS[i % 6], dashed after the first six."""

NOW_COLOUR = "#8C8C8C"
"""The "you are here" step line: mid grey reads on light and dark backgrounds."""

PATH_COLOUR = "#0072B2"
CURRENT_COLOUR = "#D55E00"
BOUNDARY_COLOUR = "#000000"
"""The 0.5 contour sits where the diverging scale is white, so black always reads."""

OUTPUT_COLOURSCALE = "balance"
"""cmocean's perceptually uniform diverging scale: 0 blue, 0.5 white, 1 red."""

LOGIT_SPAN = 6.0
"""The heat map's colour range in logits: σ(±6) = 0.0025 / 0.9975, beyond that it saturates."""

SIGMOID_COLOURSCALE = [
    [p, colour]
    for p, colour in zip(
        np.linspace(0, 1, 49).tolist(),
        sample_colorscale(
            get_colorscale(OUTPUT_COLOURSCALE),
            (1 / (1 + np.exp(-np.linspace(-LOGIT_SPAN, LOGIT_SPAN, 49)))).tolist(),
        ),
        strict=True,
    )
]
"""The output colour scale re-spaced in logits, so colour(logit) = output colour(σ(logit))."""

OUTPUT_TICKS = {
    "tickvals": [float(np.log(o / (1 - o))) for o in (0.01, 0.1, 0.5, 0.9, 0.99)],
    "ticktext": ["0.01", "0.1", "0.5", "0.9", "0.99"],
}


LOSS_COLOURSCALE = [[0.0, "#F7F7F7"], [1.0, "#5A5A5A"]]
"""Light valley, darker hills: a lightness ramp on which every run colour stays visible."""

LOSS_FLOOR = 1e-12
"""Losses are drawn on log scales; an exactly-zero loss (saturation) is drawn at this floor."""


def row_colour(i: int) -> str:
    return ROW_COLOURS[i % len(ROW_COLOURS)]


def weight_colour(j: int, name: str) -> str:
    return BIAS_COLOUR if name == "b" else WEIGHT_COLOURS[j % len(WEIGHT_COLOURS)]


def run_style(i: int) -> dict[str, str]:
    """Line colour and dash for compare run ``i`` (eight runs stay distinguishable)."""
    dash = "solid" if i < len(RUN_COLOURS) else "dash"
    return {"color": RUN_COLOURS[i % len(RUN_COLOURS)], "dash": dash}


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
    top: int


NORMAL = Theme(font=13, title=15, line=2.0, thin=1.5, marker=10, current=13, outline=1.5, top=84)
PRESENTER = Theme(
    font=22, title=26, line=4.5, thin=3.0, marker=17, current=22, outline=3.0, top=130
)


def style(presenter: bool = False) -> Theme:
    return PRESENTER if presenter else NORMAL


def base_layout(title: str, presenter: bool = False, *, name: str | None = None) -> dict[str, Any]:
    """Layout every chart starts from.

    The legend sits in a row *above* the plot area (so it never hides a point),
    under the title; ``uirevision`` is constant so a user's zoom or 3D camera
    survives the rerun that every Step click causes.
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
        "margin": {"l": 8, "r": 8, "t": theme.top, "b": 8},
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
        "meta": {"chart": name or ""},
    }


def axis(title: str, presenter: bool = False, **extra: Any) -> dict[str, Any]:
    """A 2D axis with a title that says what it measures and room made for its labels."""
    theme = style(presenter)
    return {
        "title": {"text": title, "font": {"size": theme.font}},
        "tickfont": {"size": theme.font},
        "automargin": True,
        **extra,
    }


CHART_FILENAMES: dict[str, str] = {
    name: f"perceptron-lab-{name}"
    for name in (
        "surface",
        "landscape",
        "weights",
        "errors",
        "loss",
        "compare-paths",
        "compare-loss",
    )
}


def png_config(name: str) -> dict[str, Any]:
    """Plotly config for ``st.plotly_chart``: a sensible PNG name, no logo, no lasso/select."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "chart"
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": CHART_FILENAMES.get(safe, f"perceptron-lab-{safe}"),
            "scale": 2,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
