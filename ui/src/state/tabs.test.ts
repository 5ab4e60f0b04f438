// The tabs' own rules: adding, closing, moving, keeping and restoring.
import { describe, expect, it } from "vitest";
import { Tabs } from "./tabs.svelte";

/** Tabs showing `paths`, one note each, the first active. */
function tabsOf(...paths: string[]): Tabs {
  const t = new Tabs();
  paths.forEach((p, i) => {
    if (i > 0) t.add();
    t.current.nav.visit(p, 0);
  });
  t.activate(0);
  return t;
}

const shown = (t: Tabs) => t.list.map((tab) => tab.path);

describe("tabs", () => {
  it("adds a tab after the active one and makes it active", () => {
    const t = tabsOf("A.md", "B.md");
    t.add();
    expect(shown(t)).toEqual(["A.md", null, "B.md"]);
    expect(t.index).toBe(1);
  });

  it("closes to the right neighbour, and leaves one empty tab at the last", () => {
    const t = tabsOf("A.md", "B.md", "C.md");
    t.activate(1);
    t.close();
    expect([shown(t), t.current.path]).toEqual([["A.md", "C.md"], "C.md"]);
    t.close();
    expect(t.current.path).toBe("A.md");
    t.close();
    expect(shown(t)).toEqual([null]);
  });

  it("closing another tab keeps the active one", () => {
    const t = tabsOf("A.md", "B.md", "C.md");
    t.activate(2);
    t.close(0);
    expect(t.current.path).toBe("C.md");
  });

  it("cycles both ways and moves tabs, the active one staying active", () => {
    const t = tabsOf("A.md", "B.md", "C.md");
    t.activate(-1);
    expect(t.current.path).toBe("C.md");
    t.activate(t.index + 1);
    expect(t.current.path).toBe("A.md");
    t.move(0, 2);
    expect(shown(t)).toEqual(["B.md", "C.md", "A.md"]);
    expect(t.current.path).toBe("A.md");
  });

  it("keeps each tab's own history", () => {
    const t = tabsOf("A.md", "B.md");
    t.current.nav.visit("A2.md", 120);
    t.activate(1);
    expect(t.current.nav.back(0)).toBeNull();
    t.activate(0);
    expect(t.current.nav.back(0)).toEqual({ path: "A.md", scroll: 120 });
  });

  it("restores what was kept, without notes that are gone", () => {
    const t = tabsOf("A.md", "B.md", "C.md");
    t.list[1].nav.visit("B2.md", 40);
    t.list[1].nav.back(300);
    t.activate(1);
    const kept = JSON.parse(JSON.stringify(t.saved()));
    const again = new Tabs();
    expect(again.restore(kept, (p) => p !== "C.md")).toBe(true);
    expect(shown(again)).toEqual(["A.md", "B.md"]);
    expect(again.current.path).toBe("B.md");
    // Where it was in its history, forward still possible, scroll kept.
    expect(again.current.nav.scrollHere()).toBe(40);
    expect(again.current.nav.forward(0)?.path).toBe("B2.md");
    expect(new Tabs().restore(kept, () => false)).toBe(false);
  });

  it("follows renames in every tab", () => {
    const t = tabsOf("A.md", "B.md");
    t.rename([["B.md", "Sub/B.md"]]);
    expect(shown(t)).toEqual(["A.md", "Sub/B.md"]);
  });
});
