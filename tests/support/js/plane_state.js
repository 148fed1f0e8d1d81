// What the plane shows: the rows the heat map draws ([x1, x2, target]), how many edits are
// still on their way (ghosts) or gone (crossed out), the editor's note, and the stage's step.
() => {
  const div = document.querySelector('.lab-chart-heatmap');
  const trace = div && (div.data || []).find((t) => t.name === 'rows');
  const layer = document.querySelector('svg.lab-edit-layer');
  const note = document.querySelector('[data-lab="edit-note"]');
  return {
    drawn: trace ? trace.x.map((x, i) => [x, trace.y[i], trace.customdata[i][1]]) : null,
    coming: layer ? Number(layer.dataset.coming) : null,
    going: layer ? Number(layer.dataset.going) : null,
    note: note ? note.textContent : null,
    step: Number(document.querySelector('.lab-stage')?.dataset.step),
  };
}
