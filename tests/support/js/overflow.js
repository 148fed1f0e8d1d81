// Elements of the main area wider than the viewport, or making it scroll sideways.
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [...document.querySelectorAll('[data-testid="stMain"] *')].filter((e) => {
    if (!e.checkVisibility || !e.checkVisibility({visibilityProperty: true})) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
  }).map((e) => {
    const r = e.getBoundingClientRect();
    const name = (e.className.baseVal ?? e.className).toString().split(' ')[0];
    return `${e.tagName.toLowerCase()}.${name} (${Math.round(r.left)}..${Math.round(r.right)} px)`;
  });
  return {docWidth: document.documentElement.scrollWidth, mainWidth: main.scrollWidth,
          mainClient: main.clientWidth, wide: wide.slice(0, 8)};
}
