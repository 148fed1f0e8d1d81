// The Train page after training: transport, numbers, rows and charts, all in the browser.
//
// The server sends each run once (views/payload.py). From then on stepping, scrubbing and
// Play happen here without a script rerun: the Player moves t, and every part shows t from
// the run's history. The server never hears a step from this page: the address bar carries
// it (url.js), and the sidebar's link tells the server when a page drawn from t needs it.
import { Chart } from "./chart.js";
import { describe } from "./describe.js";
import { element, Lifetime, mount, slot } from "./dom.js";
import { PlaneEditor } from "./edit.js";
import { copyText, flash } from "./link.js";
import { Newest } from "./newest.js";
import { fetchRun } from "./payload.js";
import { Player } from "./player.js";
import { loadPlotly } from "./plotly.js";
import { Readout } from "./readout.js";
import { saveAnimationControl } from "./save_animation.js";
import { Speaker } from "./speech.js";
import { Strip } from "./strip.js";
import { colourKey, pageColours } from "./theme.js";
import { Transport } from "./transport.js";
import { adopt, onScreen, show, useContract, viewInLink } from "./url.js";

const SLOTS = ["output", "landscape", "loss", "weights", "errors"];

// A run's file is held while its packed run is on the server's shelf (ui/media.py),
// not only while the session's latest rerun names it. One that left the shelf (a hall's
// worth of newer runs) is filed again by the session's next rerun under the same URL,
// without sending the page anything new. So a 404 is tried again a few times (0.1 to 1.6 s
// apart) while no newer run waits.
async function fetchAgain(url, overtaken) {
  for (let wait = 100; ; wait *= 2) {
    try {
      return await fetchRun(url);
    } catch (error) {
      if (wait > 1600 || overtaken() || !/HTTP 404/.test(String(error.message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

class Stage {
  constructor(parentElement, { data }) {
    this.lifetime = new Lifetime();
    useContract(data.settings);
    this.root = element(parentElement, "div", "lab-stage");
    const bar = element(this.root, "div", "lab-bar");
    this.numbers = element(this.root, "div", "lab-numbers");
    this.signals = element(this.root, "div", "lab-signals"); // spoken by the Speaker, not live
    const grid = element(this.root, "div", "lab-grid");
    this.slots = Object.fromEntries(SLOTS.map((name) => [name, slot(grid, name)]));
    // Strip (strip.js): the notebook's update at t, under the charts.
    this.strip = new Strip(element(this.root, "details", "lab-strip"), this.lifetime);
    const rows = element(this.root, "details", "lab-rows");
    this.player = new Player(0);
    this.readout = new Readout(this.numbers, this.signals, rows);
    this.charts = {};
    this.transport = new Transport(bar, this.slots.output.querySelector(".lab-actions"),
      this.player, { onView: (view) => this.setView(view), onCopy: (button) => this.copyLink(button) });
    this.player.onChange((t, playing, cause) => this.show(t, cause));
    // Rows added, moved and deleted on the heat map (edit.js) go to the server as whole tables.
    this.editor = new PlaneEditor(this.slots.output, this.lifetime);
    // Figures held while a row was dragged (Chart.draw) go up once it is let go, from the run
    // on screen (its file may be gone from the server by now). A run being applied then puts
    // them up itself (apply's end).
    this.editor.onDragEnd = () => {
      if (!this.updates?.busy && this.held()) this.updates.push({ redraw: true });
    };
    this.speakUp(bar);
    // Save animation (save_animation.js): after the transport's Link button, the run as a GIF.
    saveAnimationControl(bar, () => this.run && { run: this.run, Plotly: this.Plotly, colours: this.colours },
      this.lifetime);
    // The first row of charts fills the screen below the bar and the numbers.
    const fit = () => {
      const top = grid.getBoundingClientRect().top + window.scrollY;
      this.root.style.setProperty("--lab-top", `${Math.round(top + 16)}px`);
    };
    this.lifetime.observe(new ResizeObserver(fit), this.root);
    this.lifetime.listen(window, "resize", fit);
    // A click elsewhere may be a switch of page: Play stops on the step on screen, and the
    // address bar holds that step before Streamlit reads it for the next page.
    this.lifetime.listen(document, "pointerdown", (event) => {
      if (this.root.contains(event.target)) return;
      this.player.pause();
      show({}, { now: true });
    }, true);
  }

  // The step said aloud once it settles (speech.js), the charts' words kept up with it, and
  // Play without tweening for a reader who asked for reduced motion.
  speakUp(bar) {
    const live = document.createElement("div");
    live.className = "lab-sr";
    live.dataset.lab = "spoken";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    bar.after(live);
    this.speaker = new Speaker({
      say: (text) => { live.textContent = text; },
      settle: (t) => this.tellCharts(t),
    });
    this.lifetime.add(() => this.speaker.stop());
    const motion = window.matchMedia("(prefers-reduced-motion: reduce)");
    const follow = () => this.player.setReducedMotion(motion.matches);
    follow();
    this.lifetime.listen(motion, "change", follow);
  }

  tellCharts(t) {
    if (!this.run) return;
    for (const chart of Object.values(this.charts)) chart.tell(describe(chart.name, this.run, t));
  }

  // One update at a time, and only the newest (newest.js): a theme switch or a new run may
  // arrive while a run is loading, and a student who clicks + three times wants the third
  // run, not the two before it drawn on the way there.
  update({ data, setStateValue }) {
    this.editor.server(data.edit, setStateValue);
    this.updates ||= new Newest((session, overtaken) => this.apply(session, overtaken), (error) => {
      console.error("Perceptron Lab stage", error);
      // Say so on the page, never a blank: a server restart invalidates the run's URL,
      // and the page's next run brings a new one.
      this.root.dataset.error = String(error.message || error);
    });
    this.updates.push(data);
  }

  async apply(session, overtaken) {
    if (session.redraw) return this.release();
    // The run and Plotly load side by side (Plotly may already be loading: see preload()).
    const [{ header, arrays }, Plotly] = await Promise.all([fetchAgain(session.run, overtaken),
      loadPlotly(session.plotly)]);
    if (this.lifetime.ended || overtaken()) return;
    useContract(session.settings);
    adopt(session);
    this.root.dataset.mode = header.presenter ? "presenter" : "normal";
    const colours = pageColours(this.root);
    if (this.runId === header.id && this.colourKey === colourKey(colours)) return this.release();
    this.runId = header.id;
    this.colourKey = colourKey(colours);
    this.colours = colours;
    this.Plotly = Plotly;
    // The server's step is taken when the stage opens (a link, the Walkthrough's moves). Once
    // a run is on screen the step is the player's, kept for the next run and clamped to it:
    // the server's clamp of a step it last heard of must not move it.
    const t = Math.min(this.run ? this.player.t : onScreen.t, header.meta.last);
    this.run = { id: header.id, meta: header.meta, arrays, charts: header.charts };
    this.readout.setRun(this.run, header.signals);
    this.strip.setRun(this.run, header.signals);
    this.speaker.setRun(this.run, header.signals, t);
    this.player.setLast(header.meta.last, header.meta.stops);
    this.player.t = t;
    const view = onScreen.view || viewInLink();
    this.view = view in session.settings.view.choices ? view : session.settings.view.default;
    await this.drawCharts();
    this.show(this.player.t, "run");
    this.root.dataset.run = header.id; // the run on screen, for tests and benchmarks
    delete this.root.dataset.error; // a failed run before this one is no longer on screen
    await this.release(); // let go while this run was drawn
  }

  held() {
    return Object.values(this.charts).some((chart) => chart.held);
  }

  // The figures held during a drag, put up for the run on screen once no row is dragged.
  async release() {
    if (!this.run || this.editor.drag || !this.held()) return;
    await this.drawCharts();
    this.show(this.player.t, "run");
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
      if (!chart) chart = this.charts[slot] = new Chart(this.slots[slot], name, this.Plotly,
        { text: true, onSeek: (step) => this.player.seek(step) });
      return chart.draw(this.run.charts[name], this.run, this.colours, t, Boolean(this.editor.drag));
    });
    await Promise.all(work);
    this.editor.attach(this.charts.output, this.colours);
    this.root.dataset.ready = "true";
  }

  // Step t everywhere, in this frame: numbers, rows, every chart's moving parts, the URL.
  show(t, cause) {
    this.transport.show(this.view);
    this.readout.show(t);
    this.strip.show(t);
    for (const chart of Object.values(this.charts)) chart.show(t);
    this.root.dataset.step = String(t);
    this.speaker.move(t, cause);
    show({ t, view: this.view }, { now: cause === "pause" || cause === "end" });
  }

  async setView(view) {
    if (view === this.view || !this.run) return;
    this.view = view;
    await this.drawCharts();
    this.show(this.player.t, "view");
  }

  async copyLink(button) {
    show({}, { now: true });
    flash(button, await copyText(location.href), "Link", this.lifetime);
  }

  // The page is leaving: stop the clock, drop every listener, release every chart.
  destroy() {
    this.lifetime.end();
    this.player.stopClock();
    this.transport.destroy();
    for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = {};
    this.root.remove();
  }
}

export { loadPlotly };

// Loads Plotly and this module with the page's first message (ui/stage.py's preload).
export function preload({ data }) {
  loadPlotly(data.plotly);
}

export function render(component) {
  return mount(component, Stage);
}
