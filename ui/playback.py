"""The playback bar and the stage every step-aware page shares.

The current step ``t`` lives in ``st.session_state.t``. The bar, the numbers and
(while paused) the charts run inside one ``st.fragment``: a Step click reruns
only the fragment, never the sidebar and its data editor. The bar is never inside
the timed fragment, so a Pause click cannot be lost to a timer rerun.

Play is client-side: the charts are sent once with animation frames for the
whole remaining run, and the browser animates every chart on one shared clock (see
``ui/static/plotly_element.js``) with no server round trip per frame. The server keeps
the same clock: a second fragment re-runs every ``CLOCK_SECONDS`` to update the
numbers, and at the end (or on Pause) it takes back the step the browser reached.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import streamlit as st

from perceptron.playback import PLAY_SECONDS, fraction_at, next_decade, step_at, timeline
from ui import links
from ui.boundary import friendly_errors
from ui.controls import Context

CLOCK_SECONDS = 0.5
"""How often the numbers follow the browser's animation while playing."""

Charts = Callable[[Context, int, "dict[str, Any] | None"], None]


def current_step(last: int) -> int:
    """The step to show, clamped to this run (a link's ``t`` is applied on first use)."""
    state = st.session_state
    if "t" not in state:
        wanted = state.get("url_step") or 0
        if wanted > last:
            state.setdefault("url_notices", []).append(
                f"t: step {wanted:,} is beyond this run's end; showing step {last:,}"
            )
        state.t = wanted
    state.t = min(max(int(state.t), 0), last)
    return state.t


MOVES: Mapping[str, Callable[[int, int], int]] = MappingProxyType(
    {
        "reset": lambda t, last: 0,
        "back": lambda t, last: max(0, t - 1),
        "step": lambda t, last: min(last, t + 1),
        "jump": next_decade,
    }
)


BUTTONS = (  # key, label, icon, keyboard shortcut, tooltip
    ("reset", "Reset", ":material/first_page:", "Home", "Back to the initial weights (step 0)."),
    ("back", "Back", ":material/chevron_left:", "Left", "One update back."),
    ("step", "Step", ":material/chevron_right:", "Right", "Apply one gradient-descent update."),
    ("jump", "×10", ":material/fast_forward:", "Up", "Jump to the next power of ten: 1, 10, 100 …"),
)


def _set(t: int) -> None:
    st.session_state.t = t
    st.session_state.playing = False


def _move(last: int, how: str) -> None:
    """A transport button: from where playback is *now*, not where the bar was drawn."""
    state = st.session_state
    if state.get("playing", False):
        _advance(last)
    _set(MOVES[how](state.t, last))


def _toggle_play(last: int) -> None:
    state = st.session_state
    if state.get("playing", False):
        _advance(last)  # take over the step the animation has reached
        state.playing = False
        return
    state.playing = True
    if state.t >= last:
        state.t = 0
    state.play_from = fraction_at(last, state.t)
    state.play_started = time.monotonic()
    state.play_id = state.get("play_id", 0) + 1


def _advance(last: int) -> None:
    """Move ``t`` to where playback should be now; stop at the end."""
    state = st.session_state
    seconds = PLAY_SECONDS[state.get("speed", "Normal")]
    elapsed = time.monotonic() - state.get("play_started", time.monotonic())
    fraction = state.get("play_from", 0.0) + elapsed / seconds
    state.t = step_at(last, fraction)
    if state.t >= last:
        state.playing = False


def _bar(last: int, allow_play: bool) -> None:
    """Draw the transport controls and the step slider."""
    state = st.session_state
    t = state.t
    playing = state.get("playing", False)
    cols = st.columns(5 if allow_play else 4)
    for col, (key, label, icon, shortcut, hint) in zip(cols, BUTTONS, strict=False):
        at_edge = t <= 0 if key == "back" else t >= last if key in ("step", "jump") else False
        col.button(
            label,
            icon=icon,
            icon_position="left" if key in ("reset", "back") else "right",
            key=key,
            on_click=_move,
            args=(last, key),
            shortcut=shortcut,
            width="stretch",
            disabled=at_edge and not playing,
            type="primary" if key == "step" else "secondary",
            help=hint,
        )
    if allow_play:
        cols[4].button(
            "Pause" if playing else "Play",
            icon=":material/pause:" if playing else ":material/play_arrow:",
            key="play",
            on_click=_toggle_play,
            args=(last,),
            shortcut="P",
            width="stretch",
            help="Animate the whole run on a log scale of iterations.",
        )
    slider_col, speed_col = st.columns([3, 1.3]) if allow_play else (st.container(), None)
    if speed_col is not None:
        speed_col.segmented_control(
            "Speed",
            options=list(PLAY_SECONDS),
            default="Normal",
            key="speed",
            required=True,
            disabled=playing,  # the browser's clock runs at the speed it started with
            help="How long playback of the whole run takes.",
        )
    state.t_slider = state.t
    slider_col.slider(
        "Step",
        0,
        max(last, 1),
        key="t_slider",
        disabled=last == 0 or playing,  # the clock owns t while playing
        on_change=_scrubbed,
        help="Scrub to any step: t = number of updates applied so far.",
    )


def _scrubbed() -> None:
    _set(st.session_state.t_slider)


def _play_spec(last: int) -> dict[str, Any]:
    """What the browser needs to animate from the current step to the end."""
    state = st.session_state
    seconds = PLAY_SECONDS[state.get("speed", "Normal")] * (1.0 - state.play_from)
    state.play_started = time.monotonic()  # the browser's clock starts about now
    return {"id": state.play_id, "timeline": timeline(last, state.t, seconds), "seconds": seconds}


def stage(
    ctx: Context,
    live: Callable[[Context, int], None],
    charts: Charts | None = None,
    *,
    allow_play: bool = True,
) -> None:
    """Run the bar and ``live(ctx, t)`` in one fragment; ``charts`` inside it unless playing."""
    state = st.session_state
    last = ctx.history.last_step
    current_step(last)
    if not allow_play or last == 0:
        state.playing = False
    state.timer_on = bool(state.get("playing", False))

    @st.fragment
    def _stage() -> None:
        with friendly_errors():
            _bar(last, allow_play)
            if bool(state.get("playing", False)) != state.timer_on:
                st.rerun(scope="app")  # start or stop the clock: only a full run can
            t = current_step(last)
            links.write_step(t)
            if not state.timer_on:
                live(ctx, t)
                if charts is not None:
                    charts(ctx, t, None)

    @st.fragment(run_every=CLOCK_SECONDS)
    def _clock() -> None:
        """While playing: follow the browser's animation with the numbers; stop at the end."""
        with friendly_errors():
            if not state.get("playing", False):
                st.rerun(scope="app")  # a tick queued before Pause: the step is already taken
            _advance(last)
            if not state.get("playing", False):
                st.rerun(scope="app")
            live(ctx, state.t)

    _stage()
    if state.timer_on:
        _clock()
        if charts is not None:
            charts(ctx, state.t, _play_spec(last))
