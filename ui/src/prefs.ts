// What the window remembers between runs, in localStorage: the last note
// opened in each vault, and the layout (sidebars, left tab). Storage may be
// missing or full; every access is allowed to fail quietly.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type LeftTab = "files" | "tags" | "search";

export interface Layout {
  left: boolean;
  right: boolean;
  tab: LeftTab;
  /** Ids of the right sidebar's panels that are collapsed. */
  collapsed: string[];
  /** The editor shows the plain Markdown (source mode) instead of the live preview. */
  source: boolean;
}

/**
 * The right sidebar's section of unlinked mentions. Finding them reads every
 * note, so, as in Obsidian, it starts collapsed and is searched only while open.
 */
export const UNLINKED_PANEL = "unlinked-mentions";
/** The local graph draws a graph for every note visited: it starts collapsed, as in Obsidian (where it is a pane to open). */
export const LOCAL_GRAPH_PANEL = "panel-local-graph";

export const DEFAULT_LAYOUT: Layout = {
  left: true,
  right: true,
  tab: "files",
  collapsed: [UNLINKED_PANEL, LOCAL_GRAPH_PANEL],
  source: false,
};

function storage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function get(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function set(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // Full or disabled storage: forgetting is fine.
  }
}

const lastNoteKey = (root: string) => `hanji:last-note:${root}`;
const LAYOUT_KEY = "hanji:layout";

export function rememberLastNote(root: string, path: string, store = storage()): void {
  set(store, lastNoteKey(root), path);
}

export function recallLastNote(root: string, store = storage()): string | null {
  return get(store, lastNoteKey(root));
}

export function saveLayout(layout: Layout, store = storage()): void {
  set(store, LAYOUT_KEY, JSON.stringify(layout));
}

export function loadLayout(store = storage()): Layout {
  const raw = get(store, LAYOUT_KEY);
  if (!raw) return { ...DEFAULT_LAYOUT, collapsed: [...DEFAULT_LAYOUT.collapsed] };
  try {
    const v = JSON.parse(raw) as Partial<Layout>;
    return {
      left: typeof v.left === "boolean" ? v.left : DEFAULT_LAYOUT.left,
      right: typeof v.right === "boolean" ? v.right : DEFAULT_LAYOUT.right,
      tab: v.tab === "files" || v.tab === "tags" || v.tab === "search" ? v.tab : DEFAULT_LAYOUT.tab,
      collapsed: Array.isArray(v.collapsed)
        ? v.collapsed.filter((c) => typeof c === "string")
        : [...DEFAULT_LAYOUT.collapsed],
      source: typeof v.source === "boolean" ? v.source : DEFAULT_LAYOUT.source,
    };
  } catch {
    return { ...DEFAULT_LAYOUT, collapsed: [...DEFAULT_LAYOUT.collapsed] };
  }
}
