"""Perceptron Lab: see one sigmoid neuron learn by gradient descent.

Entry point for ``streamlit run app.py`` (and Streamlit Community Cloud): page
setup, the shared sidebar, and navigation. Each page's ``url_path`` differs from
its file's stem on purpose: in Streamlit 1.67 a deep link equal to a file stem in
``pages/`` runs that file alone on a fresh server, skipping this script.
"""

import streamlit as st

from ui import shell, stage
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
        "pages/train_page.py",
        title="Train",
        icon=":material/model_training:",
        url_path="train",
        default=True,
    ),
    st.Page(
        "pages/walkthrough_page.py",
        title="Walkthrough",
        icon=":material/menu_book:",
        url_path="walkthrough",
    ),
    st.Page(
        "pages/compare_page.py",
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
    page.run()


guarded(_run_page)
