"""Perceptron Lab: see one sigmoid neuron learn by gradient descent.

Entry point for ``streamlit run app.py`` (and Streamlit Community Cloud): page
setup, the shared sidebar, and navigation. Each page's file in ``pages/`` is named
after its ``url_path``: on a fresh server's first run Streamlit 1.67 looks a deep
link up among those files and runs the one it names alone, which then runs this
script in its place (``ui/entry.py``).
"""

import streamlit as st

from ui import entry, shell, stage
from ui.errors import guarded

presenting = st.session_state.get("presenter", st.query_params.get("presenter") == "true")
st.set_page_config(
    page_title="Perceptron Lab",
    page_icon="🧠",  # an emoji becomes a data: URL; a material icon is fetched from Google
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",  # auto: closed on a phone
)

PAGES = [
    st.Page(
        "pages/train.py",
        title="Train",
        icon=":material/model_training:",
        url_path="train",
        default=True,
    ),
    st.Page(
        "pages/walkthrough.py",
        title="Walkthrough",
        icon=":material/menu_book:",
        url_path="walkthrough",
    ),
    st.Page(
        "pages/compare.py",
        title="Compare",
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
]

page = st.navigation(PAGES, position="top")


def _run_page() -> None:
    if page is PAGES[0]:
        stage.preload()  # Plotly and the page's code load while the sidebar is built
    shell.prepare(page.title)
    with entry.inside_app():
        page.run()


guarded(_run_page)
