// Ready = script idle, charts drawn, and on the Train page (`/` or `/train`, or when asked)
// the stage ready too: the script finishes before the stage's JS has drawn anything.
// Argument: [fewest charts, wantStage (true/false, or null to decide by the path)].
// CHARTS_DRAWN and STAGE_READY are replaced by charts_drawn.js and stage_ready.js.
([min, wantStage]) => {
  if (!(CHARTS_DRAWN)(min)) return false;
  const path = location.pathname.replace(/\/+$/, '');
  const train = wantStage === null ? (path === '' || path.endsWith('/train')) : wantStage;
  return !train || (STAGE_READY)();
}
