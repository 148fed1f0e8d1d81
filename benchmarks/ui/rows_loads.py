"""The table's rows for phases 3 to 5 and memory: first load, cold start, load, RSS.

Budgets:
  first load         every chart drawn within 1.5× the time floor A takes to draw its one
                     3D chart, on ≤ 1 MB of data (websocket + /media/) for the default run.
  100,000 iterations its first chart within 2× the default run's, both from a warm cache:
                     a long run must not make the page slow to appear.
  load               no failures, no exceptions, no page errors, and the Step p95 under N
                     sessions within 2× floor B's single-session median.
Cold start, CPU and RSS are informative: counts to watch, with no budget.
"""

from __future__ import annotations

import math

from .cells import Row, check, kb, median, ms, percentile, ratio, ratio_row, times


def first_load_rows(res: dict) -> list[Row]:
    """Phase 3: a first visit of the app against floor A, and of the 100,000-iteration run."""
    fl = res.get("first_load")
    if not fl:
        return []
    runs = fl["runs"]
    app_ready = median([r["ready"] for r in runs["app"]])
    floor_ready = median([r["plot"] for r in runs["floorA"]])
    line = {
        k: median([r["timeline"][k] for r in runs["app"] if r["timeline"][k] is not None])
        for k in ("html", "stage", "plotly", "run", "ready")
    }
    ws = median([r["ws_received_bytes"] for r in runs["app"]])
    media = median([r["media_bytes"] for r in runs["app"]])
    default_first = median([r["firstChart"] for r in runs["app"]])
    big_first = median([r["firstChart"] for r in runs["big"]])
    return [
        ratio_row(
            "3 First load → every chart drawn", app_ready, floor_ready, 1.5, base_name="floor A"
        ),
        Row(
            "  app timeline: DOM loaded / stage / Plotly / run bytes",
            " / ".join(f"{line[k] / 1000:.1f}" for k in ("html", "stage", "plotly", "run")) + " s",
            f"ready {line['ready'] / 1000:.1f} s",
        ),
        Row(
            "  data for the default run: websocket + /media/",
            f"{kb(ws)} + {kb(media)}",
            f"{kb(median([r['ws_received_bytes'] for r in runs['floorA']]))} floor A ws",
            budget="≤ 1 MB",
            verdict=check(ws + media <= 1_000_000),
        ),
        Row(
            "  HTTP: component assets (Plotly, lab JS) / all",
            f"{kb(median([r['component_bytes'] for r in runs['app']]))} / "
            f"{kb(median([r['http_bytes'] for r in runs['app']]))}",
            f"{kb(median([r['http_bytes'] for r in runs['floorA']]))} floor A all",
        ),
        ratio_row(
            "  100,000 iterations → first chart (warm cache)",
            big_first,
            default_first,
            2.0,
            base_name="default",
        ),
        Row(
            "  100,000 iterations: ready / websocket + /media/",
            f"{ms(median([r['ready'] for r in runs['big']]))} / "
            f"{kb(median([r['ws_received_bytes'] for r in runs['big']]))} + "
            f"{kb(median([r['media_bytes'] for r in runs['big']]))}",
        ),
        Row("  100,000 iterations, first visit (trains it)", ms(fl["cold_big_ready_ms"])),
    ]


def cold_rows(res: dict) -> list[Row]:
    """Phase 4: process spawn → first page drawn, app against floor A."""
    cold = res.get("cold")
    if not cold:
        return []
    a, f = median(cold["app"]), median(cold["floorA"])
    return [
        Row("4 Cold start (spawn → drawn)", f"{a:.2f} s", f"{f:.2f} s floor A", times(ratio(a, f)))
    ]


def load_rows(res: dict) -> list[Row]:
    """Phase 5: N sessions stepping at once, against floor B's single-session Step."""
    ld = res.get("load")
    if not ld:
        return []
    st = res.get("steps")
    base = median(st["floor_ms"]) if st else math.nan
    p95 = percentile(ld["latencies"], 0.95)
    cpu = ld["cpu_seconds"] / ld["steps_done"] if ld["steps_done"] else math.nan
    return [
        Row(
            f"5 Load {ld['sessions']}×{ld['steps']}: failures",
            f"{len(ld['failures'])} (+{ld['exceptions']} stException, "
            f"{len(ld['page_errors'])} page errors)",
            budget="= 0",
            verdict=check(not ld["failures"] and not ld["exceptions"] and not ld["page_errors"]),
        ),
        ratio_row("  Step p95 under load", p95, base, 2.0, base_name="floor B median"),
        Row(
            "  Step median / max under load",
            f"{ms(median(ld['latencies']))} / "
            f"{ms(max(ld['latencies']) if ld['latencies'] else math.nan)}",
        ),
        Row("  page load median under load", f"{median(ld['load_seconds']):.1f} s"),
        Row(
            "  server CPU per step / peak RSS under load",
            f"{ms(cpu * 1000)} / {ld['peak_rss'] / 2**20:.0f} MiB",
        ),
    ]


def rss_rows(res: dict) -> list[Row]:
    """Peak RSS of the app's server against the floors' (informative)."""
    rss = res.get("rss")
    if not rss:
        return []
    return [
        Row(
            "server peak RSS",
            f"{rss['app'] / 2**20:.0f} MiB",
            " / ".join(
                f"{rss[k] / 2**20:.0f}" if rss.get(k) else "n/a" for k in ("floorA", "floorB")
            )
            + " MiB floor A / B",
            times(ratio(rss["app"], max(rss.get("floorA", 0), rss.get("floorB", 0)))),
        )
    ]
