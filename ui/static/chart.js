// One chart of the Train page: its still figure (sent once per run), drawn by Plotly once,
// and its moving parts (layers behind, marks on top) redrawn at every step, cheaply.
import { downloadPng } from "./export.js";
import { drawLayer } from "./field.js";
import { drawMarks } from "./marks.js";
import { PointSeek, SEEKABLE } from "./seek.js";
import { Sheet } from "./surface3d.js";
import { themedLayout } from "./theme.js";

// No Plotly toolbar: it covered titles. Zoom with the mouse, double-click to reset, and
// save a PNG from the chart's own button (which keeps the layers and marks in the picture).
const CONFIG = { responsive: true, displaylogo: false, displayModeBar: false, doubleClick: "reset" };
const SAVE = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">'
  + '<path d="M19 12v7H5v-7H3v7c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2v-7h-2zm-6 .67 2.59-2.58L17 11.5l-5 5-5-5 1.41-1.41L11 12.67V3h2z"/></svg>';

let ids = 0;
const newId = (what) => `lab-${what}-${++ids}`;

export class Chart {
  // text: the chart also says what it shows at t, and offers it as a table (the Train page's).
  // onSeek(t): a chart against the iterations reads its values under the pointer, and a
  // click there seeks (seek.js).
  constructor(slot, name, Plotly, { text = false, onSeek = null } = {}) {
    this.name = name;
    this.Plotly = Plotly;
    this.div = document.createElement("div");
    this.div.className = `lab-chart lab-chart-${name}`;
    slot.appendChild(this.div);
    this.title = slot.querySelector(".lab-title");
    this.title.id ||= newId("title");
    // A picture to assistive technology, named by its title: its SVG parts are not read out.
    this.div.setAttribute("role", "img");
    this.div.setAttribute("aria-label", name); // until its title is drawn
    if (text) this.alt = new ChartText(slot, name, this.div);
    this.save = document.createElement("button");
    Object.assign(this.save, { type: "button", className: "lab-save", innerHTML: SAVE });
    this.save.dataset.lab = `save-${name}`;
    this.save.onclick = () => downloadPng(this.div, Plotly, this.colours, this.title.textContent,
      `perceptron-lab-${name}-step-${this.t}`);
    slot.querySelector(".lab-actions").appendChild(this.save);
    this.cache = {};
    this.drawn = false;
    this.resizer = new ResizeObserver(() => {
      if (this.drawn && this.div.isConnected) Plotly.Plots.resize(this.div);
    });
    this.resizer.observe(this.div);
    if (onSeek && SEEKABLE.has(name)) this.seek = new PointSeek(this, onSeek);
  }

  // The still figure for a run, themed for the page; marks follow at step t. With `hold`
  // (a row is being dragged on the plane) a figure that changed waits (held): a Plotly redraw
  // takes several frames, and the dragged row must follow the pointer in every one. The run's
  // layers, lines and marks are drawn at once on the axes on screen; drawing it again without
  // `hold` puts up its figure.
  async draw(spec, run, colours, t, hold = false) {
    this.spec = spec;
    this.run = run;
    this.colours = colours;
    this.t = t;
    this.cache = {};
    // The title goes above the chart in the page's own type, next to the chart's buttons.
    const { title, ...rest } = spec.figure.layout;
    this.title.textContent = title ? title.text : "";
    const named = this.title.textContent || this.name;
    // Named by its title; a chart without one (an empty title names nothing) by its kind.
    this.div.removeAttribute(this.title.textContent ? "aria-label" : "aria-labelledby");
    if (this.title.textContent) this.div.setAttribute("aria-labelledby", this.title.id);
    else this.div.setAttribute("aria-label", named);
    this.save.title = `Save the ${named} chart as PNG`;
    this.save.setAttribute("aria-label", this.save.title);
    const layout = { ...themedLayout(rest, colours), autosize: true,
      margin: { ...(rest.margin || {}), t: 6 } }; // a legend above the plot makes its own room
    this.held = hold && this.drawn && JSON.stringify([spec.figure.data, layout]) !== this.figure;
    if (!this.held) await this.plot(spec.figure.data, layout, rest);
    if (this.destroyed) { this.Plotly.purge(this.div); return; }
    if (this.sheet) this.sheet.stop();
    this.sheet = spec.figure.data.some((trace) => trace.type === "surface")
      ? new Sheet(this.div, this.Plotly, spec.marks.filter((m) => m.trace)) : null;
    this.show(t, true);
  }

  // The still figure, drawn only when it differs from the one on screen: a new seed or rate
  // leaves the heat map's figure as it was, so only its layers and marks show the new run.
  async plot(data, layout, rest) {
    const figure = JSON.stringify([data, layout]);
    if (figure === this.figure) return;
    // A square chart's axes (one anchored to the other's scale), whose change needs a new plot.
    const both = Object.entries(rest).filter(([key]) => /^[xy]axis/.test(key));
    const axes = both.some(([, axis]) => axis.scaleanchor) ? JSON.stringify(both) : "";
    const first = !this.drawn;
    const anew = !first && axes !== this.axes;
    Object.assign(this, { figure, axes, drawn: true });
    await (anew ? this.replot(data, layout) : this.Plotly.react(this.div, data, layout, CONFIG));
    // Resizing, zooming and panning redraw the axes: the layers and marks follow them.
    if (first) this.div.on("plotly_afterplot", () => this.show(this.t, true));
  }

  // New square axes are drawn as a new plot: a react from the old ones keeps the old square
  // landscape's constrained domain and widens the new ranges instead (blank bands, a path
  // off the chart). Plotly.purge forgets the old plot, but also every listener on the chart
  // (ours, the plane editor's, the race's): they are put back once the new plot is drawn.
  async replot(data, layout) {
    const events = this.div._ev;
    const kept = events ? events.eventNames().map((name) => [name, events.listeners(name)]) : [];
    this.Plotly.purge(this.div);
    await this.Plotly.react(this.div, data, layout, CONFIG);
    for (const [name, listeners] of kept) for (const listener of listeners) this.div.on(name, listener);
  }

  // Step t: 2-D layers and marks at once; the 3D sheet redraws at its own pace.
  show(t, force = false) {
    if (!this.spec || (t === this.shownAt && !force)) return;
    this.t = t;
    this.shownAt = t;
    for (const layer of this.spec.layers || []) drawLayer(this.div, layer, this.run, t, this.cache, force);
    drawMarks(this.div, this.spec.marks.filter((m) => !m.trace), this.run, t, this.colours, force);
    if (this.sheet) this.sheet.show(this.run, t);
    this.div.dataset.step = String(t);
  }

  // What the chart shows at the settled step, in words and as a table (describe.js).
  tell(said) {
    if (this.alt) this.alt.show(said);
  }

  // Released with its page: observer, 3D redraws, Plotly's own listeners and WebGL context.
  destroy() {
    this.destroyed = true;
    this.resizer.disconnect();
    this.seek?.destroy();
    this.save.remove();
    if (this.alt) this.alt.destroy();
    // A page holds only a few WebGL contexts: give the 3D sheet's back now, not at GC.
    for (const canvas of this.sheet ? this.div.querySelectorAll(".gl-container canvas") : []) {
      const gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
      if (gl) gl.getExtension("WEBGL_lose_context")?.loseContext();
    }
    if (this.sheet) this.sheet.stop();
    if (this.drawn) this.Plotly.purge(this.div);
    this.div.remove();
  }
}

// A chart's words and table: a description it is described by, and a "Table" toggle that
// shows the chart's data at t over the chart. Updated when the step settles, not per frame.
class ChartText {
  constructor(slot, name, div) {
    this.about = document.createElement("p");
    Object.assign(this.about, { className: "lab-sr", id: newId("about") });
    div.setAttribute("aria-describedby", this.about.id);
    this.box = document.createElement("div");
    Object.assign(this.box, { className: "lab-table", id: newId("table"), hidden: true, tabIndex: 0 });
    this.box.dataset.lab = `table-${name}`;
    slot.append(this.about, this.box);
    this.toggle = document.createElement("button");
    Object.assign(this.toggle, { type: "button", className: "lab-table-toggle", textContent: "Table" });
    this.toggle.dataset.lab = `table-toggle-${name}`;
    this.toggle.setAttribute("aria-controls", this.box.id);
    this.toggle.setAttribute("aria-expanded", "false");
    this.toggle.onclick = () => this.open(this.box.hidden);
    slot.querySelector(".lab-actions").appendChild(this.toggle);
  }

  open(open) {
    this.box.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.title = open ? "Hide the table" : "Show this chart's data at this step as a table";
    if (open) this.fill();
  }

  // {title, text, caption, head, rows} from describe.js.
  show(said) {
    this.said = said;
    if (this.about.textContent !== said.text) this.about.textContent = said.text;
    this.toggle.setAttribute("aria-label", `Table of the ${said.title} chart`);
    if (!this.box.hidden) this.fill();
  }

  fill() {
    if (!this.said) return;
    const { caption, head, rows } = this.said;
    const table = document.createElement("table");
    table.createCaption().textContent = caption;
    const top = table.createTHead().insertRow();
    for (const text of head) {
      const th = document.createElement("th");
      Object.assign(th, { scope: "col", textContent: text });
      top.appendChild(th);
    }
    const body = table.createTBody();
    for (const cells of rows) {
      const tr = body.insertRow();
      cells.forEach((text, j) => {
        const cell = document.createElement(j === 0 ? "th" : "td");
        if (j === 0) cell.scope = "row";
        cell.textContent = String(text);
        tr.appendChild(cell);
      });
    }
    this.box.replaceChildren(table);
  }

  destroy() {
    this.about.remove();
    this.box.remove();
    this.toggle.remove();
  }
}
