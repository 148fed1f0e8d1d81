// Chart colours against WCAG 2's published formulas and worked values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { contrast, luminance, parseColour, themedLayout } from "../theme.js";

const WHITE = { r: 255, g: 255, b: 255 };
const BLACK = { r: 0, g: 0, b: 0 };
const close = (a, b, tol) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("relative luminance: black 0, white 1, and mid grey by hand", () => {
  assert.equal(luminance(BLACK), 0);
  close(luminance(WHITE), 1, 1e-12);
  // #777: (119/255 + 0.055) / 1.055 = 0.49443…, to the 2.4th power = 0.18447.
  close(luminance({ r: 119, g: 119, b: 119 }), 0.18447, 5e-5);
  // Pure primaries weigh 0.2126, 0.7152 and 0.0722.
  close(luminance({ r: 255, g: 0, b: 0 }), 0.2126, 1e-12);
  close(luminance({ r: 0, g: 255, b: 0 }), 0.7152, 1e-12);
  close(luminance({ r: 0, g: 0, b: 255 }), 0.0722, 1e-12);
});

test("contrast ratios: black on white 21:1, #777 on white 4.48:1, in either order", () => {
  close(contrast(BLACK, WHITE), 21, 1e-9);
  close(contrast(WHITE, BLACK), 21, 1e-9);
  const grey = { r: 119, g: 119, b: 119 };
  close(contrast(grey, WHITE), 4.48, 0.005);
  assert.ok(contrast(grey, WHITE) < 4.5, "#777 on white just fails AA for body text");
  close(contrast({ r: 118, g: 118, b: 118 }, WHITE), 4.54, 0.005); // #767676: the usual AA grey
  assert.equal(contrast(grey, grey), 1);
});

test("CSS colours are parsed in comma and space syntax", () => {
  assert.deepEqual(parseColour("rgb(14, 17, 23)"), { r: 14, g: 17, b: 23, a: 1 });
  assert.deepEqual(parseColour("rgba(250,250,250,0.5)"), { r: 250, g: 250, b: 250, a: 0.5 });
  assert.deepEqual(parseColour("rgb(1 2 3 / 0.25)"), { r: 1, g: 2, b: 3, a: 0.25 });
  assert.equal(parseColour("transparent"), null);
  assert.equal(parseColour(undefined), null);
});

const dark = { paper: { r: 14, g: 17, b: 23 }, ink: { r: 250, g: 250, b: 250 }, dark: true };

test("every 2-D axis and every scene axis gets the ink colour", () => {
  const layout = {
    font: { size: 13 },
    xaxis: { title: { text: "w1" }, range: [0, 1] },
    yaxis: { title: { text: "w2" } },
    xaxis2: { type: "log" },
    yaxis12: {},
    scene: { xaxis: { range: [0, 1] }, zaxis: { title: { text: "output" } }, aspectmode: "cube" },
    legend: { orientation: "h" },
  };
  const before = JSON.stringify(layout);
  const out = themedLayout(layout, dark);
  const ink = "rgba(250,250,250,1)";
  for (const key of ["xaxis", "yaxis", "xaxis2", "yaxis12"]) {
    assert.equal(out[key].color, ink, key);
    assert.ok(out[key].gridcolor.startsWith("rgba(250,250,250,"), key);
  }
  for (const key of ["xaxis", "yaxis", "zaxis"]) { // yaxis was absent from the scene
    assert.equal(out.scene[key].color, ink, `scene.${key}`);
    assert.equal(out.scene[key].backgroundcolor, "rgba(0,0,0,0)");
  }
  assert.equal(out.font.color, ink);
  assert.equal(out.font.size, 13);
  assert.equal(out.hoverlabel.bgcolor, "rgba(14,17,23,1)");
  assert.equal(out.hoverlabel.font.color, ink);
  // What the chart said is kept; only colours are added; the input is not changed.
  assert.deepEqual(out.xaxis.range, [0, 1]);
  assert.equal(out.xaxis2.type, "log");
  assert.deepEqual(out.scene.xaxis.range, [0, 1]);
  assert.equal(out.scene.zaxis.title.text, "output");
  assert.equal(out.scene.aspectmode, "cube");
  assert.deepEqual(out.legend, { orientation: "h" });
  assert.equal(JSON.stringify(layout), before);
});

test("grid lines are fainter on a light page than on a dark one, and never the ink itself", () => {
  const light = { paper: WHITE, ink: { r: 49, g: 51, b: 63 }, dark: false };
  const alpha = (colour) => Number(/,([\d.]+)\)$/.exec(colour)[1]);
  const onLight = themedLayout({ xaxis: {} }, light).xaxis.gridcolor;
  const onDark = themedLayout({ xaxis: {} }, dark).xaxis.gridcolor;
  assert.ok(alpha(onLight) < alpha(onDark) && alpha(onDark) < 1);
  assert.equal(themedLayout({}, light).scene, undefined, "no scene is made up for a 2-D chart");
});
