// True once the dragged camera is in the layout (moved from the argument's) and the live
// scene shows exactly that camera. CAMERA is replaced by camera.js when loaded.
(start) => {
  const now = (CAMERA)();
  const far = (a, b) =>
    Math.max(...'xyz'.split('').map((k) => Math.abs(a[k] - b[k])));
  return far(now.layout.eye, start.layout.eye) > 1e-3
         && far(now.live.eye, now.layout.eye) < 1e-9;
}
