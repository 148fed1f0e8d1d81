// Every stage chart drawn at the size of its div, and that size unchanged over three
// polls: the stage says ready once Plotly has drawn, but the first draw uses the figure's
// own height; the charts take their grid cell's size a frame or two later.
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true') return false;
  const charts = [...stage.querySelectorAll('.lab-chart')];
  if (!charts.length) return false;
  const fits = charts.every((c) => {
    const layout = c._fullLayout;
    if (!layout) return false;
    const box = c.getBoundingClientRect();
    return Math.abs(layout.width - box.width) < 2 && Math.abs(layout.height - box.height) < 2;
  });
  const key = charts.map((c) => {
    const b = c.getBoundingClientRect();
    return `${b.left},${b.top},${b.width},${b.height}`;
  }).join('|');
  if (!fits || window.__labSettledKey !== key) {
    window.__labSettledKey = fits ? key : null;
    window.__labSettledPolls = 0;
    return false;
  }
  window.__labSettledPolls += 1;
  return window.__labSettledPolls >= 3;
}
