"""The loss landscape as the page paints it: one pipeline for Train and Compare.

log10(loss) over a GRID × GRID window, one grid per bias slice, quantised to
16 bits. The page (``ui/static/field.js``) interpolates a slice, colours it in
LEVELS bands from LOSS_LUT on a canvas behind the Plotly axes, and the colour
bar (an empty scale trace, decade ticks) is its key. Made here once so both
pages show the same landscape in the same colours: Train sends the arrays in
its run's blob (``views/payload.py``), Compare beside its figure (``ui/figure.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptron.history import History
from perceptron.landscape import loss_landscape
from views.sampling import decade_ticks
from views.style import LOSS_FLOOR, LOSS_LUT, colour_bar, lut_colourscale, scale_trace

GRID = 31
"""Loss values per side of a slice: a smooth image once the page interpolates it."""
LEVELS = 16
"""Colour bands the page cuts the image into: contour-like steps that read as heights."""
LEVEL_TOP = 65535
"""The highest level of a slice (uint16): the top of the colour bar."""


@dataclass(frozen=True)
class LandscapeLayer:
    """A landscape chart's backdrop: the layer the page draws, the arrays it reads, its key.

    ``arrays`` holds ``slices`` (one GRID × GRID grid of levels per bias, uint16, row i
    along w2, column j along w1) and ``slice_bias`` (the bias of each slice,
    sorted; 0 without a bias). ``scale`` is the colour-bar trace to add to the figure.
    """

    layer: dict[str, Any]
    arrays: dict[str, np.ndarray]
    scale: dict[str, Any]


def log_loss_grids(
    h: History, w1: list[float], w2: list[float], biases: Sequence[float] | None
) -> np.ndarray:
    """log10(loss) on the grid points, one GRID × GRID grid per bias (one grid if None).

    A zero loss is held at LOSS_FLOOR and an overflowing one at 1e300, so every
    cell is finite and the colour range stays a range.
    """
    g1, g2 = np.linspace(*w1, GRID), np.linspace(*w2, GRID)
    offsets = [None] if biases is None else [float(b) for b in biases]
    with np.errstate(all="ignore"):
        grids = np.stack([loss_landscape(h.X, h.y, g1, g2, h.objective, o) for o in offsets])
        return np.log10(np.clip(np.nan_to_num(grids, nan=LOSS_FLOOR), LOSS_FLOOR, 1e300))


def landscape_layer(
    h: History,
    w1: list[float],
    w2: list[float],
    biases: Sequence[float] | None,
    presenter: bool = False,
) -> LandscapeLayer:
    """The loss over the window [w1] × [w2] at each bias in ``biases`` (None: no bias input).

    Two bytes per cell: 24 slices cost 46 KB instead of 180 KB of float64. One byte
    was too coarse: on a plateau, neighbouring cells a level apart drew a band's edge
    along the grid's cells, as stair steps. Level 0 is the lowest log10(loss) of all
    slices and LEVEL_TOP the highest, the colour bar's range, so slices compare.
    """
    z = log_loss_grids(h, w1, w2, biases)
    low, high = float(z.min()), float(z.max())
    span = high - low if high > low else 1.0
    slices = np.rint((z - low) / span * LEVEL_TOP).astype(np.uint16)
    bar = colour_bar("loss", presenter, **decade_ticks(low, high))
    return LandscapeLayer(
        layer={"kind": "slices", "lut": LOSS_LUT, "levels": LEVELS, "x": w1, "y": w2},
        arrays={
            "slices": slices,
            "slice_bias": np.zeros(1) if biases is None else np.asarray(biases, dtype=np.float64),
        },
        scale=scale_trace("loss scale", low, high, lut_colourscale(LOSS_LUT), bar),
    )
