// The numbers at step t: iteration, loss, accuracy, each weight, the rows table, and what
// training is doing there. All read from the run's history; none computed here.
import { row } from "./payload.js";
import { fixed, general, percent, whole } from "./format.js";

function cell(parent, tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  parent.appendChild(element);
  return element;
}

// The readout's values at step t, as the page shows them (pure: tested without a page).
export function numbersAt(run, t) {
  const { meta, arrays } = run;
  const weights = row(arrays.weights, t);
  const values = [
    ["iteration", "Iteration", whole(t), `of ${whole(meta.last)}`],
    ["loss", "Loss", general(row(arrays.loss, t)[0]), `${meta.objective_label} at step t`],
    ["accuracy", "Accuracy", percent(row(arrays.correct, t)[0], meta.n_rows), "Rows on the right side of 0.5"],
  ];
  meta.weight_names.forEach((name, j) => values.push([`w-${name}`, name, fixed(weights[j]), `${name} = ${weights[j]}`]));
  return values;
}

// Each shown row at step t; whether it is right comes from the engine (views/payload.py).
export function rowsAt(run, t) {
  const predictions = row(run.arrays.predictions, t);
  const right = row(run.arrays.right, t);
  return run.meta.rows.map(([x1, x2, y], i) => {
    const p = predictions[i];
    return [i + 1, general(x1, 6), general(x2, 6), general(y, 6), fixed(p), fixed(p - y),
            right[i] ? "✓" : "✗"];
  });
}

// Signals (perceptron/diagnostics.py) whose span holds step t.
export function signalsAt(signals, t) {
  return signals.filter((s) => s.start <= t && t <= s.end);
}

export class Readout {
  constructor(numbersBox, signalBox, rowsBox) {
    Object.assign(this, { numbersBox, signalBox, rowsBox, values: new Map() });
  }

  setRun(run, signals) {
    this.run = run;
    this.signals = signals;
    this.numbersBox.replaceChildren();
    this.values.clear();
    for (const [key, label, , hint] of numbersAt(run, 0)) {
      const box = cell(this.numbersBox, "div", "lab-number");
      box.dataset.lab = key;
      cell(box, "div", "lab-number-label", label);
      const value = cell(box, "div", "lab-number-value");
      box.title = hint;
      this.values.set(key, value);
    }
    this.rowsBox.replaceChildren();
    const { n_rows: n, shown_rows: k } = run.meta;
    cell(this.rowsBox, "summary", "", k < n ? `Rows at this step (first ${k} of ${whole(n)})` : "Rows at this step");
    const table = cell(this.rowsBox, "table", "lab-rows-table");
    const head = cell(cell(table, "thead"), "tr");
    for (const name of ["row", "x1", "x2", "target", "prediction", "error", "right?"]) cell(head, "th", "", name);
    this.body = cell(table, "tbody");
    this.rowCells = rowsAt(run, 0).map(() => {
      const tr = cell(this.body, "tr");
      return Array.from({ length: 7 }, () => cell(tr, "td"));
    });
  }

  show(t) {
    for (const [key, , text, hint] of numbersAt(this.run, t)) {
      const value = this.values.get(key);
      if (value.textContent !== text) value.textContent = text;
      if (key.startsWith("w-")) value.parentElement.title = hint;
    }
    rowsAt(this.run, t).forEach((cells, i) => cells.forEach((text, j) => {
      const td = this.rowCells[i][j];
      if (td.textContent !== String(text)) td.textContent = text;
    }));
    const active = signalsAt(this.signals, t);
    const key = active.map((s) => `${s.kind}:${s.start}`).join("|");
    if (key !== this.signalKey) {
      this.signalKey = key;
      this.signalBox.replaceChildren(...active.map((s) => {
        // One line, so the charts stay above the fold, and a button that says it opens;
        // the "this step" strip under the charts shows the note in full (strip.js).
        const note = document.createElement("div");
        note.className = `lab-signal lab-signal-${s.kind}`;
        note.dataset.kind = s.kind;
        const text = cell(note, "div", "lab-signal-text");
        cell(text, "strong", "", `${s.title}. `);
        cell(text, "span", "", s.detail);
        const more = cell(note, "button", "lab-signal-more", "More");
        more.type = "button";
        more.setAttribute("aria-expanded", "false");
        more.onclick = () => {
          const open = note.classList.toggle("open");
          more.textContent = open ? "Less" : "More";
          more.setAttribute("aria-expanded", String(open));
        };
        return note;
      }));
    }
  }
}
