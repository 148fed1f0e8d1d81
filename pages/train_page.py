"""Train: step or play gradient descent and watch three synced views at step t."""

from typing import Any

import pandas as pd
import streamlit as st

from perceptron.figures import (
    errors_figure,
    errors_frames,
    landscape_figure,
    landscape_frames,
    loss_figure,
    loss_frames,
    surface_figure,
    surface_frames,
    weights_figure,
    weights_frames,
)
from perceptron.playback import keyframes
from perceptron.urlstate import VIEW_LABELS
from ui import charts, links, playback, sharing, shell
from ui.controls import Context

# Animation frames: the line charts get one per display frame at 30 fps over 15 s; the
# surface redraws whole per frame (about 3 a second in software rendering): it gets fewer.
FRAMES_2D = 450
FRAMES_SURFACE = {"heatmap": 60, "3d": 45}


def numbers(ctx: Context, t: int) -> None:
    h = ctx.history
    cols = st.columns(3 + len(h.weight_names))
    cols[0].metric("Iteration", f"{t:,}", help=f"of {h.last_step:,}")
    cols[1].metric("Loss", f"{h.loss[t]:.4g}", help=f"{h.objective.replace('_', '-')} at step t")
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


CHARTS = {
    "landscape": (landscape_figure, landscape_frames),
    "weights": (weights_figure, weights_frames),
    "errors": (errors_figure, errors_frames),
    "loss": (loss_figure, loss_frames),
}


def chart(ctx: Context, t: int, name: str, play: dict[str, Any] | None) -> None:
    """One 2D view; while playing it carries frames for the rest of the run."""
    build, animate = CHARTS[name]
    fig = build(ctx.history, t, presenter=ctx.presenter)
    frames = animate(fig, ctx.history, keyframes(play["timeline"], FRAMES_2D)) if play else None
    charts.show(fig, name, play, frames)


def surface(ctx: Context, t: int, play: dict[str, Any] | None) -> None:
    kind = st.session_state.get("view") or links.BOUND_DEFAULTS["view"]
    fig = surface_figure(ctx.history, t, kind=kind, presenter=ctx.presenter)
    steps = keyframes(play["timeline"], FRAMES_SURFACE[kind]) if play else None
    charts.show(fig, "surface", play, steps and surface_frames(fig, ctx.history, steps))


def views(ctx: Context, t: int, play: dict[str, Any] | None) -> None:
    """The three views: what the neuron outputs, where the weights walk, how wrong it is."""
    big = ctx.presenter
    left, right = (st.container(), st.container()) if big else st.columns(2)
    with left:
        st.subheader("What the neuron outputs")
        surface(ctx, t, play)
    with right:
        st.subheader("Where the weights walk")
        chart(ctx, t, "landscape", play)
    cols = [st.container()] * 3 if big else st.columns(3)
    for col, (title, name) in zip(
        cols,
        [("Weights", "weights"), ("Each row's error", "errors"), ("Loss", "loss")],
        strict=True,
    ):
        with col:
            st.subheader(title)
            chart(ctx, t, name, play)


def live(ctx: Context, t: int) -> None:
    numbers(ctx, t)
    with st.expander("Rows at this step", expanded=False):
        rows_table(ctx, t)


ctx = shell.context()
playback.current_step(ctx.history.last_step)  # applies a link's t, noting one past the end
links.notices()
shell.problems(ctx)
top = st.columns([3, 1])
top[0].markdown("Press **Step** (→ key) or **Play** (P) and watch one neuron learn.")
top[1].segmented_control(
    "Surface view",
    options=list(VIEW_LABELS),
    default=links.BOUND_DEFAULTS["view"],
    required=True,
    format_func=VIEW_LABELS.get,
    key="view",
    bind="query-params",
    label_visibility="collapsed",
)
playback.stage(ctx, live, views)
sharing.panel(ctx)
