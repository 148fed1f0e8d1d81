"""Settings as text: how each kind of value reads from and writes to a link.

Readable on purpose, in the spirit of TensorFlow Playground's URL: a lecturer can
see ``seed=7&data=0,1,0;0,1,0;1,0,1;1,0,1&t=42`` and know what it will show.
Reading never raises: a bad value comes back as ``None`` with the reason, so the
app can fall back to the default and say which field it ignored.
"""

from __future__ import annotations

import math

from perceptron import limits

Row = tuple[float, float, float]
Parsed = tuple[object, str | None]
"""(value, None) when the text is usable, (None, why not) when it is not."""


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float: 0 not 0.0, 0.25 not 2.5e-01."""
    return f"{int(value)}" if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def encode_rows(rows: list[Row] | tuple[Row, ...]) -> str:
    return ";".join(",".join(format_number(v) for v in row) for row in rows)


def decode_rows(text: str) -> tuple[tuple[Row, ...] | None, str | None]:
    """Rows of ``x1,x2,y`` separated by ``;``; values are validated again by the engine."""
    if len(text) > limits.MAX_URL_CHARS:
        return None, f"longer than {limits.MAX_URL_CHARS} characters"
    parts = [p for p in text.split(";") if p.strip()]
    if not parts:
        return None, "no rows"
    if len(parts) > limits.MAX_ROWS:
        return None, f"more than {limits.MAX_ROWS} rows"
    rows = []
    for i, part in enumerate(parts, start=1):
        cells = part.split(",")
        if len(cells) != 3:
            return None, f"row {i} needs 3 numbers (x1,x2,y), got {len(cells)}"
        try:
            values = tuple(float(c) for c in cells)
        except ValueError:
            return None, f"row {i} has a value that is not a number"
        if not all(math.isfinite(v) for v in values):
            return None, f"row {i} has a value that is not finite"
        if not 0.0 <= values[2] <= 1.0:
            return None, f"row {i} has a target outside [0, 1]"
        rows.append(values)
    return tuple(rows), None


def decode_step(text: str) -> tuple[int | None, str | None]:
    """A step index; whether it is beyond the end is known only once the run is trained."""
    text = text.strip()
    if len(text) > 12 or not (text.isascii() and text.isdigit()):
        return None, "not a whole number ≥ 0"
    return int(text), None


def decode_whole(text: str, low: int, high: int) -> Parsed:
    """A whole number as a number widget reads it: a fraction is rounded down, and said so."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        return None, f"{text[:30]!r} is not a whole number from {low:,} to {high:,}"
    if not number.is_integer():
        return int(number), f"{text[:30]!r} is not a whole number; using {int(number):,}"
    return int(number), None


def decode_flag(text: str) -> Parsed:
    if text.lower() in ("true", "false"):
        return text.lower() == "true", None
    return None, f"{text[:30]!r} is not true or false"


def decode_choice(text: str, labels: dict[object, str]) -> Parsed:
    """A choice by its exact label: Streamlit's URL binding writes and reads labels only,
    so "2.0" for the rate labelled "2" would be dropped by the widget, and is refused here."""
    for value, label in labels.items():
        if text == label:
            return value, None
    shown = ", ".join(labels.values())
    return None, f"{text[:30]!r} is not one of {shown if len(shown) < 90 else 'the offered values'}"
