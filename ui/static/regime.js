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
        this.listening = true;
      }
      this.root.dataset.ready = "true";
    }, (error) => console.error("Perceptron Lab regime map", error));
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
