// Expected strings are Python's own output for the same values (typed in by hand).
import { test } from "node:test";
import assert from "node:assert/strict";
import { general, fixed, percent, whole } from "../format.js";

test("general matches Python's .4g", () => {
  const cases = [
    [3.156896, "3.157"], [233.6104, "233.6"], [366.4, "366.4"], [6.4e-24, "6.4e-24"],
    [0.00012345, "0.0001234"], [0.000012345, "1.234e-05"], [12345.6, "1.235e+04"],
    [1234.4, "1234"], [0.5, "0.5"], [1, "1"], [0, "0"], [-0.25, "-0.25"], [1e100, "1e+100"],
    [0.1, "0.1"], [9.9996, "10"],
  ];
  for (const [x, text] of cases) assert.equal(general(x), text, String(x));
  assert.equal(general(NaN), "not a number");
  assert.equal(general(Infinity), "∞");
});

test("fixed matches Python's .6f for weights, and says what is not a number", () => {
  assert.equal(fixed(-0.16595599), "-0.165956");
  assert.equal(fixed(0.10288571), "0.102886");
  assert.equal(fixed(5.28321694), "5.283217");
  assert.equal(fixed(-1e-9), "-0.000000");
  assert.equal(fixed(-0, 8), "-0.00000000"); // f"{-0.0:.8f}": 0 × a negative delta
  assert.equal(fixed(0, 8), "0.00000000");
  assert.equal(fixed(NaN), "not a number");
  assert.equal(fixed(-Infinity), "−∞");
});

test("percent rounds half to even like Python, and whole groups thousands", () => {
  assert.equal(percent(1, 8), "12%"); // Python: f"{0.125:.0%}" == "12%"
  assert.equal(percent(3, 8), "38%"); // 37.5 -> 38 (even)
  assert.equal(percent(2, 4), "50%");
  assert.equal(percent(1, 3), "33%");
  assert.equal(whole(10001), "10,001");
  assert.equal(whole(0), "0");
});
