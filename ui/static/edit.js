// Editing the data on the input plane: click adds a row, drag moves one, Delete removes one.
//
// The PlaneEditor belongs to the heat map's slot. Every edit makes a whole new table
// (edit_table.js) and sends it to the server as one value with a sequence number
// (ui/stage.py), where it takes the path a table from the sidebar takes: validated, trained,
// written into the sidebar's editor, the link and the exports. Until the new run is drawn,
// the plane shows what is on its way: rows still coming as ghosts, rows gone crossed out.
// While a row is dragged, it follows the pointer every frame, its coordinates beside it, and
// its position goes to the server at most every SEND_EVERY_MS.
import { element, Lifetime } from "./dom.js";
import { CLICK_SLOP_PX, LONG_PRESS_MS, Throttle, Undo, added, decimals, hitRow, inside, moved, pending,
  removed, sameTable, snap, toData } from "./edit_table.js";
import { PlaneDrawing, targetPicker } from "./edit_draw.js";
import { holdKeys, pageKey, planeKey } from "./edit_keys.js";
import { projector } from "./marks.js";

const HINT = "Click the plane to add a row (Shift-click: the other target), drag a row to move it, "
  + "select one and press Delete to remove it, Ctrl+Z to undo. Keyboard: focus the plane, "
  + "[ and ] pick a row, arrows move it, Enter adds one, Delete removes it.";

export class PlaneEditor {
  constructor(slot, lifetime) {
    Object.assign(this, { slot, page: Math.random().toString(36).slice(2), seq: 0, table: [],
      sent: null, held: null, acked: 0, target: 1, selected: -1, press: null, drag: null, cap: Infinity, capText: "",
      undo: new Undo(), hooks: null, div: null });
    this.throttle = new Throttle((table) => this.transmit(table));
    this.picker = targetPicker(slot.querySelector(".lab-actions"), (target) => { this.target = target; });
    this.note = element(slot, "div", "lab-edit-note");
    Object.assign(this.note, { role: "status", textContent: "" });
    this.note.setAttribute("aria-live", "polite");
    this.note.dataset.lab = "edit-note";
    lifetime.listen(document, "keydown", (event) => pageKey(this, event));
    // While a row is held, no key reaches the transport (its listener is on document).
    lifetime.listen(window, "keydown", (event) => holdKeys(this, event), true);
    lifetime.add(() => this.detach());
  }

  // The server's table (ui/stage.py), with the last edit of ours it has taken: ours still on
  // their way win; once it has taken them all, its table is the truth (a rejected edit, a
  // table applied in the sidebar, a new preset).
  server(edit, setState) {
    this.setState = setState;
    if (!edit) return;
    Object.assign(this, { cap: edit.cap, capText: edit.capText, drawnRows: edit.drawn });
    const ours = edit.page === this.page;
    if (ours) this.acked = Math.max(this.acked, edit.seq);
    if (this.held && this.acked >= this.seq) this.transmit(this.held);
    const caughtUp = (this.seq === 0 || (ours && edit.seq >= this.seq)) && this.throttle.waiting === undefined;
    if (!caughtUp || this.drag || sameTable(edit.rows, this.table)) return this.frame();
    if (ours && edit.problem) this.say(edit.problem, true);
    else this.undo.clear(); // the data changed elsewhere: undoing here would undo that too
    this.table = edit.rows;
    this.sent = edit.rows;
    this.selected = -1;
    this.frame();
  }

  // Editing is on in the heat-map view only: the chart to listen to, or null.
  attach(chart, colours) {
    const div = chart && chart.name === "heatmap" ? chart.div : null;
    this.colours = colours;
    if (div === this.div) return this.frame();
    this.detach();
    this.slot.classList.toggle("lab-editable", Boolean(div));
    if (!div) return;
    this.div = div;
    this.hooks = new Lifetime();
    const h = this.hooks;
    h.listen(div, "pointerdown", (event) => this.down(event), true);
    // Plotly zooms on mousedown/touchstart: on the plot area those are the editor's.
    const mine = (event) => { if (this.onPlane(event)) event.stopPropagation(); };
    h.listen(div, "mousedown", mine, true);
    h.listen(div, "touchstart", mine, { capture: true, passive: true });
    h.listen(div, "pointermove", (event) => this.move(event));
    h.listen(div, "pointerup", (event) => this.up(event, false));
    h.listen(div, "pointercancel", (event) => this.up(event, true));
    const redraw = () => this.frame();
    div.on("plotly_afterplot", redraw);
    h.add(() => div.removeListener?.("plotly_afterplot", redraw));
    this.drawing = new PlaneDrawing(div, HINT, {
      remove: () => this.remove(this.selected),
      key: (event) => planeKey(this, event),
    });
    h.add(() => this.drawing.destroy());
    this.frame();
  }

  detach() {
    this.cancelPress();
    if (this.hooks) this.hooks.end();
    Object.assign(this, { hooks: null, div: null, drawing: null, drag: null, press: null });
    this.slot.classList.remove("lab-editable");
  }

  // ---- the pointer: press, move, release

  // Pointer to chart pixels. While a row is held the chart's box is the one measured at the
  // press: measuring it on every move would force the whole page's layout once per move.
  at(event) {
    const box = this.press?.box || this.div.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  onPlane(event) {
    if (!this.div || !this.div._fullLayout?.xaxis || event.target.closest?.(".lab-edit-delete")) return false;
    const point = event.touches ? event.touches[0] : event;
    return inside(projector(this.div).area, ...this.at(point));
  }

  down(event) {
    if (this.press || (event.pointerType === "mouse" && event.button !== 0) || !this.onPlane(event)) return;
    event.stopPropagation();
    event.preventDefault();
    try {
      this.div.setPointerCapture(event.pointerId); // the drag goes on outside the plot
    } catch {
      // a pointer the browser no longer knows (released already): the press ends with it
    }
    const box = this.div.getBoundingClientRect();
    const [px, py] = this.at(event);
    const row = hitRow(this.points(projector(this.div)), px, py);
    const touch = event.pointerType !== "mouse";
    this.press = { id: event.pointerId, px, py, row, touch, shift: event.shiftKey, box };
    if (touch && row >= 0) this.press.timer = setTimeout(() => this.longPress(), LONG_PRESS_MS);
  }

  move(event) {
    if (!this.div) return;
    const [px, py] = this.at(event);
    const p = projector(this.div);
    if (!this.press || event.pointerId !== this.press.id) {
      this.div.classList.toggle("lab-over-row", hitRow(this.points(p), px, py) >= 0);
      return;
    }
    if (!this.drag) {
      if (Math.hypot(px - this.press.px, py - this.press.py) < CLICK_SLOP_PX) return;
      this.press.moved = true; // a swipe, not a tap: it adds nothing
      this.cancelPress();
      if (this.press.row < 0) return;
      this.drag = { row: this.press.row, before: this.table };
      this.selected = this.press.row;
    }
    const drag = this.drag;
    Object.assign(drag, { px, py, inside: inside(p.area, px, py) });
    if (drag.inside) {
      drag.at = this.place(p, px, py);
      this.table = moved(drag.before, drag.row, ...drag.at);
      this.throttle.offer(this.table);
    }
    this.frame();
  }

  up(event, cancelled) {
    const press = this.press;
    if (!press || event.pointerId !== press.id) return;
    this.cancelPress();
    this.press = null;
    const drag = this.drag;
    this.drag = null;
    if (drag) return this.drop(drag, cancelled);
    if (cancelled || press.deleted || press.moved) return this.frame();
    if (press.row >= 0) return this.select(press.row === this.selected && !press.touch ? -1 : press.row);
    const [x1, x2] = this.place(projector(this.div), press.px, press.py);
    this.add(x1, x2, press.shift ? 1 - this.target : this.target);
  }

  // A drag ends: on the plane, its last position is the edit (sent now, exactly); anywhere
  // else, the row goes back where it was, on the page and on the server.
  drop(drag, cancelled) {
    if (drag.inside && !cancelled && drag.at) {
      this.undo.push(drag.before);
      this.throttle.offer(this.table);
      this.throttle.flush();
      this.say(`Row ${drag.row + 1} moved to ${this.where(...drag.at)}.`);
    } else {
      this.throttle.cancel();
      this.table = drag.before;
      if (!sameTable(this.sent, this.table)) this.send(this.table);
      this.say(`Row ${drag.row + 1} put back: it was let go outside the plane.`);
    }
    this.frame();
    this.onDragEnd?.();
  }

  longPress() {
    if (!this.press || this.drag) return;
    this.press.deleted = true;
    this.remove(this.press.row);
  }

  cancelPress() {
    if (this.press?.timer) clearTimeout(this.press.timer);
    if (this.press) this.press.timer = null;
  }

  // ---- edits

  add(x1, x2, target) {
    if (this.table.length >= this.cap) return this.say(this.capText, true);
    this.commit(added(this.table, [x1, x2, target]),
      `Row ${this.table.length + 1} added at ${this.where(x1, x2)}, target ${target}.`);
    this.selected = this.table.length - 1;
  }

  remove(i) {
    if (i < 0 || i >= this.table.length) return;
    if (this.table.length === 1) return this.say("The table needs at least one row: add another before removing this one.", true);
    this.selected = -1;
    this.commit(removed(this.table, i), `Row ${i + 1} deleted.`);
  }

  // One data change: the table before it is an undo level, and it goes to the server whole
  // (at once, or for a key held down, at most every SEND_EVERY_MS).
  commit(table, said, now = true) {
    this.undo.push(this.table);
    this.table = table;
    this.throttle.offer(table);
    if (now) this.throttle.flush();
    this.say(said);
    this.frame();
  }

  send(table) {
    this.throttle.cancel();
    this.transmit(table);
  }

  // While a row is dragged, one position at a time is on the server: the next goes when the
  // server has taken the last, so each is trained and drawn (one sent every 150 ms into a
  // busy server would interrupt its run before it finished, and show nothing until the drop).
  transmit(table) {
    this.held = null;
    if (this.drag && this.acked < this.seq) {
      this.held = table;
      return;
    }
    this.seq += 1;
    this.sent = table;
    this.setState?.("edit", { page: this.page, seq: this.seq, rows: table, dragging: Boolean(this.drag) });
  }

  select(i) {
    this.selected = i;
    if (i >= 0) this.say(`Row ${i + 1} selected: ${this.where(this.table[i][0], this.table[i][1])}, target ${this.table[i][2]}.`);
    this.frame();
  }

  // ---- what is shown

  say(text, problem = false) {
    this.note.textContent = text;
    this.note.classList.toggle("lab-edit-problem", problem);
  }

  where(x1, x2) {
    return `x1 = ${x1}, x2 = ${x2}`;
  }

  // A pixel of the plane as a row's place, rounded as a person would type it.
  place(p, px, py) {
    const [x1, x2] = toData(p, px, py);
    return [snap(x1, p.xRange[1] - p.xRange[0]), snap(x2, p.yRange[1] - p.yRange[0])];
  }

  points(p) {
    return this.table.slice(0, this.drawnRows ?? 200).map(([x1, x2]) => [p.x(x1), p.y(x2)]);
  }

  frame() {
    if (!this.div || this.queued) return;
    this.queued = requestAnimationFrame(() => {
      this.queued = null;
      if (this.div && this.drawing && this.div._fullLayout?.xaxis) this.render();
    });
  }

  render() {
    const p = projector(this.div);
    const limit = this.drawnRows ?? 200;
    const { coming, going } = pending(this.table.slice(0, limit), this.drawing.drawnRows());
    const drag = this.drag && {
      ...this.drag, label: this.drag.inside ? this.where(...this.drag.at) : "let go here: put back",
      digits: decimals(p.xRange[1] - p.xRange[0]),
    };
    const chosen = this.selected >= 0 && this.selected < limit && !this.drag
      ? { row: this.selected, at: this.table[this.selected] } : null;
    this.drawing.draw(p, { coming, going, drag, chosen, colours: this.colours, rows: this.table.length });
  }
}
