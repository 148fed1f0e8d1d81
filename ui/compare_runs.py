"""Which runs the Compare page races: the multiselects' pairs, then runs added from elsewhere.

Other parts of the page (the regime map, ``ui/regime.py``) add a run by appending a
``(seed, learning_rate)`` tuple to ``st.session_state[EXTRA_KEY]`` in their own callback.
This module is the one reader of that list: it keeps the pairs it can train, drops
duplicates of runs already chosen, caps the total at ``caps.MAX_COMPARE_RUNS`` and says
so, and shows each added run with a button that removes it again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import streamlit as st

from perceptron import limits
from perceptron.codecs import format_number
from ui import caps

EXTRA_KEY = "compare_extra_runs"
"""Session key of the runs added to the race from outside the multiselects."""

Pair = tuple[int, float]


def _valid(entry: object) -> Pair | None:
    """A (seed, learning rate) the engine can train, or None: a bad entry never reaches it."""
    if not isinstance(entry, (tuple, list)) or len(entry) != 2:
        return None
    seed, rate = entry
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= limits.MAX_SEED:
        return None
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        return None
    rate = float(rate)
    return (seed, rate) if math.isfinite(rate) and rate > 0 else None


def label(pair: Pair) -> str:
    """How the page names a run everywhere: its rate, then its seed."""
    seed, rate = pair
    return f"lr {format_number(rate)}, seed {seed}"


def picked(seeds: Sequence[int], rates: Sequence[float]) -> list[Pair]:
    """The multiselects' runs: each seed with each rate."""
    return [(int(s), float(r)) for s in seeds for r in rates]


def extra_runs(chosen: list[Pair]) -> list[Pair]:
    """The added runs the engine can train and ``chosen`` lacks, in the order added, each once."""
    entries = st.session_state.get(EXTRA_KEY) or []
    kept = [pair for entry in entries if (pair := _valid(entry)) is not None]
    if len(kept) < len(entries):
        st.warning(
            f"{len(entries) - len(kept)} added run(s) were left out: each needs a whole seed "
            f"from 0 to {limits.MAX_SEED:,} and a learning rate above 0.",
            icon=":material/block:",
        )
    return [pair for pair in dict.fromkeys(kept) if pair not in chosen]


def race_pairs(chosen: list[Pair], extras: list[Pair]) -> list[Pair]:
    """The multiselects' runs, then the added ones, capped; past the cap the page says
    how many runs it leaves out, and which."""
    pairs = list(dict.fromkeys(chosen + extras))
    if len(pairs) > caps.MAX_COMPARE_RUNS:
        left = ", ".join(label(p) for p in pairs[caps.MAX_COMPARE_RUNS :])
        st.warning(
            f"{len(pairs)} runs is more than the {caps.MAX_COMPARE_RUNS} this page races; "
            f"showing the first {caps.MAX_COMPARE_RUNS}, without {left}."
        )
    return pairs[: caps.MAX_COMPARE_RUNS]


def _remove(pair: Pair) -> None:
    entries = st.session_state.get(EXTRA_KEY) or []
    st.session_state[EXTRA_KEY] = [e for e in entries if _valid(e) != pair]


def show_extra_runs(extras: list[Pair]) -> None:
    """Each added run as a button that takes it out of the race again."""
    if not extras:
        return
    cols = st.columns(min(len(extras), 4) + 1, vertical_alignment="center")
    cols[0].caption("Added to the race:")
    for i, pair in enumerate(extras):
        cols[1 + i % 4].button(
            label(pair),
            key=f"compare-remove-{pair[0]}-{pair[1]!r}",
            icon=":material/close:",
            help=f"Take {label(pair)} out of the race",
            on_click=_remove,
            args=(pair,),
        )
