// The graph view's model: the shell's columns (GraphData) turned into a
// graphology graph, kept in step with each new answer in place (nodes and
// edges added and removed, attributes refreshed, positions of the nodes
// that stay never touched), with sizes by degree, colours by group and
// kind, and a deterministic first place for a node no one has placed.
// Pure but for the graphology graph it is given.
import type Graph from "graphology";
import type { GraphData, GraphSettingsView, GraphViewDelta } from "../api";

export type NodeKind = "note" | "attachment" | "unresolved" | "tag";
const KINDS: readonly NodeKind[] = ["note", "attachment", "unresolved", "tag"];

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: NodeKind;
  degree: number;
  /** Index into the colour groups; -1: none. */
  group: number;
  /** From the centre in a local graph; -1 in the global one. */
  distance: number;
  /** Held where it is by the layout (dragged there). */
  fixed?: boolean;
}

/**
 * An edge has no attributes of its own: its colour, thickness and type are
 * the renderer's defaults for every edge (set from the settings), so a
 * graph of 65,000 edges is not 65,000 objects to build and compare.
 */
export interface EdgeAttrs {
  size?: number;
  color?: string;
  type?: string;
}

/** The colours of what has no group, from the theme. */
export interface Palette {
  note: string;
  attachment: string;
  unresolved: string;
  tag: string;
  edge: string;
  centre: string;
}

export const LIGHT: Palette = {
  note: "#8c8a85",
  attachment: "#c9a227",
  unresolved: "#c8c6c0",
  tag: "#5b9e6e",
  edge: "#d3d1cb",
  centre: "#3b6bc9",
};

/** A node's size: grows with the square root of its degree, as Obsidian's does. */
export function nodeSize(degree: number, multiplier: number): number {
  return Math.min(28, (3 + 1.6 * Math.sqrt(Math.max(0, degree))) * Math.max(0.1, multiplier));
}

/** `0xRRGGBB` and an opacity as a CSS colour sigma reads. */
export function groupColor(rgb: number, alpha: number): string {
  const hex = `#${(rgb & 0xffffff).toString(16).padStart(6, "0")}`;
  if (alpha >= 1) return hex;
  const r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
  return `rgba(${r},${g},${b},${Math.max(0, alpha)})`;
}

/** 32-bit FNV-1a of `text`: the seed of a node's first place. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Where a node no one has placed starts: near the mean of its placed
 * neighbours when it has some (a new note appears beside what it links
 * to), else on a disc whose area grows with the graph; its angle and
 * distance come from its id, so the same vault always starts alike.
 */
export function firstPlace(id: string, order: number, neighbours: readonly { x: number; y: number }[]): { x: number; y: number } {
  const h = hash(id);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const unit = (h >>> 16) / 0x10000;
  if (neighbours.length > 0) {
    const mx = neighbours.reduce((s, p) => s + p.x, 0) / neighbours.length;
    const my = neighbours.reduce((s, p) => s + p.y, 0) / neighbours.length;
    const r = 8 + 12 * unit;
    return { x: mx + r * Math.cos(angle), y: my + r * Math.sin(angle) };
  }
  const r = Math.sqrt(unit) * 10 * Math.sqrt(Math.max(1, order));
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}

export interface SyncResult {
  added: string[];
  removed: string[];
  edgesAdded: number;
  edgesRemoved: number;
  /**
   * Edges of a first sync left to add (with `addEdges`, a chunk a frame):
   * graphology takes about 7 µs an edge, half a second for 65,000, which
   * the first frame need not wait for.
   */
  pending: number;
}

/** Adds up to `limit` of the edges a first sync left pending, from `from`; answers where it stopped. */
export function addEdges(graph: Graph<NodeAttrs, EdgeAttrs>, data: GraphData, from: number, limit: number): number {
  const end = Math.min(data.sources.length, from + limit);
  for (let e = from; e < end; e++) {
    const s = data.ids[data.sources[e]];
    const t = data.ids[data.targets[e]];
    if (s === undefined || t === undefined || s === t) continue;
    const key = edgeKey(s, t);
    if (!graph.hasEdge(key) && graph.hasNode(s) && graph.hasNode(t)) graph.addDirectedEdgeWithKey(key, s, t);
  }
  return end;
}

const edgeKey = (s: string, t: string) => `${s}\u0000${t}`;

/** The node columns the shell sends, whole or in a delta. */
type NodeColumns = Pick<GraphData, "ids" | "labels" | "kinds" | "degrees" | "groups" | "distances">;
type Looks = Pick<GraphSettingsView, "color_groups" | "node_size_multiplier">;

/** A node's attributes but its place, from the `i`th entry of the columns. */
function nodeAttrs(data: NodeColumns, i: number, palette: Palette, settings: Looks): Omit<NodeAttrs, "x" | "y"> {
  const g = data.groups[i];
  const group = g >= 0 ? settings.color_groups[g] : undefined;
  const kind = KINDS[data.kinds[i]] ?? "note";
  const color = group ? groupColor(group.rgb, group.alpha) : data.distances[i] === 0 ? palette.centre : palette[kind];
  return {
    size: nodeSize(data.degrees[i], settings.node_size_multiplier),
    color,
    label: data.labels[i],
    kind,
    degree: data.degrees[i],
    group: data.groups[i],
    distance: data.distances[i],
  };
}

/**
 * Brings `graph` in step with `data`: a node keeps its place while it
 * stays; a new one takes its kept position (`kept`), else a first place.
 */
export function sync(
  graph: Graph<NodeAttrs, EdgeAttrs>,
  data: GraphData,
  kept: ReadonlyMap<string, { x: number; y: number }>,
  palette: Palette,
  settings: Looks,
  /** On a first sync, leave the edges beyond this many for `addEdges`. */
  deferEdgesAbove = Infinity,
): SyncResult {
  const ids = new Set(data.ids);
  const removed: string[] = [];
  graph.forEachNode((id) => {
    if (!ids.has(id)) removed.push(id);
  });
  // Their edges go with them, and are counted as gone.
  const droppedEdges = new Set<string>();
  for (const id of removed) graph.forEachEdge(id, (key) => droppedEdges.add(key));
  for (const id of removed) graph.dropNode(id);

  const attrs = (i: number) => nodeAttrs(data, i, palette, settings);

  // Neighbours by index, to place a new node beside what it links to.
  const neighbours: number[][] = data.ids.map(() => []);
  for (let e = 0; e < data.sources.length; e++) {
    neighbours[data.sources[e]]?.push(data.targets[e]);
    neighbours[data.targets[e]]?.push(data.sources[e]);
  }
  const empty = graph.order === 0;
  const added: string[] = [];
  const fresh: number[] = [];
  data.ids.forEach((id, i) => {
    if (!empty && graph.hasNode(id)) {
      const next = attrs(i);
      const now = graph.getNodeAttributes(id);
      // Only what changed: merging 10,000 nodes' attributes on every live
      // update would cost more than the update.
      if (now.size !== next.size || now.color !== next.color || now.label !== next.label || now.degree !== next.degree || now.group !== next.group || now.distance !== next.distance) {
        graph.mergeNodeAttributes(id, next);
      }
      return;
    }
    const place = kept.get(id);
    if (place) {
      graph.addNode(id, { ...attrs(i), x: place.x, y: place.y });
      added.push(id);
    } else {
      fresh.push(i);
    }
  });
  // Nodes with no place: beside placed neighbours, in id order so the
  // result does not depend on the order they came in.
  fresh.sort((a, b) => (data.ids[a] < data.ids[b] ? -1 : data.ids[a] > data.ids[b] ? 1 : 0));
  for (const i of fresh) {
    const id = data.ids[i];
    const placed: { x: number; y: number }[] = [];
    for (const n of neighbours[i]) {
      const nid = data.ids[n];
      if (graph.hasNode(nid)) placed.push({ x: graph.getNodeAttribute(nid, "x"), y: graph.getNodeAttribute(nid, "y") });
    }
    graph.addNode(id, { ...attrs(i), ...firstPlace(id, data.ids.length, placed) });
    added.push(id);
  }

  let edgesAdded = 0;
  const gone: string[] = [];
  if ((empty || graph.size === 0) && data.sources.length > deferEdgesAbove) {
    return { added, removed, edgesAdded: 0, edgesRemoved: droppedEdges.size, pending: data.sources.length };
  }
  if (empty || graph.size === 0) {
    for (let e = 0; e < data.sources.length; e++) {
      const s = data.ids[data.sources[e]];
      const t = data.ids[data.targets[e]];
      if (s === undefined || t === undefined || s === t) continue;
      const key = edgeKey(s, t);
      if (graph.hasEdge(key)) continue;
      graph.addDirectedEdgeWithKey(key, s, t);
      edgesAdded++;
    }
  } else {
    const wanted = new Set<string>();
    for (let e = 0; e < data.sources.length; e++) {
      const s = data.ids[data.sources[e]];
      const t = data.ids[data.targets[e]];
      if (s === undefined || t === undefined || s === t) continue;
      const key = edgeKey(s, t);
      wanted.add(key);
      if (!graph.hasEdge(key)) {
        graph.addDirectedEdgeWithKey(key, s, t);
        edgesAdded++;
      }
    }
    graph.forEachEdge((key) => {
      if (!wanted.has(key)) gone.push(key);
    });
    for (const key of gone) graph.dropEdge(key);
  }
  return { added, removed, edgesAdded, edgesRemoved: gone.length + droppedEdges.size, pending: 0 };
}

/**
 * Applies what changed since the graph was last in step (`delta`, the
 * shell's answer for the generation it has): nodes gone go with their
 * edges, nodes new or changed are added or refreshed (a new one placed
 * beside what it links to), edges added and removed. Nodes that stay keep
 * their places.
 */
export function applyDelta(graph: Graph<NodeAttrs, EdgeAttrs>, delta: GraphViewDelta, palette: Palette, settings: Looks): SyncResult {
  const removed: string[] = [];
  let edgesRemoved = 0;
  for (const id of delta.removed) {
    if (!graph.hasNode(id)) continue;
    edgesRemoved += graph.degree(id);
    graph.dropNode(id);
    removed.push(id);
  }
  const fresh: number[] = [];
  delta.ids.forEach((id, i) => {
    if (graph.hasNode(id)) graph.mergeNodeAttributes(id, nodeAttrs(delta, i, palette, settings));
    else fresh.push(i);
  });
  // New nodes: beside what they link to (among the nodes placed already,
  // by the edges this delta adds), in id order so the result does not
  // depend on the order they came in.
  const linked = new Map<string, string[]>();
  delta.added_sources.forEach((s, e) => {
    const t = delta.added_targets[e];
    linked.set(s, [...(linked.get(s) ?? []), t]);
    linked.set(t, [...(linked.get(t) ?? []), s]);
  });
  fresh.sort((a, b) => (delta.ids[a] < delta.ids[b] ? -1 : delta.ids[a] > delta.ids[b] ? 1 : 0));
  const added: string[] = [];
  for (const i of fresh) {
    const id = delta.ids[i];
    const placed: { x: number; y: number }[] = [];
    for (const n of linked.get(id) ?? []) {
      if (graph.hasNode(n)) placed.push({ x: graph.getNodeAttribute(n, "x"), y: graph.getNodeAttribute(n, "y") });
    }
    graph.addNode(id, { ...nodeAttrs(delta, i, palette, settings), ...firstPlace(id, graph.order + 1, placed) });
    added.push(id);
  }
  delta.removed_sources.forEach((s, e) => {
    const key = edgeKey(s, delta.removed_targets[e]);
    if (graph.hasEdge(key)) {
      graph.dropEdge(key);
      edgesRemoved++;
    }
  });
  let edgesAdded = 0;
  delta.added_sources.forEach((s, e) => {
    const t = delta.added_targets[e];
    const key = edgeKey(s, t);
    if (s === t || graph.hasEdge(key) || !graph.hasNode(s) || !graph.hasNode(t)) return;
    graph.addDirectedEdgeWithKey(key, s, t);
    edgesAdded++;
  });
  return { added, removed, edgesAdded, edgesRemoved, pending: 0 };
}

/** The nodes next to `node`, and itself: what hovering it highlights. */
export function neighbourhood(graph: Graph, node: string): Set<string> {
  const out = new Set<string>([node]);
  if (!graph.hasNode(node)) return out;
  graph.forEachNeighbor(node, (n) => out.add(n));
  return out;
}
