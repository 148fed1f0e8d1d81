"""One lecture cycle: a few Steps, a second of Play, and a round of the top navigation.

Why this cycle: it is what a lecturer does dozens of times in one tab (step through a few
updates, let it play, look at the Walkthrough and the Compare page, come back), so what
the tab holds on to after 60 of them is what it holds after a 90-minute lecture. Each
cycle starts from step 0 (Home), so the Steps at cycle 5 and at the last cycle move
through the same steps and draw the same pictures: only what the tab has accumulated
differs. The floor's cycle is the same without the app: 5 clicks on its button, then
its three pages.

A Step's time is taken in the page: from the input event's ``timeStamp`` (the clock of
``performance.now()``) to the mutation that changes what is shown (the stage's
``data-step``; the floor chart's title), so Playwright's round trips do not count.
"""

from __future__ import annotations

import functools

from tests.support import page as page_support
from tests.support import stage as stage_support

from .pages import APP_CYCLE, FLOOR_CYCLE, Landmark, switch, wait_drawn

STEPS = 5
PLAY_MS = 1000

# Arm one Step: resolves with the time from the input event to the step shown changing.
# Everything it adds (a window listener, an observer, a timer) is removed when it resolves,
# so the measurement itself leaks nothing.
ARM_JS = """
([event, timeoutMs]) => {
  const stage = document.querySelector('.lab-stage:not(.lab-figure)');
  const title = () => document.querySelector('[data-testid="stMain"] .js-plotly-plot .gtitle');
  const read = stage ? () => stage.dataset.step
                     : () => (title() ? title().textContent.replace('step ', '') : null);
  const target = stage || document.querySelector('[data-testid="stMain"]');
  const before = read();
  window.__soakStep = new Promise((resolve) => {
    let began = null;
    const onInput = (e) => { if (began === null) began = e.timeStamp; };
    const check = () => {
      if (began !== null && read() !== before) {
        finish({ ms: performance.now() - began, before: Number(before), after: Number(read()) });
      }
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish({ ms: null, before: Number(before) }), timeoutMs);
    function finish(value) {
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener(event, onInput, true);
      resolve(value);
    }
    window.addEventListener(event, onInput, true);
    observer.observe(target, stage ? { attributes: true, attributeFilter: ['data-step'] }
                                   : { subtree: true, childList: true, characterData: true });
  });
  return Number(before);
}
"""

# Play: the time of the key that started it (page clock) and the step it started from.
PLAY_ARM_JS = """
() => {
  const stage = document.querySelector('.lab-stage:not(.lab-figure)');
  const p = window.__soakPlay = { key: null, from: Number(stage.dataset.step) };
  window.addEventListener('keydown', (e) => { p.key = e.timeStamp; },
                          { capture: true, once: true });
}
"""

PLAYED_JS = """
(ms) => {
  const p = window.__soakPlay;
  const stage = document.querySelector('.lab-stage:not(.lab-figure)');
  return p.key !== null && performance.now() - p.key >= ms
         && Number(stage.dataset.step) > p.from;
}
"""

PAUSED_JS = """
() => document.querySelector('.lab-stage:not(.lab-figure) [data-lab="play"]')
        ?.dataset.state === 'paused'
"""


def timed(page, action, event: str, timeout_ms: float = 30_000) -> dict:
    """Arm the Step timer for ``event`` (keydown, click), run ``action``, await the timing."""
    page.evaluate(ARM_JS, [event, timeout_ms])
    action()
    return page.evaluate("() => window.__soakStep")


def to_step_zero(page) -> None:
    """Home, unless the stage already shows step 0 (each cycle starts from the same step)."""
    if stage_support.stage_step(page) == 0:
        return
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.querySelector('.lab-stage:not(.lab-figure)').dataset.step === '0'",
        timeout=30_000,
        polling=20,
    )


def play_for(page, ms: float = PLAY_MS) -> int:
    """``p``, until the step has moved and ``ms`` have passed by the page's clock, ``p``."""
    page.evaluate(PLAY_ARM_JS)
    page.keyboard.press("p")
    page.wait_for_function(PLAYED_JS, arg=ms, timeout=30_000, polling="raf")
    page.keyboard.press("p")
    page.wait_for_function(PAUSED_JS, timeout=30_000, polling=20)
    return stage_support.stage_step(page) or 0


def app_cycle(page) -> dict:
    """On Train: Home, 5 ArrowRights (each timed), 1 s of Play; then a round of the pages."""
    stage_support.focus_page(page)
    to_step_zero(page)
    right = functools.partial(page.keyboard.press, "ArrowRight")
    steps = [timed(page, right, "keydown") for _ in range(STEPS)]
    played_to = play_for(page)
    for landmark in APP_CYCLE:
        switch(page, landmark)
    return {"steps": steps, "played_to": played_to}


def floor_cycle(page) -> dict:
    """On page One: 5 clicks on its button (each timed); then a round of its pages."""
    button = page_support.widget_button(page, "step")
    steps = [timed(page, button.click, "click") for _ in range(STEPS)]
    for landmark in FLOOR_CYCLE:
        switch(page, landmark)
    return {"steps": steps}


def open_first(page, url: str, landmark: Landmark) -> None:
    """The first page of an app (Train, or the floor's One), drawn and ready.

    A first load compiles and fetches everything, so it gets more patience than a switch.
    """
    page.goto(url)
    wait_drawn(page, landmark, 120_000)
