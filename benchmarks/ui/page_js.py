"""The JavaScript the benchmark runs inside the pages it measures.

Why in the page: the machine is shared and noisy, and a round trip through Playwright
costs more than the thing measured, so every time is taken where it happens, with
``performance.now()`` and event ``timeStamp`` on one clock, once per animation frame
(which is what the student sees). Python only arms a measurement, presses the key and
reads the result. Each snippet is a string handed to ``page.evaluate`` or
``page.wait_for_function``; the ones only Play uses live in ``play.py``, the baselines'
own loops in ``floors.py``.
"""

# Runs at document start in every measured page: times (from navigation start) of the first
# chart shown, the stage ready, and a floor's Plotly chart drawn, checked once per frame.
LOAD_MARKS_JS = """
(() => {
  const marks = window.__benchLoad = {};
  const started = performance.now();
  const check = () => {
    const now = performance.now();
    if (marks.stage === undefined && document.querySelector('.lab-stage')) marks.stage = now;
    if (marks.firstChart === undefined && document.querySelector('.lab-chart[data-step]'))
      marks.firstChart = now;
    if (marks.ready === undefined && document.querySelector('.lab-stage[data-ready="true"]'))
      marks.ready = now;
    if (marks.plot === undefined) {
      const el = document.querySelector('.js-plotly-plot');
      if (el && el._fullLayout && !el.closest('.lab-stage')
          && (el.querySelector('canvas') || el.querySelector('.main-svg g.trace'))) {
        marks.plot = now;
      }
    }
    const done = marks.ready !== undefined || marks.plot !== undefined;
    if (!done && now - started < 300000) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""

# Where a first load of the Train page spends its time (ms from navigation start): the
# page's first script run seen (stApp mounted), the stage element mounted, Plotly and the
# run's bytes (/media/) fully loaded, every chart drawn.
TIMELINE_JS = """
() => {
  const end = (test) => {
    const hits = performance.getEntriesByType('resource').filter((r) => test(r.name));
    return hits.length ? Math.max(...hits.map((r) => r.responseEnd)) : null;
  };
  const path = (u) => new URL(u).pathname;
  return {
    html: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    stage: window.__benchLoad.stage ?? null,
    plotly: end((u) => u.endsWith('/plotly.min.js')),
    run: end((u) => path(u).startsWith('/media/')),
    ready: window.__benchLoad.ready ?? null,
  };
}
"""

# The app page: counts the stage's DOM mutations, which tell a settled stage from one still
# drawing. Nothing else is hooked: the Train page steps, plays and writes the address bar
# without the server, so there is no report to wait for and nothing to intercept.
APP_INSTALL_JS = """
() => {
  if (window.__benchApp) return true;
  const stage = document.querySelector('.lab-stage');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!stage || !app) return false;
  const b = window.__benchApp = { mutations: 0 };
  new MutationObserver((records) => { b.mutations += records.length; })
    .observe(stage, { subtree: true, childList: true, attributes: true, characterData: true });
  return true;
}
"""

# Arm one Step measurement: resolves once the step is on screen everywhere and settled.
APP_ARM_JS = """
(timeoutMs) => {
  const b = window.__benchApp;
  const stage = document.querySelector('.lab-stage');
  const before = stage.dataset.step;
  b.pending = new Promise((resolve) => {
    const started = performance.now();
    let key = null; let handled = null; let candidate = null; let frames = 0;
    const once = { capture: true, once: true };
    window.addEventListener('keydown', (e) => { key = e.timeStamp; }, once);
    window.addEventListener('keydown', () => { handled = performance.now(); }, { once: true });
    const frame = () => {
      const now = performance.now();
      if (key !== null) {
        frames += 1;
        const step = stage.dataset.step;
        const charts = [...stage.querySelectorAll('.lab-chart')];
        const shown = step !== before && charts.length > 0
          && charts.every((c) => c.dataset.step === step);
        if (shown && candidate && candidate.mutations === b.mutations) {
          return resolve({ ms: candidate.at - key, handlerMs: handled - key,
                           step: Number(step), charts: charts.length,
                           frames: candidate.frames, before: Number(before) });
        }
        if (shown) candidate = { at: now, mutations: b.mutations, frames };
        else candidate = null;
      }
      if (now - started > timeoutMs) {
        const steps = [...stage.querySelectorAll('.lab-chart')].map((c) => c.dataset.step);
        return resolve({ ms: null, key, step: stage.dataset.step, before, charts: steps });
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { before: Number(before) };
}
"""

# A quiet page, checked once per animation frame: the script idle (notRunning), the address
# bar showing the stage's step (url.js writes it at most every 250 ms, so a write may still
# be pending after quick presses), and the stage free of DOM mutations for `frames` frames
# in a row. Resolves with what it saw; `quiet` is false if that never happened in time.
APP_QUIET_JS = """
async ({ frames, timeoutMs }) => {
  const b = window.__benchApp;
  const app = document.querySelector('[data-testid="stApp"]');
  const stage = document.querySelector('.lab-stage');
  const started = performance.now();
  let still = 0; let seen = -1; let look = {};
  while (performance.now() - started < timeoutMs) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const inUrl = new URLSearchParams(location.search).get('t');
    look = { script: app.getAttribute('data-test-script-state'), step: stage.dataset.step,
             url: inUrl === null ? '0' : inUrl };
    const calm = look.script === 'notRunning' && look.url === look.step && b.mutations === seen;
    still = calm ? still + 1 : 0;
    seen = b.mutations;
    if (still >= frames) return { quiet: true, ms: performance.now() - started };
  }
  return { quiet: false, ms: performance.now() - started, ...look };
}
"""

# A point of the main area outside the stage that nothing reacts to, for the focus click.
EMPTY_SPOT_JS = """
() => {
  const stage = document.querySelector('.lab-stage');
  const main = document.querySelector('[data-testid="stMain"]')
    || document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!stage || !main) return null;
  const m = main.getBoundingClientRect();
  const s = stage.getBoundingClientRect();
  const busy = 'a,button,input,select,textarea,label,summary,details,canvas,svg,'
    + '.js-plotly-plot,[role=button],[role=slider],[data-testid=stSidebar],'
    + '[data-testid=stSidebarResizeHandle],header';
  const ys = [s.top + 8, s.top + 40, s.top + 120, m.top + 40];
  const xs = [m.right - 10, s.right + 6, m.left + 8, (m.left + s.left) / 2];
  for (const y of ys) for (const x of xs) {
    if (x < 1 || y < 1 || x >= innerWidth - 1 || y >= innerHeight - 1) continue;
    const el = document.elementFromPoint(x, y);
    if (!el || !main.contains(el) || stage.contains(el) || el.closest(busy)) continue;
    return { x, y, what: el.getAttribute('data-testid') || el.className || el.tagName };
  }
  return null;
}
"""

# Floor B: one Step is a real click on its button until the first animation frame in which
# the script is idle, the chart's title says the new step (the title is drawn by the same
# Plotly.react as the line) and the main area then stays free of DOM mutations for a frame.
FLOOR_INSTALL_JS = """
() => !!document.querySelector('[data-testid="stApp"]')
  && !!document.querySelector('[data-testid="stMain"] .js-plotly-plot .gtitle')
"""

FLOOR_ARM_JS = """
(timeoutMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const title = () => {
    const t = main.querySelector('.js-plotly-plot .gtitle');
    return t ? t.textContent : null;
  };
  const before = title();
  const expected = `step ${Number(String(before).replace('step ', '')) + 1}`;
  const b = window.__floorBench = window.__floorBench || {};
  b.pending = new Promise((resolve) => {
    const started = performance.now();
    let click = null; let candidate = null; let mutations = 0;
    const observer = new MutationObserver((records) => { mutations += records.length; });
    observer.observe(main, { subtree: true, childList: true, attributes: true,
                             characterData: true });
    const once = { capture: true, once: true };
    window.addEventListener('click', (e) => { click = e.timeStamp; }, once);
    const finish = (value) => { observer.disconnect(); resolve(value); };
    const frame = () => {
      const now = performance.now();
      if (click !== null) {
        const idle = app.getAttribute('data-test-script-state') === 'notRunning';
        const shown = idle && title() === expected;
        if (shown && candidate && candidate.mutations === mutations) {
          return finish({ ms: candidate.at - click, title: expected });
        }
        candidate = shown ? { at: now, mutations } : null;
      }
      if (now - started > timeoutMs) {
        return finish({ ms: null, clicked: click !== null, title: title(), expected });
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return before;
}
"""
