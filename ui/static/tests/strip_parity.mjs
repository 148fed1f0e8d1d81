// What the strip shows at chosen steps, printed as JSON for tests/test_js_strip.py to check
// against the engine's History. Not a test file itself (node --test does not pick it up):
//
//   node ui/static/tests/strip_parity.mjs RUN.bin 0,1,2,37
import { readFileSync } from "node:fs";
import { decode } from "../payload.js";
import { stripAt } from "../strip.js";

const [file, stepList] = process.argv.slice(2);
const { header, arrays } = decode(new Uint8Array(readFileSync(file)));
const run = { id: header.id, meta: header.meta, arrays, charts: header.charts };
const out = {};
for (const t of stepList.split(",").map(Number)) out[t] = stripAt(run, t);
process.stdout.write(JSON.stringify(out));
