"""The training engine against the teaching notebook, calculus and its own contracts.

Expected numbers come from outside the engine: the notebook's printed output,
the notebook's own numpy code replayed here, and central finite differences.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import perceptron
from perceptron import maths, training
from perceptron.history import History, history_from_weights

NB_X = [[0, 1], [0, 1], [1, 0], [1, 0]]
NB_Y = [0, 0, 1, 1]
PRINTED = 5e-9  # the notebook prints 8 decimals


@pytest.fixture(scope="module")
def notebook_history() -> History:
    return perceptron.train(NB_X, NB_Y, seed=1, iterations=10001, learning_rate=1.0)


def replay_notebook(iterations: int) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's cells verbatim, with a private RandomState instead of np.random.seed."""

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(sigmoid_output):
        return sigmoid_output * (1 - sigmoid_output)

    X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
    y = np.array([[0, 0, 1, 1]]).T
    synapse_0 = 2 * np.random.RandomState(1).random_sample((2, 1)) - 1
    weights, predictions = [synapse_0[:, 0].copy()], []
    for _ in range(iterations):
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0, synapse_0))
        layer_1_error = layer_1 - y
        layer_1_delta = layer_1_error * sigmoid_derivative(layer_1)
        synapse_0_derivative = np.dot(layer_0.T, layer_1_delta)
        synapse_0 -= synapse_0_derivative
        weights.append(synapse_0[:, 0].copy())
        predictions.append(layer_1[:, 0])
    return np.array(weights), np.array(predictions)


def test_notebook_printed_numbers(notebook_history):
    h = notebook_history
    np.testing.assert_allclose(h.weights[0], [-0.16595599, 0.44064899], atol=PRINTED)
    expected_p0 = [0.60841366, 0.60841366, 0.45860596, 0.45860596]
    np.testing.assert_allclose(h.predictions[0], expected_p0, atol=PRINTED)
    np.testing.assert_allclose(h.gradients[0], [-0.2688417, 0.28990482], atol=PRINTED)
    np.testing.assert_allclose(h.weights[1], [0.10288571, 0.15074416], atol=PRINTED)
    np.testing.assert_allclose(h.weights[10001], [5.28321694, -5.28316892], atol=PRINTED)
    expected_end = [0.00505094, 0.00505094, 0.99494931, 0.99494931]
    np.testing.assert_allclose(h.predictions[10000], expected_end, atol=PRINTED)


def test_whole_trajectory_matches_notebook_code(notebook_history):
    weights, predictions = replay_notebook(10001)
    np.testing.assert_allclose(notebook_history.weights, weights, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(notebook_history.predictions[:-1], predictions, rtol=1e-12)


def test_shapes_dtypes_and_update_rule():
    X = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    h = perceptron.train(X, [1, 0], seed=4, iterations=25, learning_rate=0.3, bias=True)
    T, n, d = 25, 2, 4
    expected = {"weights": (T + 1, d), "predictions": (T + 1, n), "loss": (T + 1,)}
    expected["gradients"] = (T, d)
    for name, shape in expected.items():
        array = getattr(h, name)
        assert array.shape == shape, name
        assert array.dtype == np.float64, name
    np.testing.assert_allclose(h.weights[1:], h.weights[:-1] - 0.3 * h.gradients, rtol=1e-15)


def test_bias_weight_is_last_and_initial_draw_is_the_notebooks():
    h = perceptron.train(NB_X, NB_Y, seed=7, iterations=3, bias=True)
    draw = 2 * np.random.RandomState(7).random_sample((3, 1)) - 1
    np.testing.assert_array_equal(h.weights[0], draw[:, 0])
    assert h.weight_names == ["w1", "w2", "b"]
    np.testing.assert_array_equal(h.layer_0[:, -1], 1.0)
    z = h.layer_0 @ h.weights[2]
    np.testing.assert_allclose(h.predictions[2], 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_callers_arrays_are_not_mutated():
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    y = np.array([0.0, 1.0])
    X_before, y_before = X.copy(), y.copy()
    h = perceptron.train(X, y, iterations=5, bias=True)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    # the history owns its copies, so freezing them leaves the caller's arrays writable
    assert not np.shares_memory(h.X, X) and not np.shares_memory(h.y, y)
    assert X.flags.writeable and y.flags.writeable
    X[0, 0] = 99.0
    assert h.X[0, 0] == 0.0


def test_history_arrays_are_read_only():
    # A cached run is shared by every session: nothing downstream may change it in place.
    h = perceptron.train(NB_X, NB_Y, iterations=3, bias=True)
    for name in ("X", "y", "layer_0", "weights", "predictions", "loss", "gradients"):
        array = getattr(h, name)
        assert not array.flags.writeable, name
        with pytest.raises(ValueError, match="read-only"):
            array[(0,) * array.ndim] = 99.0
    copy = h.weights.copy()  # what a caller that needs to change them must do
    copy[0, 0] = 99.0
    assert h.weights[0, 0] != 99.0


def test_defaults_are_the_notebooks_run(notebook_history):
    # 10,001 updates, like the app and the CLI: the notebook's manual step plus its loop of 10,000
    h = perceptron.train(NB_X, NB_Y)
    assert (h.seed, h.iterations, h.learning_rate, h.bias, h.objective) == (
        1,
        10001,
        1.0,
        False,
        "squared",
    )
    np.testing.assert_array_equal(h.weights, notebook_history.weights)
    np.testing.assert_allclose(h.weights[-1], [5.28321694, -5.28316892], atol=PRINTED)


def test_errors_and_accuracy_follow_the_notebooks_predictions(notebook_history):
    h = notebook_history
    # step 0 predicts 0.608 for the two 0-targets and 0.459 for the 1-targets: all four wrong
    np.testing.assert_allclose(
        h.errors[0], [0.60841366, 0.60841366, -0.54139404, -0.54139404], atol=PRINTED
    )
    assert h.accuracy[0] == 0.0
    assert h.accuracy[-1] == 1.0  # 0.005 and 0.995 at the end
    assert h.errors.shape == h.predictions.shape == (10002, 4)


def test_history_from_weights_marks_divergence_and_freezes_arrays():
    layer_0 = np.array([[0.0, 1.0], [1.0, 0.0]])
    y = np.array([0.0, 1.0])
    weights = np.array([[0.5, -0.5], [1.0, -1.0], [np.inf, -2.0], [3.0, -3.0]])
    gradients = np.array([[-0.5, 0.5], [1.0, 1.0], [1.0, 1.0]])
    params = (1, 3, 1.0, False, "squared")
    h = history_from_weights(layer_0.copy(), y, layer_0, weights, gradients, params)
    assert h.diverged_at == 2 and h.last_step == 1
    # step 1: logits (-1, 1), so both rows miss by sigmoid(-1) = 1 / (1 + e)
    miss = 1 / (1 + np.e)
    np.testing.assert_allclose(h.predictions[1], [miss, 1 - miss], rtol=1e-15)
    assert h.loss[1] == pytest.approx(miss**2, rel=1e-15)  # 0.5 · (miss² + miss²)
    for array in (h.weights, h.predictions, h.loss, h.gradients):
        assert np.isnan(array[2:]).all()
        assert np.isfinite(array[:2]).all()
        assert not array.flags.writeable


def test_global_rng_is_neither_used_nor_consulted():
    np.random.seed(123)
    state = np.random.get_state()
    first = perceptron.train(NB_X, NB_Y, seed=5, iterations=10)
    after = np.random.get_state()
    assert after[0] == state[0]
    np.testing.assert_array_equal(after[1], state[1])
    assert after[2:] == state[2:]
    np.random.seed(999)
    second = perceptron.train(NB_X, NB_Y, seed=5, iterations=10)
    np.testing.assert_array_equal(first.weights, second.weights)


KERNEL_CASES = [
    # (X, y, seed, learning rate, steps): teaching tables, soft targets, wide rows, divergence
    (NB_X, NB_Y, 1, 1.0, 300),
    (perceptron.get_preset("xor").X, perceptron.get_preset("xor").y, 7, 10.0, 300),
    (perceptron.get_preset("and").X, perceptron.get_preset("and").y, 3, 100.0, 300),
    ([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [-2.0, 0.25, 1.0]], [0.2, 0.9, 0.5], 4, 0.7, 300),
    ([[0.3, -1.2, 0.8, 2.0, -0.4]] * 4 + [[1.0, 1.0, -1.0, 0.0, 0.5]] * 4, [1, 0] * 4, 5, 2.0, 300),
    ([[1.0], [-2.0], [0.5]], [1, 0, 1], 2, 0.5, 300),  # one input: the narrowest loop
    ([[1e306, 1e306]], [0], 1, 1000.0, 6),  # lr·g overflows at step 1
    ([[1000.0, 0.0]], [0], 3620, 1e308, 6),  # a huge rate: the weights leave the floats
    ([[1e200, 1e200], [-1e200, 1e200]], [1, 0], 1, 100.0, 6),  # x·w is inf − inf at step 1
]


@pytest.mark.parametrize(("objective", "diverges_at"), [("cross_entropy", 1), ("squared", None)])
def test_train_and_train_many_agree_where_a_sum_overflows(objective, diverges_at):
    """Inputs near the float limit: x1·w1 + x2·w2 is inf − inf = NaN at step 1 when summed
    term by term, but −inf when a matrix product fuses it (BLAS). Train and Compare must tell
    the same story, for both trainers and the history's losses. (Squared error saturates at
    step 0, p·(1 − p) = 0, so that run never moves.)"""
    X, y = np.array([[1e200, 1e200], [-1e200, 1e200]]), np.array([1.0, 0.0])
    alone = perceptron.train(X, y, seed=1, iterations=20, learning_rate=100.0, objective=objective)
    [batch] = perceptron.train_many(
        X, y, seeds=(1,), learning_rates=[100.0], iterations=20, objective=objective
    )
    assert alone.diverged_at == batch.diverged_at == diverges_at
    np.testing.assert_array_equal(alone.weights, batch.weights)
    np.testing.assert_array_equal(alone.loss, batch.loss)


@pytest.mark.parametrize("objective", perceptron.LOSSES)
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize(("X", "y", "seed", "lr", "steps"), KERNEL_CASES)
def test_the_scalar_loop_takes_the_kernels_steps(X, y, seed, lr, steps, objective, bias):
    """The pure-Python loop is only a faster route to the kernel's numbers, never other ones."""
    layer_0 = training.with_bias_column(np.asarray(X, dtype=float), bias)
    y = np.asarray(y, dtype=float)
    synapse_0 = perceptron.initial_weights(seed, layer_0.shape[1])[None, :]
    args = (layer_0, y, synapse_0, steps, np.array([lr]), objective)
    with np.errstate(all="ignore"):
        fast_w, fast_g = training.descend_scalar(*args)
        kernel_w, kernel_g = training.descend(*args)
    assert fast_w.shape == kernel_w.shape == (steps + 1, 1, layer_0.shape[1])
    assert fast_g.shape == kernel_g.shape == (steps, 1, layer_0.shape[1])
    for fast, kernel in ((fast_w, kernel_w), (fast_g, kernel_g)):
        finite = kernel[np.isfinite(kernel)]
        scale = np.abs(finite).max() if finite.size else 0.0  # ulps of the run's largest value
        np.testing.assert_allclose(fast, kernel, rtol=1e-12, atol=1e-12 * scale)


def test_the_kernel_descends_each_run_of_a_batch_on_its_own():
    """A batch is only many runs at once: each row equals the same run descended alone."""
    xor = perceptron.get_preset("xor")
    layer_0 = training.with_bias_column(xor.X, True)
    synapse_0 = np.array([[0.1, -0.2, 0.3], [-1.0, 1.0, 0.5], [0.1, -0.2, 0.3]])
    rates = np.array([0.5, 2.0, 20.0])
    weights, gradients = training.descend(layer_0, xor.y, synapse_0, 200, rates, "squared")
    for run in range(3):
        alone_w, alone_g = training.descend(
            layer_0, xor.y, synapse_0[run : run + 1], 200, rates[run : run + 1], "squared"
        )
        np.testing.assert_allclose(weights[:, run], alone_w[:, 0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(gradients[:, run], alone_g[:, 0], rtol=1e-12, atol=1e-14)
    assert not np.allclose(weights[:, 0], weights[:, 2])  # same start, its own rate


def test_one_kernel_step_is_the_notebooks_update():
    """Step 1 by hand, in the notebook's own column-vector form, from the notebook's numbers."""
    layer_0 = np.array(NB_X, dtype=float)
    y = np.array([NB_Y], dtype=float).T
    synapse_0 = np.array([[-0.16595599], [0.44064899]])
    layer_1 = 1 / (1 + np.exp(-(layer_0 @ synapse_0)))
    layer_1_delta = (layer_1 - y) * layer_1 * (1 - layer_1)
    expected = synapse_0 - 0.5 * layer_0.T @ layer_1_delta
    weights, gradients = training.descend(
        layer_0, y[:, 0], synapse_0.T, 1, np.array([0.5]), "squared"
    )
    np.testing.assert_allclose(gradients[0, 0], (layer_0.T @ layer_1_delta)[:, 0], rtol=1e-14)
    np.testing.assert_allclose(weights[1, 0], expected[:, 0], rtol=1e-14)


@pytest.mark.parametrize("n", [2, 60])  # 2×2 cells use the scalar loop, 60×2 the numpy one
def test_train_on_both_sides_of_the_kernel_threshold(n, monkeypatch):
    rng = np.random.RandomState(n)
    X, y = rng.normal(size=(n, 2)), (rng.random_sample(n) > 0.5).astype(float)
    assert (n * 2 <= training.SCALAR_LOOP_MAX_CELLS) == (n == 2)
    default = perceptron.train(
        X, y, seed=3, iterations=300, learning_rate=0.05, objective="cross_entropy"
    )
    flipped = 0 if n == 2 else 10**9  # force the other kernel
    monkeypatch.setattr(training, "SCALAR_LOOP_MAX_CELLS", flipped)
    other = perceptron.train(
        X, y, seed=3, iterations=300, learning_rate=0.05, objective="cross_entropy"
    )
    np.testing.assert_allclose(default.weights, other.weights, rtol=1e-10, atol=1e-13)


def test_step_view_reproduces_notebook_cells(notebook_history):
    v = notebook_history.step(0)
    s = np.array([[0.60841366], [0.60841366], [0.45860596], [0.45860596]])
    np.testing.assert_allclose(v.synapse_0, [[-0.16595599], [0.44064899]], atol=PRINTED)
    np.testing.assert_allclose(v.layer_1, s, atol=PRINTED)
    err = np.array([[0.60841366], [0.60841366], [-0.54139404], [-0.54139404]])
    np.testing.assert_allclose(v.layer_1_error, err, atol=PRINTED)
    np.testing.assert_allclose(v.layer_1_delta, err * s * (1 - s), atol=1e-8)
    np.testing.assert_allclose(v.synapse_derivative, [[-0.2688417], [0.28990482]], atol=PRINTED)
    np.testing.assert_allclose(v.new_synapse, [[0.10288571], [0.15074416]], atol=PRINTED)
    end = notebook_history.step(10001)
    assert end.new_synapse is None and end.synapse_derivative is None
    np.testing.assert_allclose(end.synapse_0, [[5.28321694], [-5.28316892]], atol=PRINTED)
    for bad in (-1, 10002):
        with pytest.raises(ValueError, match="step"):
            notebook_history.step(bad)


def test_a_row_is_right_when_prediction_and_target_share_a_side_of_one_half():
    predictions = np.array([[0.5, 0.49, 0.9, 0.1, 0.6], [0.2, 0.51, 0.5, 0.7, 0.0]])
    y = np.array([1.0, 0.0, 0.7, 0.5, 0.3])  # soft targets too: 0.7 is class 1, 0.5 is class 1
    expected = [[True, True, True, False, False], [False, False, True, True, True]]
    np.testing.assert_array_equal(maths.on_right_side(predictions, y), expected)
    assert maths.THRESHOLD == 0.5 and maths.is_one(np.array([0.5, 0.4999])).tolist() == [1, 0]
    h = perceptron.train([[0, 1], [1, 0], [1, 1]], [0.0, 0.6, 0.5], iterations=30)
    by_hand = [
        np.mean([(p >= 0.5) == (t >= 0.5) for p, t in zip(row, h.y, strict=True)])
        for row in h.predictions
    ]
    np.testing.assert_array_equal(h.accuracy, by_hand)


def test_zero_iterations_is_just_the_draw():
    h = perceptron.train(NB_X, NB_Y, iterations=0)
    assert h.weights.shape == (1, 2) and h.gradients.shape == (0, 2)
    assert h.step(0).new_synapse is None
    assert h.summary()["final_weights"] == h.summary()["initial_weights"]


def test_sigmoid_extremes_are_exact_and_silent():
    x = np.array([-np.inf, -1e308, -1000.0, 0.0, 1000.0, 1e308, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = perceptron.sigmoid(x)
    np.testing.assert_array_equal(out, [0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0])
    assert perceptron.sigmoid(np.array([-2.0]))[0] == pytest.approx(1 / (1 + np.exp(2.0)))


@pytest.mark.parametrize("objective", perceptron.LOSSES)
def test_saturated_inputs_give_exact_predictions_and_finite_loss(objective):
    # A seed whose w1 - w2 > 0.8 puts the logits at ±800: beyond -745 exp underflows to 0
    # and beyond +37 the prediction rounds to 1.
    seed = next(s for s in range(100) if np.diff(perceptron.initial_weights(s, 2))[0] < -0.8)
    X = [[1000.0, -1000.0], [-1000.0, 1000.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right = perceptron.train(X, [1, 0], seed=seed, iterations=20, objective=objective)
        wrong = perceptron.train(X, [0, 1], seed=seed, iterations=20, objective=objective)
    np.testing.assert_array_equal(right.predictions[0], [1.0, 0.0])
    np.testing.assert_array_equal(right.loss, 0.0)  # saturated and right: nothing to learn
    np.testing.assert_array_equal(right.weights[-1], right.weights[0])
    z = 1000.0 * (right.weights[0][0] - right.weights[0][1])
    expected_wrong = 1.0 if objective == "squared" else 2 * z  # 0.5·(1² + 1²) or softplus(z)·2
    assert wrong.loss[0] == pytest.approx(expected_wrong, rel=1e-12)
    assert np.isfinite(wrong.loss).all() and wrong.diverged_at is None


def test_cross_entropy_on_overflowing_logits_is_not_divergence():
    # Step 1 moves w to about -1e308 (finite): the logit is -inf, the prediction 0
    # and the target 0, so the loss is exactly 0 - not 0·inf = NaN.
    h = perceptron.train(
        [[1e306, 1e306]], [0], iterations=3, learning_rate=100, objective="cross_entropy"
    )
    assert h.diverged_at is None
    assert np.isfinite(h.weights).all()
    np.testing.assert_array_equal(h.loss[1:], 0.0)


@pytest.mark.parametrize(
    ("X", "y", "seed", "lr", "objective"),
    [
        ([[1e306, 1e306]], [0], 1, 1000.0, "cross_entropy"),  # lr·g = 1e309 overflows
        ([[1000.0, 0.0]], [0], 3620, 1e308, "squared"),  # seed 3620: w1 ≈ 1.2e-4, unsaturated
    ],
)
def test_divergence_is_recorded_not_raised(X, y, seed, lr, objective):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = perceptron.train(X, y, seed=seed, iterations=6, learning_rate=lr, objective=objective)
    assert h.diverged_at == 1
    assert h.last_step == 0
    assert np.isfinite(h.weights[0]).all() and np.isfinite(h.loss[0])
    for array in (h.weights, h.predictions, h.loss, h.gradients):
        assert np.isnan(array[1:]).all()
    assert h.summary()["final_weights"] == h.weights[0].tolist()
    assert h.summary()["diverged_at"] == 1


def test_infinite_initial_loss_keeps_step_zero():
    # Inputs near the float maximum overflow the first logit to -inf with target 1: the
    # initial loss is honestly infinite, but the run itself recovers and every step is shown.
    seed = next(s for s in range(100) if (perceptron.initial_weights(s, 2) < -0.6).all())
    h = perceptron.train(
        [[1.5e308, 1.5e308]], [1], seed=seed, iterations=3, objective="cross_entropy"
    )
    assert h.loss[0] == np.inf
    assert h.diverged_at is None and h.last_step == 3
    assert np.isfinite(h.weights).all()


def test_loss_rose_at_finds_the_first_overshoot():
    # lr 100 on XOR overshoots; the notebook's run at lr 1 only ever goes down
    xor = perceptron.get_preset("xor")
    steady = perceptron.train(NB_X, NB_Y, iterations=200)
    assert steady.loss_rose_at is None
    wild = perceptron.train(xor.X, xor.y, iterations=50, learning_rate=100.0, bias=True)
    t = wild.loss_rose_at
    assert t is not None and wild.loss[t] > wild.loss[t - 1]
    assert np.all(np.diff(wild.loss[:t]) <= 0)
