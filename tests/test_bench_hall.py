"""benchmarks/bench_hall.py speaks Streamlit's websocket protocol against real servers.

Two small apps, each served by ``streamlit run`` on loopback and stopped by pid (the
suite's one server factory, ``tests.support.browser.running_server``, with the options
the benchmark gives its own servers): the benchmark's own floor app, and a probe page
behind ``st.navigation`` that checks itself (a seed change that does not reach the
script raises), sends one 20 kB element on every run so the rerun gets a ``ref_hash``,
and raises on ``?boom=1``.
No timing assertions: this machine is shared.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import sys
from collections.abc import Iterator

import pytest

from tests.support.browser import running_server
from tests.support.paths import ROOT

_spec = importlib.util.spec_from_file_location("bench_hall", ROOT / "benchmarks" / "bench_hall.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_hall"] = bench  # dataclasses look their module up while being created
_spec.loader.exec_module(bench)

PROBE_APP = """
import streamlit as st


def probe():
    if st.query_params.get("boom"):
        raise ValueError("boom on purpose")
    if st.query_params.get("queued"):
        st.info("Training… 3 runs are ahead of yours on this server.")
    st.session_state.setdefault("runs", 0)
    st.session_state.runs += 1
    seed = st.number_input("Seed", value=1, step=1, key="seed", bind="query-params")
    if st.session_state.runs == 2 and seed != 8:
        raise RuntimeError(f"the change did not arrive: seed is {seed}")
    st.markdown("x" * 20_000)  # over global.minCachedMessageSize: cacheable


st.navigation([st.Page(probe, url_path="probe", default=True)]).run()
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    folder = tmp_path_factory.mktemp("hall")
    (folder / "floor_app.py").write_text(bench.FLOOR_APP, encoding="utf-8")
    (folder / "probe_app.py").write_text(PROBE_APP, encoding="utf-8")
    # Started by the suite's one server factory, with the options bench_hall.py gives its own.
    options = {
        "client.showErrorDetails": "full",
        "server.disconnectedSessionTTL": bench.SESSION_TTL_S,
    }
    with contextlib.ExitStack() as stack:
        floor = stack.enter_context(
            running_server(folder / "floor_app.py", folder, options=options)
        )
        probe = stack.enter_context(
            running_server(folder / "probe_app.py", folder, options=options)
        )
        yield {"floor": floor.port, "probe": probe.port}


def test_three_sessions_on_the_floor_app_finish_and_click(servers: dict[str, int]) -> None:
    done: list[bool] = []
    hall = bench.run_hall(
        servers["floor"], ["", "a=1", ""], within=0.5, timeout=60,
        change_key="bump", on_all_done=lambda: done.append(True),
    )  # fmt: skip
    results = asyncio.run(hall)
    assert [r.error for r in results] == [None, None, None]
    assert all(r.first_s > 0 and r.change_s > 0 for r in results)
    assert done == [True]


def test_a_seed_change_reaches_the_script_and_cached_messages_come_back_by_ref(
    servers: dict[str, int],
) -> None:
    result = asyncio.run(
        bench.run_session(servers["probe"], query="seed=7", change_key="seed", timeout=60)
    )
    assert result.error is None
    assert result.first_s > 0 and result.change_s > 0
    assert result.cache_hits >= 1


def test_a_session_told_its_run_is_queued_is_counted(servers: dict[str, int]) -> None:
    queued = asyncio.run(bench.run_session(servers["probe"], query="queued=1", timeout=60))
    plain = asyncio.run(bench.run_session(servers["probe"], timeout=60))
    assert (queued.error, plain.error) == (None, None)
    assert queued.told_queued and not plain.told_queued


def test_each_scenario_is_judged_by_its_own_budget() -> None:
    floor = {"cpu_per_session_s": 0.05, "peak_rss_mb": 90.0}
    app = {"cpu_per_session_s": 0.09, "peak_rss_mb": 900.0, "errors": 0}
    args = bench.argparse.Namespace(long_runs=False, distinct_seeds=True)
    assert bench.budget(args, app, floor) == (
        "budget (distinct seeds): CPU per session ≤ 2 × the floor, 0 errors: 1.80×, met",
        True,
    )
    args.distinct_seeds = False  # a shared link: 1.5× at most
    assert bench.budget(args, app, floor)[1] is False
    args.long_runs = True  # an absolute peak, whatever the floor's
    assert bench.budget(args, app, floor)[0].endswith("900 MB, met")
    assert bench.budget(args, {**app, "errors": 1}, floor)[1] is False


def test_a_script_that_raises_is_an_error_with_its_cause(servers: dict[str, int]) -> None:
    result = asyncio.run(bench.run_session(servers["probe"], query="boom=1", timeout=60))
    assert result.first_s is None
    assert "ValueError" in result.error and "boom on purpose" in result.error


def test_a_missing_widget_and_a_missing_page_are_errors(servers: dict[str, int]) -> None:
    missing = asyncio.run(bench.run_session(servers["floor"], change_key="nope", timeout=60))
    assert "no widget with key or URL key 'nope'" in missing.error
    lost = asyncio.run(bench.run_session(servers["probe"], page="nowhere", timeout=60))
    assert "page not found: 'nowhere'" in lost.error


def test_only_loopback() -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        asyncio.run(bench.run_session(8501, host="10.0.0.1"))
    with pytest.raises(SystemExit):
        bench.main(["--host", "192.168.1.2"])
