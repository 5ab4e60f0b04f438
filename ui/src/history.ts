// Back/forward navigation history: an immutable list of places and a cursor.
// Pure, so the app can keep it in reactive state and tests can walk it.

export interface History<T> {
  readonly entries: readonly T[];
  /** The current entry; -1 when empty. */
  readonly index: number;
}

/** How many places are remembered; the oldest go first. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { entries: [], index: -1 };
}

export function current<T>(h: History<T>): T | null {
  return h.index >= 0 ? h.entries[h.index] : null;
}

export function canGoBack<T>(h: History<T>): boolean {
  return h.index > 0;
}

export function canGoForward<T>(h: History<T>): boolean {
  return h.index < h.entries.length - 1;
}

/**
 * Visit a new place: the forward entries are dropped. A place `same` as the
 * current one replaces it rather than adding a step.
 */
export function push<T>(
  h: History<T>,
  entry: T,
  same: (a: T, b: T) => boolean = Object.is,
  limit = HISTORY_LIMIT,
): History<T> {
  const here = current(h);
  const kept = h.entries.slice(0, h.index + 1);
  if (here !== null && same(here, entry)) {
    kept[kept.length - 1] = entry;
    return { entries: kept, index: kept.length - 1 };
  }
  kept.push(entry);
  const drop = Math.max(0, kept.length - limit);
  const entries = kept.slice(drop);
  return { entries, index: entries.length - 1 };
}

export function back<T>(h: History<T>): History<T> {
  return canGoBack(h) ? { entries: h.entries, index: h.index - 1 } : h;
}

export function forward<T>(h: History<T>): History<T> {
  return canGoForward(h) ? { entries: h.entries, index: h.index + 1 } : h;
}

/** The same history with the current entry changed (e.g. its scroll offset). */
export function updateCurrent<T>(h: History<T>, f: (entry: T) => T): History<T> {
  if (h.index < 0) return h;
  const entries = h.entries.slice();
  entries[h.index] = f(entries[h.index]);
  return { entries, index: h.index };
}

/** The same history with every entry passed through `f` (e.g. notes that moved). */
export function mapEntries<T>(h: History<T>, f: (entry: T) => T): History<T> {
  return { entries: h.entries.map(f), index: h.index };
}
