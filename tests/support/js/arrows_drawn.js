// What the landscape's and the plane's marks show (ui/static/marks.js, pulls.js): the words in
// each chart's notes block and its box, the arrows (each a path "M x1,y1 L x2,y2 M head…":
// its line and colour; halos left out), the marker at w_t, the plane's boundary and rings, the
// landscape's axes (pixels per unit) and its canvas against the plot area. Null until ready.
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true') return null;
  const chart = (name) => stage.querySelector(`.lab-chart-${name}`);
  const svg = (name) => chart(name).querySelector('svg.lab-marks');
  const attrs = (el, names) => Object.fromEntries(names.map((n) => [n, el.getAttribute(n)]))
  const number = (el, names) => Object.fromEntries(names.map((n) => [n, Number(el.getAttribute(n))]));
  const notes = (name) => {
    const group = svg(name).querySelector('g.lab-notes');
    if (!group) return { texts: [], box: null };
    const rect = group.querySelector('rect');
    return { texts: [...group.querySelectorAll('text')].map((t) => t.textContent),
      box: number(rect, ['x', 'y', 'width', 'height']) };
  };
  const solid = (el) => !el.getAttribute('stroke').startsWith('rgba');
  const land = chart('landscape');
  const xa = land._fullLayout.xaxis;
  const ya = land._fullLayout.yaxis;
  const canvas = land.querySelector('canvas.lab-field');
  return {
    step: Number(stage.dataset.step),
    landscape: {
      notes: notes('landscape'),
      arrows: [...svg('landscape').querySelectorAll('path')].filter(solid).map((path) => {
        const [x1, y1, x2, y2] = path.getAttribute('d').match(/-?[\d.e+-]+/g).slice(0, 4).map(Number);
        return { x1, y1, x2, y2, ...attrs(path, ['stroke', 'stroke-dasharray']) };
      }),
      marker: number(svg('landscape').querySelector('circle'), ['cx', 'cy', 'r']),
      pxPerUnit: [xa._length / (xa.range[1] - xa.range[0]), ya._length / (ya.range[1] - ya.range[0])],
      area: [xa._length, ya._length],
      canvas: canvas && { width: canvas.width, height: canvas.height,
        cssWidth: parseFloat(canvas.style.width), cssHeight: parseFloat(canvas.style.height) },
    },
    heatmap: {
      notes: notes('heatmap'),
      boundary: [...svg('heatmap').querySelectorAll('line')].map((l) => number(l, ['x1', 'y1', 'x2', 'y2'])),
      rings: [...svg('heatmap').querySelectorAll('circle')].filter(solid)
        .map((c) => ({ ...number(c, ['cx', 'cy', 'r']), stroke: c.getAttribute('stroke') })),
    },
  };
}
