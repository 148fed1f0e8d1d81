// From now on, window.__keyTimes collects the time of every keydown (capture phase).
() => { window.__keyTimes = [];
              document.addEventListener('keydown', () => window.__keyTimes.push(performance.now()),
                                        true); }
