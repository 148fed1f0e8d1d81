"""URL state the widgets cannot bind themselves: edited rows, the step, the view, the link.

Widgets with ``bind="query-params"`` restore and update their own parameters.
This module covers the rest with ``st.query_params``, audits a link once per
session so the app can say which fields it ignored, and builds the link to share.
Every key, default and encoding comes from :data:`perceptron.settings.SETTINGS`.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from perceptron.settings import SETTINGS, audit


def audit_once() -> None:
    """On a session's first run, note every query parameter the app will ignore."""
    state = st.session_state
    if "url_notices" in state:
        return
    params = {key: st.query_params.get(key, "") for key in st.query_params}
    state.url_notices = audit(params)
    for key in ("data", "t", "view"):
        state[f"url_{key}"] = SETTINGS[key].decode(params[key])[0] if key in params else None
    for key in set(params) - set(SETTINGS):
        del st.query_params[key]


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
    """Keep ``data=`` in the URL only while the rows differ from the chosen preset's."""
    write("data", None if tuple(rows) == tuple(preset_rows) else rows)


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
