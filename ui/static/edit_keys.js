// The plane editor's keys: none reaches the transport while a row is held; on the page,
// Ctrl/Cmd+Z undoes and Delete removes the selected row; on the focused plane, [ and ] pick a
// row, the arrows move it (Shift: finer), Enter adds one (Shift+Enter: the other target).
import { moved, snap } from "./edit_table.js";
import { projector } from "./marks.js";
import { TYPING } from "./transport.js";

export function holdKeys(editor, event) {
  if (!editor.drag && !editor.press) return;
  event.stopPropagation();
  event.preventDefault();
  if (event.key === "Escape" && editor.drag) {
    const drag = { ...editor.drag, inside: false };
    editor.drag = null;
    editor.press = null;
    editor.drop(drag, true);
  }
}

export function pageKey(editor, event) {
  if (!editor.div || event.defaultPrevented || event.altKey) return;
  const typing = [event.target, document.activeElement].some((el) => el?.closest?.(TYPING));
  if (typing) return;
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z") {
    const table = editor.undo.pop();
    if (!table) return;
    event.preventDefault();
    editor.table = table;
    editor.selected = -1;
    editor.send(table);
    editor.say(`Undone: the table has ${table.length} ${table.length === 1 ? "row" : "rows"} again.`);
  } else if ((event.key === "Delete" || event.key === "Backspace") && editor.selected >= 0) {
    event.preventDefault();
    editor.remove(editor.selected);
  } else if (event.key === "Escape" && editor.selected >= 0) {
    editor.select(-1);
  }
}

// The focused plane's own keys; each one it takes is kept from the transport.
export function planeKey(editor, event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const p = projector(editor.div);
  const n = editor.table.length;
  const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
  if (event.key === "[" || event.key === "]") {
    editor.select(n ? (editor.selected + (event.key === "]" ? 1 : n - 1) + (editor.selected < 0 ? 1 : 0)) % n : -1);
  } else if (step && editor.selected >= 0) {
    const row = editor.table[editor.selected];
    const by = (range) => (range[1] - range[0]) / (event.shiftKey ? 100 : 20);
    const at = [row[0] + step[0] * by(p.xRange), row[1] + step[1] * by(p.yRange)];
    const [x1, x2] = [snap(at[0], p.xRange[1] - p.xRange[0]), snap(at[1], p.yRange[1] - p.yRange[0])];
    editor.commit(moved(editor.table, editor.selected, x1, x2), `Row ${editor.selected + 1} moved to ${editor.where(x1, x2)}.`, false);
  } else if (event.key === "Enter") {
    const [x1, x2] = editor.place(p, (p.area.left + p.area.right) / 2, (p.area.top + p.area.bottom) / 2);
    editor.add(x1, x2, event.shiftKey ? 1 - editor.target : editor.target);
  } else if (event.key === "Delete" || event.key === "Backspace") {
    if (editor.selected >= 0) editor.remove(editor.selected);
  } else if (event.key === "Escape") {
    editor.select(-1);
  } else return;
  event.preventDefault();
  event.stopPropagation();
}
