// The transport: buttons, slider, speed and view, and their keys. Each control only asks
// the Player to move; the Player says what changed and everything redraws from t.
import { whole } from "./format.js";
import { SPEEDS } from "./player.js";
import { viewLabels } from "./url.js";

const ICONS = {
  reset: "M6 6h2v12H6zm3.5 6 8.5 6V6z",
  back: "M15.41 16.59 10.83 12l4.58-4.59L14 6l-6 6 6 6z",
  step: "M8.59 16.59 13.17 12 8.59 7.41 10 6l6 6-6 6z",
  jump: "M4 18l8.5-6L4 6v12zm9-12v12l8.5-6L13 6z",
  play: "M8 5v14l11-7z",
  pause: "M6 19h4V5H6v14zm8-14v14h4V5h-4z",
  link: "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z",
};

const KEYS = { ArrowRight: "forward", ArrowLeft: "back", ArrowUp: "jump", Home: "reset", p: "toggle", P: "toggle" };
// What the "Keys" list says (? opens it).
const KEY_LIST = [["→", "One update forward"], ["←", "One update back"],
  ["↑", "Jump to the next power of ten"], ["Home", "Back to step 0"], ["P", "Play or pause"],
  ["?", "This list of keys"]];

// Keys act on the page only, never while someone is typing or moving through a widget:
// an input, a text area, a select, anything editable, an ARIA widget that uses arrow keys,
// or the data editor's grid (a canvas whose focus sits on a scroller inside it).
export const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable='true'], "
  + "[role=slider], [role=spinbutton], [role=combobox], [role=listbox], [role=textbox], "
  + "[role=grid], [role=gridcell], [role=menu], [role=option], [data-testid=stDataFrame], "
  + "[data-testid=stDataFrameResizable], .stDataFrame, .gdg-input, [data-testid=stTextArea]";

export function keyAllowed(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  const targets = [event.target, document.activeElement].filter((el) => el && el.closest);
  return !targets.some((el) => el.closest(TYPING));
}

function icon(name) {
  return `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="${ICONS[name]}"/></svg>`;
}

function button(parent, key, html, title, primary = false) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `lab-button${primary ? " lab-primary" : ""}`;
  element.dataset.lab = key;
  element.title = title;
  element.innerHTML = html;
  parent.appendChild(element);
  return element;
}

function segmented(parent, key, options, label) {
  const group = document.createElement("div");
  group.className = "lab-segmented";
  group.dataset.lab = key;
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", label);
  const buttons = Object.entries(options).map(([value, text]) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.value = value;
    b.textContent = text;
    group.appendChild(b);
    return b;
  });
  parent.appendChild(group);
  return { group, buttons };
}

export class Transport {
  constructor(box, viewBox, player, { onView, onCopy }) {
    this.player = player;
    const buttons = document.createElement("div");
    buttons.className = "lab-buttons";
    box.appendChild(buttons);
    const b = (key, html, title, primary) => button(buttons, key, html, title, primary);
    this.reset = b("reset", `${icon("reset")}<span>Reset</span>`, "Back to the initial weights, step 0 (Home)");
    this.back = b("back", `${icon("back")}<span>Back</span>`, "One update back (←)");
    this.step = b("step", `<span>Step</span>${icon("step")}`, "Apply one gradient-descent update (→)", true);
    this.jump = b("jump", `<span class="lab-jump-label">To 1</span>${icon("jump")}`, "");
    this.play = b("play", "", "Animate the rest of the run, on a log scale of iterations (P)");
    this.speed = segmented(buttons, "speed", Object.fromEntries(Object.keys(SPEEDS).map((s) => [s, s])), "Playback speed");
    const scrub = document.createElement("label");
    scrub.className = "lab-scrub";
    scrub.innerHTML = '<span class="lab-sr">Step</span>';
    this.slider = document.createElement("input");
    Object.assign(this.slider, { type: "range", min: 0, step: 1 });
    this.slider.dataset.lab = "slider";
    this.slider.setAttribute("aria-label", "Step: number of updates applied so far");
    scrub.appendChild(this.slider);
    box.appendChild(scrub);
    this.copy = button(box, "copy", `${icon("link")}<span>Link</span>`, "Copy a link to exactly this: data, settings, view and step");
    this.keys = button(box, "keys", "Keys", "The keyboard keys of this page (?)");
    this.keys.setAttribute("aria-haspopup", "dialog");
    this.list = keyList(box);
    this.keys.onclick = () => this.openKeys();
    // Closed by Escape or its button: focus goes back to where it was when the list opened.
    this.list.addEventListener("close", () => {
      const back = this.returnTo?.isConnected && this.returnTo !== document.body ? this.returnTo : this.keys;
      back.focus();
    });
    this.view = segmented(viewBox, "view", viewLabels(), "Surface view");

    this.reset.onclick = () => player.reset();
    this.back.onclick = () => player.back();
    this.step.onclick = () => player.forward();
    this.jump.onclick = () => player.jump();
    this.play.onclick = () => player.toggle();
    this.slider.oninput = () => player.seek(Number(this.slider.value), "slider");
    this.speed.buttons.forEach((s) => { s.onclick = () => { player.setSpeed(s.dataset.value); this.show(); }; });
    this.view.buttons.forEach((v) => { v.onclick = () => onView(v.dataset.value); });
    this.copy.onclick = () => onCopy(this.copy);
    this.onKey = (event) => {
      if (this.list.open || !box.isConnected) return; // the list of keys is read, not acted on
      if (event.key === "?" && keyAllowed(event)) { event.preventDefault(); this.openKeys(); return; }
      const action = KEYS[event.key];
      if (!action || !keyAllowed(event)) return;
      event.preventDefault();
      player[action]();
      // Home from no control (focus on the page's body or its main area, around the stage):
      // land on Step, the next move from step 0.
      const at = document.activeElement;
      if (action === "reset" && (!at || at.contains(box))) this.step.focus();
    };
    document.addEventListener("keydown", this.onKey);
    // The bar sticks below Streamlit's header while the charts below the fold scroll by.
    this.onResize = () => {
      const header = document.querySelector("[data-testid=stHeader]");
      box.style.setProperty("--lab-sticky-top", `${header ? Math.round(header.getBoundingClientRect().height) : 0}px`);
    };
    this.onResize();
    window.addEventListener("resize", this.onResize);
  }

  openKeys() {
    this.returnTo = document.activeElement;
    this.list.showModal();
  }

  // Labels and states that follow t: the jump names its target, edges disable moves.
  show(view) {
    const { t, last, playing, speed } = this.player;
    const focused = document.activeElement;
    const target = this.player.nextStop();
    this.jump.querySelector(".lab-jump-label").textContent = `To ${whole(target)}`;
    this.jump.title = `Jump to step ${whole(target)}: the next power of ten (↑)`;
    this.back.disabled = t <= 0;
    this.reset.disabled = t <= 0 && !playing;
    this.step.disabled = t >= last;
    this.jump.disabled = t >= last;
    this.play.disabled = last === 0;
    // A move that disables the focused button (Reset at step 0, Step at the end) keeps the
    // focus on the transport, never dropped to the page's body.
    if (focused && focused.disabled && focused.parentElement === this.step.parentElement) {
      const next = focused === this.reset || focused === this.back ? [this.step, this.play] : [this.back, this.reset];
      (next.find((b) => !b.disabled) || this.keys).focus();
    }
    const state = playing ? "playing" : "paused";
    if (this.play.dataset.state !== state) {
      this.play.innerHTML = playing ? `${icon("pause")}<span>Pause</span>` : `${icon("play")}<span>Play</span>`;
      this.play.dataset.state = state;
    }
    this.slider.max = String(last);
    this.slider.disabled = last === 0;
    if (Number(this.slider.value) !== t) this.slider.value = String(t);
    this.speed.buttons.forEach((s) => s.setAttribute("aria-pressed", String(s.dataset.value === speed)));
    if (view) this.view.buttons.forEach((v) => v.setAttribute("aria-pressed", String(v.dataset.value === view)));
  }

  // The page is leaving: its keys must not act on the next page.
  destroy() {
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
  }
}

// The list of keys: a modal dialog (Escape closes it, focus stays inside while it is open).
function keyList(parent) {
  const dialog = document.createElement("dialog");
  dialog.className = "lab-keys";
  dialog.dataset.lab = "keys-list";
  dialog.setAttribute("aria-labelledby", "lab-keys-title");
  const title = document.createElement("h2");
  Object.assign(title, { id: "lab-keys-title", textContent: "Keys" });
  const list = document.createElement("dl");
  for (const [key, what] of KEY_LIST) {
    const dt = document.createElement("dt");
    dt.appendChild(document.createElement("kbd")).textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = what;
    list.append(dt, dd);
  }
  const close = document.createElement("button");
  Object.assign(close, { type: "button", className: "lab-button", textContent: "Close" });
  close.onclick = () => dialog.close();
  dialog.append(title, list, close);
  parent.appendChild(dialog);
  return dialog;
}
