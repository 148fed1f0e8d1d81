"""Where playback is after a given share of its running time.

Most learning happens early, so playback moves through iterations on a log
scale of ``t + PACE``: a 10,001-step run at normal speed shows about 30 steps
in its first second (every display frame a new step) and sweeps thousands in
its last. Time-based rather than frame-based, so a slow browser drops frames
but the run still ends on time.
"""

from __future__ import annotations

import math

PLAY_SECONDS = {"Slow": 30.0, "Normal": 15.0, "Fast": 8.0}
PACE = 100.0
"""Offset of the log scale: larger starts faster; short runs (≲ PACE steps) play almost linearly."""


def fraction_at(last: int, t: int) -> float:
    """Share of the playback already behind step ``t`` (0 at the start, 1 at the end)."""
    if last <= 0:
        return 1.0
    return math.log1p(min(max(t, 0), last) / PACE) / math.log1p(last / PACE)


def step_at(last: int, fraction: float) -> int:
    """Step shown after ``fraction`` of the playback time; exactly ``last`` at the end."""
    if fraction >= 1.0:
        return last
    step = PACE * math.expm1(max(fraction, 0.0) * math.log1p(last / PACE))
    return min(last, max(0, math.floor(step + 1e-9)))


def next_decade(t: int, last: int) -> int:
    """Jump target for the big forward button: 0 → 1 → 10 → 100 → … → last."""
    if t < 1:
        return min(1, last)
    return min(last, 10 ** (int(math.log10(t)) + 1))


def timeline(last: int, t: int, seconds: float, slots_per_second: int = 60) -> list[int]:
    """Step to show in each display slot of a playback from ``t`` to the end.

    The browser's player indexes this by elapsed time, so it needs no maths of
    its own and agrees with :func:`step_at` on the server.
    """
    start = fraction_at(last, t)
    slots = max(2, round(seconds * slots_per_second))
    return [step_at(last, start + (1.0 - start) * k / (slots - 1)) for k in range(slots)]


def keyframes(steps: list[int], max_frames: int) -> list[int]:
    """At most ``max_frames`` distinct steps from a timeline, always keeping its first and last."""
    distinct = sorted(set(steps))
    if len(distinct) <= max_frames:
        return distinct
    stride = len(distinct) / (max_frames - 1)
    picked = {distinct[min(len(distinct) - 1, round(k * stride))] for k in range(max_frames - 1)}
    return sorted(picked | {distinct[0], distinct[-1]})
