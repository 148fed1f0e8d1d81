// Each chart in words and as a table, on a hand-built 3-step run. Expected strings are
// what Python prints for the same values (f"{x:.4g}" for a loss, f"{w:.6f}" for a weight).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boundaryText, describe, spoken } from "../describe.js";

const titled = (text) => ({ figure: { layout: { title: { text } } } });
const run = {
  meta: {
    last: 2, stops: [1, 2], n_rows: 4, shown_rows: 4, bias: false, objective_label: "Squared error",
    weight_names: ["w1", "w2"], rows: [[0, 1, 0], [0, 1, 0], [1, 0, 1], [1, 0, 1]],
  },
  arrays: {
    weights: { data: new Float64Array([-0.5, 0.25, 1, -1, 2, 0]), shape: [3, 2] },
    loss: { data: new Float64Array([0.3, 0.25, 0.25]), shape: [3] },
    correct: { data: new Uint16Array([0, 4, 2]), shape: [3] },
    predictions: { data: new Float64Array([0.6, 0.6, 0.4, 0.4, 0.25, 0.25, 0.75, 0.75, 0.5, 0.5, 0.875, 0.875]), shape: [3, 4] },
    right: { data: new Uint8Array([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]), shape: [3, 4] },
  },
  charts: {
    heatmap: titled("What the neuron outputs"), surface: titled("What the neuron outputs"),
    landscape: titled("Where the weights walk"), loss: titled("How wrong it is: the loss"),
    weights: titled("Each weight"), errors: titled("Each row's error ŷ − y"),
  },
};

test("a list reads as spoken", () => {
  assert.equal(spoken([1]), "1");
  assert.equal(spoken([1, 2]), "1 and 2");
  assert.equal(spoken([1, 2, 3]), "1, 2 and 3");
});

test("the boundary is named as a line, with the side where the output is above 0.5", () => {
  assert.equal(boundaryText(1, 2, -1), "the boundary (output 0.5) is the line x2 = -0.5·x1 + 0.5; the output is above 0.5 toward the upper right");
  assert.equal(boundaryText(1, 4, 2), "the boundary (output 0.5) is the line x2 = -0.25·x1 − 0.5; the output is above 0.5 toward the top");
  assert.equal(boundaryText(0, 4, -2), "the boundary (output 0.5) is the horizontal line x2 = 0.5; the output is above 0.5 toward the top");
  assert.equal(boundaryText(-3, 0, 0), "the boundary (output 0.5) is the vertical line x1 = 0; the output is above 0.5 toward the left");
  assert.equal(boundaryText(0, 0, 1), "no boundary: the output is the same everywhere");
});

test("the output plane: its boundary at t and which rows are below, at or above 0.5", () => {
  const at = (t) => describe("heatmap", run, t).text;
  assert.equal(at(0), "Output over the input plane at step 0: the boundary (output 0.5) is the line x2 = 2·x1; "
    + "the output is above 0.5 toward the upper left; rows 3 and 4 are below 0.5, rows 1 and 2 are above 0.5.");
  assert.equal(at(1), "Output over the input plane at step 1: the boundary (output 0.5) is the line x2 = 1·x1; "
    + "the output is above 0.5 toward the lower right; rows 1 and 2 are below 0.5, rows 3 and 4 are above 0.5.");
  assert.equal(at(2), "Output over the input plane at step 2: the boundary (output 0.5) is the vertical line x1 = 0; "
    + "the output is above 0.5 toward the right; rows 1 and 2 are at 0.5, rows 3 and 4 are above 0.5.");
  const sheet = describe("surface", run, 1);
  assert.ok(sheet.text.startsWith("Output as a 3D sheet over the input plane at step 1: the boundary"));
  assert.equal(sheet.title, "What the neuron outputs");
  assert.equal(sheet.caption, "What the neuron outputs: the data at step 1");
  assert.deepEqual(sheet.head, ["row", "x1", "x2", "target", "output"]);
  assert.deepEqual(sheet.rows, [[1, "0", "1", "0", "0.250000"], [2, "0", "1", "0", "0.250000"],
    [3, "1", "0", "1", "0.750000"], [4, "1", "0", "1", "0.750000"]]);
  const big = { ...run, meta: { ...run.meta, n_rows: 1000 } };
  assert.match(describe("heatmap", big, 1).text, /x1; the output is above 0\.5 toward the lower right; of the first 4 rows, rows 1 and 2/);
});

test("the landscape: where the weights are, the loss there, and where the walk began", () => {
  const at1 = describe("landscape", run, 1);
  assert.equal(at1.text, "The weights at step 1: w1 = 1.000000, w2 = -1.000000; the loss there is 0.25. "
    + "The walk started at w1 = -0.500000, w2 = 0.250000, loss 0.3.");
  assert.deepEqual(at1.head, ["step", "w1", "w2", "loss"]);
  assert.deepEqual(at1.rows, [["0", "-0.500000", "0.250000", "0.3"], ["1", "1.000000", "-1.000000", "0.25"]]);
  assert.equal(describe("landscape", run, 0).text, "The weights at step 0: w1 = -0.500000, w2 = 0.250000; the loss there is 0.3.");
  assert.equal(describe("landscape", run, 0).rows.length, 1);
});

test("the loss: its value at t and its trend from the step before", () => {
  assert.equal(describe("loss", run, 0).text, "The loss (Squared error) at step 0: 0.3, where training starts.");
  assert.equal(describe("loss", run, 1).text, "The loss (Squared error) at step 1: 0.25, falling (0.3 at step 0); it started at 0.3.");
  const at2 = describe("loss", run, 2);
  assert.equal(at2.text, "The loss (Squared error) at step 2: 0.25, unchanged (0.25 at step 1); it started at 0.3.");
  assert.deepEqual(at2.rows, [["0", "0.3"], ["1", "0.25"], ["2", "0.25"]]);
  assert.deepEqual(describe("loss", run, 1).rows, [["0", "0.3"], ["1", "0.25"]]);
});

test("the weights and the errors: each value at t, as the numbers row and rows table print it", () => {
  const weights = describe("weights", run, 1);
  assert.equal(weights.text, "Each weight at step 1: w1 = 1.000000, w2 = -1.000000.");
  assert.deepEqual(weights.head, ["weight", "step 0", "step 1"]);
  assert.deepEqual(weights.rows, [["w1", "-0.500000", "1.000000"], ["w2", "0.250000", "-1.000000"]]);
  const errors = describe("errors", run, 1);
  assert.equal(errors.text, "Each row's error ŷ − y at step 1: row 1 0.250000, row 2 0.250000, row 3 -0.250000, row 4 -0.250000.");
  assert.deepEqual(errors.rows[2], [3, "1", "0.750000", "-0.250000"]);
  assert.equal(errors.title, "Each row's error ŷ − y");
});
