// The table a stage chart's Table toggle shows (arg: the slot's name): {shown, expanded,
// caption, head, rows}, or null when it has never been filled.
(slot) => {
  const box = document.querySelector(`.lab-stage .lab-slot[data-slot="${slot}"] .lab-table`);
  const toggle = document.querySelector(`.lab-stage .lab-slot[data-slot="${slot}"] .lab-table-toggle`);
  const table = box.querySelector('table');
  if (!table) return null;
  const texts = (row) => [...row.cells].map((cell) => cell.textContent);
  return {
    shown: !box.hidden && box.offsetHeight > 0,
    expanded: toggle.getAttribute('aria-expanded'),
    caption: table.caption.textContent,
    head: [...table.tHead.rows].map(texts),
    headCells: [...table.tHead.querySelectorAll('th')].length,
    rows: [...table.tBodies[0].rows].map(texts),
  };
}
