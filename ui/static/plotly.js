// Plotly.js, loaded once per page from the app's own server (the plotly package's bundle,
// served as a static component folder: no CDN, so it works offline).
let loading = null;

export function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.Plotly);
      script.onerror = (error) => { loading = null; reject(error); };
      document.head.appendChild(script);
    });
  }
  return loading;
}
