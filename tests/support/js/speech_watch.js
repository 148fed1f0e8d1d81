// Starts recording, in window.__speech, every change of the stage's live region
// ({spoken: [its text after each change]}) and every step the stage shows ({steps: [...]}).
() => {
  const stage = document.querySelector('.lab-stage');
  const region = stage.querySelector('[data-lab="spoken"]');
  const log = { spoken: [], steps: [] };
  window.__speech = log;
  new MutationObserver((records) => records.forEach(() => log.spoken.push(region.textContent)))
    .observe(region, { childList: true, characterData: true, subtree: true });
  new MutationObserver(() => {
    const t = Number(stage.dataset.step);
    if (log.steps.at(-1) !== t) log.steps.push(t);
  }).observe(stage, { attributes: true, attributeFilter: ['data-step'] });
  return true;
}
