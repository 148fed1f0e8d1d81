// Why the weights moved: at step t, the step drawn on the landscape as an arrow from w_t
// towards w_{t+1}, and each followed row's pull −lr·x·δ as an arrow in that row's colour,
// tip to tail, so they visibly add up to the step. Rows not followed (a big upload shows
// its first 12) are summed into one grey "other rows" arrow, so the tips still meet.
//
// Late steps are far smaller than a pixel: every arrow is drawn ×k, one factor from the
// 1-2-5 series chosen so the drawing spans a fair part of the plot, and the chart says
// "arrows ×k". The numbers come from step_parts.js (the engine's values, bit for bit).
import { fixed, general, whole } from "./format.js";
import { stepParts } from "./step_parts.js";

const NICE = [1, 2, 5];

// The largest 1-2-5 factor k (…, 0.5, 1, 2, 5, 10, …) with extent · k ≤ room.
export function arrowScale(extent, room) {
  if (!(extent > 0) || !Number.isFinite(extent) || !(room > 0)) return null;
  const want = room / extent;
  let power = 10 ** Math.floor(Math.log10(want));
  // log10 is not exact: step the decade so that power ≤ want < 10·power holds.
  if (power > want) power /= 10;
  if (power * 10 <= want) power *= 10;
  const k = NICE.filter((n) => n * power <= want).pop() * power;
  return Number(k.toPrecision(1));
}

// "×1,000", "×20", "×0.5": the factor every arrow is drawn at.
export function scaleText(k) {
  return k >= 1 ? `×${whole(k)}` : `×${general(k, 1)}`;
}

// What the landscape's arrows show at step t, in data units of the (w1, w2) plane.
// null at the last step (no update follows it).
export function arrowsAt(run, t) {
  const parts = stepParts(run, t);
  if (!parts.step) return null;
  const pair = (v) => [v[0], v[1]];
  const bias = run.meta.bias;
  const b = bias ? parts.synapse_0.length - 1 : null;
  return {
    origin: pair(parts.synapse_0),
    step: pair(parts.step),
    pulls: parts.pulls.map(pair),
    other: parts.other && pair(parts.other),
    bias: bias ? { from: parts.synapse_0[b], to: parts.new_synapse_0[b], change: parts.step[b] } : null,
    followed: parts.pulls.length,
    rows: run.meta.n_rows,
  };
}

// The lines of text beside the arrows: the scale, the rows, and on a bias run the bias's
// part of the step (the landscape is a (w1, w2) slice: b's move is not in the picture).
// Where nothing is drawn, why: the run ends here, or nothing moves (k null).
export function arrowNotes(arrows, k) {
  if (!arrows) return ["last step: no update follows"];
  if (k === null) return ["no arrows: the step and every pull are 0 here"];
  const notes = [`arrows ${scaleText(k)} · row pulls sum to the step`];
  if (arrows.other) {
    notes.push(`rows 1–${arrows.followed} in colour; the other ${whole(arrows.rows - arrows.followed)} as one grey arrow`);
  }
  if (arrows.bias) {
    const { from, to, change } = arrows.bias;
    notes.push(`b ${fixed(from)} → ${fixed(to)} (Δb ${general(change, 4)})`);
  }
  return notes;
}

// Pixel geometry: the step and the chain of pulls from w_t, each a [x0, y0, x1, y1] segment.
// The chain's vertices and the step's tip set the scale, so nothing runs far off the plot.
export function arrowSegments(arrows, p, room) {
  const [ox, oy] = [p.x(arrows.origin[0]), p.y(arrows.origin[1])];
  // Pixels per data unit along each axis (the landscape's axes are linear, 1:1).
  const sx = p.x(arrows.origin[0] + 1) - ox;
  const sy = p.y(arrows.origin[1] + 1) - oy;
  const chain = [...arrows.pulls, ...(arrows.other ? [arrows.other] : [])];
  let [cx, cy] = [0, 0];
  let extent = Math.hypot(arrows.step[0] * sx, arrows.step[1] * sy);
  const links = chain.map(([dx, dy]) => {
    const from = [cx, cy];
    cx += dx * sx;
    cy += dy * sy;
    extent = Math.max(extent, Math.hypot(cx, cy));
    return [from, [cx, cy]];
  });
  const k = arrowScale(extent, room);
  if (k === null) return null;
  const at = ([x, y]) => [ox + k * x, oy + k * y];
  return {
    k,
    step: [ox, oy, ...at([arrows.step[0] * sx, arrows.step[1] * sy])],
    pulls: links.map(([from, to]) => [...at(from), ...at(to)]),
  };
}

// An arrow's head: a triangle at (x1, y1) pointing along the segment, null if it is too short.
export function arrowHead([x0, y0, x1, y1], size) {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (!(length >= 1)) return null;
  const h = Math.min(size, length * 0.6);
  const [ux, uy] = [(x1 - x0) / length, (y1 - y0) / length];
  const [bx, by] = [x1 - ux * h, y1 - uy * h];
  const w = h * 0.45;
  return [[x1, y1], [bx - uy * w, by + ux * w], [bx + uy * w, by - ux * w]];
}
