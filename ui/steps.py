"""The step t as the server knows it: from a link, from the page, or moved here.

The browser owns t (``ui/static/url.js``): the server needs it only to draw the
Walkthrough. It starts from a link's ``t``; the page tells it what it shows when
a page drawn from t opens (``ui/sharing.py``); and the Walkthrough's buttons move
it here. Each move here bumps ``t_epoch``, so the page adopts the server's step
instead of the one it remembers.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from views.sampling import jump_stops


def current(last: int) -> int:
    """The step to show, clamped to this run (a link's ``t`` is applied on first use)."""
    state = st.session_state
    if "t" not in state:
        wanted = state.link.get("t") or 0
        if wanted > last:
            state.link["ignored"].append(
                f"t: step {wanted:,} is beyond this run's end; showing step {last:,}"
            )
        state.t = wanted
        state.t_epoch = 0
    clamped = min(max(int(state.t), 0), last)
    if clamped != state.t:  # a shorter run: the server moved t, and the page must follow
        move(clamped)
    return state.t


def server_step() -> dict[str, int]:
    """The step the server last chose, and when: the page adopts it once per epoch."""
    return {"t": st.session_state.t, "epoch": st.session_state.t_epoch}


def move(t: int) -> None:
    """The server moves t (the Walkthrough's buttons): the page will adopt it."""
    state = st.session_state
    state.t = t
    state.t_epoch += 1


def reported(values: Any) -> None:
    """Take the step the page says it shows; anything malformed is ignored, never trusted."""
    t = values.get("t") if isinstance(values, dict) else None
    if isinstance(t, int) and not isinstance(t, bool) and t >= 0:
        st.session_state.t = t


def _buttons(t: int, last: int) -> dict[str, tuple[str, int, bool]]:
    """Each button's label, the step it moves to, and whether it cannot move from ``t``."""
    jump = next((stop for stop in jump_stops(last) if stop > t), last)
    return {
        "reset": ("Reset", 0, t <= 0),
        "back": ("Back", t - 1, t <= 0),
        "step": ("Step", t + 1, t >= last),
        "jump": (f"To {jump:,}", jump, t >= last),
    }


def bar(last: int) -> None:
    """A server-side transport for pages that redraw on the server (the Walkthrough)."""
    t = current(last)
    cols = st.columns([1, 1, 1, 1.2, 4], vertical_alignment="bottom")
    for col, (key, (label, target, off)) in zip(cols, _buttons(t, last).items(), strict=False):
        col.button(
            label,
            key=f"walk-{key}",
            on_click=move,
            args=(target,),
            disabled=off,
            width="stretch",
            type="primary" if key == "step" else "secondary",
        )
    st.session_state.walk_slider = t
    cols[4].slider(
        "Step",
        0,
        max(last, 1),
        key="walk_slider",
        disabled=last == 0,
        on_change=lambda: move(st.session_state.walk_slider),
        help="t = number of updates applied so far.",
    )
