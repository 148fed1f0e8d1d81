"""Measurements for the screen tests (tests/test_browser_screens.py): JS run in the page.

Every snippet measures what the browser laid out (``getBoundingClientRect``, computed
styles, Plotly's own ``_fullLayout``), so a test asserts what a student sees, in px.
Also a server starter on a *given* port, for the restart test (``browser_support``
picks a free port itself).
"""

from __future__ import annotations

from tests.browser_support import Server, start_server

# --------------------------------------------------------------------------- readiness

# Every stage chart drawn at the size of its div, and that size unchanged over three
# polls: the stage says ready once Plotly has drawn, but the first draw uses the figure's
# own height; the charts take their grid cell's size a frame or two later.
SETTLED_JS = """
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true') return false;
  const charts = [...stage.querySelectorAll('.lab-chart')];
  if (!charts.length) return false;
  const fits = charts.every((c) => {
    const layout = c._fullLayout;
    if (!layout) return false;
    const box = c.getBoundingClientRect();
    return Math.abs(layout.width - box.width) < 2 && Math.abs(layout.height - box.height) < 2;
  });
  const key = charts.map((c) => {
    const b = c.getBoundingClientRect();
    return `${b.left},${b.top},${b.width},${b.height}`;
  }).join('|');
  if (!fits || window.__labSettledKey !== key) {
    window.__labSettledKey = fits ? key : null;
    window.__labSettledPolls = 0;
    return false;
  }
  window.__labSettledPolls += 1;
  return window.__labSettledPolls >= 3;
}
"""

# The app's own page CSS (ui/shell.py, an st.html <style>) is in: until it arrives the
# page is laid out with Streamlit's default 5rem side padding.
PAGE_CSS_JS = """
() => [...document.querySelectorAll('style')].some(
  (s) => s.textContent.includes('stMainBlockContainer'))
"""

# --------------------------------------------------------------------------- geometry

RECT_JS = """
(sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const b = el.getBoundingClientRect();
  return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
          width: b.width, height: b.height};
}
"""

# The Train page's stage as laid out: viewport, sidebar, transport, numbers, and per slot
# the slot, the chart div, Plotly's plot area (from its axes), the colour bar, the texts'
# smallest font size and the trace lines' stroke widths.
STAGE_LAYOUT_JS = """
() => {
  const rect = (el) => {
    if (!el) return null;
    const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            width: b.width, height: b.height};
  };
  const stage = document.querySelector('.lab-stage');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const out = {
    viewport: {width: innerWidth, height: innerHeight},
    scroll: {docWidth: document.documentElement.scrollWidth,
             mainWidth: document.querySelector('[data-testid="stMain"]')?.scrollWidth,
             mainClient: document.querySelector('[data-testid="stMain"]')?.clientWidth},
    mode: stage.dataset.mode,
    sidebar: {rect: rect(sidebar), collapsed: sidebar?.dataset.collapsed},
    transport: Object.fromEntries(['reset', 'back', 'step', 'jump', 'play'].map(
      (k) => [k, rect(stage.querySelector(`[data-lab="${k}"]`))])),
    numbers: rect(stage.querySelector('.lab-numbers')),
    numberBoxes: [...stage.querySelectorAll('.lab-number')].map((n) => ({
      key: n.dataset.lab, rect: rect(n),
      font: parseFloat(getComputedStyle(n.querySelector('.lab-number-value')).fontSize)})),
    slots: {},
  };
  for (const slot of stage.querySelectorAll('.lab-slot')) {
    const chart = slot.querySelector('.lab-chart');
    const layout = chart && chart._fullLayout;
    const box = chart.getBoundingClientRect();
    let plot = null;
    if (layout && layout.xaxis && layout.yaxis && layout.xaxis._length) {
      const left = box.left + layout.xaxis._offset, top = box.top + layout.yaxis._offset;
      plot = {left, top, right: left + layout.xaxis._length, bottom: top + layout.yaxis._length,
              width: layout.xaxis._length, height: layout.yaxis._length};
    }
    const texts = [...chart.querySelectorAll('.main-svg text')]
      .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0);
    out.slots[slot.dataset.slot] = {
      slot: rect(slot), chart: rect(chart), plot, drag: rect(chart.querySelector('.nsewdrag')),
      colourbar: rect(chart.querySelector('.colorbar')),
      title: slot.querySelector('.lab-title')?.textContent,
      fonts: texts.map((t) => [t.textContent.slice(0, 30),
                               parseFloat(getComputedStyle(t).fontSize)]),
      lines: [...chart.querySelectorAll('.scatterlayer path.js-line')]
        .map((p) => parseFloat(getComputedStyle(p).strokeWidth)),
    };
  }
  return out;
}
"""


def inside(rect: dict | None, viewport: dict, slack: float = 0.5) -> bool:
    """``rect`` lies wholly inside the viewport (0..width, 0..height)."""
    return (
        rect is not None
        and rect["left"] >= -slack
        and rect["top"] >= -slack
        and rect["right"] <= viewport["width"] + slack
        and rect["bottom"] <= viewport["height"] + slack
    )


def box(rect: dict | None) -> str:
    """A rect as "left,top → right,bottom (w×h)" in whole px, for messages."""
    if rect is None:
        return "none"
    return (
        f"{rect['left']:.0f},{rect['top']:.0f} → {rect['right']:.0f},{rect['bottom']:.0f} "
        f"({rect['width']:.0f}×{rect['height']:.0f})"
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


# --------------------------------------------------------------------------- colour

# WCAG 2 contrast of every Plotly SVG text on the page against the app's background (the
# charts' paper is transparent): fill × fill-opacity × the opacities up to the chart,
# blended over the background. Also the Train page's own numbers and titles (HTML).
CONTRAST_JS = """
(selector) => {
  const parse = (s) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(s || '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const lum = ({r, g, b}) => {
    const ch = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const bg = parse(getComputedStyle(app).backgroundColor);
  const over = (fg, alpha) => ({r: fg.r * alpha + bg.r * (1 - alpha),
                                g: fg.g * alpha + bg.g * (1 - alpha),
                                b: fg.b * alpha + bg.b * (1 - alpha)});
  const opacity = (el, stop) => {
    let o = 1;
    for (let e = el; e && e !== stop; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const items = [];
  for (const plot of document.querySelectorAll(selector || '.js-plotly-plot')) {
    for (const t of plot.querySelectorAll('.main-svg text')) {
      if (!t.textContent.trim() || !t.getBoundingClientRect().width) continue;
      const style = getComputedStyle(t);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fill = parse(style.fill);
      if (!fill) continue;
      const alpha = fill.a * Number(style.fillOpacity) * opacity(t, plot.parentElement);
      items.push({text: t.textContent.slice(0, 40),
                  kind: t.parentElement.getAttribute('class') || '',
                  chart: plot.className.replace('js-plotly-plot', '').trim(),
                  fill: style.fill, ratio: ratio(over(fill, alpha), bg)});
    }
  }
  for (const el of document.querySelectorAll('.lab-number-value, .lab-number-label, .lab-title')) {
    const colour = parse(getComputedStyle(el).color);
    if (!colour || !el.textContent.trim()) continue;
    const alpha = colour.a * opacity(el, app);
    items.push({text: el.textContent.slice(0, 40), kind: el.className, chart: 'stage',
                fill: getComputedStyle(el).color, ratio: ratio(over(colour, alpha), bg)});
  }
  items.sort((a, b) => a.ratio - b.ratio);
  return {background: getComputedStyle(app).backgroundColor, backgroundLuminance: lum(bg),
          count: items.length, worst: items.slice(0, 5),
          plotlyWorst: items.find((i) => i.chart !== 'stage') || null};
}
"""

# Measures CONTRAST_JS at every animation frame from now on, keeping the worst frame:
# a theme switch must never show a frame of light-on-light or dark-on-dark.
CONTRAST_MONITOR_JS = """
() => {
  const measure = CONTRAST;
  const monitor = window.__labContrastMonitor = {frames: 0, worst: null, running: true,
                                                 low: [], start: performance.now()};
  const tick = () => {
    if (!monitor.running) return;
    const now = measure(null);
    monitor.frames += 1;
    if (now.count && now.worst[0].ratio < MIN) {
      monitor.low.push([Math.round(performance.now() - monitor.start), now.worst[0].ratio]);
    }
    if (now.count && (!monitor.worst || now.worst[0].ratio < monitor.worst.worst[0].ratio)) {
      monitor.worst = now;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
""".replace("CONTRAST", CONTRAST_JS.strip()).replace("MIN", "4.5")

STOP_MONITOR_JS = """
() => { const m = window.__labContrastMonitor; m.running = false;
        return {frames: m.frames, worst: m.worst, low: m.low,
                ms: Math.round(performance.now() - m.start)}; }
"""

# --------------------------------------------------------------------------- charts

# Per Plotly chart: its title(s), axis titles, legend entries and colour-bar tick labels.
PLOT_PARTS_JS = """
() => {
  const rect = (el) => {
    const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            width: b.width, height: b.height};
  };
  const texts = (p, sel) => [...p.querySelectorAll(sel)]
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => ({text: t.textContent, rect: rect(t)}));
  return [...document.querySelectorAll('.js-plotly-plot')].map((p) => {
    const slot = p.closest('.lab-slot');
    const head = slot && slot.querySelector('.lab-title');
    return {
      chart: p.className.replace('js-plotly-plot', '').trim()
             || (p.closest('[class*="st-key-"]')?.className.match(/st-key-\\S+/) || [''])[0],
      div: rect(p),
      titles: texts(p, '.g-gtitle text').concat(
        head && head.textContent.trim() ? [{text: head.textContent, rect: rect(head)}] : []),
      axisTitles: texts(p, '.g-xtitle text, .g-ytitle text'),
      legend: [...p.querySelectorAll('.legend .traces')].map((g) => ({
        text: g.textContent, rect: rect(g)})),
      colourbarTicks: texts(p, '.colorbar .cbaxis text'),
      colourbarTitles: texts(p, '.colorbar .cbtitle text'),
    };
  });
}
"""

# The 3D view's axis box projected with the scene's own camera: each corner of the box
# that carries the tick labels, in px of the scene's canvas. Plotly draws 3D tick labels
# into the WebGL canvas (no SVG text to measure), next to the box's edges, so a corner
# outside the canvas (or too near its edge for a label) means cut-off labels.
SCENE_BOX_JS = """
() => {
  const div = document.querySelector('.lab-chart-surface');
  const scene = div && div._fullLayout && div._fullLayout.scene && div._fullLayout.scene._scene;
  if (!scene || !scene.glplot || !scene.glplot.cameraParams) return null;
  const gl = scene.glplot;
  const {model, view, projection} = gl.cameraParams;
  const mul = (m, v) => [0, 1, 2, 3].map(
    (i) => m[i] * v[0] + m[4 + i] * v[1] + m[8 + i] * v[2] + m[12 + i] * v[3]);
  const canvas = gl.canvas.getBoundingClientRect();
  const chart = div.getBoundingClientRect();
  const b = gl.axes.bounds;
  const corners = [];
  for (const i of [0, 1]) for (const j of [0, 1]) for (const k of [0, 1]) {
    const clip = mul(projection, mul(view, mul(model, [b[i][0], b[j][1], b[k][2], 1])));
    corners.push({corner: [i, j, k],
                  x: (clip[0] / clip[3] + 1) / 2 * canvas.width,
                  y: (1 - clip[1] / clip[3]) / 2 * canvas.height});
  }
  return {canvas: {left: canvas.left, top: canvas.top, width: canvas.width, height: canvas.height},
          chart: {left: chart.left, top: chart.top, width: chart.width, height: chart.height},
          tickPad: Math.max(...gl.axes.tickPad), tickSize: Math.max(...gl.axes.tickSize),
          camera: div._fullLayout.scene.camera.eye, corners};
}
"""

# Elements of the main area wider than the viewport, or making it scroll sideways.
OVERFLOW_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [...document.querySelectorAll('[data-testid="stMain"] *')].filter((e) => {
    if (!e.checkVisibility || !e.checkVisibility({visibilityProperty: true})) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
  }).map((e) => {
    const r = e.getBoundingClientRect();
    const name = (e.className.baseVal ?? e.className).toString().split(' ')[0];
    return `${e.tagName.toLowerCase()}.${name} (${Math.round(r.left)}..${Math.round(r.right)} px)`;
  });
  return {docWidth: document.documentElement.scrollWidth, mainWidth: main.scrollWidth,
          mainClient: main.clientWidth, wide: wide.slice(0, 8)};
}
"""

# --------------------------------------------------------------------------- a server


def start_on_port(port: int, *, timeout: float = 90.0) -> Server:
    """The app on ``port``, as ``browser_support`` starts it: for a restart on the same port."""
    return start_server(port=port, timeout=timeout)


def kill(server: Server, timeout: float = 10.0) -> None:
    """Stop a server by its pid as a crash would look to the page: SIGTERM, then SIGKILL."""
    server.stop(timeout=timeout)
    assert server.process.poll() is not None, f"pid {server.pid} still running"
