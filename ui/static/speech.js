// What the page says aloud, and when: one sentence per settled move, never one per press
// or per Play frame. Pure rules with an injectable timer (tested with a fake clock); the
// stage puts the sentence into its polite live region.
import { numbersAt, signalsAt } from "./readout.js";

export const WAIT = 300; // ms of quiet after the last move before the page speaks

// Moves by hand, and Play's stops: each speaks the step it lands on.
const SPOKEN = new Set(["step", "back", "jump", "reset", "slider", "seek", "clamp", "pause", "end"]);
// Changes that redraw the charts but move no step: their descriptions follow, silently.
const SILENT = new Set(["run", "view"]);

// "Step 42 of 10,001: loss 0.0906, accuracy 100%", exactly as the numbers row shows them.
export function stepText(run, t) {
  const shown = Object.fromEntries(numbersAt(run, t).map(([key, , text, hint]) => [key, [text, hint]]));
  const [step, of] = shown.iteration;
  return `Step ${step} ${of}: loss ${shown.loss[0]}, accuracy ${shown.accuracy[0]}`;
}

// Signals that begin for the listener: shown at t, and starting after the step last spoken
// (a move reached their first step, or passed it and still lands inside their span).
export function signalsBegun(signals, from, t) {
  return signalsAt(signals, t).filter((s) => from < s.start);
}

export function sentence(run, signals, from, t) {
  const begun = signalsBegun(signals, from, t).map((s) => ` ${s.title}. ${s.detail}`);
  return begun.length ? `${stepText(run, t)}.${begun.join("")}` : stepText(run, t);
}

export class Speaker {
  // say(text): into the live region; settle(t): the step the page rests on (chart texts).
  constructor({ say, settle, wait = WAIT,
                timer = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) } }) {
    Object.assign(this, { say, settle, wait, timer, pending: null, id: 0 });
  }

  setRun(run, signals, t) {
    this.run = run;
    this.signals = signals || [];
    this.spokenAt = t;
  }

  // Every change of the player's t. Play's frames and ticks do nothing here: no work per frame.
  move(t, cause) {
    if (cause === "play") { this.stop(); return; }
    const speak = SPOKEN.has(cause);
    if (!speak && !SILENT.has(cause)) return;
    this.pending = { t, speak: speak || Boolean(this.pending?.speak) };
    this.timer.clear(this.id);
    this.id = this.timer.set(() => this.fire(), this.wait);
  }

  fire() {
    const { t, speak } = this.pending;
    this.pending = null;
    this.id = 0;
    this.settle(t);
    if (!speak || !this.run) return;
    this.say(sentence(this.run, this.signals, this.spokenAt, t));
    this.spokenAt = t;
  }

  // Nothing pending: Play started, or the page is leaving.
  stop() {
    this.timer.clear(this.id);
    this.id = 0;
    this.pending = null;
  }
}
