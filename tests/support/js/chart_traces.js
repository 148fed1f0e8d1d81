// The errors chart's and the heat map's traces: name, mode and point count.
() => Object.fromEntries(['errors', 'heatmap'].map((name) => [name,
                 document.querySelector('.lab-chart-' + name)._fullData.map((t) =>
                   ({ name: t.name, mode: t.mode, points: (t.x || []).length }))]))
