// The note area's panes: a tree of splits (side by side, or one above the
// other) whose leaves are panes, each with its own tabs. One pane is
// active: it shows its note live (reading or editing); the others show
// theirs as it was left. Plain state: it never fetches or touches the page.
// What is kept between runs is `saved()`: the layout in preorder (each
// split with its children's shares of its room), each pane's tabs.
import { Tabs, type SavedTabs } from "./tabs.svelte";

/** `row`: panes side by side (split right); `column`: one above the other (split down). */
export type Dir = "row" | "column";

export class Pane {
  readonly tabs = new Tabs();
  constructor(readonly id: number) {}
}

/**
 * A split's `sizes` are its children's shares of its room (they add up to
 * 1); its `id` stays while the split does, so a divider dragged changes
 * the shares without making its panes anew.
 */
export type Split = { kind: "split"; id: number; dir: Dir; children: PaneNode[]; sizes: number[] };
export type PaneNode = { kind: "pane"; pane: Pane } | Split;

/**
 * The layout in preorder: a split with its number of children and their
 * shares, or a pane (taking the next of `panes`).
 */
export type SavedNode = { dir: Dir; children: number; sizes?: number[] } | { dir: null; children: 0 };

/** No pane is made smaller than this share of its split by a drag. */
export const MIN_SHARE = 0.1;

/** `sizes` made to add up to 1; even shares when they cannot be (none, or not all positive). */
export function normalised(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (sizes.length !== n || !sizes.every((x) => Number.isFinite(x) && x > 0) || !(total > 0)) {
    return Array.from({ length: n }, () => 1 / n);
  }
  return sizes.map((x) => x / total);
}

export interface SavedPanes {
  layout: SavedNode[];
  panes: SavedTabs[];
  active: number;
}

export class Panes {
  root = $state.raw<PaneNode>({ kind: "pane", pane: new Pane(0) });
  active = $state.raw<Pane>((this.root as { pane: Pane }).pane);
  private next = 1;
  private splits = 1;

  private makeSplit(dir: Dir, children: PaneNode[], sizes: readonly number[] = []): Split {
    return { kind: "split", id: this.splits++, dir, children, sizes: normalised(sizes, children.length) };
  }

  /** Every pane, in reading order (left to right, top to bottom). */
  get list(): Pane[] {
    const out: Pane[] = [];
    const walk = (n: PaneNode) => (n.kind === "pane" ? out.push(n.pane) : n.children.forEach(walk));
    walk(this.root);
    return out;
  }

  /**
   * A new pane beside `pane` (`row`: to its right, `column`: below it),
   * made active; answers it. Beside it in the same split when that split
   * goes the same way, as Obsidian's do; else the pane becomes a split.
   */
  split(pane: Pane, dir: Dir): Pane {
    const made = new Pane(this.next++);
    const leaf: PaneNode = { kind: "pane", pane: made };
    // The pane split gives half of its room to the new one, as Obsidian's.
    const grow = (n: PaneNode): PaneNode => {
      if (n.kind === "pane") return n.pane === pane ? this.makeSplit(dir, [n, leaf]) : n;
      const at = n.children.findIndex((c) => c.kind === "pane" && c.pane === pane);
      if (at >= 0 && n.dir === dir) {
        const half = n.sizes[at] / 2;
        return {
          ...n,
          children: [...n.children.slice(0, at + 1), leaf, ...n.children.slice(at + 1)],
          sizes: [...n.sizes.slice(0, at), half, half, ...n.sizes.slice(at + 1)],
        };
      }
      return { ...n, children: n.children.map(grow) };
    };
    this.root = grow(this.root);
    this.active = made;
    return made;
  }

  /**
   * Takes `pane` away (its last tab closed, or closed itself): the split it
   * was in gives its room to the rest, a split left with one child becomes
   * that child. The last pane is never taken away. The active pane, if it
   * was this one, becomes its neighbour.
   */
  close(pane: Pane): void {
    const panes = this.list;
    if (panes.length <= 1 || !panes.includes(pane)) return;
    const k = panes.indexOf(pane);
    // The room of the pane closed goes to the others of its split, in
    // proportion to what they had.
    const prune = (n: PaneNode): PaneNode | null => {
      if (n.kind === "pane") return n.pane === pane ? null : n;
      const kept = n.children.map((c, i) => [prune(c), n.sizes[i]] as const).filter(([c]) => c !== null);
      if (kept.length === 0) return null;
      if (kept.length === 1) return kept[0][0];
      return { ...n, children: kept.map(([c]) => c!), sizes: normalised(kept.map(([, size]) => size), kept.length) };
    };
    this.root = prune(this.root) ?? { kind: "pane", pane: panes[k === 0 ? 1 : 0] };
    if (this.active === pane) {
      const left = this.list;
      this.active = left[Math.min(k, left.length - 1)] ?? left[0];
    }
  }

  /**
   * Moves the divider after child `i` of the split `id` by `delta` (a
   * share of the split's room): child `i` grows by it and child `i + 1`
   * shrinks, neither below `MIN_SHARE` (or half their room together, if
   * that is less).
   */
  resize(id: number, i: number, delta: number): void {
    this.reshare(id, (sizes) => {
      if (i < 0 || i + 1 >= sizes.length || !Number.isFinite(delta)) return sizes;
      const pair = sizes[i] + sizes[i + 1];
      const min = Math.min(MIN_SHARE, pair / 2);
      const left = Math.min(pair - min, Math.max(min, sizes[i] + delta));
      const next = [...sizes];
      next[i] = left;
      next[i + 1] = pair - left;
      return next;
    });
  }

  /** The split `id`, as it is now. */
  splitOf(id: number): Split | null {
    const find = (n: PaneNode): Split | null =>
      n.kind === "pane" ? null : n.id === id ? n : n.children.reduce<Split | null>((f, c) => f ?? find(c), null);
    return find(this.root);
  }

  /** Gives the children of the split `id` even shares (a double click on its divider). */
  even(id: number): void {
    this.reshare(id, (sizes) => normalised([], sizes.length));
  }

  /**
   * The split `id` with the shares `f` gives; every node on the way to it
   * made anew (the rest kept as they are), so what shows it redraws.
   */
  private reshare(id: number, f: (sizes: number[]) => number[]): void {
    const change = (n: PaneNode): PaneNode => {
      if (n.kind === "pane") return n;
      if (n.id === id) {
        const sizes = f(n.sizes);
        return sizes === n.sizes ? n : { ...n, sizes };
      }
      const children = n.children.map(change);
      return children.some((c, k) => c !== n.children[k]) ? { ...n, children } : n;
    };
    this.root = change(this.root);
  }

  /** Another vault: one pane with one empty tab. */
  reset(): void {
    const pane = new Pane(this.next++);
    this.root = { kind: "pane", pane };
    this.active = pane;
  }

  /** What is kept between runs. */
  saved(): SavedPanes {
    const layout: SavedNode[] = [];
    const walk = (n: PaneNode) => {
      if (n.kind === "pane") layout.push({ dir: null, children: 0 });
      else {
        layout.push({ dir: n.dir, children: n.children.length, sizes: [...n.sizes] });
        n.children.forEach(walk);
      }
    };
    walk(this.root);
    const panes = this.list;
    return { layout, panes: panes.map((p) => p.tabs.saved()), active: Math.max(0, panes.indexOf(this.active)) };
  }

  /**
   * The panes kept last time, each with the tabs whose notes still exist;
   * a pane left with none is dropped. False (nothing changed) when nothing
   * is left, or the layout does not describe the panes (then the tabs of
   * the first pane alone are restored, if any).
   */
  restore(saved: SavedPanes, exists: (path: string) => boolean): boolean {
    const made = saved.panes.map((tabs) => {
      const pane = new Pane(this.next++);
      return pane.tabs.restore(tabs, exists) ? pane : null;
    });
    let i = 0;
    let p = 0;
    // Rebuilds the tree from the preorder list; null where nothing is left.
    const build = (): PaneNode | null | undefined => {
      const node = saved.layout[i++];
      if (!node) return undefined;
      if (node.dir === null) {
        if (p >= made.length) return undefined;
        const pane = made[p++];
        return pane ? { kind: "pane", pane } : null;
      }
      const shares = normalised(node.sizes ?? [], node.children);
      const children: PaneNode[] = [];
      const sizes: number[] = [];
      for (let c = 0; c < node.children; c++) {
        const child = build();
        if (child === undefined) return undefined;
        if (child) {
          children.push(child);
          sizes.push(shares[c]);
        }
      }
      if (children.length === 0) return null;
      return children.length === 1 ? children[0] : this.makeSplit(node.dir, children, sizes);
    };
    const root = saved.layout.length > 0 ? build() : made[0] ? { kind: "pane" as const, pane: made[0] } : null;
    const whole = root && i === Math.max(saved.layout.length, 1) && (saved.layout.length === 0 || p === made.length);
    if (!whole) {
      const first = made.find((m) => m !== null);
      if (!first) return false;
      this.root = { kind: "pane", pane: first };
      this.active = first;
      return true;
    }
    this.root = root;
    const active = made[saved.active];
    this.active = active && this.list.includes(active) ? active : this.list[0];
    return true;
  }
}
