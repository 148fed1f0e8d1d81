"""The parts of a chart that move with the step, declared by name, drawn by the page.

A chart's still parts are sent once per run: axes, colour bars and legends as Plotly
traces, its lines as the page's own (:mod:`views.lines`). What moves at every step is
declared here as a *mark*: a plain dict that says what to draw and which history values
place it, e.g. "a point at x = t + 1, y = weights[t, 0]". The page
(``ui/static/marks.js``) draws marks in an SVG layer over the chart, so a step costs a
fraction of a millisecond and no Plotly redraw.
Marks name the arrays they read, never a trace's position.

A value reference (``Ref``) is one of:
- ``{"step": k}``: t + k (the iteration axes plot step t at x = t + 1);
- ``{"array": name, "cols": [j, ...], "minus": [c, ...], "floor": f}``: row t of a
  history array, optionally some columns, minus constants, floored (for log axes).
"""

from __future__ import annotations

from typing import Any

from views.style import BOUNDARY_COLOUR, NEUTRAL, Theme

Mark = dict[str, Any]
Ref = dict[str, Any]


def step_ref(offset: int = 1) -> Ref:
    return {"step": offset}


def array_ref(name: str, cols: list[int] | None = None, **extra: Any) -> Ref:
    return {"array": name, **({"cols": cols} if cols is not None else {}), **extra}


def now_line(theme: Theme) -> Mark:
    """The "you are here" line across an iteration axis, at x = t + 1."""
    return {"kind": "vline", "x": step_ref(), "color": NEUTRAL, "width": theme.thin, "dash": True}


def points(x: Ref, y: Ref, colours: list[str], theme: Theme, size: float | None = None) -> Mark:
    """Markers at the exact values of step t, outlined so they read on any line."""
    return {
        "kind": "points",
        "x": x,
        "y": y,
        "colors": colours,
        "size": size or theme.current,
        "outline": "#FFFFFF",
        "outlineWidth": theme.outline,
    }


def trail(x: Ref, y: Ref, colour: str, theme: Theme, length: int = 16) -> Mark:
    """The exact last ``length`` steps as a polyline: a bounce shows as a zigzag."""
    return {"kind": "trail", "x": x, "y": y, "color": colour, "width": theme.thin, "length": length}


def boundary(theme: Theme) -> Mark:
    """Where w1·x1 + w2·x2 + b = 0 (output 0.5), clipped to the plot area."""
    return {"kind": "boundary", "color": BOUNDARY_COLOUR, "width": theme.line, "dash": True}


def label(text: str, theme: Theme, avoid: list[list[float]] | None = None) -> Mark:
    """Text in a corner of the plot, the one where it hides the fewest marks and ``avoid``
    points (still parts, in data units: the rows); ``{t}`` (the step) and ``{b}`` (the
    bias at step t, as the readout prints it) are filled in per step."""
    return {"kind": "label", "text": text, "size": theme.font, "avoid": avoid or []}


def pulls(colours: list[str], theme: Theme, avoid: list[list[float]]) -> Mark:
    """The step at t on the (w1, w2) plane and each followed row's pull −lr·x·δ, tip to tail
    in its row's colour (rows 7–12 dashed), the other rows' sum as one NEUTRAL arrow, all
    scaled to span at most ``room`` of the plot; the scale and the bias's step in words,
    placed clear of the ``avoid`` points (the drawn path, in data units)."""
    return {
        "avoid": avoid,
        "kind": "pulls",
        "colors": colours,
        "other": NEUTRAL,
        "width": theme.thin,
        "stepWidth": theme.line + 1,
        "room": 0.3,
        "size": round(theme.font * 0.85),
    }


def misses(rows: list[list[float]], error: Ref, colours: list[str], theme: Theme) -> Mark:
    """A ring around each followed row on the input plane, its radius growing with the
    row's miss |ŷ − y| at step t (``error`` reads ŷ − y), in the row's colour; ``rows``
    are the rows' (x1, x2)."""
    return {
        "kind": "misses",
        "rows": rows,
        "error": error,
        "colors": colours,
        "inner": theme.marker / 2 + 3,
        "grow": theme.marker * 2.5,
        "width": theme.line,
    }
