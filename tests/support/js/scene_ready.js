// True once the 3D scene has a camera and the stage is ready.
() => { const c = document.querySelector('.lab-chart-surface'); return !!c && c._fullLayout?.scene?._scene?.glplot?.cameraParams && document.querySelector('.lab-stage').dataset.ready === 'true'; }
