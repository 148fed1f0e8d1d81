// A chart as a PNG, as the student sees it: the page's background, the canvas layer (the
// output field or the landscape), Plotly's axes, the lines (lines.js), and the marks of step t
// on top.
// Plotly's own export would miss the layers and marks, which are not Plotly's.

export function image(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = src;
  });
}

const rgb = ({ r, g, b }) => `rgb(${r},${g},${b})`;
const BAND = 30; // px above the chart for its title

export async function chartPng(div, Plotly, colours, title, scale = 2) {
  const width = div.clientWidth;
  const height = div.clientHeight;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = (height + BAND) * scale;
  const context = canvas.getContext("2d");
  context.scale(scale, scale);
  context.fillStyle = rgb(colours.paper);
  context.fillRect(0, 0, width, height + BAND);
  context.fillStyle = rgb(colours.ink);
  context.font = '16px "Source Sans", sans-serif';
  context.fillText(title, 8, 20);
  context.translate(0, BAND);
  const origin = div.getBoundingClientRect();
  const layer = div.querySelector("canvas.lab-field");
  if (layer) {
    const box = layer.getBoundingClientRect();
    context.save();
    const xa = div._fullLayout.xaxis;
    const ya = div._fullLayout.yaxis;
    context.beginPath();
    context.rect(xa._offset, ya._offset, xa._length, ya._length);
    context.clip();
    context.drawImage(layer, box.left - origin.left, box.top - origin.top, box.width, box.height);
    context.restore();
  }
  const plot = await Plotly.toImage(div, { format: "png", width, height, scale });
  context.drawImage(await image(plot), 0, 0, width, height);
  const lines = div.querySelector(":scope > canvas.lab-lines"); // lines.js: over the axes
  if (lines) {
    const box = lines.getBoundingClientRect();
    context.drawImage(lines, box.left - origin.left, box.top - origin.top, box.width, box.height);
  }
  const marks = div.querySelector("svg.lab-marks");
  if (marks) {
    const clone = marks.cloneNode(true);
    clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    const svg = new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" });
    const url = URL.createObjectURL(svg);
    try {
      context.drawImage(await image(url), 0, 0, width, height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return canvas.toDataURL("image/png");
}

export async function downloadPng(div, Plotly, colours, title, filename) {
  const link = document.createElement("a");
  link.href = await chartPng(div, Plotly, colours, title);
  link.download = `${filename}.png`;
  link.click();
}
