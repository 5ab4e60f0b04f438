// Where the reader is: the note asked for, the back/forward history, and
// where the reading view should scroll next. Plain state: it never fetches
// a note and never touches the page (callers pass the scroll offset in, from
// dom.ts); the note store follows `path` with what it loads.
import * as hist from "../history";

/** Where the reading view should scroll once the note is on screen. */
export type Target =
  | { kind: "top" }
  | { kind: "anchor"; anchor: string }
  /** `marks`: words to mark on the line once there (what a search hit marked). */
  | { kind: "line"; line: number; snippet?: string; marks?: string[] }
  | { kind: "scroll"; top: number };

/** One step of the back/forward history. */
export interface Place {
  path: string;
  scroll: number;
}

const samePlace = (a: Place, b: Place) => a.path === b.path;

export class Navigation {
  /** The path asked for; null when no note is open. */
  path = $state<string | null>(null);
  history = $state.raw<hist.History<Place>>(hist.emptyHistory());
  /** Where to scroll once the note is on screen; the reading view clears it. */
  target = $state.raw<Target | null>(null);
  /** The heading being read, which the outline highlights. */
  activeAnchor = $state<string | null>(null);

  /** A new step to `path`; the place left keeps its scroll offset `scroll`. */
  visit(path: string, scroll: number): void {
    this.keepScroll(scroll);
    this.history = hist.push(this.history, { path, scroll: 0 }, samePlace);
    this.path = path;
  }

  /** One step back, if there is one: the place to show. */
  back(scroll: number): Place | null {
    if (!hist.canGoBack(this.history)) return null;
    this.keepScroll(scroll);
    this.history = hist.back(this.history);
    return this.arrive();
  }

  forward(scroll: number): Place | null {
    if (!hist.canGoForward(this.history)) return null;
    this.keepScroll(scroll);
    this.history = hist.forward(this.history);
    return this.arrive();
  }

  /** Scroll the note on screen (a heading in the outline, an in-page link). */
  aim(target: Target): void {
    this.target = target;
  }

  /** A note arrived for a visit: scroll to `target`; no heading is read yet. */
  land(target: Target): void {
    this.target = target;
    this.activeAnchor = null;
  }

  /** Notes moved (`[from, to]`): the history and the path asked for follow them. */
  rename(pairs: readonly (readonly [string, string])[]): void {
    if (pairs.length === 0) return;
    const moved = new Map(pairs);
    this.history = hist.mapEntries(this.history, (p) => {
      const to = moved.get(p.path);
      return to === undefined ? p : { ...p, path: to };
    });
    const to = this.path === null ? undefined : moved.get(this.path);
    if (to !== undefined) this.path = to;
  }

  /** No note on screen (the history stays). */
  leave(): void {
    this.path = null;
  }

  /** Another vault: nothing visited yet. */
  reset(): void {
    this.path = null;
    this.history = hist.emptyHistory();
    this.target = null;
    this.activeAnchor = null;
  }

  /** Paths visited, most recent first, for the quick switcher. */
  recentPaths(): string[] {
    const { entries, index } = this.history;
    return entries
      .slice(0, index + 1)
      .reverse()
      .map((p) => p.path)
      .filter((p) => p !== this.path);
  }

  private arrive(): Place | null {
    const place = hist.current(this.history);
    if (place) this.path = place.path;
    return place;
  }

  /** Keeps `top` as the scroll offset of the place on screen (the tab is left for another). */
  keep(top: number): void {
    this.keepScroll(top);
  }

  /** Where the place on screen was scrolled to when it was left. */
  scrollHere(): number {
    return hist.current(this.history)?.scroll ?? 0;
  }

  private keepScroll(top: number): void {
    const path = this.path;
    if (path === null) return;
    this.history = hist.updateCurrent(this.history, (p) => (p.path === path ? { ...p, scroll: top } : p));
  }
}
