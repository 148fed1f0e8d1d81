"""N students pressing Step at once: the load test of ``benchmarks/bench_ui.py``, on its own.

    python benchmarks/bench_load.py                       # 20 sessions × 10 Steps
    python benchmarks/bench_load.py --sessions 5 --steps 5 --json load.json

Stepping happens in the browser (the Train page owns t and writes it into the address
bar itself), so the server hears nothing while the sessions step. This starts one fresh
``streamlit run app.py`` (loopback, free port), opens N browser contexts of one headless
Chromium on it, waits for all of them to show the run, then has each press ArrowRight M
times, timing each Step in the page (keydown → the settled frame that shows the new step
on every chart) and waiting for a quiet page in between (script idle, the address bar at
the step, the stage still for a few frames). Budget: no failures, and the p95 Step at
most 2× the single-session round trip of a one-button Streamlit floor (floor B), measured
first in the same run. Everything is capped (``--cap`` seconds for the sessions,
``--patience`` per wait); see ``bench_ui.py`` for the details of each figure.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import bench_ui


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--steps", type=int, default=10, help="Steps per session")
    parser.add_argument("--cap", type=float, default=420.0, help="seconds for all sessions")
    parser.add_argument("--patience", type=float, default=60.0, help="seconds per wait")
    parser.add_argument("--json", type=pathlib.Path, help="also write every figure here")
    args = parser.parse_args()
    argv = [
        "--only",
        "load",
        "--steps",
        "20",
        "--load",
        str(args.sessions),
        "--load-steps",
        str(args.steps),
        "--load-cap",
        str(args.cap),
        "--patience",
        str(args.patience),
    ]
    if args.json:
        argv += ["--json", str(args.json)]
    return bench_ui.main(argv)


if __name__ == "__main__":
    sys.exit(main())
