"""The app through Streamlit's AppTest: every page, every control, the notebook's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import editor_key, metric, open_app


def fresh(**params: str) -> AppTest:
    return open_app(params)


def click(at: AppTest, key: str) -> AppTest:
    return at.button(key=key).click().run()


def edit(at: AppTest, edited_rows: dict, added_rows: list | None = None) -> AppTest:
    key = editor_key(at)
    at.session_state[key] = {
        "edited_rows": edited_rows,
        "added_rows": added_rows or [],
        "deleted_rows": [],
    }
    return at.run()


def test_default_page_shows_the_notebooks_initial_state():
    at = fresh()
    assert not at.exception
    assert metric(at, "Iteration") == "0"
    assert metric(at, "w1") == "-0.165956"
    assert metric(at, "w2") == "0.440649"
    assert metric(at, "Accuracy") == "0%"  # 0.608 for targets 0, 0.459 for targets 1


def test_step_back_reset_and_jump_move_t():
    at = fresh()
    click(at, "step")
    assert metric(at, "Iteration") == "1"
    assert metric(at, "w1") == "0.102886"  # the notebook's "new synapse value"
    assert metric(at, "w2") == "0.150744"
    click(at, "step")
    click(at, "back")
    assert metric(at, "Iteration") == "1"
    click(at, "jump")
    assert metric(at, "Iteration") == "10"
    click(at, "reset")
    assert metric(at, "Iteration") == "0"
    assert not at.exception


def test_scrubbing_to_the_end_shows_the_notebooks_final_weights():
    at = fresh()
    at.slider(key="t_slider").set_value(10001).run()
    assert metric(at, "Iteration") == "10,001"
    assert metric(at, "w1") == "5.283217"
    assert metric(at, "w2") == "-5.283169"
    assert metric(at, "Accuracy") == "100%"


@pytest.mark.parametrize(
    ("widget", "value", "w1_at_0"),
    [("seed", 2, "-0.128010"), ("seed", 0, "0.097627")],
)
def test_a_changed_seed_retrains(widget, value, w1_at_0):
    at = fresh()
    at.number_input(key=widget).set_value(value).run()
    assert metric(at, "w1") == w1_at_0
    assert not at.exception


def test_a_changed_learning_rate_retrains():
    at = fresh()
    at.select_slider(key="lr").set_value(0.1).run()
    click(at, "step")
    # w1 = -0.16595599 - 0.1 * (-0.2688417): a tenth of the notebook's first step
    assert metric(at, "w1") == "-0.139072"


def test_editing_a_cell_retrains():
    at = fresh()
    at.slider(key="t_slider").set_value(1).run()
    before = metric(at, "w1")
    edit(at, {0: {"x1": 1.0}})
    assert not at.exception
    assert metric(at, "w1") != before


def test_a_bad_cell_names_row_and_column_and_keeps_the_last_valid_run():
    at = fresh()
    edit(at, {2: {"y": 7.0}})
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "Row 3" in errors and "'y'" in errors and "outside [0, 1]" in errors
    assert metric(at, "w1") == "-0.165956"  # still the notebook's run
    assert any("last valid run" in w.value for w in at.warning)
    assert not at.exception


def test_switching_pages_keeps_the_step():
    at = fresh()
    click(at, "step")
    at.switch_page("pages/walkthrough_page.py").run()
    assert not at.exception
    assert at.session_state.t == 1
    at.switch_page("pages/train_page.py").run()
    assert metric(at, "Iteration") == "1"


def test_walkthrough_shows_the_notebooks_printed_values_at_step_0():
    at = fresh()
    at.switch_page("pages/walkthrough_page.py").run()
    assert not at.exception
    shown = [np.asarray(df.value, dtype=float).ravel() for df in at.main.dataframe]
    printed = {  # the notebook's printed output, cell by cell
        "layer_1": [0.60841366, 0.60841366, 0.45860596, 0.45860596],
        "layer_1_error": [0.60841366, 0.60841366, -0.54139404, -0.54139404],
        "synapse_derivative": [-0.2688417, 0.28990482],
        "new synapse": [0.10288571, 0.15074416],
    }
    for name, values in printed.items():
        assert any(len(a) == len(values) and np.allclose(a, values, atol=5e-9) for a in shown), name
    assert any("0.459" in i.value for i in at.info)


def test_compare_page_runs_without_exception():
    at = fresh()
    at.switch_page("pages/compare_page.py").run()
    assert not at.exception
    assert len(at.main.dataframe) == 1
    assert len(at.main.dataframe[0].value) == 3  # lr 0.1, 1 and 10 with the sidebar's seed


def test_compare_trains_only_the_runs_it_draws(monkeypatch):
    import perceptron

    trained = []
    real = perceptron.train_many

    def counting(*args, **kwargs):
        histories = real(*args, **kwargs)
        trained.extend((h.seed, h.learning_rate) for h in histories)
        return histories

    monkeypatch.setattr(perceptron, "train_many", counting)
    at = fresh(seed="17")  # a seed no other test compares, so nothing comes from the cache
    at.switch_page("pages/compare_page.py").run()
    at.multiselect(key="compare_rates").set_value([0.01, 0.1, 1.0, 10.0]).run()
    trained.clear()
    at.multiselect(key="compare_seeds").set_value([17, 18, 19]).run()
    assert not at.exception
    assert any("12 runs" in w.value for w in at.warning)
    assert len(at.main.dataframe[0].value) == 8
    # 3 seeds x 4 rates asked, the first 8 drawn: seeds 17 and 18 with every rate
    assert sorted(trained) == sorted((s, r) for s in (17, 18) for r in (0.01, 0.1, 1.0, 10.0))


def test_compare_caps_iterations_by_rows_and_says_so():
    rows = ";".join(["0,1,0", "1,0,1"] * 10)  # 20 rows: 1,000,000 / 20 - 1 = 49,999 steps
    at = fresh(data=rows)
    at.switch_page("pages/compare_page.py").run()
    at.select_slider(key="compare_iterations").set_value(100000).run()
    assert not at.exception
    assert any("100,000 × 20 rows" in i.value and "49,999" in i.value for i in at.info)
    assert len(at.main.dataframe[0].value) == 3


def test_an_unexpected_error_in_a_page_is_caught_at_the_page_boundary(monkeypatch):
    import perceptron.figures

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(perceptron.figures, "loss_figure", broken)
    at = fresh()
    assert not at.exception  # no traceback for the student
    assert any("Something went wrong" in e.value for e in at.error)
    assert at.button(key="reset_session")
    at.button(key="reset_session").click().run()
    assert "t" not in at.session_state or at.session_state.t == 0


def test_presenter_mode_from_the_url_and_the_toggle():
    at = fresh(presenter="true")
    assert at.session_state.ctx.presenter is True
    assert at.toggle(key="presenter").value is True
    at.toggle(key="presenter").set_value(False).run()
    assert at.session_state.ctx.presenter is False
    assert not at.exception


def test_share_and_export_panel_offers_link_and_downloads():
    at = fresh(seed="7")
    click(at, "step")
    link = next(c.value for c in at.code if "seed=7" in c.value)
    assert "t=1" in link
    assert not at.exception


def test_play_then_pause_takes_over_the_step_the_clock_reached(monkeypatch):
    import ui.playback

    clock = [1000.0]
    monkeypatch.setattr(ui.playback.time, "monotonic", lambda: clock[0])
    at = fresh()
    click(at, "play")
    assert at.session_state.playing is True
    assert at.button(key="play").label == "Pause"
    clock[0] += 15.0 * 0.5  # half of a normal-speed playback later
    click(at, "play")
    assert at.session_state.playing is False
    # half-way on the log scale of t + 100 over 10,001 steps: 100 * (sqrt(101) - 1) = 905
    assert metric(at, "Iteration") == "905"


def test_step_while_playing_steps_from_where_playback_is(monkeypatch):
    import ui.playback

    clock = [50.0]
    monkeypatch.setattr(ui.playback.time, "monotonic", lambda: clock[0])
    at = fresh()
    click(at, "play")
    clock[0] += 15.0 * 0.5
    click(at, "step")
    assert at.session_state.playing is False
    assert metric(at, "Iteration") == "906"
