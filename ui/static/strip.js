// The "this step" strip under the charts: the notebook's update at step t, with the run's
// numbers in the notebook's own names, so "why did the weights move that way?" is answered
// where they move. Each followed row's layer_1, layer_1_error, layer_1_delta and x·delta,
// their sum synapse_derivative (the engine's, over every row), and the new synapse_0.
// Every number comes from step_parts.js (the run's history and maths.output_delta), in the
// Walkthrough's format ("{:.8f}"), so both pages show the same digits at the same t.
import { fixed, general, whole } from "./format.js";
import { signalsAt } from "./readout.js";
import { stepParts } from "./step_parts.js";
import { show as showInLink } from "./url.js";

const eight = (x) => fixed(x, 8); // pages/walkthrough.py: array_table's "{:.8f}"

// Each input's name in layer_0, as the x·delta columns and the Walkthrough name them.
function inputNames(meta) {
  return meta.bias ? ["x1", "x2", "1"] : ["x1", "x2"];
}

// The Walkthrough's heading for step t (the strip's summary: it moves even while folded).
export function titleAt(t) {
  return `Step t = ${whole(t)}: the update from synapse_0 at step ${whole(t)} to step ${whole(t + 1)}`;
}

// Why no update follows the last step: the run's end, or the weights' blow-up just after it.
function endAt(meta, t) {
  if (meta.diverged_at === null) return `Step ${whole(t)} is the end of this run: no update follows.`;
  return `Step ${whole(t)} is the last with finite weights: the update to step ${whole(meta.diverged_at)} `
    + "overflows (see the note above).";
}

// What the strip shows at step t (pure: tested against the engine without a page).
//   title, formula, delta       the heading, the update rule, the delta's rule and its meaning
//   head, rows                  one line per followed row: inputs, y, layer_1 … x·delta
//   foot                        [label, value per weight]: synapse_derivative, synapse_0 …
//   followed                    how many rows have a line, and how many rows there are
//   end                         the text said at the last step (no update follows), or null
export function stripAt(run, t) {
  const { meta } = run;
  const parts = stepParts(run, t);
  const inputs = inputNames(meta);
  const k = meta.shown_rows;
  const rows = meta.rows.map(([x1, x2, y], i) => [
    String(i + 1),
    ...[x1, x2, ...(meta.bias ? [1] : [])].map((x) => general(x, 6)),
    general(y, 6),
    eight(parts.layer_1[i]),
    eight(parts.layer_1_error[i]),
    eight(parts.layer_1_delta[i]),
    ...parts.x_delta[i].map(eight),
  ]);
  const foot = [["synapse_0 (step " + whole(t) + ")", parts.synapse_0.map(eight)]];
  if (parts.gradient) {
    const lr = meta.learning_rate;
    if (k < meta.n_rows) {
      // The rows without a line, summed: the engine's sum less the followed rows' parts.
      const rest = parts.gradient.map((g, j) => parts.x_delta.reduce((left, x) => left - x[j], g));
      const unfollowed = k + 1 === meta.n_rows ? `row ${whole(k + 1)}` : `rows ${k + 1}–${whole(meta.n_rows)}`;
      foot.unshift([`${unfollowed} (no line), summed`, rest.map(eight)]);
    }
    const all = k < meta.n_rows ? ` (all ${whole(meta.n_rows)} rows)` : "";
    foot.splice(k < meta.n_rows ? 1 : 0, 0, [`synapse_derivative = Σ x·delta${all}`, parts.gradient.map(eight)]);
    foot.push([`− ${general(lr, 6)} × synapse_derivative`, parts.gradient.map((g) => eight(-lr * g))]);
    foot.push([`new synapse_0 (step ${whole(t + 1)})`, parts.new_synapse_0.map(eight)]);
  }
  return {
    title: titleAt(t),
    formula: `synapse_0 −= ${general(meta.learning_rate, 6)} × synapse_derivative`,
    delta: meta.objective === "squared"
      ? ["layer_1_delta = layer_1_error × layer_1 (1 − layer_1)", "the sigmoid's slope scales each miss"]
      : ["layer_1_delta = layer_1_error", "with cross-entropy the sigmoid's slope cancels out"],
    head: ["row", ...inputs, "y", "layer_1", "layer_1_error", "layer_1_delta", ...inputs.map((x) => `${x}·delta`)],
    rows,
    foot,
    followed: [k, meta.n_rows],
    end: parts.gradient ? null : endAt(meta, t),
  };
}

function add(parent, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// The walkthrough's address with this page's settings and step (url.js keeps them in the bar).
function walkthroughHref() {
  const here = new URL(location.href);
  here.pathname = here.pathname.replace(/\/(train)?$/, "") + "/walkthrough";
  return here.href;
}

export class Strip {
  // box: a <details> under the charts, open (a presenter folds it with its summary); folded
  // on a phone, where its ten columns would scroll sideways until asked for.
  constructor(box, lifetime) {
    this.box = box;
    box.open = !window.matchMedia("(max-width: 700px)").matches;
    box.dataset.lab = "strip";
    const summary = add(box, "summary", "lab-strip-summary");
    this.titleNode = add(summary, "span", "lab-strip-title");
    this.link = add(box, "a", "lab-strip-link", "Open this step in the Walkthrough");
    this.link.dataset.lab = "strip-walkthrough";
    this.link.href = walkthroughHref();
    // The address bar holds t within 250 ms: write it now, then switch in the app (the
    // Walkthrough hears the step from the share link) or, without the app's menu, load it.
    this.link.addEventListener("pointerenter", () => { this.link.href = walkthroughHref(); });
    this.link.addEventListener("click", (event) => {
      event.preventDefault();
      showInLink({}, { now: true });
      const menu = [...document.querySelectorAll("[data-testid=stTopNavLink], [data-testid=stSidebarNavLink]")]
        .find((a) => /\/walkthrough$/.test(new URL(a.href, location.href).pathname));
      if (menu) menu.click();
      else location.assign(walkthroughHref());
    });
    this.notes = add(box, "div", "lab-strip-notes");
    const rules = add(box, "p", "lab-strip-rules");
    this.formula = add(rules, "code", "");
    add(rules, "br");
    this.delta = add(rules, "code", "");
    this.meaning = add(rules, "span", "");
    this.followed = add(box, "p", "lab-strip-followed");
    // Scrolls sideways where the screen is narrow: reachable by keyboard, named for a reader.
    const scroll = add(box, "div", "lab-strip-scroll");
    scroll.tabIndex = 0;
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", "The update at this step, row by row");
    this.table = add(scroll, "table", "lab-strip-table");
    this.endNode = add(box, "p", "lab-strip-end");
    // Off screen or folded, a step only moves the heading; the rest catches up on showing.
    this.inView = true;
    const follow = () => { if (this.visible() && this.stale !== undefined) this.show(this.stale); };
    lifetime.observe(new IntersectionObserver(([entry]) => { this.inView = entry.isIntersecting; follow(); }), box);
    lifetime.listen(box, "toggle", follow);
  }

  visible() {
    return this.inView && this.box.open;
  }

  setRun(run, signals) {
    this.run = run;
    this.signals = signals;
    this.signalKey = null;
    const at = stripAt(run, 0);
    const [k, n] = at.followed;
    this.followed.textContent = k < n
      ? `Lines for the first ${k} of ${whole(n)} rows; synapse_derivative sums every row.` : "";
    this.followed.hidden = k >= n;
    this.table.replaceChildren();
    const head = add(add(this.table, "thead"), "tr");
    for (const name of at.head) add(head, "th", "", name).scope = "col";
    const body = add(this.table, "tbody");
    this.rowCells = at.rows.map(() => {
      const tr = add(body, "tr");
      return at.head.map((_, j) => add(tr, j === 0 ? "th" : "td"));
    });
    this.foot = add(this.table, "tfoot");
    this.footKey = null;
    this.show(0, true); // filled once, shown or not: a table's row headers are never empty
  }

  // Step t, in the frame the Player moved it (the page's only work: text into cells).
  show(t, always = false) {
    if (!this.run) return;
    setText(this.titleNode, titleAt(t));
    if (!always && !this.visible()) { this.stale = t; return; }
    this.stale = undefined;
    const at = stripAt(this.run, t);
    setText(this.formula, at.formula);
    setText(this.delta, at.delta[0]);
    setText(this.meaning, `: ${at.delta[1]}`);
    at.rows.forEach((cells, i) => cells.forEach((text, j) => setText(this.rowCells[i][j], text)));
    const key = at.foot.map(([label]) => label).join("|");
    if (key !== this.footKey) this.buildFoot(at);
    at.foot.forEach(([, values], r) => values.forEach((text, j) => setText(this.footCells[r][j], text)));
    setText(this.endNode, at.end || "");
    this.endNode.hidden = !at.end;
    this.showNotes(t);
  }

  // The foot's lines change only with their labels (the step number, the end of the run).
  buildFoot(at) {
    this.footKey = at.foot.map(([label]) => label).join("|");
    this.foot.replaceChildren();
    const span = at.head.length - at.foot[0][1].length;
    this.footCells = at.foot.map(([label, values]) => {
      const tr = add(this.foot, "tr");
      const th = add(tr, "th", "", label);
      th.scope = "row";
      th.colSpan = span;
      return values.map(() => add(tr, "td"));
    });
  }

  // What training is doing at t (perceptron/diagnostics.py), in full: the readout's line is short.
  showNotes(t) {
    const active = signalsAt(this.signals, t);
    const key = active.map((s) => `${s.kind}:${s.start}`).join("|");
    if (key === this.signalKey) return;
    this.signalKey = key;
    this.notes.replaceChildren(...active.map((s) => {
      const note = document.createElement("p");
      note.className = `lab-strip-note lab-signal-${s.kind}`;
      note.dataset.kind = s.kind;
      add(note, "strong", "", `${s.title}. `);
      add(note, "span", "", s.detail);
      return note;
    }));
  }
}
