// Per Plotly chart on the page: drawn SVG children, canvases, traces, points, the lines the
// page stroked itself (ui/static/lines.js), size.
() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => ({
  svgChildren: [...el.querySelectorAll('.main-svg')].reduce((n, s) => n + s.childElementCount, 0),
  canvases: el.querySelectorAll('canvas').length,
  traces: (el._fullData || []).length,
  points: (el._fullData || []).reduce((n, t) => n + ((t.x && t.x.length) || 0)
                                                  + ((t.z && t.z.length) || 0), 0),
  lines: (el.querySelector(':scope > canvas.lab-lines')?.dataset.widths || '').split(' ')
    .filter(Boolean).length,
  width: el.getBoundingClientRect().width,
  height: el.getBoundingClientRect().height,
}))
