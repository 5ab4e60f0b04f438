// The quick switcher's list: every note matched on its title, aliases and
// path; with no query, the notes visited most recently come first; the
// vault's excluded files after every other. Pure.
import type { SwitcherItem } from "./api";
import { fuzzyFilter, type Ranked } from "./fuzzy";

export function switcherKeys(item: SwitcherItem): string[] {
  return [item.title, ...item.aliases, item.path];
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
