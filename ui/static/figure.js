// A still chart (the Compare page's): drawn like the Train page's charts, themed from the
// page it is on, so its text reads in light and dark and follows a switch of theme.
import { Chart } from "./chart.js";
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
  const key = `${colourKey(colours)}|${data.figure}`;
  if (box.key === key) return; // called again with the same figure and theme
  box.key = key;
  loadPlotly(data.plotly).then((Plotly) => {
    box.chart = box.chart || new Chart(box.slot, data.name, Plotly);
    return box.chart.draw({ figure: JSON.parse(data.figure), marks: [] }, null, colours, 0);
  }).then(() => { box.root.dataset.ready = "true"; },
          (error) => console.error("Perceptron Lab figure", error));
}
