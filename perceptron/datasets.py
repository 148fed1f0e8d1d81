"""The preset datasets, each with the one sentence a student needs.

All presets use the two inputs x1, x2 in {0, 1}, so they draw on the same
input plane and the same loss landscape, and a student can flip between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    description: str
    rows: tuple[tuple[float, float, float], ...]

    @property
    def X(self) -> np.ndarray:  # noqa: N802 - the conventional name for a data matrix
        return np.array([r[:2] for r in self.rows], dtype=np.float64)

    @property
    def y(self) -> np.ndarray:
        return np.array([r[2] for r in self.rows], dtype=np.float64)


_TRUTH_TABLE = ((0, 0), (0, 1), (1, 0), (1, 1))


def _gate(key: str, name: str, description: str, rule) -> Preset:
    rows = tuple((float(a), float(b), float(rule(a, b))) for a, b in _TRUTH_TABLE)
    return Preset(key, name, description, rows)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            "notebook",
            "Notebook: the first input decides",
            "The notebook's four rows: the target is simply x1, so the neuron learns a "
            "large positive w1 and a large negative w2.",
            ((0, 1, 0), (0, 1, 0), (1, 0, 1), (1, 0, 1)),
        ),
        Preset(
            "second",
            "The second input decides",
            "The mirror image of the notebook: the target is x2, so the weights swap roles.",
            ((0, 1, 1), (0, 1, 1), (1, 0, 0), (1, 0, 0)),
        ),
        _gate(
            "and",
            "AND",
            "1 only when both inputs are 1: needs a bias to get (0, 0) right.",
            lambda a, b: a and b,
        ),
        _gate(
            "or",
            "OR",
            "1 when either input is 1: learnable, best with a bias.",
            lambda a, b: a or b,
        ),
        _gate(
            "nand",
            "NAND",
            "NOT AND: 1 unless both inputs are 1; impossible without a bias.",
            lambda a, b: not (a and b),
        ),
        _gate(
            "nor",
            "NOR",
            "1 only when both inputs are 0; impossible without a bias.",
            lambda a, b: not (a or b),
        ),
        _gate(
            "xor",
            "XOR",
            "1 when the inputs differ: not linearly separable, so one neuron "
            "can never get all four rows right. That is the lesson.",
            lambda a, b: a != b,
        ),
    )
}
DEFAULT_PRESET = "notebook"


def get_preset(key: str) -> Preset:
    """Look a preset up by key, with a message listing the valid ones."""
    try:
        return PRESETS[key]
    except KeyError:
        raise ValueError(f"preset: unknown {key!r}; choose one of {', '.join(PRESETS)}") from None
