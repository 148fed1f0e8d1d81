// The player's clock and moves, with a fake clock: no browser needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HELD, Player, fractionAt, stepAt, nextStop, SPEEDS } from "../player.js";

function fakeClock() {
  const clock = { time: 0, queue: [], now: () => clock.time };
  clock.frame = (fn) => { clock.queue.push(fn); return clock.queue.length; };
  clock.cancel = () => { clock.queue = []; };
  clock.advance = (ms) => {
    clock.time += ms;
    const due = clock.queue;
    clock.queue = [];
    due.forEach((fn) => fn(clock.time));
  };
  return clock;
}

test("stepAt inverts fractionAt and hits both ends", () => {
  for (const last of [1, 7, 100, 10001, 100000]) {
    assert.equal(stepAt(last, 0), 0);
    assert.equal(stepAt(last, 1), last);
    for (const t of [0, 1, 2, 37, Math.floor(last / 2), last]) {
      if (t > last) continue;
      assert.equal(stepAt(last, fractionAt(last, t)), t, `last ${last}, t ${t}`);
    }
  }
});

test("the log scale is offset by PACE: about 30 steps in the first second of 15", () => {
  // Hand-computed: 100 * expm1(log1p(10001 / 100) / 15) = 36.1.
  assert.equal(stepAt(10001, 1 / 15), 36);
  assert.equal(fractionAt(0, 0), 1);
});

test("jump walks the run's stops, 0, 1, 10, 100 … and its last step", () => {
  const player = new Player(0, fakeClock());
  player.setLast(10001, [1, 10, 100, 1000, 10000, 10001]); // views/sampling.jump_stops(10001)
  const seen = [];
  while (player.t < 10001) { player.jump(); seen.push(player.t); }
  assert.deepEqual(seen, [1, 10, 100, 1000, 10000, 10001]);
  assert.equal(nextStop(37, [1, 10, 100, 500], 500), 100);
  assert.equal(nextStop(499, [1, 10, 100, 500], 500), 500);
  assert.equal(nextStop(0, [], 0), 0);
});

test("every press is exactly one step, however fast", () => {
  const player = new Player(10001, fakeClock());
  const seen = [];
  player.onChange((t) => seen.push(t));
  for (let i = 0; i < 25; i++) player.forward();
  assert.equal(player.t, 25);
  assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i + 1));
  player.back();
  player.back();
  assert.equal(player.t, 23);
  player.reset();
  player.back();
  assert.equal(player.t, 0);
});

test("moves clamp at both ends and a seek rounds to a whole step", () => {
  const player = new Player(5, fakeClock());
  player.seek(99);
  assert.equal(player.t, 5);
  player.forward();
  assert.equal(player.t, 5);
  player.seek(2.6);
  assert.equal(player.t, 3);
  player.setLast(2);
  assert.equal(player.t, 2);
});

test("play follows the clock on a log scale and ends exactly on the last step", () => {
  const clock = fakeClock();
  const player = new Player(10001, clock);
  player.play();
  clock.advance(1000); // one second into a 15 s playback
  assert.equal(player.t, stepAt(10001, 1 / SPEEDS.Normal));
  assert.ok(player.playing);
  clock.advance(20000);
  assert.equal(player.t, 10001);
  assert.equal(player.playing, false);
  assert.equal(clock.queue.length, 0, "no frame is requested after the end");
});

test("pause stops on exactly the step on screen", () => {
  const clock = fakeClock();
  const player = new Player(10001, clock);
  const shown = [];
  player.onChange((t) => shown.push(t));
  player.play();
  for (let i = 0; i < 90; i++) clock.advance(16.7);
  const onScreen = shown.at(-1);
  clock.time += 500; // time passes, but no frame has been drawn since
  player.pause();
  assert.equal(player.t, onScreen);
  assert.equal(player.playing, false);
  clock.advance(1000);
  assert.equal(player.t, onScreen, "nothing moves after Pause");
});

test("a press while playing stops playback and steps from the step on screen", () => {
  const clock = fakeClock();
  const player = new Player(10001, clock);
  player.play();
  for (let i = 0; i < 60; i++) clock.advance(16.7);
  const t = player.t;
  player.forward();
  assert.equal(player.t, t + 1);
  assert.equal(player.playing, false);
});

test("play from the end starts again at 0; a 0-step run never plays", () => {
  const clock = fakeClock();
  const player = new Player(10, clock);
  player.seek(10);
  player.play();
  assert.equal(player.t, 0);
  assert.ok(player.playing);
  const empty = new Player(0, fakeClock());
  empty.play();
  assert.equal(empty.playing, false);
});

test("changing speed while playing continues from the step on screen", () => {
  const clock = fakeClock();
  const player = new Player(10001, clock);
  player.play();
  clock.advance(3000);
  const t = player.t;
  player.setSpeed("Fast");
  clock.advance(0.001);
  assert.ok(Math.abs(player.t - t) <= 1, `${t} -> ${player.t}`);
  clock.advance(1000);
  assert.equal(player.t, stepAt(10001, fractionAt(10001, t) + 1 / SPEEDS.Fast));
});

test("reduced motion: Play keeps its schedule in discrete moves, at most two a second", () => {
  const clock = fakeClock();
  const player = new Player(10001, { ...clock, reduced: true });
  const moves = [];
  player.onChange((t, playing, cause) => { if (cause === "tick" || cause === "end") moves.push([clock.time, t]); });
  player.play();
  while (player.playing) clock.advance(16);
  assert.equal(player.t, 10001, "it still plays to the end");
  assert.ok(clock.time <= SPEEDS.Normal * 1000 + 16, "and ends on time");
  assert.ok(moves.length >= 25, `${moves.length} moves in 15 s`);
  for (let i = 1; i < moves.length - 1; i++) {
    assert.ok(moves[i][0] - moves[i - 1][0] >= HELD, `moves ${i - 1} and ${i} are ${moves[i][0] - moves[i - 1][0]} ms apart`);
  }
  for (const [time, t] of moves) assert.equal(t, stepAt(10001, time / 1000 / SPEEDS.Normal), "on the log-time schedule");
  player.setReducedMotion(false);
  player.play();
  const smooth = [];
  player.onChange((t, playing, cause) => { if (cause === "tick") smooth.push(clock.time); });
  for (let i = 0; i < 188; i++) clock.advance(16); // 3 s
  assert.ok(smooth.length > 20, `without the preference Play moves smoothly: ${smooth.length} moves in 3 s`);
});
