// Tests for the graph view's model and its force layout.
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import type { GraphData, GraphSettingsView, GraphViewDelta } from "../api";
import { BARNES_HUT_FROM, fa2Settings, ForceLayout, isSettled, PLATEAU_RATIO, SETTLE_RATIO, SettleWatch } from "./forces";
import { addEdges, applyDelta, firstPlace, groupColor, LIGHT, neighbourhood, nodeSize, sync, type EdgeAttrs, type NodeAttrs } from "./model";

const SETTINGS: GraphSettingsView = {
  search: "",
  show_tags: false,
  show_attachments: false,
  hide_unresolved: false,
  show_orphans: true,
  color_groups: [
    { query: "tag:#면접", rgb: 0xe05252, alpha: 1 },
    { query: "path:CS/", rgb: 0x5252e0, alpha: 0.5 },
  ],
  show_arrow: false,
  text_fade_multiplier: 0,
  node_size_multiplier: 1,
  line_size_multiplier: 1,
  center_strength: 0.518713248970312,
  repel_strength: 10,
  link_strength: 1,
  link_distance: 250,
};

function data(ids: string[], edges: [number, number][], groups: number[] = []): GraphData {
  return {
    generation: 1,
    ids,
    labels: ids.map((i) => i.replace(/\.md$/, "")),
    kinds: ids.map((i) => (i.startsWith("#") ? 3 : i.startsWith("?") ? 2 : 0)),
    degrees: ids.map((_, n) => edges.filter(([s, t]) => s === n || t === n).length),
    groups: ids.map((_, n) => groups[n] ?? -1),
    distances: ids.map(() => -1),
    sources: edges.map((e) => e[0]),
    targets: edges.map((e) => e[1]),
    settings: SETTINGS,
    local: { depth: 1, incoming: true, outgoing: true, neighbours: false },
    prefer_canvas: false,
    warnings: [],
  };
}

const graph = () => new Graph<NodeAttrs, EdgeAttrs>({ type: "directed", multi: false });

describe("graph model", () => {
  it("places every node deterministically and keeps them where they are as the graph changes", () => {
    const a = graph();
    const b = graph();
    const first = data(["A.md", "B.md", "C.md"], [[0, 1], [1, 2]]);
    sync(a, first, new Map(), LIGHT, SETTINGS);
    sync(b, first, new Map(), LIGHT, SETTINGS);
    expect(a.nodes().map((n) => [a.getNodeAttribute(n, "x"), a.getNodeAttribute(n, "y")])).toEqual(
      b.nodes().map((n) => [b.getNodeAttribute(n, "x"), b.getNodeAttribute(n, "y")]),
    );
    const before = { x: a.getNodeAttribute("A.md", "x"), y: a.getNodeAttribute("A.md", "y") };
    // A new note linked from A, an edge gone, C removed.
    const result = sync(a, data(["A.md", "B.md", "D.md"], [[0, 1], [0, 2]]), new Map(), LIGHT, SETTINGS);
    expect(result).toEqual({ added: ["D.md"], removed: ["C.md"], edgesAdded: 1, edgesRemoved: 1, pending: 0 });
    expect({ x: a.getNodeAttribute("A.md", "x"), y: a.getNodeAttribute("A.md", "y") }).toEqual(before);
    // D starts beside A, its one placed neighbour.
    const d = { x: a.getNodeAttribute("D.md", "x"), y: a.getNodeAttribute("D.md", "y") };
    expect(Math.hypot(d.x - before.x, d.y - before.y)).toBeLessThanOrEqual(20);
    expect(a.size).toBe(2);
  });

  it("applies the shell's delta as a whole sync would, moving no node that stays", () => {
    const before = data(["A.md", "B.md", "C.md", "E.md"], [[0, 1], [1, 2], [3, 0]]);
    const after = data(["A.md", "B.md", "D.md", "E.md"], [[0, 1], [0, 2]]);
    // What the shell says changed: C gone (with B→C), D new, A→D added,
    // E→A removed, and the degrees of A, B and E.
    const cols = (ids: string[]) => {
      const at = ids.map((id) => after.ids.indexOf(id));
      return {
        ids,
        labels: at.map((i) => after.labels[i]),
        kinds: at.map((i) => after.kinds[i]),
        degrees: at.map((i) => after.degrees[i]),
        groups: at.map((i) => after.groups[i]),
        distances: at.map((i) => after.distances[i]),
      };
    };
    const delta: GraphViewDelta = {
      generation: 2,
      removed: ["C.md"],
      ...cols(["B.md", "D.md", "E.md"]),
      added_sources: ["A.md"],
      added_targets: ["D.md"],
      removed_sources: ["E.md"],
      removed_targets: ["A.md"],
      settings: SETTINGS,
      local: after.local,
      warnings: [],
    };
    const live = graph();
    sync(live, before, new Map(), LIGHT, SETTINGS);
    const kept = live.getNodeAttributes("A.md");
    const place = { x: kept.x, y: kept.y };
    const result = applyDelta(live, delta, LIGHT, SETTINGS);
    expect(result).toEqual({ added: ["D.md"], removed: ["C.md"], edgesAdded: 1, edgesRemoved: 2, pending: 0 });
    const whole = graph();
    sync(whole, after, new Map(), LIGHT, SETTINGS);
    const look = (g: Graph<NodeAttrs, EdgeAttrs>) =>
      g.mapNodes((id, a) => [id, a.size, a.color, a.label, a.degree]).sort();
    expect(look(live)).toEqual(look(whole));
    expect(live.mapEdges((_k, _a, s, t) => `${s}>${t}`).sort()).toEqual(["A.md>B.md", "A.md>D.md"]);
    expect({ x: live.getNodeAttribute("A.md", "x"), y: live.getNodeAttribute("A.md", "y") }).toEqual(place);
    // D starts beside A, what it is linked from.
    const d = live.getNodeAttributes("D.md");
    expect(Math.hypot(d.x - place.x, d.y - place.y)).toBeLessThanOrEqual(20);
  });

  it("leaves a big first graph's edges to be added a chunk at a time", () => {
    const g = graph();
    const d = data(["A.md", "B.md", "C.md"], [[0, 1], [1, 2], [2, 0]]);
    const result = sync(g, d, new Map(), LIGHT, SETTINGS, 2);
    expect([result.pending, g.order, g.size]).toEqual([3, 3, 0]);
    expect(addEdges(g, d, 0, 2)).toBe(2);
    expect(addEdges(g, d, 2, 2)).toBe(3);
    expect(g.size).toBe(3);
  });

  it("takes kept positions first", () => {
    const g = graph();
    sync(g, data(["A.md"], []), new Map([["A.md", { x: 3, y: -4 }]]), LIGHT, SETTINGS);
    expect([g.getNodeAttribute("A.md", "x"), g.getNodeAttribute("A.md", "y")]).toEqual([3, -4]);
  });

  it("colours by group, else by kind, and sizes by degree", () => {
    const g = graph();
    sync(g, data(["A.md", "B.md", "#tag", "?ghost"], [[0, 1], [0, 2], [0, 3]], [0, 1]), new Map(), LIGHT, SETTINGS);
    expect(g.getNodeAttribute("A.md", "color")).toBe("#e05252");
    expect(g.getNodeAttribute("B.md", "color")).toBe("rgba(82,82,224,0.5)");
    expect(g.getNodeAttribute("#tag", "color")).toBe(LIGHT.tag);
    expect(g.getNodeAttribute("?ghost", "color")).toBe(LIGHT.unresolved);
    expect(g.getNodeAttribute("A.md", "size")).toBeGreaterThan(g.getNodeAttribute("B.md", "size"));
    expect(nodeSize(0, 2)).toBe(2 * nodeSize(0, 1));
    expect(groupColor(0x00ff00, 1)).toBe("#00ff00");
    expect([...neighbourhood(g, "B.md")].sort()).toEqual(["A.md", "B.md"]);
  });

  it("starts a node with no placed neighbour on a disc that grows with the graph", () => {
    const small = firstPlace("Note.md", 10, []);
    const large = firstPlace("Note.md", 10_000, []);
    expect(Math.hypot(large.x, large.y)).toBeCloseTo(Math.hypot(small.x, small.y) * Math.sqrt(1000), 3);
  });
});

describe("force layout", () => {
  const ring = (n: number) => {
    const x = new Float32Array(n), y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const p = firstPlace(`n${i}`, n, []);
      x[i] = p.x;
      y[i] = p.y;
    }
    const sources = Uint32Array.from({ length: n }, (_, i) => i);
    const targets = Uint32Array.from({ length: n }, (_, i) => (i + 1) % n);
    return { x, y, fixed: new Uint8Array(n), sources, targets };
  };

  it("is deterministic and holds fixed nodes where they are", () => {
    const input = ring(30);
    input.fixed[0] = 1;
    const one = new ForceLayout(input, fa2Settings(SETTINGS, 30));
    const two = new ForceLayout(input, fa2Settings(SETTINGS, 30));
    one.step(50);
    two.step(50);
    expect(one.positions()).toEqual(two.positions());
    expect(one.positions().x[0]).toBe(input.x[0]);
    expect(one.positions().x[5]).not.toBe(input.x[5]);
  });

  it("settles by itself", () => {
    const layout = new ForceLayout(ring(60), fa2Settings(SETTINGS, 60));
    let steps = 0;
    let moved = Infinity;
    while (!isSettled(moved, layout.extent()) && steps < 5000) {
      moved = layout.step(10);
      steps += 10;
    }
    expect(steps).toBeLessThan(5000);
    expect(isSettled(moved, layout.extent())).toBe(true);
  });

  it("calls a layout settled under the threshold, or near it once it stops improving", () => {
    const extent = 1000;
    // Under the threshold: at once.
    expect(new SettleWatch(10).add(SETTLE_RATIO * extent * 0.9, extent)).toBe(true);
    // Still improving near it: not yet; then a plateau (the approximation's
    // jitter): settled after two windows of it.
    const watch = new SettleWatch(10);
    const near = PLATEAU_RATIO * extent * 0.8;
    let step = 0;
    for (; step < 40; step++) expect(watch.add(near * (1 + (40 - step) * 0.05), extent)).toBe(false);
    let settled = false;
    for (let k = 0; k < 20 && !settled; k++, step++) settled = watch.add(near * (k % 2 ? 1.01 : 0.99), extent);
    expect(settled).toBe(true);
    // A plateau far above the threshold is a layout still at work.
    const busy = new SettleWatch(10);
    for (let k = 0; k < 100; k++) expect(busy.add(PLATEAU_RATIO * extent * 3, extent)).toBe(false);
  });

  it("approximates repulsion above a few thousand nodes", () => {
    expect(fa2Settings(SETTINGS, BARNES_HUT_FROM).barnesHutOptimize).toBe(false);
    expect(fa2Settings(SETTINGS, BARNES_HUT_FROM + 1).barnesHutOptimize).toBe(true);
  });
});
