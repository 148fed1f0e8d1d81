"""Where the weights go: each weight over the iterations, with its exact value at step t."""

from __future__ import annotations

from typing import Any

from perceptron.history import History
from views.marks import array_ref, now_line, points, step_ref
from views.sampling import compact, envelope_steps, iteration_axis, points_per_trace
from views.style import axis, base_layout, style, weight_colour

TITLE = "Each weight"


def weights_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """One line per weight (log x), and markers for the values at step t."""
    theme = style(presenter)
    names = h.weight_names
    budget = points_per_trace(len(names))
    end = h.last_step + 1
    # Each line thinned on its own: a bounce keeps its band (views/sampling.py).
    lines = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": (steps + 1).tolist(),
            "y": compact(h.weights[steps, j]),
            "customdata": steps.tolist(),
            "name": name,
            "line": {"color": weight_colour(j, name), "width": theme.line},
            "hovertemplate": f"step %{{customdata}}<br>{name} = %{{y:.6g}}<extra></extra>",
        }
        for j, name in enumerate(names)
        for steps in [envelope_steps(h.weights[:end, j], budget)]
    ]
    layout = base_layout(TITLE, presenter)
    layout["xaxis"] = iteration_axis(h.last_step, presenter)
    # The page reads the exact history under the pointer (ui/static/seek.js); Plotly's own
    # label would read the thinned line.
    layout["hovermode"] = False
    layout["yaxis"] = axis("weight value", presenter, zeroline=True)
    colours = [weight_colour(j, n) for j, n in enumerate(names)]
    marks = [
        now_line(theme),
        points(step_ref(), array_ref("weights", list(range(len(names)))), colours, theme),
    ]
    return {"name": "weights", "figure": {"data": lines, "layout": layout}, "marks": marks}
