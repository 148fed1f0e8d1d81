// Pure geometry and pixels, checked against hand-computed values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boundarySegment, labelCorner, nearestSlice, resolve, placeMark } from "../marks.js";
import { blendLevels, fieldPixels, landscapePixels, sliceBlend, slicePixels } from "../field.js";
import { sheet } from "../surface3d.js";

const close = (a, b, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("the boundary of x1 − x2 = 0 is the box's diagonal", () => {
  const [p, q] = boundarySegment(1, -1, 0, [-0.25, 1.25], [-0.25, 1.25]);
  for (const [x, y] of [p, q]) close(x, y);
  close(Math.hypot(p[0] - q[0], p[1] - q[1]), Math.SQRT2 * 1.5);
});

test("a boundary outside the box, or with zero weights, is absent", () => {
  assert.equal(boundarySegment(1, 1, 10, [0, 1], [0, 1]), null);
  assert.equal(boundarySegment(0, 0, 1, [0, 1], [0, 1]), null);
  const [p, q] = boundarySegment(2, 0, -1, [0, 1], [0, 1]); // the vertical line x = 0.5
  close(p[0], 0.5);
  close(q[0], 0.5);
});

const run = {
  meta: { bias: true },
  arrays: {
    weights: { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] },
    loss: { data: new Float64Array([0.5, 0]), shape: [2] },
    predictions: { data: new Float64Array([0.25, 0.75, 0.5, 1]), shape: [2, 2] },
  },
};

test("references read row t of the history, minus targets, floored for log axes", () => {
  assert.deepEqual(resolve({ step: 1 }, run.arrays, 7), [8]);
  assert.deepEqual(resolve({ array: "weights", cols: [0, 1] }, run.arrays, 1), [4, 5]);
  assert.deepEqual(resolve({ array: "predictions", cols: [0, 1], minus: [0, 1] }, run.arrays, 0), [0.25, -0.25]);
  assert.deepEqual(resolve({ array: "loss", floor: 1e-12 }, run.arrays, 1), [1e-12]);
});

test("a trail is the exact last steps, and a boundary mark reads w1, w2 and b", () => {
  const trail = placeMark({ kind: "trail", length: 5, x: { array: "weights", cols: [0] },
    y: { array: "weights", cols: [1] } }, run, 1);
  assert.deepEqual(trail.trail, [[1, 2], [4, 5]]);
  assert.deepEqual(placeMark({ kind: "boundary" }, run, 1).plane, { w1: 4, w2: 5, b: 6 });
});

test("the nearest slice is found by bias", () => {
  assert.equal(nearestSlice([-1, 0, 1, 2], 0.4), 1);
  assert.equal(nearestSlice([-1, 0, 1, 2], 9), 3);
  assert.equal(nearestSlice([0], -5), 0);
});

test("the field is coloured by σ(w·x + b): the colour table's middle on the boundary", () => {
  const lut = [];
  for (let i = 0; i < 256; i++) lut.push(i, 255 - i, 0);
  // w = (1, 0), b = −0.5: the boundary is x = 0.5; left half low, right half high.
  const pixels = fieldPixels(1, 0, -0.5, [0, 1], [0, 1], lut, 6, 4);
  const red = (r, c) => pixels[(r * 4 + c) * 4];
  // Column centres x = 0.125 … 0.875: logits −0.375 … 0.375 → indices round((l + 6) / 12 · 255).
  assert.equal(red(0, 0), Math.round(((-0.375 + 6) / 12) * 255));
  assert.equal(red(3, 3), Math.round(((0.375 + 6) / 12) * 255));
  assert.equal(red(0, 1), red(3, 1), "x2 does not matter when w2 = 0");
  assert.equal(pixels[3], 255);
});

test("a slice is interpolated then banded, top row = highest w2", () => {
  const lut = [];
  for (let i = 0; i < 256; i++) lut.push(i, i, i);
  const levels = new Uint8Array([0, 0, 255, 255]); // grid 2: w2 low row 0, high row 255
  const { pixels, side } = slicePixels(levels, 2, lut, 2, 2);
  assert.equal(side, 3);
  const grey = (r) => pixels[r * side * 4];
  assert.equal(grey(0), Math.round(0.75 * 255)); // top: high band
  assert.equal(grey(2), Math.round(0.25 * 255)); // bottom: low band
});

test("the 3D sheet is σ(w1·x + w2·y + b) with rows along y", () => {
  const z = sheet(2, -1, 0.5, [0, 1], [0, 1, 2]);
  assert.equal(z.length, 3);
  close(z[0][0], 1 / (1 + Math.exp(-0.5)));
  close(z[2][1], 1 / (1 + Math.exp(-(2 - 2 + 0.5))));
  close(sheet(1000, 0, 0, [-1], [0])[0][0], 0);
});

test("the landscape follows b: the two slices around it, mixed by how far b is between them", () => {
  assert.deepEqual(sliceBlend([-1, 0, 1, 2], 0.25), { lo: 1, hi: 2, mix: 0.25 });
  assert.deepEqual(sliceBlend([-1, 0, 1, 2], 0), { lo: 0, hi: 1, mix: 1 });
  assert.deepEqual(sliceBlend([-1, 0, 1, 2], -3), { lo: 0, hi: 0, mix: 0 });
  assert.deepEqual(sliceBlend([-1, 0, 1, 2], 9), { lo: 3, hi: 3, mix: 0 });
  assert.deepEqual(sliceBlend([0], 5), { lo: 0, hi: 0, mix: 0 });
  const slices = { data: new Uint8Array([0, 0, 0, 0, 100, 200, 40, 0]), shape: [2, 2, 2] };
  // As fractions of the byte's range: 25/256 …
  assert.deepEqual(Array.from(blendLevels(slices, { lo: 0, hi: 1, mix: 0.25 })), [25 / 256, 50 / 256, 10 / 256, 0]);
  const fine = { data: new Uint16Array([0, 65535, 32768, 0]), shape: [1, 2, 2] };
  assert.deepEqual(Array.from(blendLevels(fine, { lo: 0, hi: 0, mix: 0 })), [0, Math.fround(65535 / 65536), 0.5, 0]);
});

test("the landscape is computed per screen pixel: bands with edges blended over a pixel", () => {
  const lut = [];
  for (let i = 0; i < 256; i++) lut.push(i, i, i);
  // A ramp along w1 over a 2 × 2 grid, 2 bands: the edge at level 0.5 is at w1 = 0.5.
  const levels = new Float32Array([0, 1, 0, 1]);
  const unit = { x: [0, 1], y: [0, 1] };
  const width = 101; // column 50's centre is on the edge
  const pixels = landscapePixels(levels, 2, lut, 2, unit, unit, width, 1);
  const grey = (c) => pixels[c * 4];
  const low = Math.round(0.25 * 255);
  const high = Math.round(0.75 * 255);
  assert.equal(grey(10), low);
  assert.equal(grey(90), high);
  // The pixel on the edge is half of each band; its neighbours lie wholly in theirs.
  assert.equal(grey(50), Math.round((low + high) / 2));
  const blended = Array.from({ length: width }, (_, c) => grey(c)).filter((v) => v !== low && v !== high);
  assert.equal(blended.length, 1);
  for (let c = 1; c < width; c++) assert.ok(grey(c) >= grey(c - 1));
  // Outside the grid's window the layer is transparent.
  const wide = landscapePixels(levels, 2, lut, 2, unit, { x: [-1, 1], y: [0, 1] }, 4, 1);
  assert.deepEqual([wide[3], wide[7], wide[11], wide[15]], [0, 0, 255, 255]);
});

test("a chart's words go to the corner where they hide the fewest marks", () => {
  const area = { left: 0, right: 200, top: 0, bottom: 100 };
  assert.deepEqual(labelCorner(area, 50, 20, []), { x: 144, y: 6 }, "top right by default");
  const line = Array.from({ length: 21 }, (_, i) => [150 + i * 2, i]); // across the top right
  assert.deepEqual(labelCorner(area, 50, 20, line), { x: 6, y: 6 });
  const both = [...line, [20, 10]]; // and a marker at the top left
  assert.deepEqual(labelCorner(area, 50, 20, both), { x: 144, y: 74 });
});
