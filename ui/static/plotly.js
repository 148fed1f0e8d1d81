// Plotly.js, loaded once per page from the app's own server (the plotly package's bundle,
// served as a static component folder: no CDN, so it works offline).
export function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__labPlotly) {
    window.__labPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.Plotly);
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  return window.__labPlotly;
}
