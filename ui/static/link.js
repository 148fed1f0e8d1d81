// The share link in the sidebar: the link as text, and a Copy button. A plain <code> box:
// st.code would make every first visit load and parse a syntax highlighter, a script about
// as large as Plotly, in the very moments the Train page starts its charts.

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
export function flash(button, copied, label) {
  button.dataset.copied = String(copied);
  button.querySelector("span").textContent = copied ? "Copied" : label;
  setTimeout(() => { button.querySelector("span").textContent = label; }, 1500);
}

export function render({ data, parentElement }) {
  let box = parentElement.querySelector(".lab-link");
  if (!box) {
    box = document.createElement("div");
    box.className = "lab-link";
    box.innerHTML = '<code></code><button type="button" class="lab-button" title="Copy the link"><span>Copy</span></button>';
    const button = box.querySelector("button");
    button.addEventListener("click", async () => {
      flash(button, await copyText(box.querySelector("code").textContent), "Copy");
    });
    parentElement.appendChild(box);
  }
  box.querySelector("code").textContent = data.link;
}
