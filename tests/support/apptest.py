"""Streamlit AppTest sessions of the whole app, and readers of what the app sends the page.

The Train page draws everything in the browser from one packed run (see
:mod:`views.payload`), which the ``lab_stage`` component's data names by URL next to
the step the page starts at. What the page shows at a step comes from that run's
arrays, formatted as the browser formats them (``ui/static/format.js``, whose parity
with Python's format specs is tested in tests/test_js.py): ``apptest_shown`` reads it,
``tests.support.expected.expected_shown`` computes the same from an independent
:class:`perceptron.History`.

Every helper here takes an ``AppTest`` and is named ``apptest_*`` (the browser tests'
helpers of the same subject live in ``tests.support.page``/``stage``).
"""

from __future__ import annotations

import gzip
import json
from typing import Any
from urllib.parse import urlencode

import numpy as np
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from perceptron.settings import SETTINGS
from tests.support.expected import readout
from tests.support.paths import APP
from ui.run import packed
from views.payload import unpack

STAGE_MIMETYPE = "application/gzip"
"""How ``ui.stage`` files the packed run with Streamlit's media store."""


def open_apptest(query: dict[str, str]) -> AppTest:
    """A fresh session of the whole app, opened with ``query`` as its URL's parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _stage_element(at: AppTest) -> Any:
    stages = [e for e in at.get("bidi_component") if e.proto.component_name == "lab_stage"]
    assert len(stages) == 1, f"expected one lab_stage, found {len(stages)}"
    return stages[0]


def apptest_stage_bytes(at: AppTest) -> bytes:
    """What the stage element carries on each run (where the page starts, where its run is)."""
    return _stage_element(at).proto.json.encode()


def apptest_stage_data(at: AppTest) -> dict[str, Any]:
    return json.loads(apptest_stage_bytes(at))


def apptest_run_blob(at: AppTest) -> bytes:
    """The packed run the page fetches from the stage's URL, checked to be that URL's file.

    Streamlit names a media file by a hash of its content, so the file the page asks
    for is the server's cached ``packed`` blob of this session's spec if the names agree.
    """
    chosen = at.session_state["chosen"]
    gzipped = packed(chosen.spec, chosen.presenter, chosen.history)
    name = apptest_stage_data(at)["run"].rsplit("/", 1)[-1]
    assert name == _calculate_file_id(gzipped, STAGE_MIMETYPE) + ".gz", name
    return gzip.decompress(gzipped)


def apptest_stage(at: AppTest) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, Any]]:
    """(header, arrays, session) of what the Train page received on the last run."""
    header, arrays = unpack(apptest_run_blob(at))
    session = {k: v for k, v in apptest_stage_data(at).items() if k != "run"}
    return header, arrays, session


def apptest_shown(at: AppTest, t: int | None = None) -> dict[str, str]:
    """What the Train page shows at step ``t`` (default: the server's step), from the payload."""
    header, arrays, _ = apptest_stage(at)
    t = at.session_state["t"] if t is None else t
    meta = header["meta"]
    assert 0 <= t <= meta["last"], (t, meta["last"])
    return readout(
        t,
        meta["weight_names"],
        arrays["weights"][t],
        float(arrays["loss"][t]),
        int(arrays["correct"][t]),
        meta["n_rows"],
    )


def apptest_link_data(at: AppTest) -> dict[str, Any]:
    """What the sidebar's share link element (``lab_link``) got on the last run."""
    links = [e for e in at.sidebar.get("bidi_component") if e.proto.component_name == "lab_link"]
    assert len(links) == 1, f"expected one lab_link in the sidebar, found {len(links)}"
    return json.loads(links[0].proto.json)


def apptest_share_link(at: AppTest) -> str:
    """The link the page's address bar holds after this run, built independently of the app.

    In a browser the share link is the address bar itself: the widgets' URL binding writes
    each setting that differs from its default (by its label, as ``Setting.encode``), the
    server writes edited rows (``data``), and the page writes the step it adopted from the
    server (``t``, ``ui/static/url.js``). AppTest runs no frontend, so this composes the
    same from the session's widget values, the server's query and the link element's data.
    """
    state = at.session_state
    query = {}
    for key, setting in SETTINGS.items():
        if key == "data":
            value = at.query_params.get("data")
        elif key == "t":
            t = apptest_link_data(at)["t"]
            value = str(t) if t else None
        elif key == "view" or key not in state:
            value = None  # the view lives in the page; only a browser test can see it
        else:
            value = None if state[key] == setting.default else setting.encode(state[key])
        if value:
            query[key] = value
    return "?" + urlencode(query, safe=",;") if query else ""


def apptest_editor_key(at: AppTest) -> str:
    """The sidebar data editor's current key (it changes with the preset and on reset)."""
    keys = [d.key for d in at.sidebar.dataframe if (d.key or "").startswith("editor-")]
    assert len(keys) == 1, keys
    return keys[0]


def apptest_edit(at: AppTest, edited_rows: dict, added_rows: list | None = None) -> AppTest:
    """Type into the sidebar's data editor (its cells are text, so values are strings)."""
    at.session_state[apptest_editor_key(at)] = {
        "edited_rows": edited_rows,
        "added_rows": added_rows or [],
        "deleted_rows": [],
    }
    return at.run()


def apptest_sidebar_errors(at: AppTest) -> list[str]:
    return [e.value for e in at.sidebar.error]
