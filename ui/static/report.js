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
  // toUrl turns the reported values into the link's text (a view's label, say); alive()
  // says whether the page that reports is still shown (after a page switch it is not).
  constructor({ delay = 400, defaults = {}, toUrl = (values) => values, alive = () => true } = {}) {
    Object.assign(this, { delay, defaults, toUrl, alive, pending: null, sent: {}, timer: 0,
                          urlTimer: 0, urlAt: 0, heldUntil: 0 });
  }

  // What the server already knows: nothing to report until the page shows something else.
  known(values) {
    this.sent = { ...values };
    this.pending = null;
  }

  // A new state: the URL now (or within 250 ms), the server after a pause in the presses.
  note(values, { urgent = false } = {}) {
    const next = { ...this.sent, ...(this.pending || {}), ...values };
    if (Object.keys(next).every((key) => next[key] === this.sent[key])) {
      this.pending = null;
      return;
    }
    this.pending = { ...(this.pending || {}), ...values };
    this.writeUrl(urgent);
    clearTimeout(this.timer);
    if (urgent) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.delay);
  }

  writeUrl(now) {
    const due = this.urlAt + URL_EVERY_MS - performance.now();
    clearTimeout(this.urlTimer);
    if (!this.alive()) return;
    if (now || due <= 0) {
      this.urlAt = performance.now();
      const search = withParams(location.search, this.toUrl(this.current()), this.defaults);
      if (search !== location.search) history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
    } else {
      this.urlTimer = setTimeout(() => this.writeUrl(true), due);
    }
  }

  // Hold the server report back for a moment (it is sent after the next run, see
  // ui/stage.py): a click elsewhere may be a switch of page, which a report must not overlap.
  hold(ms = 3000) {
    this.heldUntil = performance.now() + ms;
  }

  current() {
    return { ...this.sent, ...this.pending };
  }

  flush() {
    clearTimeout(this.timer);
    if (!this.pending || !this.alive()) return;
    const wait = this.heldUntil - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => this.flush(), wait);
      return;
    }
    const send = window.__labReport;
    if (typeof send !== "function") return; // the report component is not mounted yet
    this.sent = { ...this.sent, ...this.pending };
    this.pending = null;
    send(this.sent);
  }
}
