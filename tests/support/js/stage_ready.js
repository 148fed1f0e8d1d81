// True once the Train page's stage has drawn every chart and each shows the stage's step.
// TRAIN_CHARTS is replaced by the number of stage charts when loaded.
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true' || stage.dataset.step === undefined) return false;
  const charts = [...stage.querySelectorAll('.lab-chart')];
  return charts.length >= TRAIN_CHARTS
         && charts.every((c) => c.dataset.step === stage.dataset.step);
}
