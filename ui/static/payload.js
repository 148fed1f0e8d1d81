// A run as the server packs it (views/payload.py): "PLAB", version, header length, the
// header JSON, then each history array 8-byte aligned. Typed arrays are views on the
// received bytes: no copy, and NaN or Infinity arrive as themselves, which JSON could not.
const TYPES = { f8: Float64Array, u4: Uint32Array, u2: Uint16Array, u1: Uint8Array };
const text = new TextDecoder();

function magic(bytes, at) {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

export function decode(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12 || magic(bytes, 0) !== "PLAB") {
    throw new Error("not a Perceptron Lab run");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  const size = view.getUint32(8, true);
  const header = JSON.parse(text.decode(bytes.subarray(12, 12 + size)));
  // Typed arrays need aligned offsets: copy the array part once if the bytes are not aligned.
  let base = bytes.byteOffset + 12 + size;
  let buffer = bytes.buffer;
  if (base % 8 !== 0) {
    const copy = bytes.slice(12 + size, end);
    buffer = copy.buffer;
    base = 0;
  }
  const arrays = {};
  for (const [name, spec] of Object.entries(header.arrays)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    arrays[name] = { data: new TYPES[spec.dtype](buffer, base + spec.offset, count), shape: spec.shape };
  }
  return { header, arrays };
}

// Arrays sent as text beside a still figure (ui/figure.py): {dtype, shape, bdata}, the bytes
// in base64. Decoded to the {data, shape} a run's arrays have, so the same layer code reads them.
export function decodeArrays(specs) {
  const arrays = {};
  for (const [name, { dtype, shape, bdata }] of Object.entries(specs)) {
    const bytes = Uint8Array.from(atob(bdata), (c) => c.charCodeAt(0));
    arrays[name] = { data: new TYPES[dtype](bytes.buffer), shape };
  }
  return arrays;
}

// The run the server serves as a gzipped file (ui/stage.py): fetched once per URL, kept for
// a page switch and back (two at most, so a long session never piles runs up).
const runs = new Map();

export function fetchRun(url) {
  if (!runs.has(url)) {
    const loading = fetch(new URL(url.replace(/^\//, ""), document.baseURI))
      .then((response) => {
        if (!response.ok) throw new Error(`run ${url}: HTTP ${response.status}`);
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
      })
      .then((buffer) => decode(new Uint8Array(buffer)));
    loading.catch(() => runs.delete(url));
    runs.set(url, loading);
    while (runs.size > 2) runs.delete(runs.keys().next().value);
  }
  return runs.get(url);
}

// Row t of a 2-D array (or the value of a 1-D one) as plain numbers.
export function row(array, t) {
  const width = array.shape.length > 1 ? array.shape[1] : 1;
  return Array.from(array.data.subarray(t * width, (t + 1) * width));
}
