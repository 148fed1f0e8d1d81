"""The page's JS run on a real packed run with Node, for tests that compare it with Python.

Each parity script (``ui/static/tests/*_parity.mjs``, ``parity.mjs``) reads a packed run from a
file and the steps to show, and prints JSON; the tests check every number against the
engine's history. The runs they share are built here once.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

import perceptron
from tests.support.paths import ROOT, STATIC


def thousand_rows(learning_rate: float) -> perceptron.History:
    """The 1,000-row table of the browser's edge-run test, with a bias, for 60 updates:
    12 rows followed, 988 summed."""
    i = np.arange(1000)
    X = np.column_stack([i % 7 / 7, i * 3 % 11 / 11]).round(3)
    y = (i % 2).astype(float)
    return perceptron.train(X, y, iterations=60, bias=True, learning_rate=learning_rate)


def cross_entropy_run() -> perceptron.History:
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    return perceptron.train(X, y, objective="cross_entropy", iterations=80)


def node_parity(node: str, script: str, blob: bytes, steps: list[int]) -> Any:
    """What ``ui/static/tests/<script>`` prints (JSON) for the packed run ``blob`` at ``steps``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.bin"
        path.write_bytes(blob)
        done = subprocess.run(
            [node, str(STATIC / "tests" / script), str(path), ",".join(map(str, steps))],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
