// Why the weights move at step t: the notebook's update, split into each followed row's part.
//
// The engine sends what it computed (views/payload.py): the weights, each shown row's
// prediction layer_1, and synapse_derivative (all rows summed) for every step with a next
// one. Each shown row's layer_1_error and layer_1_delta are formed here with the engine's own
// float64 formulas (perceptron/maths.py: output_delta), in the same order of operations, so
// they equal History.step(t) bit for bit (tests/test_js_step_parts.py checks it). The pull arrows
// (pulls.js) and the "this step" strip read this one function.
import { row } from "./payload.js";

// maths.output_delta: the miss times the sigmoid's slope for squared error; for
// cross-entropy the slope cancels and the delta is the miss itself.
export function outputDelta(layer1, error, objective) {
  return objective === "squared" ? error * (layer1 * (1 - layer1)) : error;
}

// Each shown row's inputs as the engine sees them: layer_0, with the bias column of 1s.
export function layer0(run) {
  return run.meta.rows.map(([x1, x2]) => (run.meta.bias ? [x1, x2, 1] : [x1, x2]));
}

// The update at step t (0 ≤ t ≤ last). Arrays are per shown row (≤ 12), then per weight:
//   layer_1, layer_1_error, layer_1_delta    each shown row's output, miss and delta
//   x_delta[i][j] = layer_0[i][j] · δ_i      the row's part of synapse_derivative
//   pulls[i][j] = −lr · x_delta[i][j]        how far the row alone moves weight j
//   gradient                                 the engine's synapse_derivative (all rows); null at the end
//   step = new_synapse_0 − synapse_0         the move the run made; null at the end
//   other = −lr·gradient − Σ pulls           the rows not followed, summed (null when every row is shown)
export function stepParts(run, t) {
  const { meta, arrays } = run;
  const lr = meta.learning_rate;
  const synapse0 = row(arrays.weights, t);
  const layer1 = row(arrays.predictions, t);
  const targets = meta.rows.map((r) => r[2]);
  const error = layer1.map((p, i) => p - targets[i]);
  const delta = layer1.map((p, i) => outputDelta(p, error[i], meta.objective));
  const inputs = layer0(run);
  const xDelta = inputs.map((x, i) => x.map((v) => v * delta[i]));
  const pulls = xDelta.map((parts) => parts.map((v) => -lr * v));
  const hasNext = t < meta.last;
  const gradient = hasNext ? row(arrays.gradients, t) : null;
  const next = hasNext ? row(arrays.weights, t + 1) : null;
  const step = next ? next.map((w, j) => w - synapse0[j]) : null;
  let other = null;
  if (gradient && meta.shown_rows < meta.n_rows) {
    other = gradient.map((g, j) => pulls.reduce((rest, p) => rest - p[j], -lr * g));
  }
  return {
    t,
    layer_1: layer1,
    layer_1_error: error,
    layer_1_delta: delta,
    x_delta: xDelta,
    pulls,
    gradient,
    step,
    other,
    synapse_0: synapse0,
    new_synapse_0: next,
  };
}
