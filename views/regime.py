"""The regime map: one cell per (seed, learning rate), coloured by final loss, marked by regime.

Colour alone would not do: the regime is also a symbol in every cell (a legend above
the plot names them), so the map reads in greyscale, to a colour-blind student and
on a washed-out projector. Hovering a cell says its run and regime in words (each cell's
symbol is the point Plotly hovers and clicks: the nearest one is always the cell's own).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from perceptron.codecs import format_number
from perceptron.diagnostics import num
from perceptron.regimes import REGIMES, RegimeMap
from views.style import CURRENT_COLOUR, LOSS_FLOOR, axis, base_layout, colour_bar, style

SYMBOLS = {
    "converged": "circle",
    "slow": "triangle-right",
    "overshooting": "triangle-up",
    "oscillating": "bowtie",
    "diverged": "x",
}
"""One symbol per regime, distinct in outline as well as in name."""

WORDS = {
    "converged": "Converged: the loss settled",
    "slow": "Slow: the loss was still falling at the end",
    "overshooting": "Overshooting: the loss went up at least once",
    "oscillating": "Oscillating: the weights bounced back and forth",
    "diverged": "Diverged: the numbers grew too large to store",
}
"""What hovering a cell says of its regime."""

LOSS_SCALE = "Viridis"
"""Perceptually even and readable in greyscale: dark for a low final loss, yellow for a high one."""


def _superscript(power: int) -> str:
    return "10" + str(power).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _ended(m: RegimeMap, i: int, j: int) -> str:
    """Where a cell's run ended (its step or its loss), for its hover text."""
    if m.diverged_at[i, j] >= 0:
        return f"{int(m.diverged_at[i, j]):,}"
    return num(float(m.final_loss[i, j]))


def _hover(name: str, iterations: int) -> str:
    """A regime's hover text, its cells' numbers left to fill in: written once per regime."""
    ended = (
        "at step %{customdata[3]}"
        if name == "diverged"
        else f"final loss %{{customdata[3]}} after {iterations:,} steps"
    )
    return (
        f"<b>lr %{{customdata[2]}}, seed %{{y}}</b><br>{WORDS[name]}<br>{ended}<br>"
        "Click to add it to the race<extra></extra>"
    )


def regime_chart(
    m: RegimeMap, current: tuple[int, float] | None, *, presenter: bool = False
) -> dict[str, Any]:
    """The map of ``m``, a Plotly figure as a JSON-ready dict (no validation pass: it is
    fast); ``current`` (seed, rate), the sidebar's run, is outlined if it is on the map."""
    theme = style(presenter)
    x = np.log10(np.array(m.rates))
    diverged = m.diverged_at >= 0
    with np.errstate(divide="ignore"):
        z = np.log10(np.maximum(m.final_loss, np.finfo(float).tiny))
    z = np.where(diverged, np.nan, z)
    floor = np.log10(LOSS_FLOOR)  # below it, a loss is "gone": colours stop at the floor
    low, high = (np.nanmin(z), np.nanmax(z)) if (~diverged).any() else (floor, 0.0)
    low, high = max(np.floor(low), floor), max(np.ceil(high), np.floor(low) + 1)
    ticks = np.unique(np.linspace(low, high, 5).round()).astype(int)
    bar = colour_bar("final loss", presenter, tickvals=ticks.tolist())
    clipped = np.nanmin(z) < floor if (~diverged).any() else False
    bar["ticktext"] = [
        ("≤ " if t == ticks[0] and clipped else "") + _superscript(int(t)) for t in ticks
    ]
    data = [
        {
            "type": "heatmap",
            "x": x.round(4).tolist(),
            "y": list(m.seeds),
            "z": [[None if np.isnan(v) else round(float(v), 3) for v in row] for row in z],
            "zmin": float(low),
            "zmax": float(high),
            "colorscale": LOSS_SCALE,
            "colorbar": bar,
            "hoverinfo": "skip",
            "xgap": 1,
            "ygap": 1,
            "name": "final loss",
        }
    ]
    # One trace per regime: its symbol, and its words written once in its hover template.
    # Each point carries its cell (row, column), which a click sends to the server.
    for code, name in enumerate(REGIMES):
        rows, cols = np.nonzero(m.regime == code)
        cells = [
            [int(i), int(j), format_number(m.rates[j]), _ended(m, i, j)]
            for i, j in zip(rows, cols, strict=True)
        ]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": x[cols].round(4).tolist() or [None],
                "y": np.array(m.seeds)[rows].tolist() or [None],
                "customdata": cells,
                "marker": {
                    "symbol": SYMBOLS[name],
                    "size": theme.marker - 3,
                    "color": "#FFFFFF",
                    "line": {"width": 1.2, "color": "#1A1A1A"},
                },
                "hovertemplate": _hover(name, m.iterations),
            }
        )
    if current is not None and current[0] in m.seeds and m.rates[0] <= current[1] <= m.rates[-1]:
        seed, rate = current
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"sidebar run (lr {format_number(rate)}, seed {seed})",
                "x": [float(np.log10(rate))],
                "y": [seed],
                "marker": {
                    "symbol": "square-open",
                    "size": theme.current + 4,
                    "color": CURRENT_COLOUR,
                    "line": {"width": theme.outline + 1.5, "color": CURRENT_COLOUR},
                },
                "hoverinfo": "skip",
            }
        )
    decades = list(range(int(np.floor(x[0])), int(np.ceil(x[-1])) + 1))
    layout = base_layout("Where each learning rate lands: final loss and regime", presenter)
    layout["legend"]["itemsizing"] = "constant"  # the key keeps its size when cells shrink
    layout["xaxis"] = axis(
        "learning rate (log scale)",
        presenter,
        tickvals=decades,
        ticktext=[format_number(10.0**d) for d in decades],
        showgrid=False,
        zeroline=False,
    )
    layout["yaxis"] = axis("seed", presenter, dtick=5, showgrid=False, zeroline=False)
    return {"data": data, "layout": layout}
