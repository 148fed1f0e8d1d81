"""``python -m perceptron``: the teaching notebook's printout, from the lab's engine.

With no options it prints exactly what the notebook printed, number for number,
so a student can put the two side by side; the options then change one thing at
a time. Bad input is reported as one line on stderr with exit status 2, never a
traceback: the people typing these commands are learning, not debugging.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, TextIO

import numpy as np
import pandas as pd

from perceptron.datasets import PRESETS
from perceptron.history import History
from perceptron.settings import RUN_SETTINGS, Setting
from perceptron.training import train
from perceptron.validation import check_frame

MAX_CSV_BYTES = 1_000_000

EXAMPLES = """\
examples:
  python -m perceptron                          the notebook's run and printout
  python -m perceptron --preset and --bias      AND needs a bias to be learnable
  python -m perceptron --preset xor --iterations 2000 --json
  python -m perceptron --loss cross_entropy --learning-rate 0.5 --seed 7
  python -m perceptron --csv mydata.csv         header x1,x2,y; targets in [0, 1]
"""


class UsageError(ValueError):
    """A problem with what was typed, reported on stderr with exit status 2."""


def _add_flag(parser: argparse.ArgumentParser | Any, setting: Setting) -> None:
    """One run setting as a flag, typed, bounded and documented by its row in the table."""
    default = setting.default
    extra: dict[str, Any] = {"dest": setting.name, "default": default}
    if setting.kind == "flag":
        extra.update(action="store_true")
    elif setting.kind == "rows":
        extra.update(
            metavar="FILE",
            help="CSV with a header: input columns (x1,x2) then y; "
            f"at most {MAX_CSV_BYTES // 1_000_000} MB (default: the preset's rows)",
        )
    elif setting.kind == "whole":
        extra.update(type=int)
    elif isinstance(default, float):  # a learning rate: the CLI takes any positive number
        extra.update(type=float)
    else:
        extra.update(choices=list(setting.choices or ()))
    # A choice's default as it is typed on the command line (its key), not its label.
    shown = (
        default if setting.kind == "choice" and isinstance(default, str) else setting.shown(default)
    )
    extra.setdefault("help", f"{setting.help} (default: {shown})")
    parser.add_argument(setting.cli, **extra)


def build_parser() -> argparse.ArgumentParser:
    """The options, one per run setting, each defaulting to the notebook's choice."""
    parser = argparse.ArgumentParser(
        prog="python -m perceptron",
        description="Train one sigmoid neuron by gradient descent and print it the way the "
        "teaching notebook does. Defaults reproduce the notebook exactly.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    data = parser.add_mutually_exclusive_group()
    for setting in RUN_SETTINGS:
        _add_flag(data if setting.key in ("preset", "data") else parser, setting)
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead")
    return parser


def read_csv(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Read every cell as text, so validation can name the exact row and column at fault."""
    try:
        size = os.path.getsize(path)
        if size > MAX_CSV_BYTES:
            raise UsageError(f"--csv: {path} is {size:,} bytes; the limit is {MAX_CSV_BYTES:,}")
        with warnings.catch_warnings():
            # A row longer than the header would otherwise shift into an index or be cut.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, skipinitialspace=True, index_col=False
            )
    except pd.errors.ParserWarning:
        raise UsageError(f"--csv: {path} has a row with more cells than the header") from None
    except OSError as error:
        raise UsageError(f"--csv: cannot read {path}: {error.strerror or error}") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise UsageError(f"--csv: {path} is not a readable CSV table: {error}") from None
    return check_frame(frame)


def _finite_or_none(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    return value


def print_notebook(h: History, out: TextIO) -> None:
    """The notebook's cells' printout, with numpy's default formatting whatever the caller set."""
    with np.printoptions(
        precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False, floatmode="maxprec"
    ):
        first = h.step(0)
        print("original synapse weights\n", first.synapse_0, file=out)
        print(
            "our layer 1 predictions\n",
            first.layer_1,
            "\n our layer 1 error compared to actual outputs\n",
            first.layer_1_error,
            file=out,
        )
        if first.synapse_derivative is not None:
            print(
                "how much we should adjust our synapse values by\n",
                first.synapse_derivative,
                file=out,
            )
            print("new synapse value\n", first.new_synapse, file=out)
        # The notebook prints the weights after its last update but `layer_1`, which its
        # loop computed *before* that update: the predictions one step behind the weights.
        # Reproduced deliberately, so these numbers match the notebook's to the last digit.
        end = h.last_step
        print("Output After Training:", file=out)
        print("Synapse weights\n", h.weights[end][:, None], file=out)
        print("Synapse predictions\n", h.predictions[max(end - 1, 0)][:, None], file=out)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.rows is not None:
        X, y = read_csv(args.rows)
    else:
        X, y = PRESETS[args.preset].X, PRESETS[args.preset].y
    h = train(X, y, args.seed, args.iterations, args.learning_rate, args.bias, args.objective)
    if args.json:
        print(json.dumps(_finite_or_none_dict(h.summary()), indent=2), file=out)
    else:
        print_notebook(h, out)
    if h.diverged_at is not None:
        print(
            f"warning: training diverged at step {h.diverged_at} (weights overflowed); "
            f"showing step {h.last_step}. Try a smaller --learning-rate.",
            file=err,
        )
    return 0


def _finite_or_none_dict(summary: dict[str, Any]) -> dict[str, Any]:
    """JSON has no inf or NaN; an overflowed initial loss is reported as null."""
    return {key: _finite_or_none(value) for key, value in summary.items()}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status instead of exiting, so tests can call it."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help (0) or an argparse usage error (2)
        return int(stop.code or 0)
    try:
        return run(args, out, err)
    except ValueError as error:  # DatasetError, UsageError and parameter errors
        print(f"{parser.prog}: error: {error}", file=err)
        return 2
