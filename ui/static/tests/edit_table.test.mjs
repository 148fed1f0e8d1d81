// The plane editor's logic without a browser: tables, snapping, hit tests, what is still on
// its way, undo levels, and the throttle that sends a dragged row at most every 150 ms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Throttle, Undo, added, hitRow, inside, moved, pending, removed, sameTable, snap,
  toData } from "../edit_table.js";

const NOTEBOOK = [[0, 1, 0], [0, 1, 0], [1, 0, 1], [1, 0, 1]];

test("each edit makes a new table and leaves the old one as it was", () => {
  const before = NOTEBOOK.map((row) => [...row]);
  assert.deepEqual(added(NOTEBOOK, [0.5, 0.5, 1]), [...NOTEBOOK, [0.5, 0.5, 1]]);
  assert.deepEqual(removed(NOTEBOOK, 1), [[0, 1, 0], [1, 0, 1], [1, 0, 1]]);
  assert.deepEqual(moved(NOTEBOOK, 2, 0.25, 0.75), [[0, 1, 0], [0, 1, 0], [0.25, 0.75, 1], [1, 0, 1]]);
  assert.deepEqual(NOTEBOOK, before);
  assert.ok(sameTable(NOTEBOOK, before));
  assert.ok(!sameTable(NOTEBOOK, removed(NOTEBOOK, 0)));
});

test("a picked place is rounded to a hundredth of the axis span", () => {
  assert.equal(snap(0.523874, 1.5), 0.52);
  assert.equal(snap(-0.2549, 1.5), -0.25);
  assert.equal(snap(123.456, 150), 123);
  assert.equal(snap(0.0123456, 0.05), 0.0123);
  assert.equal(snap(0.1 + 0.2, 1.5), 0.3); // no 0.30000000000000004 in the table
});

test("pixels go back to data through the projector's own line", () => {
  const p = { x: (v) => 50 + (v + 0.25) * 200, y: (v) => 400 - (v + 0.25) * 200,
    xRange: [-0.25, 1.25], yRange: [-0.25, 1.25] };
  for (const [a, b] of [[0, 0], [1, 1], [0.3, 0.8], [-0.25, 1.25]]) {
    const [x, y] = toData(p, p.x(a), p.y(b));
    assert.ok(Math.abs(x - a) < 1e-12 && Math.abs(y - b) < 1e-12, `${a},${b} → ${x},${y}`);
  }
  const area = { left: 50, right: 350, top: 100, bottom: 400 };
  assert.ok(inside(area, 50, 400) && !inside(area, 49, 200) && !inside(area, 200, 401));
});

test("a press picks the nearest row within reach, the top one on a tie", () => {
  const points = [[10, 10], [10, 10], [40, 10]];
  assert.equal(hitRow(points, 12, 11), 1);
  assert.equal(hitRow(points, 36, 12), 2);
  assert.equal(hitRow(points, 25, 40), -1);
  assert.equal(hitRow([], 0, 0), -1);
});

test("what is still coming and what is gone, duplicates counted", () => {
  const drawn = NOTEBOOK;
  assert.deepEqual(pending(NOTEBOOK, drawn), { coming: [], going: [] });
  assert.deepEqual(pending(added(NOTEBOOK, [0, 1, 0]), drawn), { coming: [[0, 1, 0]], going: [] });
  assert.deepEqual(pending(removed(NOTEBOOK, 0), drawn), { coming: [], going: [[0, 1, 0]] });
  assert.deepEqual(pending(moved(NOTEBOOK, 3, 0.5, 0.5), drawn), { coming: [[0.5, 0.5, 1]], going: [[1, 0, 1]] });
});

test("undo gives back the newest table, a few levels deep", () => {
  const undo = new Undo(3);
  for (let i = 0; i < 5; i++) undo.push([[i, i, 1]]);
  assert.equal(undo.size, 3);
  assert.deepEqual(undo.pop(), [[4, 4, 1]]);
  assert.deepEqual(undo.pop(), [[3, 3, 1]]);
  assert.deepEqual(undo.pop(), [[2, 2, 1]]);
  assert.equal(undo.pop(), null);
  undo.push([[1, 1, 1]]);
  undo.clear();
  assert.equal(undo.pop(), null);
});

function fakeClock() {
  const clock = { time: 0, timers: new Map(), next: 1, now: () => clock.time };
  clock.set = (fn, ms) => { clock.timers.set(clock.next, [clock.time + ms, fn]); return clock.next++; };
  clock.clear = (id) => clock.timers.delete(id);
  clock.advance = (ms) => {
    clock.time += ms;
    for (const [id, [due, fn]] of [...clock.timers]) {
      if (due <= clock.time) { clock.timers.delete(id); fn(); }
    }
  };
  return clock;
}

test("a drag's moves go out at most every 150 ms, the newest one each time", () => {
  const clock = fakeClock();
  const sent = [];
  const throttle = new Throttle((v) => sent.push([clock.time, v]), 150, clock);
  for (let i = 1; i <= 30; i++) { throttle.offer(i); clock.advance(16); } // 60 moves a second
  clock.advance(150);
  const times = sent.map(([t]) => t);
  assert.equal(sent[0][1], 1); // the first at once
  times.slice(1).forEach((t, i) => assert.ok(t - times[i] >= 150, `${times}`));
  assert.equal(sent.at(-1)[1], 30); // the newest is never lost
});

test("a drop sends its final position now, once; a drag put back sends nothing more", () => {
  const clock = fakeClock();
  const sent = [];
  const throttle = new Throttle((v) => sent.push(v), 150, clock);
  throttle.offer("a");
  clock.advance(20);
  throttle.offer("b");
  throttle.offer("c");
  throttle.flush();
  assert.deepEqual(sent, ["a", "c"]);
  clock.advance(500);
  assert.deepEqual(sent, ["a", "c"]);
  throttle.offer("d");
  clock.advance(10);
  throttle.offer("e");
  throttle.cancel();
  clock.advance(500);
  assert.deepEqual(sent, ["a", "c", "d"]);
});
