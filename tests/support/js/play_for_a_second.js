// Clicks Play, lets it run for 1 s of page time, clicks Pause: the step reached and the ms.
async () => {
                  const stage = document.querySelector('.lab-stage');
                  const play = stage.querySelector('[data-lab="play"]');
                  play.click();
                  const start = performance.now();
                  await new Promise((done) => setTimeout(done, 1000));
                  play.click();
                  return { step: Number(stage.dataset.step), ms: performance.now() - start };
                }
