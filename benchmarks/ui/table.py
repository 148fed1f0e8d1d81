"""The printed table: rows in phase order, the notes under it, the JSON and the exit code.

Why one table for every phase: a run is read as a whole (a slow Step next to a slow
floor B means a busy machine, not a slow app), so each figure sits beside its baseline,
their ratio, the budget and a verdict. The exit code is 1 when any row FAILs, so
``make bench-ui`` can gate on it.
"""

from __future__ import annotations

import json
import time
from typing import Any

import psutil

from .cells import Row
from .new_run import new_run_rows
from .plane import plane_rows
from .race import race_rows
from .rows_loads import cold_rows, first_load_rows, load_rows, rss_rows
from .rows_steps import play_rows, step_rows


def build_rows(res: dict) -> list[Row]:
    """Every row, in the order of the phases' numbers (a phase not run has none)."""
    return [
        *step_rows(res),
        *new_run_rows(res),
        *play_rows(res),
        *race_rows(res),
        *plane_rows(res),
        *first_load_rows(res),
        *cold_rows(res),
        *load_rows(res),
        *rss_rows(res),
    ]


def print_table(rows: list[Row]) -> None:
    header = Row("measure", "app", "baseline", "ratio", "budget", "result")
    cols = ["label", "app", "base", "ratio", "budget", "verdict"]
    table = [[getattr(r, c) for c in cols] for r in [header, *rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for n, row in enumerate(table):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print(line)
    print(line)


def notes(res: dict[str, Any]) -> list[str]:
    """What went wrong on the way (the first few of each kind), for under the table."""
    out = []
    if res.get("steps", {}).get("problems"):
        out += res["steps"]["problems"][:8]
    if res.get("newrun", {}).get("problems"):
        out += [f"newrun: {m}" for m in res["newrun"]["problems"][:8]]
    if res.get("plane", {}).get("problems"):
        out += [f"plane: {m}" for m in res["plane"]["problems"][:8]]
    if res.get("race", {}).get("problems"):
        out += [f"race: {m}" for m in res["race"]["problems"][:8]]
    if res.get("load", {}).get("failures"):
        out += [f"load: {m}" for m in res["load"]["failures"][:8]]
    if res.get("load", {}).get("page_errors"):
        out += [f"load page error: {m}" for m in res["load"]["page_errors"][:5]]
    return out


def report(res: dict[str, Any], args, began: float) -> int:
    """Print the table and its notes, write the JSON if asked; 1 if any row FAILs."""
    rows = build_rows(res)
    print(
        f"finished in {time.monotonic() - began:.0f} s; load average now "
        f"{psutil.getloadavg()[0]:.2f}"
    )
    print_table(rows)
    for note in notes(res):
        print(f"note: {note}")
    if args.json:
        res["table"] = [vars(r) for r in rows]
        args.json.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if any(r.verdict == "FAIL" for r in rows) else 0
