"""The Train page's stage: one component that holds a run and steps it in the browser.

The run is packed once (``ui.run.packed``) and served as a file; the stage gets
its URL with a few bytes of session state; the browser then owns the step. A
second, tiny component in the sidebar carries the step back, debounced: it reruns
only its own fragment, which writes the URL and the share panel, so a report costs
no chart bytes and redraws nothing else.

The JS lives in ``ui/static`` as ES modules split by concern (see ``ui/assets.py``).
"""

from __future__ import annotations

import streamlit as st
from streamlit import runtime

from ui import links, sharing, steps
from ui.assets import PLOTLY_URL, loader
from ui.context import Context
from ui.run import packed

_STAGE_LOADER = loader("stage.js")
_REPORT_JS = """
export default function ({ data, setStateValue }) {
  // Every report is new (n counts them), so the server always hears it as a change, even
  // one that repeats what a restarted server's new session took as its starting state.
  window.__labReport = (values) => {
    window.__labReports = (window.__labReports || 0) + 1;
    setStateValue("at", { ...values, n: window.__labReports });
  };
  // After every run: if the page shows another step than the server knows (a report that
  // was held back because the student clicked elsewhere), say so now, once per difference.
  const memory = window.__labMemory;
  if (!memory || memory.epoch !== data.epoch) return;
  const wanted = `${memory.t}|${memory.view}`;
  if (wanted === `${data.t}|${data.view}`) {
    window.__labSynced = null;
  } else if (window.__labSynced !== wanted) {
    window.__labSynced = wanted;
    window.__labReport({ t: memory.t, view: memory.view });
  }
}
"""
_PRELOAD_JS = loader("stage.js", f'module.loadPlotly("{PLOTLY_URL}")')
_stage = st.components.v2.component("lab_stage", js=_STAGE_LOADER, isolate_styles=False)
_preload = st.components.v2.component("lab_preload", js=_PRELOAD_JS, isolate_styles=False)
_report = st.components.v2.component("lab_report", js=_REPORT_JS, isolate_styles=False)


def preload() -> None:
    """Start loading Plotly (4.8 MB) and the stage's code with the page's first message.

    Without it they load only once the stage arrives, after the whole sidebar has run.
    The element is hidden (ui/shell.py's page CSS).
    """
    _preload(key="lab-preload")


def _session() -> dict:
    """The step and view the page starts from, as of the server's last move of t.

    It changes only when the server moves t itself (a link, the Walkthrough): the
    page remembers what the student chose, and while the stage's data is unchanged
    Streamlit does not even call its render again.
    """
    state = st.session_state
    epoch = state.get("t_epoch", 0)
    if state.get("stage_session", {}).get("epoch") != epoch:
        state.stage_session = {
            "t": state.t,
            "view": steps.view(),
            "epoch": epoch,
            "plotly": PLOTLY_URL,
        }
    return state.stage_session


def run_url(ctx: Context) -> str:
    """Where the page fetches the packed run: one file per run, shared by every session.

    Streamlit's media store keeps one copy per content and serves it over HTTP, so a
    hall of a hundred students on one link holds one run, not a hundred copies in
    their websocket messages, and the browser caches it across page switches.
    """
    state = st.session_state
    key = (ctx.spec, ctx.presenter)
    if state.get("packed_key") != key:  # kept per session, like its run (ui/controls.py)
        state.packed_key, state.packed_blob = key, packed(*key)
    media = runtime.get_instance().media_file_mgr
    return media.add(state.packed_blob, "application/gzip", "lab-stage-run")


def stage(ctx: Context) -> None:
    """Where the page starts, where its run is, and where to find Plotly."""
    _stage(key="stage", data={**_session(), "run": run_url(ctx)})


def _reported() -> None:
    state = st.session_state
    before = (state.get("t"), state.get("view"))
    steps.reported((state.get("report") or {}).get("at"))
    state.report_moved = (state.get("t"), state.get("view")) != before


@st.fragment
def reports(ctx: Context) -> None:
    """Where the page's step lands: the URL, and the share panel that shows the link.

    A report reruns only this fragment: the report element, the URL and the share
    panel, so neither the server nor the page redraws the sidebar and the charts for
    it (in a hall, every student's reports share the same two cores). It is never
    sent in the moment after a click elsewhere (``stage.js``): a report that overlapped
    the student's switch to another page could blank it. A held-back report is sent
    once the next page has run, from here, on every page; a page drawn from the
    server's t (the Walkthrough) then runs again to show it.
    """
    state = st.session_state
    state.runs = state.get("runs", 0) + 1  # a new value each run, so the check runs each time
    known = {
        "t": state.t,
        "view": steps.view(),
        "epoch": state.get("t_epoch", 0),
        "run": state.runs,
    }
    _report(key="report", data=known, on_at_change=_reported)
    links.write("t", st.session_state.t)
    links.write("view", steps.view())
    sharing.panel(ctx)
    if state.pop("report_moved", False) and not state.get("page_owns_t"):
        st.rerun()
