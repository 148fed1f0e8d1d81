"""The baselines: what the Train page is measured against, side by side in the same run.

Why floors: this machine is shared and its speed drifts from minute to minute, so a lone
absolute time says little. Each budget is instead a ratio against the least Streamlit (or
Plotly) could do for the same job, measured in the same run, interleaved with the app:

  floor A  one ``st.button`` + one 30×30 ``go.Surface`` via ``st.plotly_chart`` (first
           load and cold start: what drawing one 3D chart costs in plain Streamlit)
  floor B  one ``st.button`` + one 50-point Plotly line that depends on a counter (a Step:
           the cheapest server round trip Streamlit offers)
  surface  a bare 30×30 Plotly surface restyled in a loop on a blank page of the app's
           server, with the app's own Plotly (3D Play: how fast Plotly alone redraws)
  blank    a rAF loop on that blank page (Play: the machine's own frame pacing)

The two floor apps are written to a temp dir and served like the app.
"""

from __future__ import annotations

import pathlib

FLOOR_A = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("t", 0)
if st.button("Step", key="step"):
    st.session_state.t += 1
t = st.session_state.t
x = np.linspace(-3, 3, 30)
z = 1 / (1 + np.exp(-(x[None, :] * np.cos(t / 10) + x[:, None] * np.sin(t / 10))))
fig = go.Figure(go.Surface(x=x, y=x, z=z, showscale=False))
fig.update_layout(height=420, title=f"step {t}")
st.plotly_chart(fig)
"""

FLOOR_B = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("t", 0)
if st.button("Step", key="step"):
    st.session_state.t += 1
t = st.session_state.t
x = np.arange(50)
fig = go.Figure(go.Scatter(x=x, y=np.sin(x / 5 + t / 10), mode="lines"))
fig.update_layout(height=420, title=f"step {t}")
st.plotly_chart(fig)
"""

# The 3D floor: a bare 30×30 surface with fixed axis ranges (as the app's; autoranged axes
# redraw their ticks and run at half the rate), restyled with a new grid, each restyle
# awaited and followed by one animation frame (so every redraw reaches the screen), for `ms`.
SURFACE_FLOOR_JS = """
async ({ ms, width, height }) => {
  const div = document.createElement('div');
  div.style.cssText = `width:${width}px;height:${height}px`;
  document.body.appendChild(div);
  const n = 30;
  const xs = Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
  const grid = (k) => xs.map((y) => xs.map((x) =>
    1 / (1 + Math.exp(-(x * Math.cos(k / 10) + y * Math.sin(k / 10))))));
  await Plotly.newPlot(div, [{ type: 'surface', x: xs, y: xs, z: grid(0), showscale: false }],
                       { width, height, margin: { t: 10, b: 0, l: 0, r: 0 },
                         scene: { xaxis: { range: [-3, 3] }, yaxis: { range: [-3, 3] },
                                  zaxis: { range: [0, 1] }, aspectmode: 'cube' } },
                       { displayModeBar: false });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  await frame();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms && count < 10000) {
    await Plotly.restyle(div, { z: [grid(count + 1)] });
    await frame();
    count += 1;
  }
  const elapsed = performance.now() - started;
  Plotly.purge(div);
  div.remove();
  return { count, seconds: elapsed / 1000, perSecond: count / (elapsed / 1000) };
}
"""

# The machine's own frame pacing: a rAF loop on a blank page for `ms`.
RAF_BASELINE_JS = """
async (ms) => {
  const times = [];
  const started = performance.now();
  await new Promise((resolve) => {
    const loop = (now) => {
      times.push(performance.now());
      if (performance.now() - started < ms && times.length < 20000) requestAnimationFrame(loop);
      else resolve();
    };
    requestAnimationFrame(loop);
  });
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  const span = (times[times.length - 1] - times[0]) / 1000;
  return { fps: (times.length - 1) / span, max_frame_ms: longest };
}
"""


def write_floors(directory: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """Floor A's and floor B's scripts, written into ``directory`` (a temp dir)."""
    floor_a = directory / "floor_a.py"
    floor_b = directory / "floor_b.py"
    floor_a.write_text(FLOOR_A, encoding="utf-8")
    floor_b.write_text(FLOOR_B, encoding="utf-8")
    return floor_a, floor_b
