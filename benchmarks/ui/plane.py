"""Phase "plane": a row added on the input plane until its new run is drawn, and a drag's frames.

New run after a plane edit: a real click on empty space of the heat map (a new row, so a new
run the server has never trained) → the first animation frame in which the heat map draws
the new table (no row still on its way, none crossed out), the stage ready, and the stage
free of DOM mutations since the frame before; timed in the page from the pointerdown's
``timeStamp``. Alternated with floor B's round trip (a real click, ``steps.floor_step``) in
the same run, each from a quiet page, as ``steps.py`` does. Budget (issue 18): median
≤ 1.0× floor B; p95 reported.

Drag: a row held and moved around a circle on the plane by the mouse for DRAG_SECONDS, while
its positions go to the server (every ~150 ms) and new runs arrive. Sampled per animation
frame: the frames in which the dragged point was drawn at a new place, per second, and the
frame intervals' p50/p95. Budget: the dragged point keeps ≥ 30 frames a second.
"""

from __future__ import annotations

import itertools

from tests.support.browser import Server
from tests.support.jsfiles import page_js
from tests.support.page import wait_idle

from .cells import Row, check, median, ms, percentile, ratio_row, spread
from .page_js import FLOOR_INSTALL_JS
from .steps import floor_step
from .wire import ServerWatch, fresh_page, wait_marks

DRAG_SECONDS = 4.0
PLANE_POINT_JS = page_js("plane_point")

# Arms the timer of one edit: from the next pointerdown to the frame in which the heat map
# draws `want` rows with nothing on its way, the stage ready and unchanged since the last frame.
ARM_EDIT_JS = """
(want) => {
  const stage = document.querySelector('.lab-stage');
  const bench = window.__benchPlane = { start: null, ms: null, over: false };
  let mutated = true;
  const watch = new MutationObserver(() => { mutated = true; });
  watch.observe(stage, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('pointerdown', (e) => { bench.start = e.timeStamp; },
                          { capture: true, once: true });
  const drawn = () => {
    const div = stage.querySelector('.lab-chart-heatmap');
    const rows = div && (div.data || []).find((t) => t.name === 'rows');
    const layer = stage.querySelector('svg.lab-edit-layer');
    return rows && rows.x.length === want && layer && layer.dataset.coming === '0'
      && layer.dataset.going === '0' && stage.dataset.ready === 'true';
  };
  const began = performance.now();
  const tick = (now) => {
    if (bench.start !== null && drawn() && !mutated) {
      bench.ms = now - bench.start;
      bench.over = true;
      watch.disconnect();
      return;
    }
    mutated = false;
    if (now - began > 30000) {
      bench.over = true;
      watch.disconnect();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""

# Drags a row in the page for `seconds`: pointer events at 120 a second (faster than frames,
# as a mouse sends them) around a circle, from a steady clock in the page so that the test
# driver's round trips do not set the pace. Every animation frame is sampled: its time,
# whether a pointer move came since the frame before, where the dragged point is drawn, and
# whether the stage drew a new run (its numbers, layers, lines and marks; its Plotly figures
# wait for the drop: chart.js). The events go through the editor's own listeners.
DRAG_JS = """
async ({ from, centre, radius, seconds }) => {
  const div = document.querySelector('.lab-chart-heatmap');
  const box = div.getBoundingClientRect();
  const fire = (type, x, y) => div.dispatchEvent(new PointerEvent(type, { bubbles: true,
    cancelable: true, composed: true, pointerId: 7, pointerType: 'mouse', isPrimary: true,
    button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y }));
  fire('pointerdown', from.x, from.y);
  const frames = [];
  let moved = false;
  const stage = document.querySelector('.lab-stage');
  let last = stage.dataset.run;
  let over = false;
  const tick = (now) => {
    const ring = div.querySelector('svg.lab-edit-layer .lab-edit-dragged');
    frames.push([now, moved, ring ? `${ring.getAttribute('cx')},${ring.getAttribute('cy')}` : null,
                 stage.dataset.run !== last]);
    moved = false;
    last = stage.dataset.run;
    if (!over) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const began = performance.now();
  await new Promise((done) => {
    const timer = setInterval(() => {
      const t = (performance.now() - began) / 1000;
      const angle = Math.PI * t;
      fire('pointermove', centre.x + radius * Math.cos(angle), centre.y + radius * Math.sin(angle));
      moved = true;
      if (t >= seconds) { clearInterval(timer); done(); }
    }, 1000 / 120);
  });
  over = true;
  fire('pointerup', centre.x + radius, centre.y);
  return { frames, box: [box.left, box.top] };
}
"""


def plane_point(page, x1: float, x2: float) -> tuple[float, float]:
    at = page.evaluate(PLANE_POINT_JS, [x1, x2])
    return at["x"], at["y"]


def edit_once(page, at: tuple[float, float], want: int) -> float | None:
    """Click empty space of the plane at data point ``at``; ms until its run is drawn."""
    page.evaluate(ARM_EDIT_JS, want)
    page.mouse.click(*plane_point(page, *at))
    page.wait_for_function("() => window.__benchPlane.over", timeout=60_000, polling=50)
    return page.evaluate("() => window.__benchPlane.ms")


def places(n: int) -> list[tuple[float, float]]:
    """n empty places (at most 49), 0.1 apart on the unit square (> 20 px: never a row's reach)
    and away from the notebook's rows."""
    grid = [(0.2 + 0.1 * (i % 7), 0.2 + 0.1 * (i // 7)) for i in range(49)]
    return grid[:n]


def drag(page) -> dict:
    """Hold row 3 (1, 0) and circle it around the plane's centre for DRAG_SECONDS."""
    centre = plane_point(page, 0.5, 0.5)
    radius = 0.3 * (plane_point(page, 1.0, 0.5)[0] - centre[0])
    start = plane_point(page, 1, 0)
    sample = page.evaluate(
        DRAG_JS,
        {
            "from": {"x": start[0], "y": start[1]},
            "centre": {"x": centre[0], "y": centre[1]},
            "radius": radius,
            "seconds": DRAG_SECONDS,
        },
    )
    return analyse_drag(sample["frames"])


def analyse_drag(frames: list) -> dict:
    """Frames per second in which the dragged point moved; the share of frames that had a new
    pointer position and drew it; frame intervals; new runs drawn while dragging."""
    shown = [f for f in frames if f[2] is not None]
    if len(shown) < 2:
        return {"error": "the dragged point was never drawn"}
    seconds = (shown[-1][0] - shown[0][0]) / 1000
    moved = [b for a, b in itertools.pairwise(shown) if b[2] != a[2]]
    with_input = [b for a, b in itertools.pairwise(frames) if a[1]]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(frames)]
    return {
        "fps_moved": len(moved) / seconds if seconds else 0.0,
        "followed": len([f for f in with_input if f in moved]) / max(len(with_input), 1),
        "frame_p50": percentile(gaps, 0.5),
        "frame_p95": percentile(gaps, 0.95),
        "frame_max": max(gaps),
        "runs_drawn": sum(1 for f in frames[1:] if f[3]),
        "seconds": seconds,
    }


def measure_plane(
    browser, app: Server, floor: tuple[Server, ServerWatch], n: int, log
) -> dict[str, object]:
    """Alternate plane edits (each a new row, so a new run) with floor-B round trips; then drag."""
    floor_server, _ = floor
    with fresh_page(browser) as page, fresh_page(browser) as floor_page:
        page.goto(app.url)
        page.wait_for_selector(".lab-stage[data-ready=true]", timeout=120_000)
        wait_idle(page)
        floor_page.goto(floor_server.url)
        floor_page.wait_for_function(FLOOR_INSTALL_JS, timeout=120_000, polling=100)
        wait_marks(floor_page, "plot", 120_000)
        wait_idle(floor_page)
        spots = places(n + 3)
        rows = 4
        app_ms, floor_ms, problems = [], [], []
        for i, at in enumerate(spots):
            rows += 1
            a = edit_once(page, at, rows)
            wait_idle(page)
            f = floor_step(floor_page)
            if i < 3:  # warm-up: JIT, the charts' first redraws
                continue
            if a is None:
                problems.append(f"edit {i}: the new run was not drawn")
            else:
                app_ms.append(a)
            if f["ms"] is None:
                problems.append(f"floor step {i}: timed out {f}")
            else:
                floor_ms.append(f["ms"])
        log(
            f"  plane: edit → new run median {median(app_ms):.1f} ms, floor B"
            f" {median(floor_ms):.1f} ms ({len(app_ms)}/{len(floor_ms)})"
        )
        dragged = drag(page)
        if "error" not in dragged:
            log(
                f"  plane drag: {dragged['fps_moved']:.1f} frames/s moved,"
                f" {dragged['runs_drawn']} runs drawn while dragging"
            )
        return {
            "app_ms": app_ms,
            "floor_ms": floor_ms,
            "problems": problems,
            "drag": dragged,
            "page_errors": list(page.bench_errors),
        }


def plane_rows(res: dict) -> list[Row]:
    """The plane's rows: a new run after an edit against floor B, then the drag's frames."""
    plane = res.get("plane")
    if not plane:
        return []
    a, f = spread(plane["app_ms"]), spread(plane["floor_ms"])
    rows = [
        ratio_row(
            "P Plane edit → new run drawn", a["median"], f["median"], 1.0, base_name="floor B"
        ),
        Row(
            "  Plane edit p50 / p95",
            f"{ms(a['median'])} / {ms(a['p95'])}",
            f"{ms(f['median'])} / {ms(f['p95'])}",
            verdict="info" if not plane["problems"] else "WARN",
        ),
    ]
    d = plane["drag"]
    if "error" in d:
        return [*rows, Row("  Plane drag", d["error"], verdict="FAIL")]
    rows.append(
        Row(
            "  Plane drag: frames/s the point moved (frames it followed)",
            f"{d['fps_moved']:.1f} ({d['followed']:.0%})",
            f"{d['runs_drawn']} runs drawn meanwhile",
            budget="≥ 30",
            verdict=check(d["fps_moved"] >= 30),
        )
    )
    rows.append(
        Row(
            "  Plane drag frame p50 / p95 / max",
            f"{ms(d['frame_p50'])} / {ms(d['frame_p95'])} / {ms(d['frame_max'])}",
            verdict="info",
        )
    )
    return rows
