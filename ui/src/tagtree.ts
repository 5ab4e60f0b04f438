// The nested tag tree, built from the shell's flat tag list (`a/b` sits
// under `a`). Pure. Which tags are one tag and which tag nests under which
// is the shell's answer (each tag's `key` and `parent`, from the engine's one
// rule): nothing here lower-cases, normalises or splits a name to compare it.
import type { TagCount } from "./api";

export interface TagNode {
  /** The full tag name as first written (`lang/Rust`). */
  name: string;
  /** What the tag is compared by (`lang/rust`), as the shell gives it. */
  key: string;
  /** The last component of the name (`Rust`), to show. */
  label: string;
  notes: number;
  notesWithChildren: number;
  children: TagNode[];
}

/**
 * The tree of `tags`, children in input order (the shell lists tags in key
 * order, implied parents included). A tag whose parent is not in the list
 * is shown at the top rather than lost.
 */
export function buildTagTree(tags: readonly TagCount[]): TagNode[] {
  const byKey = new Map<string, TagNode>();
  for (const tag of tags) {
    byKey.set(tag.key, {
      name: tag.name,
      key: tag.key,
      label: tag.name.slice(tag.name.lastIndexOf("/") + 1),
      notes: tag.notes,
      notesWithChildren: tag.notes_with_children,
      children: [],
    });
  }
  const roots: TagNode[] = [];
  const placed = new Set<TagNode>();
  for (const tag of tags) {
    const node = byKey.get(tag.key)!;
    if (placed.has(node)) continue;
    placed.add(node);
    const parent = tag.parent === null ? undefined : byKey.get(tag.parent);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The keys of the tags above `key` in `tags`, outermost first. */
export function tagAncestors(tags: readonly TagCount[], key: string): string[] {
  const parents = new Map(tags.map((t) => [t.key, t.parent]));
  const out: string[] = [];
  const seen = new Set([key]);
  for (let k = parents.get(key); k != null && !seen.has(k); k = parents.get(k)) {
    seen.add(k);
    out.unshift(k);
  }
  return out;
}

/** The key of the listed tag spelled exactly `name`, if any. */
export function listedKey(tags: readonly TagCount[], name: string): string | null {
  return tags.find((t) => t.name === name)?.key ?? null;
}
