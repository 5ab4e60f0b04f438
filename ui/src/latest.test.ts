// Tests for debounced, newest-answer-wins requests.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Latest } from "./latest";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Latest", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for a pause before asking", async () => {
    const run = vi.fn(async (q: string) => q.toUpperCase());
    const answers: string[] = [];
    const latest = new Latest(run, (a) => answers.push(a), () => {}, 80);
    latest.schedule("k");
    latest.schedule("ku");
    await vi.advanceTimersByTimeAsync(79);
    expect(run).not.toHaveBeenCalled();
    latest.schedule("kub");
    await vi.advanceTimersByTimeAsync(80);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith("kub");
    expect(answers).toEqual(["KUB"]);
  });

  it("drops answers to replaced queries", async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const run = (q: string) => {
      const d = deferred<string>();
      pending.set(q, d);
      return d.promise;
    };
    const answers: string[] = [];
    const latest = new Latest(run, (a) => answers.push(a), () => {}, 0);
    void latest.now("면");
    void latest.now("면접");
    pending.get("면접")!.resolve("new");
    pending.get("면")!.resolve("old");
    await vi.runAllTimersAsync();
    expect(answers).toEqual(["new"]);
  });

  it("reports errors of the newest query only", async () => {
    const errors: unknown[] = [];
    const latest = new Latest(
      async (q: string) => {
        throw { code: "bad_query", message: q };
      },
      () => {},
      (e) => errors.push(e),
      0,
    );
    await latest.now("a AND");
    expect(errors).toEqual([{ code: "bad_query", message: "a AND" }]);
  });

  it("cancels what is pending and in flight", async () => {
    const d = deferred<string>();
    const run = vi.fn(() => d.promise);
    const answers: string[] = [];
    const latest = new Latest(run, (a) => answers.push(a), () => {}, 50);
    void latest.now("x");
    latest.schedule("y");
    latest.cancel();
    d.resolve("x!");
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(1);
    expect(answers).toEqual([]);
  });

  it("without a delay asks at once, one request at a time, then the newest", async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const run = vi.fn((q: string) => {
      const d = deferred<string>();
      pending.set(q, d);
      return d.promise;
    });
    const answers: string[] = [];
    const latest = new Latest(run, (a) => answers.push(a), () => {}, 0);
    latest.schedule("ㅋ");
    expect(run.mock.calls.map((c) => c[0])).toEqual(["ㅋ"]);
    // Typed while "ㅋ" is in flight: only the newest is asked, after it.
    latest.schedule("쿠");
    latest.schedule("쿠버");
    expect(run).toHaveBeenCalledTimes(1);
    pending.get("ㅋ")!.resolve("old");
    await vi.runAllTimersAsync();
    expect(run.mock.calls.map((c) => c[0])).toEqual(["ㅋ", "쿠버"]);
    pending.get("쿠버")!.resolve("쿠버!");
    await vi.runAllTimersAsync();
    expect(answers).toEqual(["쿠버!"]);
    // Cancelling forgets a query waiting for its turn.
    latest.schedule("a");
    latest.schedule("ab");
    latest.cancel();
    pending.get("a")!.resolve("a!");
    await vi.runAllTimersAsync();
    expect(run.mock.calls.map((c) => c[0])).toEqual(["ㅋ", "쿠버", "a"]);
    expect(answers).toEqual(["쿠버!"]);
  });
});
