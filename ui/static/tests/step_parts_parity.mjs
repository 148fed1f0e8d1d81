// The update at chosen steps as step_parts.js forms it, printed as JSON for
// tests/test_js_step_parts.py to check against History.step(t). Not a test file itself:
//
//   node ui/static/tests/step_parts_parity.mjs RUN.bin 0,1,2,37
//
// Numbers travel as their exact bits (hex of the float64), so the test compares bit for bit.
import { readFileSync } from "node:fs";
import { decode } from "../payload.js";
import { stepParts } from "../step_parts.js";

const [file, stepList] = process.argv.slice(2);
const { header, arrays } = decode(new Uint8Array(readFileSync(file)));
const run = { id: header.id, meta: header.meta, arrays, charts: header.charts };
const bits = new DataView(new ArrayBuffer(8));
const hex = (value) => {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(hex);
  bits.setFloat64(0, value);
  return bits.getBigUint64(0).toString(16).padStart(16, "0");
};
const out = {};
for (const t of stepList.split(",").map(Number)) {
  const parts = stepParts(run, t);
  out[t] = Object.fromEntries(Object.entries(parts).map(([key, value]) => [key, key === "t" ? value : hex(value)]));
}
process.stdout.write(JSON.stringify(out));
