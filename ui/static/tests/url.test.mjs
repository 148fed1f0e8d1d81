// The share link's query string as url.js rewrites it (withParams), and the page's memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adopt, onScreen, useContract, viewFromLabel, viewLabels, withParams } from "../url.js";

const DEFAULTS = { t: 0, view: "Heat map" };

test("a value is set in place, keeping the order of the other settings", () => {
  assert.equal(withParams("?preset=XOR&t=5&seed=3", { t: 10001 }, DEFAULTS), "?preset=XOR&t=10001&seed=3");
  assert.equal(withParams("?preset=XOR", { t: 7, view: "3D surface" }, DEFAULTS),
    "?preset=XOR&t=7&view=3D+surface");
});

test("a default value removes its key, and an absent default key stays absent", () => {
  assert.equal(withParams("?t=5&view=3D+surface&seed=2", { t: 0, view: "Heat map" }, DEFAULTS), "?seed=2");
  assert.equal(withParams("?seed=2", { t: 0 }, DEFAULTS), "?seed=2");
  assert.equal(withParams("", { t: 0, view: "Heat map" }, DEFAULTS), "");
  assert.equal(withParams("?", {}, DEFAULTS), "");
});

test("a key without a default is always written", () => {
  assert.equal(withParams("", { presenter: false }, DEFAULTS), "?presenter=false");
});

test("rows stay readable (commas and semicolons unescaped), other characters are encoded", () => {
  const data = "0,1,0;1,0,1;-0.5,2e3,1";
  assert.equal(withParams(`?data=${data}`, { t: 3 }, DEFAULTS), `?data=${data}&t=3`);
  assert.equal(withParams("", { view: "a&b=c" }, DEFAULTS), "?view=a%26b%3Dc");
  // What it writes reads back to the same values.
  const back = new URLSearchParams(withParams(`?data=${data}`, { t: 42, view: "3D surface" }, DEFAULTS));
  assert.equal(back.get("data"), data);
  assert.equal(back.get("t"), "42");
  assert.equal(back.get("view"), "3D surface");
});

test("the page adopts the server's step once per epoch, then keeps its own", () => {
  Object.assign(onScreen, { t: 0, view: null, epoch: null });
  assert.equal(adopt({ t: 42, epoch: 0 }), true);
  assert.equal(onScreen.t, 42);
  onScreen.t = 50; // the student stepped on
  assert.equal(adopt({ t: 42, epoch: 0 }), false); // a rerun that moved nothing
  assert.equal(onScreen.t, 50);
  assert.equal(adopt({ t: 7, epoch: 1 }), true); // the Walkthrough moved t
  assert.equal(onScreen.t, 7);
});

test("views are named by the settings table's labels, both ways", () => {
  useContract({ t: { default: 0, choices: {} },
                view: { default: "heatmap", choices: { heatmap: "Heat map", "3d": "3D surface" } } });
  assert.deepEqual(viewLabels(), { heatmap: "Heat map", "3d": "3D surface" });
  assert.equal(viewFromLabel("3D surface"), "3d");
  assert.equal(viewFromLabel("3d"), null);
  assert.equal(viewFromLabel(null), null);
});
