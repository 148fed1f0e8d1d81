// Installs window.__probe: an animation-frame counter, the time and frame of every
// ArrowRight keydown, every data-step change of the stage, and the step and chart steps
// two frames after each press.
() => {
              const stage = document.querySelector('.lab-stage');
              const probe = window.__probe = { frame: 0, keys: [], shown: [], later: [] };
              const tick = () => { probe.frame++; requestAnimationFrame(tick); };
              requestAnimationFrame(tick);
              document.addEventListener('keydown', (e) => {
                if (e.key !== 'ArrowRight') return;
                probe.keys.push([performance.now(), probe.frame]);
                const i = probe.keys.length;
                requestAnimationFrame(() => requestAnimationFrame(() => probe.later.push([i,
                  Number(stage.dataset.step),
                  [...stage.querySelectorAll('.lab-chart')].map((c) => Number(c.dataset.step))])));
              }, true);
              new MutationObserver(() => probe.shown.push([Number(stage.dataset.step),
                performance.now(), probe.frame]))
                .observe(stage, { attributeFilter: ['data-step'] });
            }
