// Debounced requests where only the newest answer counts: search-as-you-type
// asks after a pause in typing and drops answers to queries since replaced.

export interface Timers {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (f, ms) => globalThis.setTimeout(f, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

export class Latest<Q, R> {
  private seq = 0;
  private timer: unknown = null;

  constructor(
    private readonly run: (query: Q) => Promise<R>,
    private readonly onAnswer: (answer: R, query: Q) => void,
    private readonly onError: (error: unknown, query: Q) => void,
    private readonly delayMs = 80,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Ask after `delayMs` without a newer call. */
  schedule(query: Q): void {
    this.clearTimer();
    const seq = ++this.seq;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.ask(query, seq);
    }, this.delayMs);
  }

  /** Ask now. */
  now(query: Q): Promise<void> {
    this.clearTimer();
    return this.ask(query, ++this.seq);
  }

  /** Forget anything pending or in flight. */
  cancel(): void {
    this.clearTimer();
    this.seq++;
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async ask(query: Q, seq: number): Promise<void> {
    try {
      const answer = await this.run(query);
      if (seq === this.seq) this.onAnswer(answer, query);
    } catch (error) {
      if (seq === this.seq) this.onError(error, query);
    }
  }
}
