// Point to seek on the charts against the iterations (loss, weights, errors) and on the
// landscape's path: hovering names the iteration under the pointer (on the path, the drawn
// step nearest it) with its exact values from the run's history, and a click there moves
// the Player to it. The lines are thinned (views/sampling.py); what the pointer reads never
// is: every value comes from the history at that step.
import { linePixels } from "./lines.js";
import { projector } from "./marks.js";
import { row } from "./payload.js";
import { fixed, general, whole } from "./format.js";

export const SEEKABLE = new Set(["loss", "weights", "errors", "landscape"]);
const NEAR_PATH = 12; // px: how close to the path the pointer must be to name a step on it

// The drawn step nearest (x, y) among a line's pixels [x0, y0, …] (lines.js), if within
// `radius` px; else null.
export function nearestStep(xy, steps, x, y, radius = NEAR_PATH) {
  let best = null;
  let bestGap = radius;
  for (let i = 0; i < steps.length; i++) {
    const gap = Math.hypot(xy[2 * i] - x, xy[2 * i + 1] - y);
    if (gap <= bestGap) { best = steps[i]; bestGap = gap; }
  }
  return best;
}

// The step under a pointer at `fraction` (0 left … 1 right) of an x axis of log10(t + 1)
// spanning `range`, clamped to the run's steps 0 … last.
export function stepAt(range, fraction, last) {
  const [low, high] = range;
  const t = Math.round(10 ** (low + fraction * (high - low)) - 1);
  return Math.min(Math.max(t, 0), last);
}

// [label, value, colour index or null] per line the chart draws, at step t, in the
// readout's formats (loss .4g, weights .6f, misses .6f), so both say the same digits.
export function valuesAt(name, run, t) {
  const { meta, arrays } = run;
  if (name === "loss") return [[meta.objective_label, general(row(arrays.loss, t)[0])]];
  if (name === "landscape") {
    const w = row(arrays.weights, t);
    return [["w1", fixed(w[0])], ["w2", fixed(w[1])]];
  }
  if (name === "weights") {
    const w = row(arrays.weights, t);
    return meta.weight_names.map((n, j) => [n, fixed(w[j])]);
  }
  const p = row(arrays.predictions, t);
  return meta.rows.map(([, , y], i) => [`row ${i + 1}`, fixed(p[i] - y)]);
}

// Over one chart's plot area: a label that follows the pointer, and click to seek.
export class PointSeek {
  constructor(chart, onSeek) {
    this.chart = chart;
    this.tip = document.createElement("div");
    this.tip.className = "lab-seek-tip";
    this.tip.hidden = true;
    this.tip.setAttribute("aria-hidden", "true"); // the slider and the chart's table say the same
    chart.div.parentElement.appendChild(this.tip);
    this.onMove = (event) => this.hover(event);
    this.onLeave = () => { this.tip.hidden = true; };
    // A drag zooms (Plotly): only a press released where it began is a click to seek.
    this.onDown = (event) => { this.down = [event.clientX, event.clientY]; };
    this.onClick = (event) => {
      const [x, y] = this.down || [event.clientX, event.clientY];
      if (Math.hypot(event.clientX - x, event.clientY - y) > 4) return;
      // The step the label names (a click's coordinates are rounded to whole pixels).
      const t = this.tip.hidden ? this.stepUnder(event) : this.hovered;
      if (t !== null) onSeek(t);
    };
    chart.div.addEventListener("pointerdown", this.onDown);
    chart.div.addEventListener("pointermove", this.onMove);
    chart.div.addEventListener("pointerleave", this.onLeave);
    chart.div.addEventListener("click", this.onClick);
  }

  // The step under the pointer, or null outside the plot area (axes, legend, margins).
  stepUnder(event) {
    const { div, run } = this.chart;
    const xa = div._fullLayout?.xaxis;
    const ya = div._fullLayout?.yaxis;
    if (!xa || !run) return null;
    const box = div.getBoundingClientRect();
    const x = event.clientX - box.left - xa._offset;
    const y = event.clientY - box.top - ya._offset;
    if (x < 0 || x > xa._length || y < 0 || y > ya._length) return null;
    if (this.chart.name === "landscape") {
      const path = this.chart.spec.layers.find((layer) => layer.kind === "lines").lines[0];
      const xy = linePixels(path, run, projector(div));
      return nearestStep(xy, run.arrays[path.steps].data, x + xa._offset, y + ya._offset);
    }
    return stepAt(xa.range, x / xa._length, run.meta.last);
  }

  hover(event) {
    const t = this.stepUnder(event);
    this.hovered = t;
    if (t === null) { this.tip.hidden = true; return; }
    const { div, run } = this.chart;
    // Each line in its colour, as the chart draws it (a row's colour on every chart).
    const drawn = (this.chart.spec.layers || []).flatMap((layer) => layer.lines || []);
    const colours = Object.fromEntries(drawn.map((line) => [line.name, line.color]));
    const head = document.createElement("div");
    head.textContent = `step ${whole(t)} · click to go there`;
    this.tip.replaceChildren(head, ...valuesAt(this.chart.name, run, t).map(([label, value]) => {
      const line = document.createElement("div");
      const swatch = line.appendChild(document.createElement("span"));
      swatch.className = "lab-seek-swatch";
      swatch.style.background = colours[label] || "transparent";
      line.append(`${label} = ${value}`);
      return line;
    }));
    this.tip.hidden = false;
    // Beside the pointer, flipped to its left past the middle so it never leaves the chart.
    const box = div.getBoundingClientRect();
    const x = event.clientX - box.left + div.offsetLeft;
    const y = event.clientY - box.top + div.offsetTop;
    const left = event.clientX - box.left > box.width / 2;
    this.tip.style.left = left ? "" : `${x + 12}px`;
    this.tip.style.right = left ? `${div.parentElement.clientWidth - x + 12}px` : "";
    this.tip.style.top = `${Math.max(0, Math.min(y - 10, div.offsetTop + box.height - this.tip.offsetHeight))}px`;
  }

  destroy() {
    this.chart.div.removeEventListener("pointermove", this.onMove);
    this.chart.div.removeEventListener("pointerleave", this.onLeave);
    this.chart.div.removeEventListener("click", this.onClick);
    this.tip.remove();
  }
}
