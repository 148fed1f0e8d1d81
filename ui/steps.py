"""The step t as the server knows it: from a link, from the page's reports, or moved here.

On the Train page the browser owns t (``ui/static/player.js``) and reports it;
the server needs it only for the URL, the Walkthrough and the share panel. When
the server moves t itself (a link's ``t``, the Walkthrough's buttons), it bumps
``t_epoch`` so the Train page adopts the new step instead of the one it remembers.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from perceptron.settings import SETTINGS


def current(last: int) -> int:
    """The step to show, clamped to this run (a link's ``t`` is applied on first use)."""
    state = st.session_state
    if "t" not in state:
        wanted = state.get("url_t") or 0
        if wanted > last:
            state.setdefault("url_notices", []).append(
                f"t: step {wanted:,} is beyond this run's end; showing step {last:,}"
            )
        state.t = wanted
        state.t_epoch = 0
    state.t = min(max(int(state.t), 0), last)
    return state.t


def view() -> str:
    """The surface view: what the page reported, else a link's, else the default."""
    state = st.session_state
    if "view" not in state:
        state.view = state.get("url_view") or SETTINGS["view"].default
    return state.view


def move(t: int) -> None:
    """The server moves t (the Walkthrough's buttons): the Train page will adopt it."""
    state = st.session_state
    state.t = t
    state.t_epoch = state.get("t_epoch", 0) + 1


def reported(values: Any) -> None:
    """What the page said it shows; anything malformed is ignored, never trusted."""
    if not isinstance(values, dict):
        return
    state = st.session_state
    t = values.get("t")
    if isinstance(t, int) and not isinstance(t, bool) and t >= 0:
        state.t = t
    if values.get("view") in (SETTINGS["view"].choices or {}):
        state.view = values["view"]


def next_decade(t: int, last: int) -> int:
    """The big forward jump: 0 → 1 → 10 → 100 → … → last (as ``player.js`` does)."""
    return min(1, last) if t < 1 else min(last, 10 ** (len(str(t))))


def _buttons(t: int, last: int) -> dict[str, tuple[str, int, bool]]:
    """Each button's label, the step it moves to, and whether it cannot move from ``t``."""
    jump = next_decade(t, last)
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
