// The 3D view's axis box projected with the scene's own camera: each corner of the box
// that carries the tick labels, in px of the scene's canvas. Plotly draws 3D tick labels
// into the WebGL canvas (no SVG text to measure), next to the box's edges, so a corner
// outside the canvas (or too near its edge for a label) means cut-off labels.
() => {
  const div = document.querySelector('.lab-chart-surface');
  const scene = div && div._fullLayout && div._fullLayout.scene && div._fullLayout.scene._scene;
  if (!scene || !scene.glplot || !scene.glplot.cameraParams) return null;
  const gl = scene.glplot;
  const {model, view, projection} = gl.cameraParams;
  const mul = (m, v) => [0, 1, 2, 3].map(
    (i) => m[i] * v[0] + m[4 + i] * v[1] + m[8 + i] * v[2] + m[12 + i] * v[3]);
  const canvas = gl.canvas.getBoundingClientRect();
  const chart = div.getBoundingClientRect();
  const b = gl.axes.bounds;
  const corners = [];
  for (const i of [0, 1]) for (const j of [0, 1]) for (const k of [0, 1]) {
    const clip = mul(projection, mul(view, mul(model, [b[i][0], b[j][1], b[k][2], 1])));
    corners.push({corner: [i, j, k],
                  x: (clip[0] / clip[3] + 1) / 2 * canvas.width,
                  y: (1 - clip[1] / clip[3]) / 2 * canvas.height});
  }
  return {canvas: {left: canvas.left, top: canvas.top, width: canvas.width, height: canvas.height},
          chart: {left: chart.left, top: chart.top, width: chart.width, height: chart.height},
          tickPad: Math.max(...gl.axes.tickPad), tickSize: Math.max(...gl.axes.tickSize),
          camera: div._fullLayout.scene.camera.eye, corners};
}
