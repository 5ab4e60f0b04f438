// The open tabs of the note pane: each its own Navigation (the note it
// shows, its back/forward history with each place's scroll offset), one of
// them active. Plain state: it never fetches or touches the page; the app
// shows the active tab's note. What is kept between runs is `saved()`:
// each tab's history, paths and scroll offsets only.
import * as hist from "../history";
import { Navigation, type Place } from "./navigation.svelte";

export class Tab {
  readonly nav = new Navigation();
  constructor(readonly id: number) {}

  /** The note it shows, or null for a new, empty tab. */
  get path(): string | null {
    return this.nav.path;
  }
}

/** The tabs as kept between runs (per vault). */
export interface SavedTabs {
  tabs: { places: Place[]; index: number }[];
  active: number;
}

/** Tab ids are unique across panes: a tab keeps its id when dragged into another pane. */
let nextTab = 1;

export class Tabs {
  list = $state.raw<Tab[]>([]);
  index = $state(0);

  constructor() {
    this.list = [this.make()];
  }

  get current(): Tab {
    return this.list[this.index] ?? this.list[0];
  }

  private make(): Tab {
    return new Tab(nextTab++);
  }

  /** A new empty tab after the active one, made active; answers it. */
  add(): Tab {
    const tab = this.make();
    const at = this.index + 1;
    this.list = [...this.list.slice(0, at), tab, ...this.list.slice(at)];
    this.index = at;
    return tab;
  }

  /** Makes the tab at `i` the active one (wrapping around). */
  activate(i: number): void {
    const n = this.list.length;
    this.index = ((i % n) + n) % n;
  }

  /**
   * Closes the tab at `i`: the tab to its right becomes active if it was
   * (else the one to its left); the last tab closed leaves one empty tab,
   * as Obsidian's pane does.
   */
  close(i: number = this.index): void {
    if (i < 0 || i >= this.list.length) return;
    if (this.list.length === 1) {
      this.list = [this.make()];
      this.index = 0;
      return;
    }
    const active = this.current;
    this.list = this.list.filter((_, k) => k !== i);
    if (i === this.index) this.index = Math.min(i, this.list.length - 1);
    else this.index = this.list.indexOf(active);
  }

  /** Moves the tab at `from` to `to` (a drag along the tab bar); the active tab stays active. */
  move(from: number, to: number): void {
    const n = this.list.length;
    if (from < 0 || from >= n || to < 0 || to >= n || from === to) return;
    const active = this.current;
    const list = [...this.list];
    const [tab] = list.splice(from, 1);
    list.splice(to, 0, tab);
    this.list = list;
    this.index = list.indexOf(active);
  }

  /**
   * Takes the tab at `i` out, history and all (to put it in another pane);
   * the active tab stays active, or its neighbour if it was this one. A
   * pane's only tab leaves an empty tab behind.
   */
  take(i: number): Tab | null {
    const tab = this.list[i];
    if (!tab) return null;
    this.close(i);
    return tab;
  }

  /** Puts `tab` (taken from another pane) at `at`, made active. */
  put(tab: Tab, at: number): void {
    const k = Math.max(0, Math.min(at, this.list.length));
    this.list = [...this.list.slice(0, k), tab, ...this.list.slice(k)];
    this.index = k;
  }

  /** Notes moved: every tab's history follows them. */
  rename(pairs: readonly (readonly [string, string])[]): void {
    for (const tab of this.list) tab.nav.rename(pairs);
  }

  /** Another vault: one empty tab. */
  reset(): void {
    this.list = [this.make()];
    this.index = 0;
  }

  /** What is kept between runs: each tab's places (path and scroll) and where it is in them. */
  saved(): SavedTabs {
    return {
      tabs: this.list.map((t) => ({ places: [...t.nav.history.entries], index: t.nav.history.index })),
      active: this.index,
    };
  }

  /**
   * The tabs kept last time, with only the places whose notes still exist;
   * a tab left with none is dropped. False (nothing changed) when no tab is
   * left to restore.
   */
  restore(saved: SavedTabs, exists: (path: string) => boolean): boolean {
    const tabs: Tab[] = [];
    let active = 0;
    saved.tabs.forEach((s, k) => {
      const before = s.places.slice(0, s.index + 1).filter((p) => exists(p.path)).length;
      const places = s.places.filter((p) => exists(p.path));
      if (places.length === 0) return;
      const tab = this.make();
      let h = hist.emptyHistory<Place>();
      for (const p of places) h = hist.push(h, p, (a, b) => a.path === b.path);
      // Back to where the tab was in its history.
      for (let i = places.length; i > Math.max(1, before); i--) h = hist.back(h);
      tab.nav.history = h;
      tab.nav.path = hist.current(h)?.path ?? null;
      if (k === saved.active) active = tabs.length;
      tabs.push(tab);
    });
    if (tabs.length === 0) return false;
    this.list = tabs;
    this.index = Math.min(active, tabs.length - 1);
    return true;
  }
}
