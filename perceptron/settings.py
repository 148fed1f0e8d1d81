"""Every setting declared once: widgets, the link, the run's spec, the CLI and the script read it.

TensorFlow Playground keeps one ``PROPS`` table in ``state.ts`` that both parses and
writes its URL; this is that table for the lab. A new parameter is one row here
plus its use in the engine, and the tests walk the table, so a widget, a URL key
and a CLI flag can no longer drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from perceptron import limits
from perceptron.codecs import (
    Parsed,
    Row,
    decode_choice,
    decode_flag,
    decode_rows,
    decode_step,
    decode_whole,
    encode_rows,
    format_number,
)
from perceptron.datasets import DEFAULT_PRESET, PRESETS
from perceptron.maths import LOSSES

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

Kind = Literal["choice", "whole", "flag", "rows", "step"]


@dataclass(frozen=True)
class Setting:
    """One parameter: how it is named, shown, bounded, linked and typed on a command line.

    ``key`` names it in the URL and in the session; ``name`` in the engine and the run's
    spec. ``help`` serves every consumer. Choices map each value to the label a widget
    shows, which is also what Streamlit's URL binding writes. ``low`` and ``high`` are the
    engine's bounds; the app may offer less (``ui/widgets.py``). ``scope`` "run" settings
    define a training run (and have a CLI flag); "view" settings only change how a run is
    shown. How the app draws a setting is the app's business, not this table's.
    """

    key: str
    name: str
    kind: Kind
    default: Any
    label: str
    help: str
    scope: Literal["run", "view"] = "run"
    choices: Mapping[Any, str] | None = None
    low: int = 0
    high: int = 0
    step: int = 1
    cli: str | None = None

    def decode(self, text: str) -> Parsed:
        """The value a link's text asks for, or None and why it cannot be used."""
        if self.kind == "choice":
            return decode_choice(text, dict(self.choices or {}))
        if self.kind == "whole":
            return decode_whole(text, self.low, self.high)
        if self.kind == "flag":
            return decode_flag(text)
        return decode_rows(text) if self.kind == "rows" else decode_step(text)

    def encode(self, value: Any) -> str:
        """The text a link carries for ``value`` (the inverse of :meth:`decode`)."""
        if self.kind == "choice":
            return dict(self.choices or {})[value]
        if self.kind == "flag":
            return str(bool(value)).lower()
        if self.kind == "rows":
            return encode_rows(value)
        return format_number(value)

    def shown(self, value: Any) -> str:
        """``value`` as a person reads it (the CLI's --help, the exported script)."""
        if self.kind == "choice":
            return dict(self.choices or {}).get(value, str(value))
        if self.kind == "flag":
            return "on" if value else "off"
        return f"{value:,}" if self.kind == "whole" else str(value)


LOSS_LABELS = {"squared": "Squared error", "cross_entropy": "Cross-entropy"}
VIEW_LABELS = {"heatmap": "Heat map", "3d": "3D surface"}
_SETTINGS = (
    Setting(
        "preset",
        "preset",
        "choice",
        DEFAULT_PRESET,
        "Dataset",
        "A built-in dataset: the notebook's four rows or a truth table.",
        choices={key: preset.name for key, preset in PRESETS.items()},
        cli="--preset",
    ),
    Setting(
        "data",
        "rows",
        "rows",
        None,
        "Data",
        "The rows to learn, x1, x2 and the target y, when they differ from the preset's.",
        cli="--csv",
    ),
    Setting(
        "seed",
        "seed",
        "whole",
        1,
        "Seed",
        "Picks the random starting weights (the notebook uses 1).",
        high=limits.MAX_SEED,
        cli="--seed",
    ),
    Setting(
        "iterations",
        "iterations",
        "whole",
        10001,
        "Iterations",
        "Gradient-descent updates. 10,001 = the notebook's one manual step + 10,000.",
        low=0,
        high=limits.MAX_ITERATIONS,
        step=1000,
        cli="--iterations",
    ),
    Setting(
        "lr",
        "learning_rate",
        "choice",
        1.0,
        "Learning rate",
        "How far each update moves the weights. The notebook uses 1.",
        choices={rate: format_number(rate) for rate in LEARNING_RATES},
        cli="--learning-rate",
    ),
    Setting(
        "bias",
        "bias",
        "flag",
        False,
        "Bias input",
        "Adds a constant-1 input with its own weight b, so the boundary can shift.",
        cli="--bias",
    ),
    Setting(
        "loss",
        "objective",
        "choice",
        "squared",
        "Loss",
        "What 'wrong' means: the notebook's squared error, or cross-entropy.",
        choices={key: LOSS_LABELS[key] for key in LOSSES},
        cli="--loss",
    ),
    Setting(
        "view",
        "view",
        "choice",
        "heatmap",
        "Surface view",
        "The neuron's output over the input plane as a heat map or a 3D surface.",
        scope="view",
        choices=VIEW_LABELS,
    ),
    Setting(
        "presenter",
        "presenter",
        "flag",
        False,
        "Presenter mode",
        "Big numbers, thick lines and the three views on one screen: for projectors.",
        scope="view",
    ),
    Setting("t", "t", "step", 0, "Step", "t = number of updates applied so far.", scope="view"),
)
SETTINGS: Mapping[str, Setting] = {s.key: s for s in _SETTINGS}
"""Every setting by its URL key, in the order the sidebar and the CLI list them."""

RUN_SETTINGS = tuple(s for s in _SETTINGS if s.scope == "run")


@dataclass(frozen=True)
class RunSpec:
    """Everything that defines a training run; hashable, so it keys the app's cache."""

    rows: tuple[Row, ...] = PRESETS[DEFAULT_PRESET].rows
    seed: int = SETTINGS["seed"].default
    iterations: int = SETTINGS["iterations"].default
    learning_rate: float = SETTINGS["lr"].default
    bias: bool = SETTINGS["bias"].default
    objective: str = SETTINGS["loss"].default

    def params(self) -> dict[str, Any]:
        """Keyword arguments for :func:`perceptron.train`, besides the data."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rows"}


def audit(params: Mapping[str, str], table: Mapping[str, Setting] = SETTINGS) -> list[str]:
    """What a link asks for that ``table`` cannot use, one message per field, named first.

    It reads every value the way its widget will, before the widget silently drops it. The
    app passes its own copy of the table, whose bounds are its tighter caps.
    """
    ignored = []
    for key, raw in params.items():
        text = str(raw)
        setting = table.get(key)
        if setting is None:
            ignored.append(f"{key[:30]}: unknown setting")
        elif len(text) > limits.MAX_URL_CHARS:
            ignored.append(f"{key}: value too long")
        else:
            why = setting.decode(text)[1]
            if why:
                ignored.append(f"{key}: {why}")
    return ignored
