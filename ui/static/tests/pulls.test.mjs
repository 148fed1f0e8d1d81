// The landscape's arrows at step t: the scale, the notes, the geometry, computed by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arrowHead, arrowNotes, arrowScale, arrowSegments, arrowsAt, scaleText } from "../pulls.js";

test("the scale is the largest 1-2-5 factor that keeps the arrows within the room", () => {
  assert.equal(arrowScale(100, 100), 1);
  assert.equal(arrowScale(0.0123, 100), 5000); // 0.0123 · 5000 = 61.5 ≤ 100 < 0.0123 · 10000
  assert.equal(arrowScale(0.05, 100), 2000);
  assert.equal(arrowScale(0.1, 100), 1000); // exactly the room
  assert.equal(arrowScale(300, 100), 0.2);
  assert.equal(arrowScale(45, 100), 2);
  for (const extent of [1e-9, 3.3e-5, 0.7, 1, 7, 1234, 5e6]) {
    const k = arrowScale(extent, 80);
    assert.ok(extent * k <= 80 * (1 + 1e-12), `${extent} ×${k}`);
    assert.ok(extent * k > 80 / 2.5 * (1 - 1e-12), `${extent} ×${k} uses the room`);
  }
  assert.equal(arrowScale(0, 100), null);
  assert.equal(arrowScale(NaN, 100), null);
  assert.equal(arrowScale(Infinity, 100), null);
});

test("the scale reads as the chart says it", () => {
  assert.equal(scaleText(1), "×1");
  assert.equal(scaleText(5000), "×5,000");
  assert.equal(scaleText(2e6), "×2,000,000");
  assert.equal(scaleText(0.2), "×0.2");
  assert.equal(scaleText(0.005), "×0.005");
});

// A 3-row run of which 2 are followed, with a bias, squared error, lr 0.5 (step_parts.test.mjs's).
const run = {
  meta: { last: 1, n_rows: 3, shown_rows: 2, bias: true, objective: "squared", learning_rate: 0.5,
    rows: [[1, 0, 1], [0, 2, 0]] },
  arrays: {
    weights: { data: new Float64Array([0.25, -0.5, 1, 0.0625, -0.890625, 0.8671875]), shape: [2, 3] },
    predictions: { data: new Float64Array([0.5, 0.75, 0.625, 0.5]), shape: [2, 2] },
    gradients: { data: new Float64Array([0.375, 0.78125, 0.265625]), shape: [1, 3] },
  },
};

test("the arrows at step t: from w_t, each followed row's pull, the rest as one, the bias in words", () => {
  const arrows = arrowsAt(run, 0);
  assert.deepEqual(arrows.origin, [0.25, -0.5]);
  assert.deepEqual(arrows.step, [-0.1875, -0.390625]);
  assert.deepEqual(arrows.pulls, [[0.0625, 0], [-0, -0.140625]]);
  assert.deepEqual(arrows.other, [-0.25, -0.25]);
  assert.deepEqual(arrows.bias, { from: 1, to: 0.8671875, change: -0.1328125 });
  assert.equal(arrowsAt(run, 1), null, "no update after the last step");
  assert.deepEqual(arrowNotes(arrows, 200), [
    "arrows ×200 · row pulls sum to the step",
    "rows 1–2 in colour; the other 1 as one grey arrow",
    "b 1.000000 → 0.867188 (Δb -0.1328)",
  ]);
});

test("tip to tail in pixels: the chain ends where the step does, scaled alike", () => {
  // 100 px per unit, y upwards on screen; origin (0.25, −0.5) at (125, 250).
  const p = { x: (v) => 100 + 100 * v, y: (v) => 200 - 100 * v };
  const drawn = arrowSegments(arrowsAt(run, 0), p, 100);
  // Extent: the step is (−18.75, 39.0625) px long 43.3; the chain's farthest vertex likewise.
  assert.equal(drawn.k, 2);
  assert.deepEqual(drawn.step, [125, 250, 125 - 37.5, 250 + 78.125]);
  assert.deepEqual(drawn.pulls[0], [125, 250, 137.5, 250]);
  assert.deepEqual(drawn.pulls[1], [137.5, 250, 137.5, 278.125]);
  assert.deepEqual(drawn.pulls[2], [137.5, 278.125, 87.5, 328.125]);
  assert.deepEqual(drawn.pulls[2].slice(2), drawn.step.slice(2));
});

test("an arrow head points along its arrow, and a sub-pixel arrow has none", () => {
  const [tip, left, right] = arrowHead([0, 0, 10, 0], 4);
  assert.deepEqual(tip, [10, 0]);
  assert.deepEqual(left, [6, 1.8]);
  assert.deepEqual(right, [6, -1.8]);
  assert.equal(arrowHead([0, 0, 0.5, 0], 4), null);
});
