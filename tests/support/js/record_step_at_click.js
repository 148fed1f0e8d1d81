// From now on, window.__atClick records the stage's step at every pointerdown and click.
() => { window.__atClick = {};
              for (const kind of ['pointerdown', 'click'])
                document.addEventListener(kind, () => { window.__atClick[kind] =
                  Number(document.querySelector('.lab-stage')?.dataset.step); }, true); }
