"""URL state the widgets cannot bind themselves: edited rows, the step, the share link.

Widgets with ``bind="query-params"`` restore and update their own parameters.
This module covers the rest with ``st.query_params``, audits a link once per
session so the app can say which fields it ignored, and builds the link to share.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from perceptron import urlstate
from perceptron.datasets import DEFAULT_PRESET
from perceptron.urlstate import encode_rows, format_number

BOUND_DEFAULTS = {
    "preset": DEFAULT_PRESET,
    "seed": 1.0,
    "iterations": 10001.0,
    "lr": 1.0,
    "bias": False,
    "loss": "squared",
    "presenter": False,
    "view": "heatmap",
}
"""Every URL-bound widget's default, in one place: the widgets start from these, and
the share link leaves out whatever still equals them."""


def audit_once() -> None:
    """On a session's first run, note every query parameter the app will ignore."""
    state = st.session_state
    if "url_notices" in state:
        return
    params = {key: st.query_params.get(key, "") for key in st.query_params}
    state.url_notices = urlstate.audit(params).ignored
    rows, _ = urlstate.decode_rows(params["data"]) if "data" in params else (None, None)
    state.url_rows = rows
    step, _ = urlstate.decode_step(params["t"]) if "t" in params else (None, None)
    state.url_step = step
    for key in set(params) - set(urlstate.KNOWN_KEYS):
        del st.query_params[key]


def restore_rows_once() -> None:
    """Start the editor from a link's rows (once); the preset picker then takes over."""
    state = st.session_state
    if state.get("url_rows") is not None:
        state.base_rows = state.url_rows
        state.base_preset = state.preset
        state.url_rows = None


def write_rows(rows: tuple, preset_rows: tuple) -> None:
    """Keep ``data=`` in the URL only while the rows differ from the chosen preset's."""
    if tuple(rows) == tuple(preset_rows):
        if "data" in st.query_params:
            del st.query_params["data"]
    else:
        encoded = encode_rows(rows)
        if st.query_params.get("data") != encoded:
            st.query_params["data"] = encoded


def write_step(t: int) -> None:
    if t == 0:
        if "t" in st.query_params:
            del st.query_params["t"]
    elif st.query_params.get("t") != str(t):
        st.query_params["t"] = str(t)


def notices() -> None:
    """Tell the user, once, what a shared link contained that could not be used."""
    ignored = st.session_state.get("url_notices") or []
    if ignored:
        st.warning(
            "Some settings in this link were ignored and left at their defaults: "
            + "; ".join(ignored[:8])
            + ("…" if len(ignored) > 8 else ""),
            icon=":material/link:",
        )


def share_link(t: int) -> str:
    """The URL that restores this exact setup: non-default settings, edited rows, the step."""
    state = st.session_state
    query = {}
    for key, default in BOUND_DEFAULTS.items():
        value = state.get(key, default)
        if value is not None and value != default:
            if key in urlstate.LABELS:
                query[key] = urlstate.LABELS[key][value]
            elif isinstance(value, bool):
                query[key] = str(value).lower()
            elif isinstance(value, (int, float)):
                query[key] = format_number(value)
            else:
                query[key] = str(value)
    if "data" in st.query_params:
        query["data"] = st.query_params["data"]
    if t:
        query["t"] = str(t)
    base = st.context.url or ""
    return base + ("?" + urlencode(query, safe=",;") if query else "")
