// Only the newest update is applied: one at a time, the overtaken ones dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Newest } from "../newest.js";

// An apply that waits until released, and records what it saw.
function gated() {
  const log = [];
  const gates = [];
  const apply = async (value, overtaken) => {
    log.push(`start ${value}`);
    await new Promise((resolve) => gates.push(resolve));
    if (overtaken()) { log.push(`drop ${value}`); return; }
    log.push(`draw ${value}`);
  };
  const release = async () => {
    while (!gates.length) await Promise.resolve();
    gates.shift()();
  };
  return { log, apply, release };
}

test("one update is applied", async () => {
  const { log, apply, release } = gated();
  const newest = new Newest(apply, assert.fail);
  const idle = newest.push(1);
  await release();
  await idle;
  assert.deepEqual(log, ["start 1", "draw 1"]);
});

test("updates that arrive while one loads: only the newest is drawn after it", async () => {
  const { log, apply, release } = gated();
  const newest = new Newest(apply, assert.fail);
  newest.push(1);
  newest.push(2);
  newest.push(3);
  const idle = newest.push(4);
  await release(); // 1 finishes loading, overtaken: dropped
  await release(); // 4 is the only one left
  await idle;
  assert.deepEqual(log, ["start 1", "drop 1", "start 4", "draw 4"]);
});

test("an update after the last one finished is applied on its own", async () => {
  const { log, apply, release } = gated();
  const newest = new Newest(apply, assert.fail);
  const first = newest.push(1);
  await release();
  await first;
  const second = newest.push(2);
  await release();
  await second;
  assert.deepEqual(log, ["start 1", "draw 1", "start 2", "draw 2"]);
});

test("a failing update is reported and the next one still applies", async () => {
  const errors = [];
  const seen = [];
  const newest = new Newest(async (value) => {
    if (value === 1) throw new Error("gone");
    seen.push(value);
  }, (error) => errors.push(error.message));
  await newest.push(1);
  await newest.push(2);
  assert.deepEqual(errors, ["gone"]);
  assert.deepEqual(seen, [2]);
});

test("an overtaken update's failure is not reported: the newer one is what counts", async () => {
  const errors = [];
  const seen = [];
  let fail;
  const newest = new Newest(async (value) => {
    if (value === 1) {
      await new Promise((resolve) => { fail = resolve; });
      throw new Error("HTTP 404");
    }
    seen.push(value);
  }, (error) => errors.push(error.message));
  newest.push(1);
  const done = newest.push(2); // arrives while 1 is still fetching
  fail();
  await done;
  assert.deepEqual(errors, []);
  assert.deepEqual(seen, [2]);
});
