// The race's pure parts on a hand-built race of two runs: what each shows at step t, when a
// run holds its last step, what the findings say, and the trail a marker leaves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findingsAt, heldText, numbersAt, spokenAt, stepOf } from "../race_numbers.js";
import { symbolPoints, trailSteps } from "../race_marks.js";

const f8 = (values) => ({ data: Float64Array.from(values), shape: [values.length] });
const u2 = (values) => ({ data: Uint16Array.from(values), shape: [values.length] });

// Run 0 goes four steps; run 1 diverged at step 3, so its history ends at step 2.
const race = {
  meta: { last: 4, n_rows: 4 },
  runs: [
    { label: "lr 1, seed 1", last: 4, diverged_at: null,
      signals: [{ kind: "overshoot", start: 2, end: 3, title: "Overshooting", detail: "…" }] },
    { label: "lr 100, seed 1", last: 2, diverged_at: 3, signals: [] },
  ],
  arrays: {
    loss_0: f8([0.5, 0.25, 0.3, 0.125, 0.0625]), correct_0: u2([2, 2, 3, 4, 4]),
    loss_1: f8([0.5, 6.3659724599325905e-24, 1e-30]), correct_1: u2([2, 4, 4]),
  },
};

test("a run shows the race's step until its history ends, then holds its last and says why", () => {
  assert.equal(stepOf(race.runs[1], 1), 1);
  assert.equal(stepOf(race.runs[1], 4), 2);
  assert.equal(heldText(race.runs[1], 2), null);
  assert.equal(heldText(race.runs[1], 3), "holds step 2: it diverged at step 3");
  assert.equal(heldText({ last: 5, diverged_at: null }, 9), "holds step 5: its history ends there");
});

test("the numbers at t are each run's own history, written as Python's .4g and .0%", () => {
  const [a, b] = numbersAt(race, 3);
  assert.deepEqual([a.lossText, a.accuracy, a.step, a.held, a.doing], ["0.125", "100%", 3, null, "Overshooting"]);
  assert.deepEqual([b.lossText, b.accuracy, b.step], ["1e-30", "100%", 2]);
  assert.equal(b.doing, "holds step 2: it diverged at step 3");
  assert.equal(numbersAt(race, 1)[1].lossText, "6.366e-24"); // f"{6.3659724599325905e-24:.4g}"
  assert.equal(numbersAt(race, 0)[0].accuracy, "50%");
});

test("the findings at t name the lowest loss, who is right everywhere, and who holds", () => {
  assert.deepEqual(findingsAt(race, 1), [
    ["Lowest loss at step 1", "lr 100, seed 1 (6.366e-24)."],
    ["Every row right at step 1", "lr 100, seed 1."],
  ]);
  assert.deepEqual(findingsAt(race, 4), [
    ["Lowest loss at step 4", "lr 100, seed 1 (1e-30)."],
    ["Every run gets every row right at step 4", ""],
    ["lr 100, seed 1", "holds step 2: it diverged at step 3."],
  ]);
  assert.deepEqual(findingsAt(race, 2)[2], ["lr 1, seed 1", "overshooting at step 2."]);
  assert.match(spokenAt(race, 3), /^Step 3 of 4\. lr 1, seed 1: loss 0\.125, accuracy 100%\. lr 100/);
});

test("a trail follows the drawn path up to t, then every step of the last sixteen", () => {
  const path = [0, 1, 2, 5, 10, 50, 100];
  assert.deepEqual(trailSteps(path, 0), [0]);
  assert.deepEqual(trailSteps(path, 3), [0, 1, 2, 3]);
  assert.deepEqual(trailSteps(path, 60, 4), [0, 1, 2, 5, 10, 50, 56, 57, 58, 59, 60]);
});

test("every marker shape but the circle is a polygon around its centre", () => {
  assert.equal(symbolPoints("circle", 0, 0, 5), null);
  const count = (symbol) => symbolPoints(symbol, 10, 10, 5).split(" ").length;
  assert.deepEqual(["square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon", "star"].map(count),
    [4, 4, 3, 3, 5, 6, 10]);
  assert.equal(symbolPoints("triangle-up", 10, 10, 5).split(" ")[0], "10.0,5.0"); // points up
});
