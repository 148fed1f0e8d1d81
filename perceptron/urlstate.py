"""The parts of a shareable link that Streamlit's widget binding cannot carry.

Widgets (seed, learning rate, …) bind themselves to the URL; the edited data
rows and the current step need our own compact, readable encoding, in the spirit
of TensorFlow Playground's ``state.ts``: ``data=0,1,0;0,1,0;1,0,1;1,0,1&t=42``.
Parsing never raises: a bad value comes back as ``None`` with the reason, so the
app can fall back to the default and tell the user which field it ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from perceptron import limits
from perceptron.datasets import PRESETS
from perceptron.validation import MAX_SEED

Row = tuple[float, float, float]

LEARNING_RATES = (
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    20.0,
    50.0,
    100.0,
)
"""The learning rates offered: log-spaced 1-2-5 steps, as on a scientific instrument."""

LOSS_LABELS = {"squared": "Squared error", "cross_entropy": "Cross-entropy"}
VIEW_LABELS = {"heatmap": "Heat map", "3d": "3D surface"}
PRESET_LABELS = {key: preset.name for key, preset in PRESETS.items()}
LABELS = {"preset": PRESET_LABELS, "loss": LOSS_LABELS, "view": VIEW_LABELS}
"""Choice widgets bound to the URL carry their *label* there (Streamlit 1.67's binding)."""

KNOWN_KEYS = (
    "preset",
    "data",
    "seed",
    "iterations",
    "lr",
    "bias",
    "loss",
    "t",
    "view",
    "presenter",
)


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float: 0 not 0.0, 0.25 not 2.5e-01."""
    return f"{int(value)}" if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def encode_rows(rows: list[Row] | tuple[Row, ...]) -> str:
    return ";".join(",".join(format_number(v) for v in row) for row in rows)


def decode_rows(text: str) -> tuple[tuple[Row, ...] | None, str | None]:
    """Rows of ``x1,x2,y`` separated by ``;``; values are validated again by the engine."""
    if len(text) > limits.MAX_URL_CHARS:
        return None, f"data: longer than {limits.MAX_URL_CHARS} characters"
    parts = [p for p in text.split(";") if p.strip()]
    if not parts:
        return None, "data: no rows"
    if len(parts) > limits.MAX_ROWS:
        return None, f"data: more than {limits.MAX_ROWS} rows"
    rows = []
    for i, part in enumerate(parts, start=1):
        cells = part.split(",")
        if len(cells) != 3:
            return None, f"data: row {i} needs 3 numbers (x1,x2,y), got {len(cells)}"
        try:
            values = tuple(float(c) for c in cells)
        except ValueError:
            return None, f"data: row {i} has a value that is not a number"
        if not all(math.isfinite(v) for v in values):
            return None, f"data: row {i} has a value that is not finite"
        if not 0.0 <= values[2] <= 1.0:
            return None, f"data: row {i} has a target outside [0, 1]"
        rows.append(values)
    return tuple(rows), None


def decode_step(text: str) -> tuple[int | None, str | None]:
    """A step index; whether it is beyond the end is known only once the run is trained."""
    text = text.strip()
    if len(text) > 12 or not (text.isascii() and text.isdigit()):
        return None, "t: not a whole number ≥ 0"
    return int(text), None


@dataclass
class UrlAudit:
    """What a link asked for that the app had to ignore, so it can say so."""

    ignored: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.ignored.append(message)


def _check_whole(report: UrlAudit, key: str, text: str, low: int, high: int) -> None:
    """Say what a numeric widget will do with ``text``: ignore it, or round it down."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        report.add(f"{key}: {text[:30]!r} is not a whole number from {low:,} to {high:,}")
    elif not number.is_integer():
        report.add(f"{key}: {text[:30]!r} is not a whole number; using {int(number):,}")


def audit(params: Mapping[str, str]) -> UrlAudit:
    """Check every query parameter the way the widgets will, before they silently drop it."""
    report = UrlAudit()
    for key, raw in params.items():
        value = str(raw)
        if key not in KNOWN_KEYS:
            report.add(f"{key[:30]}: unknown setting")
        elif len(value) > limits.MAX_URL_CHARS:
            report.add(f"{key}: value too long")
        elif key in LABELS and value not in LABELS[key].values():
            report.add(f"{key}: {value[:30]!r} is not one of {', '.join(LABELS[key].values())}")
        elif key == "seed":
            _check_whole(report, key, value, 0, MAX_SEED)
        elif key == "iterations":
            _check_whole(report, key, value, 1, limits.APP_MAX_ITERATIONS)
        elif key == "lr" and not _is_offered_rate(value):
            report.add(f"lr: {value[:30]!r} is not one of the offered learning rates")
        elif key in ("bias", "presenter") and value.lower() not in ("true", "false"):
            report.add(f"{key}: {value[:30]!r} is not true or false")
        elif key == "data":
            error = decode_rows(value)[1]
            if error:
                report.add(error)
        elif key == "t":
            error = decode_step(value)[1]
            if error:
                report.add(error)
    return report


def _is_offered_rate(text: str) -> bool:
    try:
        return float(text) in LEARNING_RATES
    except ValueError:
        return False
