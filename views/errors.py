"""How wrong each row is: its miss (prediction − target) over the iterations."""

from __future__ import annotations

from typing import Any

from perceptron.history import History
from views import caps, lines
from views.marks import array_ref, now_line, points, step_ref
from views.sampling import envelope_steps, iteration_axis, points_per_trace
from views.style import NEUTRAL, axis, base_layout, row_colour, style

LEGEND_ROWS = 6
"""Most rows the errors chart names in a legend above its plot (one line at laptop width)."""


def shown_rows(h: History) -> int:
    """Rows followed step by step (the rest of a big upload is summed up in the loss)."""
    return min(h.n_rows, caps.SHOWN_ROWS)


def errors_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """One error curve per shown row in that row's colour (drawn by the page:
    :mod:`views.lines`), and the misses at step t."""
    theme = style(presenter)
    last = h.last_step
    k = shown_rows(h)
    budget = points_per_trace(k)
    # Each row's line thinned on its own: a bounce keeps its band (views/sampling.py).
    arrays = {
        f"errors_line_{i}": lines.step_array(
            envelope_steps(h.predictions[: last + 1, i] - h.y[i], budget)
        )
        for i in range(k)
    }
    drawn = [
        lines.line(
            f"errors_line_{i}",
            array_ref("predictions", [i], minus=[float(h.y[i])]),
            f"row {i + 1}",
            row_colour(i),
            theme.line,
        )
        for i in range(k)
    ]
    # The zero line is still and the same for every run of this length: Plotly's.
    zero = {
        "type": "scatter",
        "mode": "lines",
        "x": [1, last + 1],
        "y": [0.0, 0.0],
        "name": "no error",
        "line": {"color": NEUTRAL, "width": theme.thin},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    legend = [lines.legend_entry(d["name"], d["color"], d["width"]) for d in drawn]
    shown = f" (first {k} of {h.n_rows:,})" if k < h.n_rows else ""
    layout = base_layout(f"Each row's error ŷ − y{shown}", presenter)
    # A legend of a dozen rows wrapped over the plot and squeezed it to a strip: past
    # LEGEND_ROWS the rows go unlabelled here, in the colours the input plane gives them,
    # and the pointer names each one (ui/static/seek.js).
    layout["showlegend"] = k <= LEGEND_ROWS
    layout["xaxis"] = iteration_axis(last, presenter)
    # The page reads the exact history under the pointer (ui/static/seek.js); Plotly's own
    # label would read the thinned line.
    layout["hovermode"] = False
    layout["yaxis"] = axis("error ŷ − y", presenter, range=[-1.05, 1.05], zeroline=False)
    misses_at_t = array_ref("predictions", list(range(k)), minus=h.y[:k].tolist())
    marks = [
        now_line(theme),
        points(step_ref(), misses_at_t, [row_colour(i) for i in range(k)], theme),
    ]
    return {
        "name": "errors",
        "figure": {"data": [zero, *legend], "layout": layout},
        "layers": [lines.lines_layer(drawn)],
        "marks": marks,
        "arrays": arrays,
    }
