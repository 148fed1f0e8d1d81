// Per Plotly chart: its title(s), axis titles, legend entries and colour-bar tick labels.
() => {
  const rect = (el) => {
    const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            width: b.width, height: b.height};
  };
  const texts = (p, sel) => [...p.querySelectorAll(sel)]
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => ({text: t.textContent, rect: rect(t)}));
  return [...document.querySelectorAll('.js-plotly-plot')].map((p) => {
    const slot = p.closest('.lab-slot');
    const head = slot && slot.querySelector('.lab-title');
    return {
      chart: p.className.replace('js-plotly-plot', '').trim()
             || (p.closest('[class*="st-key-"]')?.className.match(/st-key-\S+/) || [''])[0],
      div: rect(p),
      titles: texts(p, '.g-gtitle text').concat(
        head && head.textContent.trim() ? [{text: head.textContent, rect: rect(head)}] : []),
      axisTitles: texts(p, '.g-xtitle text, .g-ytitle text'),
      legend: [...p.querySelectorAll('.legend .traces')].map((g) => ({
        text: g.textContent, rect: rect(g)})),
      colourbarTicks: texts(p, '.colorbar .cbaxis text'),
      colourbarTitles: texts(p, '.colorbar .cbtitle text'),
    };
  });
}
