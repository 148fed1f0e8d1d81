// True once the script has finished and every Plotly chart on the page has drawn something
// (an SVG layer with children, or a WebGL canvas for 3D scenes). The Train page's stage
// charts are Plotly divs too, so they count; pages with st.plotly_chart (Compare) rely on
// this alone. Argument: the fewest charts expected.
(min) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < min) return false;
  return plots.every((el) => {
    const svg = el.querySelector('.main-svg');
    const gl = el.querySelector('canvas');
    return (svg && svg.childElementCount > 0 && el._fullLayout) || !!gl;
  });
}
