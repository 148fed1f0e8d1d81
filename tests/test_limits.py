"""Every cap at and just past its bound: engine, URL, divergence, saturation, memory.

A limit is only real if the value one past it is refused with a message that
names the field, and the value at it is accepted. Through the app, a bad URL
value must fall back to the default with a warning naming the field, never a
traceback.
"""

from __future__ import annotations

import ast
import json
import math
import pathlib
import subprocess
import sys
import textwrap
import warnings
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron import limits
from perceptron.diagnostics import diagnose, to_json
from perceptron.limits import MAX_SEED
from perceptron.settings import LEARNING_RATES, SETTINGS
from tests.conftest import (
    NOTEBOOK_X,
    NOTEBOOK_Y,
    ROOT,
    expected_shown,
    open_app,
    share_link,
    shown,
    stage,
)
from ui import caps as app_caps
from views import caps as view_caps
from views.payload import CHARTS, pack, unpack

APP = str(ROOT / "app.py")
GOOD = {"seed": 1, "iterations": 10, "learning_rate": 1.0, "bias": False, "loss": "squared"}
NOTEBOOK_START = expected_shown(perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0), 0)
"""What the Train page shows at step 0 of the default run: the notebook's first weights."""


def params(**changes: Any) -> tuple:
    values = {**GOOD, **changes}
    return perceptron.check_params(
        values["seed"],
        values["iterations"],
        values["learning_rate"],
        values["bias"],
        values["loss"],
        n_rows=values.get("n_rows", 4),
    )


# --- the engine's parameter bounds ----------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, MAX_SEED, np.int64(7), np.uint32(MAX_SEED)])
def test_seed_at_the_bounds_is_accepted(seed):
    assert params(seed=seed)[0] == int(seed)
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, seed=seed, iterations=1)
    expected = 2 * np.random.RandomState(int(seed)).random_sample(2) - 1
    np.testing.assert_array_equal(history.weights[0], expected)


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 2**64, "1", True, False, 1.0, None, math.nan])
def test_seed_past_the_bounds_is_refused_naming_seed(seed):
    with pytest.raises(ValueError, match=r"^seed: "):
        params(seed=seed)
    with pytest.raises(ValueError, match=r"^seed: "):
        perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, seed=seed, iterations=1)


def test_iterations_zero_and_max_are_accepted():
    assert params(iterations=0)[1] == 0
    assert params(iterations=limits.MAX_ITERATIONS, n_rows=1)[1] == limits.MAX_ITERATIONS
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0)
    assert history.last_step == 0 and history.weights.shape == (1, 2)
    assert history.gradients.shape == (0, 2)


@pytest.mark.parametrize(
    "iterations", [-1, limits.MAX_ITERATIONS + 1, 10**12, 10**400, 1.0, "10", True, None]
)
def test_iterations_past_the_bounds_are_refused_naming_iterations(iterations):
    with pytest.raises(ValueError, match=r"^iterations: "):
        params(iterations=iterations, n_rows=1)


def test_history_cap_is_exact_for_many_rows():
    rows = limits.MAX_ROWS
    most = limits.MAX_HISTORY_VALUES // rows - 1
    assert (most + 1) * rows <= limits.MAX_HISTORY_VALUES < (most + 2) * rows
    assert params(iterations=most, n_rows=rows)[1] == most
    with pytest.raises(ValueError, match=r"^iterations: .*at most " + f"{most:,}"):
        params(iterations=most + 1, n_rows=rows)


def test_history_cap_through_train_with_many_rows():
    X = np.tile(NOTEBOOK_X, (limits.MAX_ROWS // 4, 1))
    y = np.tile(NOTEBOOK_Y, limits.MAX_ROWS // 4)
    with pytest.raises(ValueError, match=r"^iterations: "):
        perceptron.train(X, y, iterations=limits.MAX_HISTORY_VALUES // limits.MAX_ROWS)


@pytest.mark.parametrize("rate", [min(LEARNING_RATES), max(LEARNING_RATES), 1e-300, 1e300])
def test_offered_and_extreme_learning_rates_are_accepted(rate):
    assert params(learning_rate=rate)[2] == rate
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, learning_rate=rate, iterations=50)
    end = history.last_step
    assert np.isfinite(history.loss[: end + 1]).all()
    assert ((history.predictions[: end + 1] >= 0) & (history.predictions[: end + 1] <= 1)).all()


@pytest.mark.parametrize(
    "rate", [0, 0.0, -0.0, -1, -1e-300, math.nan, math.inf, -math.inf, 10**400, "1", True, None]
)
def test_bad_learning_rates_are_refused_naming_the_field(rate):
    with pytest.raises(ValueError, match=r"^learning_rate: "):
        params(learning_rate=rate)


@pytest.mark.parametrize(("field", "value"), [("bias", 1), ("bias", "true"), ("loss", "hinge")])
def test_bias_and_loss_must_be_exact(field, value):
    with pytest.raises(ValueError, match=f"^{field}: "):
        params(**{field: value})


# --- divergence and saturation ----------------------------------------------------------------

DIVERGING = {
    "X": [[1e200, 1e200], [-1e200, 1e200]],
    "y": [1, 0],
    "learning_rate": 100.0,
    "objective": "cross_entropy",
}
DIVERGING_URL = {"data": "1e200,1e200,1;-1e200,1e200,0", "lr": "100", "loss": "Cross-entropy"}


def diverging_history(iterations: int = 30) -> perceptron.History:
    return perceptron.train(
        DIVERGING["X"],
        DIVERGING["y"],
        iterations=iterations,
        **{k: DIVERGING[k] for k in ("learning_rate", "objective")},
    )


def test_overflowing_weights_are_reported_as_divergence_not_warnings():
    history = diverging_history()
    assert history.diverged_at is not None and history.diverged_at >= 1
    end = history.last_step
    assert end == history.diverged_at - 1
    assert np.isfinite(history.weights[: end + 1]).all()
    assert np.isfinite(history.loss[: end + 1]).all()
    assert np.isnan(history.weights[history.diverged_at :]).all()
    assert history.summary()["diverged_at"] == history.diverged_at
    assert math.isfinite(history.summary()["final_loss"])


def non_finite(value: Any, path: str = "") -> list[str]:
    """Paths of every NaN/inf number inside a chart's dict (lists, arrays, nested dicts)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{path}.{k}")]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{path}[{i}]")]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.isfinite(value).all():
            return [path]
        if value.dtype == object:
            return non_finite(value.tolist(), path)
        return []
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        return [path]
    return []


def test_the_scanner_finds_non_finite_values():
    assert non_finite({"a": [1.0, {"b": np.array([0.0, np.inf])}], "c": math.nan}) == [
        ".a[1].b",
        ".c",
    ]


@pytest.mark.parametrize("presenter", [False, True])
def test_charts_of_a_diverged_run_hold_no_nan_or_inf(presenter):
    history = diverging_history()
    for build in CHARTS:
        chart = build(history, presenter)
        chart.pop("arrays", None)  # typed arrays travel raw; the rest is JSON
        bad = non_finite(chart)
        assert not bad, f"{build.__name__}: non-finite values at {bad[:5]}"
        json.dumps(chart, allow_nan=False)


def test_a_diverged_run_packs_its_finite_steps_only():
    history = diverging_history()
    header, arrays = unpack(pack(history, "diverged", False, to_json(diagnose(history))))
    assert header["meta"]["diverged_at"] == history.diverged_at
    assert header["meta"]["last"] == history.last_step
    assert arrays["weights"].shape == (history.last_step + 1, 2)
    assert np.isfinite(arrays["weights"]).all() and np.isfinite(arrays["loss"]).all()


def test_saturated_inputs_give_exact_zero_and_one_without_warnings():
    # Seed 7 starts at w ≈ (-0.847, 0.560), so the logits are about ±1407: far past
    # the ±745 where exp underflows. The notebook's formula would warn; ours must not.
    X = [[-1000.0, 1000.0], [1000.0, -1000.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for objective in perceptron.LOSSES:
            history = perceptron.train(X, [1, 0], seed=7, iterations=20, objective=objective)
            assert history.diverged_at is None
            assert history.predictions[0].tolist() == [1.0, 0.0]
            assert np.isfinite(history.loss).all()
            assert history.loss[0] == 0.0
            wrong = perceptron.train(X, [0, 1], seed=7, iterations=20, objective=objective)
            assert wrong.predictions[0].tolist() == [1.0, 0.0]
            assert np.isfinite(wrong.loss).all() and wrong.loss[0] > 0


# --- the same bounds through the URL --------------------------------------------------------


def notice(at: AppTest) -> str:
    texts = [w.value for w in at.warning if "ignored" in w.value]
    assert len(texts) == 1, [w.value for w in at.warning]
    return texts[0]


DEFAULT_STATE = {"seed": 1, "iterations": 10001, "lr": 1.0, "bias": False, "loss": "squared"}
BELOW_ITERATIONS = str(SETTINGS["iterations"].low - 1)
"""One below the fewest iterations the sidebar offers."""

BAD_URLS = [
    ({"seed": "abc"}, "seed"),
    ({"seed": "-1"}, "seed"),
    ({"seed": str(MAX_SEED + 1)}, "seed"),
    ({"iterations": str(10**12)}, "iterations"),
    ({"iterations": BELOW_ITERATIONS}, "iterations"),
    ({"iterations": str(app_caps.APP_MAX_ITERATIONS + 1)}, "iterations"),
    ({"lr": "-1"}, "lr"),
    ({"lr": "0"}, "lr"),
    ({"lr": "nan"}, "lr"),
    ({"lr": "inf"}, "lr"),
    ({"lr": "0.3"}, "lr"),
    ({"bias": "maybe"}, "bias"),
    ({"presenter": "1"}, "presenter"),
    ({"loss": "hinge"}, "loss"),
    ({"loss": "cross_entropy"}, "loss"),  # the key, not the label the widget writes
    ({"preset": "nope"}, "preset"),
    ({"view": "3d"}, "view"),
    ({"t": "-3"}, "t"),
    ({"t": "1.5"}, "t"),
    ({"data": "1,2;3,4"}, "data"),
    ({"data": "0,0,2"}, "data"),
    ({"data": "a,b,c"}, "data"),
    ({"data": "1e309,0,1"}, "data"),
    ({"data": "0,0,0;" * 2000}, "data"),
    ({"data": "x" * 10_000}, "data"),
    ({"lr": "5" * 10_000}, "lr"),
    ({"utm_source": "mail"}, "utm_source"),
]


@pytest.mark.parametrize(("query", "field"), BAD_URLS, ids=lambda v: str(v)[:40])
def test_a_bad_url_value_falls_back_with_a_warning_naming_it(query, field):
    at = open_app(query)
    assert not at.exception
    assert notice(at).count(f"{field}:") == 1
    for key, default in DEFAULT_STATE.items():
        assert at.session_state[key] == default, key
    assert shown(at) == NOTEBOOK_START  # the defaults were used, from step 0
    assert stage(at)[2]["t"] == 0
    assert field not in at.query_params  # the bad value is not kept in the URL
    assert f"{field}=" not in share_link(at)  # nor offered to the next student


# Streamlit's int number_input deserialiser does int(float(value)) and lets the
# OverflowError of a non-finite value escape, so the seed and iterations inputs are
# float-typed; a superscript digit passes str.isdigit() but not int().
OVERFLOWING_URLS = [
    {"seed": "1e309"},
    {"iterations": "-inf"},
    {"seed": "9" * 10_000},
    {"t": "²"},
    {"seed": "²"},
    {"t": "9" * 13},
]


@pytest.mark.parametrize("query", OVERFLOWING_URLS, ids=lambda q: str(q)[:30])
def test_an_overflowing_number_in_the_url_falls_back(query):
    at = open_app(query)
    assert not at.exception
    assert not at.error
    assert shown(at) == NOTEBOOK_START


def test_many_bad_fields_are_all_named_at_once():
    at = open_app({"seed": "x", "lr": "-1", "loss": "?", "zzz": "1", "iterations": str(10**12)})
    assert not at.exception
    text = notice(at)
    for field in ("seed:", "lr:", "loss:", "zzz:", "iterations:"):
        assert field in text
    assert at.session_state["lr"] == 1.0 and at.session_state["seed"] == 1


def test_a_step_beyond_the_end_is_clamped_and_said():
    at = open_app({"iterations": "20", "t": "99999999"})
    assert not at.exception
    assert "t: step 99,999,999 is beyond this run's end; showing step 20" in notice(at)
    assert at.session_state["t"] == 20 and stage(at)[2]["t"] == 20
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=20)
    assert shown(at) == expected_shown(history, 20)
    assert "t=20" in share_link(at)  # the link offered on is the step actually shown
    at.run()  # any rerun: the notice stays up, the step stays clamped
    assert "t: step 99,999,999 is beyond" in notice(at)
    assert at.session_state["t"] == 20


def test_a_step_at_the_end_is_accepted_without_a_notice():
    at = open_app({"iterations": "20", "t": "20"})
    assert not [w for w in at.warning if "ignored" in w.value]
    assert stage(at)[2]["t"] == 20


def test_accepted_extremes_through_the_url():
    at = open_app(
        {"seed": str(MAX_SEED), "iterations": str(app_caps.APP_MAX_ITERATIONS), "lr": "0.001"}
    )
    assert not at.exception
    assert not [w for w in at.warning if "ignored" in w.value]
    assert at.session_state["seed"] == MAX_SEED
    assert at.session_state["iterations"] == app_caps.APP_MAX_ITERATIONS
    assert at.session_state["lr"] == min(LEARNING_RATES)
    expected = perceptron.initial_weights(MAX_SEED, 2)
    assert shown(at, 0)["w1"] == f"{expected[0]:.6f}"
    header, arrays, _ = stage(at)
    assert header["meta"]["last"] == app_caps.APP_MAX_ITERATIONS
    assert arrays["weights"].shape == (app_caps.APP_MAX_ITERATIONS + 1, 2)


def test_the_fewest_iterations_the_sidebar_offers_train_and_pack():
    low = SETTINGS["iterations"].low
    at = open_app({"iterations": str(low), "t": str(low)})
    assert not at.exception and not at.error
    assert not [w for w in at.warning if "ignored" in w.value]
    header, arrays, session = stage(at)
    assert header["meta"]["last"] == low and arrays["loss"].shape == (low + 1,)
    assert session["t"] == low
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=low)
    assert shown(at) == expected_shown(history, low)


def test_a_diverging_run_in_the_app_says_where_and_does_not_crash():
    at = open_app({**DIVERGING_URL, "iterations": "30"})
    assert not at.exception
    history = diverging_history(30)
    texts = [e.value for e in at.error]
    assert any(f"diverged at step {history.diverged_at:,}" in t for t in texts), texts
    # The page asks for a step past the last finite one: the server keeps it in range.
    at.session_state["t"] = 30
    at.run()
    assert not at.exception
    assert at.session_state["t"] == history.last_step
    assert shown(at) == expected_shown(history, history.last_step)
    at.switch_page("pages/walkthrough_page.py").run()
    assert not at.exception
    assert any(f"diverged at step {history.diverged_at:,}" in e.value for e in at.error)


# --- memory -----------------------------------------------------------------------------------


def history_bytes(history: perceptron.History) -> int:
    arrays = [v for v in vars(history).values() if isinstance(v, np.ndarray)]
    return sum(a.nbytes for a in arrays)


def test_one_history_at_the_apps_iteration_cap_fits_its_bound():
    # Per step the run stores one weight and one gradient per weight (2 inputs + bias),
    # one prediction per row and one loss: (3 + 3 + rows + 1) float64 values.
    rows, weights = 4, 3
    bound = (app_caps.APP_MAX_ITERATIONS + 1) * (2 * weights + rows + 1) * 8 + 4096
    assert bound < 16 * 2**20  # the documented ceiling: under 16 MiB per cached run
    history = perceptron.train(
        NOTEBOOK_X, NOTEBOOK_Y, iterations=app_caps.APP_MAX_ITERATIONS, bias=True
    )
    used = history_bytes(history)
    print(f"\nhistory at {app_caps.APP_MAX_ITERATIONS:,} iterations: {used / 2**20:.2f} MiB")
    assert used <= bound


def test_the_payload_of_the_apps_largest_run_fits_its_bound():
    # The page gets per step: 3 weights and a loss (float64), a count of rows right
    # (uint16) and predictions of at most SHOWN_ROWS rows (float64), plus the header.
    rows = view_caps.SHOWN_ROWS  # the most rows whose predictions are all sent
    iterations = min(app_caps.APP_MAX_ITERATIONS, app_caps.APP_MAX_HISTORY_VALUES // rows - 1)
    X = np.tile(NOTEBOOK_X, (rows // 4, 1))
    y = np.tile(NOTEBOOK_Y, rows // 4)
    history = perceptron.train(X, y, iterations=iterations, bias=True)
    blob = pack(history, "largest", False, to_json(diagnose(history)))
    per_step = (3 + 1 + rows) * 8 + 2
    bound = (iterations + 1) * per_step + 2 * 2**20  # + header and landscape slices
    print(f"\npayload at {iterations:,} iterations x {rows} rows: {len(blob) / 2**20:.2f} MiB")
    assert len(blob) <= bound
    assert app_caps.CACHE_ENTRIES * bound <= 2**29  # every cached payload at once: < 512 MiB
    # ui.run keeps both caches, CACHE_ENTRIES runs and CACHE_ENTRIES payloads: under 1 GiB.
    assert app_caps.CACHE_ENTRIES * (bound + history_bytes(history)) <= 2**30


def test_worst_history_the_engine_allows_is_capped():
    # Predictions dominate: MAX_HISTORY_VALUES of them, whatever the row count.
    most_rows_values = limits.MAX_HISTORY_VALUES * 8
    assert most_rows_values <= 80 * 10**6


def test_the_apps_run_cache_worst_case_fits_in_a_gigabyte():
    # The app caps (iterations + 1) × rows at APP_MAX_HISTORY_VALUES, so each cached run
    # holds at most ~8 MB of predictions; CACHE_ENTRIES of them must still fit.
    per_run = app_caps.APP_MAX_HISTORY_VALUES * 8
    assert app_caps.CACHE_ENTRIES * per_run <= 2**30


def test_the_app_refuses_a_run_over_its_history_cap_and_keeps_the_last_good_one():
    rows = ";".join(["0,1,0", "1,0,1"] * 10)  # 20 rows × 100,000 iterations > 1,000,000
    at = open_app({"data": rows, "iterations": "1000"})
    good = stage(at)[0]["meta"]
    at.number_input(key="iterations").set_value(float(app_caps.APP_MAX_ITERATIONS)).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert any(e.startswith("Can't train this: iterations:") for e in errors), errors
    assert stage(at)[0]["meta"] == good


RSS_SCRIPT = textwrap.dedent(
    """
    import gc, resource, sys
    import psutil
    from streamlit.testing.v1 import AppTest
    app = sys.argv[1]
    proc = psutil.Process()
    def session(i):
        at = AppTest.from_file(app, default_timeout=60)
        at.query_params["seed"] = str(100 + i)
        at.query_params["data"] = f"0,{i % 7},0;1,{i % 5},1;{i},1,1"
        at.query_params["iterations"] = "300"
        at.run()
        at.session_state["t"] = 1
        at.run()
        assert not at.exception, at.exception
        return at
    session(-1)
    gc.collect()
    start = proc.memory_info().rss
    for i in range(20):
        session(i)
    gc.collect()
    end = proc.memory_info().rss
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(start, end, peak)
    """
)


def test_twenty_sessions_do_not_grow_memory_without_bound(tmp_path: pathlib.Path):
    pytest.importorskip("psutil")
    script = tmp_path / "rss.py"
    script.write_text(RSS_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), APP],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    start, end, peak = (int(v) for v in done.stdout.split()[-3:])
    mib = 2**20
    print(
        f"\n20 AppTest sessions: RSS {start / mib:.0f} → {end / mib:.0f} MiB "
        f"(growth {(end - start) / mib:+.1f} MiB), peak {peak / mib:.0f} MiB"
    )
    assert end - start < 500 * mib


# --- no state shared between sessions ----------------------------------------------------------

MUTATORS = {
    "append",
    "extend",
    "insert",
    "update",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "add",
    "discard",
    "remove",
    "__setitem__",
}


def shared_state_problems(path: pathlib.Path) -> list[str]:
    tree = ast.parse(path.read_text())
    module_names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        module_names |= {t.id for t in targets if isinstance(t, ast.Name)}
    problems = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))]
    for function in functions:
        for node in ast.walk(function):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                problems.append(f"{where} declares {node.names}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in module_names
                and node.func.attr in MUTATORS
            ):
                problems.append(f"{where} mutates module-level {node.func.value.id}")
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else []
                if isinstance(node, ast.AugAssign):
                    targets = [node.target]
                for target in targets:
                    base = target
                    while isinstance(base, (ast.Subscript, ast.Attribute)):
                        base = base.value
                    if (
                        base is not target
                        and isinstance(base, ast.Name)
                        and base.id in module_names
                    ):
                        problems.append(f"{where} writes into module-level {base.id}")
    return problems


SHARED_FILES = sorted(
    path
    for folder in ("perceptron", "views", "ui", "pages")
    for path in (ROOT / folder).glob("*.py")
)
"""Everything a server imports once and every session then shares (app.py aside)."""


def test_the_scanner_covers_the_engine_the_views_and_the_glue():
    names = {f"{p.parent.name}/{p.name}" for p in SHARED_FILES}
    expected = {
        "perceptron/settings.py",
        "perceptron/codecs.py",
        "perceptron/history.py",
        "views/payload.py",
        "views/marks.py",
        "ui/stage.py",
        "ui/steps.py",
        "ui/links.py",
        "ui/run.py",
        "pages/train_page.py",
    }
    assert expected <= names, expected - names


@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_module_level_state_is_mutated_across_sessions(path):
    assert shared_state_problems(path) == []


def test_the_scanner_catches_shared_state(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "SEEN = []\nCOUNT = {}\n\n"
        "def f(x):\n    SEEN.append(x)\n    COUNT[x] = 1\n\n"
        "def g():\n    global SEEN\n    SEEN = []\n"
    )
    assert len(shared_state_problems(bad)) == 3


@pytest.mark.parametrize(
    "path", [p for p in SHARED_FILES if p.parent.name == "ui"], ids=lambda p: p.name
)
def test_ui_module_level_values_are_immutable_or_read_only(path):
    """Module-level values in ui/ are constants: numbers, strings, tuples, frozen dicts of them."""
    tree = ast.parse(path.read_text())
    for node in tree.body:
        mutable = (ast.List, ast.Set, ast.ListComp, ast.SetComp)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, mutable):
            pytest.fail(f"{path.name}:{node.lineno} module-level mutable {type(node.value)}")


def test_cached_runs_are_read_only():
    """A cached history is shared by every session that shows it: nobody may write into it."""
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=3)
    for name in ("weights", "predictions", "loss", "gradients", "X", "y"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(history, name)[0] = 0
