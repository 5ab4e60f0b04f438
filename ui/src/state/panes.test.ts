// The panes' own rules: splitting right and down, closing (a split left
// with one pane gives way to it), sharing a split's room (a divider
// dragged), keeping and restoring the layout.
import { describe, expect, it } from "vitest";
import { MIN_SHARE, Panes, type Pane, type PaneNode, type Split } from "./panes.svelte";

/** The layout as text: `row(A, column(B, C))`, each pane by the note its tab shows. */
function shape(p: Panes): string {
  const name = (pane: Pane) => (pane.tabs.current.path ?? "∅").replace(/\.md$/, "") + (pane === p.active ? "*" : "");
  const walk = (n: PaneNode): string => (n.kind === "pane" ? name(n.pane) : `${n.dir}(${n.children.map(walk).join(", ")})`);
  return walk(p.root);
}

function visit(pane: Pane, path: string): void {
  pane.tabs.current.nav.visit(path, 0);
}

describe("panes", () => {
  it("splits right and down, beside the pane in a split that goes the same way", () => {
    const p = new Panes();
    const a = p.active;
    visit(a, "A.md");
    const b = p.split(a, "row");
    visit(b, "B.md");
    expect(shape(p)).toBe("row(A, B*)");
    const c = p.split(a, "row");
    visit(c, "C.md");
    expect(shape(p), "next to A, in the same row").toBe("row(A, C*, B)");
    const d = p.split(b, "column");
    visit(d, "D.md");
    expect(shape(p)).toBe("row(A, C, column(B, D*))");
    expect(p.list.map((x) => x.tabs.current.path)).toEqual(["A.md", "C.md", "B.md", "D.md"]);
  });

  it("closes a pane: its split gives way, the neighbour becomes active, the last pane stays", () => {
    const p = new Panes();
    const a = p.active;
    visit(a, "A.md");
    const b = p.split(a, "row");
    visit(b, "B.md");
    const c = p.split(b, "column");
    visit(c, "C.md");
    p.close(c);
    expect(shape(p), "a split of one is that one").toBe("row(A, B*)");
    p.close(b);
    expect(shape(p)).toBe("A*");
    p.close(a);
    expect(shape(p), "never no pane").toBe("A*");
  });

  it("keeps and restores the layout, dropping panes whose notes are gone", () => {
    const p = new Panes();
    visit(p.active, "A.md");
    const b = p.split(p.active, "row");
    visit(b, "B.md");
    const c = p.split(b, "column");
    visit(c, "C.md");
    p.active = b;
    const saved = p.saved();
    expect(saved.layout).toEqual([
      { dir: "row", children: 2, sizes: [0.5, 0.5] },
      { dir: null, children: 0 },
      { dir: "column", children: 2, sizes: [0.5, 0.5] },
      { dir: null, children: 0 },
      { dir: null, children: 0 },
    ]);
    const again = new Panes();
    expect(again.restore(saved, () => true)).toBe(true);
    expect(shape(again)).toBe("row(A, column(B*, C))");
    const without = new Panes();
    expect(without.restore(saved, (path) => path !== "C.md")).toBe(true);
    expect(shape(without)).toBe("row(A, B*)");
    const none = new Panes();
    expect(none.restore(saved, () => false)).toBe(false);
  });

  it("restores the first pane alone from a layout that does not describe the panes", () => {
    const p = new Panes();
    visit(p.active, "A.md");
    const saved = p.saved();
    const broken = { ...saved, layout: [{ dir: "row" as const, children: 3 }, { dir: null, children: 0 as const }] };
    const again = new Panes();
    expect(again.restore(broken, () => true)).toBe(true);
    expect(shape(again)).toBe("A*");
    // A kept workspace from before panes: one pane, no layout.
    const old = new Panes();
    expect(old.restore({ layout: [], panes: saved.panes, active: 0 }, () => true)).toBe(true);
    expect(shape(old)).toBe("A*");
  });

  it("shares a split's room: halves the pane split, moves a divider within bounds, gives a closed pane's room to the rest", () => {
    const p = new Panes();
    const a = p.active;
    const b = p.split(a, "row");
    const root = () => p.root as Split;
    expect(root().sizes).toEqual([0.5, 0.5]);
    const c = p.split(b, "row");
    expect(root().sizes, "B's half is halved").toEqual([0.5, 0.25, 0.25]);
    const id = root().id;
    p.resize(id, 0, 0.1);
    expect(root().sizes.map((x) => +x.toFixed(3))).toEqual([0.6, 0.15, 0.25]);
    expect(root().id, "the same split: its panes are not made anew").toBe(id);
    p.resize(id, 0, 1);
    expect(root().sizes[1], "never below the smallest share").toBeCloseTo(MIN_SHARE);
    expect(root().sizes[0] + root().sizes[1]).toBeCloseTo(0.75);
    p.resize(id, 2, 0.1);
    p.resize(id, 0, Number.NaN);
    expect(root().sizes.reduce((x, y) => x + y, 0), "nothing else moved").toBeCloseTo(1);
    p.close(c);
    // A had 0.65 and B 0.1 of the 0.75 left: they keep those proportions.
    expect(root().sizes.map((x) => +x.toFixed(3))).toEqual([0.867, 0.133]);
    p.even(id);
    expect(root().sizes).toEqual([0.5, 0.5]);
    // Kept and restored as they were; a pane gone gives its share away.
    p.resize(id, 0, -0.2);
    visit(a, "A.md");
    visit(b, "B.md");
    const saved = p.saved();
    expect(saved.layout[0]).toEqual({ dir: "row", children: 2, sizes: [0.3, 0.7] });
    const again = new Panes();
    again.restore(saved, () => true);
    expect((again.root as Split).sizes.map((x) => +x.toFixed(3))).toEqual([0.3, 0.7]);
    const bad = new Panes();
    bad.restore({ ...saved, layout: [{ dir: "row", children: 2, sizes: [1, -1] }, ...saved.layout.slice(1)] }, () => true);
    expect((bad.root as Split).sizes, "shares that cannot be are even").toEqual([0.5, 0.5]);
  });
});
