"""Which steps to draw, and how to label an iteration axis.

A run has up to a million steps but a line needs a few hundred points, and
nearly all the learning happens in the first few dozen steps. So paths are
sampled on a log scale (dense early) plus a uniform sprinkle (so late
oscillations are not skipped entirely), with the first and last step exact.
A line against the iterations is thinned per line instead (:func:`envelope_steps`):
each bucket keeps its lowest and highest step, because picking one step per
bucket aliases a period-2 bounce into random zig-zags. The lines are drawn once
per run; the page draws the exact value at step t on top of them, and a short
exact trail before it, so the marker never floats.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from views import caps
from views.lines import nice_range
from views.style import style


def drawn_steps(last: int, max_points: int = caps.MAX_DRAWN_POINTS) -> np.ndarray:
    """Sorted unique steps in 0..last: at most ``max_points`` plus 0 and ``last``."""
    last = max(int(last), 0)
    max_points = max(int(max_points), 2)
    if last + 1 <= max_points:
        return np.arange(last + 1, dtype=np.int64)
    n_log = max(2, (max_points * 2) // 3)
    n_lin = max(2, max_points - n_log)
    log_part = np.expm1(np.linspace(0.0, math.log1p(last), n_log))
    lin_part = np.linspace(0.0, last, n_lin)
    steps = np.concatenate([np.rint(log_part), np.rint(lin_part), [0, last]]).astype(np.int64)
    return np.unique(np.clip(steps, 0, last))


def log_buckets(last: int, count: int) -> np.ndarray:
    """Edges of ``count`` buckets of 0..last, even on the charts' log axis of t + 1.

    Early buckets hold one step each (merged by ``unique``), later ones widen.
    """
    edges = np.rint(np.geomspace(1, last + 2, count + 1)).astype(np.int64) - 1
    return np.unique(edges)


def _envelope_points(edges: np.ndarray) -> int:
    """Points an envelope over these buckets draws: at most two per bucket."""
    return int(np.minimum(np.diff(edges), 2).sum())


def envelope_steps(values: np.ndarray, max_points: int = caps.MAX_DRAWN_POINTS) -> np.ndarray:
    """Steps to draw one line through ``values`` (one per step): each bucket's min and max.

    Buckets are even on the log axis of t + 1, as many as the budget allows (every
    step while the run is short, every one of the first few dozen steps of a long run).
    A bucket of more than two steps keeps the step of its lowest and of its highest
    value, in step order, so an oscillation is drawn as its band, never as an alias;
    the first and last step are always kept. Non-finite values are never picked
    where a finite one shares their bucket.
    """
    values = np.asarray(values, dtype=np.float64)
    last = len(values) - 1
    max_points = max(int(max_points), 4)
    if last + 1 <= max_points:
        return np.arange(last + 1, dtype=np.int64)
    edges = _envelope_edges(last, max_points)
    starts, sizes = edges[:-1], np.diff(edges)
    bucket = np.repeat(np.arange(len(sizes)), sizes)  # each step's bucket
    finite = np.isfinite(values)
    lows, highs = np.where(finite, values, np.inf), np.where(finite, values, -np.inf)
    # Every bucket's first lowest and first highest step at once (what argmin/argmax pick);
    # a new run packs seven lines, so a Python loop over buckets would cost per click.
    first_low = _first_hit(lows == np.minimum.reduceat(lows, starts)[bucket], bucket)
    first_high = _first_hit(highs == np.maximum.reduceat(highs, starts)[bucket], bucket)
    wide = sizes > 2
    short = np.flatnonzero(~wide[bucket])
    picked = [short, first_low[wide], first_high[wide], [0, last]]
    return np.unique(np.concatenate(picked).astype(np.int64))


def _first_hit(hit: np.ndarray, bucket: np.ndarray) -> np.ndarray:
    """The first step where ``hit`` holds in every bucket (each bucket has one)."""
    steps = np.flatnonzero(hit)
    return steps[np.unique(bucket[steps], return_index=True)[1]]


@functools.lru_cache(maxsize=64)
def _envelope_edges(last: int, max_points: int) -> np.ndarray:
    """The edges of the most log buckets of 0..last whose envelope fits ``max_points``.

    Depends only on the run's length, so it is searched once per length, not per line.
    """
    low, high = 2, max_points
    while low < high:
        middle = (low + high + 1) // 2
        if _envelope_points(log_buckets(last, middle)) <= max_points - 2:
            low = middle
        else:
            high = middle - 1
    edges = log_buckets(last, low)
    edges.flags.writeable = False
    return edges


def jump_stops(last: int) -> list[int]:
    """Where the big forward jump lands: 1, 10, 100 … below ``last``, then ``last``.

    Listed here once and shipped to the page in the run's header, so the Train page's
    ↑ key and the Walkthrough's button name the same targets.
    """
    stops = [10**k for k in range(len(str(max(last, 1)))) if 10**k < last]
    return [*stops, last] if last > 0 else []


def compact(values: np.ndarray) -> list[float]:
    """A line's values to 7 significant digits: drawn, not read digit by digit.

    Numpy prints float32 as its shortest round-trip text, in one vectorised
    pass, which keeps a 400-point line near 4 KB of JSON. Non-finite values
    (an infinite first loss) become gaps, since JSON has no infinity.
    """
    values = np.asarray(values, dtype=np.float64)
    small = np.abs(values) < 3e38
    text = np.where(small, values, 0).astype(np.float32).astype(str).tolist()
    return [
        float(short) if fits else (float(v) if math.isfinite(v) else None)
        for short, fits, v in zip(text, small.tolist(), values.tolist(), strict=True)
    ]


def points_per_trace(n_traces: int) -> int:
    """Share the point budget between lines: two lines get the full cap, more get fewer each."""
    return max(60, (caps.MAX_DRAWN_POINTS * 2) // max(n_traces, 2))


def _tick_label(step: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if step >= size and step % size == 0:
            return f"{step // size}{suffix}"
    return str(step)


def iteration_axis(last: int, presenter: bool = False) -> dict[str, Any]:
    """Log x axis for x = t + 1, ticks labelled with the true step (0, 1, 10, 100, 1k …)."""
    last = max(int(last), 0)
    steps = [0]
    decade = 1
    while decade <= last:
        steps.append(decade)
        decade *= 10
    theme = style(presenter)
    top = math.log10(last + 1)
    pad = max(0.02 * top, 0.05)
    return {
        "type": "log",
        "title": {"text": "iteration (log scale)", "font": {"size": theme.font}},
        "tickvals": [s + 1 for s in steps],
        "ticktext": [_tick_label(s) for s in steps],
        "tickfont": {"size": theme.font},
        "range": [-pad, top + pad],
        "automargin": True,
    }


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(k: int) -> str:
    """10**k as a person writes it: 0.01, 1, 1000, and 10⁻⁶ or 10⁸ beyond that."""
    return f"{10.0**k:g}" if -3 <= k <= 3 else "10" + str(k).translate(_SUPERSCRIPT)


def decade_ticks(low: float, high: float, most: int = 6) -> dict[str, Any]:
    """At most ``most`` ticks at whole decades of a log10 range, so labels never pile up."""
    decades = list(range(math.ceil(low), math.floor(high) + 1)) or [round(low)]
    stride = max(1, -(-len(decades) // most))
    picked = decades[::stride]
    return {"tickvals": picked, "ticktext": [decade_label(k) for k in picked]}


def log_axis(title: str, values: np.ndarray, presenter: bool = False) -> dict[str, Any]:
    """A log y axis over positive ``values`` with a few decade ticks, sized like the others.

    Its range is rounded outwards (:func:`views.lines.nice_range`, in decades, at least one
    decade tall): runs whose losses differ a little share the axis, and the page keeps it.
    """
    theme = style(presenter)
    finite = values[np.isfinite(values) & (values > 0)]
    low, high = nice_range(np.log10(finite)) if finite.size else (-1.0, 0.0)
    ticks = decade_ticks(float(low), float(high))
    return {
        "type": "log",
        "title": {"text": title, "font": {"size": theme.font}},
        "tickfont": {"size": theme.font},
        "tickvals": [10.0**k for k in ticks["tickvals"]],
        "ticktext": ticks["ticktext"],
        "range": [low, high],
        "automargin": True,
    }
