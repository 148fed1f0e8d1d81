// glide's DataGrid props: columns incl. the row-marker column with their final widths,
// header/row height, scroll offsets, rows (+1 for the trailing "add row" row).
// Called on the data editor's root element.
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  if (!canvas) return null;
  const r = canvas.getBoundingClientRect();
  const key = Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && p.headerHeight !== undefined
        && p.rowHeight !== undefined && p.rows !== undefined) {
      const frozen = p.freezeColumns || 0;
      const columns = p.columns.map((c, i) => ({index: i, title: c.title, width: c.width}));
      let x = r.left;
      for (const c of columns.slice(0, frozen)) { c.left = x; x += c.width; }
      x += p.translateX || 0;
      for (const c of columns.slice(Math.max(p.cellXOffset || 0, frozen))) {
        c.left = x; x += c.width;
      }
      return {
        left: r.left, top: r.top, columns,
        headerHeight: p.headerHeight + (p.enableGroups ? p.groupHeaderHeight : 0),
        rowHeight: typeof p.rowHeight === 'number' ? p.rowHeight : p.rowHeight(0),
        cellYOffset: p.cellYOffset || 0,
        translateY: p.translateY || 0,
        rows: p.rows - (p.hasAppendRow ? 1 : 0),
      };
    }
  }
  return null;
}
