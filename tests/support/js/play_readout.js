// The stage's step, Iteration number, slider value and Play state.
() => ({
          step: Number(document.querySelector('.lab-stage').dataset.step),
          iteration: document.querySelector(
            '.lab-number[data-lab="iteration"] .lab-number-value').textContent,
          slider: Number(document.querySelector('input[data-lab="slider"]').value),
          play: document.querySelector('[data-lab="play"]').dataset.state,
        })
