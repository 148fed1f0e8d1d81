"""Memory: one run, one payload and the app's caches at their worst case fit their
documented bounds; a run over the app's history cap is refused; twenty sessions do not
grow the process without bound.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import perceptron
from perceptron import limits
from perceptron.diagnostics import diagnose, to_json
from tests.support.apptest import apptest_stage, open_apptest
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y
from tests.support.paths import APP, ROOT
from ui import caps as app_caps
from views import caps as view_caps
from views.payload import pack


def history_bytes(history: perceptron.History) -> int:
    arrays = [v for v in vars(history).values() if isinstance(v, np.ndarray)]
    return sum(a.nbytes for a in arrays)


def test_one_history_at_the_apps_iteration_cap_fits_its_bound():
    # Per step the run stores one weight and one gradient per weight (2 inputs + bias),
    # one prediction per row and one loss: (3 + 3 + rows + 1) float64 values.
    rows, weights = 4, 3
    bound = (app_caps.APP_MAX_ITERATIONS + 1) * (2 * weights + rows + 1) * 8 + 4096
    assert bound < 16 * 2**20  # the documented ceiling: under 16 MiB per cached run
    history = perceptron.train(
        NOTEBOOK_X, NOTEBOOK_Y, iterations=app_caps.APP_MAX_ITERATIONS, bias=True
    )
    used = history_bytes(history)
    print(f"\nhistory at {app_caps.APP_MAX_ITERATIONS:,} iterations: {used / 2**20:.2f} MiB")
    assert used <= bound


def test_the_payload_of_the_apps_largest_run_fits_its_bound():
    # The page gets per step: 3 weights, 3 gradients and a loss (float64), a count of rows
    # right (uint16), and for at most SHOWN_ROWS rows a prediction (float64) and a ✓/✗ (byte),
    # plus the header.
    rows = view_caps.SHOWN_ROWS  # the most rows whose predictions are all sent
    iterations = min(app_caps.APP_MAX_ITERATIONS, app_caps.APP_MAX_HISTORY_VALUES // rows - 1)
    X = np.tile(NOTEBOOK_X, (rows // 4, 1))
    y = np.tile(NOTEBOOK_Y, rows // 4)
    history = perceptron.train(X, y, iterations=iterations, bias=True)
    blob = pack(history, "largest", False, to_json(diagnose(history)))
    per_step = (3 + 3 + 1 + rows) * 8 + 2 + rows
    bound = (iterations + 1) * per_step + 2 * 2**20  # + header and landscape slices
    print(f"\npayload at {iterations:,} iterations x {rows} rows: {len(blob) / 2**20:.2f} MiB")
    assert len(blob) <= bound
    assert app_caps.CACHE_ENTRIES * bound <= 2**29  # every cached payload at once: < 512 MiB
    # ui.run keeps both caches, CACHE_ENTRIES runs and CACHE_ENTRIES payloads: under 1 GiB.
    assert app_caps.CACHE_ENTRIES * (bound + history_bytes(history)) <= 2**30


def test_worst_history_the_engine_allows_is_capped():
    # Predictions dominate: MAX_HISTORY_VALUES of them, whatever the row count.
    most_rows_values = limits.MAX_HISTORY_VALUES * 8
    assert most_rows_values <= 80 * 10**6


def test_the_apps_run_cache_worst_case_fits_in_a_gigabyte():
    # The app caps (iterations + 1) × rows at APP_MAX_HISTORY_VALUES, so each cached run
    # holds at most ~8 MB of predictions; CACHE_ENTRIES of them must still fit.
    per_run = app_caps.APP_MAX_HISTORY_VALUES * 8
    assert app_caps.CACHE_ENTRIES * per_run <= 2**30


def test_the_app_refuses_a_run_over_its_history_cap_and_keeps_the_last_good_one():
    rows = ";".join(["0,1,0", "1,0,1"] * 10)  # 20 rows × 100,000 iterations > 1,000,000
    at = open_apptest({"data": rows, "iterations": "1000"})
    good = apptest_stage(at)[0]["meta"]
    at.number_input(key="iterations").set_value(float(app_caps.APP_MAX_ITERATIONS)).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert any(e.startswith("Can't train this: iterations:") for e in errors), errors
    assert apptest_stage(at)[0]["meta"] == good


RSS_SCRIPT = textwrap.dedent(
    """
    import gc, resource, sys
    import psutil
    from streamlit.testing.v1 import AppTest
    app = sys.argv[1]
    proc = psutil.Process()
    def session(i):
        at = AppTest.from_file(app, default_timeout=60)
        at.query_params["seed"] = str(100 + i)
        at.query_params["data"] = f"0,{i % 7},0;1,{i % 5},1;{i},1,1"
        at.query_params["iterations"] = "300"
        at.run()
        at.session_state["t"] = 1
        at.run()
        assert not at.exception, at.exception
        return at
    session(-1)
    gc.collect()
    start = proc.memory_info().rss
    for i in range(20):
        session(i)
    gc.collect()
    end = proc.memory_info().rss
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(start, end, peak)
    """
)


def test_twenty_sessions_do_not_grow_memory_without_bound(tmp_path: pathlib.Path):
    pytest.importorskip("psutil")
    script = tmp_path / "rss.py"
    script.write_text(RSS_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), APP],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    start, end, peak = (int(v) for v in done.stdout.split()[-3:])
    mib = 2**20
    print(
        f"\n20 AppTest sessions: RSS {start / mib:.0f} → {end / mib:.0f} MiB "
        f"(growth {(end - start) / mib:+.1f} MiB), peak {peak / mib:.0f} MiB"
    )
    assert end - start < 500 * mib
