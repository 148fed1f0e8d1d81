// The teardown pattern every element of the page follows (dom.js): what a unit registers
// while it lives is released when it leaves, and only then.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Lifetime, mount } from "../dom.js";

class Target {
  constructor() { this.handlers = new Map(); }
  addEventListener(type, fn, options) { this.handlers.set(`${type}|${JSON.stringify(options)}`, fn); }
  removeEventListener(type, fn, options) {
    const key = `${type}|${JSON.stringify(options)}`;
    if (this.handlers.get(key) === fn) this.handlers.delete(key);
  }
}

globalThis.document ??= { createElement: () => ({}), head: { appendChild() {} } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test("a lifetime removes its listeners (same options), observers and timers, last first", () => {
  const doc = new Target();
  const win = new Target();
  const order = [];
  const observer = { observed: [], observe(t) { this.observed.push(t); }, disconnect() { order.push("observer"); } };
  const life = new Lifetime();
  life.listen(doc, "keydown", () => {});
  life.listen(doc, "pointerdown", () => {}, true);
  life.listen(win, "resize", () => {});
  life.observe(observer, "root");
  let fired = false;
  life.timeout(() => { fired = true; }, 1);
  life.add(() => order.push("last added"));
  assert.equal(doc.handlers.size, 2);
  life.end();
  assert.equal(doc.handlers.size, 0);
  assert.equal(win.handlers.size, 0);
  assert.deepEqual(observer.observed, ["root"]);
  assert.deepEqual(order, ["last added", "observer"]);
  assert.equal(life.ended, true);
  return tick().then(() => assert.equal(fired, false));
});

class Unit {
  static made = 0;
  constructor(parent, component) {
    Unit.made += 1;
    this.lifetime = new Lifetime();
    this.updates = [component.data];
    this.destroyed = 0;
  }
  update(component) { this.updates.push(component.data); }
  destroy() { this.destroyed += 1; this.lifetime.end(); }
}

test("one unit per element: updated on every run, destroyed once its element is gone", async () => {
  Unit.made = 0;
  const parentElement = { isConnected: true };
  const first = mount({ parentElement, data: 1 }, Unit);
  const cleanup = mount({ parentElement, data: 2 }, Unit);
  const unit = parentElement.__labUnit;
  assert.equal(Unit.made, 1);
  assert.deepEqual(unit.updates, [1, 1, 2]);
  first(); // a stale render's cleanup, called while the element stays: nothing happens
  await tick();
  assert.equal(unit.destroyed, 0);
  parentElement.isConnected = false; // the element left the page
  cleanup();
  cleanup(); // twice is still once
  await tick();
  assert.equal(unit.destroyed, 1);
  assert.equal(parentElement.__labUnit, undefined);
});
