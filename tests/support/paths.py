"""Where things are: the repository, the app, its static files and the screenshots folder."""

from __future__ import annotations

import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
"""The app's entry point, as AppTest.from_file and ``streamlit run`` take it."""
STATIC = ROOT / "ui" / "static"
SCREENSHOTS = ROOT / "screenshots"
"""Git-ignored pictures the browser tests take for a human to look at."""
