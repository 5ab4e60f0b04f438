// The nested tag tree, built from the flat tag list (`a/b` sits under `a`).
// Pure. Tags compare case-insensitively, as the engine's tag index does.
import type { TagCount } from "./api";

export interface TagNode {
  /** The full tag name (`lang/rust`). */
  name: string;
  /** The last component (`rust`). */
  label: string;
  notes: number;
  notesWithChildren: number;
  children: TagNode[];
}

/** A tag as the UI keys it: no leading `#`, lower case, NFC. */
export function tagKey(tag: string): string {
  return tag.replace(/^#+/, "").normalize("NFC").toLowerCase();
}

/**
 * The tree of `tags`, children in input order. A parent missing from the
 * list (the engine lists implied parents, but the UI does not rely on it) is
 * added with the counts of its children.
 */
export function buildTagTree(tags: readonly TagCount[]): TagNode[] {
  const byKey = new Map<string, TagNode>();
  const roots: TagNode[] = [];

  const nodeFor = (name: string, count?: TagCount): TagNode => {
    const key = tagKey(name);
    let node = byKey.get(key);
    if (node) {
      if (count) {
        node.notes = count.notes;
        node.notesWithChildren = count.notes_with_children;
      }
      return node;
    }
    const slash = name.lastIndexOf("/");
    node = {
      name,
      label: slash >= 0 ? name.slice(slash + 1) : name,
      notes: count?.notes ?? 0,
      notesWithChildren: count?.notes_with_children ?? 0,
      children: [],
    };
    byKey.set(key, node);
    if (slash > 0) nodeFor(name.slice(0, slash)).children.push(node);
    else roots.push(node);
    return node;
  };

  for (const tag of tags) {
    const name = tag.name.replace(/^#+/, "").replace(/\/+$/, "");
    if (name) nodeFor(name, tag);
  }
  const fillImplied = (node: TagNode): number => {
    const sum = node.children.reduce((n, c) => n + fillImplied(c), 0);
    if (node.notesWithChildren === 0) node.notesWithChildren = Math.max(node.notes, sum);
    return node.notesWithChildren;
  };
  roots.forEach(fillImplied);
  return roots;
}

/** The full names of `tag` and each of its parents, outermost first. */
export function tagAncestors(tag: string): string[] {
  const parts = tag.replace(/^#+/, "").split("/").filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}
