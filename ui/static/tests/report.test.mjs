import { test } from "node:test";
import assert from "node:assert/strict";
import { withParams } from "../report.js";

test("the URL keeps other settings, drops defaults and keeps data readable", () => {
  const defaults = { t: 0, view: "heatmap" };
  assert.equal(withParams("?seed=7&data=0,1,0;1,0,1", { t: 42, view: "heatmap" }, defaults),
    "?seed=7&data=0,1,0;1,0,1&t=42");
  assert.equal(withParams("?seed=7&t=42", { t: 0 }, defaults), "?seed=7");
  assert.equal(withParams("?t=5", { t: 0, view: "heatmap" }, defaults), "");
  assert.equal(withParams("", { view: "3D surface" }, { view: "Heat map" }), "?view=3D+surface");
});
