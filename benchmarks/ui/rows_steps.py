"""The table's rows for phases 1 and 2: a Step, the burst, and Play.

Budgets:
  Step median       ≤ 0.5× floor B (aim 0.25×): the Train page steps in the browser, so a
                    Step should take well under Streamlit's cheapest server round trip.
  burst of 10       no websocket frame sent, while pressing or after: the Train page owns t,
                    so the server hears nothing while it steps (it hears t only when the
                    Walkthrough opens). Nothing should be received either (a WARN, not a
                    budget), and the address bar and the share link show the stage's step.
  measured Steps    no websocket frame sent over all of them, for the same reason.
  Play (heat map)   ≥ 30 frames/s; every chart shows a new step in ≥ 80% of the frames,
                    with no gap over 150 ms.
  Play (3D)         surface redraws ≥ 0.8× those of a bare Plotly surface.
"""

from __future__ import annotations

from .cells import Row, check, kb, median, ms, ratio, ratio_row, spread, times


def step_rows(res: dict) -> list[Row]:
    """Phase 1: Step latency against floor B, the burst, the server's CPU per Step."""
    st = res.get("steps")
    if not st:
        return []
    a, f = spread(st["app_ms"]), spread(st["floor_ms"])
    return [
        ratio_row(
            "1 Step median (→ settled frame)",
            a["median"],
            f["median"],
            0.5,
            aim=0.25,
            base_name="floor B",
        ),
        Row(
            "  Step min / p95",
            f"{ms(a['min'])} / {ms(a['p95'])}",
            f"{ms(f['min'])} / {ms(f['p95'])}",
        ),
        Row("  Step: key → handler done, median", ms(median(st["app_handler_ms"]))),
        Row(
            "  Steps measured (app / floor B)",
            f"{a['n']}",
            f"{f['n']}",
            verdict="info" if not st["problems"] else "WARN",
        ),
        ws_row(st["ws_during_steps"]),
        *burst_rows(st["burst"]),
        Row(
            "  server CPU per step",
            ms(st["app_cpu_per_step_s"] * 1000),
            f"{ms(st['floor_cpu_per_step_s'] * 1000)} floor B",
            times(ratio(st["app_cpu_per_step_s"], st["floor_cpu_per_step_s"])),
        ),
    ]


def ws_row(ws: dict) -> Row:
    """The app's websocket over all the measured Steps (the floor's round trips not counted)."""
    return Row(
        "  websocket during the measured Steps: sent / received",
        f"{ws['ws_sent_frames']} frames / {kb(ws['ws_received_bytes'])}",
        budget="= 0 sent",
        verdict=check(ws["ws_sent_frames"] == 0),
    )


def burst_rows(b: dict) -> list[Row]:
    """Ten quick Steps: frames sent and bytes received, and where the step is shown after."""
    shown = b["shown"]
    received = b["received_bytes"] + b["http_after"]
    return [
        Row(
            "  burst of 10: websocket frames sent while pressing / after",
            f"{b['sent_during_burst']} / {b['sent_after_burst']}",
            f"{b['steps_moved']} steps moved in {ms(b['press_span_ms'])}",
            budget="= 0",
            verdict=check(b["sent_frames"] == 0),
        ),
        Row(
            "  burst of 10: received (websocket + HTTP)",
            f"{kb(b['received_bytes'])} in {b['received_frames']} frames + {kb(b['http_after'])}",
            budget="expected 0",
            verdict="info" if received == 0 else "WARN",
        ),
        Row(
            "  burst of 10: step on the stage / address bar / share link",
            f"{shown['stage']} / {shown['url']} / {shown['link']}",
            budget="all the same",
            verdict=check(
                b["quiet"]
                and b["steps_moved"] == b["presses"]
                and shown["stage"] == shown["url"] == shown["link"]
            ),
        ),
    ]


def play_rows(res: dict) -> list[Row]:
    """Phase 2: Play in the heat-map view, then in the 3D view."""
    pl = res.get("play")
    if not pl:
        return []
    return [*heatmap_rows(pl), *surface_rows(pl)]


def heatmap_rows(pl: dict) -> list[Row]:
    h = pl["heatmap"]
    if "error" in h:
        return [Row("2 Play (heat map)", h["error"], verdict="FAIL")]
    rows = [
        Row(
            "2 Play frames/s (heat map)",
            f"{h['fps']:.1f}",
            f"{pl['blank_raf']['fps']:.1f} blank page",
            budget="≥ 30",
            verdict=check(h["fps"] >= 30),
        ),
        Row(
            "  steps moved in the window / stage step changed in",
            f"{h['steps'][0]:.0f}→{h['steps'][1]:.0f} / {h['stage_share']:.0%}",
        ),
        Row(
            "  longest frame (at ms into Play) / frames > 50 ms",
            f"{ms(h['max_frame_ms'])} (+{h['max_frame_at_ms']:.0f}) / {h['long_frames']}",
            f"{ms(pl['blank_raf']['max_frame_ms'])} blank page",
        ),
    ]
    for name, c in h["charts"].items():
        rows.append(
            Row(
                f"  {name}: frames with a new step",
                f"{c['share']:.0%}",
                f"followed {c['followed']:.0%} of the stage's",
                budget="≥ 80%",
                verdict=check(c["share"] >= 0.8),
            )
        )
        rows.append(
            Row(
                f"  {name}: longest gap (ends at ms into Play)",
                f"{ms(c['gap_ms'])} (+{c['gap_ends_at_ms']:.0f})",
                budget="≤ 150 ms",
                verdict=check(c["gap_ms"] <= 150),
            )
        )
    return rows


def surface_rows(pl: dict) -> list[Row]:
    s, fl = pl["surface"], pl["surface_floor"]
    if "error" in s:
        return [Row("2 Play (3D)", s["error"], verdict="FAIL")]
    rows = [
        ratio_row(
            "2 Play 3D: surface redraws/s",
            s["surface_restyles_per_s"],
            fl["perSecond"],
            0.8,
            fmt=lambda v: f"{v:.1f}/s",
            base_name="bare surface",
            at_least=True,
        ),
        Row(
            "  bare surface before / after the app's 3D Play",
            f"{fl['before']['perSecond']:.1f}/s / {fl['after']['perSecond']:.1f}/s",
        ),
        Row("  3D: afterplots/s on the surface", f"{s['surface_afterplots_per_s']:.1f}/s"),
        Row(
            "  3D: page frames/s / longest frame",
            f"{s['fps']:.1f} / {ms(s['max_frame_ms'])}",
        ),
    ]
    for name, c in s["charts"].items():
        if name == "surface":
            continue
        rows.append(
            Row(
                f"  3D: {name} new step / longest gap",
                f"{c['share']:.0%} / {ms(c['gap_ms'])}",
            )
        )
    return rows
