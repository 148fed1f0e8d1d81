// What glide draws: its own getCellContent for the wanted [col, row] pairs (col counts the
// row marker, so x1 is 1), or every data cell. Called on the data editor's root element.
(root, wanted) => {
  const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
  const key = canvas && Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = key ? canvas[key] : null;
  for (let i = 0; fiber && i < 60; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && typeof p.getCellContent === 'function' && Array.isArray(p.columns)
        && p.rows !== undefined) {
      const nrows = p.rows - (p.hasAppendRow ? 1 : 0);
      const cells = wanted || [...Array(nrows).keys()].flatMap(
        (r) => [...Array(p.columns.length - 1).keys()].map((c) => [c + 1, r]));
      return {rows: nrows, cells: cells.map(([c, r]) => {
        const cell = p.getCellContent([c, r]);
        const out = {};
        for (const [k, v] of Object.entries(cell)) {
          if (typeof v !== 'function' && k !== 'themeOverride') out[k] = v;
        }
        return [c, r, out];
      })};
    }
  }
  return null;
}
