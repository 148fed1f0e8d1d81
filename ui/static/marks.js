// The moving parts of a chart, drawn in an SVG layer over its Plotly axes.
//
// A chart declares its marks by name (views/marks.py): "a point at x = t + 1,
// y = weights[t, 0]". Here they are resolved against the run's history arrays and drawn:
// a small fraction of what a Plotly redraw of the chart costs (see benchmarks/bench_ui.py).
import { fixed } from "./format.js";
import { row } from "./payload.js";
import { arrowHead, arrowNotes, arrowSegments, arrowsAt } from "./pulls.js";

const SVG = "http://www.w3.org/2000/svg";

// The values a reference names at step t: always an array, so one mark can place many points.
export function resolve(ref, arrays, t) {
  if ("step" in ref) return [t + ref.step];
  const values = row(arrays[ref.array], t);
  let picked = ref.cols ? ref.cols.map((j) => values[j]) : values;
  if (ref.minus) picked = picked.map((v, i) => v - ref.minus[i]);
  if (ref.floor !== undefined) picked = picked.map((v) => (Number.isFinite(v) ? Math.max(v, ref.floor) : v));
  return picked;
}

// Endpoints of w1·x + w2·y + b = 0 inside the box, or null when the line misses it.
export function boundarySegment(w1, w2, b, xRange, yRange) {
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  const points = [];
  if (w2 !== 0) for (const x of [x0, x1]) points.push([x, -(b + w1 * x) / w2]);
  if (w1 !== 0) for (const y of [y0, y1]) points.push([-(b + w2 * y) / w1, y]);
  const slack = 1e-9 * Math.max(x1 - x0, y1 - y0);
  const inside = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)
    && x >= x0 - slack && x <= x1 + slack && y >= y0 - slack && y <= y1 + slack);
  let best = null;
  let far = slack;
  for (let i = 0; i < inside.length; i++) {
    for (let j = i + 1; j < inside.length; j++) {
      const gap = Math.hypot(inside[i][0] - inside[j][0], inside[i][1] - inside[j][1]);
      if (gap > far) { best = [inside[i], inside[j]]; far = gap; }
    }
  }
  return best;
}

// The bias (or 0) and the weights a plane chart needs at step t.
export function planeWeights(run, t) {
  const w = row(run.arrays.weights, t);
  return { w1: w[0], w2: w[1], b: run.meta.bias ? w[w.length - 1] : 0 };
}

// Index of the slice whose bias is nearest b (slice biases are sorted).
export function nearestSlice(biases, b) {
  let best = 0;
  for (let i = 1; i < biases.length; i++) {
    if (Math.abs(biases[i] - b) < Math.abs(biases[best] - b)) best = i;
  }
  return best;
}

// Pixel positions SVG can take: a weight of 1e200 on a zoomed axis is still finite, but
// millions of pixels off the chart, and Chromium refuses such coordinates.
const svgCanTake = (...pixels) => pixels.every((v) => Number.isFinite(v) && Math.abs(v) < 1e6);

function node(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

// Data coordinates to pixels on the chart's own axes (log axes included).
export function projector(div) {
  const layout = div._fullLayout;
  const xa = layout.xaxis;
  const ya = layout.yaxis;
  return {
    x: (v) => xa._offset + xa.c2p(xa.d2c(v)),
    y: (v) => ya._offset + ya.c2p(ya.d2c(v)),
    area: { left: xa._offset, right: xa._offset + xa._length, top: ya._offset, bottom: ya._offset + ya._length },
    xRange: xa.range.map((v) => xa.type === "log" ? 10 ** v : v),
    yRange: ya.range.map((v) => ya.type === "log" ? 10 ** v : v),
  };
}

function fill(text, run, t) {
  return text.replace("{t}", t.toLocaleString("en-US"))
    .replace("{b}", () => fixed(planeWeights(run, t).b));
}

// The page's paper, a little see-through: the halo that keeps a mark legible on any colour.
function haloColour({ paper: { r, g, b } }) {
  return `rgba(${r},${g},${b},0.8)`;
}

// An arrow as SVG path data, its line and its head; the points it covers are noted for the
// labels to keep clear of. Null when it is too short to draw or too far off the chart.
function arrowPath(points, width, p) {
  const head = arrowHead(points, 4 + width * 2.5);
  if (!head || !svgCanTake(...points)) return null;
  const [x1, y1, x2, y2] = points;
  p.avoid.push([x1, y1], [(x1 + x2) / 2, (y1 + y2) / 2], [x2, y2]);
  return `M${x1},${y1}L${x2},${y2}M${head.join("L")}Z`;
}

const DRAW = {
  vline(mark, at, p) {
    const x = p.x(at.x[0]);
    if (!svgCanTake(x)) return [];
    return [node("line", { x1: x, x2: x, y1: p.area.top, y2: p.area.bottom, stroke: mark.color,
      "stroke-width": mark.width, "stroke-dasharray": mark.dash ? "3,3" : "none" })];
  },
  points(mark, at, p) {
    return at.y.map((y, i) => {
      const [cx, cy] = [p.x(at.x[at.x.length === 1 ? 0 : i]), p.y(y)];
      if (!svgCanTake(cx, cy)) return null;
      p.avoid.push([cx, cy]);
      return node("circle", { cx, cy, r: mark.size / 2, fill: mark.colors[i % mark.colors.length],
        stroke: mark.outline, "stroke-width": mark.outlineWidth });
    }).filter(Boolean);
  },
  trail(mark, at, p) {
    const points = at.trail.map(([x, y]) => [p.x(x), p.y(y)]).filter((xy) => svgCanTake(...xy))
      .map(([x, y]) => `${x},${y}`).join(" ");
    return [node("polyline", { points, fill: "none", stroke: mark.color, "stroke-width": mark.width,
      "stroke-linejoin": "round", opacity: 0.8 })];
  },
  boundary(mark, at, p) {
    const { w1, w2, b } = at.plane;
    const segment = boundarySegment(w1, w2, b, p.xRange, p.yRange);
    if (!segment) return [];
    const [[ax, ay], [bx, by]] = segment;
    if (!svgCanTake(p.x(ax), p.y(ay), p.x(bx), p.y(by))) return [];
    const [x1, y1, x2, y2] = [p.x(ax), p.y(ay), p.x(bx), p.y(by)];
    const steps = Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 8);
    for (let i = 0; i <= steps; i++) p.avoid.push([x1 + ((x2 - x1) * i) / steps, y1 + ((y2 - y1) * i) / steps]);
    return [node("line", { x1, y1, x2, y2, stroke: mark.color,
      "stroke-width": mark.width, "stroke-dasharray": mark.dash ? "8,5" : "none" })];
  },
  // The step at t and each followed row's pull, tip to tail (pulls.js), with their notes.
  pulls(mark, at, p, colours) {
    const { area } = p;
    const room = mark.room * Math.min(area.right - area.left, area.bottom - area.top);
    const drawn = at.arrows && arrowSegments(at.arrows, p, room);
    const say = (text) => p.notes.push({ text, size: mark.size });
    arrowNotes(at.arrows, drawn ? drawn.k : null).forEach(say);
    if (!drawn) return [];
    // One path per arrow (line and head), over one halo of the page's paper under them all.
    const ink = `rgb(${colours.ink.r},${colours.ink.g},${colours.ink.b})`;
    const arrows = [[drawn.step, ink, mark.stepWidth, false]];
    drawn.pulls.forEach((points, i) => {
      const other = i >= at.arrows.followed;
      arrows.push([points, other ? mark.other : mark.colors[i % mark.colors.length], mark.width,
        !other && i >= mark.colors.length]);
    });
    const paths = arrows.map(([points, colour, width, dash]) => [arrowPath(points, width, p), colour, width, dash])
      .filter(([d]) => d);
    const halo = haloColour(colours);
    const round = { "stroke-linejoin": "round", "stroke-linecap": "round" };
    // The halos of the step and of the pulls, each one path (they differ in width).
    const halos = [mark.stepWidth, mark.width].map((width) => {
      const d = paths.filter(([, , w]) => w === width).map(([path]) => path).join("");
      return d && node("path", { d, fill: halo, stroke: halo, "stroke-width": width + 2.5, ...round });
    }).filter(Boolean);
    return [...halos, ...paths.map(([d, colour, width, dash]) => node("path", { d, fill: colour, stroke: colour,
      "stroke-width": width, ...round, "stroke-dasharray": dash ? `${width * 2},${width * 1.5}` : "none" }))];
  },
  // Each followed row's miss |ŷ − y| on the input plane: a ring in the row's colour, wider
  // the further the row is from its target.
  misses(mark, at, p, colours) {
    const rings = at.misses.flatMap((miss, i) => {
      const [cx, cy] = [p.x(mark.rows[i][0]), p.y(mark.rows[i][1])];
      if (!svgCanTake(cx, cy) || !Number.isFinite(miss)) return [];
      p.avoid.push([cx, cy]);
      return [{ cx, cy, r: mark.inner + Math.abs(miss) * mark.grow, colour: mark.colors[i % mark.colors.length] }];
    });
    if (!rings.length) return [];
    // Every ring's halo as one path of circles (two arcs each), under the rings.
    const d = rings.map(({ cx, cy, r }) => `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
    return [node("path", { d: d.join(""), fill: "none", stroke: haloColour(colours), "stroke-width": mark.width + 2 }),
      ...rings.map(({ cx, cy, r, colour }) => node("circle", { cx, cy, r, fill: "none", stroke: colour,
        "stroke-width": mark.width }))];
  },
  label(mark, at, p) {
    p.notes.unshift({ text: at.text, size: mark.size });
    return [];
  },
};

// Everything a mark needs at step t, from the history alone.
export function placeMark(mark, run, t) {
  const at = {};
  if (mark.x) at.x = resolve(mark.x, run.arrays, t);
  if (mark.y) at.y = resolve(mark.y, run.arrays, t);
  if (mark.kind === "trail") {
    at.trail = [];
    for (let s = Math.max(0, t - mark.length); s <= t; s++) {
      at.trail.push([resolve(mark.x, run.arrays, s)[0], resolve(mark.y, run.arrays, s)[0]]);
    }
  }
  if (mark.kind === "boundary") at.plane = planeWeights(run, t);
  if (mark.kind === "label") at.text = fill(mark.text, run, t);
  if (mark.kind === "pulls") at.arrows = arrowsAt(run, t);
  if (mark.kind === "misses") at.misses = resolve(mark.error, run.arrays, t);
  return at;
}

// Redraw every 2-D mark of one chart at step t: one SVG layer, replaced whole. Nothing here
// reads the page's layout (a read after the writes of a step forces the browser to restyle
// the whole page within the frame); the layer is sized only when Plotly redraws (resized).
export function drawMarks(div, marks, run, t, colours, resized = false) {
  let svg = div.querySelector(":scope > svg.lab-marks");
  if (!svg) {
    svg = node("svg", { class: "lab-marks" });
    svg.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;overflow:visible;z-index:2";
    div.appendChild(svg);
    resized = true;
  }
  if (!div._fullLayout || !div._fullLayout.xaxis) return;
  if (resized) {
    svg.setAttribute("width", div._fullLayout.width);
    svg.setAttribute("height", div._fullLayout.height);
  }
  const p = { ...projector(div), avoid: [], notes: [] };
  // Still parts a chart names for its words to keep clear of (rows, a path), in data units.
  for (const mark of marks) for (const [x, y] of mark.avoid || []) p.avoid.push([p.x(x), p.y(y)]);
  const shapes = marks.filter((m) => DRAW[m.kind]).flatMap((m) => DRAW[m.kind](m, placeMark(m, run, t), p, colours));
  let layer = svg.querySelector(":scope > g.lab-shapes");
  if (!layer) layer = svg.insertBefore(node("g", { class: "lab-shapes" }), svg.firstChild);
  layer.replaceChildren(...shapes);
  showNotes(svg, p, colours);
}

// The corner of the plot area for a text block of lines × font size that covers the fewest
// of the points the chart's marks drew (the boundary, the marker, the arrows): the step
// label keeps off the line, the slice label off the marker. Top right wins a tie.
export function labelCorner(area, width, height, avoid, pad = 6) {
  const boxes = [
    [area.right - pad - width, area.top + pad], [area.left + pad, area.top + pad],
    [area.right - pad - width, area.bottom - pad - height], [area.left + pad, area.bottom - pad - height],
  ];
  let best = boxes[0];
  let fewest = Infinity;
  for (const [x, y] of boxes) {
    const covered = avoid.filter(([px, py]) => px >= x - pad && px <= x + width + pad
      && py >= y - pad && py <= y + height + pad).length;
    if (covered < fewest) { best = [x, y]; fewest = covered; }
  }
  return { x: best[0], y: best[1] };
}

// Attributes set only where they changed: a step then restyles only what moved.
function update(element, attributes) {
  for (const [key, value] of Object.entries(attributes)) {
    if (element.getAttribute(key) !== String(value)) element.setAttribute(key, value);
  }
}

// The chart's words at step t (its label, and the arrows' notes) as one block of text on a
// backing of the page's paper, in the corner where it hides the least. The block is kept
// from step to step and changed in place: fresh text nodes every frame cost the browser a
// style and text-shaping pass per line, several times what the arrows cost.
function showNotes(svg, p, { ink, paper }) {
  let group = svg.querySelector(":scope > g.lab-notes");
  if (!p.notes.length) {
    if (group) group.remove();
    return;
  }
  if (!group) {
    group = node("g", { class: "lab-notes" });
    group.appendChild(node("rect", { rx: 3 }));
    svg.appendChild(group);
  }
  const heights = p.notes.map(({ size }) => Math.round(size * 1.3));
  const width = Math.max(...p.notes.map(({ text, size }) => text.length * size * 0.5));
  const height = heights.reduce((a, b) => a + b, 0);
  const { x, y } = labelCorner(p.area, width, height, p.avoid);
  const right = x + width / 2 > (p.area.left + p.area.right) / 2;
  const [rect, ...lines] = group.children;
  update(rect, { x: x - 3, y: y - 2, width: width + 6, height: height + 4,
    fill: `rgba(${paper.r},${paper.g},${paper.b},0.8)` });
  for (const extra of lines.slice(p.notes.length)) extra.remove();
  let top = y;
  p.notes.forEach(({ text, size }, i) => {
    top += heights[i];
    const line = lines[i] || group.appendChild(node("text", {}));
    update(line, { x: right ? x + width : x, y: top - heights[i] * 0.25, "text-anchor": right ? "end" : "start",
      "font-size": size, fill: `rgb(${ink.r},${ink.g},${ink.b})` });
    if (line.textContent !== text) line.textContent = text;
  });
}
