"""How wrong the neuron is overall: the loss over the iterations, on log–log axes."""

from __future__ import annotations

from typing import Any

import numpy as np

from perceptron.history import History
from views import lines
from views.marks import array_ref, now_line, points, step_ref
from views.sampling import envelope_steps, iteration_axis, log_axis
from views.style import CURRENT_COLOUR, LOSS_FLOOR, PATH_COLOUR, base_layout, style

LOSS_NAMES = {"squared": "squared error ½Σ(ŷ−y)²", "cross_entropy": "cross-entropy"}


def loss_values(h: History, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(steps, losses) ready for a log axis: zero floored to LOSS_FLOOR, infinite ones left out.

    A run may start at an infinite loss (a logit overflowing on huge inputs)
    and still have a loss curve from step 1 on; no log axis can show that first point.
    """
    loss = h.loss[steps]
    keep = np.isfinite(loss)
    return steps[keep], np.maximum(loss[keep], LOSS_FLOOR)


def loss_chart(h: History, presenter: bool = False) -> dict[str, Any]:
    """The loss curve once (drawn by the page: :mod:`views.lines`), and the exact loss at
    step t as a marker on it."""
    theme = style(presenter)
    last = h.last_step
    steps, _ = loss_values(h, envelope_steps(h.loss[: last + 1]))
    loss_at_t = array_ref("loss", floor=LOSS_FLOOR)
    line = lines.line("loss_line", loss_at_t, "loss", PATH_COLOUR, theme.line)
    name = LOSS_NAMES.get(h.objective, h.objective)
    layout = base_layout("How wrong it is: the loss", presenter)
    layout["xaxis"] = iteration_axis(last, presenter)
    # The page reads the exact history under the pointer (ui/static/seek.js); Plotly's own
    # label would read the thinned line.
    layout["hovermode"] = False
    layout["yaxis"] = log_axis(f"{name} (log)", loss_values(h, np.arange(last + 1))[1], presenter)
    marks = [now_line(theme), points(step_ref(), loss_at_t, [CURRENT_COLOUR], theme)]
    return {
        "name": "loss",
        "figure": {"data": [], "layout": layout},
        "layers": [lines.lines_layer([line])],
        "marks": marks,
        "arrays": {"loss_line": lines.step_array(steps)},
    }
