"""Turn whatever a user typed into clean float arrays, or say exactly what is wrong.

In the spirit of scikit-learn's ``check_array``, every message names the row and
column as the user sees them (1-based, column names from the table) and what to
do about it. Data problems raise :class:`DatasetError`; parameter problems raise
plain :class:`ValueError` naming the field.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptron import limits
from perceptron.maths import LOSSES


@dataclass(frozen=True)
class Problem:
    """One bad cell (or a whole-table problem when ``row`` is None)."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where).capitalize()}: {self.message}" if where else self.message


class DatasetError(ValueError):
    """Bad training data; ``problems`` lists every offending cell for the UI to show."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more problems)" if len(problems) > 5 else ""
        super().__init__(shown + more)


def _read_text(text: str) -> tuple[float | None, str | None]:
    """A typed cell, read the way a person means it, or refused saying what was typed.

    A Unicode minus (as pasted from a document) is a minus. A decimal comma, a
    digit separator or a word is refused rather than guessed at: "1,000" could
    be a thousand or one, and a wrong guess would change the student's data
    without a word.
    """
    shown = repr(text if len(text) <= 20 else text[:20] + "…")
    normal = text.replace("\u2212", "-")
    if re.fullmatch(r"[+-]?[\d,]*,\d*", normal):
        return None, f"{shown} has a comma: write decimals with a point (0.5), no thousands commas"
    if "_" in normal or not re.search(r"\d", normal):
        return None, f"{shown} is not a number"
    try:
        number = float(normal)
    except ValueError:
        return None, f"{shown} is not a number"
    if math.isinf(number):
        return None, f"{shown} is too large to use"
    return number, None


def _cell_to_float(value: Any) -> tuple[float | None, str | None]:
    """Read one cell; return (number, None) or (None, what is wrong with it)."""
    if isinstance(value, (bool, np.bool_)):
        return None, f"{bool(value)} is not a number (use 0 or 1)"
    if value is None:
        return None, "is empty"
    if isinstance(value, str):
        text = value.strip()
        return _read_text(text) if text else (None, "is empty")
    try:
        number = float(value)
    except OverflowError:  # a Python int beyond 1.8e308
        return None, "is too large to use"
    except (TypeError, ValueError):
        return None, f"{type(value).__name__} value is not a number"
    if math.isnan(number):
        return None, "is empty"
    if math.isinf(number):
        return None, "is too large to use"
    return number, None


def _check_table(cells: list[list[Any]], columns: list[str]) -> tuple[np.ndarray, list[Problem]]:
    out = np.zeros((len(cells), len(columns)), dtype=np.float64)
    problems = []
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            number, error = _cell_to_float(value)
            if error is not None:
                problems.append(Problem(i + 1, columns[j], error))
            else:
                out[i, j] = number
    return out, problems


def _as_rows(data: Any, name: str) -> list[list[Any]]:
    """Nested Python lists of cells, keeping strings and None as the user typed them."""
    if hasattr(data, "to_numpy"):
        data = data.to_numpy(dtype=object)
    array = np.asarray(data, dtype=object)
    if array.ndim == 1 and name == "X" and any(isinstance(r, (list, tuple)) for r in array):
        # Rows of different lengths: numpy makes a 1-D array of lists; say which row.
        width = len(array[0]) if isinstance(array[0], (list, tuple)) else 1
        for i, row in enumerate(array.tolist()):
            cells = len(row) if isinstance(row, (list, tuple)) else 1
            if cells != width:
                message = f"has {cells} cells but row 1 has {width}; every row needs the same"
                raise DatasetError([Problem(i + 1, None, message)])
    if array.ndim == 1 and name == "y":
        array = array.reshape(-1, 1)
    if array.ndim == 2 and name == "y":
        if array.shape[1] != 1:
            raise DatasetError([Problem(None, None, f"y must be one column, got {array.shape[1]}")])
    elif array.ndim != 2:
        raise DatasetError(
            [
                Problem(
                    None, None, f"{name} must be a 2-D table (rows × columns), got {array.ndim}-D"
                )
            ]
        )
    return array.tolist()


def check_dataset(
    X: Any, y: Any, feature_names: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Validate inputs and targets; return float64 ``X`` (n, f) and ``y`` (n,)."""
    x_rows = _as_rows(X, "X")
    y_rows = _as_rows(y, "y")
    n_rows = len(x_rows)
    n_features = len(x_rows[0]) if x_rows else 0
    if n_rows == 0:
        raise DatasetError([Problem(None, None, "the table has no rows; add at least one")])
    if n_rows > limits.MAX_ROWS:
        raise DatasetError(
            [Problem(None, None, f"{n_rows} rows is more than the limit of {limits.MAX_ROWS}")]
        )
    if n_features == 0:
        raise DatasetError([Problem(None, None, "X has no columns; add at least one input")])
    if n_features > limits.MAX_FEATURES:
        raise DatasetError(
            [
                Problem(
                    None,
                    None,
                    f"{n_features} input columns is more than the limit of {limits.MAX_FEATURES}",
                )
            ]
        )
    if len(y_rows) != n_rows:
        raise DatasetError(
            [Problem(None, None, f"X has {n_rows} rows but y has {len(y_rows)}; they must match")]
        )
    names = feature_names or [f"x{j + 1}" for j in range(n_features)]
    x_array, problems = _check_table(x_rows, names)
    y_array, y_problems = _check_table(y_rows, ["y"])
    unreadable = {p.row for p in y_problems}
    for i, target in enumerate(y_array[:, 0]):
        if i + 1 not in unreadable and not 0.0 <= target <= 1.0:
            cell = y_rows[i][0]
            typed = repr(cell.strip()) if isinstance(cell, str) else f"{target:g}"
            message = f"{typed} is outside 0 to 1; a target is 0, 1 or a value in between"
            y_problems.append(Problem(i + 1, "y", message))
    problems += y_problems
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column != "y", p.column or ""))
        raise DatasetError(problems)
    return x_array, y_array[:, 0]


def check_frame(frame: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate a data-editor table whose last column is ``y`` and the rest are inputs."""
    columns = [str(c) for c in getattr(frame, "columns", [])]
    if "y" not in columns:
        raise DatasetError([Problem(None, None, "the table needs a 'y' column of targets")])
    inputs = [c for c in columns if c != "y"]
    return check_dataset(frame[inputs], frame["y"], feature_names=inputs)


def _is_integer(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _float_or_inf(value: numbers.Real) -> float:
    """``float()`` that maps a Python int beyond the float range to inf instead of raising."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def check_params(
    seed: Any,
    iterations: Any,
    learning_rate: Any,
    bias: Any,
    objective: Any,
    n_rows: int = 1,
    max_values: int = limits.MAX_HISTORY_VALUES,
) -> tuple[int, int, float, bool, str]:
    """Validate training parameters; each message starts with the field's name."""
    if not _is_integer(seed) or not 0 <= int(seed) <= limits.MAX_SEED:
        raise ValueError(f"seed: must be a whole number from 0 to {limits.MAX_SEED}, got {seed!r}")
    if not _is_integer(iterations) or int(iterations) < 0:
        raise ValueError(f"iterations: must be a whole number ≥ 0, got {iterations!r}")
    if int(iterations) > limits.MAX_ITERATIONS:
        raise ValueError(
            f"iterations: {int(iterations):,} is more than the limit of {limits.MAX_ITERATIONS:,}"
        )
    if (int(iterations) + 1) * n_rows > max_values:
        most = max_values // n_rows - 1
        raise ValueError(
            f"iterations: {int(iterations):,} steps × {n_rows} rows would record too much "
            f"history; use at most {most:,} iterations for this many rows"
        )
    if (
        isinstance(learning_rate, (bool, np.bool_))
        or not isinstance(learning_rate, numbers.Real)
        or not math.isfinite(_float_or_inf(learning_rate))
        or float(learning_rate) <= 0
    ):
        raise ValueError(f"learning_rate: must be a finite number > 0, got {learning_rate!r}")
    if not isinstance(bias, (bool, np.bool_)):
        raise ValueError(f"bias: must be True or False, got {bias!r}")
    if objective not in LOSSES:
        raise ValueError(f"loss: must be one of {', '.join(LOSSES)}, got {objective!r}")
    return int(seed), int(iterations), float(learning_rate), bool(bias), str(objective)
