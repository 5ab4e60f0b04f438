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
