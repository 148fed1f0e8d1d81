"""The engine's bounds through the app's URL (AppTest): a bad value falls back to the
default with one warning naming the field, never a traceback; values at the bounds, a
step past the run's end and a diverging run are handled and said.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron.limits import MAX_SEED
from perceptron.settings import LEARNING_RATES, SETTINGS
from tests.support.apptest import apptest_share_link, apptest_shown, apptest_stage, open_apptest
from tests.support.expected import (
    DIVERGING_QUERY,
    NOTEBOOK_X,
    NOTEBOOK_Y,
    diverging_history,
    expected_shown,
)
from ui import caps as app_caps

NOTEBOOK_START = expected_shown(perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=0), 0)
"""What the Train page shows at step 0 of the default run: the notebook's first weights."""


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
    at = open_apptest(query)
    assert not at.exception
    assert notice(at).count(f"{field}:") == 1
    for key, default in DEFAULT_STATE.items():
        assert at.session_state[key] == default, key
    assert apptest_shown(at) == NOTEBOOK_START  # the defaults were used, from step 0
    assert apptest_stage(at)[2]["t"] == 0
    assert field not in at.query_params  # the bad value is not kept in the URL
    assert f"{field}=" not in apptest_share_link(at)  # nor offered to the next student


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
    at = open_apptest(query)
    assert not at.exception
    assert not at.error
    assert apptest_shown(at) == NOTEBOOK_START


def test_many_bad_fields_are_all_named_at_once():
    at = open_apptest({"seed": "x", "lr": "-1", "loss": "?", "zzz": "1", "iterations": str(10**12)})
    assert not at.exception
    text = notice(at)
    for field in ("seed:", "lr:", "loss:", "zzz:", "iterations:"):
        assert field in text
    assert at.session_state["lr"] == 1.0 and at.session_state["seed"] == 1


def test_a_step_beyond_the_end_is_clamped_and_said():
    at = open_apptest({"iterations": "20", "t": "99999999"})
    assert not at.exception
    assert "t: step 99,999,999 is beyond this run's end; showing step 20" in notice(at)
    assert at.session_state["t"] == 20 and apptest_stage(at)[2]["t"] == 20
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=20)
    assert apptest_shown(at) == expected_shown(history, 20)
    assert "t=20" in apptest_share_link(at)  # the link offered on is the step actually shown
    at.run()  # any rerun: the notice stays up, the step stays clamped
    assert "t: step 99,999,999 is beyond" in notice(at)
    assert at.session_state["t"] == 20


def test_a_step_at_the_end_is_accepted_without_a_notice():
    at = open_apptest({"iterations": "20", "t": "20"})
    assert not [w for w in at.warning if "ignored" in w.value]
    assert apptest_stage(at)[2]["t"] == 20


def test_accepted_extremes_through_the_url():
    at = open_apptest(
        {"seed": str(MAX_SEED), "iterations": str(app_caps.APP_MAX_ITERATIONS), "lr": "0.001"}
    )
    assert not at.exception
    assert not [w for w in at.warning if "ignored" in w.value]
    assert at.session_state["seed"] == MAX_SEED
    assert at.session_state["iterations"] == app_caps.APP_MAX_ITERATIONS
    assert at.session_state["lr"] == min(LEARNING_RATES)
    expected = perceptron.initial_weights(MAX_SEED, 2)
    assert apptest_shown(at, 0)["w1"] == f"{expected[0]:.6f}"
    header, arrays, _ = apptest_stage(at)
    assert header["meta"]["last"] == app_caps.APP_MAX_ITERATIONS
    assert arrays["weights"].shape == (app_caps.APP_MAX_ITERATIONS + 1, 2)


def test_the_fewest_iterations_the_sidebar_offers_train_and_pack():
    low = SETTINGS["iterations"].low
    at = open_apptest({"iterations": str(low), "t": str(low)})
    assert not at.exception and not at.error
    assert not [w for w in at.warning if "ignored" in w.value]
    header, arrays, session = apptest_stage(at)
    assert header["meta"]["last"] == low and arrays["loss"].shape == (low + 1,)
    assert session["t"] == low
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=low)
    assert apptest_shown(at) == expected_shown(history, low)


def test_a_diverging_run_in_the_app_says_where_and_does_not_crash():
    at = open_apptest({**DIVERGING_QUERY, "iterations": "30"})
    assert not at.exception
    history = diverging_history(30)
    texts = [e.value for e in at.error]
    assert any(f"diverged at step {history.diverged_at:,}" in t for t in texts), texts
    # The page asks for a step past the last finite one: the server keeps it in range.
    at.session_state["t"] = 30
    at.run()
    assert not at.exception
    assert at.session_state["t"] == history.last_step
    assert apptest_shown(at) == expected_shown(history, history.last_step)
    at.switch_page("pages/walkthrough.py").run()
    assert not at.exception
    assert any(f"diverged at step {history.diverged_at:,}" in e.value for e in at.error)
