"""The Train page's stage: one component that holds a run and steps it in the browser.

The run is packed once (``ui.run.packed``) and served as a file (``ui.run.serve_file``);
the stage gets its URL, the step the server last chose and the page's half of the
settings table; the browser then owns the step (``ui/static/stage.js``). Nothing here runs
on a Step: the page never reports one while it stays on Train.

The JS lives in ``ui/static`` as ES modules split by concern (see ``ui/assets.py``).
"""

from __future__ import annotations

import streamlit as st

from ui import links, plane, steps
from ui.assets import PLOTLY_URL, loader
from ui.chosen import ChosenRun
from ui.run import serve_file

_stage = st.components.v2.component("lab_stage", js=loader("stage.js"), isolate_styles=False)
_preload = st.components.v2.component(
    "lab_preload", js=loader("stage.js", "preload"), isolate_styles=False
)


def preload() -> None:
    """Start loading Plotly (4.8 MB) and the stage's code with the page's first message.

    Without it they load only once the stage arrives, after the whole sidebar has run.
    The element is hidden (ui/shell.py's page CSS).
    """
    _preload(key="lab-preload", data={"plotly": PLOTLY_URL})


def run_url(chosen: ChosenRun) -> str:
    """Where the page fetches the packed run: one file per run, shared by every session.

    Streamlit's media store keeps one copy per content and serves it over HTTP, so a
    hall of a hundred students on one link holds one run, not a hundred copies in
    their websocket messages, and the browser caches it across page switches.
    """
    return serve_file(chosen.spec, chosen.presenter, chosen.history)


def show(chosen: ChosenRun) -> None:
    """The stage: where its run is, where to find Plotly, the step the server chose, and the
    table the plane edits (a table it sends back goes through ``plane.take_edit``)."""
    data = {**steps.server_step(), "run": run_url(chosen), "plotly": PLOTLY_URL}
    data.update(settings=links.page_settings(), edit=plane.stage_data(chosen))
    _stage(key="stage", data=data, on_edit_change=plane.take_edit)
