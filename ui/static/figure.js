// A still chart (the Compare page's): drawn like the Train page's charts, themed from the
// page it is on, so its text reads in light and dark and follows a switch of theme.
import { Chart } from "./chart.js";
import { Lifetime, mount, slot } from "./dom.js";
import { decodeArrays } from "./payload.js";
import { loadPlotly } from "./plotly.js";
import { colourKey, pageColours } from "./theme.js";

class Figure {
  constructor(parentElement, { data }) {
    this.lifetime = new Lifetime();
    this.root = document.createElement("div");
    this.root.className = "lab-stage lab-figure";
    parentElement.appendChild(this.root);
    this.slot = slot(this.root, data.name);
  }

  update({ data }) {
    this.root.dataset.mode = data.presenter ? "presenter" : "normal";
    const colours = pageColours(this.root);
    const key = `${colourKey(colours)}|${data.figure}|${data.backdrop}`;
    if (this.key === key) return; // called again with the same figure and theme
    this.key = key;
    loadPlotly(data.plotly).then((Plotly) => {
      if (this.lifetime.ended) return null;
      this.chart = this.chart || new Chart(this.slot, data.name, Plotly);
      // Layers (Compare's landscape) read their arrays as a Train chart's read the run's.
      const { layers, arrays } = JSON.parse(data.backdrop);
      const run = { arrays: decodeArrays(arrays), meta: {} };
      return this.chart.draw({ figure: JSON.parse(data.figure), layers, marks: [] }, run, colours, 0);
    }).then(() => { this.root.dataset.ready = "true"; },
            (error) => console.error("Perceptron Lab figure", error));
  }

  destroy() {
    this.lifetime.end();
    if (this.chart) this.chart.destroy();
    this.root.remove();
  }
}

export function render(component) {
  return mount(component, Figure);
}
