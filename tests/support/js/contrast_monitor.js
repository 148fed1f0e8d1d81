// Measures contrast.js at every animation frame from now on, keeping the worst frame:
// a theme switch must never show a frame of light-on-light or dark-on-dark. Results in
// window.__labContrastMonitor; stop and read them with contrast_monitor_stop.js.
// CONTRAST is replaced by contrast.js and MIN by the least contrast allowed when loaded.
() => {
  const measure = CONTRAST;
  const monitor = window.__labContrastMonitor = {frames: 0, worst: null, running: true,
                                                 low: [], start: performance.now()};
  const tick = () => {
    if (!monitor.running) return;
    const now = measure(null);
    monitor.frames += 1;
    if (now.count && now.worst[0].ratio < MIN) {
      monitor.low.push([Math.round(performance.now() - monitor.start), now.worst[0].ratio]);
    }
    if (now.count && (!monitor.worst || now.worst[0].ratio < monitor.worst.worst[0].ratio)) {
      monitor.worst = now;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
