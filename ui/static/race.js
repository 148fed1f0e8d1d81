// Compare's race: several runs on one landscape and one loss chart, stepped together here.
//
// The server sends the race once (views/race_payload.py); from then on the Train page's
// Player and transport move one t for every run, with no script rerun: each run's marker
// and trail, the loss chart's now-line, the numbers row, the findings and the table all
// show step t, and a run whose history has ended holds its last step and says so. The
// address bar carries t (url.js, its one writer), and t is the same as on Train.
import { Chart } from "./chart.js";
import { element, Lifetime, mount, slot } from "./dom.js";
import { copyText, flash } from "./link.js";
import { Newest } from "./newest.js";
import { fetchRun } from "./payload.js";
import { Player } from "./player.js";
import { loadPlotly } from "./plotly.js";
import { drawRace, symbolPoints } from "./race_marks.js";
import { findingsAt, numbersAt, spokenAt } from "./race_numbers.js";
import { colourKey, pageColours } from "./theme.js";
import { Transport } from "./transport.js";
import { adopt, onScreen, show, useContract } from "./url.js";

const CHARTS = ["landscape", "loss"];
const HEAD = ["run", "loss at t", "accuracy at t", "at t", "final loss", "final accuracy", "what happened"];
const QUIET = new Set(["tick", "frame", "play", "speed"]); // Play's frames are not spoken
// During Play the words (findings, table) follow at most every WORDS_MS: re-laying out a
// table and a list at every frame would cost Play its frame rate. A stop shows them at once.
const WORDS_MS = 250;

// A run's colour and shape, as a small inline picture beside its name.
function swatch(run) {
  const points = symbolPoints(run.symbol, 8, 8, 6.5);
  const shape = points ? `<polygon points="${points}"` : '<circle cx="8" cy="8" r="6.5"';
  return `<svg class="lab-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">`
    + `${shape} fill="${run.colour}" stroke="currentColor" stroke-width="0.75"/></svg>`;
}

function lines(box, items) {
  box.replaceChildren(...items.map(([lead, text]) => {
    const li = document.createElement("li");
    li.appendChild(document.createElement("strong")).textContent = `${lead}${text ? ":" : "."}`;
    if (text) li.append(` ${text}`);
    return li;
  }));
}

class Race {
  constructor(parentElement) {
    this.lifetime = new Lifetime();
    this.root = element(parentElement, "div", "lab-race"); // not .lab-stage: that is Train's
    const bar = element(this.root, "div", "lab-bar");
    this.numbers = element(this.root, "div", "lab-race-numbers");
    this.live = element(this.root, "div", "lab-sr");
    Object.assign(this.live.dataset, { lab: "spoken" });
    this.live.setAttribute("role", "status");
    this.live.setAttribute("aria-live", "polite");
    const grid = element(this.root, "div", "lab-race-grid");
    this.slots = Object.fromEntries(CHARTS.map((name) => [name, slot(grid, name)]));
    const findings = element(this.root, "div", "lab-race-findings");
    element(findings, "h4").textContent = "At step t";
    this.nowList = element(findings, "ul");
    this.nowList.dataset.lab = "findings-now";
    element(findings, "h4").textContent = "At the end";
    this.endList = element(findings, "ul");
    this.endList.dataset.lab = "findings-end";
    this.tableBox = element(this.root, "div", "lab-race-table");
    // It scrolls sideways on a phone: a keyboard can reach and scroll it too.
    Object.assign(this.tableBox, { tabIndex: 0 });
    this.tableBox.setAttribute("role", "region");
    this.tableBox.setAttribute("aria-label", "The runs at step t and at their end");
    this.player = new Player(0);
    this.charts = {};
    // Compare has one view: the transport's view switch stays off the page.
    this.transport = new Transport(bar, document.createElement("div"), this.player,
      { onView: () => {}, onCopy: (button) => this.copyLink(button) });
    this.player.onChange((t, playing, cause) => this.show(t, cause));
    // A click elsewhere may be a switch of page: Play stops on the step on screen, and the
    // address bar holds it before Streamlit reads it for the next page (as on Train).
    this.lifetime.listen(document, "pointerdown", (event) => {
      if (this.root.contains(event.target)) return;
      this.player.pause();
      show({}, { now: true });
    }, true);
    const motion = window.matchMedia("(prefers-reduced-motion: reduce)");
    const follow = () => this.player.setReducedMotion(motion.matches);
    follow();
    this.lifetime.listen(motion, "change", follow);
  }

  // Only the newest update is drawn (newest.js), as on Train: a student who ticks five rates
  // in a row wants the race of five, not the four before it drawn on the way there.
  update({ data }) {
    this.updates ||= new Newest((session, overtaken) => this.apply(session, overtaken), (error) => {
      console.error("Perceptron Lab race", error);
      this.root.dataset.error = String(error.message || error);
    });
    this.updates.push(data);
  }

  async apply(session, overtaken) {
    const [{ header, arrays }, Plotly] = await Promise.all([fetchRun(session.race), loadPlotly(session.plotly)]);
    if (this.lifetime.ended || overtaken()) return;
    useContract(session.settings);
    adopt(session);
    this.root.dataset.mode = header.presenter ? "presenter" : "normal";
    const colours = pageColours(this.root);
    if (this.raceId === header.id && this.colourKey === colourKey(colours)) return;
    this.raceId = header.id;
    this.colourKey = colourKey(colours);
    this.race = { ...header, arrays };
    this.buildNumbers();
    this.buildTable();
    lines(this.endList, header.findings);
    this.player.setLast(header.meta.last, header.meta.stops);
    this.player.t = Math.min(onScreen.t, header.meta.last);
    await Promise.all(CHARTS.map(async (name) => {
      const chart = this.charts[name] || (this.charts[name] = new Chart(this.slots[name], name, Plotly));
      await chart.draw(header.charts[name], { arrays, meta: {} }, colours, this.player.t);
      if (!chart.raceHooked) { // zoom, pan and resize redraw the axes: the runs follow them
        chart.div.on("plotly_afterplot", () => drawRace(chart.div, name, this.race, this.player.t));
        chart.raceHooked = true;
      }
    }));
    this.root.dataset.ready = "true";
    delete this.root.dataset.error; // a failed race before this one is no longer on screen
    this.show(this.player.t, "run");
  }

  buildNumbers() {
    this.cells = this.race.runs.map((run, i) => {
      const box = document.createElement("div");
      box.className = "lab-race-run";
      box.dataset.run = String(i);
      box.innerHTML = `<div class="lab-race-label">${swatch(run)}<span></span></div>`
        + '<div class="lab-race-values" title="The loss, and the share of rows on the right side of 0.5">'
        + '<span data-lab="loss"></span> · <span data-lab="accuracy"></span></div>'
        + '<div class="lab-race-held" data-lab="held"></div>';
      box.querySelector(".lab-race-label span").textContent = run.label;
      const [loss, accuracy, held] = ["loss", "accuracy", "held"].map((k) => box.querySelector(`[data-lab="${k}"]`));
      return { box, loss, accuracy, held };
    });
    this.numbers.replaceChildren(...this.cells.map((cell) => cell.box));
  }

  buildTable() {
    const table = document.createElement("table");
    table.createCaption().textContent = "Each run at step t, and at its end";
    const head = table.createTHead().insertRow();
    for (const text of HEAD) head.appendChild(Object.assign(document.createElement("th"), { scope: "col", textContent: text }));
    const body = table.createTBody();
    this.rows = this.race.runs.map((run) => {
      const tr = body.insertRow();
      const th = Object.assign(document.createElement("th"), { scope: "row" });
      th.innerHTML = swatch(run);
      th.append(run.label);
      tr.appendChild(th);
      const cells = [0, 1, 2].map(() => tr.insertCell());
      for (const text of [run.final_loss, run.final_accuracy, run.happened]) tr.insertCell().textContent = text;
      return cells;
    });
    this.tableBox.replaceChildren(table);
  }

  // Step t everywhere, in this frame: markers, now-line, numbers, findings, table, the URL.
  show(t, cause) {
    if (!this.race) return;
    this.transport.show();
    for (const [name, chart] of Object.entries(this.charts)) {
      chart.show(t);
      drawRace(chart.div, name, this.race, t);
    }
    const set = (el, text) => { if (el.textContent !== text) el.textContent = text; };
    const now = performance.now();
    const words = !QUIET.has(cause) || now - (this.wordsAt || 0) >= WORDS_MS;
    if (words) this.wordsAt = now;
    numbersAt(this.race, t).forEach((n, i) => {
      const cell = this.cells[i];
      set(cell.loss, `loss ${n.lossText}`);
      set(cell.accuracy, `${n.accuracy} right`);
      set(cell.held, n.held || "");
      cell.box.dataset.step = String(n.step);
      if (!words) return;
      const [loss, accuracy, doing] = this.rows[i];
      set(loss, n.lossText);
      set(accuracy, n.accuracy);
      set(doing, n.doing);
    });
    if (words) lines(this.nowList, findingsAt(this.race, t));
    this.root.dataset.step = String(t);
    if (!QUIET.has(cause)) this.live.textContent = spokenAt(this.race, t);
    show({ t }, { now: cause === "pause" || cause === "end" });
  }

  async copyLink(button) {
    show({}, { now: true });
    flash(button, await copyText(location.href), "Link", this.lifetime);
  }

  destroy() {
    this.lifetime.end();
    this.player.stopClock();
    this.transport.destroy();
    for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = {};
    this.root.remove();
  }
}

export function render(component) {
  return mount(component, Race);
}
