"""URL state the widgets cannot bind themselves, and the page's half of the settings table.

Widgets with ``bind="query-params"`` restore and update their own parameters;
edited rows are written here with ``st.query_params``; the step and the view are
written by the page (``ui/static/url.js``), which owns them. A link is audited
once per session, so the app can say which fields it ignored. Every key, default
and encoding comes from :data:`perceptron.settings.SETTINGS`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from perceptron import limits
from ui.widgets import SETTINGS, audit

PAGE_OWNED = ("t", "view")
"""Settings the page owns and writes into the URL; the server never writes them."""


def audit_once() -> None:
    """On a session's first run, note every query parameter the app will ignore."""
    state = st.session_state
    if "link" in state:
        return
    params = {key: st.query_params.get(key, "") for key in st.query_params}
    # What the server takes from the link, once: what it ignored, and the rows and step.
    state.link = {"ignored": audit(params)}
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
        if key in ("data", "t"):
            state.link[key] = value
    if cleaned:
        st.rerun()  # the widgets read the link as it was when this run began


def fits(rows: tuple) -> bool:
    """Whether a link can carry these rows (``limits.MAX_URL_CHARS``)."""
    return len(SETTINGS["data"].encode(rows)) <= limits.MAX_URL_CHARS


def write_rows(rows: tuple, preset_rows: tuple) -> None:
    """Keep ``data=`` in the URL only while the rows differ from the chosen preset's, and fit.

    A table too long for a link is left out, and the share panel says so, rather than
    offering a link that would open on other data.
    """
    if tuple(rows) != tuple(preset_rows) and fits(rows):
        text = SETTINGS["data"].encode(rows)
        if st.query_params.get("data") != text:
            st.query_params["data"] = text
    elif "data" in st.query_params:
        del st.query_params["data"]


def notices() -> None:
    """Tell the user, once, what a shared link contained that could not be used."""
    ignored = st.session_state.link["ignored"]
    if ignored:
        st.warning(
            "Some settings in this link were ignored and left at their defaults: "
            + "; ".join(ignored[:8])
            + ("…" if len(ignored) > 8 else ""),
            icon=":material/link:",
        )


def page_settings() -> dict[str, dict[str, Any]]:
    """The settings the page writes into the URL itself, as the page reads them.

    Their defaults and labels come from the one table, so the page never declares
    its own: a default is left out of the link, a view is written by its label.
    """
    return {
        key: {"default": setting.default, "choices": dict(setting.choices or {})}
        for key, setting in SETTINGS.items()
        if key in PAGE_OWNED
    }
