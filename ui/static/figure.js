// A still chart (the Compare page's): drawn like the Train page's charts, themed from the
// page it is on, so its text reads in light and dark and follows a switch of theme.
import { Chart } from "./chart.js";
import { decodeArrays } from "./payload.js";
import { loadPlotly } from "./plotly.js";
import { slot } from "./stage.js";
import { colourKey, pageColours } from "./theme.js";

export function render({ data, parentElement }) {
  let box = parentElement.__labFigure;
  if (!box || !box.root.isConnected) {
    const root = document.createElement("div");
    root.className = "lab-stage lab-figure";
    parentElement.appendChild(root);
    box = parentElement.__labFigure = { root, slot: slot(root, data.name) };
  }
  box.root.dataset.mode = data.presenter ? "presenter" : "normal";
  const colours = pageColours(box.root);
  const key = `${colourKey(colours)}|${data.figure}|${data.backdrop}`;
  if (box.key === key) return; // called again with the same figure and theme
  box.key = key;
  loadPlotly(data.plotly).then((Plotly) => {
    box.chart = box.chart || new Chart(box.slot, data.name, Plotly);
    // Layers (Compare's landscape) read their arrays as a Train chart's read the run's.
    const { layers, arrays } = JSON.parse(data.backdrop);
    const run = { arrays: decodeArrays(arrays), meta: {} };
    return box.chart.draw({ figure: JSON.parse(data.figure), layers, marks: [] }, run, colours, 0);
  }).then(() => { box.root.dataset.ready = "true"; },
          (error) => console.error("Perceptron Lab figure", error));
}
