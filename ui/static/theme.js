// Chart colours from the theme the page actually shows, never from a preference it ignores.
//
// The page's own text and background colours are read off the app, so a chart is legible
// (text ≥ 4.5:1) in light and dark alike, whatever the browser prefers.

export function parseColour(text) {
  const match = /rgba?\(([^)]+)\)/.exec(text || "");
  if (!match) return null;
  const [r, g, b, a = 1] = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
}

// WCAG relative luminance and contrast ratio.
export function luminance({ r, g, b }) {
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function css({ r, g, b }, alpha = 1) {
  return `rgba(${r},${g},${b},${alpha})`;
}

// The app's background and text colours (the element Streamlit themes).
export function pageColours(element) {
  const app = element.closest('[data-testid="stApp"]') || document.body;
  const style = getComputedStyle(app);
  const paper = parseColour(style.backgroundColor) || { r: 255, g: 255, b: 255 };
  let ink = parseColour(style.color) || { r: 49, g: 51, b: 63 };
  if (contrast(ink, paper) < 4.5) ink = luminance(paper) > 0.4 ? { r: 20, g: 20, b: 30 } : { r: 250, g: 250, b: 250 };
  return { paper, ink, dark: luminance(paper) < 0.4 };
}

// What a figure's layout needs so every text, axis and legend reads on this page.
export function themedLayout(layout, colours) {
  const ink = css(colours.ink);
  const grid = css(colours.ink, colours.dark ? 0.18 : 0.12);
  const axis = (a) => ({ ...a, color: ink, gridcolor: grid, zerolinecolor: grid, linecolor: grid });
  const out = { ...layout, font: { ...(layout.font || {}), color: ink } };
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) out[key] = axis(layout[key]);
  }
  if (layout.scene) {
    out.scene = { ...layout.scene };
    for (const key of ["xaxis", "yaxis", "zaxis"]) {
      out.scene[key] = { ...axis(layout.scene[key] || {}), backgroundcolor: "rgba(0,0,0,0)" };
    }
  }
  out.hoverlabel = { ...(layout.hoverlabel || {}), bgcolor: css(colours.paper), font: { ...(layout.hoverlabel?.font || {}), color: ink } };
  out.modebar = { bgcolor: "rgba(0,0,0,0)", color: css(colours.ink, 0.5), activecolor: ink };
  return out;
}

export function colourKey(colours) {
  return `${css(colours.paper)}|${css(colours.ink)}`;
}
