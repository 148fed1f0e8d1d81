"""Gradient descent on one sigmoid neuron, recording every step.

The update is the notebook's, generalised only where the app needs it (a bias
column, a learning rate, a cross-entropy option), and written once, in
:func:`descend`, for a batch of runs:

    layer_1        = sigmoid(layer_0 @ synapse_0)
    layer_1_error  = layer_1 - y
    layer_1_delta  = layer_1_error * sigmoid_derivative(layer_1)   # squared error
    synapse_derivative = layer_0.T @ layer_1_delta
    synapse_0     -= learning_rate * synapse_derivative

Only the weights are inherently sequential, so the loop records just weights
and gradients; predictions and losses for every step are then computed in one
vectorised pass. On the tiny teaching datasets numpy's per-call overhead
dominates, so a single small run takes the same steps on Python floats
(:func:`descend_scalar`: about a quarter of the notebook's numpy loop's time
even with the full history; ``benchmarks/bench_engine.py`` measures it). The
two are tested to agree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from perceptron import limits
from perceptron.history import History, history_from_weights
from perceptron.maths import output_delta, scalar_sigmoid, sigmoid, weighted_sum
from perceptron.settings import RunSpec
from perceptron.validation import check_dataset, check_params

DEFAULTS = RunSpec()
"""The defaults of every run setting, from the one table in :mod:`perceptron.settings`."""

SCALAR_LOOP_MAX_CELLS = 96
"""Rows × weights up to which :func:`descend_scalar` beats :func:`descend` (see the benchmark)."""


def initial_weights(seed: int, n_weights: int) -> np.ndarray:
    """The notebook's draw, ``2 * random((n, 1)) - 1``, from a private generator.

    ``RandomState(seed).random_sample`` yields exactly what ``np.random.seed(seed)``
    followed by ``np.random.random`` does, without touching numpy's global state.
    """
    return (2 * np.random.RandomState(seed).random_sample((n_weights, 1)) - 1)[:, 0]


def with_bias_column(X: np.ndarray, bias: bool) -> np.ndarray:
    """The bias is an extra input fixed at 1, so its weight is the last entry."""
    return np.hstack([X, np.ones((len(X), 1))]) if bias else X.copy()


def descend(
    layer_0: np.ndarray,
    y: np.ndarray,
    synapse_0: np.ndarray,
    iterations: int,
    learning_rates: np.ndarray,
    objective: str,
    *,
    outputs: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (steps + 1, runs, weights) and gradients (steps, runs, weights) of a batch of runs.

    Each row of ``synapse_0`` starts one run with its own entry of ``learning_rates``; all runs
    share the data, so one matrix product per step serves them all. A single run is a batch
    of one, so :func:`train` and :func:`train_many` take the very same steps. ``outputs``
    (steps × runs × rows), if given, receives each step's layer_1: the regime map reads its
    losses off them rather than computing every sigmoid twice.
    """
    runs, n_weights = synapse_0.shape
    weights = np.empty((iterations + 1, runs, n_weights))
    gradients = np.empty((iterations, runs, n_weights))
    weights[0] = synapse_0
    rates = np.asarray(learning_rates, dtype=np.float64)[:, None]
    # The gradient and the new weights are written straight into the record: at a few rows
    # numpy's per-call cost is the whole cost, and a copy per step would add to it.
    steps = zip(weights[:-1], gradients, weights[1:], strict=True)
    for t, (synapse, synapse_derivative, new_synapse) in enumerate(steps):
        layer_1 = sigmoid(weighted_sum(synapse, layer_0))
        if outputs is not None:
            outputs[t] = layer_1
        layer_1_error = layer_1 - y
        layer_1_delta = output_delta(layer_1, layer_1_error, objective)
        np.matmul(layer_1_delta, layer_0, out=synapse_derivative)
        np.subtract(synapse, rates * synapse_derivative, out=new_synapse)
    return weights, gradients


def descend_scalar(
    layer_0: np.ndarray,
    y: np.ndarray,
    synapse_0: np.ndarray,
    iterations: int,
    learning_rates: np.ndarray,
    objective: str,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`descend` for one small run, on Python floats: the same steps, in the same shapes.

    numpy spends about a microsecond per call whatever the array's size, and a step makes a
    dozen calls; for a handful of rows, plain float arithmetic is several times faster.
    ``SCALAR_LOOP_MAX_CELLS`` is where that stops being true (``benchmarks/bench_engine.py``).
    """
    n_weights = layer_0.shape[1]
    loop = _scalar_loop(n_weights, objective == "squared")
    rows = [(*x, target) for x, target in zip(layer_0.tolist(), y.tolist(), strict=True)]
    [synapse] = synapse_0.tolist()
    [learning_rate] = np.asarray(learning_rates, dtype=np.float64).tolist()
    weights, gradients = loop(rows, tuple(synapse), learning_rate, iterations, scalar_sigmoid)
    return (
        np.array(weights, dtype=np.float64).reshape(iterations + 1, 1, n_weights),
        np.array(gradients, dtype=np.float64).reshape(iterations, 1, n_weights),
    )


@functools.cache
def _scalar_loop(n_weights: int, squared: bool) -> Callable[..., tuple[list, list]]:
    """The scalar loop written out for ``n_weights`` weights, as in the module's docstring.

    Each weight, input and gradient gets its own local name (``w0``, ``x0``, ``g0``…), so a
    step indexes no list and allocates nothing but the floats it records, appended to two
    flat lists (a list of floats becomes an array twice as fast as a list of tuples, and
    gives the garbage collector nothing to track): that halves a step's cost against a
    loop over the weights (``benchmarks/bench_engine.py``). The source is
    generated per width, like ``collections.namedtuple``'s, and tested to agree with
    :func:`descend` at every width the tests use.
    """
    w, x, g = ([f"{name}{j}" for j in range(n_weights)] for name in "wxg")
    logit = " + ".join(f"x{j} * w{j}" for j in range(n_weights))
    accumulate = "; ".join(f"g{j} += x{j} * layer_1_delta" for j in range(n_weights))
    update = ", ".join(f"w{j} - learning_rate * g{j}" for j in range(n_weights))
    delta = "layer_1_error * (layer_1 * (1.0 - layer_1))" if squared else "layer_1_error"
    source = f"""
def loop(rows, synapse, learning_rate, iterations, sigmoid):
    {", ".join(w)}, = synapse
    weights, gradients = list(synapse), []
    record_weights, record_gradients = weights.extend, gradients.extend
    for _ in range(iterations):
        {" = ".join(g)} = 0.0
        for {", ".join(x)}, target in rows:
            layer_1 = sigmoid({logit})
            layer_1_error = layer_1 - target
            layer_1_delta = {delta}
            {accumulate}
        {", ".join(w)}, = {update},
        record_gradients(({", ".join(g)},))
        record_weights(({", ".join(w)},))
    return weights, gradients
"""
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the source is built from the width alone, never from input
    return namespace["loop"]


def train(
    X: Any,
    y: Any,
    seed: int = DEFAULTS.seed,
    iterations: int = DEFAULTS.iterations,
    learning_rate: float = DEFAULTS.learning_rate,
    bias: bool = DEFAULTS.bias,
    objective: str = DEFAULTS.objective,
    *,
    max_values: int = limits.MAX_HISTORY_VALUES,
) -> History:
    """Train one sigmoid neuron by full-batch gradient descent and return its whole history.

    ``max_values`` caps (iterations + 1) × rows, what the history records: a caller with
    less memory to spare than the engine's cap (the app) passes its own, and a refusal
    names the iterations that would fit.
    """
    X_checked, y_checked = check_dataset(X, y)
    n_rows = len(y_checked)
    params = check_params(seed, iterations, learning_rate, bias, objective, n_rows, max_values)
    seed, iterations, learning_rate, bias, objective = params
    layer_0 = with_bias_column(X_checked, bias)
    n_weights = layer_0.shape[1]
    synapse_0 = initial_weights(seed, n_weights)[None, :]
    kernel = descend_scalar if layer_0.size <= SCALAR_LOOP_MAX_CELLS else descend
    with np.errstate(all="ignore"):
        weights, gradients = kernel(
            layer_0, y_checked, synapse_0, iterations, np.array([learning_rate]), objective
        )
    # The batch of one dropped by a reshape, not by [:, 0]: numpy's matmul treats such an
    # indexed view as strided and takes a path ~100x slower when the history is computed.
    weights, gradients = weights.reshape(-1, n_weights), gradients.reshape(-1, n_weights)
    return history_from_weights(X_checked, y_checked, layer_0, weights, gradients, params)


def train_many(
    X: Any,
    y: Any,
    *,
    seeds: Sequence[int] = (DEFAULTS.seed,),
    learning_rates: Sequence[float] = (DEFAULTS.learning_rate,),
    iterations: int = DEFAULTS.iterations,
    bias: bool = DEFAULTS.bias,
    objective: str = DEFAULTS.objective,
) -> list[History]:
    """Train every (seed, learning rate) pair at once: one numpy pass per step for all runs.

    Each returned history equals what :func:`train` gives for that pair (to
    floating-point rounding), which is what lets the Compare page put many runs
    on one landscape without waiting.
    """
    X_checked, y_checked = check_dataset(X, y)
    pairs = [(s, lr) for s in seeds for lr in learning_rates]
    params = [
        check_params(s, iterations, lr, bias, objective, n_rows=len(y_checked)) for s, lr in pairs
    ]
    layer_0 = with_bias_column(X_checked, bias)
    synapse_0 = np.stack([initial_weights(p[0], layer_0.shape[1]) for p in params])
    rates = np.array([p[2] for p in params])
    with np.errstate(all="ignore"):
        weights, gradients = descend(layer_0, y_checked, synapse_0, iterations, rates, objective)
    return [
        history_from_weights(
            X_checked, y_checked, layer_0, weights[:, r].copy(), gradients[:, r].copy(), params[r]
        )
        for r in range(len(pairs))
    ]
