// Playback as one object, like TensorFlow Playground's Player: it owns the step t, whether
// it is playing, and the clock. Everything that shows t listens to it; nothing else moves t.
//
// Play moves through iterations on a log scale of t + PACE, since most learning happens
// early: a 10,001-step run at normal speed shows about 30 steps in its first second and
// sweeps thousands in its last. Time-based, so a slow browser drops frames but ends on time.
export const PACE = 100;
export const SPEEDS = { Slow: 30, Normal: 15, Fast: 8 }; // seconds for a whole run
// Reduced motion (prefers-reduced-motion): Play keeps its schedule but moves in discrete
// steps, at most one per HELD ms: two a second, under the three flashes a second WCAG allows.
export const HELD = 500;

export function fractionAt(last, t) {
  if (last <= 0) return 1;
  return Math.log1p(Math.min(Math.max(t, 0), last) / PACE) / Math.log1p(last / PACE);
}

export function stepAt(last, fraction) {
  if (fraction >= 1) return last;
  const step = PACE * Math.expm1(Math.max(fraction, 0) * Math.log1p(last / PACE));
  return Math.min(last, Math.max(0, Math.floor(step + 1e-9)));
}

// The big forward jump: the first of the run's stops past t (1, 10, 100 … and its last step,
// listed by the server, so the Walkthrough's "To …" button names the same target).
export function nextStop(t, stops, last) {
  const next = stops.find((stop) => stop > t);
  return next === undefined ? last : next;
}

export class Player {
  constructor(last, { now = () => performance.now(), frame = (fn) => requestAnimationFrame(fn),
                      cancel = (id) => cancelAnimationFrame(id), reduced = false } = {}) {
    this.clock = { now, frame, cancel };
    this.reduced = reduced;
    this.last = Math.max(0, last);
    this.stops = [];
    this.t = 0;
    this.playing = false;
    this.speed = "Normal";
    this.listeners = [];
    this.request = 0;
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  emit(cause) {
    for (const listener of this.listeners) listener(this.t, this.playing, cause);
  }

  // Any move by hand stops playback first, from the step on screen: a press is one step.
  seek(t, cause = "seek") {
    this.stopClock();
    this.t = Math.min(Math.max(Math.round(t), 0), this.last);
    this.emit(cause);
  }

  reset() { this.seek(0, "reset"); }
  back() { this.seek(this.t - 1, "back"); }
  forward() { this.seek(this.t + 1, "step"); }
  jump() { this.seek(this.nextStop(), "jump"); }

  // A new run: its last step, and where its big jumps land.
  setLast(last, stops = []) {
    this.last = Math.max(0, last);
    this.stops = stops;
    if (this.t > this.last) this.seek(this.last, "clamp");
  }

  nextStop() {
    return nextStop(this.t, this.stops, this.last);
  }

  // A new speed applies from the step on screen, so the picture never jumps.
  setSpeed(speed) {
    if (!(speed in SPEEDS) || speed === this.speed) return;
    this.speed = speed;
    if (this.playing) {
      this.from = fractionAt(this.last, this.t);
      this.started = this.clock.now();
    }
    this.emit("speed");
  }

  // The page's motion preference; it applies from the next frame of Play.
  setReducedMotion(reduced) {
    this.reduced = reduced;
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  play() {
    if (this.last === 0) return;
    if (this.t >= this.last) this.t = 0;
    this.playing = true;
    this.from = fractionAt(this.last, this.t);
    this.started = this.clock.now();
    this.movedAt = this.started;
    this.emit("play");
    this.request = this.clock.frame((time) => this.tick(time));
  }

  // Pause keeps exactly the step last shown: t only changes inside tick, which renders it.
  pause() {
    if (!this.playing) return;
    this.stopClock();
    this.emit("pause");
  }

  stopClock() {
    if (this.request) this.clock.cancel(this.request);
    this.request = 0;
    this.playing = false;
  }

  tick(time) {
    if (!this.playing) return;
    const elapsed = (this.clock.now() - this.started) / 1000;
    const fraction = this.from + elapsed / SPEEDS[this.speed];
    const t = stepAt(this.last, fraction);
    const ended = t >= this.last;
    const held = this.reduced && this.clock.now() - this.movedAt < HELD;
    if ((t !== this.t && !held) || ended) {
      this.t = t;
      this.movedAt = this.clock.now();
      if (ended) this.playing = false;
      this.emit(ended ? "end" : "tick");
    } else {
      this.emit("frame");
    }
    this.request = this.playing ? this.clock.frame((next) => this.tick(next)) : 0;
  }
}
