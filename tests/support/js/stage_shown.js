// The stage's numbers and rows table, its step and Play state, in one frame (null until ready).
() => {
  const stage = document.querySelector('.lab-stage');
  if (!stage || stage.dataset.ready !== 'true') return null;
  const numbers = {};
  for (const box of stage.querySelectorAll('.lab-number')) {
    numbers[box.dataset.lab] = box.querySelector('.lab-number-value').textContent;
  }
  return {
    step: Number(stage.dataset.step),
    numbers,
    rows: [...stage.querySelectorAll('table.lab-rows-table tbody tr')]
      .map((tr) => [...tr.cells].map((td) => td.textContent)),
    play: stage.querySelector('[data-lab="play"]').dataset.state,
  };
}
