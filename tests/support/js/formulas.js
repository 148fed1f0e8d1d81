// Every KaTeX display formula: its TeX, scroll and client widths, where its ink is and
// where its box and column clip it.
() => [...document.querySelectorAll('.katex-display')].map((d) => {
  const shown = d.querySelector('.katex-html').getBoundingClientRect();
  const own = d.getBoundingClientRect();
  const column = d.closest('[data-testid="stElementContainer"]').getBoundingClientRect();
  return {text: d.querySelector('annotation')?.textContent || d.textContent,
          scroll: d.scrollWidth, client: d.clientWidth, left: shown.left, right: shown.right,
          clipLeft: Math.max(own.left, column.left), clipRight: Math.min(own.right, column.right),
          scrollbar: d.offsetHeight - d.clientHeight};
})
