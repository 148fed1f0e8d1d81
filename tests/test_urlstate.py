"""The link format: rows and step encode/decode, the audit, and app round trips."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron import limits, urlstate
from perceptron.datasets import PRESETS
from perceptron.urlstate import (
    KNOWN_KEYS,
    LEARNING_RATES,
    audit,
    decode_rows,
    decode_step,
    encode_rows,
    format_number,
)
from perceptron.validation import MAX_SEED
from tests.conftest import metric, open_app

finite = st.floats(allow_nan=False, allow_infinity=False)
target = st.floats(min_value=0.0, max_value=1.0)
rows = st.lists(st.tuples(finite, finite, target), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_rows_round_trip_exactly(values):
    text = encode_rows(values)
    decoded, error = decode_rows(text)
    if len(text) > limits.MAX_URL_CHARS:
        assert decoded is None and "longer than" in error
        return
    assert error is None
    assert decoded == tuple(tuple(float(v) for v in row) for row in values)


@given(finite)
def test_format_number_reads_back_as_the_same_float(value):
    assert float(format_number(value)) == value


@pytest.mark.parametrize(
    ("value", "text"), [(0.0, "0"), (1.0, "1"), (0.25, "0.25"), (-3.0, "-3"), (1e20, "1e+20")]
)
def test_format_number_is_short(value, text):
    assert format_number(value) == text


def test_the_notebook_rows_read_as_in_the_issue():
    assert encode_rows(PRESETS["notebook"].rows) == "0,1,0;0,1,0;1,0,1;1,0,1"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "no rows"),
        (";;; ;", "no rows"),
        ("1,2", "row 1 needs 3 numbers"),
        ("0,0,0;1,2,3,4", "row 2 needs 3 numbers"),
        ("0,0,0;a,b,c", "row 2 has a value that is not a number"),
        ("0,0,", "row 1 has a value that is not a number"),
        ("nan,0,0", "row 1 has a value that is not finite"),
        ("0,inf,0", "not finite"),
        ("1e309,0,0", "not finite"),
        ("0,0,-0.5", "target outside [0, 1]"),
        ("0,0,1.0000001", "target outside [0, 1]"),
        ("9" * (limits.MAX_URL_CHARS + 1), "longer than"),
        ("0,0,0;" * (limits.MAX_ROWS + 1), "longer than"),  # the length cap comes first
    ],
    ids=lambda v: str(v)[:30],
)
def test_malformed_rows_are_refused_with_a_reason(text, fragment):
    decoded, error = decode_rows(text)
    assert decoded is None
    assert error.startswith("data: ") and fragment in error


def test_rows_at_the_limits_are_accepted():
    # The shortest row is "0,0,0;" (6 characters), so a link carries at most this many:
    most = (limits.MAX_URL_CHARS + 1) // 6
    assert most < limits.MAX_ROWS  # the row cap is unreachable through a link
    decoded, error = decode_rows(";".join(["0,0,0"] * most))
    assert error is None and len(decoded) == most
    decoded, error = decode_rows(" 0.5 , -1e300 , 1 ;")
    assert error is None and decoded == ((0.5, -1e300, 1.0),)


@given(st.text(max_size=60))
def test_decode_rows_never_raises(text):
    decoded, error = decode_rows(text)
    assert (decoded is None) != (error is None)
    if decoded is not None:
        X = [row[:2] for row in decoded]
        y = [row[2] for row in decoded]
        perceptron.check_dataset(X, y)  # whatever decodes, the engine accepts


@pytest.mark.parametrize(
    ("text", "step"), [("0", 0), ("42", 42), (" 7 ", 7), ("9" * 12, 10**12 - 1)]
)
def test_decode_step_accepts_whole_numbers(text, step):
    assert decode_step(text) == (step, None)


@pytest.mark.parametrize("text", ["", " ", "-1", "1.5", "1e3", "x", "9" * 13])
def test_decode_step_refuses_everything_else(text):
    step, error = decode_step(text)
    assert step is None and error.startswith("t: ")


@pytest.mark.parametrize("text", ["²", "1²", "٣", "1\x1f2"])
def test_decode_step_refuses_superscript_digits(text):
    step, error = decode_step(text)
    assert step is None and error.startswith("t: ")


@pytest.mark.parametrize(("text", "step"), [("0\x1f", 0), ("\x1c7", 7)])
def test_decode_step_strips_surrounding_control_characters_like_spaces(text, step):
    assert decode_step(text) == (step, None)


def test_audit_of_superscript_seed_never_raises():
    assert audit({"seed": "²"}).ignored


@given(st.text(alphabet="0123456789 -+.e_x\t", max_size=20))
def test_decode_step_never_raises(text):
    step, error = decode_step(text)
    assert (step is None) != (error is None)


GOOD_PARAMS = {
    "preset": "XOR",
    "data": "0,0,0;0,1,1",
    "seed": str(MAX_SEED),
    "iterations": str(limits.APP_MAX_ITERATIONS),
    "lr": "0.001",
    "bias": "TRUE",
    "loss": "Cross-entropy",
    "t": "42",
    "view": "3D surface",
    "presenter": "false",
}


def test_good_values_pass_the_audit():
    assert set(GOOD_PARAMS) == set(KNOWN_KEYS)
    assert audit(GOOD_PARAMS).ignored == []
    for rate in LEARNING_RATES:
        assert audit({"lr": format_number(rate)}).ignored == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("preset", "nope"),
        ("seed", "-1"),
        ("seed", str(MAX_SEED + 1)),
        ("seed", "1.5"),
        ("seed", "1e309"),
        ("iterations", "0"),
        ("iterations", str(limits.APP_MAX_ITERATIONS + 1)),
        ("iterations", str(10**12)),
        ("lr", "0.3"),
        ("lr", "-1"),
        ("lr", "nan"),
        ("lr", "inf"),
        ("bias", "yes"),
        ("presenter", "1"),
        ("loss", "hinge"),
        ("data", "1,2"),
        ("t", "-1"),
        ("seed", "1" * (limits.MAX_URL_CHARS + 1)),
    ],
)
def test_each_bad_field_is_flagged_by_name(key, value):
    ignored = audit({key: value}).ignored
    assert len(ignored) == 1
    assert ignored[0].startswith(f"{key}: ")
    assert len(ignored[0]) < 200  # a 10,000-character value is never echoed back


def test_unknown_keys_are_flagged_and_truncated():
    ignored = audit({"utm_source": "x", "k" * 500: "v"}).ignored
    assert ignored[0] == "utm_source: unknown setting"
    assert ignored[1] == "k" * 30 + ": unknown setting"


def test_audit_reports_every_bad_field_in_order():
    ignored = audit({"seed": "x", "lr": "7", "zzz": "1"}).ignored
    assert [m.split(":")[0] for m in ignored] == ["seed", "lr", "zzz"]


# --- round trips through the app ---------------------------------------------------------------

LINK = {
    "seed": "7",
    "iterations": "500",
    "lr": "0.5",
    "bias": "true",
    "loss": "Cross-entropy",  # choice widgets carry their label in the URL
    "data": "0,0,0;0,1,1;1,0,1;1,1,1",
    "t": "42",
}


def share_link(at: AppTest) -> str:
    [code] = [c.value for c in at.code]
    return code


def expected_run(query: dict[str, str]) -> perceptron.History:
    decoded, _ = decode_rows(query["data"])
    return perceptron.train(
        [row[:2] for row in decoded],
        [row[2] for row in decoded],
        seed=int(query["seed"]),
        iterations=int(query["iterations"]),
        learning_rate=float(query["lr"]),
        bias=query["bias"] == "true",
        loss={label: key for key, label in urlstate.LOSS_LABELS.items()}[query["loss"]],
    )


def assert_shows(at: AppTest, query: dict[str, str]) -> None:
    assert not at.exception
    assert not [w.value for w in at.warning if "ignored" in w.value]
    state = at.session_state
    assert state["seed"] == int(query["seed"])
    assert state["iterations"] == int(query["iterations"])
    assert state["lr"] == float(query["lr"])
    assert state["bias"] is (query["bias"] == "true")
    assert urlstate.LOSS_LABELS[state["loss"]] == query["loss"]
    history = expected_run(query)
    t = int(query["t"])
    assert metric(at, "Iteration") == f"{t:,}"
    assert metric(at, "w1") == f"{history.weights[t][0]:.6f}"
    assert metric(at, "b") == f"{history.weights[t][2]:.6f}"
    assert metric(at, "Loss") == f"{history.loss[t]:.4g}"


def test_a_link_without_the_loss_restores_every_other_control_and_round_trips():
    query = {k: v for k, v in LINK.items() if k != "loss"}
    at = open_app(query)
    assert_shows(at, {**query, "loss": "Squared error"})
    link = share_link(at)
    parsed = dict(parse_qsl(urlsplit(link).query))
    assert parsed == query
    assert_shows(open_app(parsed), {**query, "loss": "Squared error"})


def test_the_issue_link_restores_the_whole_state():
    assert_shows(open_app(LINK), LINK)


def test_the_share_link_round_trips_the_loss_and_preset():
    at = open_app({"seed": "3"})
    at.button_group(key="loss").set_value("cross_entropy").run()
    at.sidebar.selectbox(key="preset").set_value("and").run()
    parsed = dict(parse_qsl(urlsplit(share_link(at)).query))
    assert parsed == {"seed": "3", "loss": "Cross-entropy", "preset": "AND"}
    again = open_app(parsed)
    assert again.session_state["loss"] == "cross_entropy"
    assert again.session_state["preset"] == "and"


def test_the_default_state_shares_an_empty_link():
    at = open_app({})
    assert share_link(at) == ""  # AppTest has no base URL; nothing differs from defaults


def test_edited_rows_and_the_step_are_in_the_share_link():
    at = open_app({"data": "0,0,1;1,1,0"})
    at.button(key="step").click().run()
    parsed = dict(parse_qsl(urlsplit(share_link(at)).query))
    assert parsed == {"data": "0,0,1;1,1,0", "t": "1"}
    assert urlstate.audit(parsed).ignored == []
