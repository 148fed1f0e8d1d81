// Everything the Train page's stage shows, read in one go (one consistent frame), or null.
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage) return null;
  const q = (sel) => stage.querySelector(sel);
  const numbers = {}, hints = {};
  for (const box of stage.querySelectorAll('.lab-number')) {
    numbers[box.dataset.lab] = box.querySelector('.lab-number-value').textContent;
    hints[box.dataset.lab] = box.title;
  }
  const charts = {};
  for (const c of stage.querySelectorAll('.lab-chart')) {
    const name = [...c.classList].find((k) => k.startsWith('lab-chart-')).slice(10);
    charts[name] = c.dataset.step === undefined ? null : Number(c.dataset.step);
  }
  const pressed = (sel) => [...stage.querySelectorAll(sel + ' button')]
    .filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.value);
  const disabled = {};
  for (const key of ['reset', 'back', 'step', 'jump', 'play']) {
    disabled[key] = q(`[data-lab="${key}"]`).disabled;
  }
  const slider = q('input[data-lab="slider"]');
  const summary = q('details.lab-rows summary');
  return {
    ready: stage.dataset.ready === 'true',
    step: stage.dataset.step === undefined ? null : Number(stage.dataset.step),
    mode: stage.dataset.mode,
    numbers, hints, charts,
    rows: [...stage.querySelectorAll('table.lab-rows-table tbody tr')]
      .map((tr) => [...tr.cells].map((td) => td.textContent)),
    rowsSummary: summary ? summary.textContent : null,
    signals: [...stage.querySelectorAll('.lab-signal')].map((s) => s.dataset.kind),
    play: q('[data-lab="play"]').dataset.state,
    playText: q('[data-lab="play"]').textContent.trim(),
    jump: q('[data-lab="jump"]').textContent.trim(),
    disabled,
    slider: { value: Number(slider.value), max: Number(slider.max), disabled: slider.disabled },
    speed: pressed('[data-lab="speed"]'),
    view: pressed('[data-lab="view"]'),
    url: location.href,
  };
}
