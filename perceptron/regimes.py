"""Where each learning rate lands: one word per run, for a map of rate × seed.

A run's **regime** is read off the very signals the Train page tells
(:func:`perceptron.diagnostics.diagnose`), most serious first: it *diverged*, it
*oscillated*, it *overshot*; otherwise it *converged*, or it is *slow*: the second
half of the run still made more than ``SLOW_SHARE`` of its whole fall in loss, so
more steps would still change the picture. :func:`regime_of` says it for one history.

:func:`regime_map` says it for every (seed, rate) of a map at once, without keeping
the histories: a 61 × 21 map of 10,001 steps would hold 1,281 of them (200 MB+).
The runs take their steps together (``training.descend``, :func:`train_many`'s own
kernel) about 50 steps at a time, and of each block only what the signals read
survives (:mod:`perceptron.regime_scan`): two booleans per step and a few numbers per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptron.diagnostics import diagnose
from perceptron.history import History
from perceptron.maths import sigmoid, weighted_sum
from perceptron.regime_scan import Scan
from perceptron.training import descend, initial_weights, train, with_bias_column
from perceptron.validation import check_dataset, check_params

REGIMES = ("converged", "slow", "overshooting", "oscillating", "diverged")
"""Every regime, mildest first; :attr:`RegimeMap.regime` holds indices into this."""

SLOW_SHARE = 0.1
"""A run is still moving (slow) if its second half made more than a tenth of its total fall."""

RENARD_R10 = (1.0, 1.25, 1.6, 2.0, 2.5, 3.15, 4.0, 5.0, 6.3, 8.0)
"""Ten preferred numbers per decade, nearly evenly spaced on a log axis, holding 1, 2 and 5."""

RATES = (*(float(f"{m}e{d}") for d in range(-3, 3) for m in RENARD_R10), 1000.0)
"""The map's 61 learning rates, 0.001 to 1,000: every rate the sidebar offers is one of them."""

SEEDS = tuple(range(21))
"""The map's seeds, 0 to 20, as on the Compare page."""

MAX_STEP_ROWS = 40_004
"""Iterations × rows one run of the map may take: 10,001 steps of the notebook's 4 rows, so
the whole map costs about as much as one page load (``benchmarks/bench_regime.py``)."""

BLOCK_VALUES = 262_144
"""Steps × runs × max(rows, weights) computed per block: ~8 MB per array, whatever the map."""


def map_iterations(iterations: int, n_rows: int) -> int:
    """The iterations the map trains for: the sidebar's, capped by ``MAX_STEP_ROWS``."""
    return max(1, min(iterations, MAX_STEP_ROWS // max(n_rows, 1)))


def still_falling(first: Any, middle: Any, last: Any) -> Any:
    """Whether the loss still moves: the second half of a run (loss ``middle`` at its middle
    step, ``last`` at its end) made more than ``SLOW_SHARE`` of its fall from ``first``, or
    it did not fall at all. Elementwise, so the map decides all its runs in one call."""
    fall = np.subtract(first, last)
    return ~(fall > 0) | (np.subtract(middle, last) > SLOW_SHARE * fall)


def regime_of(h: History) -> str:
    """The regime of one run, from ``diagnose(h)`` and, for a calm run, its loss curve."""
    kinds = {s.kind for s in diagnose(h)}
    for kind, name in (("divergence", "diverged"), ("oscillation", "oscillating")):
        if kind in kinds:
            return name
    if "overshoot" in kinds:
        return "overshooting"
    end = h.last_step
    return "slow" if still_falling(h.loss[0], h.loss[end // 2], h.loss[end]) else "converged"


@dataclass(frozen=True, eq=False)
class RegimeMap:
    """A map's runs, ``[seed index, rate index]``: small arrays, shared read-only by sessions."""

    rates: tuple[float, ...]
    seeds: tuple[int, ...]
    iterations: int
    regime: np.ndarray
    """Index into :data:`REGIMES` of each run."""
    final_loss: np.ndarray
    """Loss at the run's last step with numbers (the step before it diverged)."""
    diverged_at: np.ndarray
    """Step at which the run's numbers stopped being numbers; -1 if they never did."""
    alone: int
    """Runs whose signals sat too close to the float floor to be sure: trained alone instead."""

    def name(self, i: int, j: int) -> str:
        return REGIMES[int(self.regime[i, j])]


def regime_map(
    X: np.ndarray,
    y: np.ndarray,
    *,
    iterations: int,
    bias: bool,
    objective: str,
    rates: tuple[float, ...] = RATES,
    seeds: tuple[int, ...] = SEEDS,
) -> RegimeMap:
    """The regime and final loss of every (seed, rate), all runs stepping together.

    Each cell equals ``regime_of(train(X, y, seed, iterations, rate, bias, objective))``
    (``tests/test_regimes.py`` checks every cell of a small map and samples of a full one).
    """
    X, y = check_dataset(X, y)
    for s in seeds:
        for r in rates:
            check_params(s, iterations, r, bias, objective, n_rows=len(y))
    layer_0 = with_bias_column(X, bias)
    starts = [initial_weights(s, layer_0.shape[1]) for s in seeds]
    synapse = np.repeat(np.stack(starts), len(rates), axis=0)
    lr = np.tile(np.array(rates, dtype=np.float64), len(seeds))
    scan = Scan(layer_0, y, objective, synapse, iterations)
    block = max(16, BLOCK_VALUES // (len(lr) * max(layer_0.shape)))
    outputs = np.empty((block + 1, len(lr), len(y)))
    with np.errstate(all="ignore"):
        for t0 in range(0, iterations, block):
            steps = min(block, iterations - t0)
            start = scan.last_weights()
            # outputs[k] is layer_1 at step t0 + k: the steps give 0 … steps − 1, the last
            # row's is computed here, and the scan reads those of steps t0 + 1 … t0 + steps.
            weights, _ = descend(layer_0, y, start, steps, lr, objective, outputs=outputs)
            outputs[steps] = sigmoid(weighted_sum(weights[-1], layer_0))
            scan.add(weights[1:], outputs[1 : steps + 1])
    found = scan.finish()
    # Most serious first, as regime_of: each np.select condition wins over those after it.
    falling = still_falling(found.first, found.middle, found.final)
    signals = [found.diverged_at >= 0, found.oscillating, found.overshooting, falling]
    order = [REGIMES.index(name) for name in ("diverged", "oscillating", "overshooting", "slow")]
    regime = np.select(signals, order, REGIMES.index("converged")).astype(np.int8)
    for run in found.unsure:  # rare: a rise within a factor 2 of the float floor
        seed, rate = seeds[run // len(rates)], rates[run % len(rates)]
        regime[run] = REGIMES.index(regime_of(train(X, y, seed, iterations, rate, bias, objective)))
    shape = (len(seeds), len(rates))
    return RegimeMap(
        rates=tuple(rates),
        seeds=tuple(seeds),
        iterations=iterations,
        regime=regime.reshape(shape),
        final_loss=found.final.reshape(shape),
        diverged_at=found.diverged_at.reshape(shape),
        alone=len(found.unsure),
    )
