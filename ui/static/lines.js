// A run's still lines (loss, weights and errors against the iterations; the landscape's
// path), stroked on a canvas over the chart's Plotly axes instead of drawn as Plotly traces (views/lines.py says why: a new run
// then redraws no Plotly figure when its axes keep their ranges).
//
// A line names the steps to draw (a blob array, thinned on the server) and a reference
// into the run's history for its values: the numbers the page shows at t, nothing sent twice.
import { projector, resolve } from "./marks.js";

// Beyond this many pixels off the plot a point is pulled in: a canvas path with coordinates
// of 1e200 (a diverging weight) draws nothing at all, and the visible part keeps its slope.
const FAR = 1e5;
const near = (v, low, high) => Math.min(Math.max(v, low - FAR), high + FAR);

// Each line's points as pixels, [x0, y0, x1, y1, …], y NaN where the value is not finite
// (the path breaks there: a run whose first loss overflowed starts at step 1).
export function linePixels(line, run, p) {
  const steps = run.arrays[line.steps].data;
  const out = new Float64Array(steps.length * 2);
  for (let i = 0; i < steps.length; i++) {
    const t = steps[i];
    const x = p.x(line.x ? resolve(line.x, run.arrays, t)[0] : t + 1);
    const y = p.y(resolve(line.y, run.arrays, t)[0]); // NaN off a log axis (y ≤ 0)
    const ok = Number.isFinite(x) && Number.isFinite(y);
    out[2 * i] = ok ? near(x, p.area.left, p.area.right) : NaN;
    out[2 * i + 1] = ok ? near(y, p.area.top, p.area.bottom) : NaN;
  }
  return out;
}

// Stroke a chart's lines on a 2-D context whose units are the chart's CSS pixels, clipped to
// the plot area: the page's canvas, the PNG export and the saved animation alike.
export function strokeLines(context, layer, run, p) {
  context.save();
  context.beginPath();
  context.rect(p.area.left, p.area.top, p.area.right - p.area.left, p.area.bottom - p.area.top);
  context.clip();
  Object.assign(context, { lineJoin: "round", lineCap: "round" });
  for (const line of layer.lines) {
    const xy = linePixels(line, run, p);
    context.beginPath();
    let open = false;
    for (let i = 0; i < xy.length; i += 2) {
      if (Number.isNaN(xy[i + 1])) { open = false; continue; }
      if (open) context.lineTo(xy[i], xy[i + 1]);
      else context.moveTo(xy[i], xy[i + 1]);
      open = true;
    }
    Object.assign(context, { strokeStyle: line.color, lineWidth: line.width });
    context.stroke();
    if (line.start) startSquare(context, line, xy);
  }
  context.restore();
}

// The square a path starts from (the landscape's step 0), outlined so it reads on any colour.
function startSquare(context, line, xy) {
  const at = xy.findIndex((v, i) => i % 2 === 1 && !Number.isNaN(v));
  if (at < 0) return;
  const { size, outline, outlineWidth } = line.start;
  const [x, y] = [xy[at - 1], xy[at]];
  context.fillStyle = line.color;
  context.fillRect(x - size / 2, y - size / 2, size, size);
  Object.assign(context, { strokeStyle: outline, lineWidth: outlineWidth });
  context.strokeRect(x - size / 2, y - size / 2, size, size);
}

// The page's canvas for the lines: over Plotly's gridlines, under the marks (z-index 2).
function canvasFor(div) {
  let canvas = div.querySelector(":scope > canvas.lab-lines");
  if (!canvas) {
    canvas = document.createElement("canvas");
    canvas.className = "lab-lines";
    canvas.style.cssText = "position:absolute;pointer-events:none;z-index:1";
    div.appendChild(canvas);
  }
  return canvas;
}

// Draw the layer on the chart: once per run, and again only when the axes or the plot's size
// change (a zoom, a resize). Steps never redraw it: the marks show t.
export function paintLines(div, layer, run, cache, resized) {
  const p = projector(div);
  const { left, right, top, bottom } = p.area;
  const key = `${run.id}|${left},${right},${top},${bottom}|${p.xRange}|${p.yRange}`;
  if (!resized && cache.lines === key) return;
  cache.lines = key;
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round((right - left) * dpr));
  const height = Math.max(1, Math.round((bottom - top) * dpr));
  const canvas = canvasFor(div);
  Object.assign(canvas.style, { left: `${left}px`, top: `${top}px`,
    width: `${right - left}px`, height: `${bottom - top}px` });
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext("2d");
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  context.setTransform(dpr, 0, 0, dpr, -left * dpr, -top * dpr);
  strokeLines(context, layer, run, p);
  // The widths drawn, in CSS pixels, for a check that lines read from the back of a hall.
  canvas.dataset.widths = layer.lines.map((line) => line.width).join(" ");
}
