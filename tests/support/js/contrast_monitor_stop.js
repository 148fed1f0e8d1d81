// Stops the contrast monitor (contrast_monitor.js) and returns what it saw.
() => { const m = window.__labContrastMonitor; m.running = false;
        return {frames: m.frames, worst: m.worst, low: m.low,
                ms: Math.round(performance.now() - m.start)}; }
