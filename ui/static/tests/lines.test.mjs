// The page's lines: each drawn point is the history's value at a drawn step, placed by the
// chart's own axes; a value no axis can show breaks the line instead of bending it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linePixels, strokeLines } from "../lines.js";

// A plot area 100 × 50 px at (10, 20): x = step + 1 on a log axis over 1..10 000, y linear
// over [-1, 1] or log over [1e-4, 1] (as the loss chart's).
function projector(yLog = false) {
  const area = { left: 10, right: 110, top: 20, bottom: 70 };
  const x = (v) => (v > 0 ? area.left + (Math.log10(v) / 4) * 100 : NaN);
  const y = yLog ? (v) => (v > 0 ? area.bottom - ((Math.log10(v) + 4) / 4) * 50 : NaN)
    : (v) => area.bottom - ((v + 1) / 2) * 50;
  return { x, y, area };
}

const array = (data, shape) => ({ data: Float64Array.from(data), shape });
const run = {
  arrays: {
    steps: { data: Uint32Array.from([0, 1, 3]), shape: [3] }, // steps 0, 1, 3 of 0..3
    weights: array([0.5, -0.5, 0, 0.25, 1, -1, NaN, 2], [4, 2]),
    loss: array([Infinity, 0.1, 1e-5, 0], [4]),
  },
};

test("a point per drawn step, at x = step + 1 and the history's value", () => {
  const line = { steps: "steps", y: { array: "weights", cols: [1] } };
  const xy = Array.from(linePixels(line, { arrays: { ...run.arrays,
    weights: array([0.5, -0.5, 0, 0.25, 1, -1, 0.5, 1], [4, 2]) } }, projector()));
  // Steps 0, 1, 3 at x = 1, 2, 4: 0, log10(2)/4 and log10(4)/4 of the way; w2 = -0.5, 0.25, 1.
  const x = (v) => 10 + (Math.log10(v) / 4) * 100;
  assert.deepEqual(xy, [10, 57.5, x(2), 38.75, x(4), 20]);
});

test("a value that is not finite, or off a log axis, breaks the line", () => {
  const w1 = Array.from(linePixels({ steps: "steps", y: { array: "weights", cols: [0] } }, run, projector()));
  assert.ok(Number.isNaN(w1[5]) && w1.slice(0, 4).every(Number.isFinite)); // w1 at step 3 is NaN
  const floored = { steps: "steps", y: { array: "loss", floor: 1e-12 } };
  const loss = Array.from(linePixels(floored, run, projector(true)));
  assert.ok(Number.isNaN(loss[1]), "an infinite first loss is left out");
  assert.equal(loss[3], 20 + 12.5); // 0.1 is a quarter of the way down from 1 to 1e-4
  assert.equal(loss[5], 170, "a zero loss is drawn at the floor, 1e-12: 8 decades below 1e-4");
});

test("a path over two history columns, pulled in when far off the plot", () => {
  const big = { arrays: { ...run.arrays, weights: array([0, 0, 1e200, 0.5, 0, 0, 0, 0], [4, 2]) } };
  // Steps 0 and 1: (0, 0) and (1e200, 0.5), 1e200 · 10 px far to the right of the plot.
  const path = { steps: "steps", x: { array: "weights", cols: [0] }, y: { array: "weights", cols: [1] } };
  const p = { x: (v) => v * 10, y: (v) => -v * 10, area: { left: 0, right: 100, top: -100, bottom: 0 } };
  const xy = Array.from(linePixels(path, big, p));
  assert.deepEqual(xy.slice(0, 2), [0, -0]);
  assert.equal(xy[2], 100 + 1e5);
  assert.equal(xy[3], -5);
});

test("strokes each line as subpaths between breaks, with its start square", () => {
  const calls = [];
  const context = new Proxy({}, {
    get: (target, key) => (key in target ? target[key]
      : (...args) => { calls.push([key, ...args.map((v) => Math.round(v * 10) / 10)]); }),
    set: (target, key, value) => { target[key] = value; return true; },
  });
  const layer = { lines: [{ steps: "steps", y: { array: "weights", cols: [0] }, color: "#123456", width: 3,
    start: { size: 8, outline: "#FFFFFF", outlineWidth: 1 } }] };
  strokeLines(context, layer, run, projector());
  const path = calls.filter(([name]) => name === "moveTo" || name === "lineTo").map(([name]) => name);
  assert.deepEqual(path, ["moveTo", "lineTo"]); // the NaN at step 3 ends it
  assert.deepEqual(calls.find(([name]) => name === "fillRect"), ["fillRect", 6, 28.5, 8, 8]);
  assert.equal(context.strokeStyle, "#FFFFFF");
});
