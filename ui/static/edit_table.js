// The input plane's edits as plain logic: tables, hit tests, undo, the send throttle.
//
// A table is an array of rows [x1, x2, y]; every edit makes a new table (never changes one in
// place), so the page always sends a whole table and an undo level is just the table before.
// No DOM here: ui/static/tests/edit_table.test.mjs runs it in node.

export const CLICK_SLOP_PX = 6; // a press that moves less than this is a click (or a tap)
export const HIT_PX = 12; // how near a row's centre a press picks that row
export const SEND_EVERY_MS = 150; // a dragged row's position goes to the server at most this often
export const LONG_PRESS_MS = 550; // a finger held this long on a row deletes it
export const UNDO_LEVELS = 10;

export const added = (table, row) => [...table, row];
export const removed = (table, i) => table.filter((_, j) => j !== i);
export const moved = (table, i, x1, x2) => table.map((row, j) => (j === i ? [x1, x2, row[2]] : row));
export const sameTable = (a, b) => a.length === b.length
  && a.every((row, i) => row.length === b[i].length && row.every((v, j) => v === b[i][j]));

// A place picked with the pointer, rounded to about a hundredth of the axis's span (0.01 on
// the unit square), so the table, the link and the coordinates shown read as a person types.
export function snap(value, span) {
  const digits = Math.max(0, -Math.floor(Math.log10(span / 100)));
  const unit = 10 ** -digits;
  return Number((Math.round(value / unit) * unit).toFixed(Math.min(digits, 15)));
}

// The decimals snap keeps for a span: the coordinates shown while a row moves.
export const decimals = (span) => Math.max(0, -Math.floor(Math.log10(span / 100)));

// Pixels back to data on the plane's linear axes, from a projector (marks.js) that maps
// data to pixels: two known points per axis fix the line.
export function toData(p, px, py) {
  const back = (v, [a, b], f) => a + ((v - f(a)) / (f(b) - f(a))) * (b - a);
  return [back(px, p.xRange, p.x), back(py, p.yRange, p.y)];
}

export const inside = (area, px, py) => px >= area.left && px <= area.right
  && py >= area.top && py <= area.bottom;

// The row whose centre is nearest (px, py) within radius pixels, or -1. The last drawn wins a
// tie, as the one on top does for the eye.
export function hitRow(points, px, py, radius = HIT_PX) {
  let best = -1;
  let near = radius;
  points.forEach(([x, y], i) => {
    const d = Math.hypot(x - px, y - py);
    if (d <= near) { best = i; near = d; }
  });
  return best;
}

// What the plane draws against what the table holds now, as multisets of rows: rows still on
// their way to the server (drawn as ghosts) and drawn rows the table no longer has (crossed).
export function pending(table, drawn) {
  const key = (row) => row.join(",");
  const left = new Map();
  for (const row of drawn) left.set(key(row), (left.get(key(row)) || 0) + 1);
  const coming = [];
  for (const row of table) {
    const n = left.get(key(row)) || 0;
    if (n) left.set(key(row), n - 1); else coming.push(row);
  }
  const going = drawn.filter((row) => {
    const n = left.get(key(row)) || 0;
    if (n) left.set(key(row), n - 1);
    return n > 0;
  });
  return { coming, going };
}

// The tables before each data change, a few deep: undo sends the newest back.
export class Undo {
  constructor(levels = UNDO_LEVELS) {
    this.levels = levels;
    this.tables = [];
  }

  push(table) {
    this.tables.push(table);
    if (this.tables.length > this.levels) this.tables.shift();
  }

  pop() {
    return this.tables.pop() ?? null;
  }

  clear() {
    this.tables = [];
  }

  get size() {
    return this.tables.length;
  }
}

const REAL_CLOCK = { now: () => performance.now(), set: (fn, ms) => setTimeout(fn, ms),
  clear: (id) => clearTimeout(id) };

// At most one send per `every` ms: the first at once, later ones as one trailing send of the
// newest value; flush() sends the newest now (a drop), cancel() forgets it (a drag put back).
export class Throttle {
  constructor(send, every = SEND_EVERY_MS, clock = REAL_CLOCK) {
    Object.assign(this, { send, every, clock, last: -Infinity, timer: null, waiting: undefined });
  }

  offer(value) {
    this.waiting = value;
    const wait = this.last + this.every - this.clock.now();
    if (wait <= 0 && this.timer === null) this.fire();
    else if (this.timer === null) this.timer = this.clock.set(() => { this.timer = null; this.fire(); }, wait);
  }

  fire() {
    if (this.waiting === undefined) return;
    const value = this.waiting;
    this.waiting = undefined;
    this.last = this.clock.now();
    this.send(value);
  }

  flush() {
    this.stopTimer();
    this.fire();
  }

  cancel() {
    this.stopTimer();
    this.waiting = undefined;
  }

  stopTimer() {
    if (this.timer !== null) this.clock.clear(this.timer);
    this.timer = null;
  }
}
