"""How the app shows each setting of the engine's table: which widget, where, and within what.

The engine's table (:mod:`perceptron.settings`) says what a setting is: its URL key,
type, bounds and help, the same for the CLI, the exported script and the app. Which
Streamlit widget draws it, in which part of the sidebar, what the app adds to its help
and how far the app lets it go are the app's choices, so they live here. A setting
without a row has no sidebar widget: the data has the editor, the view and the step
belong to the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from perceptron import settings
from perceptron.settings import Setting
from ui import caps
from views import caps as view_caps

Place = Literal["dataset", "training", "display"]
"""The sidebar's parts, top to bottom: above the data editor, the "Training parameters"
expander under it, and the display switches last."""


@dataclass(frozen=True)
class Widget:
    """One setting's widget: its kind, its part of the sidebar, the app's note and cap.

    ``note`` is added to the setting's help where it is only true in the app; ``high``
    is the app's own, tighter bound on a number (the engine's stays in the table).
    """

    kind: Literal["selectbox", "segmented", "select_slider", "toggle", "number"]
    place: Place
    note: str = ""
    high: int | None = None


WIDGETS: Mapping[str, Widget] = {
    "preset": Widget("selectbox", "dataset"),
    "seed": Widget("number", "training"),
    "iterations": Widget(
        "number",
        "training",
        note=f"Long runs are drawn with at most {view_caps.MAX_DRAWN_POINTS} points per line.",
        high=caps.APP_MAX_ITERATIONS,
    ),
    "lr": Widget("select_slider", "training"),
    "bias": Widget("toggle", "training"),
    "loss": Widget("segmented", "training"),
    "presenter": Widget("toggle", "display"),
}
"""Each sidebar widget by its setting's URL key; the sidebar draws them in the table's order."""


def _offered(setting: Setting) -> Setting:
    shown = WIDGETS.get(setting.key)
    return setting if shown is None or shown.high is None else replace(setting, high=shown.high)


SETTINGS: Mapping[str, Setting] = {key: _offered(s) for key, s in settings.SETTINGS.items()}
"""The engine's table as the app offers it: the same rows, bounded by the app's caps, so a
widget's range, its help and the link's audit all stop where the app does."""


def audit(params: Mapping[str, str]) -> list[str]:
    """What a link asks for that the app cannot use: a value the widget would drop unsaid."""
    return settings.audit(params, SETTINGS)


def placed(place: Place) -> list[Setting]:
    """The settings drawn in one part of the sidebar, as the app offers them, in table order."""
    return [s for key, s in SETTINGS.items() if key in WIDGETS and WIDGETS[key].place == place]
