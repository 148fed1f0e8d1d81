// glide's current cell and selected rows, and whether keyboard focus is in the grid.
// Called on the data editor's root element.
(root) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  const focused = root.contains(document.activeElement);
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && p.selection && 'current' in p.selection && Array.isArray(p.columns)) {
      const cur = p.selection.current;
      const rows = p.selection.rows;
      return {cell: cur ? cur.cell : null,
              rows: rows && typeof rows.toArray === 'function' ? rows.toArray() : [],
              focused};
    }
  }
  return null;
}
