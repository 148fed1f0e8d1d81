"""A page's file that Streamlit runs alone is drawn through app.py (``ui/entry.py``).

Streamlit 1.67 runs a fresh server's first request in its legacy ``pages/`` mode, where a
deep link runs the file of ``pages/`` it names alone. AppTest starts every run in that
mode (it resets ``PagesManager.uses_pages_directory``), so after a first run it runs the
current page's file alone, as a fresh server does for a deep link. The browser's side
(no "Page not found", the top navigation) is
``test_browser.py::test_deep_link_on_a_fresh_server``.
"""

from __future__ import annotations

import ast
import pathlib
import runpy

import pytest

from tests.support.apptest import open_apptest
from tests.support.paths import APP
from ui import entry


def app_pages() -> dict[str, str]:
    """Each ``st.Page`` of app.py: its file → its ``url_path``, read from the source."""
    pages = {}
    for node in ast.walk(ast.parse(pathlib.Path(APP).read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            url = next(k.value.value for k in node.keywords if k.arg == "url_path")
            pages[node.args[0].value] = url
    return pages


def test_each_page_file_is_named_after_its_url_path():
    """So a deep link finds its file in the legacy mode, instead of "Page not found"."""
    pages = app_pages()
    assert pages == {f"pages/{url}.py": url for url in ("train", "walkthrough", "compare")}
    folder = pathlib.Path(APP).parent / "pages"
    assert {f"pages/{p.name}" for p in folder.glob("*.py")} == set(pages)  # no other page


@pytest.fixture
def app_runs(monkeypatch) -> list[str]:
    """The scripts ``ui.entry`` ran in a page's place (a live list)."""
    runs: list[str] = []
    real = runpy.run_path

    def run_path(path: str) -> dict:
        runs.append(path)
        return real(path)

    monkeypatch.setattr(runpy, "run_path", run_path)
    return runs


@pytest.mark.parametrize("page", ["walkthrough", "compare", "train"])
def test_a_page_run_alone_is_drawn_through_the_app(app_runs, page):
    at = open_apptest({"seed": "7", "t": "3"})
    assert app_runs == []  # the first run's page is app.py, the legacy mode's main page
    at.switch_page(f"pages/{page}.py").run()
    assert app_runs == [str(entry.APP)]  # the file ran alone, and app.py drew in its place
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7  # app.py's sidebar, the link's seed
    headings = [m.value for m in at.main.markdown if m.value.startswith("### Step t = ")]
    stages = [e for e in at.get("bidi_component") if e.proto.component_name == "lab_stage"]
    compare_seeds = [w.value for w in at.multiselect if w.key == "compare_seeds"]
    assert len(stages) == (page == "train")
    assert headings == (
        ["### Step t = 3: the update from `synapse_0` at step 3 to step 4"]
        if page == "walkthrough"
        else []
    )
    assert compare_seeds == ([[7]] if page == "compare" else [])
