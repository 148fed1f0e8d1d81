"""Catch anything a page did not expect, so a student never sees a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

log = logging.getLogger("perceptron_lab")


def _reset_session() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.query_params.clear()


@contextmanager
def friendly_errors() -> Iterator[None]:
    """On an unexpected error show a friendly message and a way out; log the details.

    Wraps the whole script run, once (``guarded`` in ``app.py``): every page and
    the shared sidebar. The app has no fragment; one added later would meet an error
    the Streamlit way, with Streamlit's error box (no details: ``showErrorDetails = "none"``).
    On a full run that error then reaches here too, as a
    ``FragmentHandledException``, and this message follows the box; on the
    fragment's own reruns it never reaches here. Streamlit's own control flow
    (``st.rerun``, ``st.stop``) derives from BaseException and passes through.
    """
    try:
        yield
    except Exception:
        log.exception("Unexpected error while drawing a page")
        st.error(
            "Something went wrong while drawing this page. Your settings are kept; "
            "if it happens again, reset this session to start from the notebook's defaults.",
            icon=":material/error:",
        )
        st.button(
            "Reset this session", key="reset_session", on_click=_reset_session, type="primary"
        )


def guarded(page: Callable[[], None]) -> None:
    """Run ``page`` inside :func:`friendly_errors`."""
    with friendly_errors():
        page()
