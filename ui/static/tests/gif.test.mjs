// The GIF encoder's pure parts against bytes worked out by hand, and the animation's
// frame schedule against Play's own clock (player.js). Pillow decodes real files in
// tests/test_gif.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GifWriter, Quantizer, TRANSPARENT, changedRect, lzw, medianCut, subBlocks } from "../gif.js";
import { schedule } from "../animation.js";
import { SPEEDS, fractionAt, stepAt } from "../player.js";

// LZW by hand, four 0s with 2-bit colours: clear = 4, end = 5, codes of 3 bits.
// Codes: 4 (clear), 0, 6 (= "0 0", added after the first 0), 0, then 5 (end). Entry 7 is
// added with the third code, so the table's next free code is 8 and the end code takes
// 4 bits. LSB first: 100 000 011 000 1010 → bytes 0b10000100, 0b01010001.
test("lzw of four zeros at code size 2 matches the hand-packed bits", () => {
  assert.deepEqual([...lzw(Uint8Array.of(0, 0, 0, 0), 2)], [0x84, 0x51]);
});

// The same at code size 8 (clear = 256, end = 257, 9-bit codes): 256, 0, 258, 0, 257.
test("lzw at code size 8 packs 9-bit codes", () => {
  assert.deepEqual([...lzw(Uint8Array.of(0, 0, 0, 0))], [0x00, 0x01, 0x08, 0x04, 0x10, 0x10]);
  // One pixel of index 1: 256, 1, 257 → bits 8, 9, 18 and 26 set.
  assert.deepEqual([...lzw(Uint8Array.of(1))], [0x00, 0x03, 0x04, 0x04]);
});

test("sub-blocks are at most 255 bytes and end with a 0", () => {
  const out = subBlocks(new Uint8Array(300).fill(7));
  assert.equal(out.length, 1 + 255 + 1 + 45 + 1);
  assert.equal(out[0], 255);
  assert.equal(out[256], 45);
  assert.equal(out[out.length - 1], 0);
});

test("median cut keeps a picture's few colours exactly, and maps pixels to them", () => {
  const pixels = Uint8ClampedArray.of(0, 0, 0, 255, 255, 255, 255, 255, 0, 114, 178, 255, 0, 0, 0, 255);
  const palette = medianCut([pixels]);
  assert.equal(palette.length, 3);
  for (const colour of [[0, 0, 0], [255, 255, 255], [0, 114, 178]]) {
    assert.ok(palette.some((p) => p.join() === colour.join()), `${colour} in ${JSON.stringify(palette)}`);
  }
  const indices = new Quantizer(palette).indices(pixels);
  assert.deepEqual([...indices].map((i) => palette[i].join()), ["0,0,0", "255,255,255", "0,114,178", "0,0,0"]);
});

test("a later frame sends only the changed rectangle, the rest transparent", () => {
  const before = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0);
  const after = Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0, 1);
  assert.deepEqual(changedRect(after, before, 3, 3),
    { left: 1, top: 1, width: 2, height: 2, indices: Uint8Array.of(1, TRANSPARENT, TRANSPARENT, 1) });
  assert.deepEqual(changedRect(after, after, 3, 3),
    { left: 0, top: 0, width: 1, height: 1, indices: Uint8Array.of(TRANSPARENT) });
});

// A whole 2×2, two-frame file, byte by byte.
test("a two-frame GIF89a, byte by byte", () => {
  const writer = new GifWriter(2, 2, [[0, 0, 0], [255, 255, 255]]);
  writer.add(Uint8Array.of(0, 0, 0, 0), 10, "step 0");
  writer.add(Uint8Array.of(0, 1, 0, 0), 250, "step 1");
  const bytes = [...writer.bytes()];
  const table = new Array(768).fill(0);
  table.splice(3, 3, 255, 255, 255);
  const ascii = (text) => [...text].map((c) => c.charCodeAt(0));
  const expected = [
    ...ascii("GIF89a"), 2, 0, 2, 0, 0xf7, 0, 0, ...table,
    0x21, 0xff, 11, ...ascii("NETSCAPE2.0"), 3, 1, 0, 0, 0,
    0x21, 0xfe, 6, ...ascii("step 0"), 0,
    0x21, 0xf9, 4, 0b101, 10, 0, 255, 0,
    0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0, 8, 6, 0x00, 0x01, 0x08, 0x04, 0x10, 0x10, 0,
    0x21, 0xfe, 6, ...ascii("step 1"), 0,
    0x21, 0xf9, 4, 0b101, 250, 0, 255, 0,
    0x2c, 1, 0, 0, 0, 1, 0, 1, 0, 0, 8, 4, 0x00, 0x03, 0x04, 0x04, 0,
    0x3b,
  ];
  assert.deepEqual(bytes, expected);
});

test("the schedule is Play's log-time sweep, 10 s long, from step 0 to the last", () => {
  const frames = schedule(10001);
  assert.equal(frames.reduce((sum, f) => sum + f.delay, 0), 1000);
  assert.equal(frames[0].step, 0);
  assert.equal(frames[frames.length - 1].step, 10001);
  assert.equal(frames.length, 90);
  for (let i = 1; i < frames.length; i++) assert.ok(frames[i].step > frames[i - 1].step);
  // Frame i is where Play at Normal speed is after i/89 of its run: its time, scaled.
  frames.slice(0, -1).forEach(({ step }, i) => {
    assert.equal(step, stepAt(10001, (i * 0.1) / 8.9));
    assert.ok(Math.abs(fractionAt(10001, step) * SPEEDS.Normal - (i * 0.1 * SPEEDS.Normal) / 8.9) < 0.2);
  });
});

test("a short run merges repeated steps, and a run of one step is one still frame", () => {
  const frames = schedule(3);
  assert.deepEqual(frames.map((f) => f.step), [0, 1, 2, 3]);
  assert.equal(frames.reduce((sum, f) => sum + f.delay, 0), 1000);
  assert.deepEqual(schedule(0), [{ step: 0, delay: 1000 }]);
});
