"""The page's own files: the lab's ES modules and Plotly.js, served by Streamlit.

Both are static component folders (``components.v1.declare_component(path=...)``):
no CDN, so the app works offline and on Community Cloud. A component's inline JS
is re-sent with each rerun, so it is only a loader that imports the real module once.
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


def loader(module: str, call: str = "module.render(component)") -> str:
    """Inline component JS that loads the lab's stylesheet once and ``module``, then ``call``."""
    return f"""
export default function (component) {{
  const base = new URL("{STATIC_URL}/", document.baseURI).href;
  if (!document.querySelector("link[data-lab-css]")) {{
    const link = document.createElement("link");
    Object.assign(link, {{ rel: "stylesheet", href: base + "stage.css" }});
    link.dataset.labCss = "";
    document.head.appendChild(link);
  }}
  window.__labModules = window.__labModules || {{}};
  window.__labModules["{module}"] = window.__labModules["{module}"] || import(base + "{module}");
  window.__labModules["{module}"].then((module) => {call});
}}
"""
