// The address bar's query, the stage's step and Play state.
() => ({search: location.search,
                   step: Number(document.querySelector('.lab-stage').dataset.step),
                   playing: document.querySelector('[data-lab="play"]').dataset.state})
