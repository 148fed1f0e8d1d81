"""Compare: several runs of the same data on one loss landscape."""

import pandas as pd
import streamlit as st

from perceptron import limits
from perceptron.figures import compare_landscape_figure, compare_loss_figure
from perceptron.urlstate import LEARNING_RATES, format_number
from ui import charts, shell
from ui.run import affordable_iterations, train_compare

ctx = shell.context()
shell.problems(ctx)
spec = ctx.spec
st.markdown(
    "The sidebar's data and loss, trained with several learning rates and seeds at once. "
    "Try a tiny rate (crawls), the notebook's 1, and 100 (overshoots); or pick **XOR** in the "
    "sidebar and see that no run gets all four rows right."
)
cols = st.columns([3, 2, 2])
rates = cols[0].multiselect(
    "Learning rates",
    LEARNING_RATES,
    default=[0.1, 1.0, 10.0],
    format_func=format_number,
    key="compare_rates",
    max_selections=limits.MAX_COMPARE_RUNS,
)
seeds = cols[1].multiselect(
    "Seeds",
    list(range(0, 21)),
    default=[spec.seed] if spec.seed <= 20 else [1],
    key="compare_seeds",
    max_selections=4,
)
iterations = cols[2].select_slider(
    "Iterations", options=[100, 1000, 10001, 100000], value=10001, key="compare_iterations"
)
runs = len(rates) * len(seeds)
if not runs:
    st.info("Pick at least one learning rate and one seed.")
    st.stop()
if runs > limits.MAX_COMPARE_RUNS:
    st.warning(
        f"{runs} runs is more than the {limits.MAX_COMPARE_RUNS} this page draws; "
        f"showing the first {limits.MAX_COMPARE_RUNS}."
    )
most = affordable_iterations(len(spec.rows))
if iterations > most:
    st.info(
        f"Iterations: {iterations:,} × {len(spec.rows)} rows is more than the app records per run "
        f"({limits.APP_MAX_HISTORY_VALUES:,} values), so these runs stop at {most:,}.",
        icon=":material/info:",
    )
    iterations = most
pairs = tuple((s, float(r)) for s in seeds for r in rates)[: limits.MAX_COMPARE_RUNS]
shown = train_compare(spec.rows, pairs, iterations, spec.bias, spec.loss)
labels = [f"lr {format_number(h.learning_rate)}, seed {h.seed}" for h in shown]

left, right = (st.container(), st.container()) if ctx.presenter else st.columns(2)
with left:
    charts.show(compare_landscape_figure(shown, labels, presenter=ctx.presenter), "compare-paths")
with right:
    charts.show(compare_loss_figure(shown, labels, presenter=ctx.presenter), "compare-loss")

summary = pd.DataFrame(
    {
        "run": labels,
        "final loss": [h.loss[h.last_step] for h in shown],
        "final accuracy": [f"{h.accuracy[h.last_step]:.0%}" for h in shown],
        "loss first rose at step": [h.loss_rose_at for h in shown],
    }
)
st.dataframe(
    summary,
    hide_index=True,
    width="stretch",
    column_config={"final loss": st.column_config.NumberColumn(format="%.3e")},
)
