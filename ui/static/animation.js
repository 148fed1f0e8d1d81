// The run as an animated GIF, made in the browser: each chart's still figure is drawn by
// Plotly once, off screen; each frame then paints the page background, the chart's canvas
// layer at step t, that still picture, the marks at step t and a caption "step N · loss L",
// all from the run's history, and gif.js encodes it. The page on screen is never touched.
import { fieldPixels, slicePixels } from "./field.js";
import { general, whole } from "./format.js";
import { GifWriter, medianCut, Quantizer } from "./gif.js";
import { image } from "./export.js";
import { strokeLines } from "./lines.js";
import { boundarySegment, nearestSlice, placeMark, planeWeights, projector } from "./marks.js";
import { row } from "./payload.js";
import { stepAt } from "./player.js";
import { themedLayout } from "./theme.js";

// The three views side by side; a 3D view animates as the plane (its sheet is WebGL's).
const CHARTS = ["heatmap", "landscape", "loss"];
const [WIDTH, HEIGHT] = [360, 340]; // one chart's plot, px
const TITLE = 24;
const CAPTION = 30;

// Which step each frame shows and for how long (1/100 s): Play's log-time sweep, compressed
// to `seconds` less a last frame held for `hold` seconds, at `fps`. Equal steps merge.
export function schedule(last, { seconds = 10, fps = 10, hold = 1 } = {}) {
  const count = Math.round((seconds - hold) * fps);
  const delay = Math.round(100 / fps);
  const frames = [];
  for (let i = 0; i < count; i++) {
    const step = stepAt(last, count > 1 ? i / (count - 1) : 1);
    const previous = frames[frames.length - 1];
    if (previous && previous.step === step) previous.delay += delay;
    else frames.push({ step, delay });
  }
  frames[frames.length - 1].delay += Math.round(hold * 100);
  return frames;
}

const rgb = ({ r, g, b }, alpha = 1) => `rgba(${r},${g},${b},${alpha})`;

// A chart's still figure, drawn once off screen: its picture and its axes (kept until purged).
async function still(Plotly, spec, colours, width, height) {
  const div = document.createElement("div");
  div.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(div);
  const { title, ...rest } = spec.figure.layout;
  const layout = { ...themedLayout(rest, colours), width, height, autosize: false,
    margin: { ...(rest.margin || {}), t: 6 } };
  // A copy of the traces: Plotly writes into what it is given, and the page's chart holds these.
  const data = structuredClone(spec.figure.data);
  await Plotly.newPlot(div, data, layout, { staticPlot: true, displayModeBar: false });
  // Its margins fixed as drawn: toImage lays the figure out again, and with room made by
  // automargin its plot area could differ from the one the layers are placed on.
  const { l, r, t, b } = div._fullLayout._size;
  await Plotly.relayout(div, { margin: { l, r, t, b, autoexpand: false } });
  const url = await Plotly.toImage(div, { format: "png", width, height, scale: 1 });
  return { div, spec, width, height, title: title ? title.text : "", picture: await image(url), cache: {} };
}

// The layer field.js draws on the page, here on the frame: same pixels, same place.
function paintLayer(context, panel, layer, run, t) {
  const { xaxis: xa, yaxis: ya } = panel.div._fullLayout;
  let pixels;
  let side = 128;
  let box = [xa.range, ya.range];
  if (layer.kind === "field") {
    const { w1, w2, b } = planeWeights(run, t);
    if (![w1, w2, b].every(Number.isFinite)) return;
    pixels = fieldPixels(w1, w2, b, xa.range, ya.range, layer.lut, layer.span, side);
  } else if (layer.kind === "slices") {
    const slices = run.arrays.slices;
    const [count, grid] = slices.shape;
    const index = count > 1 ? nearestSlice(run.arrays.slice_bias.data, planeWeights(run, t).b) : 0;
    if (panel.cache.slice !== index) {
      const levels = slices.data.subarray(index * grid * grid, (index + 1) * grid * grid);
      panel.cache = { slice: index, ...slicePixels(levels, grid, layer.lut, layer.levels) };
    }
    ({ pixels, side } = panel.cache);
    box = [layer.x, layer.y];
  } else return;
  const tile = document.createElement("canvas");
  tile.width = side;
  tile.height = side;
  tile.getContext("2d").putImageData(new ImageData(pixels, side, side), 0, 0);
  const p = projector(panel.div);
  const [left, right] = box[0].map((v) => xa._offset + xa.c2p(v));
  const [bottom, top] = box[1].map((v) => ya._offset + ya.c2p(v));
  context.save();
  context.beginPath();
  context.rect(p.area.left, p.area.top, p.area.right - p.area.left, p.area.bottom - p.area.top);
  context.clip();
  context.drawImage(tile, left, top, right - left, bottom - top);
  context.restore();
}

function stroke(context, points, colour, width, dash = []) {
  context.beginPath();
  points.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
  Object.assign(context, { strokeStyle: colour, lineWidth: width, lineJoin: "round" });
  context.setLineDash(dash);
  context.stroke();
  context.setLineDash([]);
}

// marks.js's marks, painted on a canvas instead of an SVG layer.
const PAINT = {
  vline(c, mark, at, p) {
    const x = p.x(at.x[0]);
    if (Number.isFinite(x)) stroke(c, [[x, p.area.top], [x, p.area.bottom]], mark.color, mark.width, mark.dash ? [3, 3] : []);
  },
  points(c, mark, at, p) {
    at.y.forEach((y, i) => {
      const [cx, cy] = [p.x(at.x[at.x.length === 1 ? 0 : i]), p.y(y)];
      if (!Number.isFinite(cx) || !Number.isFinite(cy)) return;
      c.beginPath();
      c.arc(cx, cy, mark.size / 2, 0, 2 * Math.PI);
      c.fillStyle = mark.colors[i % mark.colors.length];
      c.fill();
      if (!mark.outline) return;
      Object.assign(c, { strokeStyle: mark.outline, lineWidth: mark.outlineWidth });
      c.stroke();
    });
  },
  trail(c, mark, at, p) {
    const points = at.trail.map(([x, y]) => [p.x(x), p.y(y)]).filter((xy) => xy.every(Number.isFinite));
    c.globalAlpha = 0.8;
    stroke(c, points, mark.color, mark.width);
    c.globalAlpha = 1;
  },
  boundary(c, mark, at, p) {
    const { w1, w2, b } = at.plane;
    const segment = boundarySegment(w1, w2, b, p.xRange, p.yRange);
    if (segment) stroke(c, segment.map(([x, y]) => [p.x(x), p.y(y)]), mark.color, mark.width, mark.dash ? [8, 5] : []);
  },
  label(c, mark, at, p, colours) {
    Object.assign(c, { font: `${mark.size}px sans-serif`, textAlign: "right", lineJoin: "round",
      strokeStyle: rgb(colours.paper, 0.75), lineWidth: 4, fillStyle: rgb(colours.ink) });
    c.strokeText(at.text, p.area.right - 6, p.area.top + mark.size + 4);
    c.fillText(at.text, p.area.right - 6, p.area.top + mark.size + 4);
    c.textAlign = "left";
  },
};

function paintPanel(context, panel, run, t, colours) {
  context.fillStyle = rgb(colours.ink);
  context.font = "600 15px sans-serif";
  context.fillText(panel.title, 6, 17, panel.width - 12);
  context.save();
  context.translate(0, TITLE);
  for (const layer of panel.spec.layers || []) paintLayer(context, panel, layer, run, t);
  context.drawImage(panel.picture, 0, 0, panel.width, panel.height);
  const p = projector(panel.div);
  for (const layer of panel.spec.layers || []) if (layer.kind === "lines") strokeLines(context, layer, run, p);
  context.save();
  context.beginPath();
  context.rect(0, 0, panel.width, panel.height);
  context.clip();
  for (const mark of panel.spec.marks.filter((m) => !m.trace && PAINT[m.kind])) {
    PAINT[mark.kind](context, mark, placeMark(mark, run, t), p, colours);
  }
  context.restore();
  context.restore();
}

export function caption(run, t) {
  return `step ${whole(t)} of ${whole(run.meta.last)} · loss ${general(row(run.arrays.loss, t)[0])}`;
}

const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

// The GIF of the three views as a Blob, or null once `cancelled()` says so. One frame per
// chunk of work, so the page keeps answering while it is made.
export async function makeAnimation({ run, Plotly, colours, onProgress = () => {}, cancelled = () => false }) {
  const [width, height] = [WIDTH, HEIGHT];
  const panels = [];
  try {
    for (const name of CHARTS) panels.push(await still(Plotly, run.charts[name], colours, width, height));
    const canvas = document.createElement("canvas");
    canvas.width = width * CHARTS.length;
    canvas.height = TITLE + height + CAPTION;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const draw = (t) => {
      context.fillStyle = rgb(colours.paper);
      context.fillRect(0, 0, canvas.width, canvas.height);
      panels.forEach((panel, i) => {
        context.save();
        context.translate(i * width, 0);
        paintPanel(context, panel, run, t, colours);
        context.restore();
      });
      Object.assign(context, { fillStyle: rgb(colours.ink), font: "600 17px sans-serif", textAlign: "center" });
      context.fillText(caption(run, t), canvas.width / 2, canvas.height - 10);
      context.textAlign = "left";
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const frames = schedule(run.meta.last);
    const samples = [0, frames[frames.length >> 1].step, run.meta.last].map(draw);
    const palette = medianCut(samples);
    const quantizer = new Quantizer(palette);
    const writer = new GifWriter(canvas.width, canvas.height, palette);
    for (const [i, { step, delay }] of frames.entries()) {
      if (cancelled()) return null;
      writer.add(quantizer.indices(draw(step)), delay, `step ${step}`);
      onProgress((i + 1) / frames.length);
      await breathe();
    }
    return new Blob([writer.bytes()], { type: "image/gif" });
  } finally {
    for (const panel of panels) {
      Plotly.purge(panel.div);
      panel.div.remove();
    }
  }
}
