"""Plotly figure builders, one per chart: pure functions of a History and a step.

No Streamlit here, so the same figures serve the app, the CLI's exports and the
tests. Every builder clamps ``t`` to the run's last finite step and never sends
a NaN to the browser.
"""

from perceptron.figures.compare import compare_landscape_figure, compare_loss_figure
from perceptron.figures.errors import errors_figure, loss_figure
from perceptron.figures.frames import (
    errors_frames,
    landscape_frames,
    loss_frames,
    surface_frames,
    weights_frames,
)
from perceptron.figures.geometry import decision_boundary
from perceptron.figures.paths import landscape_figure, weights_figure
from perceptron.figures.sampling import drawn_steps, iteration_axis
from perceptron.figures.style import (
    CHART_FILENAMES,
    ROW_COLOURS,
    WEIGHT_COLOURS,
    Theme,
    base_layout,
    png_config,
    row_colour,
    style,
)
from perceptron.figures.surface import surface_figure

__all__ = [
    "CHART_FILENAMES",
    "ROW_COLOURS",
    "WEIGHT_COLOURS",
    "Theme",
    "base_layout",
    "compare_landscape_figure",
    "compare_loss_figure",
    "decision_boundary",
    "drawn_steps",
    "errors_figure",
    "errors_frames",
    "iteration_axis",
    "landscape_figure",
    "landscape_frames",
    "loss_figure",
    "loss_frames",
    "png_config",
    "row_colour",
    "style",
    "surface_figure",
    "surface_frames",
    "weights_figure",
    "weights_frames",
]
