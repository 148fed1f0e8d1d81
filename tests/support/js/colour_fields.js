// The heat map's and the landscape's canvas fields: each chart's plot area and the
// part of its field canvas that shows (after its clip-path), in page px.
() => [...document.querySelectorAll('.lab-chart')].flatMap((c) => {
  const canvas = c.querySelector('canvas.lab-field');
  if (!canvas) return [];
  const box = c.getBoundingClientRect(), r = canvas.getBoundingClientRect();
  const xa = c._fullLayout.xaxis, ya = c._fullLayout.yaxis;
  const m = /inset\(([^)]*)\)/.exec(canvas.style.clipPath || '');
  const v = m ? m[1].trim().split(/\s+/).map(parseFloat) : [0];
  const [t, rt = t, b = t, l = rt] = v;
  return [{chart: c.className.split(' ')[1],
           plot: [box.left + xa._offset, box.top + ya._offset,
                  box.left + xa._offset + xa._length, box.top + ya._offset + ya._length],
           shown: [r.left + l, r.top + t, r.right - rt, r.bottom - b]}];
})
