"""URL state the widgets cannot bind themselves: edited rows, the step, the view, the link.

Widgets with ``bind="query-params"`` restore and update their own parameters.
This module covers the rest with ``st.query_params``, audits a link once per
session so the app can say which fields it ignored, and builds the link to share.
Every key, default and encoding comes from :data:`perceptron.settings.SETTINGS`.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from perceptron import limits
from ui.widgets import SETTINGS, audit


def audit_once() -> None:
    """On a session's first run, note every query parameter the app will ignore."""
    state = st.session_state
    if "url_notices" in state:
        return
    params = {key: st.query_params.get(key, "") for key in st.query_params}
    state.url_notices = audit(params)
    cleaned = False
    for key, text in params.items():
        # Before any widget reads the link: an unusable value goes (the widget starts from
        # its default), a usable one is written as the app reads it ("1.5" → "1"), so the
        # widget, the run and the share link agree with the notice.
        setting = SETTINGS.get(key)
        value = setting.decode(text)[0] if setting and len(text) <= limits.MAX_URL_CHARS else None
        if value is None:
            del st.query_params[key]
            cleaned = True
        elif setting.encode(value) != text and setting.kind not in ("choice", "flag"):
            st.query_params[key] = setting.encode(value)
            cleaned = True
        if key in ("data", "t", "view"):
            state[f"url_{key}"] = value
    if cleaned:
        st.rerun()  # the widgets read the link as it was when this run began


def restore_rows_once() -> None:
    """Start the editor from a link's rows (once); the preset picker then takes over."""
    state = st.session_state
    if state.get("url_data") is not None:
        state.base_rows = state.url_data
        state.base_preset = state.preset
        state.url_data = None


def write(key: str, value: object) -> None:
    """Keep ``key`` in the URL only while it differs from its default."""
    setting = SETTINGS[key]
    if value is None or value == setting.default:
        if key in st.query_params:
            del st.query_params[key]
    else:
        text = setting.encode(value)
        if st.query_params.get(key) != text:
            st.query_params[key] = text


def write_rows(rows: tuple, preset_rows: tuple) -> None:
    """Keep ``data=`` in the URL only while the rows differ from the chosen preset's, and fit.

    A table too long for a link (``limits.MAX_URL_CHARS``) is left out, and the share
    panel says so, rather than offering a link that would open on other data.
    """
    edited = tuple(rows) != tuple(preset_rows)
    fits = len(SETTINGS["data"].encode(rows)) <= limits.MAX_URL_CHARS
    st.session_state.data_in_link = fits or not edited
    write("data", rows if edited and fits else None)


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


def share_link() -> str:
    """The URL that restores this exact setup: every setting that differs from its default."""
    state = st.session_state
    query = {}
    for key, setting in SETTINGS.items():
        if key == "data":
            value = st.query_params.get("data")
        else:
            value = state.get(key, setting.default)
            value = None if value is None or value == setting.default else setting.encode(value)
        if value:
            query[key] = value
    base = st.context.url or ""
    return base + ("?" + urlencode(query, safe=",;") if query else "")
