// Updates applied one at a time, and only the newest: what comes in while one is being
// applied replaces whatever was waiting, and the one being applied can ask whether it has
// been overtaken (after each await) and stop, so a stale run is never drawn.
export class Newest {
  // apply(value, overtaken) may be async; overtaken() is true once a newer value waits.
  constructor(apply, onError) {
    this.apply = apply;
    this.onError = onError;
    this.waiting = null;
    this.idle = Promise.resolve();
  }

  // Resolves once every value pushed so far is applied or dropped.
  push(value) {
    this.waiting = { value };
    if (!this.busy) this.idle = this.drain();
    return this.idle;
  }

  async drain() {
    this.busy = true;
    while (this.waiting) {
      const { value } = this.waiting;
      this.waiting = null;
      try {
        await this.apply(value, () => this.waiting !== null);
      } catch (error) {
        // A newer value waits: this one's failure is moot. (Streamlit drops a session's
        // media file once a newer run replaces it, so a run overtaken mid-fetch gets a 404.)
        if (!this.waiting) this.onError(error);
      }
    }
    this.busy = false;
  }
}
