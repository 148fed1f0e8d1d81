"""Walkthrough: the notebook, cell by cell, with live values at step t."""

import numpy as np
import pandas as pd
import streamlit as st

from ui import playback, shell
from ui.controls import Context


def array_table(values: np.ndarray, row_label: str, columns: list[str]) -> None:
    """A small array shown like the notebook prints it: 8 decimals, 1-based rows."""
    frame = pd.DataFrame(np.atleast_2d(values), columns=columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name=row_label)
    st.dataframe(frame.style.format("{:.8f}"), width="content")


def cell(title: str, formula: str, meaning: str) -> None:
    st.markdown(f"#### {title}")
    st.latex(formula)
    st.markdown(meaning)


def draw(ctx: Context, t: int) -> None:
    h = ctx.history
    view = h.step(t)
    names = h.weight_names
    squared = h.objective == "squared"
    st.markdown(f"### Step t = {t:,}: the update from `synapse_0` at step {t} to step {t + 1}")

    left, right = st.columns(2)
    with left:
        cell(
            "1 · The inputs",
            r"\text{layer\_0} = X",
            "Each row is one example; each column one input."
            + (" The last column of ones is the bias input." if h.bias else ""),
        )
        array_table(view.layer_0, "row", [*names[:-1], "1 (bias)"] if h.bias else names)
        cell(
            "2 · The weights",
            r"\text{synapse\_0} = w_t",
            "Drawn uniformly from [-1, 1) with the seed at step 0, then moved by every update.",
        )
        array_table(view.synapse_0.T, "step t", names)
        cell(
            "3 · Forward pass",
            r"\text{layer\_1} = \sigma(\text{layer\_0}\cdot\text{synapse\_0}),"
            r"\quad \sigma(x) = \frac{1}{1+e^{-x}}",
            "The neuron's prediction for each row: a weighted sum squashed into (0, 1).",
        )
        array_table(view.layer_1.T, "", [f"row {i + 1}" for i in range(h.n_rows)])
        if t == 0 and h.seed == 1 and not h.bias:
            st.info(
                "A note on the notebook's comment in this cell: it writes "
                "`Sigmoid(-0.165) = -0.54` for rows 3 and 4. Those rows are [1, 0], so the sum "
                "is −0.166 × 1 + 0.441 × 0 = −0.166, and σ(−0.166) = **0.459** (the value "
                "printed just below it). −0.54 is the *error* 0.459 − 1 of the next cell; a "
                "sigmoid is never negative.",
                icon=":material/edit_note:",
            )
    with right:
        cell(
            "4 · How much did we miss?",
            r"\text{layer\_1\_error} = \text{layer\_1} - y",
            "Positive: predicted too high; negative: too low.",
        )
        array_table(view.layer_1_error.T, "", [f"row {i + 1}" for i in range(h.n_rows)])
        if squared:
            cell(
                "5 · Scale by the slope",
                r"\text{layer\_1\_delta} = \text{layer\_1\_error}"
                r"\times \sigma(x)(1-\sigma(x))",
                "The sigmoid's slope is small where it is saturated, so confident rows move "
                "the weights little: why the final approach is so slow.",
            )
        else:
            cell(
                "5 · Cross-entropy delta",
                r"\text{layer\_1\_delta} = \text{layer\_1\_error}",
                "With cross-entropy the sigmoid's slope cancels out: a confident wrong row "
                "still pushes hard.",
            )
        array_table(view.layer_1_delta.T, "", [f"row {i + 1}" for i in range(h.n_rows)])
        if view.synapse_derivative is None:
            st.success(f"Step {t:,} is the end of this run: no update follows.")
            return
        cell(
            "6 · The gradient",
            r"\text{synapse\_derivative} = \text{layer\_0}^\top\cdot"
            r"\text{layer\_1\_delta}",
            "Each input's share of the blame, summed over all rows (the notebook sums, "
            "it does not average).",
        )
        array_table(view.synapse_derivative.T, "", names)
        cell(
            "7 · The update",
            rf"\text{{synapse\_0}} \mathrel{{-}}= {h.learning_rate:g}"
            r"\times\text{synapse\_derivative}",
            "Step downhill: against the gradient, scaled by the learning rate.",
        )
        array_table(view.new_synapse.T, "step t+1", names)


ctx = shell.context()
shell.problems(ctx)
st.markdown(
    "The notebook's cells with this run's values. At step 0 with the defaults they are "
    "exactly the numbers the notebook prints."
)
playback.stage(ctx, draw, allow_play=False)
