// The quick switcher's list: every note matched on its file name, title,
// aliases and path; with no query, the notes visited most recently come first; the
// vault's excluded files after every other. Pure.
import type { SwitcherItem } from "./api";
import { fuzzyFilter, type Ranked } from "./fuzzy";

/** A note's file name: its path's last part, without `.md`. */
export function fileName(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.md$/i, "");
}

/**
 * What a note is matched on, in this order (a match's `key`): its file
 * name (what Obsidian's switcher shows), its title, each alias, its path.
 */
export function switcherKeys(item: SwitcherItem): string[] {
  return [fileName(item.path), item.title, ...item.aliases, item.path];
}

/** Which of `switcherKeys` a match's `key` is. */
export function matchedOn(item: SwitcherItem, key: number): { kind: "name" | "title" | "alias" | "path"; text: string } {
  if (key === 0) return { kind: "name", text: fileName(item.path) };
  if (key === 1) return { kind: "title", text: item.title };
  if (key - 2 < item.aliases.length) return { kind: "alias", text: item.aliases[key - 2] };
  return { kind: "path", text: item.path };
}

/** Items whose path is in `recent` first (in that order), then the rest. */
export function recentFirst(items: readonly SwitcherItem[], recent: readonly string[]): SwitcherItem[] {
  const byPath = new Map(items.map((i) => [i.path, i]));
  const first: SwitcherItem[] = [];
  const seen = new Set<string>();
  for (const path of recent) {
    const item = byPath.get(path);
    if (item && !seen.has(path)) {
      first.push(item);
      seen.add(path);
    }
  }
  return [...first, ...items.filter((i) => !seen.has(i.path))];
}

export function rankSwitcher(
  query: string,
  items: readonly SwitcherItem[],
  recent: readonly string[],
  limit: number,
): Ranked<SwitcherItem>[] {
  const pool = query.trim() === "" ? recentFirst(items, recent) : items;
  const ranked = fuzzyFilter(query, pool, switcherKeys, limit);
  // Stable: the best match among the excluded is still first of them.
  return [...ranked.filter((r) => !r.item.excluded), ...ranked.filter((r) => r.item.excluded)];
}
