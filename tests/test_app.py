"""The app through Streamlit's AppTest: every page, every control, the notebook's numbers.

The Train page steps in the browser; here the server's side of it is tested: the
payload it sends (read with ``tests.support.apptest.apptest_stage``/``apptest_shown``), the
step the page tells the Walkthrough, the Walkthrough's server-side transport and Compare.
"""

from __future__ import annotations

import gzip
import json
import math

import numpy as np
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

import perceptron
from perceptron import limits
from perceptron.codecs import decode_rows
from perceptron.datasets import PRESETS
from perceptron.diagnostics import diagnose, summary
from tests.support.apptest import (
    apptest_edit,
    apptest_link_data,
    apptest_run_blob,
    apptest_share_link,
    apptest_shown,
    apptest_sidebar_errors,
    apptest_stage,
    apptest_stage_bytes,
    apptest_stage_data,
    open_apptest,
)
from tests.support.expected import expected_shown
from views import caps as view_caps
from views.payload import unpack
from views.race_claims import course, what_happened

NOTEBOOK_ROWS = [list(row) for row in PRESETS["notebook"].rows]
COLUMNS = ["x1", "x2", "y"]
NOT_USED = "**Not used yet: fix the cell to train on this table.**"


def fresh(**params: str) -> AppTest:
    return open_apptest(params)


def train_rows(rows, **params) -> perceptron.History:
    """An independent run of the engine on ``rows`` of (x1, x2, y)."""
    data = np.array(rows, dtype=float)
    return perceptron.train(data[:, :2], data[:, 2], **params)


def report(at: AppTest, values: object) -> AppTest:
    """What the page does on a page drawn from t: set the share link's ``shown`` state.

    AppTest has no API for a components-v2 element's state, so the widget state is
    sent as the frontend sends it (a JSON value under the component's id).
    """
    [element] = [e for e in at.get("bidi_component") if e.proto.component_name == "lab_link"]
    states: WidgetStates = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = element.proto.id
    state.json_value = json.dumps({"shown": values})
    return at._run(states)


def walkthrough(at: AppTest) -> AppTest:
    return at.switch_page("pages/walkthrough.py").run()


def walk_heading(at: AppTest) -> str:
    [heading] = [m.value for m in at.main.markdown if m.value.startswith("### Step t = ")]
    return heading


# --- the Train page's payload --------------------------------------------------------------


def test_default_page_sends_the_notebooks_run_starting_at_step_0():
    at = fresh()
    assert not at.exception
    header, _, session = apptest_stage(at)
    assert session["t"] == 0 and session["epoch"] == 0
    # The page's half of the settings table: t and the view, as the table declares them.
    assert session["settings"] == {
        "t": {"default": 0, "choices": {}},
        "view": {"default": "heatmap", "choices": {"heatmap": "Heat map", "3d": "3D surface"}},
    }
    assert header["meta"]["stops"] == [1, 10, 100, 1000, 10000, 10001]  # where ↑ jumps
    meta = header["meta"]
    assert meta["rows"] == NOTEBOOK_ROWS
    assert (meta["seed"], meta["iterations"], meta["learning_rate"]) == (1, 10001, 1.0)
    assert meta["weight_names"] == ["w1", "w2"] and meta["last"] == 10001
    assert header["presenter"] is False
    page = apptest_shown(at)
    assert page["Iteration"] == "0"
    assert (page["w1"], page["w2"]) == ("-0.165956", "0.440649")  # the notebook's start
    assert page["Accuracy"] == "0%"  # 0.608 for targets 0, 0.459 for targets 1
    assert page["Loss"] == "0.6633"  # ½Σ(ŷ−y)² = 0.60841366² + 0.54139404², by hand
    assert page == expected_shown(train_rows(NOTEBOOK_ROWS), 0)


def test_the_payload_holds_every_step_of_the_notebooks_run():
    at = fresh()
    history = train_rows(NOTEBOOK_ROWS, iterations=10001)
    _, arrays, _ = apptest_stage(at)
    np.testing.assert_array_equal(arrays["weights"], history.weights)
    np.testing.assert_array_equal(arrays["loss"], history.loss)
    np.testing.assert_array_equal(arrays["predictions"], history.predictions)
    step_1 = apptest_shown(at, 1)  # new synapse
    assert (step_1["w1"], step_1["w2"]) == ("0.102886", "0.150744")
    end = apptest_shown(at, 10001)
    assert (end["Iteration"], end["w1"], end["w2"]) == ("10,001", "5.283217", "-5.283169")
    assert end["Accuracy"] == "100%"


def test_the_train_page_draws_nothing_but_the_stage_on_the_server():
    at = fresh()
    assert not at.get("plotly_chart") and not at.metric  # charts and numbers are the browser's
    assert [b.key for b in at.main.button] == []  # so is the transport
    # The Compare page's race is packed on the server, stepped by the lab's element.
    races = [e for e in compare(at).get("bidi_component") if e.proto.component_name == "lab_race"]
    assert len(races) == 1


def test_the_servers_step_is_shown_from_the_payload():
    at = fresh()
    at.session_state["t"] = 7  # what a report from the browser leaves behind
    at.run()
    assert not at.exception
    assert apptest_shown(at) == expected_shown(train_rows(NOTEBOOK_ROWS), 7)
    assert apptest_shown(at)["Iteration"] == "7"


def test_the_train_page_never_asks_the_page_for_its_step():
    at = fresh()
    assert apptest_link_data(at)["follow"] is False  # the page owns t here
    report(at, {"t": 5, "n": 1})  # were one to arrive anyway: taken, and nothing moved
    assert not at.exception
    assert at.session_state["t"] == 5
    assert apptest_stage(at)[2]["epoch"] == 0  # same epoch: the page keeps the step it shows


def test_the_walkthrough_asks_the_page_for_its_step_and_redraws_there():
    at = walkthrough(fresh())
    assert apptest_link_data(at)["follow"] is True
    report(at, {"t": 5, "n": 1})
    assert not at.exception
    assert at.session_state["t"] == 5 and at.session_state["t_epoch"] == 0
    assert walk_heading(at).startswith("### Step t = 5:")
    assert apptest_link_data(at)["t"] == 5  # the page and the server agree: no second report
    assert "t=5" in apptest_share_link(at)


@pytest.mark.parametrize(
    "values",
    [{"t": -1}, {"t": True}, {"t": 1.5}, {"t": "7"}, {"t": None}, {"view": "3d"}, "t=7", [7], None],
    ids=repr,
)
def test_a_malformed_report_is_ignored(values):
    at = walkthrough(fresh())
    report(at, {"t": 3, "n": 1})
    report(at, values)
    assert not at.exception
    assert at.session_state["t"] == 3
    assert walk_heading(at).startswith("### Step t = 3:")


def test_a_reported_step_beyond_the_end_is_clamped():
    at = walkthrough(fresh(iterations="20"))
    report(at, {"t": 10**9, "n": 1})
    assert not at.exception
    assert at.session_state["t"] == 20
    assert walk_heading(at).startswith("### Step t = 20:")
    assert "t=20" in apptest_share_link(at)


@pytest.mark.parametrize(("seed", "w1_at_0"), [(2, "-0.128010"), (0, "0.097627")])
def test_a_changed_seed_retrains(seed, w1_at_0):
    at = fresh()
    at.number_input(key="seed").set_value(seed).run()
    assert not at.exception
    assert apptest_stage(at)[0]["meta"]["seed"] == seed
    assert apptest_shown(at, 0)["w1"] == w1_at_0
    assert apptest_shown(at, 0)["w1"] == f"{perceptron.initial_weights(seed, 2)[0]:.6f}"


def test_a_changed_learning_rate_retrains():
    at = fresh()
    at.select_slider(key="lr").set_value(0.1).run()
    # w1 = -0.16595599 - 0.1 * (-0.2688417): a tenth of the notebook's first step
    assert apptest_shown(at, 1)["w1"] == "-0.139072"


def test_editing_a_cell_retrains_on_what_was_typed():
    at = fresh()
    apptest_edit(at, {0: {"x1": "1"}})
    assert not at.exception and not apptest_sidebar_errors(at)
    rows = [[1.0, 1.0, 0.0], *NOTEBOOK_ROWS[1:]]
    assert apptest_stage(at)[0]["meta"]["rows"] == rows
    assert apptest_shown(at, 1) == expected_shown(train_rows(rows), 1)
    assert apptest_shown(at, 1)["w1"] != "0.102886"
    assert at.query_params["data"] == "1,1,0;0,1,0;1,0,1;1,0,1"


def test_a_bad_cell_names_row_and_column_and_keeps_the_last_valid_run():
    at = fresh()
    before = apptest_stage_bytes(at)
    apptest_edit(at, {2: {"y": "7"}})
    assert not at.exception
    [error] = apptest_sidebar_errors(at)
    assert error.startswith(NOT_USED)
    assert "Row 3, column 'y': '7' is outside 0 to 1" in error
    assert any("last valid run" in w.value for w in at.warning)
    assert apptest_stage_bytes(at) == before  # still the notebook's run, byte for byte


# What a student may type into a cell, and what must come of it: trained on exactly the
# value, or refused with a message naming the row, the column, what was typed and why.
TYPED = [
    ("y", "abc", None, ("Row 3, column 'y': 'abc'", "is not a number")),
    ("x1", "1e300", 1e300, None),
    ("x1", "\u22120", -0.0, None),  # a Unicode minus, as pasted from a document
    ("x2", "\u22120.5", -0.5, None),
    ("x2", "0,5", None, ("Row 3, column 'x2': '0,5'", "comma")),
    ("y", "5", None, ("Row 3, column 'y': '5'", "is outside 0 to 1")),
    ("x2", "", None, ("Row 3, column 'x2': is empty",)),
    ("y", "   ", None, ("Row 3, column 'y': is empty",)),
    ("x1", "1e999", None, ("Row 3, column 'x1': '1e999'", "is too large to use")),
    ("x1", "1_000", None, ("Row 3, column 'x1': '1_000'", "is not a number")),
]


@pytest.mark.parametrize(("column", "typed", "value", "message"), TYPED, ids=repr)
def test_typing_into_the_editor_trains_on_that_value_or_says_why_not(column, typed, value, message):
    at = fresh(iterations="50")
    apptest_edit(at, {0: {"y": "0.25"}})  # a good edit first: the last valid run is not the preset
    good = apptest_stage_bytes(at)
    good_rows = [[0.0, 1.0, 0.25], *NOTEBOOK_ROWS[1:]]
    assert apptest_stage(at)[0]["meta"]["rows"] == good_rows
    apptest_edit(at, {0: {"y": "0.25"}, 2: {column: typed}})
    assert not at.exception
    if message is None:
        assert not apptest_sidebar_errors(at)
        row = apptest_stage(at)[0]["meta"]["rows"][2]
        got = row[COLUMNS.index(column)]
        assert got == value and math.copysign(1, got) == math.copysign(1, value)
        rows = [list(r) for r in good_rows]
        rows[2][COLUMNS.index(column)] = value
        assert apptest_shown(at, 50) == expected_shown(train_rows(rows, iterations=50), 50)
    else:
        [error] = apptest_sidebar_errors(at)
        assert error.startswith(NOT_USED)
        [line] = [x for x in error.splitlines() if message[0] in x]  # row, column, what was typed
        assert all(part in line for part in message), line  # … and why
        assert any("last valid run" in w.value for w in at.warning)
        assert apptest_stage_bytes(at) == good


def test_a_shorter_run_clamps_the_step_as_a_move_the_page_adopts():
    """On the Walkthrough at step 500, fewer iterations: the server clamps t and bumps its
    epoch, so the page adopts the clamped step instead of telling the server its old one
    again (which the server would clamp again, for ever)."""
    at = walkthrough(fresh())
    report(at, {"t": 500, "n": 1})
    at.number_input(key="iterations").set_value(100.0).run()
    assert not at.exception
    assert at.session_state["t"] == 100 and at.session_state["t_epoch"] == 1
    assert (apptest_link_data(at)["t"], apptest_link_data(at)["epoch"]) == (100, 1)
    assert walk_heading(at).startswith("### Step t = 100:")


def test_switching_pages_keeps_the_step():
    at = walkthrough(fresh())  # the page showed step 1 on Train, and says so here
    report(at, {"t": 1, "n": 1})
    assert not at.exception
    assert at.session_state["t"] == 1
    assert walk_heading(at).startswith("### Step t = 1:")
    at.switch_page("pages/train.py").run()
    assert not at.exception
    assert at.session_state["t"] == 1
    assert apptest_shown(at)["w1"] == "0.102886"
    assert "t=1" in apptest_share_link(at)


# --- the Walkthrough page ------------------------------------------------------------------


def array_values(at: AppTest) -> list[np.ndarray]:
    return [np.asarray(df.value, dtype=float).ravel() for df in at.main.dataframe]


def test_walkthrough_shows_the_notebooks_printed_values_at_step_0():
    at = walkthrough(fresh())
    assert not at.exception
    shown_arrays = array_values(at)
    printed = {  # the notebook's printed output, cell by cell
        "layer_1": [0.60841366, 0.60841366, 0.45860596, 0.45860596],
        "layer_1_error": [0.60841366, 0.60841366, -0.54139404, -0.54139404],
        "synapse_derivative": [-0.2688417, 0.28990482],
        "new synapse": [0.10288571, 0.15074416],
    }
    for name, values in printed.items():
        assert any(
            len(a) == len(values) and np.allclose(a, values, atol=5e-9) for a in shown_arrays
        ), name
    assert any("0.459" in i.value for i in at.info)


def test_walkthrough_shows_the_step_from_a_link():
    at = walkthrough(fresh(t="3", iterations="40"))
    assert not at.exception
    assert walk_heading(at).startswith("### Step t = 3:")
    history = train_rows(NOTEBOOK_ROWS, iterations=40)
    [weights] = [a for a in array_values(at)[:3] if len(a) == 2]  # cell 2, synapse_0
    np.testing.assert_allclose(weights, history.weights[3], atol=5e-9)


def test_walkthrough_buttons_move_the_servers_step_and_bump_the_epoch():
    at = walkthrough(fresh(iterations="30"))
    assert at.button(key="walk-reset").disabled and at.button(key="walk-back").disabled
    moves = [
        ("walk-step", 1),
        ("walk-step", 2),
        ("walk-back", 1),
        ("walk-jump", 10),  # 0 → 1 → 10 → 100 …, capped at the end
        ("walk-jump", 30),
        ("walk-reset", 0),
    ]
    for epoch, (key, t) in enumerate(moves, start=1):
        at.button(key=key).click().run()
        assert not at.exception
        assert at.session_state["t"] == t, key
        assert at.session_state["t_epoch"] == epoch, key
        assert walk_heading(at).startswith(f"### Step t = {t}:"), key
        assert (f"t={t}" in apptest_share_link(at)) == (t != 0)
    at.slider(key="walk_slider").set_value(30).run()
    assert at.session_state["t"] == 30 and at.session_state["t_epoch"] == len(moves) + 1
    assert at.button(key="walk-step").disabled and at.button(key="walk-jump").disabled
    assert any("end of this run" in s.value for s in at.success)
    # The Train page adopts the server's move: its stage starts there.
    at.switch_page("pages/train.py").run()
    session = apptest_stage(at)[2]
    assert session["t"] == 30 and session["epoch"] == len(moves) + 1
    assert apptest_shown(at) == expected_shown(train_rows(NOTEBOOK_ROWS, iterations=30), 30)


# --- the stage as Streamlit sends it -------------------------------------------------------


def test_the_stage_is_identical_bytes_until_the_server_moves_t():
    at = fresh(seed="5")
    first, run = apptest_stage_bytes(at), apptest_run_blob(at)
    at.run()
    assert apptest_stage_bytes(at) == first  # nothing changed: Streamlit can send a reference
    walkthrough(at)
    report(at, {"t": 9, "n": 1})  # the page showed step 9: the server learns, t's epoch stays
    at.button(key="walk-step").click().run()  # the server moves t: 9 → 10
    at.switch_page("pages/train.py").run()
    moved = apptest_stage_bytes(at)
    assert moved != first
    assert apptest_stage_data(at)["run"] == json.loads(first)["run"] and apptest_run_blob(at) == run
    _, _, session = apptest_stage(at)  # only where the page starts has changed
    assert (session["t"], session["epoch"]) == (10, 1)
    at.run()
    assert apptest_stage_bytes(at) == moved


def test_the_run_is_one_file_per_run_shared_by_sessions():
    one, other = fresh(seed="5"), fresh(seed="5")
    assert apptest_stage_data(one)["run"] == apptest_stage_data(other)["run"]
    one.number_input(key="seed").set_value(6).run()
    assert apptest_stage_data(one)["run"] != apptest_stage_data(other)["run"]
    assert (
        apptest_stage(one)[0]["meta"]["seed"] == 6 and apptest_stage(other)[0]["meta"]["seed"] == 5
    )


def test_a_one_step_run_packs_without_error():
    at = fresh(iterations="1", seed="9")
    assert not at.exception
    header, arrays, session = apptest_stage(at)
    assert header["meta"]["last"] == 1 and session["t"] == 0
    assert arrays["weights"].shape == (2, 2) and arrays["loss"].shape == (2,)
    assert apptest_shown(at, 1) == expected_shown(
        train_rows(NOTEBOOK_ROWS, seed=9, iterations=1), 1
    )


def test_a_diverging_run_packs_only_its_finite_steps():
    at = fresh(data="1e200,1e200,1;-1e200,1e200,0", lr="100", loss="Cross-entropy")
    assert not at.exception
    rows, _ = decode_rows("1e200,1e200,1;-1e200,1e200,0")
    history = train_rows(rows, learning_rate=100.0, objective="cross_entropy")
    assert history.diverged_at is not None
    header, arrays, _ = apptest_stage(at)
    assert header["meta"]["diverged_at"] == history.diverged_at
    assert arrays["weights"].shape[0] == history.diverged_at == history.last_step + 1
    assert np.isfinite(arrays["weights"]).all()
    assert any(s["kind"] == "divergence" for s in header["signals"])


def test_a_thousand_row_table_sends_predictions_of_its_first_dozen_rows():
    # A link carries at most (4,000 + 1) // 6 = 666 rows; the rest are typed into the editor.
    linked = (limits.MAX_URL_CHARS + 1) // 6
    rows = [[i % 2, (i // 2) % 2, i % 2] for i in range(limits.MAX_ROWS)]
    data = ";".join(",".join(str(v) for v in row) for row in rows[:linked])
    at = fresh(iterations="500", data=data)
    assert not at.exception
    added = [dict(zip(("x1", "x2", "y"), map(str, row), strict=True)) for row in rows[linked:]]
    apptest_edit(at, {}, added)
    assert not at.exception and not apptest_sidebar_errors(at)
    header, arrays, _ = apptest_stage(at)
    assert header["meta"]["n_rows"] == limits.MAX_ROWS
    assert header["meta"]["shown_rows"] == view_caps.SHOWN_ROWS == 12
    assert arrays["predictions"].shape == (501, 12)
    history = train_rows(rows, iterations=500)
    np.testing.assert_array_equal(arrays["predictions"], history.predictions[:, :12])
    assert apptest_shown(at, 500) == expected_shown(history, 500)  # accuracy over all 1,000 rows


# --- the Compare page ----------------------------------------------------------------------


def compare(at: AppTest, rates: list[float] | None = None) -> AppTest:
    at.switch_page("pages/compare.py").run()
    if rates is not None:
        at.multiselect(key="compare_rates").set_value(rates).run()
    assert not at.exception
    return at


@pytest.fixture
def races(monkeypatch) -> list[dict]:
    """The header of every race the Compare page packs for the page (``ui.race``), in order."""
    import ui.race

    seen, real = [], ui.race.packed_race

    def recording(*args, **kwargs):
        blob = real(*args, **kwargs)
        seen.append(unpack(gzip.decompress(blob))[0])
        return blob

    monkeypatch.setattr(ui.race, "packed_race", recording)
    return seen


def race_runs(races: list[dict], field: str = "label") -> list:
    return [run[field] for run in races[-1]["runs"]]


def test_compare_page_runs_without_exception(races):
    compare(fresh())
    assert race_runs(races) == ["lr 0.1, seed 1", "lr 1, seed 1", "lr 10, seed 1"]


def test_compare_table_says_what_happened_to_each_run_and_never_none(races):
    compare(fresh(preset="XOR", bias="true", loss="Cross-entropy"), [1.0, 10.0, 100.0])
    for rate, run in zip((1.0, 10.0, 100.0), races[-1]["runs"], strict=True):
        texts = [run[k] for k in ("label", "final_loss", "final_accuracy", "happened")]
        assert not any(c in ("None", "nan", "") for c in texts), texts
        history = train_rows(
            PRESETS["xor"].rows, learning_rate=rate, bias=True, objective="cross_entropy"
        )
        assert run["happened"] == what_happened(history), rate
        assert run["happened"] == (summary(diagnose(history)) or course(history))


def test_compare_says_xor_with_a_huge_rate_oscillates(races):
    compare(fresh(preset="XOR", bias="true", loss="Cross-entropy"), [1.0, 100.0])
    said = dict(zip(race_runs(races), race_runs(races, "happened"), strict=True))
    assert "oscillates" in said["lr 100, seed 1"]


def test_compare_on_the_notebook_data_finds_lr_100_lowest_and_not_overshooting(races):
    compare(fresh(), [1.0, 10.0, 100.0])
    finals = {
        rate: float(train_rows(NOTEBOOK_ROWS, learning_rate=rate).loss[-1])
        for rate in (1.0, 10.0, 100.0)
    }
    assert min(finals, key=finals.get) == 100.0  # an independent run agrees
    lead, text = races[-1]["findings"][0]
    assert (lead, text) == ("Lowest final loss", f"lr 100, seed 1 ({finals[100.0]:.4g}).")
    assert not any("overshoot" in said for said in race_runs(races, "happened"))


def test_compare_claims_agree_with_what_it_draws(races):
    """Issue 20's four rates × two seeds on the notebook's data: one format, the course of
    lr 100's loss said as it is, every run told apart and coinciding ends said."""
    at = compare(fresh(), [0.1, 1.0, 10.0, 100.0])
    at.multiselect(key="compare_seeds").set_value([1, 2]).run()
    header = races[-1]
    runs = {run["label"]: run for run in header["runs"]}
    assert len(runs) == 8
    assert header["findings"][0][0] == "Lowest final loss"
    text = header["findings"][0][1]
    assert text == f"lr 100, seed 1 ({runs['lr 100, seed 1']['final_loss']})."
    assert runs["lr 100, seed 1"]["final_loss"] == "6.366e-24"  # the table's text, too
    assert runs["lr 100, seed 1"]["happened"] == (
        "the loss fell from 0.6633 to 6.366e-24 in one step, then stayed flat"
    )
    assert "steadily" in runs["lr 1, seed 1"]["happened"]
    assert len({run["colour"] for run in runs.values()}) == 8
    assert len({run["symbol"] for run in runs.values()}) == 8
    same = [text for lead, text in header["findings"] if lead == "Same end point"]
    assert any(t.startswith("lr 1, seed 1 and lr 1, seed 2 end within") for t in same), same
    loss_axis = header["charts"]["loss"]["figure"]["layout"]["yaxis"]
    assert min(loss_axis["tickvals"]) < 1e-20, "the axis reaches lr 100's 6.4e-24"


def test_compare_trains_only_the_runs_it_draws(monkeypatch):
    trained = []
    real = perceptron.train_many

    def counting(*args, **kwargs):
        histories = real(*args, **kwargs)
        trained.extend((h.seed, h.learning_rate) for h in histories)
        return histories

    monkeypatch.setattr(perceptron, "train_many", counting)
    at = compare(fresh(seed="17"))  # a seed no other test compares: nothing from the cache
    at.multiselect(key="compare_rates").set_value([0.01, 0.1, 1.0, 10.0]).run()
    trained.clear()
    at.multiselect(key="compare_seeds").set_value([17, 18, 19]).run()
    assert not at.exception
    assert any("12 runs" in w.value for w in at.warning)
    # 3 seeds x 4 rates asked, the first 8 drawn: seeds 17 and 18 with every rate
    assert sorted(trained) == sorted((s, r) for s in (17, 18) for r in (0.01, 0.1, 1.0, 10.0))


def test_compare_caps_iterations_by_rows_and_says_so(races):
    rows = ";".join(["0,1,0", "1,0,1"] * 10)  # 20 rows: 1,000,000 / 20 - 1 = 49,999 steps
    at = compare(fresh(data=rows))
    at.select_slider(key="compare_iterations").set_value(100000).run()
    assert not at.exception
    assert any("100,000 × 20 rows" in i.value and "49,999" in i.value for i in at.info)
    assert race_runs(races, "last") == [49_999] * 3


def test_compare_races_runs_added_by_another_part_of_the_page(races):
    """The regime map's contract: (seed, rate) tuples in session state, after the pickers'."""
    at = compare(fresh())
    at.session_state["compare_extra_runs"] = [(4, 3.0), (1, 1.0), (4, 3.0)]  # one a pick, one twice
    at.run()
    assert not at.exception
    assert race_runs(races) == ["lr 0.1, seed 1", "lr 1, seed 1", "lr 10, seed 1", "lr 3, seed 4"]
    removes = [b for b in at.main.button if b.key.startswith("compare-remove-")]
    assert [b.label for b in removes] == ["lr 3, seed 4"]  # the picked one is raced as picked
    removes[0].click().run()
    assert at.session_state["compare_extra_runs"] == [(1, 1.0)]
    assert race_runs(races) == ["lr 0.1, seed 1", "lr 1, seed 1", "lr 10, seed 1"]


def test_compare_says_which_added_runs_it_leaves_out(races):
    at = compare(fresh())
    at.session_state["compare_extra_runs"] = [("x", 1.0), (2, -1.0), *[(s, 2.0) for s in range(6)]]
    at.run()
    assert not at.exception
    assert any("2 added run(s) were left out" in w.value for w in at.warning)
    assert any("9 runs" in w.value and "without lr 2, seed 5" in w.value for w in at.warning)
    assert len(race_runs(races)) == 8


# --- the rest of the shell -----------------------------------------------------------------


def test_an_unexpected_error_in_a_page_is_caught_at_the_page_boundary(monkeypatch):
    import ui.stage

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ui.stage, "show", broken)
    at = fresh(t="4")
    assert not at.exception  # no traceback for the student
    assert any("Something went wrong" in e.value for e in at.error)
    assert not any("boom" in e.value for e in at.error)
    at.button(key="reset_session").click().run()
    assert "t" not in at.session_state or at.session_state["t"] == 0
    assert "t" not in at.query_params


def test_presenter_mode_from_the_url_and_the_toggle():
    at = fresh(presenter="true")
    assert at.session_state.chosen.presenter is True
    assert at.toggle(key="presenter").value is True
    assert apptest_stage(at)[0]["presenter"] is True
    at.toggle(key="presenter").set_value(False).run()
    assert not at.exception
    assert at.session_state.chosen.presenter is False
    assert apptest_stage(at)[0]["presenter"] is False


def test_share_and_export_panel_offers_link_and_downloads():
    at = fresh(seed="7", t="1")
    data = apptest_link_data(at)
    assert (data["t"], data["epoch"], data["page"]) == (1, 0, "Train")  # the page writes t=1
    assert data["settings"] == apptest_stage_data(at)["settings"]  # one table for both
    assert apptest_share_link(at) == "?seed=7&t=1"
    labels = [b.label for b in at.sidebar.get("download_button")]
    assert labels == ["History as CSV", "Notebook-style script"]
    assert not at.exception


def test_a_session_hands_its_memory_back_when_it_ends(monkeypatch):
    """ui/memory.py: one trim per session, when its state is freed, not on every rerun."""
    import gc

    from ui import memory

    trims: list[int] = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            trims.append(pad)
            return 1

    monkeypatch.setattr(memory, "_LIBC", Libc())
    at = open_apptest({})
    at.run()  # a rerun registers nothing more
    assert "memory_token" in at.session_state and trims == []
    del at.session_state["memory_token"]  # what a closed session's cleanup drops
    gc.collect()
    assert trims == [0]
