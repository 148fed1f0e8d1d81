"""The sidebar every page shares: dataset, parameters, presenter mode.

Widgets bind themselves to the URL (``bind="query-params"``) so a lecturer's
link restores them; the edited rows go through :mod:`ui.links`. Whatever the
user types, the engine validates it again here on the server: ``column_config``
limits only exist in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

import perceptron
from perceptron import limits
from perceptron.datasets import DEFAULT_PRESET, PRESETS
from perceptron.urlstate import LEARNING_RATES, LOSS_LABELS, format_number
from ui import links
from ui.run import RunSpec, train

DEFAULTS = links.BOUND_DEFAULTS


@dataclass
class Context:
    """What every page needs from the sidebar: the run to show and how to show it."""

    spec: RunSpec
    history: perceptron.History
    presenter: bool
    problems: list[str] = field(default_factory=list)


def _editor_frame(rows: tuple[tuple[float, float, float], ...]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["x1", "x2", "y"], dtype="float64")


def _base_rows(preset_key: str) -> tuple[tuple[float, float, float], ...]:
    """Rows the editor starts from: a shared link's data until the preset is changed."""
    state = st.session_state
    if state.get("base_preset") != preset_key or state.get("base_rows") is None:
        state.base_preset = preset_key
        state.base_rows = PRESETS[preset_key].rows
    return state.base_rows


def _reset_data() -> None:
    st.session_state.base_rows = PRESETS[st.session_state.preset].rows
    st.session_state.editor_version = st.session_state.get("editor_version", 0) + 1


def _dataset(preset_key: str) -> tuple[tuple[tuple[float, float, float], ...] | None, list[str]]:
    preset = PRESETS[preset_key]
    st.caption(preset.description)
    version = st.session_state.setdefault("editor_version", 0)
    edited = st.data_editor(
        _editor_frame(_base_rows(preset_key)),
        key=f"editor-{preset_key}-{version}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "x1": st.column_config.NumberColumn("x1", help="First input", format="%g"),
            "x2": st.column_config.NumberColumn("x2", help="Second input", format="%g"),
            "y": st.column_config.NumberColumn(
                "y", help="Target: 0, 1 or in between", min_value=0.0, max_value=1.0, format="%g"
            ),
        },
    )
    try:
        X, y = perceptron.check_frame(edited)
    except perceptron.DatasetError as error:
        problems = [str(p) for p in error.problems]
        shown = "\n".join(f"- {p}" for p in problems[:6])
        more = f"\n- … and {len(problems) - 6} more" if len(problems) > 6 else ""
        st.error(f"**This table can't be trained on yet:**\n{shown}{more}", icon=":material/block:")
        st.button("Reset data to preset", on_click=_reset_data, width="stretch")
        return None, problems
    st.button("Reset data to preset", on_click=_reset_data, width="stretch")
    return tuple(
        (float(a), float(b), float(c)) for (a, b), c in zip(X.tolist(), y.tolist(), strict=True)
    ), []


def _parameters() -> None:
    st.number_input(
        # Float-typed on purpose: Streamlit's int parser lets an overflowing URL value
        # (?seed=1e309) escape as an exception; the float one ignores it.
        "Seed",
        min_value=0.0,
        max_value=float(2**32 - 1),
        value=DEFAULTS["seed"],
        step=1.0,
        format="%.0f",
        key="seed",
        bind="query-params",
        help="Picks the random starting weights (the notebook uses 1).",
    )
    st.number_input(
        "Iterations",
        min_value=1.0,
        max_value=float(limits.APP_MAX_ITERATIONS),
        value=DEFAULTS["iterations"],
        step=1000.0,
        format="%.0f",
        key="iterations",
        bind="query-params",
        help="Gradient-descent updates (1 to 100,000). 10,001 = the notebook's one manual step "
        "+ 10,000. Long runs are drawn with at most 400 points per line.",
    )
    st.select_slider(
        "Learning rate",
        options=LEARNING_RATES,
        value=DEFAULTS["lr"],
        key="lr",
        format_func=format_number,
        bind="query-params",
        help="How far each update moves the weights (log scale). The notebook uses 1.",
    )
    st.toggle(
        "Bias input",
        value=DEFAULTS["bias"],
        key="bias",
        bind="query-params",
        help="Adds a constant-1 input with its own weight b, so the boundary can shift.",
    )
    st.segmented_control(
        "Loss",
        options=list(LOSS_LABELS),
        default=DEFAULTS["loss"],
        required=True,
        format_func=LOSS_LABELS.get,
        key="loss",
        bind="query-params",
        help="What 'wrong' means: the notebook's squared error, or cross-entropy.",
    )


def sidebar() -> Context:
    """Draw the shared controls and return the run the pages should show."""
    links.audit_once()
    with st.sidebar:
        st.selectbox(
            "Dataset",
            options=list(PRESETS),
            format_func=lambda k: PRESETS[k].name,
            key="preset",
            bind="query-params",
            index=list(PRESETS).index(DEFAULT_PRESET),
            help="Preset truth tables; edit the rows below to make your own.",
        )
        links.restore_rows_once()
        rows, problems = _dataset(st.session_state.preset)
        with st.expander("Training parameters", expanded=True):
            _parameters()
        st.toggle(
            "Presenter mode",
            key="presenter",
            bind="query-params",
            help="Bigger text, thicker lines, one chart per row: for projectors.",
        )
    state = st.session_state
    fallback = state.get("last_good") or RunSpec(PRESETS[DEFAULT_PRESET].rows)
    spec = RunSpec(
        rows=rows or fallback.rows,
        seed=int(state.seed),
        iterations=int(state.iterations),
        learning_rate=float(state.lr),
        bias=bool(state.bias),
        loss=str(state.loss or DEFAULTS["loss"]),
    )
    try:
        perceptron.check_params(
            spec.seed,
            spec.iterations,
            spec.learning_rate,
            spec.bias,
            spec.loss,
            n_rows=len(spec.rows),
            max_values=limits.APP_MAX_HISTORY_VALUES,
        )
        history = train(spec)
    except ValueError as error:  # e.g. too many rows × iterations to record
        problems.append(str(error))
        st.sidebar.error(f"Can't train this: {error}", icon=":material/block:")
        spec, history = fallback, train(fallback)
    else:
        if rows is not None:
            state.last_good = spec
    links.write_rows(spec.rows, PRESETS[state.preset].rows)
    return Context(
        spec=spec, history=history, presenter=bool(state.get("presenter")), problems=problems
    )
