"""The page's own files: the lab's ES modules and Plotly.js, served by Streamlit.

Both are static component folders (``components.v1.declare_component(path=...)``):
no CDN, so the app works offline and on Community Cloud. A component's inline JS
is re-sent with each rerun, so it is only a one-line loader of the real module.
"""

from __future__ import annotations

import pathlib

import plotly
import streamlit.components.v1 as components_v1

_plotly_files = components_v1.declare_component(
    "plotly_assets", path=str(pathlib.Path(plotly.__file__).parent / "package_data")
)
_lab_files = components_v1.declare_component(
    "lab_assets", path=str(pathlib.Path(__file__).parent / "static")
)
PLOTLY_URL = f"./component/{_plotly_files.name}/plotly.min.js"
STATIC_URL = f"./component/{_lab_files.name}"


def loader(module: str, export: str = "render") -> str:
    """Inline component JS: one line that imports ``module`` and hands it the component.

    The module is fetched once per page (the browser keeps one instance per URL), and what
    its ``export`` returns (a cleanup) goes back to Streamlit, which calls it when the
    element leaves the page.
    """
    url = f"{STATIC_URL}/{module}"
    return (  # two lines: Streamlit reads a one-line string as a file's path
        f"// Perceptron Lab: ui/static/{module}\n"
        f'export default (c) => import(new URL("{url}", document.baseURI).href)'
        f".then((m) => m.{export}(c));"
    )
