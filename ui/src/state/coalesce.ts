// One fetch at a time for one part of the screen. A request while a fetch is
// in flight does not start a second one: it queues one more run after it,
// and every request meanwhile shares that run. So a burst of live updates
// costs at most two fetches, no answer is lost (the last run starts after
// the last request), and the shell never gets parallel duplicates. It never
// looks at what the task fetches; dropping answers that are out of date
// (another note, another vault) is the task's business.

export class Coalesced {
  private running: Promise<void> | null = null;
  private queued = false;

  /** `task` handles its own errors; one that throws is treated as done. */
  constructor(private readonly task: () => Promise<void>) {}

  /** A run is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Run now, or once more after the run in flight. Resolves when idle. */
  request(): Promise<void> {
    if (this.running) this.queued = true;
    else this.start();
    return this.idle();
  }

  /**
   * Run now for something new (another note, a fresh visit), without waiting
   * for the run in flight: its answer is out of date and the task drops it.
   * A run queued for the old thing is forgotten.
   */
  restart(): Promise<void> {
    this.queued = false;
    this.start();
    return this.idle();
  }

  /** Forget a queued run (what it was for is gone). */
  cancel(): void {
    this.queued = false;
  }

  /** Resolves once no run is in flight or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private start(): void {
    let pending: Promise<void>;
    try {
      pending = this.task();
    } catch (error) {
      pending = Promise.reject(error);
    }
    const run: Promise<void> = pending
      .catch(() => {})
      .then(() => {
        // A restart replaced this run: the newer one owns the queue.
        if (this.running !== run) return;
        this.running = null;
        if (this.queued) {
          this.queued = false;
          this.start();
        }
      });
    this.running = run;
  }
}
