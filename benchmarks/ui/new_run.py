"""Phase newrun: what a what-if costs, against the cheapest round trip Streamlit offers.

A new run is the seed's + button clicked, or the learning rate's slider moved one notch
with the arrow key, until the first animation frame in which the stage shows the new run
(``.lab-stage[data-run]`` names it), every chart is drawn at the stage's step, and the
stage then stays free of DOM mutations for one more frame. Timed in the page from the
input event's ``timeStamp``, as floor B's Step (``steps.py``), which is measured here
too, alternating with the app's, so a noisy moment of the machine hits both alike.

Every run asked for is new (the seed only goes up; the rate alternates one notch up and
down between seeds), so nothing is served from a cache the student would not have hit.
After each run the stage must show step 0 of ``perceptron.train`` on the new settings
(checked outside the timing, against the engine).

Where the time goes is read in the same page, for the profile in the README: a wrapped
WebSocket stamps the click's message and each delta received, the run's ``/media/`` fetch
has its resource timing, and the stage's ``data-run`` change marks the charts drawn.
"""

from __future__ import annotations

import time

import numpy as np

import perceptron
from perceptron.settings import RunSpec
from tests.support.browser import Server
from tests.support.expected import expected_numbers
from tests.support.page import wait_idle
from tests.support.stage import stage_shown
from ui.run import pack_run

from .cells import Row, median, ms, ratio, ratio_row, spread, times
from .page_js import FLOOR_INSTALL_JS
from .steps import floor_step
from .wire import ServerWatch, fresh_page, install_app, wait_marks, wait_quiet

# Before the page's own scripts: every websocket message sent and received, stamped.
WS_STAMPS_JS = """
(() => {
  const stamps = window.__benchWs = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const send = this.send.bind(this);
      this.send = (data) => { stamps.push(['sent', performance.now()]); return send(data); };
      this.addEventListener('message', () => stamps.push(['received', performance.now()]));
    }
  };
})();
"""

# Arm one measurement: resolves with the time from the input event to the settled frame
# that shows a run other than `before`, and where the time went on the way.
NEW_RUN_ARM_JS = """
(timeoutMs) => {
  const b = window.__benchApp;
  const stage = document.querySelector('.lab-stage');
  const before = stage.dataset.run;
  window.__benchWs.length = 0;
  performance.clearResourceTimings();
  b.pending = new Promise((resolve) => {
    const started = performance.now();
    let input = null; let candidate = null; let runAt = null;
    const once = { capture: true, once: true };
    const stamp = (e) => { if (input === null) input = e.timeStamp; };
    window.addEventListener('click', stamp, once);
    window.addEventListener('keydown', stamp, once);
    const breakdown = () => {
      const ws = window.__benchWs;
      const sent = ws.find((w) => w[0] === 'sent');
      const got = ws.filter((w) => w[0] === 'received').map((w) => w[1]);
      const media = performance.getEntriesByType('resource')
        .filter((r) => new URL(r.name).pathname.startsWith('/media/'));
      const run = media.length ? media[media.length - 1] : null;
      const at = (v) => (v == null ? null : v - input);
      return { sent: at(sent && sent[1]), firstDelta: at(got[0]),
               fetchStart: at(run && run.startTime), fetchEnd: at(run && run.responseEnd),
               runShown: at(runAt), bytes: run ? run.encodedBodySize : null };
    };
    const frame = () => {
      const now = performance.now();
      if (input !== null) {
        const run = stage.dataset.run;
        if (run !== before && runAt === null) runAt = now;
        const step = stage.dataset.step;
        const charts = [...stage.querySelectorAll('.lab-chart')];
        const shown = run !== before && charts.length > 0
          && charts.every((c) => c.dataset.step === step);
        if (shown && candidate && candidate.mutations === b.mutations) {
          return resolve({ ms: candidate.at - input, step: Number(step), run,
                           charts: charts.length, ...breakdown() });
        }
        candidate = shown ? { at: now, mutations: b.mutations } : null;
      }
      if (now - started > timeoutMs) return resolve({ ms: null, before, run: stage.dataset.run });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return before;
}
"""

PARTS = ("sent", "firstDelta", "fetchStart", "fetchEnd", "runShown")
"""The breakdown's marks, in the order they happen (ms from the input event)."""


def ask(page, what: str, notch: int) -> None:
    """The student's what-if: the seed's + button, or the rate's slider one notch along."""
    if what == "seed":
        page.locator('.st-key-seed [data-testid="stNumberInputStepUp"]').click()
    else:
        page.locator('.st-key-lr input[type="range"]').focus()
        page.keyboard.press("ArrowRight" if notch > 0 else "ArrowLeft")


def app_new_run(page, what: str, notch: int, timeout_ms: float = 30_000) -> dict:
    page.evaluate(NEW_RUN_ARM_JS, timeout_ms)
    ask(page, what, notch)
    result = page.evaluate("() => window.__benchApp.pending")
    result["what"] = what
    result["settled"] = wait_quiet(page)
    return result


def sidebar_spec(page) -> RunSpec:
    """The run the sidebar's widgets ask for (seed and rate; the rest are the defaults)."""
    seed = int(float(page.locator(".st-key-seed input").input_value()))
    rate = float(page.locator('.st-key-lr input[type="range"]').get_attribute("aria-valuetext"))
    return RunSpec(seed=seed, learning_rate=rate)


def shows_engine_run(page, spec: RunSpec, history: perceptron.History) -> str | None:
    """None if the stage shows the step it is at of ``history`` (the engine's run of
    ``spec``); else what differs."""
    got = stage_shown(page)
    want = expected_numbers(history, got["step"])
    return None if got["numbers"] == want else f"{spec}: {got} != {want}"


def server_work(spec: RunSpec) -> tuple[float, perceptron.History]:
    """What the server must compute for a new run, whatever the transport: training and
    packing (``ui.run``: train, diagnose, pack, gzip), timed in this process (ms), and the
    run it trained."""
    started = time.perf_counter()
    table = np.array(spec.rows, dtype=np.float64)
    history = perceptron.train(table[:, :2], table[:, 2], **spec.params())
    pack_run(spec, False, history)
    return (time.perf_counter() - started) * 1000, history


def measure_new_runs(
    browser, app: tuple[Server, ServerWatch], floor: tuple[Server, ServerWatch], n: int, log
) -> dict:
    """Alternate app new runs (seed +, rate notch, …) with floor-B round trips."""
    (app_server, _), (floor_server, _) = app, floor
    with fresh_page(browser) as app_page, fresh_page(browser) as floor_page:
        app_page.context.add_init_script(WS_STAMPS_JS)
        app_page.goto(app_server.url)
        app_page.wait_for_selector(".lab-stage[data-ready=true][data-run]", timeout=120_000)
        wait_idle(app_page)
        install_app(app_page)
        floor_page.goto(floor_server.url)
        floor_page.wait_for_function(FLOOR_INSTALL_JS, timeout=120_000, polling=100)
        wait_marks(floor_page, "plot", 120_000)
        wait_idle(floor_page)
        runs: list[dict] = []
        floor_ms: list[float] = []
        problems: list[str] = []
        deadline = time.monotonic() + 60 + n * 20
        for i in range(n + 2):  # the first two warm up: JIT, the charts' first reacts
            if time.monotonic() > deadline:
                problems.append(f"time cap reached after {i} new runs")
                break
            what = "seed" if i % 2 == 0 else "rate"
            a = app_new_run(app_page, what, 1 if i % 4 == 1 else -1)
            f = floor_step(floor_page)
            if i < 2:
                continue
            if a["ms"] is None:
                problems.append(f"new run {i} ({what}): not shown {a}")
            else:
                spec = sidebar_spec(app_page)
                a["serverWork"], history = server_work(spec)
                runs.append(a)
                wrong = shows_engine_run(app_page, spec, history)
                if wrong:
                    problems.append(f"new run {i} ({what}): {wrong}")
            if f["ms"] is None:
                problems.append(f"floor step {i}: timed out {f}")
            else:
                floor_ms.append(f["ms"])
        app_ms = [r["ms"] for r in runs]
        log(
            f"  new runs: app median {median(app_ms):.1f} ms, floor B median "
            f"{median(floor_ms):.1f} ms ({len(app_ms)}/{len(floor_ms)})"
        )
        return {
            "runs": runs,
            "app_ms": app_ms,
            "floor_ms": floor_ms,
            "problems": problems,
            "page_errors": list(app_page.bench_errors),
        }


def new_run_rows(res: dict) -> list[Row]:
    """The budget (median ≤ 1.0× floor B), its p95, and where the median run's time went."""
    nr = res.get("newrun")
    if not nr:
        return []
    a, f = spread(nr["app_ms"]), spread(nr["floor_ms"])
    rows = [
        ratio_row(
            "N new run median (→ settled frame)", a["median"], f["median"], 1.0, base_name="floor B"
        ),
        ratio_row("  new run p95", a["p95"], f["p95"], 1.0, base_name="floor B p95"),
    ]
    for what in ("seed", "rate"):
        mine = [r["ms"] for r in nr["runs"] if r["what"] == what]
        rows.append(
            Row(f"  {what} median / p95", f"{ms(median(mine))} / {ms(spread(mine)['p95'])}")
        )
    for part in PARTS:
        values = [r[part] for r in nr["runs"] if r.get(part) is not None]
        rows.append(Row(f"  input → {part}, median", ms(median(values))))
    # The work no transport avoids: the server's training and packing, and the page's decode
    # and draw (fetch end → settled frame). Next to floor B, which does neither.
    work = [r["serverWork"] for r in nr["runs"]]
    draw = [r["ms"] - r["fetchEnd"] for r in nr["runs"] if r.get("fetchEnd") is not None]
    for label, values in (
        ("  server work (train + pack), median", work),
        ("  page work (fetch end → settled), median", draw),
    ):
        rows.append(Row(label, ms(median(values)), "", times(ratio(median(values), f["median"]))))
    rows.append(
        Row(
            "  new runs measured (app / floor B)",
            f"{a['n']}",
            f"{f['n']}",
            verdict="info" if not nr["problems"] else "WARN",
        )
    )
    return rows
