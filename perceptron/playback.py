"""Where playback is after a given share of its running time.

Most learning happens in the first few dozen steps, so playback moves through
iterations on a log scale: the first second shows steps 0–10 one by one, the
last second sweeps thousands. Time-based rather than frame-based, a slow
browser drops frames but a 10,001-step run still ends on time.
"""

from __future__ import annotations

import math

PLAY_SECONDS = {"Slow": 30.0, "Normal": 15.0, "Fast": 8.0}


def fraction_at(last: int, t: int) -> float:
    """Share of the log-scaled playback already behind step ``t`` (0 at the start, 1 at the end)."""
    if last <= 0:
        return 1.0
    return math.log1p(min(max(t, 0), last)) / math.log1p(last)


def step_at(last: int, fraction: float) -> int:
    """Step shown after ``fraction`` of the playback time; exactly ``last`` at the end."""
    if fraction >= 1.0:
        return last
    return min(last, max(0, math.floor(math.expm1(fraction * math.log1p(last)) + 1e-9)))


def next_decade(t: int, last: int) -> int:
    """Jump target for the big forward button: 0 → 1 → 10 → 100 → … → last."""
    if t < 1:
        return min(1, last)
    return min(last, 10 ** (int(math.log10(t)) + 1))
