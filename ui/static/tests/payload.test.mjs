// Decoding a run blob as Streamlit hands it over: possibly a view at any offset into a
// bigger buffer, as Streamlit or fetch may hand it over. Blobs are built here byte by byte
// from the format views/payload.py documents, not by the code under test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, decodeArrays, row } from "../payload.js";

const ascii = (text) => new TextEncoder().encode(text);

// "PLAB", version 1, header length (padded so the arrays start 8-aligned), header, arrays.
function blob(arrays, meta = {}) {
  const layout = {};
  const chunks = [];
  let offset = 0;
  for (const [name, { dtype, shape, values }] of Object.entries(arrays)) {
    const Type = { f8: Float64Array, u2: Uint16Array, u1: Uint8Array }[dtype];
    const bytes = new Uint8Array(new Type(values).buffer);
    const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
    padded.set(bytes);
    layout[name] = { dtype, shape, offset };
    chunks.push(padded);
    offset += padded.length;
  }
  let header = JSON.stringify({ id: "hand-made", meta, charts: {}, signals: [], arrays: layout });
  header += " ".repeat((8 - ((12 + header.length) % 8)) % 8);
  const head = new Uint8Array(12);
  head.set(ascii("PLAB"));
  new DataView(head.buffer).setUint32(4, 1, true);
  new DataView(head.buffer).setUint32(8, header.length, true);
  const parts = [head, ascii(header), ...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

const ARRAYS = {
  weights: { dtype: "f8", shape: [3, 2], values: [-0.16595599, 0.44064899, 0.10288571, 0.15074416, 5.28321694, -5.28316892] },
  loss: { dtype: "f8", shape: [3], values: [Infinity, 0.5, NaN] },
  correct: { dtype: "u2", shape: [3], values: [0, 2, 65535] },
  slices: { dtype: "u1", shape: [1, 3, 3], values: [0, 1, 2, 3, 4, 5, 6, 7, 255] },
};

function check(decoded) {
  const { arrays } = decoded;
  assert.equal(decoded.header.id, "hand-made");
  assert.deepEqual(arrays.weights.shape, [3, 2]);
  assert.ok(arrays.weights.data instanceof Float64Array);
  assert.deepEqual(row(arrays.weights, 0), [-0.16595599, 0.44064899]);
  assert.deepEqual(row(arrays.weights, 2), [5.28321694, -5.28316892]);
  assert.deepEqual(row(arrays.loss, 0), [Infinity], "an infinity arrives as itself");
  assert.ok(Number.isNaN(row(arrays.loss, 2)[0]));
  assert.deepEqual(Array.from(arrays.correct.data), [0, 2, 65535]);
  assert.ok(arrays.correct.data instanceof Uint16Array);
  assert.deepEqual(row(arrays.correct, 1), [2]);
  assert.deepEqual(Array.from(arrays.slices.data), [0, 1, 2, 3, 4, 5, 6, 7, 255]);
}

test("a blob decodes to its header and arrays", () => {
  const decoded = decode(blob(ARRAYS, { last: 2 }));
  check(decoded);
  assert.deepEqual(decoded.header.meta, { last: 2 });
});

for (const shift of [1, 3, 4, 8]) {
  test(`a view at byteOffset ${shift} into a bigger buffer decodes the same`, () => {
    const bytes = blob(ARRAYS, {});
    const buffer = new ArrayBuffer(bytes.length + shift + 5);
    const view = new Uint8Array(buffer, shift, bytes.length);
    view.set(bytes);
    new Uint8Array(buffer).fill(0xab, 0, shift); // junk around the blob must not leak in
    new Uint8Array(buffer).fill(0xcd, shift + bytes.length);
    const decoded = decode(view);
    check(decoded);
  });
}

test("anything else is refused", () => {
  assert.throws(() => decode(ascii("PLAX0000000000000000")), /not a Perceptron Lab run/);
  assert.throws(() => decode(ascii("PLAB")), /not a Perceptron Lab run/);
  assert.throws(() => decode(new ArrayBuffer(16)), /not a Perceptron Lab run/);
});

test("row of a 1-D array is its value, of a 2-D array its columns", () => {
  const array = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] };
  assert.deepEqual(row(array, 1), [4, 5, 6]);
  assert.deepEqual(row({ data: new Float64Array([7, 8]), shape: [2] }, 1), [8]);
});

test("arrays sent as base64 beside a still figure decode to typed arrays", () => {
  const base64 = (typed) => Buffer.from(typed.buffer).toString("base64");
  const arrays = decodeArrays({
    slices: { dtype: "u1", shape: [1, 2, 2], bdata: base64(new Uint8Array([0, 7, 128, 255])) },
    slice_bias: { dtype: "f8", shape: [2], bdata: base64(new Float64Array([-0.5, Infinity])) },
  });
  assert.ok(arrays.slices.data instanceof Uint8Array);
  assert.deepEqual(Array.from(arrays.slices.data), [0, 7, 128, 255]);
  assert.deepEqual(arrays.slices.shape, [1, 2, 2]);
  assert.ok(arrays.slice_bias.data instanceof Float64Array);
  assert.deepEqual(row(arrays.slice_bias, 1), [Infinity]);
  assert.deepEqual(decodeArrays({}), {});
});
