"""Compare: several runs of the same data on one loss landscape, and what each one did."""

import pandas as pd
import streamlit as st

from perceptron.codecs import format_number
from perceptron.diagnostics import diagnose, summary
from perceptron.settings import LEARNING_RATES
from ui import caps, compare_runs, entry, figure, shell
from ui.run import affordable_iterations, train_compare
from views.compare import compare_landscape_chart, compare_loss_chart


def findings(shown: list, labels: list[str]) -> str:
    """What these runs did, read off their histories: claims follow from what is drawn."""
    finals = [float(h.loss[h.last_step]) for h in shown]
    best = min(range(len(shown)), key=lambda i: finals[i])
    lines = [f"- **Lowest final loss:** {labels[best]} ({finals[best]:.3g})."]
    lines += [
        f"- **{label}:** {text}."
        for label, h in zip(labels, shown, strict=True)
        if (text := summary(diagnose(h)))
    ]
    if all(h.accuracy[h.last_step] < 1 for h in shown):
        lines.append("- **No run gets every row right** at its last step.")
    return "\n".join(lines)


entry.through_app()  # run alone (a fresh server's deep link): app.py draws it instead
chosen = shell.context("Compare")
shell.problems(chosen)
spec = chosen.spec
st.markdown(
    "The sidebar's data and loss, trained with several learning rates and seeds at once. "
    "Under the charts, what each run actually did. Try a tiny rate, the notebook's 1 and "
    "100; or pick **XOR** in the sidebar."
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

left, right = (st.container(), st.container()) if chosen.presenter else st.columns(2)
for column, build, name in (
    (left, compare_landscape_chart, "compare-paths"),
    (right, compare_loss_chart, "compare-loss"),
):
    with column:
        figure.show(build(shown, labels, presenter=chosen.presenter), name, chosen.presenter)

st.markdown(findings(shown, labels))
table = pd.DataFrame(
    {
        "run": labels,
        "final loss": [h.loss[h.last_step] for h in shown],
        "final accuracy": [f"{h.accuracy[h.last_step]:.0%}" for h in shown],
        "what happened": [summary(diagnose(h)) or "the loss fell steadily" for h in shown],
    }
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={"final loss": st.column_config.NumberColumn(format="%.3e")},
)
