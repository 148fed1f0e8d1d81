"""Say what training is doing, at the step where it happens.

Four things can go wrong while one neuron learns, and each leaves a trace in
the history that the app can point at:

* **overshoot**: the loss goes *up*: an update jumped past the bottom of the
  valley, because the learning rate is too large for that part of the valley;
* **oscillation**: the weights keep turning back, or return to where they were
  a few steps ago, while the loss goes up or the same weights repeat;
* **divergence**: the weights became too large for a float (``diverged_at``);
* **saturation**: with squared error, a badly wrong row sits where the sigmoid
  is flat, so its push on the weights (miss × slope) is almost nothing and it
  stays wrong. With cross-entropy the slope cancels out of the push, so a
  saturated wrong row pushes *hard*: no stall, so nothing is reported.

Every signal covers a span of steps. Stretches closer together than half
their step number (or 10 steps) are told as one, since on the app's log-scale
iteration axis they look like one. Everything is vectorised numpy: a
100,000-step history takes milliseconds, once per training run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import reduce
from typing import Any

import numpy as np

from perceptron.training import History

KINDS = ("overshoot", "oscillation", "divergence", "saturation")

RISE_RTOL = 1e-9
"""A loss rise counts only above a billionth of the loss: float sums are off by ~1e-16 of it…"""
RISE_ATOL = 1e-12
"""…and above 1e-12 of the run's largest loss: wiggles at the float floor are rounding, not news."""
MOVE_FLOOR = 1e-9
"""A weight change below 1e-9 × (1 + |w|) is rounding, not motion: it cannot count as a turn."""
RETURN_TOL = 0.01
"""The weights are back at step t−k if within 1 % of the length of the step just taken."""
MAX_PERIOD = 8
"""Longest cycle looked for; longer or irregular ones still show up as turns of direction."""
MIN_STEPS = 6
"""Bouncing or stalled steps a stretch needs (three back-and-forths): one turn is not a habit."""
MERGE_MIN, MERGE_REL = 10, 0.5
"""Stretches at most max(10, half the step number) apart are told as one: they look joined on a
log-scale iteration axis, and a student should not read a list of near-identical episodes."""
SLOPE_FLOOR = 1e-3
"""A row is saturated when the sigmoid's slope σ(1−σ) is below this: output within ~0.001 of 0/1."""
WRONG_BY = 0.5
"""A row is wrong if it misses by more than half: its prediction is on the wrong side of 0.5."""


@dataclass(frozen=True)
class Signal:
    """One thing training did, over steps ``start`` … ``end`` inclusive; ``period`` if it cycles."""

    kind: str
    start: int
    end: int
    title: str
    detail: str
    period: int | None = None


def num(x: float) -> str:
    """A number as a student reads it: 4 significant digits, powers of ten written out."""
    if not np.isfinite(x):
        return "not a number" if np.isnan(x) else "too large to store"
    if x == 0 or 1e-3 <= abs(x) < 1e6:
        return f"{x:.4g}"
    mantissa, exponent = f"{x:.3e}".split("e")
    power = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{float(mantissa):g} × 10{power}"


def _prediction(p: float) -> str:
    """Enough decimals that 0.99991 is not shown as 1 (the point is that it is *not* 1)."""
    gap = min(p, 1.0 - p)
    if gap <= 0 or gap >= 1e-3:
        return num(p)
    return f"{p:.{min(12, 2 - int(np.floor(np.log10(gap))))}f}"


def _any_column(a: np.ndarray) -> np.ndarray:
    """Row-wise "any" over the columns; ``a.any(axis=1)`` is much slower on narrow arrays."""
    return reduce(np.logical_or, a.T, np.zeros(len(a), dtype=bool))


def _length2(d: np.ndarray) -> np.ndarray:
    """Squared length of each row (no square root needed to compare lengths)."""
    return np.einsum("ij,ij->i", d, d)


def _stretches(marked: np.ndarray, gap: int, min_marks: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of runs of marked steps at most ``gap`` apart, with ≥ ``min_marks`` marks."""
    steps = np.flatnonzero(marked)
    if steps.size == 0:
        return steps, steps
    breaks = np.flatnonzero(np.diff(steps) > gap)
    first, last = np.r_[0, breaks + 1], np.r_[breaks, steps.size - 1]
    keep = last - first + 1 >= min_marks
    return steps[first[keep]], steps[last[keep]]


def _merge(starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    """Join stretches that would look like one on a log-scale iteration axis."""
    if starts.size == 0:
        return []
    apart = starts[1:] - ends[:-1] > np.maximum(MERGE_MIN, MERGE_REL * ends[:-1])
    opens, closes = np.r_[True, apart], np.r_[apart, True]
    return list(zip(starts[opens].tolist(), ends[closes].tolist(), strict=True))


def _rises(loss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rose, above): the loss went up at step t / is above the lowest it had reached before t.

    Both beyond float noise (``RISE_RTOL``, ``RISE_ATOL``); step 0 is never marked.
    """
    finite = loss[np.isfinite(loss)]
    floor = np.maximum(RISE_RTOL * loss[1:], RISE_ATOL * (finite.max() if finite.size else 0.0))
    with np.errstate(invalid="ignore"):  # an infinite loss at step 0 compares as False
        rose = np.r_[False, np.diff(loss) > floor]
        above = np.r_[False, loss[1:] > np.minimum.accumulate(loss)[:-1] + floor]
    return rose, above


def _overshoot(h: History) -> list[Signal]:
    """Steps whose loss is above the lowest it had already reached: the run paying for a jump.

    So the signal is on screen from the first rise until the loss is back down
    (not just at the steps that rose), and the detail says whether it got back.
    """
    loss = h.loss[: h.last_step + 1]
    rose, above = _rises(loss)
    signals = []
    for start, end in _merge(*_stretches(above, 1, 1)):
        before, rises = loss[start - 1], np.flatnonzero(rose[start : end + 1]) + start
        text = (
            f"The loss rose from {num(before)} at step {start - 1:,} to {num(loss[start])} at "
            f"step {start:,}: the update jumped past the bottom of the valley."
        )
        if rises.size > 1:
            again = "once more" if rises.size == 2 else f"at {rises.size - 1:,} more steps"
            text += f" It went up {again}, the last time at step {rises[-1]:,}."
        back = np.flatnonzero(loss[start:] <= before)
        text += (
            f" By step {start + int(back[0]):,} it was back below {num(before)}."
            if back.size
            else f" It never got back below {num(before)}."
        )
        if back.size and rises.size == 1:
            text += f" A learning rate smaller than {h.learning_rate:g} would avoid the jump."
        else:
            text += f" The learning rate ({h.learning_rate:g}) is too large for this data."
            text += " Try a smaller one."
        signals.append(Signal("overshoot", start, end, "Overshooting", text))
    return signals


def _periods(w: np.ndarray, moved: np.ndarray) -> np.ndarray:
    """period[t] = smallest k ≥ 2 with w[t] back at w[t−k] though it just moved; 0 if none."""
    reach = _length2(np.diff(w, axis=0)) * RETURN_TOL**2  # reach[t − 1]: (1 % of |w[t] − w[t−1]|)²
    period = np.zeros(len(w), dtype=np.int64)
    for k in range(min(MAX_PERIOD, len(w) - 1), 1, -1):  # smallest k written last, so it wins
        back = _length2(w[k:] - w[:-k]) <= reach[k - 1 :]
        period[k:][back & moved[k - 1 :]] = k
    return period


def _oscillation(h: History) -> list[Signal]:
    """Stretches where the weights turn back at (nearly) every step, or cycle.

    A zig-zag that lowers the loss at every step and never repeats is just
    descent along a narrow valley (XOR with a bias at rate 1 does it for ~12
    steps), so a stretch counts only if the loss rose in it or the weights cycled.
    """
    w, loss = h.weights[: h.last_step + 1], h.loss[: h.last_step + 1]
    if len(w) < 3:
        return []
    step = np.diff(w, axis=0)  # step[t] is the update made at step t
    moving = np.abs(step) > MOVE_FLOOR * (1.0 + np.abs(w[:-1]))
    turned = _any_column((step[1:] * step[:-1] < 0) & moving[1:] & moving[:-1])
    if not turned.any():  # a cycle has to turn back somewhere: skip the search (most runs)
        return []
    period = _periods(w, _any_column(moving))
    bouncing = period > 0
    bouncing[1:-1] |= turned  # turned[t − 1]: the update out of step t reverses the one into it
    starts, ends = _stretches(bouncing, 2, MIN_STEPS)
    if starts.size == 0:
        return []
    trouble = np.cumsum(_rises(loss)[0] | (period > 0))  # loss rises and cycles so far
    keep = trouble[ends] > trouble[starts - 1]  # any inside? (starts ≥ 1: step 0 cannot turn)
    signals = []
    for start, end in _merge(starts[keep], ends[keep]):
        found = np.bincount(period[start : end + 1], minlength=MAX_PERIOD + 1)
        p = int(np.argmax(found[2:])) + 2
        p = p if found[p] * 2 >= end - start + 1 else None  # a cycle for most of the stretch
        until = "to the end of the run" if end == h.last_step else f"until step {end:,}"
        if p:
            j = int(np.argmax(np.abs(w[end] - w[end - 1])))  # the weight that swings most
            name = "b" if h.bias and j == w.shape[1] - 1 else f"w{j + 1}"
            values = ", ".join(num(v) for v in w[end - p + 1 : end + 1, j])
            what = (
                f"the weights bounce between {p} sets of values, repeating every {p} steps "
                f"({name} takes the values {values} in turn)"
            )
        else:
            turns = int(bouncing[start : end + 1].sum())
            what = f"the weights keep turning back ({turns:,} times in {end - start + 1:,} steps)"
        accuracy = h.accuracy[start : end + 1]
        text = (
            f"From step {start:,} {until} {what}, while the loss moves between "
            f"{num(loss[start : end + 1].min())} and {num(loss[start : end + 1].max())}"
        )
        if accuracy.min() == accuracy.max():
            text += f" and the accuracy stays at {accuracy[0]:.0%}"
        text += (
            ": each update lands on the far side of the valley. A learning rate smaller than "
            f"{h.learning_rate:g} usually lets the weights settle."
        )
        title = f"Bouncing (period {p})" if p else "Bouncing back and forth"
        signals.append(Signal("oscillation", start, end, title, text, p))
    return signals


def _divergence(h: History) -> list[Signal]:
    """The step where the numbers stopped being numbers; the charts end one step earlier."""
    t = h.diverged_at
    if t is None:
        return []
    largest = num(np.abs(h.weights[t - 1]).max())
    text = (
        f"At step {t:,} the numbers grew too large for the computer to store, so the weights are "
        f"not a number any more (at step {t - 1:,} the largest weight was {largest}). The charts "
        f"stop at step {t - 1:,}, the last one with real numbers. A smaller learning rate, or "
        "smaller inputs, keeps the numbers in range."
    )
    return [Signal("divergence", t, t, "Diverged", text)]


def _saturation(h: History) -> list[Signal]:
    """Squared error only: wrong rows on the flat tails of the sigmoid barely move the weights."""
    if h.objective != "squared":
        return []
    p = h.predictions[: h.last_step + 1]
    # σ(1−σ) < SLOPE_FLOOR ⟺ σ < edge or σ > 1 − edge. A row is stuck if it is wrong by more
    # than WRONG_BY *and* on a flat tail, high or low: two comparisons per value.
    edge = (1.0 - np.sqrt(1.0 - 4.0 * SLOPE_FLOOR)) / 2
    stuck = (p > np.maximum(h.y + WRONG_BY, 1.0 - edge)) | (p < np.minimum(h.y - WRONG_BY, edge))
    stalled = _any_column(stuck)
    signals = []
    for start, end in _merge(*_stretches(stalled, 1, MIN_STEPS)):
        count, span = int(stalled[start : end + 1].sum()), end - start + 1
        rows = np.flatnonzero(stuck[start])
        i, pred = int(rows[0]), float(p[start, rows[0]])
        names = ", ".join(str(r + 1) for r in rows[:5]) + (", …" if rows.size > 5 else "")
        which = (
            f"rows {names} are wrong: row {i + 1}" if rows.size > 1 else f"row {names} is wrong: it"
        )
        until = "to the end of the run" if end == h.last_step else f"until step {end:,}"
        until += "" if count == span else f" (at {count:,} of those {span:,} steps)"
        push = "does not push at all" if pred in (0.0, 1.0) else "barely pushes"
        text = (
            f"From step {start:,} {until}, {which} predicts {_prediction(pred)} for a target of "
            f"{num(h.y[i])}, where the sigmoid is almost flat (slope {num(pred * (1 - pred))}). "
            "With squared error a row pushes the weights by its miss times that slope, so it "
            f"{push} and stays wrong: learning stalls. With cross-entropy the slope drops out of "
            "the push, so it would not stall."
        )
        signals.append(Signal("saturation", start, end, "Stuck on a flat sigmoid", text))
    return signals


def diagnose(h: History) -> list[Signal]:
    """Everything worth telling about a run, sorted by the step where it starts."""
    found = _overshoot(h) + _oscillation(h) + _divergence(h) + _saturation(h)
    return sorted(found, key=lambda s: (s.start, KINDS.index(s.kind)))


def active(signals: list[Signal], t: int) -> list[Signal]:
    """The signals to show at step ``t``: those whose span contains it."""
    return [s for s in signals if s.start <= t <= s.end]


_VERBS = {
    "overshoot": ("overshoots", "at"),
    "oscillation": ("oscillates", "from"),
    "divergence": ("diverges", "at"),
    "saturation": ("stalls on a saturated row", "from"),
}


def summary(signals: list[Signal]) -> str:
    """One line per run for the Compare table ("" when nothing happened).

    Built from ``diagnose`` of the very history the page draws, so the table
    cannot claim something the chart beside it does not show.
    """
    parts, previous = [], None
    for s in signals:
        verb, preposition = _VERBS[s.kind]
        text = verb + (f" (period {s.period})" if s.period else "")
        parts.append(text if s.start == previous else f"{text} {preposition} step {s.start:,}")
        previous = s.start
    return ", then ".join(parts)


def to_json(signals: list[Signal]) -> list[dict[str, Any]]:
    """Plain dicts (str, int, None only) ready for ``json.dumps`` and the browser."""
    return [asdict(s) for s in signals]
