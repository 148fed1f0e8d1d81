// Where the heat map draws the data point (x1, x2), in page (viewport) pixels, from the
// chart's live axes; null while the heat map is not drawn.
// Argument: [x1, x2].
([x1, x2]) => {
  const div = document.querySelector('.lab-chart-heatmap');
  const layout = div && div._fullLayout;
  if (!layout || !layout.xaxis) return null;
  const box = div.getBoundingClientRect();
  const xa = layout.xaxis;
  const ya = layout.yaxis;
  return { x: box.left + xa._offset + xa.l2p(x1), y: box.top + ya._offset + ya.l2p(x2),
           area: { left: box.left + xa._offset, right: box.left + xa._offset + xa._length,
                   top: box.top + ya._offset, bottom: box.top + ya._offset + ya._length } };
}
