// The Train page after training: transport, numbers, rows and charts, all in the browser.
//
// The server sends each run once (views/payload.py). From then on stepping, scrubbing and
// Play happen here without a script rerun: the Player moves t, and every part shows t from
// the run's history. The server hears about t only when it matters (report.js).
import { fetchRun } from "./payload.js";
import { Chart } from "./chart.js";
import { copyText, flash } from "./link.js";
import { Player } from "./player.js";
import { loadPlotly } from "./plotly.js";
import { Readout } from "./readout.js";
import { Reporter } from "./report.js";
import { colourKey, pageColours } from "./theme.js";
import { Transport } from "./transport.js";

const VIEW_LABELS = { heatmap: "Heat map", "3d": "3D surface" };
const SLOTS = ["output", "landscape", "loss", "weights", "errors"];

export { loadPlotly };

export function element(parent, tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  parent.appendChild(node);
  return node;
}

// A chart's place: a head (its title, its buttons) above the Plotly div.
export function slot(parent, name) {
  const box = element(parent, "div", "lab-slot");
  box.dataset.slot = name;
  const head = element(box, "div", "lab-head");
  element(head, "div", "lab-title");
  element(head, "div", "lab-actions");
  return box;
}

// What the page remembers across a remount of this element (a new run, a notice above it):
// the step and view the student chose, unless the server moved them since (its epoch).
function memory() {
  if (!window.__labMemory) window.__labMemory = { epoch: null, t: 0, view: "heatmap" };
  return window.__labMemory;
}

class Stage {
  constructor(root) {
    this.root = element(root, "div", "lab-stage");
    const bar = element(this.root, "div", "lab-bar");
    this.numbers = element(this.root, "div", "lab-numbers");
    this.signals = element(this.root, "div", "lab-signals");
    this.signals.setAttribute("aria-live", "polite");
    const grid = element(this.root, "div", "lab-grid");
    this.slots = Object.fromEntries(SLOTS.map((name) => [name, slot(grid, name)]));
    const rows = element(this.root, "details", "lab-rows");
    const alive = () => this.root.isConnected;
    this.player = new Player(0, { alive });
    this.readout = new Readout(this.numbers, this.signals, rows);
    this.reporter = new Reporter({
      alive,
      defaults: { t: 0, view: VIEW_LABELS.heatmap },
      toUrl: ({ t, view }) => ({ t, view: VIEW_LABELS[view] }),
    });
    this.charts = {};
    const viewBox = this.slots.output.querySelector(".lab-actions");
    this.transport = new Transport(bar, viewBox, this.player, {
      onView: (view) => this.setView(view),
      onCopy: (button) => this.copyLink(button),
    });
    this.player.onChange((t, playing, cause) => this.show(t, cause));
    // The first row of charts fills the screen below the bar and the numbers.
    this.fit = () => {
      const top = grid.getBoundingClientRect().top + window.scrollY;
      this.root.style.setProperty("--lab-top", `${Math.round(top + 16)}px`);
    };
    new ResizeObserver(this.fit).observe(this.root);
    window.addEventListener("resize", this.fit);
    // A click anywhere else may switch pages: hold the report back (ui/stage.py sends it
    // once the next page has run), so it never overlaps the switch.
    // Play stops there too, on the step on screen: leaving the page must not leave it running.
    this.hold = (event) => {
      if (!this.root.isConnected || this.root.contains(event.target)) return;
      this.reporter.hold();
      this.player.pause();
    };
    document.addEventListener("pointerdown", this.hold, true);
  }

  // One update at a time: a theme switch or a new run may arrive while a run is loading.
  update(session) {
    this.queue = (this.queue || Promise.resolve()).then(() => this.apply(session));
    return this.queue;
  }

  async apply(session) {
    // The run and Plotly load side by side (Plotly may already be loading: see preload()).
    const [{ header, arrays }, Plotly] = await Promise.all([fetchRun(session.run),
      loadPlotly(session.plotly)]);
    const remembered = memory();
    if (remembered.epoch !== session.epoch) {
      Object.assign(remembered, { epoch: session.epoch, t: session.t, view: session.view });
      this.reporter.known({ t: session.t, view: session.view });
    }
    this.root.dataset.mode = header.presenter ? "presenter" : "normal";
    const colours = pageColours(this.root);
    if (this.runId === header.id && this.colourKey === colourKey(colours)) return;
    this.run = { id: header.id, meta: header.meta, arrays, charts: header.charts };
    this.runId = header.id;
    this.colourKey = colourKey(colours);
    this.colours = colours;
    this.Plotly = Plotly;
    this.readout.setRun(this.run, header.signals);
    this.player.setLast(header.meta.last);
    this.player.t = Math.min(remembered.t, header.meta.last);
    this.view = remembered.view in VIEW_LABELS ? remembered.view : "heatmap";
    await this.drawCharts();
    this.show(this.player.t, "run");
  }

  // Say so on the page, never a blank: the run could not be fetched (a server restart
  // invalidates its URL; the page's next run brings a new one).
  failed(error) {
    this.root.dataset.error = String(error.message || error);
  }

  chartFor(slot) {
    return slot === "output" ? (this.view === "3d" ? "surface" : "heatmap") : slot;
  }

  async drawCharts() {
    const t = this.player.t;
    const work = SLOTS.map((slot) => {
      const name = this.chartFor(slot);
      let chart = this.charts[slot];
      if (chart && chart.name !== name) { chart.destroy(); chart = null; }
      if (!chart) chart = this.charts[slot] = new Chart(this.slots[slot], name, this.Plotly);
      return chart.draw(this.run.charts[name], this.run, this.colours, t);
    });
    await Promise.all(work);
    this.root.dataset.ready = "true";
  }

  // Step t everywhere, in this frame: numbers, rows, every chart's moving parts.
  show(t, cause) {
    memory().t = t;
    this.transport.show(this.view);
    this.readout.show(t);
    for (const chart of Object.values(this.charts)) chart.show(t);
    this.root.dataset.step = String(t);
    if (cause === "tick" || cause === "frame") this.reporter.writeUrl(false);
    this.reporter.note({ t, view: this.view }, { urgent: cause === "pause" || cause === "end" });
  }

  async setView(view) {
    if (view === this.view || !(view in VIEW_LABELS)) return;
    this.view = view;
    memory().view = view;
    await this.drawCharts();
    this.show(this.player.t, "view");
  }

  async copyLink(button) {
    this.reporter.note({ t: this.player.t, view: this.view }, { urgent: true });
    flash(button, await copyText(location.href), "Link");
  }
}

export function render({ data, parentElement }) {
  let stage = parentElement.__labStage;
  if (!stage || !stage.root.isConnected) {
    stage = parentElement.__labStage = new Stage(parentElement);
  }
  stage.update(data).catch((error) => {
    console.error("Perceptron Lab stage", error);
    stage.failed(error);
  });
}
