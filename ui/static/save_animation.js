// The stage's "Save animation" control: the button, and while the GIF of the three views is
// made its progress and a Cancel. The work (animation.js) yields between frames, so Cancel
// and the rest of the page answer at once; a cancelled run downloads nothing.
import { element } from "./dom.js";

const LABEL = "Save animation";

// `current()` gives { run, Plotly, colours } once a run is drawn (or nothing before).
export function saveAnimationControl(parent, current, lifetime) {
  const box = element(parent, "div", "lab-animation");
  box.style.cssText = "display:inline-flex;align-items:center;gap:0.35rem;flex-wrap:wrap";
  const save = element(box, "button", "lab-button");
  Object.assign(save, { type: "button", textContent: LABEL,
    title: "Save the run as an animated GIF of the three views (about 10 s, paced like Play)" });
  save.dataset.lab = "save-animation";
  const progress = element(box, "progress");
  Object.assign(progress, { max: 1, value: 0, hidden: true });
  progress.setAttribute("aria-label", "Animation saved so far");
  const cancel = element(box, "button", "lab-button");
  Object.assign(cancel, { type: "button", textContent: "Cancel", hidden: true });
  cancel.dataset.lab = "cancel-animation";

  let job = null;
  let url = null;
  const release = () => { if (url) URL.revokeObjectURL(url); url = null; };
  lifetime.add(() => { if (job) job.cancelled = true; release(); });
  const busy = (on) => {
    save.disabled = on;
    progress.hidden = !on;
    cancel.hidden = !on;
    box.dataset.busy = String(on);
    if (!on) save.textContent = LABEL;
  };
  cancel.onclick = () => { if (job) job.cancelled = true; };
  save.onclick = async () => {
    const now = current();
    if (job || !now) return;
    job = { cancelled: false };
    const mine = job;
    busy(true);
    const onProgress = (fraction) => {
      progress.value = fraction;
      save.textContent = `Saving… ${Math.floor(fraction * 100)} %`;
    };
    onProgress(0);
    try {
      // Loaded on the first click: the encoder is not part of every page's first load.
      const { makeAnimation } = await import("./animation.js");
      const blob = await makeAnimation({ ...now, onProgress,
        cancelled: () => mine.cancelled });
      if (blob && !lifetime.ended) {
        release();
        url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        Object.assign(link, { href: url, download: "perceptron-lab-training.gif" });
        link.click();
      }
    } catch (error) {
      console.error("Perceptron Lab animation", error);
    } finally {
      job = null;
      busy(false);
    }
  };
  return box;
}
