"""Where the weights go: each weight over the iterations, with its exact value at step t."""

from __future__ import annotations

from typing import Any

from perceptron.history import History
from views import lines
from views.marks import array_ref, now_line, points, step_ref
from views.sampling import envelope_steps, iteration_axis, points_per_trace
from views.style import axis, base_layout, style, weight_colour

TITLE = "Each weight"


def weights_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """One line per weight (log x; drawn by the page: :mod:`views.lines`), and markers for
    the values at step t."""
    theme = style(presenter)
    names = h.weight_names
    budget = points_per_trace(len(names))
    end = h.last_step + 1
    colours = [weight_colour(j, n) for j, n in enumerate(names)]
    # Each line thinned on its own: a bounce keeps its band (views/sampling.py).
    arrays = {
        f"weights_line_{j}": lines.step_array(envelope_steps(h.weights[:end, j], budget))
        for j in range(len(names))
    }
    drawn = [
        lines.line(f"weights_line_{j}", array_ref("weights", [j]), name, colours[j], theme.line)
        for j, name in enumerate(names)
    ]
    layout = base_layout(TITLE, presenter)
    layout["xaxis"] = iteration_axis(h.last_step, presenter)
    # The page reads the exact history under the pointer (ui/static/seek.js); Plotly's own
    # label would read the thinned line.
    layout["hovermode"] = False
    yrange = lines.nice_range(h.weights[:end].ravel())
    layout["yaxis"] = axis("weight value", presenter, zeroline=True, range=yrange)
    marks = [
        now_line(theme),
        points(step_ref(), array_ref("weights", list(range(len(names)))), colours, theme),
    ]
    legend = [lines.legend_entry(d["name"], d["color"], d["width"]) for d in drawn]
    return {
        "name": "weights",
        "figure": {"data": legend, "layout": layout},
        "layers": [lines.lines_layer(drawn)],
        "marks": marks,
        "arrays": arrays,
    }
