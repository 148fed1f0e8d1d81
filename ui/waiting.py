"""What a student whose run waits for its turn sees: how many runs are ahead of theirs.

A hall where everyone asks for a long run at once queues them (``ui/run.py``); without a
word on the page, a student would see the previous page, or nothing, for as long as that
takes. The notice appears where the run was asked for (at the top of the page, above
its content) only once the run has to wait, and goes when it is trained.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


class Notice:
    """Called with the runs ahead while the run waits; says "in progress" once it starts."""

    def __init__(self) -> None:
        self._slot = None

    def __call__(self, ahead: int) -> None:
        if self._slot is None:
            if get_script_run_ctx() is None:  # a download built off the script: no page
                return
            self._slot = st.empty()
        runs = "run is" if ahead == 1 else "runs are"
        self._slot.info(
            f"Training… {ahead:,} {runs} ahead of yours on this server. Yours starts when "
            "they are done.",
            icon=":material/hourglass_top:",
        )

    def started(self) -> None:
        if self._slot is not None:
            self._slot.info("Training your run…", icon=":material/model_training:")

    def clear(self) -> None:
        if self._slot is not None:
            self._slot.empty()


@contextmanager
def notice() -> Iterator[Notice]:
    """A notice for one run's wait, cleared when the run is trained (or refused)."""
    told = Notice()
    try:
        yield told
    finally:
        told.clear()
