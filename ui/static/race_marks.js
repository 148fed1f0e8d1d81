// Every run's marker at step t, over a race chart's Plotly axes, in one SVG layer.
//
// On the landscape each run's trail follows its path up to t: the steps of its drawn path
// (views/race_payload.py path_i) before t, then its last EXACT steps one by one, so a
// bounce shows as a zigzag and the marker never floats off the line. On the loss chart each
// run's marker sits on its curve at t. A run past its history holds its last step. Markers
// nest as rings (each run's a little smaller), so runs on one point are all seen.
import { projector } from "./marks.js";
import { stepOf } from "./race_numbers.js";

const SVG = "http://www.w3.org/2000/svg";
export const EXACT = 16;

// The steps a trail passes through up to t: the sampled path's, then the last EXACT exactly.
export function trailSteps(path, t, exact = EXACT) {
  const from = Math.max(0, t - exact);
  const steps = [];
  for (const s of path) {
    if (s >= from) break;
    steps.push(s);
  }
  for (let s = from; s <= t; s++) steps.push(s);
  return steps;
}

// Corners (angle of the first, in degrees; every other one pulled in for a star) per shape.
const SHAPES = { square: [4, 45], diamond: [4, -90], "triangle-up": [3, -90], "triangle-down": [3, 90],
  pentagon: [5, -90], hexagon: [6, 0], star: [10, -90, 0.45] };

// SVG polygon points of Plotly's marker `symbol` around (cx, cy), radius r; null for a circle.
export function symbolPoints(symbol, cx, cy, r) {
  const shape = SHAPES[symbol];
  if (!shape) return null;
  const [n, start, inner = 1] = shape;
  const points = [];
  for (let k = 0; k < n; k++) {
    const angle = ((start + (360 * k) / n) * Math.PI) / 180;
    const radius = k % 2 ? r * inner : r;
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(" ");
}

const fits = (...pixels) => pixels.every((v) => Number.isFinite(v) && Math.abs(v) < 1e6);

function node(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function marker(run, x, y, presenter) {
  const r = run.size / 2;
  const look = { fill: run.colour, stroke: "#FFFFFF", "stroke-width": presenter ? 2.5 : 1.5 };
  const points = symbolPoints(run.symbol, x, y, r);
  return points ? node("polygon", { points, ...look }) : node("circle", { cx: x, cy: y, r, ...look });
}

// Where run i is at step s on this chart, in data coordinates.
function place(kind, race, i, s) {
  if (kind === "landscape") {
    const w = race.arrays[`weights_${i}`].data;
    return [w[2 * s], w[2 * s + 1]];
  }
  const loss = race.arrays[`loss_${i}`].data[s];
  return [s + 1, loss === 0 ? race.charts.loss.floor : loss];
}

// Redraw the layer of `kind` ("landscape" or "loss") at the race's step t.
export function drawRace(div, kind, race, t) {
  if (!div._fullLayout || !div._fullLayout.xaxis) return;
  let svg = div.querySelector(":scope > svg.lab-race-marks");
  if (!svg) {
    svg = node("svg", { class: "lab-race-marks" });
    svg.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;overflow:visible;z-index:3";
    div.appendChild(svg);
  }
  const size = `${div._fullLayout.width}x${div._fullLayout.height}`;
  if (svg.dataset.size !== size) { // set only when Plotly resized: a write restyles the layer
    svg.dataset.size = size;
    svg.setAttribute("width", div._fullLayout.width);
    svg.setAttribute("height", div._fullLayout.height);
  }
  const p = projector(div);
  const presenter = race.presenter;
  const trails = [];
  const markers = [];
  race.runs.forEach((run, i) => {
    const s = stepOf(run, t);
    if (kind === "landscape") {
      const points = trailSteps(race.arrays[`path_${i}`].data, s).map((k) => place(kind, race, i, k))
        .map(([x, y]) => [p.x(x), p.y(y)]).filter((xy) => fits(...xy))
        .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
      trails.push(node("polyline", { points, fill: "none", stroke: run.colour, "stroke-width": presenter ? 4 : 2.5,
        "stroke-linejoin": "round" }));
    }
    const [x, y] = place(kind, race, i, s);
    const [px, py] = [p.x(x), p.y(y)];
    if (fits(px, py)) markers.push(marker(run, px, py, presenter));
  });
  svg.replaceChildren(...trails, ...markers);
}
