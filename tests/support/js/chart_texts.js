// Each stage chart's words: {slot: {title, description, table, save}} (the chart's title,
// the text it is described by, its Table toggle's and its save button's accessible labels).
() => {
  const out = {};
  for (const slot of document.querySelectorAll('.lab-stage .lab-slot')) {
    const chart = slot.querySelector('.lab-chart');
    const about = document.getElementById(chart.getAttribute('aria-describedby'));
    out[slot.dataset.slot] = {
      title: slot.querySelector('.lab-title').textContent,
      description: about ? about.textContent : null,
      table: slot.querySelector('.lab-table-toggle')?.getAttribute('aria-label') ?? null,
      save: slot.querySelector('.lab-save')?.getAttribute('aria-label') ?? null,
    };
  }
  return out;
}
