// Tests for the navigation store: visits, back/forward with scroll offsets,
// and history that follows notes when they move.
import { describe, expect, it } from "vitest";
import { Navigation } from "./navigation.svelte";

describe("Navigation", () => {
  it("keeps the scroll offset of the place left, for coming back", () => {
    const nav = new Navigation();
    nav.visit("a.md", 0);
    nav.visit("b.md", 120);
    expect(nav.path).toBe("b.md");
    expect(nav.back(40)).toEqual({ path: "a.md", scroll: 120 });
    expect(nav.path).toBe("a.md");
    expect(nav.forward(7)).toEqual({ path: "b.md", scroll: 40 });
    expect(nav.forward(0)).toBeNull();
    expect(nav.recentPaths()).toEqual(["a.md"]);
  });

  it("rewrites the history and the path asked for when notes move", () => {
    const nav = new Navigation();
    nav.visit("a.md", 0);
    nav.visit("b.md", 0);
    nav.visit("a.md", 0);
    nav.rename([["a.md", "x/a.md"]]);
    expect(nav.path).toBe("x/a.md");
    expect(nav.history.entries.map((p) => p.path)).toEqual(["x/a.md", "b.md", "x/a.md"]);
    expect(nav.back(0)?.path).toBe("b.md");
    expect(nav.back(0)?.path).toBe("x/a.md");
  });

  it("forgets everything for another vault", () => {
    const nav = new Navigation();
    nav.visit("a.md", 0);
    nav.land({ kind: "top" });
    nav.reset();
    expect(nav.path).toBeNull();
    expect(nav.target).toBeNull();
    expect(nav.back(0)).toBeNull();
  });
});
