"""Links through the app: a shared link restores the run and the step, and the share link
says what the page shows.

The codecs and the audit themselves are tested in ``test_settings.py``; here a
link goes in through the URL, the app says what it ignored, and the link it
offers to share reopens the same run at the same step.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron import limits
from perceptron.codecs import decode_rows, encode_rows
from perceptron.settings import LOSS_LABELS, audit
from tests.support.apptest import (
    apptest_edit,
    apptest_share_link,
    apptest_shown,
    apptest_stage,
    open_apptest,
)
from tests.support.expected import expected_shown

LINK = {  # the issue's link
    "seed": "7",
    "iterations": "500",
    "lr": "0.5",
    "bias": "true",
    "loss": "Cross-entropy",  # choice widgets carry their label in the URL
    "data": "0,0,0;0,1,1;1,0,1;1,1,1",
    "t": "42",
}


def query_of(link: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(link).query))


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "ignored" in w.value]


def expected_run(query: dict[str, str]) -> perceptron.History:
    decoded, _ = decode_rows(query["data"])
    return perceptron.train(
        [row[:2] for row in decoded],
        [row[2] for row in decoded],
        seed=int(query["seed"]),
        iterations=int(query["iterations"]),
        learning_rate=float(query["lr"]),
        bias=query["bias"] == "true",
        objective={label: key for key, label in LOSS_LABELS.items()}[query["loss"]],
    )


def assert_link_restored(at: AppTest, query: dict[str, str]) -> None:
    """Every control, the run sent to the page and the step it starts at, as the link says."""
    assert not at.exception
    assert not notices(at)
    state = at.session_state
    assert state["seed"] == int(query["seed"])
    assert state["iterations"] == int(query["iterations"])
    assert state["lr"] == float(query["lr"])
    assert state["bias"] is (query["bias"] == "true")
    assert LOSS_LABELS[state["loss"]] == query["loss"]
    history = expected_run(query)
    t = int(query["t"])
    header, _, session = apptest_stage(at)
    meta = header["meta"]
    assert meta["rows"] == [list(row) for row in decode_rows(query["data"])[0]]
    assert (meta["seed"], meta["iterations"]) == (history.seed, history.iterations)
    assert (meta["learning_rate"], meta["bias"]) == (history.learning_rate, history.bias)
    assert meta["objective"] == history.objective
    assert session["t"] == t == state["t"]
    assert apptest_shown(at) == expected_shown(history, t)
    if history.bias:
        assert apptest_shown(at)["b"] == f"{history.weights[t][2]:.6f}"


def test_the_issue_link_restores_the_whole_state_and_shares_itself():
    at = open_apptest(LINK)
    assert_link_restored(at, LINK)
    assert query_of(apptest_share_link(at)) == LINK
    assert_link_restored(open_apptest(query_of(apptest_share_link(at))), LINK)


def test_a_link_without_the_loss_restores_every_other_control_and_round_trips():
    query = {k: v for k, v in LINK.items() if k != "loss"}
    at = open_apptest(query)
    assert_link_restored(at, {**query, "loss": "Squared error"})
    parsed = query_of(apptest_share_link(at))
    assert parsed == query
    assert_link_restored(open_apptest(parsed), {**query, "loss": "Squared error"})


def test_the_share_link_round_trips_the_loss_and_preset():
    at = open_apptest({"seed": "3"})
    at.button_group(key="loss").set_value("cross_entropy").run()
    at.sidebar.selectbox(key="preset").set_value("and").run()
    parsed = query_of(apptest_share_link(at))
    assert parsed == {"seed": "3", "loss": "Cross-entropy", "preset": "AND"}
    again = open_apptest(parsed)
    assert not notices(again)
    assert again.session_state["loss"] == "cross_entropy"
    assert again.session_state["preset"] == "and"
    assert apptest_stage(again)[0]["meta"]["rows"] == [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]]


def test_the_default_state_shares_an_empty_link():
    at = open_apptest({})
    assert apptest_share_link(at) == ""  # AppTest has no base URL; nothing differs from defaults


def test_edited_rows_and_the_step_are_in_the_share_link():
    at = open_apptest({"data": "0,0,1;1,1,0"})
    at.session_state["t"] = 1
    at.run()
    parsed = query_of(apptest_share_link(at))
    assert parsed == {"data": "0,0,1;1,1,0", "t": "1"}
    assert audit(parsed) == []


# --- the share link follows the step (it went stale when the browser took over t) ----------


def move_by_session(at: AppTest, t: int) -> None:
    at.session_state["t"] = t  # what ui.steps.reported leaves behind (the page showed t)
    at.run()


def move_on_the_walkthrough(at: AppTest, t: int) -> None:
    at.switch_page("pages/walkthrough.py").run()
    at.slider(key="walk_slider").set_value(t).run()
    at.switch_page("pages/train.py").run()


@pytest.mark.parametrize("move", [move_by_session, move_on_the_walkthrough])
@pytest.mark.parametrize("t", [7, 500])
def test_the_share_link_carries_the_step_the_server_learnt_and_opens_there(move, t):
    at = open_apptest({"seed": "7", "iterations": "500"})
    assert apptest_share_link(at) == "?seed=7&iterations=500"
    move(at, t)
    assert not at.exception
    link = apptest_share_link(at)
    assert query_of(link) == {"seed": "7", "iterations": "500", "t": str(t)}
    assert "t" not in at.query_params  # the page writes t into the address bar, never the server
    again = open_apptest(query_of(link))
    assert not again.exception and not notices(again)
    assert apptest_stage(again)[2]["t"] == t == again.session_state["t"]
    history = perceptron.train(
        [[0, 1], [0, 1], [1, 0], [1, 0]], [0, 0, 1, 1], seed=7, iterations=500
    )
    assert apptest_shown(again) == expected_shown(history, t)


def test_the_share_link_drops_the_step_when_it_is_back_at_0():
    at = open_apptest({"t": "42"})
    assert "t=42" in apptest_share_link(at)
    move_by_session(at, 0)
    assert apptest_share_link(at) == ""


def test_a_links_view_is_left_to_the_page_and_a_bad_one_is_named_and_dropped():
    """The page reads the view from the address bar (ui/static/url.js; test_browser.py opens
    a 3D link); the server only audits it, by the labels it sends the page."""
    at = open_apptest({"view": "3D surface", "t": "5"})
    assert not notices(at)
    assert at.query_params["view"] == "3D surface"
    assert apptest_stage(at)[2]["settings"]["view"]["choices"]["3d"] == "3D surface"
    bad = open_apptest({"view": "3d"})
    assert "view: '3d' is not one of" in notices(bad)[0] and "view" not in bad.query_params


# --- the audit through the app: what a link asked for that could not be used -----------------


def test_unknown_keys_are_named_truncated_and_dropped_from_the_url():
    at = open_apptest({"utm_source": "mail", "k" * 500: "v", "seed": "3"})
    assert not at.exception
    [notice] = notices(at)
    assert "utm_source: unknown setting" in notice
    assert "k" * 30 + ": unknown setting" in notice and "k" * 31 not in notice
    assert dict(at.query_params) == {"seed": "3"}
    assert apptest_share_link(at) == "?seed=3"


def test_every_bad_field_is_named_in_one_notice_in_the_links_order():
    at = open_apptest({"seed": "x", "lr": "7", "zzz": "1", "bias": "true", "t": "-3"})
    assert not at.exception
    [notice] = notices(at)
    named = [part.split(":")[0] for part in notice.split(": ", 1)[1].split("; ")]
    assert named == ["seed", "lr", "zzz", "t"]
    assert at.session_state["bias"] is True  # the good field is kept
    assert query_of(apptest_share_link(at)) == {"bias": "true"}


def test_a_notice_lists_at_most_eight_fields():
    query = {f"junk{i}": "1" for i in range(12)}
    [notice] = notices(open_apptest(query))
    assert notice.count("unknown setting") == 8 and notice.endswith("…")


def test_a_notice_is_shown_again_on_a_rerun_but_not_in_a_new_session():
    at = open_apptest({"seed": "x"})
    at.run()
    assert len(notices(at)) == 1
    assert notices(open_apptest({})) == []


def test_an_overlong_value_is_never_echoed_back():
    at = open_apptest({"seed": "9" * (limits.MAX_URL_CHARS + 1)})
    [notice] = notices(at)
    assert "seed: value too long" in notice and len(notice) < 200


def test_a_fractional_seed_is_rounded_down_everywhere():
    at = open_apptest({"seed": "1.5"})
    [notice] = notices(at)
    assert "seed: '1.5' is not a whole number; using 1" in notice
    assert apptest_stage(at)[0]["meta"]["seed"] == 1
    assert at.number_input(key="seed").value == 1  # the sidebar shows the seed it uses
    assert "seed=1.5" not in apptest_share_link(at)


def test_a_table_too_long_for_a_link_is_left_out_of_it_and_the_panel_says_so():
    row = ("0.1234567890123456", "0.6543210987654321", "0.1111111111111111")
    linked = [tuple(float(v) for v in row)] * 70  # 3,989 characters: a link carries these
    at = open_apptest({"data": encode_rows(linked), "iterations": "100"})
    assert not notices(at)
    assert query_of(apptest_share_link(at))["data"] == encode_rows(linked)
    # Typed in the editor:
    apptest_edit(at, {}, [dict(zip(("x1", "x2", "y"), row, strict=True))] * 10)
    assert apptest_stage(at)[0]["meta"]["n_rows"] == 80
    link = apptest_share_link(at)
    assert "data" not in query_of(link), "a link must never carry data it cannot reopen"
    said = " ".join(w.value for w in at.warning)
    assert "too long for a link" in said and f"{limits.MAX_URL_CHARS:,}" in said
    again = open_apptest(query_of(link))  # opens without a notice, on the preset's rows
    assert not notices(again)
    assert apptest_stage(again)[0]["meta"]["n_rows"] == 4
