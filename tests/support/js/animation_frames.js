// Resolves after n animation frames of the page (lets React render).
(n) => new Promise((done) => { const step = (k) => k ? requestAnimationFrame(
             () => step(k - 1)) : done(); step(n); })
