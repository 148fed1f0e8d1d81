// Tell the server the step only when it matters, and never per frame.
//
// The address bar follows at once (history.replaceState, throttled), so it is always a
// share link for the step on screen and a reload or a restarted server restores it. The
// server hears about it through a small report component (ui/stage.py), debounced while
// stepping and at once on Pause: it needs t for the Walkthrough, the share panel and the
// exports, and its rerun there redraws nothing of this page.
const URL_EVERY_MS = 250;

export function withParams(search, values, defaults) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) {
    if (value === defaults[key]) params.delete(key);
    else params.set(key, String(value));
  }
  const text = params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  return text ? `?${text}` : "";
}

export class Reporter {
  // toUrl turns the reported values into the link's text (a view's label, say).
  constructor({ delay = 400, defaults = {}, toUrl = (values) => values } = {}) {
    Object.assign(this, { delay, defaults, toUrl, pending: null, sent: {}, timer: 0, urlTimer: 0, urlAt: 0 });
  }

  // A new state: the URL now (or within 250 ms), the server after a pause in the presses.
  note(values, { urgent = false } = {}) {
    this.pending = { ...(this.pending || {}), ...values };
    this.writeUrl(urgent);
    clearTimeout(this.timer);
    if (urgent) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.delay);
  }

  writeUrl(now) {
    const due = this.urlAt + URL_EVERY_MS - performance.now();
    clearTimeout(this.urlTimer);
    if (now || due <= 0) {
      this.urlAt = performance.now();
      const search = withParams(location.search, this.toUrl(this.current()), this.defaults);
      if (search !== location.search) history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
    } else {
      this.urlTimer = setTimeout(() => this.writeUrl(true), due);
    }
  }

  // Hold the server report back (it will be sent after the next run, see ui/stage.py):
  // a click elsewhere may be a switch of page, which a report must not overlap.
  hold() {
    clearTimeout(this.timer);
  }

  current() {
    return { ...this.sent, ...this.pending };
  }

  flush() {
    clearTimeout(this.timer);
    if (!this.pending) return;
    const send = window.__labReport;
    if (typeof send !== "function") return; // the report component is not mounted yet
    this.sent = { ...this.sent, ...this.pending };
    this.pending = null;
    send(this.sent);
  }
}
