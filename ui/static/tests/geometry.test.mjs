// Pure geometry and pixels, checked against hand-computed values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boundarySegment, nearestSlice, resolve, placeMark } from "../marks.js";
import { fieldPixels, slicePixels } from "../field.js";
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
