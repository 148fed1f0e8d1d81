// The 3D view: the output as a sheet over the input plane, redrawn at its own pace.
//
// Plotly's WebGL surface is slow to redraw without a GPU, so it must never hold the
// 2-D charts back: it redraws only when its last redraw has finished and a frame has passed,
// always at the newest step, and a restyle keeps the user's rotated camera (uirevision).
import { boundarySegment, planeWeights, resolve } from "./marks.js";

const GAP_MS = 100;

function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// z[i][j] = σ(w1·x[j] + w2·y[i] + b): rows follow y, as Plotly's surface expects.
export function sheet(w1, w2, b, xs, ys) {
  return ys.map((y) => xs.map((x) => sigmoid(w1 * x + w2 * y + b)));
}

export function traceIndex(div, name) {
  return div.data.findIndex((trace) => trace.name === name);
}

// The restyle that shows step t: the sheet, the predictions on it, the 0.5 line.
export function sheetUpdate(div, marks, run, t) {
  const update = { z: [], x: [], y: [] };
  const traces = [];
  const { w1, w2, b } = planeWeights(run, t);
  for (const mark of marks) {
    const index = traceIndex(div, mark.trace);
    if (index < 0) continue;
    traces.push(index);
    if (mark.kind === "sheet") {
      update.z.push(sheet(w1, w2, b, mark.x, mark.y));
      update.x.push(mark.x);
      update.y.push(mark.y);
    } else if (mark.kind === "points3d") {
      const trace = div.data[index];
      update.z.push(resolve(mark.z, run.arrays, t));
      update.x.push(trace.x);
      update.y.push(trace.y);
    } else {
      const segment = boundarySegment(w1, w2, b, mark.x, mark.y) || [];
      update.x.push(segment.map((p) => p[0]));
      update.y.push(segment.map((p) => p[1]));
      update.z.push(segment.map(() => 0.5));
    }
  }
  return { update, traces };
}

export class Sheet {
  constructor(div, Plotly, marks) {
    Object.assign(this, { div, Plotly, marks, drawing: false, wanted: null, shown: null, timer: 0 });
  }

  // No redraw after its chart is gone (or replaced by a new run's sheet).
  stop() {
    clearTimeout(this.timer);
    this.stopped = true;
  }

  // Ask for step t; the newest request wins once the previous redraw is done.
  show(run, t) {
    this.wanted = { run, t };
    if (!this.drawing) this.draw();
  }

  draw() {
    const next = this.wanted;
    if (this.stopped || !next || (this.shown && this.shown.run === next.run && this.shown.t === next.t)) return;
    this.drawing = true;
    this.wanted = null;
    const { update, traces } = sheetUpdate(this.div, this.marks, next.run, next.t);
    const done = () => {
      this.shown = next;
      // In software rendering a WebGL redraw stalls the whole page's next frame: leave the
      // 2-D charts a few frames of their own before the next one.
      this.timer = setTimeout(() => { this.drawing = false; this.draw(); }, GAP_MS);
    };
    if (!traces.length) { done(); return; }
    this.Plotly.restyle(this.div, update, traces).then(done, done);
  }
}
