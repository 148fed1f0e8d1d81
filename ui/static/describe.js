// Each chart of the Train page in words and as a table, at step t: what a screen reader
// says for it, and what its "Table" button shows. Pure (tested without a page): every
// number comes from the run's history and is printed as the numbers row prints it.
import { fixed, general, whole } from "./format.js";
import { row } from "./payload.js";
import { rowsAt } from "./readout.js";

// A list as said aloud: "1", "1 and 2", "1, 2 and 3".
export function spoken(items) {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const SIDES = ["right", "upper right", "top", "upper left", "left", "lower left", "bottom", "lower right"];

// Where σ(w1·x1 + w2·x2 + b) = 0.5, and on which side the output is above it.
export function boundaryText(w1, w2, b) {
  if (w1 === 0 && w2 === 0) return "no boundary: the output is the same everywhere";
  const side = SIDES[(Math.round(Math.atan2(w2, w1) / (Math.PI / 4)) + 8) % 8];
  let line; // "+ 0" turns a -0 (no bias) into 0
  if (w2 === 0) line = `the vertical line x1 = ${general(-b / w1 + 0)}`;
  else if (w1 === 0) line = `the horizontal line x2 = ${general(-b / w2 + 0)}`;
  else {
    const c = -b / w2;
    const offset = c === 0 ? "" : ` ${c < 0 ? "−" : "+"} ${general(Math.abs(c))}`;
    line = `the line x2 = ${general(-w1 / w2)}·x1${offset}`;
  }
  return `the boundary (output 0.5) is ${line}; the output is above 0.5 toward the ${side}`;
}

// Which shown rows the output puts below, at or above 0.5 (a fact about the numbers, not a verdict).
function rowsText(run, t) {
  const predictions = row(run.arrays.predictions, t);
  const groups = [["below", (p) => p < 0.5], ["at", (p) => p === 0.5], ["above", (p) => p > 0.5]];
  const parts = groups.map(([where, test]) => {
    const rows = predictions.map((p, i) => (test(p) ? i + 1 : 0)).filter(Boolean);
    if (!rows.length) return "";
    return `${rows.length > 1 ? "rows" : "row"} ${spoken(rows)} ${rows.length > 1 ? "are" : "is"} ${where} 0.5`;
  }).filter(Boolean);
  const { shown_rows: k, n_rows: n } = run.meta;
  return (k < n ? `of the first ${k} rows, ` : "") + parts.join(", ");
}

function output(run, t, lead) {
  const [w1, w2, b = 0] = row(run.arrays.weights, t);
  const at = whole(t);
  return {
    text: `${lead} at step ${at}: ${boundaryText(w1, w2, run.meta.bias ? b : 0)}; ${rowsText(run, t)}.`,
    head: ["row", "x1", "x2", "target", "output"],
    rows: rowsAt(run, t).map((cells) => cells.slice(0, 5)),
  };
}

function weightsAt(run, t) {
  const weights = row(run.arrays.weights, t);
  return run.meta.weight_names.map((name, j) => [name, fixed(weights[j])]);
}

function landscape(run, t) {
  const loss = (step) => general(row(run.arrays.loss, step)[0]);
  const named = (step) => weightsAt(run, step).map(([name, v]) => `${name} = ${v}`).join(", ");
  const line = (step) => [whole(step), ...weightsAt(run, step).map(([, v]) => v), loss(step)];
  const start = t === 0 ? "" : ` The walk started at ${named(0)}, loss ${loss(0)}.`;
  return {
    text: `The weights at step ${whole(t)}: ${named(t)}; the loss there is ${loss(t)}.${start}`,
    head: ["step", ...run.meta.weight_names, "loss"],
    rows: (t === 0 ? [0] : [0, t]).map(line),
  };
}

function trend(now, before) {
  if (now < before) return "falling";
  if (now > before) return "rising";
  return now === before ? "unchanged" : "no trend";
}

function loss(run, t) {
  const at = (step) => row(run.arrays.loss, step)[0];
  const label = run.meta.objective_label;
  const how = t === 0 ? "where training starts"
    : `${trend(at(t), at(t - 1))} (${general(at(t - 1))} at step ${whole(t - 1)}); it started at ${general(at(0))}`;
  const steps = [...new Set([0, ...(run.meta.stops || []).filter((s) => s < t), t])];
  return {
    text: `The loss (${label}) at step ${whole(t)}: ${general(at(t))}, ${how}.`,
    head: ["step", "loss"],
    rows: steps.map((step) => [whole(step), general(at(step))]),
  };
}

function weights(run, t) {
  const now = weightsAt(run, t);
  const start = weightsAt(run, 0);
  return {
    text: `Each weight at step ${whole(t)}: ${now.map(([name, v]) => `${name} = ${v}`).join(", ")}.`,
    head: ["weight", "step 0", `step ${whole(t)}`],
    rows: now.map(([name, v], j) => [name, start[j][1], v]),
  };
}

function errors(run, t) {
  const shown = rowsAt(run, t);
  return {
    text: `Each row's error ŷ − y at step ${whole(t)}: ${shown.map((c) => `row ${c[0]} ${c[5]}`).join(", ")}.`,
    head: ["row", "target", "output ŷ", "error ŷ − y"],
    rows: shown.map((c) => [c[0], c[3], c[4], c[5]]),
  };
}

const DESCRIBE = {
  heatmap: (run, t) => output(run, t, "Output over the input plane"),
  surface: (run, t) => output(run, t, "Output as a 3D sheet over the input plane"),
  landscape,
  loss,
  weights,
  errors,
};

// {title, text, caption, head, rows} of chart `name` at step t (its title from the run's figure).
export function describe(name, run, t) {
  const title = run.charts?.[name]?.figure.layout.title?.text || name;
  const { text, head, rows } = DESCRIBE[name](run, t);
  return { title, text, caption: `${title}: the data at step ${whole(t)}`, head, rows };
}
