// Point to seek's pure parts: the step under the pointer on a log axis of t + 1, and the
// values named there (the readout's formats, read from the history at that very step).
import { test } from "node:test";
import assert from "node:assert/strict";
import { stepAt, valuesAt } from "../seek.js";

test("the pointer's fraction of a log axis of t + 1 is a step, clamped to the run", () => {
  const range = [0, 4]; // t + 1 from 1 to 10,000
  assert.equal(stepAt(range, 0, 9999), 0);
  assert.equal(stepAt(range, 0.25, 9999), 9); // 10¹ − 1
  assert.equal(stepAt(range, 0.5, 9999), 99);
  assert.equal(stepAt(range, 1, 9999), 9999);
  assert.equal(stepAt([-0.1, 4.1], 1, 9999), 9999, "the axis' padding past the end");
  assert.equal(stepAt([-0.1, 4.1], 0, 9999), 0, "and before step 0");
  assert.equal(stepAt([1, 2], 0.5, 9999), 31, "a zoomed axis: 10^1.5 − 1 = 30.6");
  assert.equal(stepAt([0, 1], 0.5, 0), 0, "a run of no updates has one step");
});

const run = {
  meta: {
    objective_label: "Squared error", weight_names: ["w1", "w2", "b"],
    rows: [[0, 1, 0], [1, 0, 1]],
  },
  arrays: {
    weights: { data: new Float64Array([0.1, 0.2, 0.3, -0.16595599, 0.44064899, -1e-9]), shape: [2, 3] },
    loss: { data: new Float64Array([0.5, 0.000123456]), shape: [2] },
    predictions: { data: new Float64Array([0.25, 0.5, 0.75, 0.4]), shape: [2, 2] },
  },
};

test("the values at the step under the pointer, as the readout prints them", () => {
  assert.deepEqual(valuesAt("loss", run, 1), [["Squared error", "0.0001235"]]);
  assert.deepEqual(valuesAt("weights", run, 1), [["w1", "-0.165956"], ["w2", "0.440649"], ["b", "-0.000000"]]);
  assert.deepEqual(valuesAt("errors", run, 1), [["row 1", "0.750000"], ["row 2", "-0.600000"]]);
  assert.deepEqual(valuesAt("errors", run, 0), [["row 1", "0.250000"], ["row 2", "-0.500000"]]);
});

test("on the landscape's path: the nearest drawn step within reach, its exact weights", async () => {
  const { nearestStep } = await import("../seek.js");
  const xy = Float64Array.from([0, 0, 10, 0, 20, 5, NaN, NaN]);
  const steps = Uint32Array.from([0, 3, 9, 12]);
  assert.equal(nearestStep(xy, steps, 9, 1), 3);
  assert.equal(nearestStep(xy, steps, 19, 9), 9);
  assert.equal(nearestStep(xy, steps, 60, 60), null, "too far from every point");
  const run = { meta: {}, arrays: { weights: { data: Float64Array.from([0.1, -0.2, 1.25, -3.5]), shape: [2, 2] } } };
  assert.deepEqual(valuesAt("landscape", run, 1), [["w1", "1.250000"], ["w2", "-3.500000"]]);
});
