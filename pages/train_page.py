"""Train: step or play gradient descent and watch three synced views at step t."""

import pandas as pd
import streamlit as st

from perceptron.figures import (
    errors_figure,
    landscape_figure,
    loss_figure,
    surface_figure,
    weights_figure,
)
from ui import charts, links, playback, sharing, shell
from ui.controls import Context

VIEW_LABELS = {"heatmap": "2D heat map", "3d": "3D surface"}


def numbers(ctx: Context, t: int) -> None:
    h = ctx.history
    cols = st.columns(3 + len(h.weight_names))
    cols[0].metric("Iteration", f"{t:,}", help=f"of {h.last_step:,}")
    cols[1].metric("Loss", f"{h.loss[t]:.6g}", help=f"{h.objective.replace('_', '-')} at step t")
    cols[2].metric("Accuracy", f"{h.accuracy[t]:.0%}", help="Rows on the right side of 0.5")
    for col, name, value in zip(cols[3:], h.weight_names, h.weights[t], strict=False):
        col.metric(name, f"{value:.6f}")


def rows_table(ctx: Context, t: int) -> None:
    h = ctx.history
    table = pd.DataFrame(
        {
            "x1": h.X[:, 0],
            "x2": h.X[:, 1],
            "target": h.y,
            "prediction": h.predictions[t],
            "error": h.errors[t],
            "right?": ["✓" if ok else "✗" for ok in (h.predictions[t] >= 0.5) == (h.y >= 0.5)],
        },
        index=pd.RangeIndex(1, h.n_rows + 1, name="row"),
    )
    st.dataframe(table, width="stretch", height=min(36 * (h.n_rows + 1) + 4, 260))


def views(ctx: Context, t: int) -> None:
    h, big = ctx.history, ctx.presenter
    kind = st.session_state.get("view") or "heatmap"
    left, right = (st.container(), st.container()) if big else st.columns(2)
    with left:
        st.subheader("What the neuron outputs")
        charts.show(surface_figure(h, t, kind=kind, presenter=big), "surface")
    with right:
        st.subheader("Where the weights walk")
        charts.show(landscape_figure(h, t, presenter=big), "landscape")
    cols = [st.container()] * 3 if big else st.columns(3)
    with cols[0]:
        st.subheader("Weights")
        charts.show(weights_figure(h, t, presenter=big), "weights")
    with cols[1]:
        st.subheader("Each row's error")
        charts.show(errors_figure(h, t, presenter=big), "errors")
    with cols[2]:
        st.subheader("Loss")
        charts.show(loss_figure(h, t, presenter=big), "loss")


def draw(ctx: Context, t: int) -> None:
    numbers(ctx, t)
    views(ctx, t)
    with st.expander("Rows at this step", expanded=not ctx.presenter):
        rows_table(ctx, t)


ctx = shell.context()
links.notices()
shell.problems(ctx)
top = st.columns([3, 1])
top[0].markdown("Press **Step** (→ key) or **Play** (P) and watch one neuron learn.")
top[1].segmented_control(
    "Surface view",
    options=list(VIEW_LABELS),
    default="heatmap",
    required=True,
    format_func=VIEW_LABELS.get,
    key="view",
    bind="query-params",
    label_visibility="collapsed",
)
playback.stage(ctx, draw)
sharing.panel(ctx)
