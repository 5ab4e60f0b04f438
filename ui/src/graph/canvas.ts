// The graph drawn with Canvas 2D, for a web view whose WebGL does not
// really draw (WebKitGTK can hand out a context on a path that renders
// nothing): the same nodes, edges, labels and looks as sigma.js, with pan,
// zoom, hover, click and drag. Slower than WebGL at 10,000 nodes, but a
// graph you can use. Draws only when something changed.
import type Graph from "graphology";
import type { EdgeAttrs, NodeAttrs } from "./model";

/** What the controller asks of a renderer (sigma.js or this one). */
export interface Renderer {
  on(name: "enterNode" | "leaveNode" | "clickNode" | "downNode", handler: (node: string) => void): void;
  on(name: "dragTo", handler: (node: string, x: number, y: number) => void): void;
  on(name: "up", handler: () => void): void;
  /** Draw again (`quick`: only looks changed, not positions). */
  refresh(quick?: boolean): void;
  /** The whole graph in view. */
  fit(): void;
  setSetting(key: string, value: unknown): void;
  kill(): void;
}

type Look = (key: string, data: Record<string, unknown>) => Record<string, unknown>;

interface Options {
  /** An edge's colour when its look gives none. */
  edgeColor: string;
  labelColor: string;
  font: string;
  nodeLook: Look;
  edgeLook: Look;
}

export class CanvasRenderer implements Renderer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly handlers = new Map<string, ((...args: never[]) => void)[]>();
  /** Graph → screen: screen = (graph - centre) * scale + half the size. */
  private cx = 0;
  private cy = 0;
  private scale = 1;
  /** The scale the whole graph fitted at: node sizes grow with the zoom from there. */
  private fitScale = 1;
  private fitted = false;
  /**
   * The frame follows the graph's extent while the layout moves it, as
   * sigma's does, until the user zooms, pans or drags a node (then it
   * stays where they put it); fit() follows again.
   */
  private follow = true;
  /**
   * While the view is zoomed or panned (until `movedAt` + 200 ms), a
   * graph whose edges took longer than 50 ms to draw last time is drawn
   * without them, and whole again once the movement stops: as sigma's
   * `hideEdgesOnMove`, so a 10k vault's graph follows the wheel.
   */
  private movedAt = -Infinity;
  private edgesMs = 0;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private frame = 0;
  private hovered: string | null = null;
  private down: { node: string | null; x: number; y: number; cx: number; cy: number } | null = null;
  private dragged = false;
  private threshold = 8;
  private readonly listeners: [EventTarget, string, EventListener][] = [];
  private readonly resize: ResizeObserver;

  constructor(
    private readonly graph: Graph<NodeAttrs, EdgeAttrs>,
    private readonly container: HTMLElement,
    private readonly options: Options,
  ) {
    this.canvas = document.createElement("canvas");
    this.canvas.style.cssText = "position:absolute;inset:0;width:100%;height:100%";
    container.appendChild(this.canvas);
    const ctx = this.canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    this.ctx = ctx;
    const redraw = () => this.refresh();
    for (const e of ["nodeAdded", "nodeDropped", "edgeAdded", "edgeDropped", "nodeAttributesUpdated", "eachNodeAttributesUpdated", "cleared"]) {
      graph.on(e as "nodeAdded", redraw);
    }
    this.listen(this.canvas, "wheel", (e) => this.wheel(e as WheelEvent));
    this.listen(this.canvas, "mousedown", (e) => this.mouseDown(e as MouseEvent));
    this.listen(window, "mousemove", (e) => this.mouseMove(e as MouseEvent));
    this.listen(window, "mouseup", (e) => this.mouseUp(e as MouseEvent));
    this.resize = new ResizeObserver(() => this.refresh());
    this.resize.observe(container);
    this.refresh();
  }

  on(name: string, handler: (...args: never[]) => void): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }

  private emit(name: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(name) ?? []) (h as (...a: unknown[]) => void)(...args);
  }

  private listen(target: EventTarget, name: string, fn: EventListener): void {
    target.addEventListener(name, fn, { passive: false });
    this.listeners.push([target, name, fn]);
  }

  refresh(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  fit(): void {
    this.fitted = false;
    this.follow = true;
    this.refresh();
  }

  setSetting(key: string, value: unknown): void {
    if (key === "labelRenderedSizeThreshold" && typeof value === "number") this.threshold = value;
    this.refresh();
  }

  kill(): void {
    cancelAnimationFrame(this.frame);
    if (this.settle) clearTimeout(this.settle);
    for (const [t, n, f] of this.listeners) t.removeEventListener(n, f);
    this.resize.disconnect();
    this.canvas.remove();
  }

  private size(): { w: number; h: number } {
    return { w: this.container.clientWidth, h: this.container.clientHeight };
  }

  private toScreen(x: number, y: number): [number, number] {
    const { w, h } = this.size();
    // Graph y grows upwards, as in sigma.js.
    return [(x - this.cx) * this.scale + w / 2, h / 2 - (y - this.cy) * this.scale];
  }

  private toGraph(sx: number, sy: number): [number, number] {
    const { w, h } = this.size();
    return [(sx - w / 2) / this.scale + this.cx, (h / 2 - sy) / this.scale + this.cy];
  }

  private fitNow(): void {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    this.graph.forEachNode((_n, a) => {
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      minY = Math.min(minY, a.y);
      maxY = Math.max(maxY, a.y);
    });
    if (!Number.isFinite(minX)) return;
    const { w, h } = this.size();
    this.cx = (minX + maxX) / 2;
    this.cy = (minY + maxY) / 2;
    this.scale = Math.min((w - 60) / Math.max(maxX - minX, 1), (h - 60) / Math.max(maxY - minY, 1));
    this.fitScale = this.scale;
    this.fitted = true;
  }

  private draw(): void {
    const { w, h } = this.size();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    if (!this.fitted || this.follow) this.fitNow();
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    // As sigma.js sizes them: the size is the radius in pixels, growing
    // with the square root of the zoom.
    const zoom = Math.sqrt(this.scale / Math.max(this.fitScale, 1e-9));
    const nodeSize = (size: number) => Math.max(1.5, size * zoom);
    // Edges in one path per colour and width, stroked once each: a stroke
    // per edge made a frame of the 10k vault's 65,000 edges take 300-400
    // ms. An edge wholly to one side of the canvas is left out.
    const paths = new Map<string, { color: string; width: number; path: Path2D }>();
    const moving = performance.now() - this.movedAt < 200 && this.edgesMs > 50;
    const edgesFrom = performance.now();
    if (!moving) this.graph.forEachEdge((edge, attrs, _s, _t, sa, ta) => {
      const look = this.options.edgeLook(edge, { ...attrs });
      if (look.hidden) return;
      const [x1, y1] = this.toScreen(sa.x, sa.y);
      const [x2, y2] = this.toScreen(ta.x, ta.y);
      if ((x1 < 0 && x2 < 0) || (y1 < 0 && y2 < 0) || (x1 > w && x2 > w) || (y1 > h && y2 > h)) return;
      const color = String(look.color ?? this.options.edgeColor);
      const width = Math.max(0.5, Number(look.size ?? 1));
      const key = `${color} ${width}`;
      let batch = paths.get(key);
      if (!batch) paths.set(key, (batch = { color, width, path: new Path2D() }));
      batch.path.moveTo(x1, y1);
      batch.path.lineTo(x2, y2);
    });
    // The plain edges first: a highlighted one (a hovered node's) on top.
    const plain = (b: { color: string }) => (b.color === String(this.options.edgeColor) ? 0 : 1);
    for (const { color, width, path } of [...paths.values()].sort((a, b) => plain(a) - plain(b))) {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.stroke(path);
    }
    if (!moving) this.edgesMs = performance.now() - edgesFrom;
    const labels: [number, number, number, string][] = [];
    this.graph.forEachNode((node, attrs) => {
      const look = this.options.nodeLook(node, { ...attrs });
      if (look.hidden) return;
      const [x, y] = this.toScreen(attrs.x, attrs.y);
      if (x < -40 || y < -40 || x > w + 40 || y > h + 40) return;
      const r = nodeSize(Number(look.size ?? 3));
      ctx.fillStyle = String(look.color ?? "#999");
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
      const label = typeof look.label === "string" ? look.label : "";
      if (label && (r >= this.threshold || look.forceLabel)) labels.push([x, y, r, label]);
    });
    // Labels that would overlap one already drawn are left out.
    ctx.font = `12px ${this.options.font}`;
    ctx.fillStyle = this.options.labelColor;
    ctx.textBaseline = "middle";
    const taken: [number, number, number, number][] = [];
    for (const [x, y, r, label] of labels) {
      const width = ctx.measureText(label).width;
      const box: [number, number, number, number] = [x + r + 3, y - 7, x + r + 3 + width, y + 7];
      if (taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      taken.push(box);
      ctx.fillText(label, box[0], y);
    }
  }

  private nodeAt(sx: number, sy: number): string | null {
    let best: string | null = null;
    let bestD = Infinity;
    this.graph.forEachNode((node, a) => {
      const [x, y] = this.toScreen(a.x, a.y);
      const d = Math.hypot(x - sx, y - sy);
      if (d <= Math.max(4, a.size) + 2 && d < bestD) {
        best = node;
        bestD = d;
      }
    });
    return best;
  }

  /** The view moved: edges may be left out until it rests (see `movedAt`). */
  private moved(): void {
    this.movedAt = performance.now();
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.refresh();
    }, 220);
  }

  private local(e: MouseEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    this.follow = false;
    this.moved();
    const [sx, sy] = this.local(e);
    const [gx, gy] = this.toGraph(sx, sy);
    const factor = Math.exp(-e.deltaY * 0.0015);
    this.scale = Math.min(1e4, Math.max(1e-4, this.scale * factor));
    // Zoom about the pointer.
    const [nx, ny] = this.toGraph(sx, sy);
    this.cx += gx - nx;
    this.cy += gy - ny;
    this.refresh();
  }

  private mouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    const [sx, sy] = this.local(e);
    const node = this.nodeAt(sx, sy);
    this.down = { node, x: sx, y: sy, cx: this.cx, cy: this.cy };
    this.dragged = false;
    if (node) this.emit("downNode", node);
  }

  private mouseMove(e: MouseEvent): void {
    const [sx, sy] = this.local(e);
    if (this.down) {
      if (Math.hypot(sx - this.down.x, sy - this.down.y) > 3) this.dragged = true;
      if (!this.dragged) return;
      this.follow = false;
      if (this.down.node) {
        const [gx, gy] = this.toGraph(sx, sy);
        this.emit("dragTo", this.down.node, gx, gy);
      } else {
        this.cx = this.down.cx - (sx - this.down.x) / this.scale;
        this.cy = this.down.cy + (sy - this.down.y) / this.scale;
        this.moved();
        this.refresh();
      }
      return;
    }
    const inside = sx >= 0 && sy >= 0 && sx <= this.canvas.clientWidth && sy <= this.canvas.clientHeight;
    const node = inside ? this.nodeAt(sx, sy) : null;
    if (node === this.hovered) return;
    if (this.hovered) this.emit("leaveNode", this.hovered);
    this.hovered = node;
    if (node) this.emit("enterNode", node);
  }

  private mouseUp(e: MouseEvent): void {
    const down = this.down;
    this.down = null;
    if (!down) return;
    if (down.node) {
      this.emit("up");
      if (!this.dragged) this.emit("clickNode", down.node);
    }
    void e;
  }
}
