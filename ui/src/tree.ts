// Helpers over the file tree from the shell: finding notes and the folders
// to open so that a note is visible. Pure.
import type { TreeNode } from "./api";

/** The first note in display order (folders first, as the shell sorts). */
export function firstNote(node: TreeNode): string | null {
  if (node.kind === "note") return node.path;
  for (const child of node.children) {
    const found = firstNote(child);
    if (found !== null) return found;
  }
  return null;
}

/** Whether the tree holds a note at `path`. */
export function hasNote(node: TreeNode, path: string): boolean {
  if (node.kind === "note") return node.path === path;
  if (node.kind !== "folder") return false;
  // Only descend into the folder that can hold the path.
  if (node.path !== "" && !path.startsWith(node.path + "/")) return false;
  return node.children.some((c) => hasNote(c, path));
}

/** The folders holding `path`, outermost first: `a/b/c.md` → `a`, `a/b`. */
export function parentFolders(path: string): string[] {
  const parts = path.split("/");
  parts.pop();
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** A file name without its `.md` extension, for display. */
export function displayName(node: Pick<TreeNode, "name" | "kind">): string {
  return node.kind === "note" ? node.name.replace(/\.md$/i, "") : node.name;
}

/** Every folder path in the tree (for "expand all"). */
export function allFolders(node: TreeNode, out: string[] = []): string[] {
  if (node.kind === "folder") {
    if (node.path !== "") out.push(node.path);
    node.children.forEach((c) => allFolders(c, out));
  }
  return out;
}

/** One row of the file tree as shown: a node and where it sits. */
export interface VisibleRow {
  node: TreeNode;
  /** 1 for the vault's top level, as `aria-level` counts. */
  level: number;
  /** Its place among its siblings (from 1) and how many they are, for `aria-posinset` and `aria-setsize`. */
  posInSet: number;
  setSize: number;
  /** The index of its folder's row in the list; -1 at the top level. */
  parent: number;
  /** Whether it is a folder whose children follow it. */
  open: boolean;
}

/**
 * The rows of the tree in display order: the root's children, and the
 * children of every open folder right after it (those of a folder inside a
 * closed one are not shown, even when it is open itself). The file tree
 * renders a window of this list and moves its keys over it.
 */
export function visibleRows(root: TreeNode, expanded: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const walk = (children: TreeNode[], level: number, parent: number): void => {
    children.forEach((node, i) => {
      const open = node.kind === "folder" && expanded.has(node.path);
      const at = out.push({ node, level, posInSet: i + 1, setSize: children.length, parent, open }) - 1;
      if (open) walk(node.children, level + 1, at);
    });
  };
  walk(root.children, 1, -1);
  return out;
}

/**
 * Where type-ahead goes: the next name (lower case) starting with `typed`
 * (lower case), wrapping around; -1 when none does. A first letter looks
 * after the row at `from`; more letters of the same word may keep it.
 */
export function typeAhead(names: readonly string[], from: number, typed: string): number {
  const n = names.length;
  const first = typed.length === 1 ? 1 : 0;
  for (let k = first; k < n; k++) {
    const i = (from + k) % n;
    if (names[i].startsWith(typed)) return i;
  }
  return -1;
}
