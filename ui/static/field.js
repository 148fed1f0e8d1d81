// Images behind a chart's Plotly axes, drawn on a canvas in the plot area.
//
// The output field σ(w1·x1 + w2·x2 + b) is the one thing the page computes itself: from the
// history's weights at step t, per pixel: far cheaper than a Plotly heat-map redraw in software
// rendering (benchmarks/bench_ui.py measures both). The loss landscape (views/landscape_layer.py,
// Train's and Compare's alike) is sent as byte grids, one per sampled bias; the page colours the
// one nearest the bias at step t.
import { planeWeights, nearestSlice } from "./marks.js";

const SIDE = 128; // pixels computed per side; the canvas scales them smoothly to the plot area

// RGBA pixels of the output field over the box, top row = highest x2.
export function fieldPixels(w1, w2, b, xRange, yRange, lut, span, side = SIDE) {
  const pixels = new Uint8ClampedArray(side * side * 4);
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  for (let r = 0; r < side; r++) {
    const y = y1 - ((r + 0.5) / side) * (y1 - y0);
    for (let c = 0; c < side; c++) {
      const x = x0 + ((c + 0.5) / side) * (x1 - x0);
      const logit = w1 * x + w2 * y + b;
      const k = Math.round(((Math.min(Math.max(logit, -span), span) + span) / (2 * span)) * 255) * 3;
      const at = (r * side + c) * 4;
      pixels[at] = lut[k];
      pixels[at + 1] = lut[k + 1];
      pixels[at + 2] = lut[k + 2];
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

// RGBA pixels of one landscape slice: levels (0..255) interpolated ×scale, then banded.
export function slicePixels(levels, grid, lut, bands, scale = 4) {
  const side = (grid - 1) * scale + 1;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let r = 0; r < side; r++) {
    const gy = (side - 1 - r) / scale; // top row = highest w2 = last grid row
    const i0 = Math.min(Math.floor(gy), grid - 2);
    const fy = gy - i0;
    for (let c = 0; c < side; c++) {
      const gx = c / scale;
      const j0 = Math.min(Math.floor(gx), grid - 2);
      const fx = gx - j0;
      const v = (1 - fy) * ((1 - fx) * levels[i0 * grid + j0] + fx * levels[i0 * grid + j0 + 1])
        + fy * ((1 - fx) * levels[(i0 + 1) * grid + j0] + fx * levels[(i0 + 1) * grid + j0 + 1]);
      const band = Math.min(bands - 1, Math.floor((v / 256) * bands));
      const k = Math.round(((band + 0.5) / bands) * 255) * 3;
      const at = (r * side + c) * 4;
      pixels[at] = lut[k];
      pixels[at + 1] = lut[k + 1];
      pixels[at + 2] = lut[k + 2];
      pixels[at + 3] = 255;
    }
  }
  return { pixels, side };
}

function canvasFor(div) {
  let canvas = div.querySelector(":scope canvas.lab-field");
  if (!canvas) {
    canvas = document.createElement("canvas");
    canvas.className = "lab-field";
    canvas.style.cssText = "position:absolute;pointer-events:none;z-index:0;image-rendering:auto";
    const container = div.querySelector(".svg-container") || div;
    container.insertBefore(canvas, container.firstChild);
  }
  return canvas;
}

// Show pixels covering the data rectangle [x0, x1] × [y0, y1], clipped to the plot area, so
// a zoomed chart still shows each value where it belongs.
function paint(div, pixels, side, xRange, yRange) {
  const xa = div._fullLayout.xaxis;
  const ya = div._fullLayout.yaxis;
  const left = xa._offset + xa.c2p(xRange[0]);
  const right = xa._offset + xa.c2p(xRange[1]);
  const top = ya._offset + ya.c2p(yRange[1]);
  const bottom = ya._offset + ya.c2p(yRange[0]);
  const canvas = canvasFor(div);
  const clip = [ya._offset - top, right - (xa._offset + xa._length),
                bottom - (ya._offset + ya._length), xa._offset - left].map((v) => `${Math.max(0, v)}px`);
  Object.assign(canvas.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`,
    height: `${bottom - top}px`, clipPath: `inset(${clip.join(" ")})` });
  if (canvas.width !== side) { canvas.width = side; canvas.height = side; }
  canvas.getContext("2d").putImageData(new ImageData(pixels, side, side), 0, 0);
}

// Draw the layer a chart declares (views/output.py, views/landscape_layer.py) at step t.
export function drawLayer(div, layer, run, t, cache, resized = false) {
  if (!div._fullLayout || !div._fullLayout.xaxis) return;
  const xa = div._fullLayout.xaxis;
  const ya = div._fullLayout.yaxis;
  if (layer.kind === "field") {
    const { w1, w2, b } = planeWeights(run, t);
    if (![w1, w2, b].every(Number.isFinite)) return;
    paint(div, fieldPixels(w1, w2, b, xa.range, ya.range, layer.lut, layer.span), SIDE, xa.range, ya.range);
  } else if (layer.kind === "slices") {
    const slices = run.arrays.slices;
    const [count, grid] = slices.shape;
    const index = count > 1 ? nearestSlice(run.arrays.slice_bias.data, planeWeights(run, t).b) : 0;
    if (!resized && cache.slice === index && cache.range === `${xa.range}|${ya.range}`) return;
    const levels = slices.data.subarray(index * grid * grid, (index + 1) * grid * grid);
    const { pixels, side } = slicePixels(levels, grid, layer.lut, layer.levels);
    paint(div, pixels, side, layer.x, layer.y);
    cache.slice = index;
    cache.range = `${xa.range}|${ya.range}`;
  }
}
