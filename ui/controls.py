"""The sidebar every page shares: the dataset, the run's parameters, presenter mode.

Each widget is built from its row in :data:`perceptron.settings.SETTINGS`, drawn as
:data:`ui.widgets.WIDGETS` says, and binds itself to the URL (``bind="query-params"``),
so a lecturer's link restores it. The data editor's cells are text on purpose: a
number column filters keystrokes in the browser ("abc" vanishes, "1e300" becomes
1300), while a text column keeps exactly what was typed, and the engine then reads it
or says why not. The table sits in a form: rows are typed first and applied with one
button.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import pandas as pd
import streamlit as st

import perceptron
from perceptron.codecs import format_number
from perceptron.datasets import PRESETS
from perceptron.settings import Row, RunSpec, Setting
from ui import links
from ui.chosen import ChosenRun
from ui.run import train
from ui.widgets import SETTINGS, WIDGETS, placed

COLUMNS = {
    "x1": "First input",
    "x2": "Second input",
    "y": "Target: 0, 1 or a value in between",
}


def widget(setting: Setting) -> Any:
    """The widget the app's table gives a setting, labelled, bounded and bound to the URL."""
    kind, note = WIDGETS[setting.key].kind, WIDGETS[setting.key].note
    hint = f"{setting.help} {note}".strip()
    common: dict[str, Any] = {"key": setting.key, "help": hint, "bind": "query-params"}
    options = list(setting.choices or ())
    label = setting.label
    if kind == "selectbox":
        return st.selectbox(
            label,
            options,
            index=options.index(setting.default),
            format_func=setting.choices.get,
            **common,
        )
    if kind == "segmented":
        return st.segmented_control(
            label,
            options,
            default=setting.default,
            required=True,
            format_func=setting.choices.get,
            **common,
        )
    if kind == "select_slider":
        return st.select_slider(
            label, options, value=setting.default, format_func=setting.choices.get, **common
        )
    if kind == "toggle":
        return st.toggle(label, value=setting.default, **common)
    # Float-typed on purpose: Streamlit's int parser lets an overflowing URL value
    # (?seed=1e309) escape as an exception; the float one ignores it.
    common["help"] += f" From {setting.low:,} to {setting.high:,}."
    return st.number_input(
        label,
        min_value=float(setting.low),
        max_value=float(setting.high),
        value=float(setting.default),
        step=float(setting.step),
        format="%.0f",
        **common,
    )


def _editor_frame(rows: tuple[Row, ...]) -> pd.DataFrame:
    return pd.DataFrame([[format_number(v) for v in row] for row in rows], columns=list(COLUMNS))


def editor_start(preset_key: str) -> dict[str, Any]:
    """Where the editor starts: its rows (a shared link's until the preset is changed), and
    a version that gives it a fresh key whenever that start is replaced."""
    start = st.session_state.setdefault("editor", {"preset": None, "rows": None, "version": 0})
    if start["preset"] != preset_key or start["rows"] is None:
        start.update(preset=preset_key, rows=PRESETS[preset_key].rows)
    return start


def _start_from_link() -> None:
    """A link's rows become the editor's start, once; the preset picker then takes over."""
    rows = st.session_state.link.pop("data", None)
    if rows is not None:
        editor_start(st.session_state.preset).update(rows=rows)


def restart_editor(rows: tuple[Row, ...]) -> None:
    """``rows`` become the editor's start, in a fresh editor (a big paste, a reset, the plane)."""
    start = editor_start(st.session_state.preset)
    start.update(rows=rows, version=start["version"] + 1)


def _reset_data() -> None:
    restart_editor(PRESETS[st.session_state.preset].rows)


def _dataset(preset_key: str) -> tuple[tuple[Row, ...] | None, list[str]]:
    """The editor, in a form, and right under it what is wrong with any cell, in plain words.

    A form because each committed cell would otherwise rerun the app and redraw the
    charts while the student types the next one: the grid then drops or splits their
    keystrokes ("0.5" stored as "5"). In a form nothing runs until they apply it.
    """
    about = st.empty()  # what the rows are, once they are read
    start = editor_start(preset_key)
    key = f"editor-{preset_key}-{start['version']}"
    with st.form(f"data-{preset_key}-{start['version']}", border=False):
        edited = st.data_editor(
            _editor_frame(start["rows"]),
            key=key,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                name: st.column_config.TextColumn(name, help=hint) for name, hint in COLUMNS.items()
            },
        )
        st.form_submit_button(
            "Train on this table",
            type="primary",
            width="stretch",
            key="apply_data",
            help="Use the rows as typed: a cell that is not a number is named below.",
        )
    try:
        X, y = perceptron.check_frame(edited)
    except perceptron.DatasetError as error:
        problems = [str(p) for p in error.problems]
        shown = "\n".join(f"- {p}" for p in problems[:6])
        more = f"\n- … and {len(problems) - 6} more" if len(problems) > 6 else ""
        st.error(
            f"**Not used yet: fix the cell to train on this table.**\n{shown}{more}",
            icon=":material/edit_note:",
        )
        rows = None
    else:
        problems = []
        rows = tuple(zip(X[:, 0].tolist(), X[:, 1].tolist(), y.tolist(), strict=True))
        _settle_many_added(key, rows)
    about.caption(dataset_note(preset_key, rows or start["rows"]))
    st.button("Reset data to preset", on_click=_reset_data, width="stretch")
    return rows, problems


def dataset_note(preset_key: str, rows: tuple[Row, ...]) -> str:
    """The preset's description while its rows are the table; else the rows are the student's
    (from a link, the plane or the table), and the preset's words would describe other rows."""
    preset = PRESETS[preset_key]
    if tuple(rows) == preset.rows:
        return preset.description
    n = len(rows)
    return f"Your data (from the {preset.name.split(':')[0]} preset): {n:,} row{'s' * (n != 1)}."


BAKE_ADDED_ROWS = 20
"""Added rows the editor replays on every rerun before a valid table becomes its new start."""


def _settle_many_added(key: str, rows: tuple[Row, ...]) -> None:
    """Make a big paste the editor's new starting table.

    Streamlit replays every added row onto the starting table on each rerun, one
    at a time: a pasted 1,000-row table made each rerun cost seconds. Once the
    table is valid, it becomes the start of a fresh editor (from the next run).
    """
    if len((st.session_state.get(key) or {}).get("added_rows") or []) > BAKE_ADDED_ROWS:
        restart_editor(rows)


def _typed(setting: Setting, value: Any) -> Any:
    """A widget's value as the run takes it: a number input gives a float, a choice may be unset."""
    if setting.kind == "whole":
        return int(value)
    if setting.kind == "flag":
        return bool(value)
    return type(setting.default)(value) if value in (setting.choices or {}) else setting.default


def run_spec(rows: tuple[Row, ...], values: Mapping[str, Any]) -> RunSpec:
    """The run the widgets' ``values`` (by URL key) describe, on ``rows``.

    Each run setting's ``name`` is its field of the spec, so a new parameter reaches the
    run by its row in the table, not by another line here.
    """
    names = {f.name for f in fields(RunSpec)} - {"rows"}
    run_settings = [s for s in SETTINGS.values() if s.scope == "run" and s.name in names]
    return RunSpec(rows=rows, **{s.name: _typed(s, values[s.key]) for s in run_settings})


def sidebar() -> ChosenRun:
    """Draw the shared controls and return the run the pages should show."""
    links.audit_once()
    with st.sidebar:
        for setting in placed("dataset"):
            widget(setting)
        _start_from_link()
        rows, problems = _dataset(st.session_state.preset)
        with st.expander("Training parameters", expanded=True):
            for setting in placed("training"):
                widget(setting)
        for setting in placed("display"):
            widget(setting)
    state = st.session_state
    fallback = state.get("last_good") or RunSpec()
    # A row being dragged on the plane (ui/plane.py): this run only, the editor left as it is.
    rows = state.pop("plane_preview", None) or rows
    spec = run_spec(rows or fallback.rows, state)
    try:
        train(spec)  # the shared shelf's run, trained now if it is not there (ui/run.py)
    except ValueError as error:  # the app's cap on rows × iterations to record, say
        problems.append(str(error))
        st.sidebar.error(f"Can't train this: {error}", icon=":material/block:")
        spec = fallback
    else:
        if rows is not None:
            state.last_good = spec
    links.write_rows(spec.rows, PRESETS[state.preset].rows)
    return ChosenRun(spec, bool(state.get("presenter")), problems)
