"""The diagnostics' signals for many runs at once, read block by block as the runs step.

:mod:`perceptron.diagnostics` reads one whole history. A map of 1,281 runs cannot keep
theirs, so :class:`Scan` takes each block of steps as it is computed and keeps only
what the signals need, written with the very tests and constants of ``diagnostics``:

* divergence: the first step whose weights or loss are not finite (then NaN, as in
  ``history_from_weights``);
* overshoot: a loss above the lowest before it, beyond the float floor;
* oscillation: per step, "bouncing" (the weights turned back, or returned to where
  they were 2 to 8 steps earlier) and "trouble" (the loss rose, or the weights
  returned); a run oscillates if six bouncing steps at most 2 apart hold trouble;
* the loss at steps 0, the middle and the last, for the slow-or-converged verdict.

The float floor of a rise scales with the run's largest loss, known only at its end.
Each block is judged with the largest loss so far (a lower bound, so no true rise is
missed), and the smallest rise counted is kept: if the final floor reaches within a
factor 2 of it, the run is ``unsure`` and :func:`perceptron.regimes.regime_map` trains
it alone. Everything else about a run is decided here, exactly as ``diagnose`` would.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import numpy as np

from perceptron.diagnostics import (
    MAX_PERIOD,
    MIN_STEPS,
    MOVE_FLOOR,
    RETURN_TOL,
    RISE_ATOL,
    RISE_RTOL,
)
from perceptron.maths import loss_from_logits


def _length2(d: np.ndarray) -> np.ndarray:
    """Squared length over the last axis (a few weights): column by column, much faster here."""
    return reduce(np.add, (c * c for c in np.moveaxis(d, -1, 0)))


def _any_last(a: np.ndarray) -> np.ndarray:
    """``a.any(axis=-1)`` for a last axis of a few weights, column by column (much faster)."""
    return reduce(np.logical_or, np.moveaxis(a, -1, 0))


def _oscillates(bouncing: np.ndarray, trouble: np.ndarray) -> bool:
    """A stretch of ≥ MIN_STEPS bouncing steps at most 2 apart holds a rise or a return."""
    steps = np.flatnonzero(bouncing)
    if steps.size < MIN_STEPS:
        return False
    breaks = np.flatnonzero(np.diff(steps) > 2)
    first, last = np.r_[0, breaks + 1], np.r_[breaks, steps.size - 1]
    keep = last - first + 1 >= MIN_STEPS
    so_far = np.cumsum(trouble)
    return bool((so_far[steps[last[keep]]] > so_far[steps[first[keep]] - 1]).any())


@dataclass(frozen=True)
class Found:
    """What a scan found: per run, the signals and the losses the map's verdicts read."""

    diverged_at: np.ndarray
    """First step without numbers, -1 if none."""
    oscillating: np.ndarray
    overshooting: np.ndarray
    first: np.ndarray
    middle: np.ndarray
    final: np.ndarray
    """Loss at the run's last step with numbers."""
    unsure: list[int]
    """Runs whose smallest counted rise is within a factor 2 of the final float floor."""


class Scan:
    """The signals of ``R`` runs (start weights ``synapse``: R × W) fed block by block."""

    def __init__(
        self, layer_0: np.ndarray, y: np.ndarray, objective: str, synapse: np.ndarray, steps: int
    ) -> None:
        self.layer_0_t, self.y, self.objective = layer_0.T, y, objective
        self.t, self.middle_t = 0, steps // 2
        runs = len(synapse)
        loss = self._loss(synapse[None])[0]
        self.tail = synapse[None].copy()  # the last MAX_PERIOD steps' weights, for returns
        self.first, self.middle, self.final = loss, loss.copy(), loss.copy()
        self.last, self.lowest = loss.copy(), loss.copy()
        self.largest = np.where(np.isfinite(loss), loss, -np.inf)
        self.diverged_at = np.full(runs, -1)
        self.smallest_rise = np.full(runs, np.inf)
        self.overshot = np.zeros(runs, dtype=bool)
        self.turned = np.zeros(runs, dtype=bool)
        self.bouncing = np.zeros((steps + 1, runs), dtype=bool)
        self.trouble = np.zeros((steps + 1, runs), dtype=bool)

    def _loss(self, weights: np.ndarray, outputs: np.ndarray | None = None) -> np.ndarray:
        """Each row's loss, as ``history_from_weights`` computes it; with squared error from
        the outputs the steps already computed (the same sigmoid of the same logits)."""
        if outputs is None or self.objective != "squared":
            return loss_from_logits(weights @ self.layer_0_t, self.y, self.objective)
        miss2 = (outputs - self.y) ** 2  # row by row: np.sum's order below 8 rows
        return 0.5 * reduce(np.add, np.moveaxis(miss2, -1, 0))

    def last_weights(self) -> np.ndarray:
        return self.tail[-1]

    def add(self, new: np.ndarray, outputs: np.ndarray | None = None) -> None:
        """Steps ``t + 1 … t + len(new)`` (weights: steps × R × W) of every run, and optionally
        their outputs (layer_1: steps × R × rows)."""
        t0, size = self.t, len(new)
        loss = self._loss(new, outputs)
        bad = _any_last(~np.isfinite(new)) | ~np.isfinite(loss)
        newly = (self.diverged_at < 0) & bad.any(axis=0)
        self.diverged_at[newly] = t0 + 1 + np.argmax(bad[:, newly], axis=0)
        kept = np.where(self.diverged_at < 0, size, self.diverged_at - t0 - 1).clip(0, size)
        gone = np.arange(size)[:, None] >= kept
        new, loss = np.where(gone[..., None], np.nan, new), np.where(gone, np.nan, loss)
        here = np.flatnonzero(kept > 0)
        self.final[here] = loss[kept[here] - 1, here]
        if t0 < self.middle_t <= t0 + size:
            self.middle = loss[self.middle_t - t0 - 1]
        self._rises(loss)
        self._bounces(new)
        self.t = t0 + size

    def _rises(self, loss: np.ndarray) -> None:
        """Loss rises and rises above the lowest so far, as ``diagnostics._rises`` tells them."""
        self.largest = np.fmax(self.largest, np.where(np.isfinite(loss), loss, -np.inf).max(0))
        floor = np.maximum(RISE_RTOL * loss, RISE_ATOL * np.maximum(self.largest, 0.0))
        before = np.minimum.accumulate(np.vstack([self.lowest[None], loss[:-1]]), axis=0)
        previous = np.vstack([self.last[None], loss[:-1]])
        with np.errstate(invalid="ignore"):
            rise, above = loss - previous, loss - before
            rose, over = rise > floor, loss > before + floor
        counted = np.fmin(np.where(rose, rise, np.inf).min(0), np.where(over, above, np.inf).min(0))
        self.smallest_rise = np.fmin(self.smallest_rise, counted)
        self.overshot |= over.any(axis=0)
        self.trouble[self.t + 1 : self.t + 1 + len(loss)] |= rose
        self.lowest, self.last = np.minimum(before[-1], loss[-1]), loss[-1]

    def _bounces(self, new: np.ndarray) -> None:
        """Turns of direction (at steps t0 … ) and returns to earlier weights (t0 + 1 … )."""
        w = np.concatenate([self.tail, new])
        held, t0 = len(self.tail), self.t
        step = np.diff(w, axis=0)
        moving = np.abs(step) > MOVE_FLOOR * (1.0 + np.abs(w[:-1]))
        turned = _any_last((step[1:] * step[:-1] < 0) & moving[1:] & moving[:-1])
        start = t0 if held >= 2 else 1  # turns at points t0 … t0 + size − 1 (step 0 cannot turn)
        turned = turned[held - 2 :] if held >= 2 else turned
        self.bouncing[start : start + len(turned)] |= turned
        self.turned |= turned.any(axis=0)
        reach = _length2(step[held - 1 :]) * RETURN_TOL**2
        moved = _any_last(moving[held - 1 :])
        returned = np.zeros(moved.shape, dtype=bool)
        for k in range(2, MAX_PERIOD + 1):
            lo = max(held, k)  # the first new step with a step k earlier
            if lo < len(w):
                back = _length2(w[lo:] - w[lo - k : len(w) - k]) <= reach[lo - held :]
                returned[lo - held :] |= back & moved[lo - held :]
        self.bouncing[t0 + 1 : t0 + 1 + len(new)] |= returned
        self.trouble[t0 + 1 : t0 + 1 + len(new)] |= returned
        self.tail = w[-MAX_PERIOD:]

    def finish(self) -> Found:
        """Each run's signals; oscillation is looked for only where the weights ever turned."""
        diverged = self.diverged_at >= 0
        floor = RISE_ATOL * np.maximum(self.largest, 0.0)
        oscillating = np.zeros(len(diverged), dtype=bool)
        for run in np.flatnonzero(self.turned & ~diverged):
            oscillating[run] = _oscillates(self.bouncing[:, run], self.trouble[:, run])
        return Found(
            diverged_at=self.diverged_at,
            oscillating=oscillating,
            overshooting=self.overshot,
            first=self.first,
            middle=self.middle,
            final=self.final,
            unsure=np.flatnonzero(~diverged & (self.smallest_rise <= 2 * floor)).tolist(),
        )
