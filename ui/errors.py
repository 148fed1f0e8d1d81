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

    Used at every page boundary and inside every fragment (Streamlit would
    otherwise draw a fragment's exception itself, traceback included).
    Streamlit's own control flow (``st.rerun``, ``st.stop``) derives from
    BaseException and passes through untouched.
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
