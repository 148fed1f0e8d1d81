"""The Compare page's regime map: computed once per data and loss, shared by every session.

Both the map (small arrays) and its drawn figure are ``st.cache_resource``: a lecture hall
that opens one Compare link computes the map once and serialises it once. A new map is
computed off the script's thread: the page waits a few seconds for it (a map usually takes
less), and otherwise finishes without it and polls, so the race above keeps answering.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from perceptron.codecs import format_number
from perceptron.regimes import RATES, SEEDS, RegimeMap, map_iterations, regime_map
from perceptron.settings import LEARNING_RATES, SETTINGS, Row, RunSpec
from ui.assets import PLOTLY_URL, loader
from ui.compare_runs import EXTRA_KEY
from views.regime import WORDS, regime_chart

_element = st.components.v2.component("lab_regime", js=loader("regime.js"), isolate_styles=False)

PICKED_KEY = "regime_picked"
"""Session key of the last cell clicked, (seed, rate): the page offers it on Train."""

CACHE_ENTRIES = 4
"""Maps kept: 1,281 runs' verdicts and final losses, ~25 KB each (their figures ~0.3 MB)."""


WAIT_S = 4.0
"""How long a page run waits for a new map before it finishes without it and polls."""

POLL_S = 2.0
"""How often a page whose map is still being computed checks on it."""

_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regime-map")
"""One map at a time, off every session's script thread (two cores serve a whole hall)."""


@st.cache_resource(max_entries=CACHE_ENTRIES, show_spinner=False)
def computing(
    rows: tuple[Row, ...], iterations: int, bias: bool, objective: str
) -> Future[RegimeMap]:
    """The map of the sidebar's data and loss, all runs stepping together, as it is computed."""
    data = np.array(rows, dtype=np.float64)
    X, y = data[:, :2], data[:, 2]
    return _POOL.submit(regime_map, X, y, iterations=iterations, bias=bias, objective=objective)


@st.cache_resource(max_entries=2 * CACHE_ENTRIES, show_spinner=False)
def drawn(spec: RunSpec, iterations: int, presenter: bool) -> str:
    """The figure's JSON for the sidebar's run ``spec`` (outlined on the map), built once."""
    found = computing(spec.rows, iterations, spec.bias, spec.objective).result()
    figure = regime_chart(found, (spec.seed, spec.learning_rate), presenter=presenter)
    return json.dumps(figure, separators=(",", ":"), ensure_ascii=False)


def train_link(seed: int, rate: float) -> tuple[str, str]:
    """A link to Train for this run on the sidebar's data, and what it says about the rate.

    The sidebar offers only the rates of ``LEARNING_RATES``; a link carrying another one
    would be refused (and said so), so it names the nearest offered rate instead, openly.
    """
    offered = min(LEARNING_RATES, key=lambda r: abs(np.log10(r) - np.log10(rate)))
    params = {k: v for k, v in st.query_params.to_dict().items() if k not in ("t", "seed", "lr")}
    params.update(seed=str(seed), lr=SETTINGS["lr"].encode(offered))
    note = (
        ""
        if offered == rate
        else f" (Train offers rates in 1-2-5 steps, so it opens at {format_number(offered)}, "
        f"the nearest to {format_number(rate)})"
    )
    return f"train?{urlencode(params)}", note


def _picked(found: RegimeMap) -> None:
    """A clicked cell: its run joins the race (``ui/compare_runs.py`` reads the list)."""
    cell = st.session_state["regime-map"].get("picked") or {}
    row, column = cell.get("row"), cell.get("column")
    if not (isinstance(row, int) and isinstance(column, int)):
        return
    if 0 <= row < len(found.seeds) and 0 <= column < len(found.rates):
        pair = (found.seeds[row], found.rates[column])
        st.session_state[EXTRA_KEY] = [*(st.session_state.get(EXTRA_KEY) or []), pair]
        st.session_state[PICKED_KEY] = (row, column)


@st.fragment(run_every=POLL_S)
def _waiting(future: Future[RegimeMap], runs: int) -> None:
    """Until the map is ready; then one run of the whole page draws it (and ends this poll)."""
    if future.done():
        st.rerun()
    st.info(
        f"Training {runs:,} runs for the map… the rest of the page works meanwhile.",
        icon=":material/hourglass_top:",
    )


def show(spec: RunSpec, presenter: bool) -> None:
    """The map of ``spec``'s data and loss, the sidebar's run outlined; clicks add runs."""
    st.subheader("Where each learning rate lands")
    iterations = map_iterations(spec.iterations, len(spec.rows))
    runs = len(RATES) * len(SEEDS)
    capped = (
        f" The sidebar asks for {spec.iterations:,} iterations; the map stops at "
        f"{iterations:,} so that its {runs:,} runs stay affordable."
        if iterations < spec.iterations
        else ""
    )
    st.caption(
        f"{runs:,} runs of the sidebar's data and loss: {len(RATES)} learning rates from "
        f"0.001 to 1,000 × seeds 0 to 20, {iterations:,} iterations each.{capped} Colour: "
        "final loss; symbol: what the run did, as the Train page tells it. Hover a cell for "
        "its run, click it to add that run to the race above."
    )
    future = computing(spec.rows, iterations, spec.bias, spec.objective)
    try:
        found = future.result(timeout=WAIT_S)
    except TimeoutError:
        _waiting(future, runs)
        return
    except ValueError as error:  # the engine's own message, naming the field
        st.warning(f"The map cannot be drawn for these settings: {error}")
        return
    data = {
        "figure": drawn(spec, iterations, presenter),
        "plotly": PLOTLY_URL,
        "presenter": presenter,
    }
    _element(key="regime-map", data=data, on_picked_change=lambda: _picked(found))
    if spec.seed not in SEEDS:
        st.caption(f"The sidebar's seed {spec.seed} is not on the map (seeds 0 to 20).")
    picked = st.session_state.get(PICKED_KEY)
    if picked and picked[0] < len(found.seeds) and picked[1] < len(found.rates):
        row, column = picked
        seed, rate = found.seeds[row], found.rates[column]
        link, note = train_link(seed, rate)
        st.markdown(
            f"Added **lr {format_number(rate)}, seed {seed}** to the race: "
            f"{WORDS[found.name(row, column)].lower()}. [Open it on Train]({link}){note}."
        )
