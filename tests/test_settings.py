"""The one table of settings, walked: link, CLI, engine, widgets and export agree with it.

Every test here loops over :data:`perceptron.settings.SETTINGS` (or its run settings), so a
new row is checked the day it is added, and a widget, a URL key, a CLI flag and an engine
default cannot drift apart. The link format's codecs (rows, steps, numbers) are tested here
too, against hand-written links, including ones shared before the table existed.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Mapping
from dataclasses import fields
from dataclasses import replace as dataclass_replace
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import perceptron
from perceptron import cli, limits, settings
from perceptron.codecs import (
    decode_choice,
    decode_flag,
    decode_rows,
    decode_step,
    decode_whole,
    encode_rows,
    format_number,
)
from perceptron.datasets import DEFAULT_PRESET, PRESETS
from perceptron.export import notebook_script, settings_header
from perceptron.settings import (
    LEARNING_RATES,
    LOSS_LABELS,
    RUN_SETTINGS,
    SETTINGS,
    VIEW_LABELS,
    RunSpec,
    Setting,
    audit,
)
from perceptron.training import DEFAULTS, train, train_many
from ui import caps as app_caps
from ui import widgets
from views import caps as view_caps

ODD_ROWS = (
    ((0.5, -1e300, 1.0),),
    ((1 / 3, 2.0, 0.25), (-0.0, 1e-300, 0.0), (123456789.125, -7.5, 1.0)),
)
STEPS = (1, 42, 10001, limits.MAX_ITERATIONS, 10**12 - 1)


def representative_values(setting: Setting) -> list[Any]:
    """Its default where there is one, every choice, the bounds, both flags, some rows or steps."""
    values = [] if setting.default is None else [setting.default]
    if setting.kind == "choice":
        values += list(setting.choices or ())
    elif setting.kind == "whole":
        values += [setting.low, setting.high, setting.low + setting.step, 42]
    elif setting.kind == "flag":
        values += [False, True]
    elif setting.kind == "rows":
        values += [preset.rows for preset in PRESETS.values()] + list(ODD_ROWS)
    elif setting.kind == "step":
        values += list(STEPS)
    else:  # a new kind must say here which values stand for it
        raise AssertionError(f"{setting.key}: no representative values for kind {setting.kind!r}")
    return values


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- the table itself --------------------------------------------------------------------------


OFFERED_RATES = ", ".join(SETTINGS["lr"].choices.values())


def test_the_table_lists_every_setting_once_in_sidebar_order():
    assert list(SETTINGS) == [
        "preset",
        "data",
        "seed",
        "iterations",
        "lr",
        "bias",
        "loss",
        "view",
        "presenter",
        "t",
    ]
    assert all(key == s.key for key, s in SETTINGS.items())
    assert len({s.name for s in SETTINGS.values()}) == len(SETTINGS)
    assert len({s.label for s in SETTINGS.values()}) == len(SETTINGS)
    run_keys = ["preset", "data", "seed", "iterations", "lr", "bias", "loss"]
    assert [s.key for s in RUN_SETTINGS] == run_keys
    for setting in SETTINGS.values():
        # a run setting is typed on a command line; a view setting only changes the picture
        assert (setting.cli is not None) == (setting.scope == "run"), setting.key
        assert setting.help.strip() and setting.label.strip(), setting.key


@pytest.mark.parametrize("key", SETTINGS)
def test_every_default_is_valid_and_within_its_bounds(key):
    setting = SETTINGS[key]
    if setting.default is None:  # data: the preset's rows
        assert setting.kind == "rows"
        return
    if setting.kind == "choice":
        assert setting.default in setting.choices
    if setting.kind == "whole":
        assert setting.low <= setting.default <= setting.high
    assert audit({key: setting.encode(setting.default)}) == []


# --- every setting round-trips through the URL -------------------------------------------------


@pytest.mark.parametrize("key", SETTINGS)
def test_every_setting_round_trips_through_the_url(key):
    setting = SETTINGS[key]
    values = representative_values(setting)
    assert len(values) >= 2, key
    for value in values:
        text = setting.encode(value)
        assert isinstance(text, str) and text, (key, value)
        assert setting.decode(text) == (value, None), (key, value, text)
        assert audit({key: text}) == [], (key, value, text)


def test_choices_travel_as_the_labels_the_widgets_show():
    # Streamlit's URL binding writes a choice widget's label, so that is the link's text too
    assert {k: SETTINGS["preset"].encode(k) for k in PRESETS} == {
        k: p.name for k, p in PRESETS.items()
    }
    assert SETTINGS["loss"].encode("cross_entropy") == "Cross-entropy"
    assert SETTINGS["view"].encode("3d") == "3D surface"
    assert [SETTINGS["lr"].encode(rate) for rate in LEARNING_RATES] == [
        "0.001",
        "0.002",
        "0.005",
        "0.01",
        "0.02",
        "0.05",
        "0.1",
        "0.2",
        "0.5",
        "1",
        "2",
        "5",
        "10",
        "20",
        "50",
        "100",
    ]
    assert SETTINGS["bias"].encode(True) == "true" and SETTINGS["bias"].encode(False) == "false"
    assert SETTINGS["seed"].encode(4294967295) == "4294967295"
    assert SETTINGS["t"].encode(42) == "42"


# --- links shared before the table still mean the same ----------------------------------------

OLD_LINKS = [
    ("loss", "Cross-entropy", "cross_entropy"),
    ("loss", "Squared error", "squared"),
    ("view", "3D surface", "3d"),
    ("view", "Heat map", "heatmap"),
    ("preset", "XOR", "xor"),
    ("preset", "AND", "and"),
    ("preset", "Notebook: the first input decides", "notebook"),
    ("lr", "0.5", 0.5),
    ("lr", "1", 1.0),
    ("lr", "0.001", 0.001),
    ("lr", "100", 100.0),
    ("bias", "TRUE", True),
    ("bias", "true", True),
    ("bias", "False", False),
    ("presenter", "false", False),
    ("seed", "7", 7),
    ("seed", "7.0", 7),
    ("seed", str(limits.MAX_SEED), limits.MAX_SEED),
    ("iterations", "500", 500),
    ("iterations", str(app_caps.APP_MAX_ITERATIONS), app_caps.APP_MAX_ITERATIONS),
    ("data", "0,0,0;0,1,1;1,0,1;1,1,1", ((0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1))),
    ("data", "0,1,0;0,1,0;1,0,1;1,0,1", PRESETS["notebook"].rows),
    ("t", "42", 42),
    ("t", "0", 0),
]


@pytest.mark.parametrize(("key", "text", "value"), OLD_LINKS, ids=lambda v: str(v)[:24])
def test_links_shared_before_the_table_decode_the_same(key, text, value):
    assert SETTINGS[key].decode(text) == (value, None)
    assert audit({key: text}) == []


def test_the_issue_link_passes_the_audit_whole():
    link = {
        "preset": "XOR",
        "seed": "7",
        "iterations": "500",
        "lr": "0.5",
        "bias": "TRUE",
        "loss": "Cross-entropy",
        "data": "0,0,0;0,1,1;1,0,1;1,1,1",
        "t": "42",
        "view": "3D surface",
        "presenter": "false",
    }
    assert set(link) == set(SETTINGS)
    assert audit(link) == []
    decoded = {key: SETTINGS[key].decode(text)[0] for key, text in link.items()}
    spec = RunSpec(
        rows=decoded["data"],
        **{SETTINGS[k].name: decoded[k] for k in ("seed", "iterations", "lr", "bias", "loss")},
    )
    assert spec.params() == {
        "seed": 7,
        "iterations": 500,
        "learning_rate": 0.5,
        "bias": True,
        "objective": "cross_entropy",
    }
    h = train([r[:2] for r in spec.rows], [r[2] for r in spec.rows], **spec.params())
    assert h.y.tolist() == [0.0, 1.0, 1.0, 1.0] and h.weight_names == ["w1", "w2", "b"]


# --- a bad value in a link is refused, named, and never echoed in full -------------------------

BAD_VALUES = [
    # choice
    ("preset", "nope", "preset: 'nope' is not one of "),
    ("preset", "xor", "preset: 'xor' is not one of "),  # the key, not the label a link carries
    ("loss", "hinge", "loss: 'hinge' is not one of Squared error, Cross-entropy"),
    ("view", "3d", "view: '3d' is not one of Heat map, 3D surface"),
    (
        "lr",
        "0.3",
        f"lr: '0.3' is not one of {OFFERED_RATES}",
    ),
    (
        "lr",
        "-1",
        f"lr: '-1' is not one of {OFFERED_RATES}",
    ),
    (
        "lr",
        "nan",
        f"lr: 'nan' is not one of {OFFERED_RATES}",
    ),
    (
        "lr",
        "inf",
        f"lr: 'inf' is not one of {OFFERED_RATES}",
    ),
    (
        "lr",
        "",
        f"lr: '' is not one of {OFFERED_RATES}",
    ),
    # whole
    ("seed", "-1", "seed: '-1' is not a whole number from 0 to 4,294,967,295"),
    ("seed", str(limits.MAX_SEED + 1), "seed: '4294967296' is not a whole number from 0 to "),
    ("seed", "1.5", "seed: '1.5' is not a whole number; using 1"),
    ("seed", "1e309", "seed: '1e309' is not a whole number from 0 to "),
    ("seed", "abc", "seed: 'abc' is not a whole number from 0 to "),
    ("seed", "²", "seed: '²' is not a whole number from 0 to "),
    ("iterations", "-1", "iterations: '-1' is not a whole number from "),
    ("iterations", str(limits.MAX_ITERATIONS + 1), "iterations: '1000001' is not a whole"),
    ("iterations", str(10**12), "iterations: '1000000000000' is not a whole number from "),
    ("iterations", "2500.9", "iterations: '2500.9' is not a whole number; using 2,500"),
    # flag
    ("bias", "yes", "bias: 'yes' is not true or false"),
    ("presenter", "1", "presenter: '1' is not true or false"),
    # rows
    ("data", "1,2", "data: row 1 needs 3 numbers (x1,x2,y), got 2"),
    ("data", "", "data: no rows"),
    ("data", "0,0,0;a,b,c", "data: row 2 has a value that is not a number"),
    ("data", "0,0,5", "data: row 1 has a target outside [0, 1]"),
    # step
    ("t", "-1", "t: not a whole number ≥ 0"),
    ("t", "1.5", "t: not a whole number ≥ 0"),
    ("t", "x", "t: not a whole number ≥ 0"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD_VALUES, ids=lambda v: str(v)[:24])
def test_each_bad_value_is_refused_by_name(key, value, message):
    [said] = audit({key: value})
    assert said.startswith(message), said
    assert said.startswith(f"{key}: ")


def test_bad_values_cover_every_kind_of_setting():
    kinds = {SETTINGS[key].kind for key, _, _ in BAD_VALUES}
    assert kinds == {s.kind for s in SETTINGS.values()}
    assert {key for key, _, _ in BAD_VALUES} == set(SETTINGS)


def test_a_fraction_is_rounded_down_and_said_so():
    # the number widget keeps the whole part, so the link's value is used and the change told
    assert SETTINGS["seed"].decode("7.9") == (7, "'7.9' is not a whole number; using 7")
    assert SETTINGS["seed"].decode("7.0") == (7, None)


@pytest.mark.parametrize("key", SETTINGS)
def test_an_overlong_value_is_refused_for_every_setting(key):
    assert audit({key: "1" * (limits.MAX_URL_CHARS + 1)}) == [f"{key}: value too long"]
    assert audit({key: "0,0,0;" * 2000}) == [f"{key}: value too long"]


@pytest.mark.parametrize("key", [*SETTINGS, "utm_source"])
@pytest.mark.parametrize("filler", ["x", "9", "'", "\x00", "é"])
def test_a_huge_value_is_never_echoed_back(key, filler):
    known = key in SETTINGS
    # beyond the cap: refused unread
    [said] = audit({key: filler * 10_000})
    assert said == (f"{key}: value too long" if known else f"{key}: unknown setting")
    # right at the cap: read, but what is said does not grow with what was sent
    [said] = audit({key: filler * limits.MAX_URL_CHARS})
    assert said.startswith(f"{key}: ") and len(said) < 250, said[:300]
    assert said == audit({key: filler * 40})[0]


def test_unknown_keys_are_flagged_and_truncated():
    ignored = audit({"utm_source": "x", "k" * 500: "v", "lr": "1"})
    assert ignored == ["utm_source: unknown setting", "k" * 30 + ": unknown setting"]


def test_audit_reports_every_bad_field_in_the_links_order():
    ignored = audit({"seed": "x", "lr": "7", "zzz": "1", "bias": "true", "t": "-3"})
    assert [m.split(":")[0] for m in ignored] == ["seed", "lr", "zzz", "t"]


def test_audit_of_a_superscript_seed_never_raises():
    assert audit({"seed": "²"}) == ["seed: '²' is not a whole number from 0 to 4,294,967,295"]


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(SETTINGS)), st.text(max_size=40))
def test_decode_never_raises_and_audit_agrees_with_it(key, text):
    value, why = SETTINGS[key].decode(text)
    assert value is not None or why is not None
    said = audit({key: text})
    assert said == ([] if why is None else [f"{key}: {why}"])


# --- the CLI: one flag per run setting, same default, same help --------------------------------


def test_every_run_setting_has_a_flag_with_the_tables_default():
    args = cli.build_parser().parse_args([])
    assert set(vars(args)) == {s.name for s in RUN_SETTINGS} | {"json"}
    for setting in RUN_SETTINGS:
        assert getattr(args, setting.name) == setting.default, setting.key
    assert [s.cli for s in RUN_SETTINGS] == [
        "--preset",
        "--csv",
        "--seed",
        "--iterations",
        "--learning-rate",
        "--bias",
        "--loss",
    ]


def test_flags_take_every_value_the_table_offers():
    parser = cli.build_parser()
    for setting in RUN_SETTINGS:
        if setting.kind == "choice":
            for value in setting.choices:
                typed = setting.encode(value) if setting.key == "lr" else value
                args = parser.parse_args([setting.cli, str(typed)])
                assert getattr(args, setting.name) == value, (setting.key, value)
        elif setting.kind == "whole":
            for value in (setting.low, setting.high):
                args = parser.parse_args([setting.cli, str(value)])
                assert getattr(args, setting.name) == value
        elif setting.kind == "flag":
            assert getattr(parser.parse_args([setting.cli]), setting.name) is True


def help_text(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "2000")  # one line per option: no word is broken at a hyphen
    return one_line(cli.build_parser().format_help())


def test_help_shows_each_run_settings_sentence_and_default(monkeypatch):
    text = help_text(monkeypatch)
    for setting in RUN_SETTINGS:
        assert setting.cli in text
        if setting.kind == "rows":
            # --csv takes a file, not the link's rows: its own sentence, defaulting to the preset
            assert "--csv FILE CSV with a header" in text
            assert "(default: the preset's rows)" in text
            continue
        # A choice's default is shown as it is typed on the command line: its key.
        default = setting.default if setting.kind == "choice" and setting.key != "lr" else None
        shown = default if default is not None else setting.shown(setting.default)
        assert f"{one_line(setting.help)} (default: {shown})" in text
    assert "(default: 10,001)" in text and "(default: squared)" in text
    assert "points per line" not in text  # the app's drawing note stays in the app


# --- the engine's defaults are the table's ------------------------------------------------------


def test_runspec_fields_are_the_run_settings():
    names = [f.name for f in fields(RunSpec)]
    assert names == [s.name for s in RUN_SETTINGS if s.key != "preset"]
    spec = RunSpec()
    assert spec == DEFAULTS
    assert spec.rows == PRESETS[SETTINGS["preset"].default].rows == PRESETS[DEFAULT_PRESET].rows
    for setting in RUN_SETTINGS:
        if setting.key not in ("preset", "data"):
            assert getattr(spec, setting.name) == setting.default, setting.key
    assert spec.params() == {
        "seed": 1,
        "iterations": 10001,
        "learning_rate": 1.0,
        "bias": False,
        "objective": "squared",
    }


def test_train_defaults_are_the_tables():
    parameters = inspect.signature(train).parameters
    spec = RunSpec()
    assert list(parameters) == ["X", "y", *spec.params(), "max_values"]
    # the history budget is the caller's, not a setting: keyword-only, the engine's cap by default
    assert parameters["max_values"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["max_values"].default == limits.MAX_HISTORY_VALUES
    for name, value in spec.params().items():
        assert parameters[name].default == value, name
    by_name = {s.name: s.default for s in RUN_SETTINGS}
    assert {name: parameters[name].default for name in spec.params()} == {
        name: by_name[name] for name in spec.params()
    }


def test_train_many_defaults_are_the_tables():
    parameters = inspect.signature(train_many).parameters
    spec = RunSpec()
    assert parameters["seeds"].default == (spec.seed,)
    assert parameters["learning_rates"].default == (spec.learning_rate,)
    for name in ("iterations", "bias", "objective"):
        assert parameters[name].default == getattr(spec, name), name
    assert all(
        parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        for name in ("seeds", "learning_rates", "iterations", "bias", "objective")
    )


def test_the_default_run_is_accepted_by_the_app_and_the_engine():
    spec = RunSpec()
    checked = perceptron.check_params(
        **spec.params(), n_rows=len(spec.rows), max_values=app_caps.APP_MAX_HISTORY_VALUES
    )
    assert checked == (1, 10001, 1.0, False, "squared")


# --- the app's table: the engine's rows, drawn as the app chooses, within the app's caps ---------


def test_the_engine_table_knows_nothing_of_widgets():
    assert not {"widget", "app_note", "note", "place"} & {f.name for f in fields(Setting)}
    assert (SETTINGS["iterations"].low, SETTINGS["iterations"].high) == (0, limits.MAX_ITERATIONS)
    assert (SETTINGS["seed"].low, SETTINGS["seed"].high) == (0, limits.MAX_SEED)


def test_the_apps_table_is_the_engines_within_the_apps_caps():
    assert list(widgets.SETTINGS) == list(SETTINGS)
    for key, setting in SETTINGS.items():
        offered = widgets.SETTINGS[key]
        if key == "iterations":
            assert offered.high == app_caps.APP_MAX_ITERATIONS < setting.high
            assert dataclass_replace(offered, high=setting.high) == setting
        else:
            assert offered == setting, key
    # every parameter a student sets has a widget; the data (the editor), view and step do not
    assert [s.key for s in widgets.placed("dataset")] == ["preset"]
    training = [s.key for s in widgets.placed("training")]
    assert training == ["seed", "iterations", "lr", "bias", "loss"]
    assert [s.key for s in widgets.placed("display")] == ["presenter"]
    assert set(widgets.WIDGETS) == {"preset", *training, "presenter"}


def test_a_link_beyond_the_apps_cap_is_refused_by_the_app_only():
    over = str(app_caps.APP_MAX_ITERATIONS + 1)
    assert widgets.audit({"iterations": over}) == [
        f"iterations: '{over}' is not a whole number from 0 to 100,000"
    ]
    assert audit({"iterations": over}) == []  # the engine and the CLI run it
    assert widgets.audit({"iterations": str(app_caps.APP_MAX_ITERATIONS)}) == []
    for key, text, message in BAD_VALUES:  # what the engine refuses, the app refuses too
        [said] = widgets.audit({key: text})
        assert said.startswith(message if key != "iterations" else "iterations: "), said


def test_the_run_spec_is_built_by_walking_the_table():
    from ui import controls

    rows = PRESETS["xor"].rows
    # as the widgets leave them: number inputs give floats, the other settings ride along
    values = {"preset": "xor", "seed": 7.0, "iterations": 500.0, "lr": 0.5, "bias": True}
    values |= {"loss": "cross_entropy", "presenter": True}
    spec = controls.run_spec(rows, values)
    assert spec == RunSpec(rows, 7, 500, 0.5, True, "cross_entropy")
    assert [type(v) for v in spec.params().values()] == [int, int, float, bool, str]
    assert controls.run_spec(rows, {**values, "loss": None}).objective == "squared"  # unset
    for setting in RUN_SETTINGS:  # each run setting reaches the field its name names
        if setting.name in spec.params():
            other = next(v for v in representative_values(setting) if v != values[setting.key])
            changed = controls.run_spec(rows, {**values, setting.key: other})
            assert getattr(changed, setting.name) == other, setting.key


def test_the_sidebar_draws_the_apps_table_in_its_order(monkeypatch):
    from tests.support.apptest import open_apptest
    from ui import controls

    drawn: list[str] = []
    real = controls.widget

    def recording(setting: Setting) -> Any:
        drawn.append(setting.key)
        return real(setting)

    monkeypatch.setattr(controls, "widget", recording)
    at = open_apptest({})
    assert not at.exception
    assert drawn == ["preset", "seed", "iterations", "lr", "bias", "loss", "presenter"]
    [expander] = [e for e in at.sidebar.expander if e.label == "Training parameters"]
    assert [w.key for w in expander.number_input] == ["seed", "iterations"]
    assert [w.key for w in expander.select_slider] == ["lr"]
    assert [w.key for w in expander.toggle] == ["bias"]  # presenter is drawn after it
    assert expander.number_input(key="iterations").max == app_caps.APP_MAX_ITERATIONS
    assert [b.label for b in at.sidebar.button].count("Reset data to preset") == 1


def test_a_run_is_checked_once_against_the_apps_cap(monkeypatch):
    from perceptron import training
    from tests.support.apptest import open_apptest

    checked: list[tuple[Any, ...]] = []
    real = training.check_params

    def counting(*args: Any) -> tuple[Any, ...]:
        checked.append(args)
        return real(*args)

    monkeypatch.setattr(training, "check_params", counting)
    at = open_apptest({"seed": "424242"})  # a seed no other test trains: not in the cache
    assert not at.exception
    ours = [args for args in checked if args[0] == 424242]
    assert len(ours) == 1 and ours[0][-1] == app_caps.APP_MAX_HISTORY_VALUES
    at.run()  # a rerun keeps the session's run: nothing is checked or trained again
    assert len([args for args in checked if args[0] == 424242]) == 1
    rows = ";".join(["0,1,0", "1,0,1"] * 10)  # 20 rows × 100,000 iterations > 1,000,000
    at = open_apptest({"data": rows, "iterations": str(app_caps.APP_MAX_ITERATIONS)})
    errors = [e.value for e in at.sidebar.error]
    assert errors == [
        "Can't train this: iterations: 100,000 steps × 20 rows would record too much history; "
        "use at most 49,999 iterations for this many rows"
    ]
    assert [b.label for b in at.sidebar.button].count("Reset data to preset") == 1


def module_built_with(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, caps: ModuleType, **values: int
) -> ModuleType:
    """A fresh copy of ``module`` built while ``caps`` holds other values."""
    for name, value in values.items():
        monkeypatch.setattr(caps, name, value)
    name = f"{module.__name__.replace('.', '_')}_probe"
    spec = importlib.util.spec_from_file_location(name, module.__file__)
    probe = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, probe)  # dataclasses look it up
    spec.loader.exec_module(probe)
    return probe


def test_no_help_hard_codes_a_cap(monkeypatch):
    probe = module_built_with(monkeypatch, settings, limits, MAX_ITERATIONS=54_321, MAX_SEED=999)
    assert probe.SETTINGS["iterations"].high == 54_321 and probe.SETTINGS["seed"].high == 999
    noted = module_built_with(monkeypatch, widgets, view_caps, MAX_DRAWN_POINTS=123)
    assert "at most 123 points" in noted.WIDGETS["iterations"].note
    capped = module_built_with(monkeypatch, widgets, app_caps, APP_MAX_ITERATIONS=4_321)
    assert capped.SETTINGS["iterations"].high == capped.WIDGETS["iterations"].high == 4_321
    for setting in probe.SETTINGS.values():
        shown = noted.WIDGETS.get(setting.key)
        text = setting.help + (shown.note if shown else "")
        for cap in ("100,000", "100000", "1,000,000", "400", "4,294,967,295", "4294967295"):
            assert cap not in text, (setting.key, cap)


def widget_helps(monkeypatch: pytest.MonkeyPatch, table: Mapping[str, Setting]) -> dict[str, str]:
    """The help each sidebar widget is given, captured instead of drawn."""
    import streamlit as st

    from ui import controls

    helps: dict[str, str] = {}

    def capture(*args: Any, key: str, help: str, **kwargs: Any) -> None:
        helps[key] = help

    for name in ("selectbox", "segmented_control", "select_slider", "toggle", "number_input"):
        monkeypatch.setattr(st, name, capture)
    for key, setting in table.items():
        if key in widgets.WIDGETS:
            controls.widget(setting)
    return helps


def test_widget_help_reads_the_caps(monkeypatch):
    helps = widget_helps(monkeypatch, widgets.SETTINGS)
    assert set(helps) == set(widgets.WIDGETS)
    for key, text in helps.items():
        assert text.startswith(SETTINGS[key].help), key
    low = SETTINGS["iterations"].low
    assert f"From {low} to {app_caps.APP_MAX_ITERATIONS:,}." in helps["iterations"]
    assert f"at most {view_caps.MAX_DRAWN_POINTS} points" in helps["iterations"]
    assert f"From 0 to {limits.MAX_SEED:,}." in helps["seed"]
    probe = module_built_with(monkeypatch, widgets, app_caps, APP_MAX_ITERATIONS=54_321)
    helps = widget_helps(monkeypatch, probe.SETTINGS)
    assert f"From {low} to 54,321." in helps["iterations"]
    assert not any("100,000" in text for text in helps.values())


# --- the exported script names each run setting as the sidebar does -----------------------------


def test_script_header_lists_each_run_setting_by_its_label():
    nb = PRESETS["notebook"]
    h = train(
        nb.X,
        nb.y,
        seed=7,
        iterations=12345,
        learning_rate=0.5,
        bias=True,
        objective="cross_entropy",
    )
    assert settings_header(h) == [
        "#   Seed: 7",
        "#   Iterations: 12,345",
        "#   Learning rate: 0.5",
        "#   Bias input: on",
        "#   Loss: Cross-entropy",
    ]
    spec_names = set(RunSpec().params())
    labelled = [s for s in RUN_SETTINGS if s.name in spec_names]
    assert [line.split(":")[0] for line in settings_header(h)] == [
        f"#   {s.label}" for s in labelled
    ]
    for setting, line in zip(labelled, settings_header(h), strict=True):
        assert line == f"#   {setting.label}: {setting.shown(getattr(h, setting.name))}"
    source = notebook_script(h)
    assert source.startswith(
        "# Perceptron Lab run, replayed in the teaching notebook's own code. Its settings:\n"
        + "\n".join(settings_header(h))
        + "\n"
    )


def test_script_header_of_the_default_run_and_an_unoffered_rate():
    nb = PRESETS["notebook"]
    default = train(nb.X, nb.y, iterations=3)
    assert settings_header(default) == [
        "#   Seed: 1",
        "#   Iterations: 3",
        "#   Learning rate: 1",
        "#   Bias input: off",
        "#   Loss: Squared error",
    ]
    # the CLI takes any positive rate; one the slider does not offer is shown as typed
    off_table = train(nb.X, nb.y, iterations=3, learning_rate=0.3)
    assert "#   Learning rate: 0.3" in settings_header(off_table)


# --- the codecs: numbers, rows and steps as a link carries them ---------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
target = st.floats(min_value=0.0, max_value=1.0)
rows = st.lists(st.tuples(finite, finite, target), min_size=1, max_size=30)


@hypothesis_settings(max_examples=300, deadline=None)
@given(rows)
def test_rows_round_trip_exactly(values):
    text = encode_rows(values)
    decoded, error = decode_rows(text)
    if len(text) > limits.MAX_URL_CHARS:
        assert decoded is None and error == f"longer than {limits.MAX_URL_CHARS} characters"
        return
    assert error is None
    assert decoded == tuple(tuple(float(v) for v in row) for row in values)
    assert SETTINGS["data"].decode(SETTINGS["data"].encode(decoded)) == (decoded, None)


@given(finite)
def test_format_number_reads_back_as_the_same_float(value):
    assert float(format_number(value)) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, "0"), (1.0, "1"), (0.25, "0.25"), (-3.0, "-3"), (1e20, "1e+20"), (7, "7"), (0.1, "0.1")],
)
def test_format_number_is_short(value, text):
    assert format_number(value) == text


def test_the_notebook_rows_read_as_in_the_issue():
    assert encode_rows(PRESETS["notebook"].rows) == "0,1,0;0,1,0;1,0,1;1,0,1"
    assert SETTINGS["data"].encode(PRESETS["notebook"].rows) == "0,1,0;0,1,0;1,0,1;1,0,1"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "no rows"),
        (";;; ;", "no rows"),
        ("1,2", "row 1 needs 3 numbers (x1,x2,y), got 2"),
        ("0,0,0;1,2,3,4", "row 2 needs 3 numbers (x1,x2,y), got 4"),
        ("0,0,0;a,b,c", "row 2 has a value that is not a number"),
        ("0,0,", "row 1 has a value that is not a number"),
        ("nan,0,0", "row 1 has a value that is not finite"),
        ("0,inf,0", "row 1 has a value that is not finite"),
        ("1e309,0,0", "row 1 has a value that is not finite"),
        ("0,0,-0.5", "row 1 has a target outside [0, 1]"),
        ("0,0,1.0000001", "row 1 has a target outside [0, 1]"),
        ("9" * (limits.MAX_URL_CHARS + 1), "longer than 4000 characters"),
        ("0,0,0;" * (limits.MAX_ROWS + 1), "longer than 4000 characters"),  # length cap first
    ],
    ids=lambda v: str(v)[:30],
)
def test_malformed_rows_are_refused_with_a_reason(text, error):
    # the codec says why; the audit, not the codec, names the field
    assert decode_rows(text) == (None, error)
    if len(text) <= limits.MAX_URL_CHARS:
        assert audit({"data": text}) == [f"data: {error}"]


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


@pytest.mark.parametrize("text", ["", " ", "-1", "1.5", "1e3", "x", "+1", "9" * 13])
def test_decode_step_refuses_everything_else(text):
    assert decode_step(text) == (None, "not a whole number ≥ 0")


@pytest.mark.parametrize("text", ["²", "1²", "٣", "１", "1\x1f2"])
def test_decode_step_refuses_superscript_and_non_ascii_digits(text):
    assert decode_step(text) == (None, "not a whole number ≥ 0")


@pytest.mark.parametrize(("text", "step"), [("0\x1f", 0), ("\x1c7", 7)])
def test_decode_step_strips_surrounding_control_characters_like_spaces(text, step):
    assert decode_step(text) == (step, None)


@given(st.text(alphabet="0123456789 -+.e_x\t", max_size=20))
def test_decode_step_never_raises(text):
    step, error = decode_step(text)
    assert (step is None) != (error is None)


@pytest.mark.parametrize(
    ("text", "low", "high", "expected"),
    [
        ("7", 0, 10, (7, None)),
        (" 7 ", 0, 10, (7, None)),
        ("1e3", 1, 2000, (1000, None)),
        ("-0", 0, 10, (0, None)),
        ("10", 0, 10, (10, None)),
        ("11", 0, 10, (None, "'11' is not a whole number from 0 to 10")),
        ("0", 1, 100_000, (None, "'0' is not a whole number from 1 to 100,000")),
        ("nan", 0, 10, (None, "'nan' is not a whole number from 0 to 10")),
        ("inf", 0, 10, (None, "'inf' is not a whole number from 0 to 10")),
        ("2.5", 0, 10, (2, "'2.5' is not a whole number; using 2")),
        ("x" * 50, 0, 10, (None, f"'{'x' * 30}' is not a whole number from 0 to 10")),
    ],
)
def test_decode_whole(text, low, high, expected):
    assert decode_whole(text, low, high) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", (True, None)),
        ("TRUE", (True, None)),
        ("False", (False, None)),
        ("1", (None, "'1' is not true or false")),
        ("yes", (None, "'yes' is not true or false")),
        ("", (None, "'' is not true or false")),
    ],
)
def test_decode_flag(text, expected):
    assert decode_flag(text) == expected


def test_decode_choice_reads_labels_only_for_named_choices():
    labels = dict(LOSS_LABELS)
    assert decode_choice("Cross-entropy", labels) == ("cross_entropy", None)
    assert decode_choice("cross-entropy", labels) == (
        None,
        "'cross-entropy' is not one of Squared error, Cross-entropy",
    )
    assert decode_choice("3D surface", dict(VIEW_LABELS)) == ("3d", None)
    rates = {rate: format_number(rate) for rate in LEARNING_RATES}
    assert decode_choice("0.5", rates) == (0.5, None)
    assert decode_choice("0.3", rates) == (None, f"'0.3' is not one of {', '.join(rates.values())}")
    # Streamlit's binding matches labels exactly: "2.0" would be dropped, so it is refused.
    assert decode_choice("2.0", rates)[0] is None and decode_choice("2", rates) == (2.0, None)


def test_shown_reads_as_a_person_would():
    assert SETTINGS["iterations"].shown(10001) == "10,001"
    assert SETTINGS["seed"].shown(1) == "1"
    assert SETTINGS["lr"].shown(1.0) == "1" and SETTINGS["lr"].shown(0.3) == "0.3"
    assert SETTINGS["bias"].shown(True) == "on" and SETTINGS["bias"].shown(False) == "off"
    assert SETTINGS["loss"].shown("squared") == "Squared error"
    assert SETTINGS["preset"].shown("xor") == "XOR"
