// The arithmetic of a virtualised list of rows of one fixed height: which
// rows to put in the page for a scroll position, and where to scroll so a
// row is in view. Only a window of a long list is rendered (a folder of
// 10,000 notes would otherwise be 10,000 elements to lay out and update);
// the list keeps its full height so the scroll bar is the whole list's.
// Pure: the component measures, this decides.

/** Where a list is in its scrolling element, in pixels. */
export interface Viewport {
  /** How far the scroller is scrolled. */
  scrollTop: number;
  /** How tall the scroller's visible part is; 0 when it has no layout (hidden, or jsdom). */
  height: number;
  /** Where the list's first row starts in the scroller's content (below a header, say). */
  listTop: number;
}

export interface Sizing {
  rowHeight: number;
  /** Rows rendered beyond each edge, so a short scroll shows rows already there. */
  overscan: number;
  /** How many rows a scroller without layout is taken to show (else it would show none). */
  fallbackRows: number;
  /** A list of at most this many rows is rendered whole: it costs little, and nothing changes for it. */
  wholeUpTo: number;
}

/** The visible height, or the fallback's when the scroller has no layout. */
function shownHeight(view: Viewport, sizing: Sizing): number {
  return view.height > 0 ? view.height : sizing.fallbackRows * sizing.rowHeight;
}

/** The rows `[start, end)` in view, with the overscan, within `[0, count)`; all of a short list. */
export function rowWindow(count: number, view: Viewport, sizing: Sizing): { start: number; end: number } {
  if (count <= sizing.wholeUpTo) return { start: 0, end: count };
  const top = view.scrollTop - view.listTop;
  const { rowHeight, overscan } = sizing;
  const start = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const end = Math.min(count, Math.max(start, Math.ceil((top + shownHeight(view, sizing)) / rowHeight) + overscan));
  return { start, end };
}

/**
 * The scroll position that brings row `index` into view by the least
 * movement (as `scrollIntoView({ block: "nearest" })`), or null when it is
 * in view already.
 */
export function revealTop(index: number, view: Viewport, sizing: Sizing): number | null {
  const top = view.listTop + index * sizing.rowHeight;
  const bottom = top + sizing.rowHeight;
  const height = shownHeight(view, sizing);
  if (top < view.scrollTop) return top;
  if (bottom > view.scrollTop + height) return Math.max(0, bottom - height);
  return null;
}

/**
 * The indices to render, ascending: the window and the `extras` (rows that
 * must stay in the page wherever the list is scrolled, such as the focused
 * one); extras out of `[0, count)` are left out.
 */
export function renderedRows(start: number, end: number, extras: readonly number[], count: number): number[] {
  const out: number[] = [];
  const outside = [...new Set(extras)].filter((i) => i >= 0 && i < count && (i < start || i >= end)).sort((a, b) => a - b);
  for (const i of outside) if (i < start) out.push(i);
  for (let i = start; i < end; i++) out.push(i);
  for (const i of outside) if (i >= end) out.push(i);
  return out;
}
