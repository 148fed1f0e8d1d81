"""Compare: several runs of the same data race step by step on one landscape (``ui/race.py``)."""

import streamlit as st

from perceptron.codecs import format_number
from perceptron.settings import LEARNING_RATES
from ui import caps, compare_runs, entry, race, regime, shell
from ui.run import affordable_iterations, train_compare

entry.through_app()  # run alone (a fresh server's deep link): app.py draws it instead
chosen = shell.context("Compare")
shell.problems(chosen)
spec = chosen.spec
st.markdown(
    "The sidebar's data and loss, trained with several learning rates and seeds at once, "
    "racing from step 0 on one transport: Step, Play or the keys → ← ↑ Home P move every run. "
    "Under the charts, what each run does at step t and what it did by the end. Try a tiny "
    "rate, the notebook's 1 and 100; or pick **XOR** in the sidebar."
)
cols = st.columns([3, 2, 2])
rates = cols[0].multiselect(
    "Learning rates",
    LEARNING_RATES,
    default=[0.1, 1.0, 10.0],
    format_func=format_number,
    key="compare_rates",
    max_selections=caps.MAX_COMPARE_RUNS,
)
seeds = cols[1].multiselect(
    "Seeds",
    list(range(0, 21)),
    key="compare_seeds",
    max_selections=4,
    default=[spec.seed] if spec.seed <= 20 else [1],
)
iterations = cols[2].select_slider(
    "Iterations", options=[100, 1000, 10001, 100000], value=10001, key="compare_iterations"
)
chosen_pairs = compare_runs.picked(seeds, rates)
extras = compare_runs.extra_runs(chosen_pairs)
compare_runs.show_extra_runs(extras)
if not chosen_pairs + extras:
    st.info("Pick at least one learning rate and one seed.")
    st.stop()
most = affordable_iterations(len(spec.rows))
if iterations > most:
    st.info(
        f"Iterations: {iterations:,} × {len(spec.rows)} rows is more than the app records per run "
        f"({caps.APP_MAX_HISTORY_VALUES:,} values), so these runs stop at {most:,}.",
        icon=":material/info:",
    )
    iterations = most
pairs = tuple(compare_runs.race_pairs(chosen_pairs, extras))
shown = train_compare(spec.rows, pairs, iterations, spec.bias, spec.objective)
labels = [compare_runs.label(p) for p in pairs]

race.show(
    (spec.rows, pairs, iterations, spec.bias, spec.objective), labels, chosen.presenter, shown
)

regime.show(spec, chosen.presenter)  # last: the page above is drawn while a new map is computed
