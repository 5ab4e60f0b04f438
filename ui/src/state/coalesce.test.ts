// Tests for one-at-a-time, coalesced fetches.
import { describe, expect, it } from "vitest";
import { Coalesced } from "./coalesce";

/** A task whose runs wait until the test lets them finish, in order. */
function gated() {
  const waiting: (() => void)[] = [];
  let started = 0;
  let inFlight = 0;
  let peak = 0;
  const task = () => {
    started++;
    inFlight++;
    peak = Math.max(peak, inFlight);
    return new Promise<void>((resolve) =>
      waiting.push(() => {
        inFlight--;
        resolve();
      }),
    );
  };
  const finish = async () => {
    waiting.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { task, finish, started: () => started, peak: () => peak, waiting };
}

describe("Coalesced", () => {
  it("runs at once when idle", async () => {
    const g = gated();
    const c = new Coalesced(g.task);
    const done = c.request();
    expect(g.started()).toBe(1);
    expect(c.busy).toBe(true);
    await g.finish();
    await done;
    expect(c.busy).toBe(false);
  });

  it("turns a burst during a run into one more run, never two at once", async () => {
    const g = gated();
    const c = new Coalesced(g.task);
    const first = c.request();
    const burst = [c.request(), c.request(), c.request()];
    expect(g.started()).toBe(1);
    await g.finish();
    expect(g.started()).toBe(2);
    await g.finish();
    await Promise.all([first, ...burst]);
    expect(g.started()).toBe(2);
    expect(g.peak()).toBe(1);
  });

  it("resolves a request only once the run after it has finished", async () => {
    const g = gated();
    const c = new Coalesced(g.task);
    void c.request();
    let settled = false;
    void c.request().then(() => (settled = true));
    await g.finish();
    expect(settled).toBe(false);
    await g.finish();
    expect(settled).toBe(true);
  });

  it("restarts without waiting and forgets what was queued for the old run", async () => {
    const g = gated();
    const c = new Coalesced(g.task);
    void c.request();
    void c.request();
    void c.restart();
    expect(g.started()).toBe(2);
    // The old run ends: nothing queued runs after it.
    await g.finish();
    expect(g.started()).toBe(2);
    expect(c.busy).toBe(true);
    await g.finish();
    expect(c.busy).toBe(false);
    expect(g.started()).toBe(2);
  });

  it("treats a failing task as done", async () => {
    let runs = 0;
    const c = new Coalesced(async () => {
      runs++;
      throw new Error("boom");
    });
    await c.request();
    await c.request();
    expect(runs).toBe(2);
    expect(c.busy).toBe(false);
  });

  it("can drop a queued run", async () => {
    const g = gated();
    const c = new Coalesced(g.task);
    void c.request();
    void c.request();
    c.cancel();
    await g.finish();
    expect(g.started()).toBe(1);
    expect(c.busy).toBe(false);
  });
});
