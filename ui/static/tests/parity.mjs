// What the page shows at chosen steps, printed as JSON for tests/test_js.py to check against
// the engine's History. Not a test file itself (node --test does not pick it up):
//
//   node ui/static/tests/parity.mjs RUN.bin 0,1,2,37,10001
//
// RUN.bin is a blob from views.payload (as the page gets it, unzipped). The run is
// built exactly as stage.js builds it, and only the real modules compute the output.
import { readFileSync } from "node:fs";
import { decode } from "../payload.js";
import { numbersAt, rowsAt } from "../readout.js";
import { placeMark } from "../marks.js";
import { sheetUpdate } from "../surface3d.js";

const [file, stepList] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const { header, arrays } = decode(bytes);
const run = { id: header.id, meta: header.meta, arrays, charts: header.charts };
const steps = stepList.split(",").map(Number);

const out = { id: run.id, last: run.meta.last, steps: {} };
for (const t of steps) {
  // As chart.js splits them: marks naming a trace restyle the 3D chart, the rest are placed.
  const marks = {};
  for (const [name, chart] of Object.entries(run.charts)) {
    marks[name] = chart.marks.filter((mark) => !mark.trace)
      .map((mark) => ({ kind: mark.kind, at: placeMark(mark, run, t) }));
  }
  // The 3D chart's restyle, with its figure's traces standing in for Plotly's div.
  const surface = run.charts.surface;
  const div = { data: surface.figure.data };
  const sheet = sheetUpdate(div, surface.marks.filter((mark) => mark.trace), run, t);
  out.steps[t] = { numbers: numbersAt(run, t), rows: rowsAt(run, t), marks, sheet };
}

// JSON has no Infinity or NaN: spell them out so the test can tell them from a gap.
const special = (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? `#${value}` : value;
process.stdout.write(JSON.stringify(out, special));
