"""Walkthrough: the notebook, cell by cell, with live values at step t."""

import numpy as np
import pandas as pd
import streamlit as st

from perceptron import History, StepView
from ui import entry, shell, steps
from ui.chosen import ChosenRun


def row_index(h: History) -> pd.Index:
    """The rows' labels, under a header: an empty header cell tells a screen reader nothing
    about its column (axe's ``empty-table-header``)."""
    return pd.Index([f"row {i + 1}" for i in range(h.n_rows)], name="row")


def weight_index(h: History) -> pd.Index:
    return pd.Index(h.weight_names, name="weight")


def array_table(values: np.ndarray, index: pd.Index, columns: list[str]) -> None:
    """A small array shown as the notebook prints it: column vectors, 8 decimals."""
    frame = pd.DataFrame(np.atleast_2d(values), index=index, columns=columns)
    st.dataframe(frame.style.format("{:.8f}"), width="content")


def cell(title: str, formula: str, meaning: str) -> None:
    st.markdown(f"#### {title}")
    st.latex(formula)
    st.markdown(meaning)


def after_training(h: History) -> None:
    """The notebook's last cell: the weights after the loop, and a subtlety in its output."""
    end = h.last_step
    st.markdown(f"#### 8 · Output after training (step {end:,})")
    left, right = st.columns(2)
    with left:
        array_table(h.weights[end][:, None], weight_index(h), ["synapse_0"])
    with right:
        before = max(end - 1, 0)
        array_table(
            h.predictions[before][:, None],
            row_index(h),
            [f"layer_1 (step {before:,})"],
        )
    st.caption(
        "The notebook prints `layer_1` after its loop, but `layer_1` was computed *before* the "
        "loop's last update, so its 'Synapse predictions' belong to the previous step. The "
        "table shows the same thing; the Train page shows the prediction of the final weights."
    )


def draw(chosen: ChosenRun, t: int) -> None:
    h = chosen.history
    view = h.step(t)
    names = weight_index(h)
    inputs = [f"x{j + 1}" for j in range(h.X.shape[1])] + (["1 (bias)"] if h.bias else [])
    rows = row_index(h)
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
        array_table(view.layer_0, rows, inputs)
        cell(
            "2 · The weights",
            r"\text{synapse\_0} = w_t",
            "Drawn uniformly from [-1, 1) with the seed at step 0, then moved by every update.",
        )
        array_table(view.synapse_0, names, ["synapse_0"])
        cell(
            "3 · Forward pass",
            # Two lines: side by side they ran past a half-width column at 1280 px.
            r"\begin{gathered}\text{layer\_1} = \sigma(\text{layer\_0}\cdot\text{synapse\_0})"
            r"\\ \sigma(x) = \frac{1}{1+e^{-x}}\end{gathered}",
            "The neuron's prediction for each row: a weighted sum squashed into (0, 1).",
        )
        array_table(view.layer_1, rows, ["layer_1"])
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
        array_table(view.layer_1_error, rows, ["layer_1_error"])
        if squared:
            cell(
                "5 · Scale by the slope",
                # Two lines, as cell 3: on one line it scrolled sideways on a phone and in
                # presenter mode, and a formula that scrolls is out of a keyboard's reach.
                r"\begin{gathered}\text{layer\_1\_delta} = \text{layer\_1\_error}"
                r"\\ \times\, \sigma(x)(1-\sigma(x))\end{gathered}",
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
        array_table(view.layer_1_delta, rows, ["layer_1_delta"])
        if view.synapse_derivative is None:
            st.success(f"Step {t:,} is the end of this run: no update follows.")
        else:
            update(h, view, names)
    after_training(h)


def update(h: History, view: StepView, names: pd.Index) -> None:
    """Cells 6 and 7: the gradient and the step (none after the run's last step)."""
    cell(
        "6 · The gradient",
        r"\begin{gathered}\text{synapse\_derivative} = \\ \text{layer\_0}^\top\cdot"
        r"\text{layer\_1\_delta}\end{gathered}",
        "Each input's share of the blame, summed over all rows (the notebook sums, "
        "it does not average).",
    )
    array_table(view.synapse_derivative, names, ["synapse_derivative"])
    cell(
        "7 · The update",
        rf"\text{{synapse\_0}} \mathrel{{-}}= {h.learning_rate:g}"
        r"\times\text{synapse\_derivative}",
        "Step downhill: against the gradient, scaled by the learning rate.",
    )
    array_table(view.new_synapse, names, ["new synapse_0"])


entry.through_app()  # run alone (a fresh server's deep link): app.py draws it instead
chosen = shell.context("Walkthrough")
shell.problems(chosen)
st.markdown(
    "The notebook's cells with this run's values. At step 0 with the defaults they are "
    "exactly the numbers the notebook prints."
)


# Not a fragment: a step here must also move the sidebar's share link, which a
# fragment's rerun would leave behind.
steps.bar(chosen.history.last_step)
draw(chosen, st.session_state.t)
