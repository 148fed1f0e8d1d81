// The Train page's stage as laid out: viewport, sidebar, transport, numbers, and per slot
// the slot, the chart div, Plotly's plot area (from its axes), the colour bar, the texts'
// smallest font size and the trace lines' stroke widths.
() => {
  const rect = (el) => {
    if (!el) return null;
    const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            width: b.width, height: b.height};
  };
  const stage = document.querySelector('.lab-stage');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const out = {
    viewport: {width: innerWidth, height: innerHeight},
    scroll: {docWidth: document.documentElement.scrollWidth,
             mainWidth: document.querySelector('[data-testid="stMain"]')?.scrollWidth,
             mainClient: document.querySelector('[data-testid="stMain"]')?.clientWidth},
    mode: stage.dataset.mode,
    sidebar: {rect: rect(sidebar), collapsed: sidebar?.dataset.collapsed},
    transport: Object.fromEntries(['reset', 'back', 'step', 'jump', 'play'].map(
      (k) => [k, rect(stage.querySelector(`[data-lab="${k}"]`))])),
    numbers: rect(stage.querySelector('.lab-numbers')),
    numberBoxes: [...stage.querySelectorAll('.lab-number')].map((n) => ({
      key: n.dataset.lab, rect: rect(n),
      font: parseFloat(getComputedStyle(n.querySelector('.lab-number-value')).fontSize)})),
    slots: {},
  };
  for (const slot of stage.querySelectorAll('.lab-slot')) {
    const chart = slot.querySelector('.lab-chart');
    const layout = chart && chart._fullLayout;
    const box = chart.getBoundingClientRect();
    let plot = null;
    if (layout && layout.xaxis && layout.yaxis && layout.xaxis._length) {
      const left = box.left + layout.xaxis._offset, top = box.top + layout.yaxis._offset;
      plot = {left, top, right: left + layout.xaxis._length, bottom: top + layout.yaxis._length,
              width: layout.xaxis._length, height: layout.yaxis._length};
    }
    const texts = [...chart.querySelectorAll('.main-svg text')]
      .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0);
    out.slots[slot.dataset.slot] = {
      slot: rect(slot), chart: rect(chart), plot, drag: rect(chart.querySelector('.nsewdrag')),
      colourbar: rect(chart.querySelector('.colorbar')),
      title: slot.querySelector('.lab-title')?.textContent,
      fonts: texts.map((t) => [t.textContent.slice(0, 30),
                               parseFloat(getComputedStyle(t).fontSize)]),
      // Plotly's lines and the page's own (ui/static/lines.js says the widths it drew).
      lines: [...chart.querySelectorAll('.scatterlayer path.js-line')]
        .map((p) => parseFloat(getComputedStyle(p).strokeWidth))
        .concat((chart.querySelector(':scope > canvas.lab-lines')?.dataset.widths || '')
          .split(' ').filter(Boolean).map(Number)),
    };
  }
  return out;
}
