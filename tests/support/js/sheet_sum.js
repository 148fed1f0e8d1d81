// The sum of the 3D sheet's heights: changes when the sheet is redrawn for another step.
() => {
  const el = document.querySelector('.lab-chart-surface');
  const sheet = el && (el.data || []).find((t) => t.type === 'surface');
  return sheet ? sheet.z.flat().reduce((a, b) => a + b, 0) : null;
}
