// The 3D view's camera: as laid out, and as the WebGL scene really shows it.
() => {
  const el = document.querySelector('.lab-chart-surface');
  const scene = el && el._fullLayout && el._fullLayout.scene;
  if (!scene) return null;
  const live = scene._scene && scene._scene.getCamera ? scene._scene.getCamera() : scene.camera;
  return JSON.parse(JSON.stringify({layout: scene.camera, live, step: el.dataset.step}));
}
