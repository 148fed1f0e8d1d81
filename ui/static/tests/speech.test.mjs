// What the page says and when, with a fake clock for the Player and a fake timer for the
// debounce: no browser needed. Expected strings are what Python prints for the same values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Player } from "../player.js";
import { sentence, signalsBegun, Speaker, stepText, WAIT } from "../speech.js";

// A run of 10,001 steps whose loss is 1 / (t + 1) and whose rows come right one by one.
const LAST = 10001;
const loss = Float64Array.from({ length: LAST + 1 }, (_, t) => 1 / (t + 1));
const run = {
  meta: { last: LAST, n_rows: 4, shown_rows: 4, weight_names: ["w1", "w2"], rows: [] },
  arrays: {
    weights: { data: new Float64Array(2 * (LAST + 1)), shape: [LAST + 1, 2] },
    loss: { data: loss, shape: [LAST + 1] },
    correct: { data: Uint16Array.from({ length: LAST + 1 }, (_, t) => Math.min(t, 4)), shape: [LAST + 1] },
  },
};
const SIGNALS = [{ kind: "overshoot", start: 3, end: 5, title: "Overshoot", detail: "The loss rose." }];

function fakeClock() {
  const clock = { time: 0, queue: [], now: () => clock.time };
  clock.frame = (fn) => { clock.queue.push(fn); return clock.queue.length; };
  clock.cancel = () => { clock.queue = []; };
  return clock;
}

// One fake time for the Player's frames (every 16 ms) and the Speaker's timers.
function setup(signals = []) {
  const clock = fakeClock();
  const timers = new Map();
  let next = 0;
  const timer = {
    set: (fn, ms) => { timers.set(++next, { fn, at: clock.time + ms }); return next; },
    clear: (id) => timers.delete(id),
  };
  const said = [];
  const settled = [];
  const speaker = new Speaker({ say: (text) => said.push(text), settle: (t) => settled.push(t), timer });
  speaker.setRun(run, signals, 0);
  const player = new Player(LAST, clock);
  player.onChange((t, playing, cause) => speaker.move(t, cause));
  const advance = (ms) => {
    for (const end = clock.time + ms; clock.time < end;) {
      clock.time = Math.min(end, clock.time + 16);
      const due = clock.queue;
      clock.queue = [];
      due.forEach((fn) => fn(clock.time));
      for (const [id, job] of [...timers]) if (job.at <= clock.time) { timers.delete(id); job.fn(); }
    }
  };
  return { player, speaker, said, settled, advance, timers };
}

test("the step is said as the numbers row shows it", () => {
  assert.equal(stepText(run, 0), "Step 0 of 10,001: loss 1, accuracy 0%");
  assert.equal(stepText(run, 2), "Step 2 of 10,001: loss 0.3333, accuracy 50%");
  assert.equal(stepText(run, 42), "Step 42 of 10,001: loss 0.02326, accuracy 100%");
});

test("a burst of presses speaks once, the step it ends on, after the quiet", () => {
  const { player, said, settled, advance } = setup();
  for (let i = 0; i < 5; i++) { player.forward(); advance(50); }
  assert.deepEqual(said, [], "nothing while the presses go on");
  advance(WAIT);
  assert.deepEqual(said, ["Step 5 of 10,001: loss 0.1667, accuracy 100%"]);
  assert.deepEqual(settled, [5]);
  player.back();
  player.jump();
  player.reset();
  advance(WAIT + 20);
  assert.deepEqual(said.slice(1), ["Step 0 of 10,001: loss 1, accuracy 0%"]);
  player.seek(7, "slider");
  advance(WAIT + 20);
  assert.equal(said.at(-1), "Step 7 of 10,001: loss 0.125, accuracy 100%");
});

test("Play speaks only at Pause and at the end", () => {
  const { player, said, settled, advance } = setup();
  player.forward();
  player.play(); // the step pressed just before Play is not said over it
  advance(3000);
  assert.deepEqual(said, []);
  assert.deepEqual(settled, [], "no description work while playing");
  player.pause();
  const at = player.t;
  advance(WAIT + 20);
  assert.deepEqual(said, [stepText(run, at)]);
  player.play();
  advance(20000);
  assert.equal(player.playing, false);
  assert.deepEqual(said.slice(1), ["Step 10,001 of 10,001: loss 9.998e-05, accuracy 100%"]);
  assert.deepEqual(settled, [at, LAST]);
});

test("a new run, a new view and a speed change are not said; run and view settle the charts", () => {
  const { speaker, said, settled, advance } = setup();
  speaker.move(0, "run");
  speaker.move(0, "speed");
  advance(WAIT + 20);
  speaker.move(0, "view");
  advance(WAIT + 20);
  assert.deepEqual(said, []);
  assert.deepEqual(settled, [0, 0]);
});

test("a signal is said when a move reaches its first step, once per start", () => {
  assert.deepEqual(signalsBegun(SIGNALS, 2, 3), SIGNALS);
  assert.deepEqual(signalsBegun(SIGNALS, 3, 4), [], "already said at its start");
  assert.deepEqual(signalsBegun(SIGNALS, 0, 4), SIGNALS, "passed its start, still inside it");
  assert.deepEqual(signalsBegun(SIGNALS, 0, 10), [], "over before the move ended");
  assert.deepEqual(signalsBegun(SIGNALS, 9, 4), [], "backwards into it is no beginning");
  assert.equal(sentence(run, SIGNALS, 2, 3), "Step 3 of 10,001: loss 0.25, accuracy 75%. Overshoot. The loss rose.");
  const { player, said, advance } = setup(SIGNALS);
  const walk = [];
  for (let i = 0; i < 5; i++) { player.forward(); advance(WAIT + 20); walk.push(said.at(-1)); }
  assert.deepEqual(walk.map((text) => text.includes("Overshoot")), [false, false, true, false, false]);
  player.seek(2);
  advance(WAIT + 20);
  player.forward();
  advance(WAIT + 20);
  assert.match(said.at(-1), /^Step 3 of 10,001: .*\. Overshoot\. The loss rose\.$/);
});

test("stop drops what is pending: nothing is said after the page leaves", () => {
  const { player, speaker, said, advance, timers } = setup();
  player.forward();
  speaker.stop();
  advance(WAIT * 2);
  assert.deepEqual(said, []);
  assert.equal(timers.size, 0);
});
