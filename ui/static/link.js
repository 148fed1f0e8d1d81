// The share link in the sidebar, on every page: the address as text and a Copy button.
//
// The link is the address bar itself (url.js keeps t and view in it). This element also
// writes them back after a switch of page, which drops them, and it is how the server
// hears the step when the page it draws depends on t (the Walkthrough): a report is a
// widget change, so that page reruns once, at the step on screen. A plain <code> box, not
// st.code, whose syntax highlighter every first visit would otherwise load.
import { Lifetime, mount } from "./dom.js";
import { adopt, onScreen, onWrite, show, useContract, viewInLink } from "./url.js";

let reports = 0; // each report is new, so a restarted server's session still hears it

// Copy `text`; where the clipboard is refused (plain http on another host), offer it to copy
// by hand. True if it reached the clipboard.
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    window.prompt("Copy this link:", text);
    return false;
  }
}

// Show "Copied" on the button for a moment, then its own label again.
export function flash(button, copied, label, lifetime) {
  button.dataset.copied = String(copied);
  button.querySelector("span").textContent = copied ? "Copied" : label;
  lifetime.timeout(() => { button.querySelector("span").textContent = label; }, 1500);
}

class ShareLink {
  constructor(parentElement) {
    this.lifetime = new Lifetime();
    this.box = document.createElement("div");
    this.box.className = "lab-link";
    this.box.innerHTML = '<code></code><button type="button" class="lab-button" '
      + 'title="Copy the link"><span>Copy</span></button>';
    this.code = this.box.querySelector("code");
    const button = this.box.querySelector("button");
    button.onclick = async () => flash(button, await copyText(location.href), "Copy", this.lifetime);
    parentElement.appendChild(this.box);
    this.lifetime.add(onWrite((href) => { this.code.textContent = href; }));
  }

  update({ data, setStateValue }) {
    useContract(data.settings);
    adopt(data);
    if (onScreen.view === null) onScreen.view = viewInLink();
    show({}, { now: true });
    if (data.follow && onScreen.t !== data.t) {
      reports += 1;
      setStateValue("shown", { t: onScreen.t, n: reports });
    }
  }

  destroy() {
    this.lifetime.end();
    this.box.remove();
  }
}

export function render(component) {
  return mount(component, ShareLink);
}
