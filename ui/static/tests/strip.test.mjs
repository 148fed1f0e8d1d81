// The strip's pure part on a hand-built run: 3 rows with a bias, 2 followed, rate 0.5.
// Expected strings are what Python prints ("{:.8f}") for the same float64 sums, worked out
// with numpy from X, y and the weights (σ(X·w), the miss, the delta, X·delta, w − 0.5·g).
import { test } from "node:test";
import assert from "node:assert/strict";
import { stripAt, titleAt } from "../strip.js";

const p = [0.46257015465625045, 0.7941296281990528];
const g = [-0.1675587328803597, 0.04840760701543868, -0.01890696560427936];
const run = {
  meta: {
    last: 1, diverged_at: null, n_rows: 3, shown_rows: 2, bias: true, objective: "squared", learning_rate: 0.5,
    weight_names: ["w1", "w2", "b"], rows: [[0, 1, 0], [2, -1, 1]],
  },
  arrays: {
    weights: { data: new Float64Array([0.5, -0.25, 0.1, 0.5837793664401798, -0.27420380350771933, 0.10945348280213968]), shape: [2, 3] },
    predictions: { data: new Float64Array([...p, 0.4, 0.8]), shape: [2, 2] },
    gradients: { data: new Float64Array(g), shape: [1, 3] },
  },
};

test("each followed row's update reads like the notebook's cells", () => {
  const at = stripAt(run, 0);
  assert.equal(at.title, titleAt(0));
  assert.equal(at.formula, "synapse_0 −= 0.5 × synapse_derivative");
  assert.deepEqual(at.head, ["row", "x1", "x2", "1", "y", "layer_1", "layer_1_error", "layer_1_delta",
    "x1·delta", "x2·delta", "1·delta"]);
  assert.deepEqual(at.rows, [
    ["1", "0", "1", "1", "0", "0.46257015", "0.46257015", "0.11499448", "0.00000000", "0.11499448", "0.11499448"],
    ["2", "2", "-1", "1", "1", "0.79412963", "-0.20587037", "-0.03365729", "-0.06731457", "0.03365729", "-0.03365729"],
  ]);
  assert.deepEqual(at.followed, [2, 3]);
  assert.equal(at.end, null);
});

test("the foot sums every row, the unfollowed ones as one line, and lands on the next weights", () => {
  assert.deepEqual(stripAt(run, 0).foot, [
    ["row 3 (no line), summed", ["-0.10024416", "-0.10024416", "-0.10024416"]],
    ["synapse_derivative = Σ x·delta (all 3 rows)", ["-0.16755873", "0.04840761", "-0.01890697"]],
    ["synapse_0 (step 0)", ["0.50000000", "-0.25000000", "0.10000000"]],
    ["− 0.5 × synapse_derivative", ["0.08377937", "-0.02420380", "0.00945348"]],
    ["new synapse_0 (step 1)", ["0.58377937", "-0.27420380", "0.10945348"]],
  ]);
});

test("the last step has no update: only the weights, and the Walkthrough's words", () => {
  const at = stripAt(run, 1);
  assert.deepEqual(at.foot, [["synapse_0 (step 1)", ["0.58377937", "-0.27420380", "0.10945348"]]]);
  assert.equal(at.end, "Step 1 is the end of this run: no update follows.");
  assert.equal(at.rows[0][5], "0.40000000");
});

test("cross-entropy names its delta: the miss itself", () => {
  const ce = { ...run, meta: { ...run.meta, objective: "cross_entropy" } };
  const at = stripAt(ce, 0);
  assert.deepEqual(at.delta, ["layer_1_delta = layer_1_error", "with cross-entropy the sigmoid's slope cancels out"]);
  assert.equal(at.rows[1][7], at.rows[1][6]);
  assert.equal(titleAt(12345), "Step t = 12,345: the update from synapse_0 at step 12,345 to step 12,346");
});
