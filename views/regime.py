"""The regime map: one cell per (seed, learning rate), coloured by final loss, marked by regime.

Colour alone would not do: the regime is also a symbol in every cell (a legend above
the plot names them), so the map reads in greyscale, to a colour-blind student and
on a washed-out projector. Hovering a cell says its regime in words.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

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


def cell_text(m: RegimeMap, i: int, j: int) -> str:
    """Hover text of one cell: the run it names, its regime in words, where it ended."""
    name = m.name(i, j)
    run = f"lr {format_number(m.rates[j])}, seed {m.seeds[i]}"
    if name == "diverged":
        end = f"diverged at step {int(m.diverged_at[i, j]):,}"
    else:
        end = f"final loss {num(float(m.final_loss[i, j]))} after {m.iterations:,} steps"
    return f"<b>{run}</b><br>{WORDS[name]}<br>{end}<br>Click to add it to the race"


def regime_chart(
    m: RegimeMap, current: tuple[int, float] | None, *, presenter: bool = False
) -> go.Figure:
    """The map of ``m``; ``current`` (seed, rate), the sidebar's run, is outlined if on it."""
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
    text = [[cell_text(m, i, j) for j in range(len(m.rates))] for i in range(len(m.seeds))]
    data = [
        {
            "type": "heatmap",
            "x": x.tolist(),
            "y": list(m.seeds),
            "z": [[None if np.isnan(v) else float(v) for v in row] for row in z],
            "zmin": float(low),
            "zmax": float(high),
            "colorscale": LOSS_SCALE,
            "colorbar": bar,
            "text": text,
            "hovertemplate": "%{text}<extra></extra>",
            "xgap": 1,
            "ygap": 1,
            "name": "final loss",
        }
    ]
    for code, name in enumerate(REGIMES):
        rows, cols = np.nonzero(m.regime == code)
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": x[cols].tolist() or [None],
                "y": np.array(m.seeds)[rows].tolist() or [None],
                "marker": {
                    "symbol": SYMBOLS[name],
                    "size": theme.marker - 3,
                    "color": "#FFFFFF",
                    "line": {"width": 1.2, "color": "#1A1A1A"},
                },
                "hoverinfo": "skip",
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
    layout["xaxis"] = axis(
        "learning rate (log scale)",
        presenter,
        tickvals=decades,
        ticktext=[format_number(10.0**d) for d in decades],
        showgrid=False,
        zeroline=False,
    )
    layout["yaxis"] = axis("seed", presenter, dtick=5, showgrid=False, zeroline=False)
    return go.Figure(data=data, layout=layout)
