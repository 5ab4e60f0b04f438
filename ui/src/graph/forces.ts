// The graph's force layout: ForceAtlas2 (graphology-layout-forceatlas2's own
// iteration, on its flat matrices), started from given positions, some
// nodes held where they are, run in steps until it settles. Pure and
// synchronous: the layout worker (layout.worker.ts) runs it off the UI
// thread; tests run it directly. Deterministic: the same positions and
// edges give the same layout, step for step.
import iterate from "graphology-layout-forceatlas2/iterate";
import type { GraphSettingsView } from "../api";

const PPN = 10; // values a node holds in the matrix
const PPE = 3; // values an edge holds

export interface LayoutInput {
  x: Float32Array;
  y: Float32Array;
  /** 1: the node stays where it is (dragged and pinned, or placed before). */
  fixed: Uint8Array;
  /** Edges, as indexes into the nodes. */
  sources: Uint32Array;
  targets: Uint32Array;
}

export interface Fa2Settings {
  gravity: number;
  scalingRatio: number;
  edgeWeightInfluence: number;
  slowDown: number;
  barnesHutOptimize: boolean;
  barnesHutTheta: number;
  strongGravityMode: boolean;
  linLogMode: boolean;
  outboundAttractionDistribution: boolean;
  adjustSizes: boolean;
}

/** Above this many nodes, repulsion is approximated (Barnes-Hut), as graphology's inferSettings does. */
export const BARNES_HUT_FROM = 2000;

/**
 * ForceAtlas2's settings for Obsidian's forces: the centre force is
 * gravity, repulsion the scaling ratio, link force the edges' weight
 * (ForceAtlas2 has no link distance: a longer one repels more, so it
 * scales the ratio too). Gravity is ForceAtlas2's "strong" kind, growing
 * with the distance from the centre, as Obsidian's centre force does: with
 * the plain kind, a note linked to nothing rests about three times as far
 * out as the linked notes (vault-sample: 106 against a cluster radius of
 * 34), and the picture, fitted to the screen, is mostly empty; with this
 * one, at Obsidian's defaults (centre 0.52, repel 10), 1.4 times (29
 * against 20).
 */
export function fa2Settings(g: Pick<GraphSettingsView, "center_strength" | "repel_strength" | "link_strength" | "link_distance">, order: number): Fa2Settings {
  const distance = Math.max(0.2, g.link_distance / 250);
  return {
    gravity: Math.max(0, g.center_strength),
    scalingRatio: Math.max(0.02, g.repel_strength * 0.2) * distance,
    edgeWeightInfluence: Math.max(0, g.link_strength),
    slowDown: 1 + Math.log(Math.max(1, order)),
    barnesHutOptimize: order > BARNES_HUT_FROM,
    // Gephi's default, 1.2, makes a 10,000-node step twice as fast (22 ms
    // against 50 in Node), but in the window the layout still ran to its
    // cap and drew half as many frames (9 a second against 22): kept at 0.6.
    barnesHutTheta: 0.6,
    strongGravityMode: true,
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
  };
}

export class ForceLayout {
  private readonly nodes: Float32Array;
  private readonly edges: Float32Array;
  readonly order: number;

  constructor(
    input: LayoutInput,
    private settings: Fa2Settings,
  ) {
    const n = input.x.length;
    this.order = n;
    this.nodes = new Float32Array(n * PPN);
    for (let i = 0; i < n; i++) {
      const j = i * PPN;
      this.nodes[j] = input.x[i];
      this.nodes[j + 1] = input.y[i];
      this.nodes[j + 6] = 1; // mass: 1 + weighted degree, below
      this.nodes[j + 7] = 1; // convergence
      this.nodes[j + 8] = 1; // size
      this.nodes[j + 9] = input.fixed[i] ? 1 : 0;
    }
    const m = Math.min(input.sources.length, input.targets.length);
    const edges: number[] = [];
    for (let e = 0; e < m; e++) {
      const s = input.sources[e];
      const t = input.targets[e];
      if (s >= n || t >= n || s === t) continue;
      edges.push(s * PPN, t * PPN, 1);
      this.nodes[s * PPN + 6] += 1;
      this.nodes[t * PPN + 6] += 1;
    }
    this.edges = new Float32Array(edges);
  }

  get edgeCount(): number {
    return this.edges.length / PPE;
  }

  /** Runs `iterations` steps; answers how far nodes moved in the last one, on average. */
  step(iterations: number): number {
    if (this.order === 0) return 0;
    let moved = 0;
    for (let k = 0; k < iterations; k++) {
      const before = this.snapshot();
      iterate(this.settings, this.nodes, this.edges);
      if (k === iterations - 1) {
        let sum = 0;
        for (let i = 0; i < this.order; i++) {
          sum += Math.hypot(this.nodes[i * PPN] - before[2 * i], this.nodes[i * PPN + 1] - before[2 * i + 1]);
        }
        moved = sum / this.order;
      }
    }
    return moved;
  }

  private snapshot(): Float32Array {
    const out = new Float32Array(this.order * 2);
    for (let i = 0; i < this.order; i++) {
      out[2 * i] = this.nodes[i * PPN];
      out[2 * i + 1] = this.nodes[i * PPN + 1];
    }
    return out;
  }

  /** The nodes' positions now. */
  positions(): { x: Float32Array; y: Float32Array } {
    const x = new Float32Array(this.order);
    const y = new Float32Array(this.order);
    for (let i = 0; i < this.order; i++) {
      x[i] = this.nodes[i * PPN];
      y[i] = this.nodes[i * PPN + 1];
    }
    return { x, y };
  }

  /** The layout's extent (the larger side of its bounding box), for a settle threshold in proportion. */
  extent(): number {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < this.order; i++) {
      const x = this.nodes[i * PPN], y = this.nodes[i * PPN + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return this.order === 0 ? 0 : Math.max(maxX - minX, maxY - minY, 1);
  }

  /** Moves node `i` to (x, y), held there while `fixed`. */
  pin(i: number, x: number, y: number, fixed: boolean): void {
    if (i < 0 || i >= this.order) return;
    const j = i * PPN;
    this.nodes[j] = x;
    this.nodes[j + 1] = y;
    this.nodes[j + 2] = this.nodes[j + 3] = this.nodes[j + 4] = this.nodes[j + 5] = 0;
    this.nodes[j + 9] = fixed ? 1 : 0;
  }

  /** Frees every node (the layout is run again from where they are). */
  release(): void {
    for (let i = 0; i < this.order; i++) this.nodes[i * PPN + 9] = 0;
  }

  setSettings(settings: Fa2Settings): void {
    this.settings = settings;
  }
}

/** Settled: nodes move, on average, less than this share of the layout's extent per step. */
export const SETTLE_RATIO = 0.0004;

export function isSettled(moved: number, extent: number): boolean {
  return moved <= SETTLE_RATIO * Math.max(extent, 1);
}

/**
 * Watches a running layout step by step and says when it has settled:
 * when nodes move less than SETTLE_RATIO of its extent a step, or when it
 * is close to that (within PLATEAU_RATIO) and has stopped moving less:
 * the mean movement of the last `window` steps is no smaller than that of
 * the `window` before. On a big graph, Barnes-Hut's approximation leaves
 * a jitter of its own that never falls under the threshold (10,000 nodes:
 * 3.6–4.2 ten-thousandths of the extent from step 900 on); what is left
 * to run then changes nothing a person sees.
 */
export class SettleWatch {
  private readonly ratios: number[] = [];

  constructor(private readonly window = 150) {}

  /** One step's mean movement and the layout's extent; true once settled. */
  add(moved: number, extent: number): boolean {
    const ratio = moved / Math.max(extent, 1);
    if (ratio <= SETTLE_RATIO) return true;
    this.ratios.push(ratio);
    const w = this.window;
    if (this.ratios.length > 2 * w) this.ratios.splice(0, this.ratios.length - 2 * w);
    if (this.ratios.length < 2 * w) return false;
    const mean = (from: number) => this.ratios.slice(from, from + w).reduce((a, b) => a + b, 0) / w;
    const before = mean(0), last = mean(w);
    return last <= PLATEAU_RATIO && last >= 0.97 * before;
  }
}

/** How close to SETTLE_RATIO a layout that has stopped improving must be to count as settled. */
export const PLATEAU_RATIO = 2.5 * SETTLE_RATIO;
