"""Memory: one run, one payload and the app's shelves at their worst case fit their
documented bounds; the shelves keep their byte budgets, a session keeps no run of its own
and one that left the shelf is trained again; a run over the app's history cap is refused;
twenty sessions do not grow the process without bound.
"""

from __future__ import annotations

import gzip
import pathlib
import pickle
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import perceptron
from perceptron import limits
from perceptron.diagnostics import diagnose, to_json
from tests.support.apptest import apptest_run_blob, apptest_stage, open_apptest
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y
from tests.support.paths import APP, ROOT
from ui import caps as app_caps
from ui import media, race, run
from ui.shelf import Shelf
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
    # The shelves hold several runs at the cap, so a page fetches its file before it can leave.
    assert 8 * len(gzip.compress(blob, compresslevel=1)) <= app_caps.PACKED_SHELF_BYTES
    assert 8 * history_bytes(history) <= app_caps.RUN_SHELF_BYTES


def test_worst_history_the_engine_allows_is_capped():
    # Predictions dominate: MAX_HISTORY_VALUES of them, whatever the row count.
    most_rows_values = limits.MAX_HISTORY_VALUES * 8
    assert most_rows_values <= 80 * 10**6


def test_what_the_app_holds_for_any_number_of_runs_fits_in_a_gigabyte():
    # Both shelves full, and each run in training holding its history and its temporaries
    # (the scalar loop's lists: ~3 times the history at most), beside a ~200 MiB server.
    per_run = app_caps.APP_MAX_HISTORY_VALUES * 8 + 2 * (app_caps.APP_MAX_ITERATIONS + 1) * 3 * 8
    training = app_caps.TRAINING_TURNS * 4 * per_run
    assert app_caps.RUN_SHELF_BYTES + app_caps.PACKED_SHELF_BYTES + training <= 2**30 - 300 * 2**20


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


# --------------------------------------------------------------------------- the shelves


def test_a_shelf_keeps_its_byte_budget_least_recently_used_out_first():
    evicted: list[bytes] = []
    shelf = Shelf(10, len, on_evict=evicted.append)
    shelf.put("a", b"aaaa")
    shelf.put("b", b"bbbb")
    assert shelf.get("a") == b"aaaa"  # now "b" is the least recently used
    shelf.put("c", b"cccc")
    assert evicted == [b"bbbb"] and shelf.get("b") is None
    assert (shelf.bytes, len(shelf)) == (8, 2)
    assert shelf.put("huge", b"x" * 11) == b"x" * 11  # handed back, never kept
    assert shelf.get("huge") is None and shelf.bytes == 8


def test_a_shelf_builds_a_value_once_however_many_ask_at_once():
    shelf = Shelf(100, len)
    started, release, builds = threading.Event(), threading.Event(), []

    def build() -> bytes:
        builds.append(1)
        started.set()
        release.wait(30)
        return b"run"

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(shelf.get_or_build, "spec", build)
        started.wait(30)
        others = [pool.submit(shelf.get_or_build, "spec", build) for _ in range(3)]
        release.set()
        assert {f.result(30) for f in [first, *others]} == {b"run"}
    assert builds == [1]


def test_a_session_keeps_only_its_spec_and_a_run_that_left_the_shelf_is_trained_again(
    monkeypatch,
):
    at = open_apptest({"seed": "4242", "iterations": "500"})
    chosen = at.session_state["chosen"]
    assert "history" not in vars(chosen) and len(pickle.dumps(chosen)) < 4096  # no arrays
    spec = at.session_state["chosen"].spec
    expected = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, seed=4242, iterations=500)
    np.testing.assert_array_equal(at.session_state["chosen"].history.weights, expected.weights)
    blob = apptest_run_blob(at)
    empty: Shelf[perceptron.History] = Shelf(app_caps.RUN_SHELF_BYTES, run.history_bytes)
    monkeypatch.setattr(run, "_runs", lambda: empty)  # as if every run had been evicted
    at.run()
    assert not at.exception
    assert empty.get(spec) is not None  # trained again, onto the shelf
    np.testing.assert_array_equal(empty.get(spec).weights, expected.weights)
    assert apptest_run_blob(at) == blob


def test_a_packed_run_that_leaves_its_shelf_leaves_the_media_store(monkeypatch):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(media.runtime, "exists", lambda: True)
    server = SimpleNamespace(media_file_mgr=manager)
    monkeypatch.setattr(media.runtime, "get_instance", lambda: server)
    shelf = Shelf(10, len, on_evict=media.forget)
    kept, other = b"k" * 6, b"o" * 6
    url = manager.add(shelf.put("kept", kept), media.MIMETYPE, "lab-stage-run")
    name = url.rsplit("/", 1)[-1]
    assert manager.read_file(name).content == kept
    shelf.put("other", other)  # over budget: "kept" leaves the shelf and the store
    assert manager.read_file(name) is None
    assert manager.add(kept, media.MIMETYPE, "lab-stage-run") == url  # a rerun files it again


@pytest.mark.parametrize("serve", ["run", "race"])
def test_a_served_file_outlives_a_rerun_cut_short_until_it_leaves_its_shelf(monkeypatch, serve):
    """A drag's rerun that is cut short names no file; the page may still be fetching the
    one the rerun before it sent (the CI failure: a plane drag ended on a 404)."""
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(media.runtime, "exists", lambda: True)
    server = SimpleNamespace(media_file_mgr=manager)
    monkeypatch.setattr(media.runtime, "get_instance", lambda: server)
    blobs = {"a": b"a" * 6, "b": b"b" * 6}
    filed = len(gzip.compress(blobs["a"], compresslevel=1, mtime=0)) if serve == "race" else 6
    shelf = Shelf(filed * 3 // 2, len, on_evict=media.forget)  # room for one
    if serve == "run":
        monkeypatch.setattr(run, "_packed_runs", lambda: shelf)
        monkeypatch.setattr(run, "pack_run", lambda spec, presenter, history: blobs[spec])

        def url_of(name: str) -> str:
            return run.serve_file(name, False, None)
    else:
        monkeypatch.setattr(race, "_packed_races", lambda: shelf)
        monkeypatch.setattr(race, "pack_race", lambda runs, labels, race_id, p: blobs[runs])

        def url_of(name: str) -> str:
            return race.race_url((name,), [], False, name)

    name = url_of("a").rsplit("/", 1)[-1]
    plain = manager.add(b"p" * 3, "text/plain", "elsewhere").rsplit("/", 1)[-1]
    manager.clear_session_refs()  # the next rerun starts ...
    manager.remove_orphaned_files()  # ... and is cut short before the stage
    assert manager.read_file(plain) is None  # what Streamlit does to any file
    assert manager.read_file(name) is not None  # the file is still served
    url_of("b")  # over the shelf's budget: "a" leaves it ...
    assert manager.read_file(name) is None  # ... and the store
    manager.clear_session_refs()
    manager.remove_orphaned_files()
    assert len(manager._file_metadata) == 1  # only "b", held by its shelf
