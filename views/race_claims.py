"""What Compare says about its runs at their end, read off the very histories it draws.

Every number is written as the page writes it (``f"{x:.4g}"``, ``general(x, 4)`` in
``ui/static/format.js``), so the findings, the table and the numbers row agree digit
for digit. A run the diagnostics say nothing about is described by the course of its
loss, never by a stock phrase: a loss that falls to 6e-24 in one step and then stays
there did not "fall steadily".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from perceptron.diagnostics import diagnose, summary
from perceptron.history import History

MOST_OF_THE_FALL = 0.9
"""The share of a loss's fall (in decades) by which "most of it" has happened."""
FLAT = 0.01
"""A loss that changes by less than 1 % of itself after a step has stayed flat."""
SAME_POINT = 0.01
"""Ends closer than 1 % of the landscape's width look like one point on it."""


def number(x: float) -> str:
    """A loss as the whole page writes it."""
    return f"{x:.4g}"


def course(h: History) -> str:
    """How the loss went from step 0 to the last step, in words."""
    loss = h.loss[: h.last_step + 1]
    first, last = float(loss[0]), float(loss[-1])
    span = f"from {number(first)} to {number(last)}"
    if not np.isfinite(first) or h.last_step == 0:
        return f"the loss ends at {number(last)}"
    if not last < first:
        return f"the loss did not fall ({span})"
    logs = np.log10(np.maximum(loss, np.finfo(float).tiny))
    target = logs[0] - MOST_OF_THE_FALL * (logs[0] - logs[-1])
    by = int(np.argmax(logs <= target))
    if by <= 1:
        after = loss[1:]
        if np.all(np.abs(after - after[0]) <= FLAT * after[0]):
            return f"the loss fell {span} in one step, then stayed flat"
        step_1, end = number(float(loss[1])), number(last)
        return f"the loss fell from {number(first)} to {step_1} in one step, then on to {end}"
    return f"the loss fell steadily {span}, 90 % of the way (in decades) by step {by:,}"


def what_happened(h: History) -> str:
    """The table's "what happened": the diagnostics' signals, or else the loss's course."""
    return summary(diagnose(h)) or course(h)


def coincident_ends(
    histories: Sequence[History], labels: Sequence[str], window: Sequence[Sequence[float]]
) -> list[list[str]]:
    """Groups of runs (by label, in order) whose last (w1, w2) look like one point."""
    reach = SAME_POINT * max(hi - lo for lo, hi in window)
    ends = [h.weights[h.last_step, :2] for h in histories]
    groups: list[list[int]] = []
    for i, end in enumerate(ends):
        home = next((g for g in groups if np.abs(ends[g[0]] - end).max() <= reach), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return [[labels[i] for i in g] for g in groups if len(g) > 1]


def end_findings(
    histories: Sequence[History], labels: Sequence[str], window: Sequence[Sequence[float]]
) -> list[list[str]]:
    """(bold lead, text) lines: the lowest final loss, who gets every row right, which
    runs end on the same point, and any run that stopped early."""
    finals = [float(h.loss[h.last_step]) for h in histories]
    best = int(np.argmin(finals))
    lines = [["Lowest final loss", f"{labels[best]} ({number(finals[best])})."]]
    perfect = [
        label for label, h in zip(labels, histories, strict=True) if h.accuracy[h.last_step] == 1
    ]
    if not perfect:
        lines.append(["No run gets every row right", "at its last step."])
    elif len(perfect) < len(histories):
        lines.append(["Every row right at the end", ", ".join(perfect) + "."])
    for group in coincident_ends(histories, labels, window):
        lines.append(
            [
                "Same end point",
                f"{' and '.join(group)} end within {SAME_POINT:.0%} of the chart's width of one "
                "another: their markers are drawn as rings, one inside the other.",
            ]
        )
    end = max(h.last_step for h in histories)
    for label, h in zip(labels, histories, strict=True):
        why = f"it diverged at step {h.diverged_at:,}" if h.diverged_at is not None else ""
        if h.last_step < end:
            why = why or f"its history ends at step {h.last_step:,}"
            held = f"{why}, so it holds step {h.last_step:,} to step {end:,}."
            lines.append([f"{label} stops early", held])
        elif why:
            lines.append([f"{label} diverged", f"{why}; the charts stop at step {h.last_step:,}."])
    return lines
