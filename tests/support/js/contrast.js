// WCAG 2 contrast of every Plotly SVG text on the page against the app's background (the
// charts' paper is transparent): fill × fill-opacity × the opacities up to the chart,
// blended over the background. Also the Train page's own numbers and titles (HTML).
// Argument: a selector for the charts (null: every Plotly chart).
(selector) => {
  const parse = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s || '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const lum = ({r, g, b}) => {
    const ch = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const bg = parse(getComputedStyle(app).backgroundColor);
  const over = (fg, alpha) => ({r: fg.r * alpha + bg.r * (1 - alpha),
                                g: fg.g * alpha + bg.g * (1 - alpha),
                                b: fg.b * alpha + bg.b * (1 - alpha)});
  const opacity = (el, stop) => {
    let o = 1;
    for (let e = el; e && e !== stop; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const items = [];
  for (const plot of document.querySelectorAll(selector || '.js-plotly-plot')) {
    for (const t of plot.querySelectorAll('.main-svg text')) {
      if (!t.textContent.trim() || !t.getBoundingClientRect().width) continue;
      const style = getComputedStyle(t);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fill = parse(style.fill);
      if (!fill) continue;
      const alpha = fill.a * Number(style.fillOpacity) * opacity(t, plot.parentElement);
      items.push({text: t.textContent.slice(0, 40),
                  kind: t.parentElement.getAttribute('class') || '',
                  chart: plot.className.replace('js-plotly-plot', '').trim(),
                  fill: style.fill, ratio: ratio(over(fill, alpha), bg)});
    }
  }
  for (const el of document.querySelectorAll('.lab-number-value, .lab-number-label, .lab-title')) {
    const colour = parse(getComputedStyle(el).color);
    if (!colour || !el.textContent.trim()) continue;
    const alpha = colour.a * opacity(el, app);
    items.push({text: el.textContent.slice(0, 40), kind: el.className, chart: 'stage',
                fill: getComputedStyle(el).color, ratio: ratio(over(colour, alpha), bg)});
  }
  items.sort((a, b) => a.ratio - b.ratio);
  return {background: getComputedStyle(app).backgroundColor, backgroundLuminance: lum(bg),
          count: items.length, worst: items.slice(0, 5),
          plotlyWorst: items.find((i) => i.chart !== 'stage') || null};
}
