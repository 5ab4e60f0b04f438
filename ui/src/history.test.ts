// Tests for the back/forward history.
import { describe, expect, it } from "vitest";
import {
  back,
  canGoBack,
  canGoForward,
  current,
  emptyHistory,
  forward,
  push,
  updateCurrent,
  type History,
} from "./history";

const visit = (...paths: string[]) =>
  paths.reduce((h, p) => push(h, p), emptyHistory<string>() as History<string>);

describe("history", () => {
  it("starts empty", () => {
    const h = emptyHistory<string>();
    expect(current(h)).toBeNull();
    expect(canGoBack(h)).toBe(false);
    expect(canGoForward(h)).toBe(false);
    expect(back(h)).toBe(h);
    expect(forward(h)).toBe(h);
  });

  it("goes back and forward", () => {
    let h = visit("a", "b", "c");
    expect(current(h)).toBe("c");
    expect(canGoBack(h)).toBe(true);
    expect(canGoForward(h)).toBe(false);
    h = back(h);
    expect(current(h)).toBe("b");
    h = back(h);
    expect(current(h)).toBe("a");
    expect(canGoBack(h)).toBe(false);
    expect(back(h)).toBe(h);
    h = forward(h);
    expect(current(h)).toBe("b");
    expect(canGoForward(h)).toBe(true);
  });

  it("drops the forward entries on a new visit", () => {
    let h = back(back(visit("a", "b", "c")));
    h = push(h, "d");
    expect(h.entries).toEqual(["a", "d"]);
    expect(canGoForward(h)).toBe(false);
  });

  it("does not add a step for the same place", () => {
    const h = visit("a", "a", "b", "b");
    expect(h.entries).toEqual(["a", "b"]);
  });

  it("replaces the current entry when `same` says so", () => {
    type Place = { path: string; scroll: number };
    const same = (x: Place, y: Place) => x.path === y.path;
    let h = push(emptyHistory<Place>(), { path: "a", scroll: 0 }, same);
    h = push(h, { path: "a", scroll: 40 }, same);
    expect(h.entries).toEqual([{ path: "a", scroll: 40 }]);
  });

  it("forgets the oldest places past the limit", () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = push(h, i, Object.is, 4);
    expect(h.entries).toEqual([6, 7, 8, 9]);
    expect(current(h)).toBe(9);
    expect(h.index).toBe(3);
  });

  it("updates the current entry without touching the others", () => {
    const h0 = back(visit("a", "b"));
    const h1 = updateCurrent(h0, (p) => p + "!");
    expect(h1.entries).toEqual(["a!", "b"]);
    expect(h0.entries).toEqual(["a", "b"]);
    expect(updateCurrent(emptyHistory<string>(), (p) => p).index).toBe(-1);
  });
});
