// Images behind a chart's Plotly axes, drawn on a canvas in the plot area.
//
// The output field σ(w1·x1 + w2·x2 + b) is the one thing the page computes itself: from the
// history's weights at step t, per pixel: far cheaper than a Plotly heat-map redraw in software
// rendering (benchmarks/bench_ui.py measures both). The loss landscape (views/landscape_layer.py,
// Train's and Compare's alike) is sent as byte grids, one per sampled bias; the page mixes the
// two around the bias at step t, so the slice shown is the one the weights are on.
import { paintLines } from "./lines.js";
import { planeWeights } from "./marks.js";

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

// Where b sits among the slices' biases (sorted): the two computed slices around it and how
// far b is from the first to the second, so the landscape follows b at step t between them.
export function sliceBlend(biases, b) {
  const n = biases.length;
  if (n === 1 || !(b > biases[0])) return { lo: 0, hi: 0, mix: 0 };
  if (b >= biases[n - 1]) return { lo: n - 1, hi: n - 1, mix: 0 };
  let hi = 1;
  while (biases[hi] < b) hi++;
  return { lo: hi - 1, hi, mix: (b - biases[hi - 1]) / (biases[hi] - biases[hi - 1]) };
}

// Levels as fractions of the colour range: a slice's integers span their whole type
// (views/landscape_layer.py sends 16 bits, fine enough that a plateau's bands are smooth).
const fraction = (levels) => 1 / 2 ** (8 * levels.BYTES_PER_ELEMENT);

// The levels (fractions in [0, 1)) of the slice at b: the two nearest slices mixed linearly.
export function blendLevels(slices, blend) {
  const [, grid] = slices.shape;
  const size = grid * grid;
  const lo = slices.data.subarray(blend.lo * size, (blend.lo + 1) * size);
  const hi = slices.data.subarray(blend.hi * size, (blend.hi + 1) * size);
  const unit = fraction(slices.data);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (lo[i] + blend.mix * (hi[i] - lo[i])) * unit;
  return out;
}

// RGBA pixels of a landscape over the data box [x0, x1] × [y0, y1], width × height of them:
// the grid of levels in [0, 1) (over the window [wx0, wx1] × [wy0, wy1], row i along w2)
// interpolated at each
// pixel's centre and cut into bands. A band's edge is blended over about one pixel (from the
// level's slope), so the bands stay smooth at any size: no stair steps. Outside the window,
// transparent.
export function landscapePixels(levels, grid, lut, bands, win, box, width, height) {
  const pixels = new Uint8ClampedArray(width * height * 4);
  const [wx0, wx1] = win.x;
  const [wy0, wy1] = win.y;
  const [x0, x1] = box.x;
  const [y0, y1] = box.y;
  // Grid cells per pixel along each axis (a level times bands is in band units).
  const gxPerPx = ((x1 - x0) / width / (wx1 - wx0)) * (grid - 1);
  const gyPerPx = ((y1 - y0) / height / (wy1 - wy0)) * (grid - 1);
  const colours = new Float32Array(bands * 3); // each band's colour, from the table's middle
  for (let band = 0; band < bands; band++) {
    const k = Math.round(((band + 0.5) / bands) * 255) * 3;
    colours.set([lut[k], lut[k + 1], lut[k + 2]], band * 3);
  }
  // Each column's grid cell and place in it, worked out once (-1: outside the window).
  const cells = new Int32Array(width);
  const places = new Float32Array(width);
  for (let c = 0; c < width; c++) {
    const gx = ((x0 + ((c + 0.5) / width) * (x1 - x0) - wx0) / (wx1 - wx0)) * (grid - 1);
    cells[c] = gx < 0 || gx > grid - 1 ? -1 : Math.min(Math.floor(gx), grid - 2);
    places[c] = gx - cells[c];
  }
  for (let r = 0; r < height; r++) {
    const gy = ((y1 - ((r + 0.5) / height) * (y1 - y0) - wy0) / (wy1 - wy0)) * (grid - 1);
    if (gy < 0 || gy > grid - 1) continue;
    const i0 = Math.min(Math.floor(gy), grid - 2);
    const fy = gy - i0;
    const low = i0 * grid;
    const high = low + grid;
    for (let c = 0; c < width; c++) {
      const j0 = cells[c];
      if (j0 < 0) continue;
      const fx = places[c];
      const a = levels[low + j0];
      const b = levels[low + j0 + 1];
      const d = levels[high + j0];
      const e = levels[high + j0 + 1];
      const u = ((1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * d + fx * e)) * bands;
      const du = ((1 - fy) * (b - a) + fy * (e - d)) * gxPerPx;
      const dv = ((1 - fx) * (d - a) + fx * (e - b)) * gyPerPx;
      const slope = Math.sqrt(du * du + dv * dv) * bands; // band units per pixel
      const band = u >= bands ? bands - 1 : Math.floor(u);
      const f = u - band;
      const near = f < 0.5 ? band - 1 : band + 1; // the band across the nearer edge
      const away = (f < 0.5 ? f : 1 - f) / (slope || 1e-9); // pixels to that edge
      const spill = near >= 0 && near < bands && away < 0.5 ? 0.5 - away : 0;
      const at = (r * width + c) * 4;
      const m = band * 3;
      if (spill) {
        const n = near * 3;
        pixels[at] = colours[m] + spill * (colours[n] - colours[m]);
        pixels[at + 1] = colours[m + 1] + spill * (colours[n + 1] - colours[m + 1]);
        pixels[at + 2] = colours[m + 2] + spill * (colours[n + 2] - colours[m + 2]);
      } else {
        pixels[at] = colours[m];
        pixels[at + 1] = colours[m + 1];
        pixels[at + 2] = colours[m + 2];
      }
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

// One slice (its integer levels) over its own window, (grid − 1)·scale + 1 pixels a side
// (the saved animation's).
export function slicePixels(levels, grid, lut, bands, scale = 4) {
  const side = (grid - 1) * scale + 1;
  const unit = { x: [0, 1], y: [0, 1] };
  const fractions = Float32Array.from(levels, (v) => v * fraction(levels));
  return { pixels: landscapePixels(fractions, grid, lut, bands, unit, unit, side, side), side };
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
    paintLandscape(div, layer, run, t, cache, resized);
  } else if (layer.kind === "lines") {
    paintLines(div, layer, run, cache, resized);
  }
}

// Device pixels the landscape is computed at, at most: beyond it the canvas scales up
// smoothly, and a step of Play stays a few milliseconds on a big presenter screen.
const MAX_PIXELS = 480 * 480;
// How far (as a share of the colour range) a cell of the slice at b must move before the
// landscape is repainted: a thirtieth of a band, below what a band's edge shows.
const REPAINT = 1 / (30 * 16);

// The landscape at the bias of step t, over the plot area at the screen's own resolution.
// Repainted only when the axes change or the blended slice moves by a visible amount.
function paintLandscape(div, layer, run, t, cache, resized) {
  const xa = div._fullLayout.xaxis;
  const ya = div._fullLayout.yaxis;
  const slices = run.arrays.slices;
  const blend = slices.shape[0] > 1
    ? sliceBlend(run.arrays.slice_bias.data, planeWeights(run, t).b) : { lo: 0, hi: 0, mix: 0 };
  const levels = blendLevels(slices, blend);
  const range = `${xa.range}|${ya.range}|${xa._length}|${ya._length}`;
  if (!resized && cache.range === range && cache.levels && sameLevels(cache.levels, levels)) return;
  const dpr = Math.min(window.devicePixelRatio || 1,
    Math.sqrt(MAX_PIXELS / Math.max(1, xa._length * ya._length)));
  const width = Math.max(1, Math.round(xa._length * dpr));
  const height = Math.max(1, Math.round(ya._length * dpr));
  const box = { x: xa.range, y: ya.range };
  const pixels = landscapePixels(levels, slices.shape[1], layer.lut, layer.levels,
    { x: layer.x, y: layer.y }, box, width, height);
  const canvas = canvasFor(div);
  Object.assign(canvas.style, { left: `${xa._offset}px`, top: `${ya._offset}px`,
    width: `${xa._length}px`, height: `${ya._length}px`, clipPath: "none" });
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  canvas.getContext("2d").putImageData(new ImageData(pixels, width, height), 0, 0);
  cache.levels = levels;
  cache.range = range;
}

// Whether two blends of levels look the same: no cell moved by REPAINT or more.
function sameLevels(a, b) {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) >= REPAINT) return false;
  return true;
}
