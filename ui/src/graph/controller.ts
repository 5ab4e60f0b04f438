// One graph on screen: the graphology graph (model.ts), its renderer
// (sigma.js on WebGL, or the Canvas 2D one when WebGL does not really draw),
// the layout worker, and what the mouse does: hover highlights a node's
// neighbours and dims the rest, a click opens the note, a drag moves a node
// and pins it there, the wheel zooms, dragging the background pans. The
// layout runs only when something needs a place (nodes no one placed, a
// dragged node, other forces) and stops by itself: an idle graph costs no
// CPU. Never fetches: the view gives it the shell's data.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeLineProgram } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { GraphData, GraphSettingsView, GraphViewDelta } from "../api";
import { CanvasRenderer, type Renderer } from "./canvas";
import { fa2Settings } from "./forces";
import type { FromLayout, ToLayout } from "./layout.worker";
import { addEdges, applyDelta, neighbourhood, sync, type EdgeAttrs, type NodeAttrs, type Palette } from "./model";

export interface GraphDeps {
  container: HTMLElement;
  /** A node was clicked: its id (a note's or attachment's vault path). */
  open(id: string, kind: NodeAttrs["kind"]): void;
  palette: Palette;
  /** The labels' colour and font. */
  labelColor: string;
  font: string;
  /** The graph settled: where its nodes are now (to keep for next time). */
  settled?(positions: Map<string, { x: number; y: number }>): void;
}

let draws: boolean | null = null;

/**
 * Whether WebGL really draws here: a pixel cleared to red must read back
 * red. Asked once a run (a context costs tens of milliseconds on a
 * software renderer, and the answer does not change).
 */
export function webglDraws(): boolean {
  draws ??= probeWebgl();
  return draws;
}

function probeWebgl(): boolean {
  try {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 2;
    const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return false;
    gl.clearColor(1, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const px = new Uint8Array(4);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px[0] === 255 && px[1] === 0 && px[3] === 255;
  } catch {
    return false;
  }
}

/** Edges from which a graph is drawn the cheap way (see `big`). */
const BIG_EDGES = 5000;

export class GraphController {
  readonly graph = new Graph<NodeAttrs, EdgeAttrs>({ type: "directed", multi: false, allowSelfLoops: false });
  private renderer: Renderer | null = null;
  private worker: Worker | null = null;
  /** The node ids in the order the running layout has them. */
  private order: string[] = [];
  private run = 0;
  private hovered: string | null = null;
  /** The thickness every edge is drawn with (`lineSizeMultiplier`). */
  private lineSize = 1;
  /** Edges are left out of the frames drawn now (a big graph's layout running, or its first frame). */
  private edgesHidden = false;
  private hood: Set<string> | null = null;
  private dragged: string | null = null;
  private moved = false;
  private readonly pinned = new Set<string>();
  private settings: GraphSettingsView | null = null;
  private destroyed = false;
  /** "webgl" or "canvas". */
  kind: "webgl" | "canvas" = "webgl";
  settledNow = false;

  constructor(private readonly deps: GraphDeps) {}

  /**
   * Shows `data`; nodes take `kept` positions where there are some. The
   * layout runs only for what has no place: with every node kept, the
   * picture is the one left last time, at once.
   */
  show(data: GraphData, kept: ReadonlyMap<string, { x: number; y: number }>): void {
    this.settings = data.settings;
    const result = sync(this.graph, data, kept, this.deps.palette, data.settings, BIG_EDGES);
    if (result.pending > 0) this.addPendingEdges(data);
    const fresh = result.added.filter((id) => !kept.has(id));
    // A big graph's first frame is its nodes: the edges follow in the next
    // one (or once the layout settles), so the picture is there at once.
    this.edgesHidden = this.big;
    // A new renderer draws its first frame as it is made, with the
    // settings given to it: refreshing it again would index and draw a
    // 10,000-node graph twice more before anything shows.
    const made = performance.now();
    if (!this.renderer) this.renderer = this.makeRenderer(data.prefer_canvas, data.settings);
    else this.applyDisplay(data.settings);
    this.deps.container.dataset.rendererMs = String(Math.round(performance.now() - made));
    if (fresh.length > 0) this.layout(new Set(fresh));
    else {
      this.markSettled(true);
      if (this.edgesHidden) requestAnimationFrame(() => requestAnimationFrame(() => this.showEdges(true)));
    }
  }

  /** The data whose edges are being added, a chunk a frame. */
  private edgesPending: GraphData | null = null;

  /**
   * Takes in the edges a first sync left, all at once, once the first
   * frame (the nodes) has been painted: in chunks, each would make the
   * renderer index the whole graph again.
   */
  private addPendingEdges(data: GraphData): void {
    this.edgesPending = data;
    this.deps.container.dataset.edgesIn = "false";
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (this.destroyed || this.edgesPending !== data) return;
        addEdges(this.graph, data, 0, data.sources.length);
        this.edgesPending = null;
        this.deps.container.dataset.edgesIn = "true";
      }),
    );
  }

  private showEdges(shown: boolean): void {
    if (this.edgesHidden === !shown || this.destroyed) return;
    this.edgesHidden = !shown;
    const t = performance.now();
    this.renderer?.refresh(true);
    // What a frame with the edges costs here (a GPU draws 65,000 in a few
    // milliseconds; a software renderer takes seconds): measured, since
    // WebKit does not say which it is.
    if (shown) requestAnimationFrame(() => (this.edgeFrameMs = performance.now() - t));
  }

  /** How long the last frame that drew the edges took; null: not measured yet. */
  private edgeFrameMs: number | null = null;

  /**
   * The data changed (a link added, a note made, renamed or deleted):
   * the graph changes in place; nodes that stay do not move, new ones are
   * placed beside what they link to and settle while the rest hold still.
   */
  update(data: GraphData): void {
    this.settings = data.settings;
    this.edgesPending = null;
    // The renderer follows the graph's own events (what changed is drawn
    // again): no full refresh here.
    const result = sync(this.graph, data, new Map(), this.deps.palette, data.settings);
    this.applyDisplay(data.settings);
    if (result.added.length > 0) this.layout(new Set(result.added));
  }

  /**
   * What changed since the data shown (the shell's delta): applied in
   * place, as `update` would, without the whole graph crossing over.
   */
  change(delta: GraphViewDelta): void {
    this.settings = delta.settings;
    if (this.edgesPending) {
      // The first edges are still coming in: take them now, so the delta
      // applies to the whole graph.
      addEdges(this.graph, this.edgesPending, 0, this.edgesPending.sources.length);
      this.edgesPending = null;
      this.deps.container.dataset.edgesIn = "true";
    }
    const result = applyDelta(this.graph, delta, this.deps.palette, delta.settings);
    this.applyDisplay(delta.settings);
    if (result.added.length > 0) this.layout(new Set(result.added));
  }

  /** Runs the layout again for every node (new forces, or asked for). */
  relayout(settings: GraphSettingsView): void {
    this.settings = settings;
    this.layout(null);
  }

  fit(): void {
    this.renderer?.fit();
  }

  /** What the status attributes say: counts, renderer, whether the layout is at rest. */
  get counts(): { nodes: number; edges: number } {
    // Edges still being taken in count: they are in the data shown.
    return { nodes: this.graph.order, edges: this.edgesPending ? this.edgesPending.sources.length : this.graph.size };
  }

  destroy(): void {
    this.destroyed = true;
    this.worker?.terminate();
    this.worker = null;
    this.renderer?.kill();
    this.renderer = null;
  }

  /** Each node's id, label and distance from the centre, in the graph's order. */
  listed(): { id: string; label: string; distance: number }[] {
    return this.graph.mapNodes((id, a) => ({ id, label: a.label, distance: a.distance }));
  }

  /** Where each node is now. */
  positions(): Map<string, { x: number; y: number }> {
    const out = new Map<string, { x: number; y: number }>();
    this.graph.forEachNode((id, a) => out.set(id, { x: a.x, y: a.y }));
    return out;
  }

  // ---- Layout ----

  /** Runs the layout with only `free` nodes moving (null: all but the pinned). */
  private layout(free: Set<string> | null): void {
    if (this.destroyed || !this.settings) return;
    this.worker ??= this.makeWorker();
    this.order = this.graph.nodes();
    const index = new Map(this.order.map((id, i) => [id, i]));
    const n = this.order.length;
    const x = new Float32Array(n), y = new Float32Array(n), fixed = new Uint8Array(n);
    this.order.forEach((id, i) => {
      const a = this.graph.getNodeAttributes(id);
      x[i] = a.x;
      y[i] = a.y;
      fixed[i] = this.pinned.has(id) || (free !== null && !free.has(id)) ? 1 : 0;
    });
    // The edges: the graph's, or while it is still taking in its first
    // ones, the data's (all there).
    const d = this.edgesPending;
    const m = d ? d.sources.length : this.graph.size;
    const sources = new Uint32Array(m), targets = new Uint32Array(m);
    let e = 0;
    const put = (s: number | undefined, t: number | undefined) => {
      if (s === undefined || t === undefined || s === t || e >= m) return;
      sources[e] = s;
      targets[e] = t;
      e++;
    };
    if (d) for (let k = 0; k < m; k++) put(index.get(d.ids[d.sources[k]]), index.get(d.ids[d.targets[k]]));
    else this.graph.forEachEdge((_key, _attrs, s, t) => put(index.get(s), index.get(t)));
    this.run++;
    this.markSettled(false);
    // While the layout moves a big graph, edges are drawn only where that
    // keeps frames short.
    if (this.big && (this.edgeFrameMs === null || this.edgeFrameMs > 100)) this.showEdges(false);
    const message: ToLayout = {
      type: "run",
      run: this.run,
      settings: fa2Settings(this.settings, n),
      x,
      y,
      fixed,
      sources: sources.slice(0, e),
      targets: targets.slice(0, e),
    };
    this.worker.postMessage(message, [x.buffer, y.buffer, fixed.buffer, message.sources.buffer, message.targets.buffer]);
  }

  private makeWorker(): Worker {
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<FromLayout>) => this.positionsCame(e.data);
    return worker;
  }

  private positionsCame(m: FromLayout): void {
    if (this.destroyed || m.run !== this.run) return;
    const order = this.order;
    let i = 0;
    const at = new Map<string, number>();
    for (const id of order) at.set(id, i++);
    this.graph.updateEachNodeAttributes(
      (id, a) => {
        const k = at.get(id);
        if (k === undefined || id === this.dragged) return a;
        a.x = m.x[k];
        a.y = m.y[k];
        return a;
      },
      { attributes: ["x", "y"] },
    );
    if (m.settled) {
      this.markSettled(true);
      if (this.edgesHidden) this.showEdges(true);
    }
    // The next frame of positions once this one is drawn.
    const run = m.run;
    requestAnimationFrame(() => this.worker?.postMessage({ type: "ack", run } satisfies ToLayout));
  }

  /**
   * A graph large enough that drawing its edges can cost more than a frame
   * (on a software renderer): its edges are 1-pixel lines, drawn after its
   * nodes in its first frame, hidden while the camera moves, and hidden
   * while the layout runs where a frame with them took over 100 ms (they
   * come back when it settles); labels are hidden while the camera moves.
   */
  private get big(): boolean {
    return (this.edgesPending?.sources.length ?? this.graph.size) > BIG_EDGES;
  }

  private markSettled(settled: boolean): void {
    this.settledNow = settled;
    this.deps.container.dataset.settled = String(settled);
    if (settled) this.deps.settled?.(this.positions());
  }

  // ---- Rendering ----

  /** The renderer's settings that come from graph.json. */
  private display(s: GraphSettingsView): { labelRenderedSizeThreshold: number; defaultEdgeType: "arrow" | "line" } {
    this.lineSize = Math.max(0.1, s.line_size_multiplier);
    return {
      // Labels show from a rendered size that the text fade setting moves
      // (Obsidian's -3…3); sigma keeps them from overlapping (its label grid).
      labelRenderedSizeThreshold: Math.max(2, 8 - 2 * s.text_fade_multiplier),
      // Every edge's look is the renderer's default, from the settings.
      defaultEdgeType: s.show_arrow ? "arrow" : "line",
    };
  }

  /** The display settings the renderer has now. */
  private shown: Record<string, unknown> = {};

  /** Gives the renderer the settings that changed (each change redraws everything). */
  private applyDisplay(s: GraphSettingsView): void {
    for (const [key, value] of Object.entries(this.display(s))) {
      if (this.shown[key] === value) continue;
      this.shown[key] = value;
      this.renderer?.setSetting(key, value);
    }
  }

  private makeRenderer(preferCanvas: boolean, settings: GraphSettingsView): Renderer {
    const display = this.display(settings);
    this.shown = { ...display };
    const container = this.deps.container;
    if (!preferCanvas && webglDraws()) {
      try {
        const sigma = new Sigma<NodeAttrs, EdgeAttrs>(this.graph, container, {
          labelFont: this.deps.font,
          labelColor: { color: this.deps.labelColor },
          labelSize: 12,
          labelDensity: 0.45,
          labelGridCellSize: 120,
          ...display,
          defaultEdgeColor: this.deps.palette.edge,
          minCameraRatio: 0.02,
          maxCameraRatio: 30,
          zIndex: !this.big,
          hideEdgesOnMove: this.big,
          hideLabelsOnMove: this.big,
          ...(this.big ? { edgeProgramClasses: { line: EdgeLineProgram } } : {}),
          // The reducers answer display data from the attributes (sigma's own shape).
          nodeReducer: (node, data) => this.nodeLook(node, { ...data }) as Partial<NodeDisplayData>,
          edgeReducer: (edge, data) => this.edgeLook(edge, { ...data }) as Partial<EdgeDisplayData>,
        });
        this.kind = "webgl";
        container.dataset.renderer = "webgl";
        const r = sigmaRenderer(sigma);
        this.bind(r);
        return r;
      } catch {
        // Fall through to the canvas.
      }
    }
    this.kind = "canvas";
    container.dataset.renderer = "canvas";
    const r = new CanvasRenderer(this.graph, container, {
      edgeColor: this.deps.palette.edge,
      labelColor: this.deps.labelColor,
      font: this.deps.font,
      nodeLook: (node, data) => this.nodeLook(node, data),
      edgeLook: (edge, data) => this.edgeLook(edge, data),
    });
    r.setSetting("labelRenderedSizeThreshold", display.labelRenderedSizeThreshold);
    this.bind(r);
    return r;
  }

  private nodeLook(node: string, data: Record<string, unknown>): Record<string, unknown> {
    if (!this.hood) return data;
    if (this.hood.has(node)) return { ...data, zIndex: 1, highlighted: node === this.hovered, forceLabel: true };
    return { ...data, color: this.deps.palette.edge, label: "", zIndex: 0 };
  }

  private edgeLook(edge: string, data: Record<string, unknown>): Record<string, unknown> {
    if (this.edgesHidden) return { ...data, hidden: true };
    const size = this.lineSize;
    if (!this.hood || !this.hovered) return size === 1 ? data : { ...data, size };
    const [s, t] = this.graph.extremities(edge);
    if (s === this.hovered || t === this.hovered) {
      return { ...data, color: this.deps.palette.centre, size: size * 1.6, zIndex: 1 };
    }
    return { ...data, hidden: true };
  }

  private bind(r: Renderer): void {
    r.on("enterNode", (node) => {
      this.hovered = node;
      this.hood = neighbourhood(this.graph, node);
      this.deps.container.style.cursor = "pointer";
      r.refresh(true);
    });
    r.on("leaveNode", () => {
      if (this.dragged) return;
      this.hovered = null;
      this.hood = null;
      this.deps.container.style.cursor = "";
      r.refresh(true);
    });
    r.on("downNode", (node) => {
      this.dragged = node;
      this.moved = false;
    });
    r.on("dragTo", (_node, x, y) => {
      const node = this.dragged;
      if (!node) return;
      this.moved = true;
      this.graph.mergeNodeAttributes(node, { x, y, fixed: true });
      this.pinned.add(node);
      const i = this.order.indexOf(node);
      if (i >= 0 && this.worker) {
        // The layout runs again around the node, until it settles.
        this.worker.postMessage({ type: "pin", index: i, x, y, fixed: true } satisfies ToLayout);
        if (this.settledNow) this.markSettled(false);
      } else this.layout(null);
    });
    r.on("up", () => {
      this.dragged = null;
    });
    r.on("clickNode", (node) => {
      if (this.moved) {
        this.moved = false;
        return;
      }
      const kind = this.graph.getNodeAttribute(node, "kind");
      if (kind === "note" || kind === "attachment") this.deps.open(node, kind);
    });
  }
}

/** sigma.js behind the Renderer interface the controller speaks. */
function sigmaRenderer(sigma: Sigma<NodeAttrs, EdgeAttrs>): Renderer {
  const handlers = new Map<string, ((...args: never[]) => void)[]>();
  const emit = (name: string, ...args: unknown[]) => {
    for (const h of handlers.get(name) ?? []) (h as (...a: unknown[]) => void)(...args);
  };
  let dragging: string | null = null;
  sigma.on("enterNode", ({ node }) => emit("enterNode", node));
  sigma.on("leaveNode", ({ node }) => emit("leaveNode", node));
  sigma.on("clickNode", ({ node }) => emit("clickNode", node));
  sigma.on("downNode", ({ node }) => {
    dragging = node;
    // The frame stays as it is while (and after) a node is dragged: sigma
    // would otherwise fit the graph's new extent to the canvas on every
    // move, and everything, the dragged node too, would slide under the
    // pointer. Fit to screen frees it again.
    if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
    emit("downNode", node);
  });
  sigma.on("moveBody", ({ event }) => {
    if (!dragging) return;
    const p = sigma.viewportToGraph(event);
    emit("dragTo", dragging, p.x, p.y);
    // The camera stays while a node is dragged.
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const up = () => {
    if (dragging) emit("up");
    dragging = null;
  };
  sigma.on("upNode", up);
  sigma.on("upStage", up);
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as (...args: never[]) => void]);
    },
    refresh(quick = false) {
      sigma.refresh(quick ? { skipIndexation: true } : undefined);
    },
    fit() {
      sigma.setCustomBBox(null);
      void sigma.getCamera().animatedReset({ duration: 300 });
    },
    setSetting(key, value) {
      sigma.setSetting(key as "labelRenderedSizeThreshold", value as never);
    },
    kill() {
      sigma.kill();
    },
  };
}
