// Plotly chart updated in place (Plotly.react) plus a shared client-side player.
// An ES module served from ui/static; ui/plotly_element.py's tiny inline loader imports it
// once per page (inline component JS is re-sent with every rerun, this file is not).
function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__labPlotly) {
    window.__labPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.Plotly);
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  return window.__labPlotly;
}

// One clock for every chart on the page, so all views show the same step.
function player() {
  if (!window.__labPlayer) window.__labPlayer = { id: null, charts: new Map(), raf: 0 };
  return window.__labPlayer;
}

function latestFrame(steps, step) {
  let lo = 0, hi = steps.length - 1, found = steps[0];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] <= step) { found = steps[mid]; lo = mid + 1; } else { hi = mid - 1; }
  }
  return found;
}

const SVG = "http://www.w3.org/2000/svg";
// A chart that needs a full redraw per frame (heat map, 3D) waits this long between
// frames, so it cannot starve the overlay charts of the main thread.
const REDRAW_GAP_MS = 300;

// Moving markers and lines are drawn in an SVG layer over the chart, placed with
// the chart's own axes: ~0.1 ms a frame, where Plotly.animate costs ~35 ms per
// chart in software rendering. Heat maps and 3D scenes still go through Plotly.
function overlayFor(div) {
  let svg = div.querySelector(":scope > svg.lab-overlay");
  if (!svg) {
    svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "lab-overlay");
    svg.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;overflow:visible";
    div.style.position = "relative";
    div.appendChild(svg);
  }
  svg.setAttribute("width", div.clientWidth);
  svg.setAttribute("height", div.clientHeight);
  return svg;
}

function pick(value, i) {
  return Array.isArray(value) ? value[i] : value;
}

// What the overlay needs of a trace's look, taken before the trace is hidden
// (Plotly drops a hidden trace's styling from _fullData).
function styleOf(trace) {
  const marker = trace.marker || {};
  return {
    mode: trace.mode || "", xaxis: trace.xaxis, yaxis: trace.yaxis,
    x: Array.from(trace.x || []), y: Array.from(trace.y || []),
    line: { ...(trace.line || {}) },
    marker: { color: marker.color, size: marker.size, symbol: marker.symbol,
              line: { ...(marker.line || {}) } },
  };
}

function drawTrace(div, trace, update) {
  const layout = div._fullLayout;
  const xa = layout[trace.xaxis.replace("x", "xaxis")];
  const ya = layout[trace.yaxis.replace("y", "yaxis")];
  const px = (update.x || trace.x).map((v) => xa._offset + xa.c2p(xa.d2c(v)));
  const py = (update.y || trace.y).map((v) => ya._offset + ya.c2p(ya.d2c(v)));
  const group = document.createElementNS(SVG, "g");
  if (trace.mode.includes("lines") && px.length > 1) {
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", px.map((x, i) => `${x},${py[i]}`).join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", trace.line.color);
    line.setAttribute("stroke-width", trace.line.width);
    if (trace.line.dash && trace.line.dash !== "solid") line.setAttribute("stroke-dasharray", "3,3");
    group.appendChild(line);
  }
  if (trace.mode.includes("markers")) {
    px.forEach((x, i) => {
      const dot = document.createElementNS(SVG, "circle");
      const colour = pick(trace.marker.color, i);
      const open = String(pick(trace.marker.symbol, i)).includes("open");
      dot.setAttribute("cx", x);
      dot.setAttribute("cy", py[i]);
      dot.setAttribute("r", pick(trace.marker.size, i) / 2);
      dot.setAttribute("fill", open ? "none" : colour);
      dot.setAttribute("stroke", open ? colour : pick(trace.marker.line.color, i) || "none");
      dot.setAttribute("stroke-width", open ? 2 : pick(trace.marker.line.width, i) || 0);
      group.appendChild(dot);
    });
  }
  return group;
}

function drawOverlay(chart, frame) {
  const svg = overlayFor(chart.div);
  const groups = frame.traces.map((index, k) => drawTrace(chart.div, chart.styles[k], frame.data[k]));
  svg.replaceChildren(...groups);
}

function tick(now) {
  const p = player();
  const elapsed = (now - p.start) / 1000;
  const slots = p.timeline.length;
  const slot = Math.min(slots - 1, Math.floor((elapsed / p.seconds) * slots));
  const step = p.timeline[Math.max(0, slot)];
  for (const chart of p.charts.values()) {
    const name = latestFrame(chart.steps, step);
    if (name === chart.shown || chart.busy || !chart.div.isConnected) continue;
    if (now - chart.drawnAt < chart.minGap) continue; // full redraws must not starve the rest
    chart.shown = name;
    chart.drawnAt = now;
    const announce = () => chart.div.dispatchEvent(new CustomEvent("lab_frame", { detail: name, bubbles: true }));
    if (chart.overlay) {
      drawOverlay(chart, chart.frames.get(name));
      announce();
      continue;
    }
    chart.busy = true;
    const done = () => { chart.busy = false; announce(); };
    chart.Plotly.animate(chart.div, [String(name)], {
      mode: "immediate", frame: { duration: 0, redraw: chart.redraw }, transition: { duration: 0 },
    }).then(done, done);
  }
  const settled = [...p.charts.values()].every((c) => c.shown === latestFrame(c.steps, step));
  p.raf = elapsed < p.seconds || !settled ? requestAnimationFrame(tick) : 0;
}

function join(play, key, div, Plotly, frames) {
  const p = player();
  if (p.id !== play.id) {
    cancelAnimationFrame(p.raf);
    Object.assign(p, { id: play.id, charts: new Map(), start: performance.now(),
                       timeline: play.timeline, seconds: play.seconds });
    p.raf = requestAnimationFrame(tick);
  }
  const steps = frames.map((f) => Number(f.name)).sort((a, b) => a - b);
  const overlay = !play.redraw;
  const chart = { div, Plotly, steps, redraw: play.redraw, overlay, shown: null, busy: false,
                  drawnAt: 0, minGap: play.redraw ? REDRAW_GAP_MS : 0,
                  frames: new Map(frames.map((f) => [Number(f.name), f])) };
  if (overlay) {
    // The overlay replaces the moving traces; Plotly keeps drawing the still ones.
    chart.styles = frames[0].traces.map((index) => styleOf(div._fullData[index]));
    return Plotly.restyle(div, { visible: false }, frames[0].traces).then(() => {
      p.charts.set(key, chart);
    });
  }
  return Plotly.addFrames(div, frames).then(() => p.charts.set(key, chart));
}

export function render({ data, parentElement }) {
  let div = parentElement.querySelector(".lab-plotly");
  if (!div) {
    div = document.createElement("div");
    div.className = "lab-plotly";
    div.style.width = "100%";
    parentElement.appendChild(div);
  }
  const fig = JSON.parse(data.figure);
  loadPlotly(data.url).then((Plotly) => {
    player().charts.delete(data.key);
    const overlay = div.querySelector(":scope > svg.lab-overlay");
    if (overlay) overlay.replaceChildren();
    return Plotly.react(div, fig.data || [], fig.layout || {}, data.config).then(() => {
      if (data.play && data.frames) return join(data.play, data.key, div, Plotly, JSON.parse(data.frames));
    });
  });
}
