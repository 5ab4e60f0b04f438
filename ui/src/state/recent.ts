// The notes opened most recently, across every tab, newest first: what the
// quick switcher lists before anything is typed, as Obsidian's does. Kept
// with the workspace, so a restart keeps them. Plain state: no fetching.

/** How many are kept (Obsidian keeps fewer; a switcher page shows this many). */
export const RECENT_KEPT = 50;

export class Recent {
  private paths: string[] = [];

  /** `path` was opened: it comes first. */
  visit(path: string): void {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, RECENT_KEPT);
  }

  /** Notes moved: the list follows them. */
  rename(pairs: readonly (readonly [string, string])[]): void {
    const to = new Map(pairs);
    this.paths = this.paths.map((p) => to.get(p) ?? p);
  }

  /** Newest first, without `except` (the note on screen) and notes gone since (`exists`). */
  list(except: string | null, exists: (path: string) => boolean = () => true): string[] {
    return this.paths.filter((p) => p !== except && exists(p));
  }

  /** What is kept between runs. */
  saved(): string[] {
    return [...this.paths];
  }

  /** The list kept last time (or none: another vault). */
  restore(paths: readonly string[]): void {
    this.paths = [...new Set(paths)].slice(0, RECENT_KEPT);
  }
}
