// The step and view on screen, kept for the whole tab, and the one writer of them into the URL.
//
// The page owns t: the Train page's Player moves it, and it is remembered here across a
// remount of the stage (a new run) and a switch of page, in this module (one instance per
// tab, however many elements import it). The address bar follows within 250 ms, so it is
// always a share link for what is on screen. Streamlit drops a page's own parameters on a
// switch of page, so the share link's element (link.js), which every page shows, writes
// them back. The server moves t only on the Walkthrough; each move bumps its epoch, and
// the page then adopts the server's step.
const EVERY_MS = 250;

export const onScreen = { t: 0, view: null, epoch: null };

let contract = { t: { default: 0 }, view: { default: "heatmap", choices: {} } };
const listeners = new Set();
let writtenAt = 0;
let timer = 0;

// The settings table's page half (ui/sharing.py sends it): defaults and the URL's labels.
export function useContract(settings) {
  contract = settings;
}

// What the server knows; adopted when it moved t itself (a link, the Walkthrough's buttons).
export function adopt({ t, epoch }) {
  if (onScreen.epoch === epoch) return false;
  Object.assign(onScreen, { t, epoch });
  return true;
}

// `search` with `values` set in place, defaults removed; rows stay readable (, and ;).
export function withParams(search, values, defaults) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) {
    if (value === defaults[key]) params.delete(key);
    else params.set(key, String(value));
  }
  const text = params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  return text ? `?${text}` : "";
}

// The views a page offers, by key, as the link names them ("3d" → "3D surface").
export function viewLabels() {
  return { ...contract.view.choices };
}

// The view's key from a link's label ("3D surface" → "3d"), or null.
export function viewFromLabel(label) {
  const found = Object.entries(contract.view.choices).find(([, text]) => text === label);
  return found ? found[0] : null;
}

export function viewInLink() {
  return viewFromLabel(new URLSearchParams(location.search).get("view"));
}

function write() {
  clearTimeout(timer);
  timer = 0;
  writtenAt = performance.now();
  const view = onScreen.view || contract.view.default;
  const values = { t: onScreen.t, view: contract.view.choices[view] || view };
  const defaults = { t: contract.t.default, view: contract.view.choices[contract.view.default] };
  const search = withParams(location.search, values, defaults);
  if (search !== location.search) {
    history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
  }
  for (const listener of listeners) listener(location.href);
}

// Show `values` in the address bar: now, or within 250 ms while they change every frame.
export function show(values, { now = false } = {}) {
  Object.assign(onScreen, values);
  const due = writtenAt + EVERY_MS - performance.now();
  if (now || due <= 0) write();
  else if (!timer) timer = setTimeout(write, due);
}

// Call `listener(href)` after every write; returns the function that stops it.
export function onWrite(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
