// What Compare's race says at step t: each run's loss and accuracy, what it is doing, and
// the findings of the moment. Pure (tested without a page); every number is read from the
// runs' histories (views/race_payload.py) and written as format.js writes it, the way the
// server writes the findings at the end (views/race_claims.py: f"{x:.4g}").
import { general, percent, whole } from "./format.js";
import { signalsAt } from "./readout.js";

// The step run i shows at the race's step t: its own last one once its history ends.
export function stepOf(run, t) {
  return Math.min(t, run.last);
}

// Why a run holds a step the race has passed, or null while it is still moving.
export function heldText(run, t) {
  if (t <= run.last) return null;
  const why = run.diverged_at === null ? "its history ends there" : `it diverged at step ${whole(run.diverged_at)}`;
  return `holds step ${whole(run.last)}: ${why}`;
}

// [{loss, accuracy, step, held, doing}] of every run at step t.
export function numbersAt(race, t) {
  return race.runs.map((run, i) => {
    const s = stepOf(run, t);
    const loss = race.arrays[`loss_${i}`].data[s];
    const correct = race.arrays[`correct_${i}`].data[s];
    const held = heldText(run, t);
    const doing = signalsAt(run.signals, s).map((signal) => signal.title);
    return { loss, lossText: general(loss, 4), accuracy: percent(correct, race.meta.n_rows),
             perfect: correct === race.meta.n_rows, step: s, held,
             doing: held || (doing.length ? doing.join("; ") : "—") };
  });
}

// (bold lead, text) lines for step t, beside the server's lines for the end.
export function findingsAt(race, t) {
  const now = numbersAt(race, t);
  const label = (i) => race.runs[i].label;
  let best = 0;
  now.forEach((n, i) => { if (n.loss < now[best].loss) best = i; });
  const at = `at step ${whole(t)}`;
  const lines = [[`Lowest loss ${at}`, `${label(best)} (${now[best].lossText}).`]];
  const perfect = now.map((n, i) => (n.perfect ? label(i) : null)).filter(Boolean);
  if (!perfect.length) lines.push([`No run gets every row right ${at}`, ""]);
  else if (perfect.length < now.length) lines.push([`Every row right ${at}`, `${perfect.join(", ")}.`]);
  else lines.push([`Every run gets every row right ${at}`, ""]);
  now.forEach((n, i) => {
    if (n.held) lines.push([`${label(i)}`, `${n.held}.`]);
    else if (n.doing !== "—") lines.push([`${label(i)}`, `${n.doing.toLowerCase()} ${at}.`]);
  });
  return lines;
}

// The sentence a screen reader hears once the step settles.
export function spokenAt(race, t) {
  const runs = numbersAt(race, t).map((n, i) => `${race.runs[i].label}: loss ${n.lossText}, accuracy ${n.accuracy}`
    + (n.held ? `, ${n.held}` : ""));
  return `Step ${whole(t)} of ${whole(race.meta.last)}. ${runs.join(". ")}.`;
}
