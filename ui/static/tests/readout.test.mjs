// The readout's pure parts on a hand-built run: which signals show at step t, and the
// rows table. Expected strings are what Python prints for the same values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numbersAt, rowsAt, signalsAt } from "../readout.js";

const SIGNALS = [
  { kind: "overshoot", start: 3, end: 7, title: "Overshoot", detail: "…" },
  { kind: "oscillation", start: 5, end: 5, title: "Oscillation", detail: "…" },
  { kind: "saturation", start: 20, end: 100, title: "Saturation", detail: "…" },
];

test("a signal shows on every step of its span, ends included, and nowhere else", () => {
  const kinds = (t) => signalsAt(SIGNALS, t).map((s) => s.kind);
  assert.deepEqual(kinds(2), []);
  assert.deepEqual(kinds(3), ["overshoot"]);
  assert.deepEqual(kinds(5), ["overshoot", "oscillation"]);
  assert.deepEqual(kinds(7), ["overshoot"]);
  assert.deepEqual(kinds(8), []);
  assert.deepEqual(kinds(20), ["saturation"]);
  assert.deepEqual(kinds(100), ["saturation"]);
  assert.deepEqual(kinds(101), []);
  assert.deepEqual(signalsAt([], 0), []);
  assert.equal(signalsAt(SIGNALS, 5)[0], SIGNALS[0], "the signals themselves, not copies");
});

// Two steps of a 3-row run with a bias; row 3 has a soft target 0.5.
const run = {
  meta: {
    last: 1, n_rows: 3, shown_rows: 3, bias: true, objective_label: "Squared error",
    weight_names: ["w1", "w2", "b"],
    rows: [[0, 1, 0], [1.5, -0.25, 1], [1234567, 0.1, 0.5]],
  },
  arrays: {
    weights: { data: new Float64Array([-0.16595599, 0.44064899, 0, 0.10288571, 0.15074416, -1e-9]), shape: [2, 3] },
    loss: { data: new Float64Array([Infinity, 0.000123456]), shape: [2] },
    correct: { data: new Uint16Array([1, 2]), shape: [2] },
    predictions: { data: new Float64Array([0.25, 0.5, 0.4999999, 0.75, 0.4, 0.5]), shape: [2, 3] },
    right: { data: new Uint8Array([1, 1, 0, 0, 0, 1]), shape: [2, 3] }, // the engine's verdicts
  },
};

test("each row shows its inputs, target, prediction, error and the engine's ✓/✗", () => {
  assert.deepEqual(rowsAt(run, 0), [
    [1, "0", "1", "0", "0.250000", "0.250000", "✓"],
    [2, "1.5", "-0.25", "1", "0.500000", "-0.500000", "✓"], // 0.5 counts as class 1
    [3, "1.23457e+06", "0.1", "0.5", "0.500000", "-0.000000", "✗"], // f"{-1e-7:.6f}" == "-0.000000"
  ]);
  assert.deepEqual(rowsAt(run, 1), [
    [1, "0", "1", "0", "0.750000", "0.750000", "✗"],
    [2, "1.5", "-0.25", "1", "0.400000", "-0.600000", "✗"],
    [3, "1.23457e+06", "0.1", "0.5", "0.500000", "0.000000", "✓"],
  ]);
});

test("the numbers at step t read the history and format like Python", () => {
  const at = (t) => Object.fromEntries(numbersAt(run, t).map(([key, , text, hint]) => [key, [text, hint]]));
  assert.deepEqual(at(0).iteration, ["0", "of 1"]);
  assert.deepEqual(at(0).loss, ["∞", "Squared error at step t"]);
  assert.deepEqual(at(1).loss, ["0.0001235", "Squared error at step t"]); // f"{0.000123456:.4g}"
  assert.deepEqual(at(0).accuracy[0], "33%");
  assert.deepEqual(at(1).accuracy[0], "67%");
  assert.deepEqual(at(0)["w-w1"], ["-0.165956", "w1 = -0.16595599"]);
  assert.deepEqual(at(1)["w-b"], ["-0.000000", "b = -1e-9"]);
  assert.deepEqual(numbersAt(run, 1).map(([key, label]) => [key, label]), [
    ["iteration", "Iteration"], ["loss", "Loss"], ["accuracy", "Accuracy"],
    ["w-w1", "w1"], ["w-w2", "w2"], ["w-b", "b"],
  ]);
});
