// The update at step t, split into each row's pull, on hand-built runs computed by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { outputDelta, stepParts } from "../step_parts.js";

// Two rows with a bias, squared error, lr 0.5; exact binary fractions, so every value is exact.
//   row 1: x = (1, 0), y = 1, ŷ = 0.5   → error −0.5,  δ = −0.5 · 0.25    = −0.125
//   row 2: x = (0, 2), y = 0, ŷ = 0.75  → error 0.75,  δ = 0.75 · 0.1875  = 0.140625
// synapse_derivative = Σ x·δ = (−0.125, 0.28125, 0.015625); w1 = w0 − 0.5 · that.
function twoRows({ nRows = 2, gradient = [-0.125, 0.28125, 0.015625], objective = "squared" } = {}) {
  const w0 = [0.25, -0.5, 1];
  const w1 = w0.map((w, j) => w - 0.5 * gradient[j]);
  return {
    meta: { last: 1, n_rows: nRows, shown_rows: 2, bias: true, objective, learning_rate: 0.5,
      rows: [[1, 0, 1], [0, 2, 0]] },
    arrays: {
      weights: { data: new Float64Array([...w0, ...w1]), shape: [2, 3] },
      predictions: { data: new Float64Array([0.5, 0.75, 0.625, 0.5]), shape: [2, 2] },
      gradients: { data: new Float64Array(gradient), shape: [1, 3] },
    },
  };
}

test("each row's miss, delta, x·delta and pull at step t, the engine's gradient and the step", () => {
  const parts = stepParts(twoRows(), 0);
  assert.equal(parts.t, 0);
  assert.deepEqual(parts.layer_1, [0.5, 0.75]);
  assert.deepEqual(parts.layer_1_error, [-0.5, 0.75]);
  assert.deepEqual(parts.layer_1_delta, [-0.125, 0.140625]);
  assert.deepEqual(parts.x_delta, [[-0.125, -0, -0.125], [0, 0.28125, 0.140625]]);
  assert.deepEqual(parts.pulls, [[0.0625, 0, 0.0625], [-0, -0.140625, -0.0703125]]);
  assert.deepEqual(parts.gradient, [-0.125, 0.28125, 0.015625]);
  assert.deepEqual(parts.synapse_0, [0.25, -0.5, 1]);
  assert.deepEqual(parts.new_synapse_0, [0.3125, -0.640625, 0.9921875]);
  assert.deepEqual(parts.step, [0.0625, -0.140625, -0.0078125]);
  assert.equal(parts.other, null, "every row is followed: nothing else pulls");
  // The pulls add up to the step.
  const sum = [0, 1, 2].map((j) => parts.pulls[0][j] + parts.pulls[1][j]);
  assert.deepEqual(sum, parts.step);
});

test("at the last step there is no next step: no gradient, step or new weights", () => {
  const parts = stepParts(twoRows(), 1);
  assert.deepEqual(parts.layer_1_error, [-0.375, 0.5]);
  assert.deepEqual(parts.layer_1_delta, [-0.375 * (0.625 * 0.375), 0.5 * 0.25]);
  assert.equal(parts.gradient, null);
  assert.equal(parts.step, null);
  assert.equal(parts.new_synapse_0, null);
  assert.equal(parts.other, null);
});

test("rows not followed pull too: their sum is what the followed pulls leave of −lr·gradient", () => {
  // A third row (not sent) adds (0.5, 0.5, 0.25) to the gradient.
  const parts = stepParts(twoRows({ nRows: 3, gradient: [0.375, 0.78125, 0.265625] }), 0);
  assert.deepEqual(parts.other, [-0.25, -0.25, -0.125]);
  const tips = [0, 1, 2].map((j) => parts.pulls[0][j] + parts.pulls[1][j] + parts.other[j]);
  assert.deepEqual(tips, parts.step);
});

test("cross-entropy's delta is the miss itself", () => {
  assert.equal(outputDelta(0.75, 0.75, "cross_entropy"), 0.75);
  assert.equal(outputDelta(0.75, 0.75, "squared"), 0.75 * 0.1875);
  const parts = stepParts(twoRows({ objective: "cross_entropy" }), 0);
  assert.deepEqual(parts.layer_1_delta, [-0.5, 0.75]);
  assert.deepEqual(parts.pulls[1], [-0, -0.75, -0.375]);
});

test("without a bias the rows have two inputs and the parts two weights", () => {
  const run = {
    meta: { last: 0, n_rows: 1, shown_rows: 1, bias: false, objective: "squared", learning_rate: 1,
      rows: [[2, 4, 1]] },
    arrays: {
      weights: { data: new Float64Array([0, 0]), shape: [1, 2] },
      predictions: { data: new Float64Array([0.5]), shape: [1, 1] },
      gradients: { data: new Float64Array([]), shape: [0, 2] },
    },
  };
  const parts = stepParts(run, 0);
  assert.deepEqual(parts.x_delta, [[-0.25, -0.5]]);
  assert.deepEqual(parts.pulls, [[0.25, 0.5]]);
  assert.equal(parts.step, null);
});
