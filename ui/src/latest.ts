// Requests where only the newest answer counts: search-as-you-type asks as
// keys are typed and drops answers to queries since replaced. With a delay it
// waits for a pause in typing; without one it asks at once, keeping at most
// one request in flight (a query typed meanwhile waits for it, and only the
// newest such query is asked).

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
  private inFlight = 0;
  private pending: { query: Q; seq: number } | null = null;

  constructor(
    private readonly run: (query: Q) => Promise<R>,
    private readonly onAnswer: (answer: R, query: Q) => void,
    private readonly onError: (error: unknown, query: Q) => void,
    private readonly delayMs = 80,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Ask after `delayMs` without a newer call (at once when it is 0). */
  schedule(query: Q): void {
    this.clearTimer();
    const seq = ++this.seq;
    if (this.delayMs <= 0) {
      if (this.inFlight > 0) this.pending = { query, seq };
      else void this.ask(query, seq);
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.ask(query, seq);
    }, this.delayMs);
  }

  /** Ask now. */
  now(query: Q): Promise<void> {
    this.clearTimer();
    this.pending = null;
    return this.ask(query, ++this.seq);
  }

  /** Forget anything pending or in flight. */
  cancel(): void {
    this.clearTimer();
    this.pending = null;
    this.seq++;
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async ask(query: Q, seq: number): Promise<void> {
    this.inFlight++;
    try {
      const answer = await this.run(query);
      if (seq === this.seq) this.onAnswer(answer, query);
    } catch (error) {
      if (seq === this.seq) this.onError(error, query);
    } finally {
      this.inFlight--;
    }
    const next = this.pending;
    if (this.inFlight === 0 && next) {
      this.pending = null;
      if (next.seq === this.seq) await this.ask(next.query, next.seq);
    }
  }
}
