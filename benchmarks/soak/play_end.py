"""Play to the end, again and again, on one Train page: does a long Play leave anything?

Why: a lecture also plays whole runs, and Play is where the page redraws most (thousands
of chart updates per run), so whatever a redraw forgets to release shows up here even
without a page switch. Fast speed plays the default 10,001-step run in about 8 s.
"""

from __future__ import annotations

from tests.support import page as page_support
from tests.support import stage as stage_support
from tests.support.memory import Counts, Probe

from .cycle import to_step_zero

STAGE = ".lab-stage:not(.lab-figure)"

FAST_JS = f"""
() => document.querySelector('{STAGE} [data-lab="speed"] button[data-value="Fast"]')
        ?.getAttribute('aria-pressed') === 'true'
"""

# The last step: the slider's max is the run's last step (player.js sets both).
LAST_JS = f"() => Number(document.querySelector('{STAGE} input[data-lab=\"slider\"]').max)"

ARM_JS = """
() => {
  const p = window.__soakEnd = { key: null };
  window.addEventListener('keydown', (e) => { p.key = e.timeStamp; },
                          { capture: true, once: true });
}
"""

AT_END_JS = f"""
(last) => {{
  const stage = document.querySelector('{STAGE}');
  const play = stage?.querySelector('[data-lab="play"]');
  if (!stage || stage.dataset.step !== String(last) || play?.dataset.state !== 'paused')
    return false;
  return {{ seconds: (performance.now() - window.__soakEnd.key) / 1000 }};
}}
"""


def play_to_end(page, probe: Probe, times: int, log) -> dict:
    """Fast speed, then ``times`` × (Home, ``p``, wait for the last step); counts around it."""
    stage_support.focus_page(page)
    page.locator(f'{STAGE} [data-lab="speed"] button[data-value="Fast"]').click()
    page.wait_for_function(FAST_JS, timeout=30_000, polling=20)
    page_support.wait_idle(page)
    before: Counts = probe.read()
    last = page.evaluate(LAST_JS)
    seconds: list[float] = []
    for i in range(times):
        stage_support.focus_page(page)
        to_step_zero(page)
        page.evaluate(ARM_JS)
        page.keyboard.press("p")
        done = page.wait_for_function(AT_END_JS, arg=last, timeout=90_000, polling="raf")
        seconds.append(done.json_value()["seconds"])
        page_support.wait_idle(page)
        log(f"  play to the end {i + 1}/{times}: step {last:,} after {seconds[-1]:.1f} s")
    after = probe.read()
    return {"last": last, "seconds": seconds, "before": before, "after": after}
