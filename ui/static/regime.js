// The regime map (Compare): a heat map drawn like every chart of the lab (themed from the
// page, its own PNG button), whose cells, clicked, name their run to the server: one
// trigger, so one rerun per click, and none for hovering (Plotly's own hover text).
import { Chart } from "./chart.js";
import { Lifetime, mount, slot } from "./dom.js";
import { loadPlotly } from "./plotly.js";
import { colourKey, pageColours } from "./theme.js";

class RegimeMap {
  constructor(parentElement) {
    this.lifetime = new Lifetime();
    this.root = document.createElement("div");
    this.root.className = "lab-stage lab-figure lab-regime";
    parentElement.appendChild(this.root);
    this.slot = slot(this.root, "regime-map");
  }

  update({ data, setTriggerValue }) {
    this.pick = setTriggerValue;
    this.root.dataset.mode = data.presenter ? "presenter" : "normal";
    const colours = pageColours(this.root);
    const key = `${colourKey(colours)}|${data.figure}`;
    if (this.key === key) return; // called again with the same map and theme
    this.key = key;
    this.root.dataset.ready = "false";
    loadPlotly(data.plotly).then((Plotly) => {
      if (this.lifetime.ended) return null;
      this.chart = this.chart || new Chart(this.slot, "regime-map", Plotly);
      const spec = { figure: JSON.parse(data.figure), layers: [], marks: [] };
      return this.chart.draw(spec, { arrays: {}, meta: {} }, colours, 0);
    }).then(() => {
      if (!this.chart || this.lifetime.ended) return;
      if (!this.listening) {
        // Plotly's listeners go with the chart (Plotly.purge when it is destroyed).
        this.chart.div.on("plotly_click", (event) => this.clicked(event));
        this.chart.div.on("plotly_afterplot", () => this.fit());
        this.listening = true;
      }
      return this.fit();
    }).then(() => {
      if (!this.lifetime.ended) this.root.dataset.ready = "true";
    }, (error) => console.error("Perceptron Lab regime map", error));
  }

  // Symbols no wider than their cells (a phone's map has 5-px cells): shrunk to fit, never
  // grown past the size the server chose.
  fit() {
    const div = this.chart && this.chart.div;
    if (!div || !div._fullLayout || !div.data) return null;
    const [cells, ...traces] = div.data;
    const { xaxis, yaxis } = div._fullLayout;
    const across = Math.abs(xaxis.l2p(cells.x[1]) - xaxis.l2p(cells.x[0]));
    const down = Math.abs(yaxis.l2p(cells.y[1]) - yaxis.l2p(cells.y[0]));
    const indices = [];
    const sizes = [];
    traces.forEach((trace, k) => {
      if (!Array.isArray(trace.customdata)) return; // the sidebar run's outline keeps its size
      trace.base ??= trace.marker.size;
      const size = Math.max(3, Math.min(trace.base, Math.floor(0.8 * Math.min(across, down))));
      if (size !== trace.marker.size) { indices.push(k + 1); sizes.push(size); }
    });
    return indices.length ? this.chart.Plotly.restyle(div, { "marker.size": sizes }, indices) : null;
  }

  // The cell under the click: its (seed row, rate column), which the server turns into a run.
  clicked(event) {
    const point = (event.points || []).find((p) => Array.isArray(p.customdata));
    if (!point) return;
    const [row, column] = point.customdata;
    this.pick("picked", { row, column });
  }

  destroy() {
    this.lifetime.end();
    if (this.chart) this.chart.destroy();
    this.root.remove();
  }
}

export function render(component) {
  return mount(component, RegimeMap);
}
