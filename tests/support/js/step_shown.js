// True once the stage, each of its charts and the Iteration number show step t.
// Argument: [t, the step as printed ("1,000")].
([t, text]) => {
          const stage = document.querySelector('.lab-stage');
          if (!stage || stage.dataset.step !== String(t)) return false;
          const charts = [...stage.querySelectorAll('.lab-chart')];
          const it = stage.querySelector('.lab-number[data-lab="iteration"] .lab-number-value');
          return charts.length > 0 && charts.every((c) => c.dataset.step === String(t))
                 && !!it && it.textContent === text;
        }
