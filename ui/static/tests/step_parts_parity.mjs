// The update at chosen steps as step_parts.js forms it, and what the landscape's arrows and the
// plane's rings show (placed as chart.js places them), printed as JSON for
// tests/test_js_step_parts.py to check against History.step(t). Not a test file itself:
//
//   node ui/static/tests/step_parts_parity.mjs RUN.bin 0,1,2,37
//
// Numbers travel as their exact bits (hex of the float64), so the test compares bit for bit.
// The arrows' scale is chosen on a stand-in for the chart's axes: 100 px per unit, 100 px of room.
import { readFileSync } from "node:fs";
import { placeMark } from "../marks.js";
import { decode } from "../payload.js";
import { arrowNotes, arrowSegments } from "../pulls.js";
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
const mark = (chart, kind) => run.charts[chart].marks.find((m) => m.kind === kind);
const axes = { x: (v) => 100 * v, y: (v) => -100 * v };
const out = {};
for (const t of stepList.split(",").map(Number)) {
  const parts = stepParts(run, t);
  out[t] = Object.fromEntries(Object.entries(parts).map(([key, value]) => [key, key === "t" ? value : hex(value)]));
  const { arrows } = placeMark(mark("landscape", "pulls"), run, t);
  const drawn = arrows && arrowSegments(arrows, axes, 100);
  out[t].arrows = arrows && {
    origin: hex(arrows.origin), step: hex(arrows.step), pulls: hex(arrows.pulls), other: hex(arrows.other),
    bias: arrows.bias && hex([arrows.bias.from, arrows.bias.to, arrows.bias.change]),
  };
  out[t].k = drawn ? drawn.k : null;
  out[t].notes = arrowNotes(arrows, out[t].k);
  out[t].misses = hex(placeMark(mark("heatmap", "misses"), run, t).misses);
}
process.stdout.write(JSON.stringify(out));
