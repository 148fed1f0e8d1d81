// A small GIF89a encoder: one 255-colour palette for the whole animation (median cut),
// LZW, frame delays, a NETSCAPE loop block, and a comment per frame (the step it shows,
// so a test can read it back). Pure: no DOM, tested in Node (tests/gif.test.mjs) and
// decoded by Pillow (tests/test_gif.py).
//
// Frames after the first send only what changed: the rectangle around the changed pixels,
// with unchanged pixels made transparent (index 255). A chart whose marks move a little
// costs a few hundred bytes a frame instead of a whole picture.
export const TRANSPARENT = 255;
const COLOURS = 255; // palette entries 0..254; 255 is transparent

// --- palette -----------------------------------------------------------------------------

// The colour of 5-bit bin key (r, g, b each 0..31), at the middle of its bin.
const binColour = (key) => [((key >> 10) & 31) * 8 + 4, ((key >> 5) & 31) * 8 + 4, (key & 31) * 8 + 4];
const binOf = (r, g, b) => ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);

// Up to `size` colours for the RGBA pixels given (several frames may be passed), by median
// cut over a 5-bit-per-channel histogram: the box with the most pixels is split at its pixel
// median along its widest channel. A box's colour is the mean of its pixels, so a picture of
// few colours (a chart's paper, ink and lines) keeps them exactly.
export function medianCut(pixelLists, size = COLOURS) {
  const counts = new Uint32Array(32768);
  const sums = new Float64Array(32768 * 3);
  for (const pixels of pixelLists) {
    for (let i = 0; i < pixels.length; i += 4) {
      const key = binOf(pixels[i], pixels[i + 1], pixels[i + 2]);
      counts[key]++;
      for (let c = 0; c < 3; c++) sums[key * 3 + c] += pixels[i + c];
    }
  }
  const bins = [];
  for (let key = 0; key < counts.length; key++) if (counts[key]) bins.push(key);
  const weight = (box) => box.reduce((sum, key) => sum + counts[key], 0);
  let boxes = [bins];
  while (boxes.length < size) {
    const splittable = boxes.filter((box) => box.length > 1);
    if (!splittable.length) break;
    const box = splittable.reduce((a, b) => (weight(b) > weight(a) ? b : a));
    const spans = [10, 5, 0].map((shift) => {
      const values = box.map((key) => (key >> shift) & 31);
      return [Math.max(...values) - Math.min(...values), shift];
    });
    const [, shift] = spans.reduce((a, b) => (b[0] > a[0] ? b : a));
    box.sort((a, b) => ((a >> shift) & 31) - ((b >> shift) & 31));
    const half = weight(box) / 2;
    let cut = 0;
    for (let seen = 0; cut < box.length - 1 && seen + counts[box[cut]] <= half; cut++) seen += counts[box[cut]];
    cut = Math.max(1, cut);
    boxes = boxes.filter((b) => b !== box).concat([box.slice(0, cut), box.slice(cut)]);
  }
  return boxes.map((box) => {
    const total = weight(box);
    const mean = [0, 0, 0];
    for (const key of box) for (let c = 0; c < 3; c++) mean[c] += sums[key * 3 + c];
    return mean.map((v) => Math.round(v / total));
  });
}

// Palette indices of RGBA pixels: the nearest palette colour, remembered per 5-bit bin.
export class Quantizer {
  constructor(palette) {
    this.palette = palette;
    this.memo = new Int16Array(32768).fill(-1);
  }

  nearest(key) {
    const [r, g, b] = binColour(key);
    let best = 0;
    let far = Infinity;
    this.palette.forEach(([pr, pg, pb], i) => {
      const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
      if (d < far) { far = d; best = i; }
    });
    this.memo[key] = best;
    return best;
  }

  indices(pixels) {
    const out = new Uint8Array(pixels.length / 4);
    for (let p = 0, i = 0; i < pixels.length; i += 4, p++) {
      const key = binOf(pixels[i], pixels[i + 1], pixels[i + 2]);
      const known = this.memo[key];
      out[p] = known >= 0 ? known : this.nearest(key);
    }
    return out;
  }
}

// --- LZW ---------------------------------------------------------------------------------

// The LZW table as one typed array indexed by (prefix code, next index): an entry holds its
// code and the generation it was made in, so starting the table again is a counter bump,
// not a clear of 4 MB. A frame of a third of a million pixels is a third of a million reads.
const table = new Int32Array(4096 * 256);
let generation = 0;

function freshTable() {
  generation++;
  if (generation >= 1 << 19) {
    table.fill(0);
    generation = 1;
  }
}

// GIF's LZW of palette indices: codes of growing width (up to 12 bits), packed LSB first;
// the table starts again (a clear code) when it is full.
export function lzw(indices, minCodeSize = 8) {
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let out = new Uint8Array(1024);
  let length = 0;
  let bits = 0;
  let held = 0;
  let size = minCodeSize + 1;
  let free = end + 1;
  const put = (byte) => {
    if (length === out.length) {
      const grown = new Uint8Array(length * 2);
      grown.set(out);
      out = grown;
    }
    out[length++] = byte;
  };
  const emit = (code) => {
    held |= code << bits;
    bits += size;
    for (; bits >= 8; bits -= 8, held >>>= 8) put(held & 255);
    if (free > (1 << size) - 1 && size < 12) size++;
  };
  freshTable();
  emit(clear);
  let prefix = indices[0];
  for (let i = 1; i < indices.length; i++) {
    const k = indices[i];
    const key = (prefix << 8) | k;
    const entry = table[key];
    if (entry >>> 12 === generation) { prefix = entry & 4095; continue; }
    emit(prefix);
    if (free < 4096) {
      table[key] = (generation << 12) | free++;
    } else {
      emit(clear);
      freshTable();
      free = end + 1;
      size = minCodeSize + 1;
    }
    prefix = k;
  }
  emit(prefix);
  emit(end);
  if (bits > 0) put(held & 255);
  return out.slice(0, length);
}

// Bytes cut into GIF sub-blocks (a length byte, up to 255 bytes), then the 0 terminator.
export function subBlocks(bytes) {
  const out = new Uint8Array(bytes.length + Math.ceil(bytes.length / 255) + 1);
  let at = 0;
  for (let from = 0; from < bytes.length; from += 255) {
    const part = bytes.subarray(from, from + 255);
    out[at++] = part.length;
    out.set(part, at);
    at += part.length;
  }
  return out; // its last byte is still 0: the terminator
}

// --- the file ----------------------------------------------------------------------------

const u16 = (v) => [v & 255, (v >> 8) & 255];
const ascii = (text) => Array.from(text, (c) => c.charCodeAt(0) & 127);

// The part of `indices` that changed since `previous`, unchanged pixels transparent.
export function changedRect(indices, previous, width, height) {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0, p = y * width; x < width; x++, p++) {
      if (indices[p] === previous[p]) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  if (right < 0) return { left: 0, top: 0, width: 1, height: 1, indices: Uint8Array.of(TRANSPARENT) };
  const w = right - left + 1;
  const h = bottom - top + 1;
  const part = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (top + y) * width + left + x;
      part[y * w + x] = indices[p] === previous[p] ? TRANSPARENT : indices[p];
    }
  }
  return { left, top, width: w, height: h, indices: part };
}

// An animated GIF built a frame at a time: add(indices, delay, comment), then bytes().
export class GifWriter {
  constructor(width, height, palette, { loop = 0 } = {}) {
    Object.assign(this, { width, height, parts: [], previous: null, size: 0 });
    const table = new Uint8Array(256 * 3);
    palette.slice(0, COLOURS).forEach((colour, i) => table.set(colour, i * 3));
    this.push([...ascii("GIF89a"), ...u16(width), ...u16(height), 0xf7, 0, 0]);
    this.push(table);
    this.push([0x21, 0xff, 11, ...ascii("NETSCAPE2.0"), 3, 1, ...u16(loop), 0]);
  }

  push(bytes) {
    const part = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    this.parts.push(part);
    this.size += part.length;
  }

  // One frame: palette indices of the whole picture, its delay in 1/100 s, a comment.
  add(indices, delay, comment = "") {
    const frame = this.previous
      ? changedRect(indices, this.previous, this.width, this.height)
      : { left: 0, top: 0, width: this.width, height: this.height, indices };
    this.previous = indices;
    if (comment) this.push([0x21, 0xfe, ...subBlocks(Uint8Array.from(ascii(comment)))]);
    // Graphic control: leave the frame in place (disposal 1), index 255 transparent.
    this.push([0x21, 0xf9, 4, (1 << 2) | 1, ...u16(delay), TRANSPARENT, 0]);
    this.push([0x2c, ...u16(frame.left), ...u16(frame.top), ...u16(frame.width), ...u16(frame.height), 0]);
    this.push([8]);
    this.push(subBlocks(lzw(frame.indices, 8)));
  }

  bytes() {
    const out = new Uint8Array(this.size + 1);
    let at = 0;
    for (const part of this.parts) { out.set(part, at); at += part.length; }
    out[at] = 0x3b;
    return out;
  }
}
